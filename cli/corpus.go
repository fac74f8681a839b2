// Package cli implements folio's plain commands (list, show, stats) for
// scripts: it loads a corpus and prints it as text or JSON lines. The same
// code answers an SSH client that runs a command without a terminal.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
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
	return loader.Dir(s.Dir)
}

// NewCorpus returns an empty corpus whose articles open from fsys.
func NewCorpus(fsys fs.FS) *model.Corpus {
	return model.NewCorpus(func(id string) (*model.Article, error) {
		return loader.ReadArticle(fsys, id)
	})
}

// Fill loads fsys into c, batch by batch, and records the load time.
// progress, when not nil, is called after every batch.
func Fill(ctx context.Context, c *model.Corpus, fsys fs.FS, progress func()) error {
	start := time.Now()
	err := loader.Load(ctx, fsys, loader.Options{}, func(b model.Batch) {
		c.Add(b)
		if progress != nil {
			progress()
		}
	})
	c.Finish(time.Since(start))
	return err
}

// Load opens a source and loads it whole.
func Load(ctx context.Context, src Source, bodies Bodies) (*model.Corpus, func() error, error) {
	fsys, closeFS, err := src.Open()
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("no such folder: %s", src.Dir)
		}
		return nil, nil, err
	}
	c := NewCorpus(fsys)
	if err := Fill(ctx, c, fsys, nil); err != nil {
		closeFS()
		return nil, nil, fmt.Errorf("load %s: %w", src.Name(), err)
	}
	switch bodies {
	case WaitForBodies:
		if err := loader.IndexBodies(ctx, fsys, c); err != nil {
			closeFS()
			return nil, nil, fmt.Errorf("index %s: %w", src.Name(), err)
		}
	case BodiesInBackground:
		ctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			c.BuildIndex()
			loader.IndexBodies(ctx, fsys, c)
		}()
		return c, func() error { cancel(); <-done; return closeFS() }, nil
	}
	return c, closeFS, nil
}

// Bodies says whether Load also indexes the articles' bodies, which lets
// words match in them: it takes about twice as long as loading.
type Bodies int

const (
	NoBodies           Bodies = iota // titles, bylines and categories only
	WaitForBodies                    // index the bodies before Load returns
	BodiesInBackground               // return once loaded; index behind
)
