//go:build unix

package ownfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestOwnFiles: a link where folio keeps a file or a folder of its own is
// refused, never followed; something else than a regular file is refused;
// folio's folder is made 0700, and one open to others is closed to them.
func TestOwnFiles(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), "target")
	if err := os.WriteFile(target, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("theirs")); !errors.Is(err, ErrLink) {
		t.Errorf("WriteFile through a link: %v", err)
	}
	if _, err := Open(link, os.O_RDONLY, 0); !errors.Is(err, ErrLink) {
		t.Errorf("Open of a link: %v", err)
	}
	if b, _ := os.ReadFile(target); string(b) != "mine" {
		t.Errorf("the target holds %q", b)
	}
	if _, err := Open(dir, os.O_RDONLY, 0); !errors.Is(err, ErrNotRegular) {
		t.Errorf("Open of a folder: %v", err)
	}
	own := filepath.Join(dir, "own", "folio")
	if err := Dir(own); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(own); info.Mode().Perm() != 0o700 {
		t.Errorf("made %v", info.Mode().Perm())
	}
	os.Chmod(own, 0o755)
	if err := Private(own); err == nil {
		t.Error("Private: a folder open to others passed")
	}
	if err := Own(own); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(own); info.Mode().Perm() != 0o700 {
		t.Errorf("Own left %v", info.Mode().Perm())
	}
	linkedDir := filepath.Join(dir, "linked")
	os.Symlink(own, linkedDir)
	if err := Dir(linkedDir); !errors.Is(err, ErrLink) {
		t.Errorf("Dir of a link: %v", err)
	}
}
