package state

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// ErrUnsafe says a state file or its folder is not what folio made: a
// symbolic link, another kind of file, another user's, or open to others.
// folio then refuses to use it rather than read or write through it.
var ErrUnsafe = errors.New("refused")

// prepareDir makes the store's folder (mode 0700) when missing and checks
// that it, and the store file when there is one, can be trusted: the
// folder a real folder (not a link) and the user's own, made private
// (0700) when it is not; the file a regular file, not a link.
func prepareDir(path string) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("reading state: %w", err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("reading state: %w", err)
	}
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("reading state folder %s is a symbolic link: %w", dir, ErrUnsafe)
	case !fi.IsDir():
		return fmt.Errorf("reading state folder %s is not a folder: %w", dir, ErrUnsafe)
	case !ownedByUser(fi):
		return fmt.Errorf("reading state folder %s belongs to another user: %w", dir, ErrUnsafe)
	case fi.Mode().Perm()&0o077 != 0:
		// The user's own folder: made private rather than refused.
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("reading state folder %s is open to other users (mode %04o) and could not be made private: %w", dir, fi.Mode().Perm(), err)
		}
	}
	fi, err = os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("reading state: %w", err)
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("reading state %s is a symbolic link: %w", path, ErrUnsafe)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("reading state %s is not a regular file: %w", path, ErrUnsafe)
	}
	return nil
}

// openFile is os.OpenFile that never follows a link at the last element of
// name (bbolt opens the store through it): a link planted between the check
// and the open is refused too.
func openFile(name string, flag int, perm os.FileMode) (*os.File, error) {
	f, err := os.OpenFile(name, flag|noFollow, perm)
	if err != nil && isLinkLoop(err) {
		return nil, fmt.Errorf("reading state %s is a symbolic link: %w", name, ErrUnsafe)
	}
	return f, err
}

// moveAside renames a damaged store to a name of its own, beside it: the
// time, and a number when that name is taken. The name is reserved by
// creating it exclusively before the rename, so two folios setting a store
// aside in the same second never overwrite each other's copy.
func moveAside(path string, at time.Time) (string, error) {
	stamp := at.UTC().Format("20060102T150405")
	for n := 0; n < 1000; n++ {
		aside := fmt.Sprintf("%s.broken-%s", path, stamp)
		if n > 0 {
			aside = fmt.Sprintf("%s-%d", aside, n)
		}
		f, err := os.OpenFile(aside, os.O_WRONLY|os.O_CREATE|os.O_EXCL|noFollow, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		f.Close()
		if err := os.Rename(path, aside); err != nil {
			os.Remove(aside)
			return "", err
		}
		return aside, nil
	}
	return "", fmt.Errorf("%s.broken-%s: a thousand copies set aside already", path, stamp)
}
