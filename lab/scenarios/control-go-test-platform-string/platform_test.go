package main

import "testing"

func TestPlatformString(t *testing.T) {
	cases := []struct {
		p    Platform
		want string
	}{
		{Platform{"linux", "amd64"}, "linux/amd64"},
		{Platform{"linux", "arm64"}, "linux/arm64"},
	}
	for _, c := range cases {
		if got := c.p.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.p, got, c.want)
		}
	}
}
