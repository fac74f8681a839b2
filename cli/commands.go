package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"time"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/plain"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
)

// articleJSON is the line --json prints for an article.
type articleJSON struct {
	ID                string        `json:"id"`
	IDEscaped         bool          `json:"id_escaped,omitempty"` // the name is not UTF-8: id is safe.Text of it
	Title             string        `json:"title"`
	Published         string        `json:"published"`
	Category1         string        `json:"category1"`
	Category2         string        `json:"category2"`
	Author            string        `json:"author"`
	AuthorTitle       string        `json:"author_title"`
	AuthorDescription string        `json:"author_description"`
	Words             int           `json:"words"`
	Extra             []model.Field `json:"extra,omitempty"`
	Body              *string       `json:"body,omitempty"`
	RawBody           *string       `json:"raw_body,omitempty"`
	Contact           *string       `json:"contact,omitempty"`
	CopyOf            string        `json:"copy_of,omitempty"` // the canonical of the copies this is one of
	Copies            int           `json:"copies,omitempty"`  // on a canonical: the copies of it
}

func toJSON(a *model.Article, full bool) articleJSON {
	j := articleJSON{
		Title: a.Title, Published: a.Date(), Category1: a.Category1, Category2: a.Category2,
		Author: a.Author, AuthorTitle: a.AuthorTitle, AuthorDescription: a.AuthorDescription,
		Words: a.Words, Extra: a.Extra,
	}
	j.ID, j.IDEscaped = safe.ForJSON(a.ID)
	if full {
		j.Body, j.RawBody, j.Contact = &a.Body, &a.RawBody, &a.Contact
	}
	return j
}

func list(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("list", "[DIR] [-q QUERY] [--sort date|oldest|title|author|category|relevance] [--limit N] [--json] [--follow] [--verbose] [--no-cache]", env, given)
	query := f.String("q", "", "filter with the query language (words, \"phrases\", title: author: cat: after: before: date:, is:unread is:read is:starred tag:NAME, -exclude)")
	defSort := "date"
	if env.Config.Sort != "" {
		defSort = env.Config.Sort // the settings file's; the flag wins
	}
	sortName := f.String("sort", defSort, "order: date (newest first), oldest, title, author, category or relevance (best match first)")
	limit := f.Int("limit", 0, "print at most N articles (0: all)")
	asJSON := f.Bool("json", false, "print one JSON object a line (a copy names its canonical in copy_of; a canonical says how many copies it has)")
	collapse := f.Bool("collapse", false, "print one article for each group of copies: the first in order")
	verbose := f.Bool("verbose", false, "print every skipped file and warning, not only how many there are")
	follow := f.Bool("follow", false, "then print matching articles as they arrive in the folder, like tail -f, until interrupted")
	noCache := f.noCache()
	lenient := f.lenient("the query")
	pos, err := f.parse(args, dirArgs(given))
	if err != nil {
		return err
	}
	key, err := model.ParseSortKey(*sortName)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if *limit < 0 {
		return fmt.Errorf("%w: --limit must be 0 or more", errUsage)
	}
	lim := env.limits()
	if err := lim.checkText(*query); err != nil {
		return env.cut(err)
	}
	q := model.ParseQuery(*query)
	if err := lim.checkTerms(q); err != nil {
		return env.cut(err)
	}
	if err := refuseMistakes(env, "list", q, *lenient); err != nil {
		return err
	}
	if given == nil && !*follow && !*noCache {
		if status, ok := f.ask(ctx, env, first(pos)); ok {
			return status
		}
	}
	var c Corpus
	var closeFS func() error
	if *follow {
		c, closeFS, err = followedCorpus(ctx, first(pos), env, given, searchesBodies(q), *noCache)
	} else {
		c, _, closeFS, err = corpusFor(ctx, first(pos), env, given, searchesBodies(q), *noCache)
	}
	if err != nil {
		return err
	}
	defer closeFS()
	dir, served := first(pos), given != nil
	if env.Folder != "" { // asked by a local folio: answer as it would
		dir, served = env.Folder, false
	}
	if !served {
		reportProblems(env.Stderr, c, dir, *verbose)
	}
	var labels model.Labels
	if q.HasLabels() {
		s, closeState, err := openState(env, dir, served)
		if err != nil {
			return err
		}
		defer closeState()
		labels = s.View()
	}
	res, err := lim.search(ctx, c, q, key, labels)
	if isOverBudget(err) {
		return env.cut(err)
	}
	if err != nil {
		return err
	}
	for _, ig := range res.Query.Ignored {
		fmt.Fprintln(env.Stderr, "folio list: ignored "+safe.Text(ig))
	}
	for _, n := range res.Query.Notes {
		fmt.Fprintln(env.Stderr, "folio list: note: "+safe.Text(n))
	}
	if res.NoBodies {
		fmt.Fprintln(env.Stderr, "folio list: the bodies are still being indexed: words were looked for in titles, bylines and categories only")
	}
	if len(res.Rows) == 0 {
		suggest(env.Stderr, c, q)
	}
	var cp *model.Copies
	if *collapse || *asJSON {
		cp = c.CurrentCopies()
	}
	if *collapse {
		res = res.Collapse(cp)
	}
	w := bufio.NewWriter(env.Stdout)
	rows := res.Rows
	if *limit > 0 && len(rows) > *limit {
		rows = rows[:*limit]
	}
	var line []byte
	print := func(res model.Result, n int32) error {
		a := res.Article(n)
		if *asJSON {
			return writeJSON(w, withCopies(toJSON(a, false), res, cp, n))
		}
		// By hand rather than with Fprintf: a list of 30,000 rows spent
		// as long formatting as searching.
		line = append(line[:0], safe.Text(a.ID)...)
		line = append(line, '\t')
		if a.Published.IsZero() {
			line = append(line, '-')
		} else {
			line = a.Published.AppendFormat(line, time.DateOnly)
		}
		for _, s := range []string{orDash(a.Categories()), orDash(a.Author), a.Title} {
			line = append(line, '\t')
			line = append(line, safe.Text(s)...)
		}
		line = append(line, '\n')
		_, err := w.Write(line)
		return err
	}
	printed := map[*model.Article]bool{}
	for _, n := range rows {
		if *follow {
			printed[res.Article(n)] = true
		}
		if err := print(res, n); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil || !*follow {
		return err
	}
	// Like tail -f: every article that comes to match from now on, once a
	// version (a file changed into a match prints again), until ctx ends
	// (SIGINT: a clean exit).
	seen := res.Version
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		if c.Version() == seen {
			continue
		}
		res, err := lim.search(ctx, c, q, key, labels)
		if ctx.Err() != nil {
			return nil
		}
		if isOverBudget(err) {
			return env.cut(err)
		}
		if err != nil {
			return err
		}
		seen = res.Version
		if *collapse || *asJSON {
			cp = c.CurrentCopies()
		}
		if *collapse {
			res = res.Collapse(cp)
		}
		for _, n := range res.Rows {
			if a := res.Article(n); !printed[a] {
				printed[a] = true
				if err := print(res, n); err != nil {
					return err
				}
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
}

func show(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("show", "[DIR] ID [--raw] [--json]", env, given)
	raw := f.Bool("raw", false, "print the body as the file has it (control sequences removed)")
	asJSON := f.Bool("json", false, "print the article as one JSON object, bodies included")
	noCache := f.noCache()
	pos, err := f.parse(args, dirArgs(given)+1)
	if err != nil {
		return err
	}
	dir, id, err := f.article(pos, given)
	if err != nil {
		return err
	}
	if given == nil && !*noCache && !env.Terminal { // typesetting is for the terminal at hand
		if status, ok := f.ask(ctx, env, dir, id); ok {
			return status
		}
	}
	c, _, closeFS, err := corpusFor(ctx, dir, env, given, false, *noCache)
	if err != nil {
		return err
	}
	defer closeFS()
	a, err := find(c, id)
	if err != nil {
		return err
	}
	var full *model.Article
	if reads := env.limits().Reads; reads != nil {
		// Over SSH: clients asking for the same large article hold it
		// once, and different ones take turns.
		f, release, err := reads.Open(ctx, c, a)
		if err != nil {
			return err
		}
		defer release()
		full = f
	} else if full, err = c.Open(a.ID); err != nil {
		return err
	}
	switch {
	case *asJSON:
		return writeArticleJSON(env.Stdout, full)
	case *raw:
		return plain.WriteRaw(env.Stdout, full)
	case env.Terminal && env.Typeset != nil:
		return env.Typeset(env.Stdout, full, env.Width)
	}
	return plain.Write(env.Stdout, full)
}

// find looks an article up by ID as given or as list prints it (escaped
// by safe.Text), with or without its .txt.
func find(c Corpus, id string) (*model.Article, error) {
	if a, err := findExact(c, id); err == nil {
		return a, nil
	}
	if raw, err := safe.Unescape(id); err == nil && raw != id {
		if a, err := findExact(c, raw); err == nil {
			return a, nil
		}
	}
	return nil, fmt.Errorf("no article with ID %s (IDs are paths relative to the corpus folder; see folio list)", id)
}

func findExact(c Corpus, id string) (*model.Article, error) {
	if clean := path.Clean(id); clean != "." {
		id = strings.TrimPrefix(clean, "/") // ./2022/a.txt, 2022//a.txt
	}
	if a, ok := c.ByID(id); ok {
		return a, nil
	}
	for _, ext := range []string{".txt", ".TXT"} {
		if a, ok := c.ByID(id + ext); ok {
			return a, nil
		}
	}
	return nil, errNotFound
}

// searchesBodies reports whether a query has words that may be in bodies.
func searchesBodies(q model.Query) bool {
	for _, t := range q.Terms {
		if t.Scope == model.ScopeAny || t.Scope == model.ScopeText {
			return true
		}
	}
	return false
}

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

func dirArgs(given Corpus) int {
	if given != nil {
		return 0
	}
	return 1
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// suggest says, for a query that found nothing, the words of the corpus
// nearest to each of its words that the corpus lacks.
func suggest(w io.Writer, c Corpus, q model.Query) {
	for _, word := range c.Missing(q) {
		if near := c.Suggest(word, 3); len(near) > 0 {
			fmt.Fprintf(w, "folio list: no %q in the corpus; did you mean %s?\n", safe.Text(word), strings.Join(near, ", "))
		}
	}
}

// withCopies says in j which group of copies a is in, if any.
func withCopies(j articleJSON, res model.Result, cp *model.Copies, n int32) articleJSON {
	canon, others := res.CopiesOf(cp, n)
	switch {
	case len(others) == 0:
	case canon == n:
		j.Copies = len(others)
	default:
		j.CopyOf, _ = safe.ForJSON(res.Article(canon).ID)
	}
	return j
}

// refuseMistakes says every part of q that cannot be read and refuses the
// query, unless lenient: a script's typo must not answer for the whole
// archive.
func refuseMistakes(env Env, name string, q model.Query, lenient bool) error {
	if len(q.Ignored) == 0 || lenient {
		return nil
	}
	for _, ig := range q.Ignored {
		fmt.Fprintln(env.Stderr, "folio "+name+": in the query: "+safe.Text(ig))
	}
	return fmt.Errorf("%w: the query has %s that cannot be read (--lenient filters by the rest)", errUsage, format.Plural(len(q.Ignored), "part", "parts"))
}

// article reads the positional arguments [DIR] ID of a command about one
// article (show, related).
func (f *flags) article(pos []string, given Corpus) (dir, id string, err error) {
	if len(pos) == 0 {
		return "", "", fmt.Errorf("%w: no article ID given (usage: %s)", errUsage, f.usage)
	}
	id = pos[len(pos)-1]
	if len(pos) == 2 {
		dir = pos[0]
	} else if given == nil && isDir(id) {
		// `folio show DIR`: the folder is there, the ID is not.
		return "", "", fmt.Errorf("%w: no article ID given after %s (usage: %s)", errUsage, id, f.usage)
	}
	return dir, id, nil
}
