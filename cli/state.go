package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/state"
)

// openState returns the reading state for a corpus: the given store (over
// SSH), else the corpus folder's own; close writes what is pending.
func openState(env Env, dir string, given bool) (*state.Store, func() error, error) {
	if env.State != nil {
		return env.State, func() error { return env.State.Sync() }, nil
	}
	if given {
		// A served corpus without a store for this client: nothing is
		// read, nothing can be marked.
		s := state.Memory()
		return s, s.Close, nil
	}
	path, err := state.PathFor(env.Getenv, library.SourceFor(dir, env.Getenv).Dir)
	if err != nil {
		return nil, nil, err
	}
	s, notice, err := state.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if notice != "" {
		fmt.Fprintln(env.Stderr, "folio: "+notice)
	}
	return s, s.Close, nil
}

func mark(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("mark", "[DIR] ID... (- reads IDs from standard input) --read|--unread|--star|--unstar", env, given)
	read := f.Bool("read", false, "mark read")
	unread := f.Bool("unread", false, "mark unread")
	star := f.Bool("star", false, "star")
	unstar := f.Bool("unstar", false, "remove the star")
	pos, err := f.parse(args, 1<<30)
	if err != nil {
		return err
	}
	switch {
	case !*read && !*unread && !*star && !*unstar:
		return fmt.Errorf("%w: say what to do: --read, --unread, --star or --unstar (usage: %s)", errUsage, f.usage)
	case *read && *unread, *star && *unstar:
		return fmt.Errorf("%w: --read and --unread (or --star and --unstar) exclude each other", errUsage)
	}
	return changeState(ctx, pos, env, given, f.usage, func(s *state.Store, arts []*model.Article) (string, error) {
		var done []string
		if *read || *unread {
			n := s.SetRead(*read, arts...)
			done = append(done, fmt.Sprintf("%d marked %s", n, map[bool]string{true: "read", false: "unread"}[*read]))
		}
		if *star || *unstar {
			n := s.SetStarred(*star, arts...)
			done = append(done, fmt.Sprintf("%d %s", n, map[bool]string{true: "starred", false: "unstarred"}[*star]))
		}
		return strings.Join(done, ", "), nil
	})
}

func tag(ctx context.Context, args []string, env Env, given Corpus) error {
	usage := "folio tag [DIR] ID... (- reads IDs from standard input) +NAME -NAME ..."
	if len(args) == 1 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(env.Stderr, "usage: "+usage)
		return nil
	}
	var pos []string
	type edit struct {
		name string
		on   bool
	}
	var edits []edit
	for _, a := range args {
		if len(a) > 1 && (a[0] == '+' || a[0] == '-') {
			name, ok := model.TagName(a[1:])
			if !ok {
				return fmt.Errorf("%w: %q is not a tag name: no blanks, quotes or control characters, at most %d bytes", errUsage, a[1:], model.MaxTag)
			}
			edits = append(edits, edit{name, a[0] == '+'})
			continue
		}
		pos = append(pos, a)
	}
	if len(edits) == 0 {
		return fmt.Errorf("%w: no tag to add (+NAME) or remove (-NAME) (usage: %s)", errUsage, usage)
	}
	return changeState(ctx, pos, env, given, usage, func(s *state.Store, arts []*model.Article) (string, error) {
		var done []string
		for _, e := range edits {
			n, err := s.SetTag(e.name, e.on, arts...)
			if err != nil {
				return strings.Join(done, ", "), fmt.Errorf("+%s not added: %w", e.name, err)
			}
			verb := "tagged"
			if !e.on {
				verb = "untagged"
			}
			done = append(done, fmt.Sprintf("%d %s %s", n, verb, e.name))
		}
		return strings.Join(done, ", "), nil
	})
}

// changeState resolves every ID first, so a mistake changes nothing, then
// makes the change and waits until it is on disk.
func changeState(ctx context.Context, pos []string, env Env, given Corpus, usage string,
	change func(*state.Store, []*model.Article) (string, error)) error {
	dir := ""
	if given == nil {
		if len(pos) == 0 {
			return fmt.Errorf("%w: no folder given (usage: %s)", errUsage, usage)
		}
		dir, pos = pos[0], pos[1:]
	}
	var ids []string
	piped := false
	for _, p := range pos {
		if p != "-" {
			ids = append(ids, p)
			continue
		}
		if env.Stdin == nil {
			return fmt.Errorf("%w: - reads IDs from standard input, and there is none", errUsage)
		}
		in, err := readIDs(env.Stdin)
		if err != nil {
			return err
		}
		ids, piped = append(ids, in...), true
	}
	if len(ids) == 0 && piped {
		// `folio list -q Q | folio mark DIR - --read` when nothing matched.
		fmt.Fprintln(env.Stderr, "folio: no article IDs on standard input; nothing changed")
		return nil
	}
	if len(ids) == 0 {
		return fmt.Errorf("%w: no article ID given (usage: %s)", errUsage, usage)
	}
	if given != nil && env.State == nil {
		return errors.New("this connection keeps no reading state")
	}
	c, _, closeFS, err := corpusFor(ctx, dir, env, given, false, false)
	if err != nil {
		return err
	}
	defer closeFS()
	var arts []*model.Article
	var unknown []string
	for _, id := range ids {
		a, err := find(c, id)
		if err != nil {
			unknown = append(unknown, id)
			continue
		}
		arts = append(arts, a)
	}
	if len(unknown) > 0 {
		shown := unknown[:min(len(unknown), 5)]
		more := ""
		if len(unknown) > len(shown) {
			more = fmt.Sprintf(" and %d more", len(unknown)-len(shown))
		}
		return fmt.Errorf("no article with ID %s%s; nothing was changed (IDs are paths relative to the corpus folder, as folio list prints them)",
			strings.Join(quoteAll(shown), ", "), more)
	}
	s, closeState, err := openState(env, dir, given != nil)
	if err != nil {
		return err
	}
	summary, changeErr := change(s, arts)
	if err := closeState(); err != nil {
		return fmt.Errorf("the change may not be saved: %w", err)
	}
	if summary != "" {
		fmt.Fprintln(env.Stderr, "folio: "+summary)
	}
	return changeErr
}

// readIDs reads one ID a line; the first field of a line of folio list
// (tab-separated) is its ID, so `folio list -q Q | folio mark DIR -` works
// without cut too. Blank lines are skipped.
func readIDs(r io.Reader) ([]string, error) {
	var ids []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		id, _, _ := strings.Cut(strings.TrimRight(sc.Text(), "\r"), "\t")
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read IDs from standard input: %w", err)
	}
	return ids, nil
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = `"` + x + `"` // escaped where the error is printed
	}
	return out
}

// showConfig prints where the settings file is and the settings in force.
func showConfig(_ context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("config", "", env, given)
	example := f.Bool("example", false, "print a commented example file")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if given != nil {
		return errors.New("the server's settings are its own; nothing to show over SSH")
	}
	if *example {
		_, err := io.WriteString(env.Stdout, config.Example)
		return err
	}
	c := env.Config
	if c.Path == "" {
		var err error
		if c, err = config.Load(env.Getenv, nil); err != nil {
			return err
		}
	}
	w := bufio.NewWriter(env.Stdout)
	status := "(not there: every setting is the default; folio config --example prints one)"
	if c.Found {
		status = "(read)"
	}
	fmt.Fprintf(w, "file    %s %s\n", c.Path, status)
	if p, err := state.Dir(env.Getenv); err == nil {
		fmt.Fprintf(w, "state   %s\n", p)
	}
	or := func(s, def string) string {
		if s == "" {
			return def + " (default)"
		}
		return s
	}
	width := "80 (default)"
	if c.Width != 0 {
		width = fmt.Sprint(c.Width)
	}
	fmt.Fprintf(w, "sort    %s\nwidth   %s\ntheme   %s\nkeep    %s\n", or(c.Sort, "date"), width, or(c.Theme, "auto"), or(c.Keep, "0"))
	for _, name := range sortedKeys(c.Keys) {
		fmt.Fprintf(w, "key     %s = %s\n", name, strings.Join(c.Keys[name], ", "))
	}
	for _, s := range c.Searches {
		fmt.Fprintf(w, "search  %s = %s\n", s.Name, s.Query)
	}
	return w.Flush()
}

func sortedKeys(m map[string][]string) []string { return slices.Sorted(maps.Keys(m)) }
