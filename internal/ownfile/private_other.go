//go:build !unix

package ownfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

const noFollow = 0

// errOpen is never returned here.
var errOpen = errors.New("may be reached by other users")

// Private checks that the folder path is a folder and not a link;
// elsewhere the user's profile folders are the user's.
func Private(path string) error {
	info, err := os.Lstat(path)
	if err != nil {
		return err
	}
	switch {
	case info.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("%s %w", path, ErrLink)
	case !info.IsDir():
		return fmt.Errorf("%s is not a folder", path)
	}
	return nil
}
