package library

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/samples"
)

// Source says where a corpus comes from: a folder, or the embedded samples
// when Dir is empty.
type Source struct {
	Dir string
}

// SourceFor picks the corpus folder: the argument, else $FOLIO_DIR, else the
// embedded samples.
func SourceFor(dir string, getenv func(string) string) Source {
	if dir == "" && getenv != nil {
		dir = getenv("FOLIO_DIR")
	}
	return Source{Dir: dir}
}

// Name is how messages refer to the source.
func (s Source) Name() string {
	if s.Dir == "" {
		return "the sample corpus"
	}
	return s.Dir
}

// Open returns the source as a file system, and a function to release it.
func (s Source) Open() (fs.FS, func() error, error) {
	if s.Dir == "" {
		return samples.FS(), func() error { return nil }, nil
	}
	fsys, closeFS, err := loader.Dir(s.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("no such folder: %s", s.Dir)
	}
	return fsys, closeFS, err
}
