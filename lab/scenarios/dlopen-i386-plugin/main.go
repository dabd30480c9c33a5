package main

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdlib.h>

typedef int (*answer_fn)(void);

static void *open_plugin(const char *path) { return dlopen(path, RTLD_NOW); }
static const char *plugin_error(void) { return dlerror(); }
static int call_answer(void *h) {
	answer_fn f = (answer_fn)dlsym(h, "plugin_answer");
	return f ? f() : -1;
}
*/
import "C"

import (
	"fmt"
	"os"
	"unsafe"
)

func main() {
	path := C.CString("./plugins/libanswer.so")
	defer C.free(unsafe.Pointer(path))
	h := C.open_plugin(path)
	if h == nil {
		fmt.Fprintln(os.Stderr, "load plugin:", C.GoString(C.plugin_error()))
		os.Exit(1)
	}
	fmt.Println("hello from app, plugin answer", int(C.call_answer(h)))
}
