// Package cli implements folio's plain commands (list, show, stats) for
// scripts: it opens a corpus (package library: its cache, revalidated,
// else the files) and prints it as text or JSON lines. The same code
// answers an SSH client that runs a command without a terminal.
package cli

import (
	"context"
	"fmt"

	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
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
	return lib.Corpus, lib, sayLateCacheProblem(lib, env, lib.Close), nil
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
	return lib.Corpus, sayLateCacheProblem(lib, env, lib.Close), nil
}

// sayLateCacheProblem is close, but it first says a problem with the index
// cache that the command's own queries found (word positions that failed
// their check, which a phrase reads long after the problems the command
// said at its start): the answers were right, from the text, but slow, and
// the cache is rebuilt at the next start.
func sayLateCacheProblem(lib *library.Library, env Env, close func() error) func() error {
	before := lib.Cache().Problem
	return func() error {
		if p := lib.Cache().Problem; p != "" && p != before {
			fmt.Fprintln(env.Stderr, "folio: "+model.Problem{Reason: p, Severity: model.Warning}.String())
		}
		return close()
	}
}
