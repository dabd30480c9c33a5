unsigned int fastsum(const unsigned char *p, int n);
