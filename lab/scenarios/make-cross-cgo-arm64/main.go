package main

/*
#include <stdlib.h>

static int checksum(const char *s) {
	int sum = 0;
	while (*s) sum += (unsigned char)*s++;
	return sum;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

func main() {
	msg := C.CString("hello from app")
	defer C.free(unsafe.Pointer(msg))
	fmt.Println(C.GoString(msg), "checksum", int(C.checksum(msg)))
}
