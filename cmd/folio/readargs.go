package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
)

// readOptions are the reader's flags, the settings file's values applied.
type readOptions struct {
	measure int
	sort    model.SortKey
	noCache bool
}

// readerArgs is the reader's command line: [--measure N] [--sort KEY]
// [--no-cache] [DIR], the flags before or after the folder.
type readerArgs struct {
	dir   string
	opts  readOptions
	given map[string]bool // the flags written on the command line
}

// parseReaderArgs reads the reader's command line; an error is a usage
// mistake, for status 2.
func parseReaderArgs(args []string) (readerArgs, error) {
	fs := flag.NewFlagSet("folio", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	measure := fs.Int("measure", 80, "the reader's text width in columns (20–240); + and - change it while reading")
	sortName := fs.String("sort", "", "the list's first order: date, oldest, title, author or category")
	noCache := fs.Bool("no-cache", false, "neither read nor write the index cache (also FOLIO_NO_CACHE=1)")
	pos, err := cli.ParseAnywhere(fs, args)
	if err != nil {
		return readerArgs{}, err
	}
	if len(pos) > 0 {
		// A word that names no folder and is one or two letters away from a
		// command is a mistyped command, not a missing folder.
		if _, err := os.Stat(pos[0]); err != nil {
			if near := cli.Nearest(pos[0], commands); near != "" {
				return readerArgs{}, fmt.Errorf("unknown command %q: did you mean %s?", safe.Clip(pos[0], 80), near)
			}
		}
	}
	if len(pos) > 1 {
		return readerArgs{}, fmt.Errorf("unknown command %q", safe.Clip(pos[0], 80))
	}
	if *measure < 20 || *measure > 240 {
		return readerArgs{}, errors.New("--measure takes 20 to 240 columns")
	}
	sortKey, err := model.ParseSortKey(*sortName)
	if err != nil || sortKey == model.SortRelevance {
		return readerArgs{}, fmt.Errorf("--sort %q: want date, oldest, title, author or category", safe.Clip(*sortName, 80))
	}
	ra := readerArgs{dir: firstArg(pos), opts: readOptions{measure: *measure, sort: sortKey, noCache: *noCache}, given: map[string]bool{}}
	fs.Visit(func(f *flag.Flag) { ra.given[f.Name] = true })
	return ra, nil
}

// apply takes the settings file's values for the flags not given: the
// command line wins over the file.
func (ra *readerArgs) apply(conf config.Config) {
	if !ra.given["measure"] && conf.Width != 0 {
		ra.opts.measure = conf.Width
	}
	if !ra.given["sort"] && conf.Sort != "" {
		ra.opts.sort, _ = model.ParseSortKey(conf.Sort) // checked by config.Load
	}
}
