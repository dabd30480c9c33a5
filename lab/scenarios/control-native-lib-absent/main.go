package main

/*
#cgo LDFLAGS: -lacmeclient
int acme_client_version(void);
*/
import "C"

import "fmt"

func main() {
	fmt.Println("hello from app, acme client", int(C.acme_client_version()))
}
