package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
)

// asked is a query as a research command was given it, answered.
type asked struct {
	c     Corpus
	res   model.Result
	close func() error
}

// answer opens the corpus and answers one query, as list does: strict
// unless lenient, within the limits, with the reading state when the
// query asks about it.
func answer(ctx context.Context, name, text string, lenient bool, dir string, env Env, given Corpus, served, noCache bool, key model.SortKey) (asked, error) {
	lim := env.limits()
	if err := lim.checkText(text); err != nil {
		return asked{}, env.cut(err)
	}
	q := model.ParseQuery(text)
	if err := lim.checkTerms(q); err != nil {
		return asked{}, env.cut(err)
	}
	if err := refuseMistakes(env, name, q, lenient); err != nil {
		return asked{}, err
	}
	c, _, closeFS, err := corpusFor(ctx, dir, env, given, true, noCache)
	if err != nil {
		return asked{}, err
	}
	var labels model.Labels
	closeAll := closeFS
	if q.HasLabels() {
		if env.Folder != "" {
			dir = env.Folder
		}
		s, closeState, err := openState(env, dir, served && env.Folder == "")
		if err != nil {
			closeFS()
			return asked{}, err
		}
		labels = s.View()
		closeAll = func() error { closeState(); return closeFS() }
	}
	res, err := lim.search(ctx, c, q, key, labels)
	if isOverBudget(err) {
		closeAll()
		return asked{}, env.cut(err)
	}
	if err != nil {
		closeAll()
		return asked{}, err
	}
	return asked{c, res, closeAll}, nil
}

// output is a research command's choice of --json or --csv.
type output struct{ json, csv *bool }

func outputFlags(f *flags) output {
	return output{f.Bool("json", false, "one JSON object a line"), f.Bool("csv", false, "CSV with a header line")}
}

func (o output) check() error {
	if *o.json && *o.csv {
		return fmt.Errorf("%w: --json and --csv: choose one", errUsage)
	}
	return nil
}

func kwic(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("kwic", "[DIR] -q QUERY [--context N] [--sort left|right|date] [--json|--csv]", env, given)
	query := f.String("q", "", "the query whose words and phrases to show in context")
	width := f.Int("context", research.DefaultContext, "words of context on each side (1 to 20)")
	sortBy := f.String("sort", "date", "left (the words before), right (the words after) or date")
	lenient := f.lenient("the query")
	noCache := f.noCache()
	out := outputFlags(f)
	pos, err := f.parse(args, dirArgs(given))
	if err != nil {
		return err
	}
	order, ok := research.ParseOrder(*sortBy)
	if !ok {
		return fmt.Errorf("%w: --sort %q: want left, right or date", errUsage, *sortBy)
	}
	if *width < 1 || *width > research.MaxContext {
		return fmt.Errorf("%w: --context %d: want 1 to %d", errUsage, *width, research.MaxContext)
	}
	if strings.TrimSpace(*query) == "" {
		return fmt.Errorf("%w: no query given: -q WORDS (usage: %s)", errUsage, f.usage)
	}
	if err := out.check(); err != nil {
		return err
	}
	a, err := answer(ctx, "kwic", *query, *lenient, first(pos), env, given, given != nil, *noCache, model.SortNewest)
	if err != nil {
		return err
	}
	defer a.close()
	w := bufio.NewWriter(env.Stdout)
	cw := csv.NewWriter(w)
	if *out.csv {
		cw.Write([]string{"id", "published", "title", "left", "match", "right", "in_title"})
	}
	write := func(h research.Hit) error {
		switch {
		case *out.json:
			return writeJSON(w, map[string]any{"id": h.ID, "published": date(h.Date), "title": h.Title,
				"left": h.Left, "match": h.Match, "right": h.Right, "in_title": h.InTitle})
		case *out.csv:
			return cw.Write([]string{h.ID, date(h.Date), h.Title, h.Left, h.Match, h.Right, strconv.FormatBool(h.InTitle)})
		}
		_, err := fmt.Fprintf(w, "%s  %s  %s\t%s\t%s\n", alignRight(safe.Text(h.Left), 40), safe.Text(h.Match),
			alignLeft(safe.Text(h.Right), 40), date(h.Date), safe.Text(h.Title))
		return err
	}
	var all []research.Hit
	var werr error
	err = research.Concordance(ctx, a.c, a.res, *width, func(hits []research.Hit) bool {
		if order != research.ByDate {
			if len(all)+len(hits) > maxSortedHits {
				werr = fmt.Errorf("more than %d lines to sort: --sort date streams any number, or narrow the query", maxSortedHits)
				return false
			}
			all = append(all, hits...) // sorted once all are in
			return true
		}
		for _, h := range hits {
			if werr = write(h); werr != nil {
				return false
			}
		}
		return true
	})
	if err != nil {
		return err
	}
	research.Sort(all, order)
	for _, h := range all {
		if werr = write(h); werr != nil {
			break
		}
	}
	cw.Flush()
	if werr == nil {
		werr = cw.Error()
	}
	if werr != nil {
		return werr
	}
	return w.Flush()
}

// maxSortedHits bounds the lines a sorted concordance holds to sort.
const maxSortedHits = 500_000

func date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

// alignRight keeps the last n runes of s, padded on the left: the words
// nearest the match.
func alignRight(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return "…" + string(r[len(r)-n+1:])
	}
	return strings.Repeat(" ", n-len(r)) + s
}

// alignLeft keeps the first n runes of s, padded on the right.
func alignLeft(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s + strings.Repeat(" ", n-len(r))
}

func terms(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("terms", "[DIR] -q QUERY [--top N] [--json|--csv]", env, given)
	query := f.String("q", "", "the query whose result to study")
	top := f.Int("top", 20, "terms of each kind")
	lenient := f.lenient("the query")
	noCache := f.noCache()
	out := outputFlags(f)
	pos, err := f.parse(args, dirArgs(given))
	if err != nil {
		return err
	}
	if *top < 1 || *top > 1000 {
		return fmt.Errorf("%w: --top %d: want 1 to 1000", errUsage, *top)
	}
	if err := out.check(); err != nil {
		return err
	}
	a, err := answer(ctx, "terms", *query, *lenient, first(pos), env, given, given != nil, *noCache, model.SortNewest)
	if err != nil {
		return err
	}
	defer a.close()
	ts, err := research.Analyse(ctx, a.c, a.res, *top)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	cw := csv.NewWriter(w)
	if *out.csv {
		cw.Write([]string{"kind", "word", "score", "together", "result_docs", "corpus_docs", "result_freq", "corpus_freq"})
	}
	row := func(kind string, t research.Term) {
		switch {
		case *out.json:
			writeJSON(w, map[string]any{"kind": kind, "word": t.Word, "score": t.Score, "together": t.Together,
				"result_docs": t.ResultDocs, "corpus_docs": t.CorpusDocs, "result_freq": t.ResultFreq, "corpus_freq": t.CorpusFreq})
		case *out.csv:
			cw.Write([]string{kind, t.Word, strconv.FormatFloat(t.Score, 'f', 2, 64), strconv.Itoa(t.Together),
				fmt.Sprint(t.ResultDocs), fmt.Sprint(t.CorpusDocs), fmt.Sprint(t.ResultFreq), fmt.Sprint(t.CorpusFreq)})
		case kind == "collocate":
			fmt.Fprintf(w, "  %-24s %6.2f %8d %10d %10d\n", safe.Text(t.Word), t.Score, t.Together, t.ResultFreq, t.CorpusFreq)
		default:
			fmt.Fprintf(w, "  %-24s %9.1f %8d %10d\n", safe.Text(t.Word), t.Score, t.ResultDocs, t.CorpusDocs)
		}
	}
	plain := !*out.json && !*out.csv
	if plain {
		est := ""
		if ts.Sampled {
			est = fmt.Sprintf(", counted in a sample of %d of its %d articles: estimates", ts.Read, ts.ResultDocs)
		}
		fmt.Fprintf(w, "Collocates (logDice, within ±%d words, at least %d times%s)\n  %-24s %6s %8s %10s %10s\n",
			research.Window, research.MinTogether, est, "word", "score", "together", "in result", "in corpus")
	}
	for _, t := range ts.Collocates {
		row("collocate", t)
	}
	if plain {
		fmt.Fprintf(w, "\nDistinctive terms (log-likelihood G² of the articles holding them, %d in the result against the other %d)\n  %-24s %9s %8s %10s\n",
			ts.ResultDocs, ts.Docs-ts.ResultDocs, "word", "G²", "articles", "in corpus")
	}
	for _, t := range ts.Distinctive {
		row("distinctive", t)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return w.Flush()
}

// queries is a repeatable -q.
type queries []string

func (q *queries) String() string     { return strings.Join(*q, " | ") }
func (q *queries) Set(s string) error { *q = append(*q, s); return nil }

func trends(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("trends", "[DIR] -q A [-q B …] [--by week|month|year] [--per 1000] [--json|--csv]", env, given)
	var qs queries
	f.Var(&qs, "q", "a query to count over time (up to six)")
	by := f.String("by", "auto", "week, month, year, or auto to fit the span")
	per := f.Int("per", 0, "counts per this many articles of the period (1000), rather than counts")
	lenient := f.lenient("each query")
	noCache := f.noCache()
	out := outputFlags(f)
	pos, err := f.parse(args, dirArgs(given))
	if err != nil {
		return err
	}
	period, ok := research.ParsePeriod(*by)
	switch {
	case !ok:
		return fmt.Errorf("%w: --by %q: want week, month, year or auto", errUsage, *by)
	case len(qs) == 0:
		return fmt.Errorf("%w: no query given: -q A [-q B …] (usage: %s)", errUsage, f.usage)
	case len(qs) > research.MaxSeries:
		return fmt.Errorf("%w: %d queries: at most %d", errUsage, len(qs), research.MaxSeries)
	case *per < 0:
		return fmt.Errorf("%w: --per must be 0 or more", errUsage)
	}
	if err := out.check(); err != nil {
		return err
	}
	var results []model.Result
	var c Corpus
	for _, q := range qs {
		a, err := answer(ctx, "trends", q, *lenient, first(pos), env, givenOr(given, c), given != nil, *noCache, model.SortNewest)
		if err != nil {
			return err
		}
		if c == nil {
			defer a.close()
		}
		c = a.c
		results = append(results, a.res)
	}
	all := c.Search(model.Query{}, model.SortNewest)
	t, err := research.Trend(results, qs, all, period)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	value := func(s, b int) string {
		if *per > 0 {
			return strconv.FormatFloat(t.Rate(s, b)*float64(*per)/1000, 'f', 2, 64)
		}
		return strconv.Itoa(t.Series[s].Counts[b])
	}
	switch {
	case *out.json:
		for b := range t.Buckets {
			m := map[string]any{"period": t.Label(b), "articles": t.All[b]}
			for s := range t.Series {
				m[t.Series[s].Query] = value(s, b)
			}
			writeJSON(w, m)
		}
	default:
		sep := "\t"
		if *out.csv {
			cw := csv.NewWriter(w)
			head := append([]string{"period", "articles"}, qs...)
			cw.Write(head)
			for b := range t.Buckets {
				row := []string{t.Label(b), strconv.Itoa(t.All[b])}
				for s := range t.Series {
					row = append(row, value(s, b))
				}
				cw.Write(row)
			}
			cw.Flush()
			break
		}
		fmt.Fprintf(w, "period%sarticles", sep)
		for i, q := range qs {
			fmt.Fprintf(w, "%s%c: %s", sep, 'A'+i, safe.Text(q))
		}
		fmt.Fprintln(w)
		for b := range t.Buckets {
			fmt.Fprintf(w, "%s%s%d", t.Label(b), sep, t.All[b])
			for s := range t.Series {
				fmt.Fprintf(w, "%s%s", sep, value(s, b))
			}
			fmt.Fprintln(w)
		}
	}
	return w.Flush()
}

// givenOr is the corpus to answer the next query on: the one given, else
// the one the first query opened.
func givenOr(given, opened Corpus) Corpus {
	if given != nil {
		return given
	}
	return opened
}

func export(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("export", "[DIR] [-q QUERY] --format csv|jsonl|markdown [--body]", env, given)
	query := f.String("q", "", "the articles to export (all without a query)")
	form := f.String("format", "", "csv, jsonl or markdown")
	body := f.Bool("body", false, "with each article's cleaned text (markdown always has it)")
	sortName := f.String("sort", "date", "date, oldest, title, author, category or relevance")
	lenient := f.lenient("the query")
	noCache := f.noCache()
	pos, err := f.parse(args, dirArgs(given))
	if err != nil {
		return err
	}
	fm, ok := research.ParseFormat(*form)
	if !ok {
		return fmt.Errorf("%w: --format %q: want csv, jsonl or markdown", errUsage, *form)
	}
	key, err := model.ParseSortKey(*sortName)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	a, err := answer(ctx, "export", *query, *lenient, first(pos), env, given, given != nil, *noCache, key)
	if err != nil {
		return err
	}
	defer a.close()
	skipped, err := research.Export(ctx, env.Stdout, a.c, a.res, fm, *body || fm == research.Markdown)
	if skipped > 0 {
		fmt.Fprintf(env.Stderr, "folio export: %s could not be read again: exported without text\n", format.Plural(skipped, "file", "files"))
	}
	return err
}

func related(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("related", "[DIR] ID [--json]", env, given)
	asJSON := f.Bool("json", false, "one JSON object a line, with its score")
	noCache := f.noCache()
	pos, err := f.parse(args, dirArgs(given)+1)
	if err != nil {
		return err
	}
	dir, id, err := f.article(pos, given)
	if err != nil {
		return err
	}
	c, _, closeFS, err := corpusFor(ctx, dir, env, given, true, *noCache)
	if err != nil {
		return err
	}
	defer closeFS()
	a, err := find(c, id) // as show finds it: escaped as list prints it, or without .txt
	if err != nil {
		return err
	}
	res, err := research.Related(ctx, c, a.ID, c.CurrentCopies())
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	for i, n := range res.Rows {
		a := res.Article(n)
		if *asJSON {
			j := toJSON(a, false)
			writeJSON(w, struct {
				articleJSON
				Score float32 `json:"score"`
			}{j, res.Scores[i]})
			continue
		}
		fmt.Fprintf(w, "%s\t%s\t%.2f\t%s\n", safe.Text(a.ID), date(a.Published), res.Scores[i], safe.Text(a.Title))
	}
	return w.Flush()
}

func stories(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("stories", "[DIR] [-q QUERY] [--json]", env, given)
	query := f.String("q", "", "the articles whose stories to find (all without a query)")
	asJSON := f.Bool("json", false, "one JSON object a line: the story's articles, span, headline and sources")
	lenient := f.lenient("the query")
	noCache := f.noCache()
	pos, err := f.parse(args, dirArgs(given))
	if err != nil {
		return err
	}
	a, err := answer(ctx, "stories", *query, *lenient, first(pos), env, given, given != nil, *noCache, model.SortNewest)
	if err != nil {
		return err
	}
	defer a.close()
	w := bufio.NewWriter(env.Stdout)
	for _, s := range research.Stories(a.c, a.res) {
		var ids []string
		for _, n := range s.Rows {
			id, _ := safe.ForJSON(a.res.Article(n).ID)
			ids = append(ids, id)
		}
		if *asJSON {
			writeJSON(w, map[string]any{"articles": ids, "from": date(s.From), "to": date(s.To), "headline": s.Headline, "sources": s.Sources})
			continue
		}
		fmt.Fprintf(w, "%d articles\t%s – %s\t%s\t%s\n", len(s.Rows), date(s.From), date(s.To), safe.Text(s.Headline), safe.Text(strings.Join(s.Sources, ", ")))
	}
	return w.Flush()
}
