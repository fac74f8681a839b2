package local

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

// TestPagerRuns: show's output goes through $PAGER, which is given LESS=FRX
// when LESS is not set, and Close waits for it.
func TestPagerRuns(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "pager.sh")
	seen := filepath.Join(dir, "seen")
	if err := os.WriteFile(script, []byte("#!/bin/sh\n{ echo \"LESS=$LESS\"; cat; } > "+seen+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	p := NewPager(envOf(map[string]string{"PAGER": script}), &out, &out)
	for _, s := range []string{"Title\n", "body\n"} {
		if _, err := p.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(seen); string(got) != "LESS=FRX\nTitle\nbody\n" {
		t.Errorf("the pager read %q", got)
	}
	if out.Len() != 0 {
		t.Errorf("written past the pager: %q", out.String())
	}
}

// TestPagerQuitEarly: a pager that exits at once (the user pressed q) is
// no error, and the rest of a long article is dropped.
func TestPagerQuitEarly(t *testing.T) {
	truePath, err := exec.LookPath("true")
	if err != nil {
		t.Skip("no true")
	}
	var out bytes.Buffer
	p := NewPager(envOf(map[string]string{"PAGER": truePath}), &out, &out)
	chunk := []byte(strings.Repeat("x", 32<<10))
	for range 64 {
		if _, err := p.Write(chunk); err != nil {
			t.Fatalf("write after the pager quit: %v", err)
		}
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestNoPager: without $PAGER and without less, the output goes to the
// terminal as it is.
func TestNoPager(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no less here
	var out bytes.Buffer
	p := NewPager(envOf(nil), &out, &out)
	p.Write([]byte("plain\n"))
	p.Close()
	if out.String() != "plain\n" {
		t.Errorf("output %q", out.String())
	}
}
