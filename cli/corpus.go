// Package cli implements folio's plain commands (list, show, stats) for
// scripts: it opens a corpus (package library: its cache, revalidated,
// else the files) and prints it as text or JSON lines. The same code
// answers an SSH client that runs a command without a terminal.
package cli

import (
	"context"

	"github.com/folio-reader/folio/library"
)

// corpusFor opens the corpus a command names, unless one is given (over
// SSH, the server's): current before it answers, its bodies indexed when
// the command looks in them. The returned close lets a cache write finish.
func corpusFor(ctx context.Context, dir string, env Env, given Corpus, bodies, noCache bool) (Corpus, *library.Library, func() error, error) {
	if given != nil {
		return given, nil, func() error { return nil }, nil
	}
	lib, err := library.Open(ctx, library.SourceFor(dir, env.Getenv), library.Options{Bodies: bodies, NoCache: noCache, Getenv: env.Getenv, PauseCollector: env.PauseCollector})
	if err != nil {
		return nil, nil, nil, err
	}
	if err := lib.Wait(ctx); err != nil {
		lib.Close()
		return nil, nil, nil, err
	}
	return lib.Corpus, lib, lib.Close, nil
}

// followedCorpus is corpusFor for list --follow: the folder is watched, and
// the corpus follows it until the command returns. A given corpus (the
// server's) follows its folder already.
func followedCorpus(ctx context.Context, dir string, env Env, given Corpus, bodies, noCache bool) (Corpus, func() error, error) {
	if given != nil {
		return given, func() error { return nil }, nil
	}
	lib, err := library.Open(ctx, library.SourceFor(dir, env.Getenv), library.Options{Bodies: bodies, NoCache: noCache, Getenv: env.Getenv, Watch: true, PauseCollector: env.PauseCollector})
	if err != nil {
		return nil, nil, err
	}
	if err := lib.Wait(ctx); err != nil {
		lib.Close()
		return nil, nil, err
	}
	return lib.Corpus, lib.Close, nil
}
