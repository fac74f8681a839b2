//go:build unix

package state

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlantedLinksRefused: a link at the store's path or at its folder is
// refused with one message, and nothing is written through it.
func TestPlantedLinksRefused(t *testing.T) {
	elsewhere := t.TempDir()
	target := filepath.Join(elsewhere, "target")
	if err := os.WriteFile(target, []byte("someone else's file"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(t *testing.T) string{
		"link at the file": func(t *testing.T) string {
			dir := t.TempDir()
			path := filepath.Join(dir, "s.db")
			if err := os.Symlink(target, path); err != nil {
				t.Fatal(err)
			}
			return path
		},
		"dangling link at the file": func(t *testing.T) string {
			path := filepath.Join(t.TempDir(), "s.db")
			if err := os.Symlink(filepath.Join(elsewhere, "new.db"), path); err != nil {
				t.Fatal(err)
			}
			return path
		},
		"link at the folder": func(t *testing.T) string {
			parent := t.TempDir()
			if err := os.Symlink(elsewhere, filepath.Join(parent, "folio")); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(parent, "folio", "s.db")
		},
	}
	for name, plant := range cases {
		t.Run(name, func(t *testing.T) {
			path := plant(t)
			s, _, err := Open(path)
			if err == nil {
				s.Close()
				t.Fatal("opened through a link")
			}
			if !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), "symbolic link") {
				t.Fatalf("error %v", err)
			}
			if got, _ := os.ReadFile(target); string(got) != "someone else's file" {
				t.Fatal("the link's target changed")
			}
			if _, err := os.Stat(filepath.Join(elsewhere, "new.db")); err == nil {
				t.Fatal("a store was made at the dangling link's target")
			}
		})
	}
}

// TestStateFolderPrivate: a folder is made 0700, and one of the user's
// own that is open to other users is made private.
func TestStateFolderPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "folio")
	s := open(t, filepath.Join(dir, "s.db"))
	s.Close()
	fi, err := os.Stat(dir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("folder made %v, %v", fi.Mode(), err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	open(t, filepath.Join(dir, "s.db")).Close()
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("a folder open to others left %v, %v", fi.Mode(), err)
	}
}

// TestOpenFileRefusesLink: the open itself, not only the check before it,
// refuses a link (one planted between the two).
func TestOpenFileRefusesLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	os.WriteFile(target, nil, 0o600)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if f, err := openFile(link, os.O_RDWR, 0o600); !errors.Is(err, ErrUnsafe) {
		if f != nil {
			f.Close()
		}
		t.Fatalf("openFile through a link: %v", err)
	}
}

// TestStateFolderOfAnotherUser: a folder that belongs to someone else is
// refused (checkable only as root, who can give a folder away).
func TestStateFolderOfAnotherUser(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to give a folder to another user")
	}
	dir := filepath.Join(t.TempDir(), "folio")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	_, _, err := Open(filepath.Join(dir, "s.db"))
	if !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), "another user") {
		t.Fatalf("another user's folder: %v", err)
	}
}
