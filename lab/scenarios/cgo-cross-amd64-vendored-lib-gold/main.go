package main

/*
#cgo CFLAGS: -I${SRCDIR}/third_party/fastsum
#cgo LDFLAGS: ${SRCDIR}/third_party/fastsum/libfastsum.a
#include "fastsum.h"
*/
import "C"

import "fmt"

func main() {
	msg := []byte("hello from app")
	fmt.Println(string(msg), "sum", uint(C.fastsum((*C.uchar)(&msg[0]), C.int(len(msg)))))
}
