package main

import (
	"fmt"
	"os"
)

func parseConfig(args []string) string {
	if len(args) > 1 {
		return args[1]
	}
	return "default"
}

func main() {
	cfg := parseConfg(os.Args)
	fmt.Println("hello from app with config", cfg)
}
