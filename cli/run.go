package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/state"
)

// Env is what a command may touch: its output streams and environment.
type Env struct {
	Stdout, Stderr io.Writer
	Getenv         func(string) string
	Terminal       bool // stdout is a terminal: show may typeset
	Width          int  // the terminal's width, when Terminal
	// Typeset writes an article set for a terminal to w, as it goes; nil
	// prints plain text.
	Typeset func(w io.Writer, a *model.Article, width int) error
	Stdin   io.Reader     // for IDs given as -; nil: none
	Config  config.Config // the settings file, as read; zero: not read
	// State is the reading state when the caller has it open (over SSH:
	// the client's key's); nil: the corpus folder's own store.
	State *state.Store

	// Ask puts a command to a folio that keeps the corpus of folder dir
	// open and current (package resident), copying its output to Stdout
	// and Stderr; answered false: nobody did, and nothing was written.
	// args are the command's name and every flag with its value as
	// parsed here, then the positional arguments but the folder. nil:
	// never ask.
	Ask func(ctx context.Context, dir string, args []string) (status int, answered bool)
	// Folder is, with a given corpus, the folder it is of when the
	// command was asked by a local folio (Ask's other side): it then
	// answers as that folio would itself, problems printed and the
	// folder's own reading state used.
	Folder string
	// Limits bound what a query may cost; zero: LocalLimits.
	Limits Limits
	// Cut, when set, is told why a limit cut a command short, once each
	// time (a server logs it); the command's stderr says so too.
	Cut func(reason string)
	// PauseCollector is library.Options.PauseCollector for the corpus a
	// command opens: the process's main decides the collector's settings.
	PauseCollector func() (resume func())
}

// exitStatus is a command's status when another folio answered it: its
// output was written already.
type exitStatus int

func (e exitStatus) Error() string { return "exit status " + strconv.Itoa(int(e)) }

// errUsage marks a mistake in the command line; its message is printed as is.
var errUsage = errors.New("usage")

// errNotFound is find's: no article has the ID.
var errNotFound = errors.New("no such article")

// IsCommand reports whether name is a plain command Run knows: list,
// show, stats, mark, tag or config.
func IsCommand(name string) bool {
	switch name {
	case "list", "show", "stats", "mark", "tag", "config", "kwic", "terms", "trends", "export", "related", "stories":
		return true
	}
	return false
}

// Run executes one plain command (args[0] is its name) and returns the exit
// status: 0 done, 1 failed, 2 bad command line. Errors go to Stderr as one
// line.
func Run(ctx context.Context, args []string, env Env) int {
	return RunOn(ctx, args, env, nil)
}

// RunOn is Run over an already loaded corpus, when c is not nil (nil
// itself: a nil *model.Corpus in c is a corpus); the commands then take no
// DIR argument.
func RunOn(ctx context.Context, args []string, env Env, c Corpus) int {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, "folio: no command given (want list, show or stats)")
		return 2
	}
	var err error
	switch args[0] {
	case "list":
		err = list(ctx, args[1:], env, c)
	case "show":
		err = show(ctx, args[1:], env, c)
	case "stats":
		err = stats(ctx, args[1:], env, c)
	case "mark":
		err = mark(ctx, args[1:], env, c)
	case "tag":
		err = tag(ctx, args[1:], env, c)
	case "config":
		err = showConfig(ctx, args[1:], env, c)
	case "kwic":
		err = kwic(ctx, args[1:], env, c)
	case "terms":
		err = terms(ctx, args[1:], env, c)
	case "trends":
		err = trends(ctx, args[1:], env, c)
	case "export":
		err = export(ctx, args[1:], env, c)
	case "related":
		err = related(ctx, args[1:], env, c)
	case "stories":
		err = stories(ctx, args[1:], env, c)
	default:
		hint := "want list, show, stats, mark, tag, config, kwic, terms, trends, export, related or stories"
		if near := Nearest(args[0], []string{"list", "show", "stats", "mark", "tag", "config", "kwic", "terms", "trends", "export", "related", "stories"}); near != "" {
			hint = "did you mean " + near + "?"
		}
		err = fmt.Errorf("%w: unknown command %q (%s)", errUsage, args[0], hint)
	}
	var answered exitStatus
	switch {
	case err == nil:
		return 0
	case errors.As(err, &answered):
		return int(answered)
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintln(env.Stderr, "folio "+safe.Text(args[0])+": "+safe.Text(strings.TrimPrefix(err.Error(), "usage: ")))
		return 2
	default:
		fmt.Fprintln(env.Stderr, "folio "+safe.Text(args[0])+": "+safe.Text(err.Error()))
		return 1
	}
}

// flags is a command's flag set with its usage line.
type flags struct {
	*flag.FlagSet
	usage  string
	stderr io.Writer
}

// newFlags starts a command's flags. Over a given corpus (SSH) the usage
// drops the [DIR] the command then refuses.
func newFlags(name, usage string, env Env, given Corpus) *flags {
	if given != nil {
		usage = strings.TrimPrefix(usage, "[DIR] ")
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line by RunOn
	fs.Usage = func() {}
	return &flags{FlagSet: fs, usage: "folio " + name + " " + usage, stderr: env.Stderr}
}

// noCache adds --no-cache, which every command that loads a corpus has.
func (f *flags) noCache() *bool {
	return f.Bool("no-cache", false, "neither read nor write the index cache (also FOLIO_NO_CACHE=1)")
}

// lenient adds --lenient to a command that takes queries; what names them
// in its help ("the query", "each query").
func (f *flags) lenient(what string) *bool {
	return f.Bool("lenient", false, "filter by what "+what+" says that can be read, rather than refuse a query with mistakes")
}

// ParseAnywhere parses fs's flags placed anywhere among the positional
// arguments (`folio list DIR -q x` as well as `folio list -q x DIR`), and
// returns the positional arguments: the one flag parser of every folio
// command, the reader's and the server's included.
func ParseAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos, args = append(pos, fs.Arg(0)), fs.Args()[1:]
	}
}

// parse reads flags placed anywhere among the positional arguments
// (`folio list DIR -q x` as well as `folio list -q x DIR`).
func (f *flags) parse(args []string, maxPos int) ([]string, error) {
	pos, err := ParseAnywhere(f.FlagSet, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(f.stderr, "usage: "+f.usage)
		f.SetOutput(f.stderr)
		f.PrintDefaults()
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v (usage: %s)", errUsage, err, f.usage)
	}
	if len(pos) > maxPos {
		return nil, fmt.Errorf("%w: too many arguments: %s (usage: %s)", errUsage, strings.Join(pos[maxPos:], " "), f.usage)
	}
	return pos, nil
}

// ask puts the command parsed by f to the folio that keeps the corpus of
// dir, when there is one (see Env.Ask), and returns the exitStatus that
// says it answered; answered false: the command does the work itself.
// rest are the positional arguments after the folder.
func (f *flags) ask(ctx context.Context, env Env, dir string, rest ...string) (status error, answered bool) {
	if env.Ask == nil || env.Getenv("FOLIO_NO_CACHE") != "" {
		return nil, false
	}
	if dir = library.SourceFor(dir, env.Getenv).Dir; dir == "" {
		return nil, false // the samples: nobody keeps them
	}
	args := []string{f.Name()}
	f.VisitAll(func(fl *flag.Flag) { args = append(args, "-"+fl.Name+"="+fl.Value.String()) })
	args = append(args, "--")
	args = append(args, rest...)
	code, ok := env.Ask(ctx, dir, args)
	if !ok {
		return nil, false
	}
	return exitStatus(code), true
}

// reportProblems says what went wrong with folio itself (its cache) a
// line each, and how many files were skipped or loaded with warnings in
// one line that says where to see them; verbose: each file a line.
func reportProblems(w io.Writer, c Corpus, dir string, verbose bool) {
	skipped, warned := 0, map[string]bool{}
	for _, p := range c.Problems() {
		switch {
		case verbose || p.Path == "":
			fmt.Fprintln(w, "folio: "+p.String())
		case p.Severity == model.Warning:
			warned[p.Path] = true
		default:
			skipped++
		}
	}
	if skipped+len(warned) == 0 {
		return
	}
	var parts []string
	if skipped > 0 {
		parts = append(parts, format.Plural(skipped, "file", "files")+" skipped")
	}
	if len(warned) > 0 {
		parts = append(parts, format.Plural(len(warned), "file", "files")+" loaded with warnings")
	}
	stats := "folio stats"
	if dir != "" {
		stats += " " + safe.Text(dir)
	}
	fmt.Fprintf(w, "folio: %s (%s lists them; --verbose prints them here)\n", strings.Join(parts, ", "), stats)
}

// Nearest is the name within two edits of word (letters added, removed,
// changed or swapped), the closest one, or "" when none is that close.
func Nearest(word string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		if d := editDistance(word, n); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance: Levenshtein with
// a swap of two neighbours as one edit ("lsit" is one from "list").
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
