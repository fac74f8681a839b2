// Package ownfile opens the files folio makes for itself (its index cache
// and the cache's temporary file, lock files, the sockets' folder, cookie
// files) without following symbolic links, in folders that are the user's
// own: a link planted in one of them is refused, never written through.
package ownfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/gofrs/flock"
)

// ErrLink is the error for a symbolic link found where folio keeps a file
// or a folder of its own.
var ErrLink = errors.New("is a symbolic link, where folio keeps a file of its own: refused")

// ErrNotRegular is the error for something else than a regular file (a
// folder, a device, a pipe) found where folio keeps a file of its own.
var ErrNotRegular = errors.New("is not a regular file: refused")

// Dir makes the folder path (0700) when it is missing, and then is Own.
func Dir(path string) error {
	if err := os.MkdirAll(path, 0o700); err != nil {
		if lerr := NoLink(path); lerr != nil {
			return lerr
		}
		return err
	}
	return Own(path)
}

// Own checks that the folder path, folio's own, is a folder, not a link
// to one, and the user's; one that others may enter is closed to them
// (0700).
func Own(path string) error {
	err := Private(path)
	if errors.Is(err, errOpen) {
		if cerr := os.Chmod(path, 0o700); cerr != nil {
			return fmt.Errorf("%w (%w)", err, cerr)
		}
		return nil
	}
	return err
}

// Open opens the file at path, which must not be a symbolic link and, once
// opened, must be a regular file.
func Open(path string, flag int, perm os.FileMode) (*os.File, error) {
	if noFollow == 0 { // no O_NOFOLLOW here: look first
		if err := NoLink(path); err != nil {
			return nil, err
		}
	}
	f, err := os.OpenFile(path, flag|noFollow, perm)
	if err != nil {
		if NoLink(path) != nil { // O_NOFOLLOW's error (ELOOP) says less
			return nil, fmt.Errorf("%s %w", path, ErrLink)
		}
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s %w (%v)", path, ErrNotRegular, info.Mode().Type())
	}
	return f, nil
}

// WriteFile writes data to the file at path (0600), not through a link.
func WriteFile(path string, data []byte) error {
	f, err := Open(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// Lock is a lock file at path that is opened without following a link.
func Lock(path string) *flock.Flock {
	return flock.New(path, flock.SetFlag(os.O_CREATE|os.O_RDWR|noFollow), flock.SetPermissions(0o600))
}

// NoLink says whether path, when it exists, is not a symbolic link.
func NoLink(path string) error {
	info, err := os.Lstat(path)
	if err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s %w", path, ErrLink)
	}
	return nil
}
