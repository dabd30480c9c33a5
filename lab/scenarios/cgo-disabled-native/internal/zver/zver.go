// Package zver reports the zlib version linked into the binary.
package zver

/*
#cgo LDFLAGS: -lz
#include <zlib.h>
*/
import "C"

// Version returns the runtime zlib version.
func Version() string { return C.GoString(C.zlibVersion()) }
