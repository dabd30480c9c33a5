package main

/*
#include <stdlib.h>

static int c_checksum(const char *s) {
	int sum = 0;
	while (*s) sum += (unsigned char)*s++;
	return sum;
}
*/
import "C"

import "unsafe"

func checksum(s string) int {
	cs := C.CString(s)
	defer C.free(unsafe.Pointer(cs))
	return int(C.c_checksum(cs))
}
