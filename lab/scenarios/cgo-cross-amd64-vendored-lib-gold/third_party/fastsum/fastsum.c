#include "fastsum.h"

unsigned int fastsum(const unsigned char *p, int n) {
	unsigned int s = 0;
	for (int i = 0; i < n; i++) s += p[i];
	return s;
}
