package main

/*
#cgo LDFLAGS: -lz
#include <zlib.h>
*/
import "C"

import "fmt"

func main() {
	fmt.Println("hello from app, zlib", C.GoString(C.zlibVersion()))
}
