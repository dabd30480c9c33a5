package main

import "fmt"

// Platform is a GOOS/GOARCH pair as the release tooling names it.
type Platform struct{ OS, Arch string }

func (p Platform) String() string { return p.OS + "-" + p.Arch }

func main() {
	fmt.Println("hello from app for", Platform{"linux", "arm64"})
}
