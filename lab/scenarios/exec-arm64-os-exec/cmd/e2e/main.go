// Command e2e starts the worker binary the way the deployment does and checks its greeting.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	out, err := exec.Command("./bin/worker").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: start worker: %v\n", err)
		os.Exit(1)
	}
	fmt.Print(string(out))
	if !strings.Contains(string(out), "hello from app") {
		fmt.Fprintln(os.Stderr, "e2e: unexpected worker output")
		os.Exit(1)
	}
	fmt.Println("e2e: ok")
}
