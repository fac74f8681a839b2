package main

import "testing"

func TestLoopbackOnly(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:23234", true},
		{"127.8.9.10:22", true},
		{"[::1]:23234", true},
		{"localhost:23234", true},
		{"10.0.0.1:23234", false},
		{"example.com:22", false},
		{"[2001:db8::1]:22", false},
		{"0.0.0.0:23234", false},
		{"127.0.0.1", false}, // no port
	} {
		if err := loopback(tc.addr); (err == nil) != tc.ok {
			t.Errorf("loopback(%q) = %v, want ok %v", tc.addr, err, tc.ok)
		}
	}
}

func TestCountBounds(t *testing.T) {
	for _, tc := range []struct{ n, def, limit, want int }{
		{0, 50, 100, 50},
		{-3, 50, 100, 1},
		{100, 50, 100, 100},
		{101, 50, 100, 100},
		{1 << 40, 100, 1000, 1000},
	} {
		if got := count(tc.n, tc.def, tc.limit); got != tc.want {
			t.Errorf("count(%d, %d, %d) = %d, want %d", tc.n, tc.def, tc.limit, got, tc.want)
		}
	}
}
