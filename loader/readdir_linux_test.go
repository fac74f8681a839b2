package loader

import (
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// TestFastReadDir: getdents64 lists what os.ReadDir lists, with the same
// names, order and types, and Info reads the entry through the root.
func TestFastReadDir(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o700)
	for _, n := range []string{"b.txt", "a.txt", "bad\xffname.txt"} {
		writeFile(t, sub, n, "x")
	}
	os.Mkdir(filepath.Join(sub, "inner"), 0o700)
	if err := os.Symlink("a.txt", filepath.Join(sub, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(sub, "pipe.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	// Enough names that getdents64 is called more than once.
	for i := range 3000 {
		writeFile(t, sub, "many-"+strconv.Itoa(i)+".txt", "")
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	got, err := fastReadDir(root, "sub")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadDir(sub)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d entries, os.ReadDir lists %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Name() != want[i].Name() || got[i].Type() != want[i].Type() || got[i].IsDir() != want[i].IsDir() {
			t.Errorf("entry %d: %q %v, want %q %v", i, got[i].Name(), got[i].Type(), want[i].Name(), want[i].Type())
		}
	}
	for _, e := range got {
		if e.Name() != "b.txt" {
			continue
		}
		info, err := e.Info()
		if err != nil || info.Size() != 1 || !info.Mode().IsRegular() {
			t.Errorf("Info of b.txt: %v, %v", info, err)
		}
	}
}
