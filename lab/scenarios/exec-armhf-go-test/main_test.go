package main

import "testing"

func TestGreeting(t *testing.T) {
	t.Log("greeting ok")
}
