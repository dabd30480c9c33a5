package main

import (
	"fmt"

	"example.com/app/internal/zver"
)

func main() {
	fmt.Println("hello from app, zlib", zver.Version())
}
