// Command folio is a terminal reader for large collections of news articles
// kept as text files. This file only wires the packages together.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/charmbracelet/colorprofile"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/internal/memtune"
	"github.com/folio-reader/folio/local"
	"github.com/folio-reader/folio/resident"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

const usage = `folio: a terminal reader for large collections of news articles

usage:
  folio [--measure N] [--sort KEY] [--no-cache] [DIR]   read the articles in DIR (default: $FOLIO_DIR, else the samples)
  folio list  [DIR] [-q QUERY] [--sort KEY] [--limit N] [--json] [--collapse] [--follow] [--lenient] [--verbose] [--no-cache]
  folio show  [DIR] ID [--raw] [--json] [--no-cache]
  folio stats [DIR] [--json] [--no-cache]
  folio serve [DIR] [--listen ADDR] [--authorized-keys FILE | --open] [--no-cache] ...
  folio daemon [DIR] [--idle D] [--no-cache]   keep DIR open and current: list and show on it answer at once
  folio mark  DIR ID... [-] --read|--unread|--star|--unstar   (- reads IDs from standard input)
  folio tag   DIR ID... [-] +NAME -NAME
  folio config [--example]          the settings file's path and the settings in force
  folio kwic   [DIR] -q QUERY [--context N] [--sort left|right|date] [--json|--csv]   the query's words in context
  folio terms  [DIR] -q QUERY [--top N] [--json|--csv]       collocates and distinctive terms of the result
  folio trends [DIR] -q A [-q B …] [--by week|month|year] [--per 1000] [--json|--csv]
  folio export [DIR] [-q QUERY] --format csv|jsonl|markdown [--body]
  folio related [DIR] ID [--json]     the articles most like one (its copies left out)
  folio stories [DIR] [-q QUERY] [--json]   articles about one event over days, grouped
  folio version

Flags may come before or after DIR, and win over the settings file. KEY: date, oldest, title, author,
category (list: also relevance). folio COMMAND --help lists a command's flags.
`

func main() {
	// A large corpus's heap is collected with a third of a GB of headroom
	// rather than as much again as is live, and none is collected before
	// it reaches a quarter of a GB (see internal/memtune).
	stopTuning := memtune.Start(512<<20, 320<<20, 256<<20)
	code := run(os.Args[1:], os.Stdout, os.Stderr)
	stopTuning()
	os.Exit(code)
}

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd := ""
	if len(args) > 0 {
		cmd = args[0]
	}
	switch {
	case cli.IsCommand(cmd):
		conf, ok := settings(stderr)
		if !ok {
			return 2
		}
		env := cli.Env{Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, Stdin: os.Stdin, Config: conf, PauseCollector: memtune.Pause}
		env.Terminal, env.Width = local.Terminal(stdout)
		if env.Terminal {
			// Colours are written as the terminal can show them (none
			// with NO_COLOR); an article goes through the pager.
			out := io.Writer(stdout)
			if cmd == "show" {
				pg := local.NewPager(os.Getenv, stdout, stderr)
				defer pg.Close()
				out = pg
			}
			env.Stdout = &colorprofile.Writer{Forward: out, Profile: local.Profile()}
			env.Typeset = local.TypesetFor(conf.Theme)
		}
		unkept := ""
		env.Ask = resident.Asker(os.Getenv, env.Stdout, stderr, func(dir string) { unkept = dir })
		code := cli.Run(ctx, args, env)
		if d := conf.KeepFor(); d > 0 && unkept != "" && code == 0 {
			// The settings ask for the folder to stay open a while, so
			// that the next commands on it answer at once.
			resident.StartDaemon(unkept, d)
		}
		return code
	case cmd == "serve":
		return serve(ctx, args[1:], stderr)
	case cmd == "daemon":
		return daemon(ctx, args[1:], stderr)
	case cmd == "version" || cmd == "--version":
		fmt.Fprintln(stdout, "folio", versionString())
		return 0
	case cmd == "help" || cmd == "-h" || cmd == "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	return readArgs(ctx, args, stderr)
}

// commands are the names folio answers to, for suggesting one after a typo.
var commands = []string{"list", "show", "stats", "mark", "tag", "config", "kwic", "terms", "trends", "export", "related", "stories", "serve", "daemon", "version", "help"}

// readArgs runs the reader from its command line, the settings file's
// values under the flags.
func readArgs(ctx context.Context, args []string, stderr io.Writer) int {
	ra, err := parseReaderArgs(args)
	if err != nil {
		fmt.Fprintf(stderr, "folio: %v (see folio help)\n", err)
		return 2
	}
	conf, ok := settings(stderr)
	if !ok {
		return 2
	}
	ra.apply(conf)
	return local.Read(ctx, ra.dir, local.Options{Measure: ra.opts.measure, Sort: ra.opts.sort, NoCache: ra.opts.noCache, PauseCollector: memtune.Pause}, conf, stderr)
}

func versionString() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	return "devel"
}
