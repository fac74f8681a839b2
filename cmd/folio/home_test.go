package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestMain points every folder folio writes to (the index cache, state,
// config) at a temporary one, for this test binary and every folio it
// starts, so no test ever touches the real home.
func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "folio-e2e-home")
	if err != nil {
		panic(err)
	}
	// go build, which the tests run, keeps its cache where it was.
	if os.Getenv("GOCACHE") == "" {
		if out, err := exec.Command("go", "env", "GOCACHE").Output(); err == nil {
			os.Setenv("GOCACHE", strings.TrimSpace(string(out)))
		}
	}
	for _, v := range []string{"XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR"} {
		os.Setenv(v, tmp+"/"+v)
	}
	code := m.Run()
	os.RemoveAll(tmp)
	os.Exit(code)
}
