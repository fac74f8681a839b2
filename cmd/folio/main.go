// Command folio is a terminal reader for large collections of news articles
// kept as text files. This file only wires the packages together.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/internal/memtune"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

const usage = `folio: a terminal reader for large collections of news articles

usage:
  folio [--measure N] [--no-cache] [DIR]   read the articles in DIR (default: $FOLIO_DIR, else the samples)
  folio list  [DIR] [-q QUERY] [--sort KEY] [--limit N] [--json] [--no-cache]
  folio show  [DIR] ID [--raw] [--json] [--no-cache]
  folio stats [DIR] [--json] [--no-cache]
  folio serve [DIR] [--listen ADDR] [--authorized-keys FILE | --open] [--no-cache] ...
  folio daemon [DIR] [--idle D] [--no-cache]   keep DIR open and current: list and show on it answer at once
  folio mark  DIR ID... [-] --read|--unread|--star|--unstar   (- reads IDs from standard input)
  folio tag   DIR ID... [-] +NAME -NAME
  folio config [--example]          the settings file's path and the settings in force
  folio version
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
		env := cli.Env{Stdout: stdout, Stderr: stderr, Getenv: os.Getenv, Stdin: os.Stdin, Config: conf}
		env.Terminal, env.Width = terminal(stdout)
		if env.Terminal {
			// Colours are written as the terminal can show them (none
			// with NO_COLOR); an article goes through the pager.
			out := io.Writer(stdout)
			if cmd == "show" {
				pg := newPager(os.Getenv, stdout, stderr)
				defer pg.Close()
				out = pg
			}
			env.Stdout = &colorprofile.Writer{Forward: out, Profile: terminalProfile()}
			env.Typeset = typeset
		}
		unkept := ""
		env.Ask = askKeeper(os.Getenv, env.Stdout, stderr, func(dir string) { unkept = dir })
		code := cli.Run(ctx, args, env)
		if d := conf.KeepFor(); d > 0 && unkept != "" && code == 0 {
			// The settings ask for the folder to stay open a while, so
			// that the next commands on it answer at once.
			startKeeper(unkept, d)
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
var commands = []string{"list", "show", "stats", "mark", "tag", "config", "serve", "daemon", "version", "help"}

// readArgs parses the reader's command line: [--measure N] [DIR], the flag
// before or after the folder.
func readArgs(ctx context.Context, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("folio", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	measure := fs.Int("measure", 80, "the reader's text width in columns (20–240); + and - change it while reading")
	noCache := fs.Bool("no-cache", false, "neither read nor write the index cache (also FOLIO_NO_CACHE=1)")
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(stderr, "folio: %v (see folio help)\n", err)
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) > 0 {
		// A word that names no folder and is one or two letters away from a
		// command is a mistyped command, not a missing folder.
		if _, err := os.Stat(pos[0]); err != nil {
			if near := cli.Nearest(pos[0], commands); near != "" {
				fmt.Fprintf(stderr, "folio: unknown command %q: did you mean %s? (see folio help)\n", pos[0], near)
				return 2
			}
		}
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "folio: unknown command %q (see folio help)\n", pos[0])
		return 2
	}
	if *measure < 20 || *measure > 240 {
		fmt.Fprintln(stderr, "folio: --measure takes 20 to 240 columns")
		return 2
	}
	conf, ok := settings(stderr)
	if !ok {
		return 2
	}
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == "measure" })
	if !given && conf.Width != 0 {
		*measure = conf.Width // the flag wins over the file
	}
	return read(ctx, firstArg(pos), *measure, *noCache, conf, stderr)
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

// terminalProfile is the colours standard output can show. Lip Gloss
// found them out as the program started (colorprofile.Detect on standard
// output, which in tmux runs tmux info: some 20 ms), so they are taken
// from it rather than found out again.
func terminalProfile() colorprofile.Profile {
	return lipgloss.Writer.Profile
}
