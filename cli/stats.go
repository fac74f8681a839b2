package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/folio-reader/folio/internal/chart"
	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/library"
	"github.com/folio-reader/folio/model"
)

// statsJSON adds the load time, in seconds, and what the index cache did
// to model.Stats.
type statsJSON struct {
	model.Stats
	LoadSeconds float64            `json:"load_seconds"`
	Cache       *library.CacheInfo `json:"cache,omitempty"`
}

func stats(ctx context.Context, args []string, env Env, given Corpus) error {
	f := newFlags("stats", "[DIR] [--json] [--authors N]", env, given)
	asJSON := f.Bool("json", false, "print the statistics as one JSON object")
	topAuthors := f.Int("authors", 20, "list the N most frequent authors (0: all)")
	noCache := f.noCache()
	pos, err := f.parse(args, dirArgs(given))
	if err != nil {
		return err
	}
	if *topAuthors < 0 {
		return fmt.Errorf("%w: --authors must be 0 or more", errUsage)
	}
	c, lib, closeFS, err := corpusFor(ctx, first(pos), env, given, false, *noCache)
	if err != nil {
		return err
	}
	defer closeFS()
	s := c.Stats()
	var cache *library.CacheInfo
	if lib != nil {
		if err := lib.Settle(ctx); err != nil {
			return err
		}
		info := lib.Cache()
		cache = &info
	}
	if *asJSON {
		return writeJSON(env.Stdout, statsJSON{Stats: s, LoadSeconds: s.LoadTime.Seconds(), Cache: cache})
	}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	fmt.Fprintf(w, "%s, %s, %s, loaded in %.3f s\n", format.Plural(s.Articles, "article", "articles"), format.Plural(int(s.Words), "word", "words"),
		format.Bytes(s.Bytes), s.LoadTime.Seconds())
	if s.First != "" {
		fmt.Fprintf(w, "published %s to %s; %d undated\n", s.First, s.Last, s.Undated)
	}
	fmt.Fprintf(w, "%s, %s, %s with duplicated content\n", format.Plural(len(s.Skipped), "skipped file", "skipped files"),
		format.Plural(len(s.Warnings), "warning", "warnings"), format.Plural(s.Duplicates, "article", "articles"))
	if cache != nil {
		fmt.Fprintln(w, cacheLine(*cache))
	}

	section(w, "Categories", s.Categories, 0, s.NoCategory, "without a category")
	section(w, "Authors", s.Authors, *topAuthors, s.NoAuthor, "without an author")
	if env.Terminal {
		// The facets view's timeline, for a person; the table below stays
		// for scripts and pipes.
		width := env.Width
		if width <= 0 {
			width = 80
		}
		all := c.Search(model.Query{}, model.SortNewest)
		ch := chart.Fit(all.Timeline(), max(10, width-2))
		fmt.Fprintln(w, "\nTimeline")
		for _, l := range strings.Split(ch.Text(8, width-2), "\n") {
			fmt.Fprintln(w, "  "+l)
		}
	}
	months(w, s.Months)
	if len(s.Skipped) > 0 {
		fmt.Fprintln(w, "\nSkipped files")
		for _, p := range s.Skipped {
			fmt.Fprintln(w, "  "+problemLine(p))
		}
	}
	if len(s.Warnings) > 0 {
		fmt.Fprintln(w, "\nWarnings")
		for _, p := range s.Warnings {
			fmt.Fprintln(w, "  "+problemLine(p))
		}
	}
	return nil
}

// problemLine is a problem under its heading: the file and what is wrong
// with it, or what is wrong alone when it is about folio (its cache).
func problemLine(p model.Problem) string {
	if p.Path == "" {
		return safe.Text(p.Reason)
	}
	return safe.Text(p.Path) + ": " + safe.Text(p.Reason)
}

// section lists counts, the top ones when top > 0, and then the articles
// that have no value at all, apart: they are not a value named "-".
func section(w *bufio.Writer, title string, counts []model.Count, top, none int, noneText string) {
	fmt.Fprintf(w, "\n%s (%d)\n", title, len(counts))
	for i, c := range counts {
		if top > 0 && i == top {
			fmt.Fprintf(w, "  %9s  %d more\n", "…", len(counts)-top)
			break
		}
		fmt.Fprintf(w, "  %9s  %s\n", format.Count(c.N), safe.Text(c.Value))
	}
	if none > 0 {
		fmt.Fprintf(w, "  %9s  (%s)\n", format.Count(none), noneText)
	}
}

// months prints a year a row, a month a column.
func months(w *bufio.Writer, counts []model.Count) {
	if len(counts) == 0 {
		return
	}
	fmt.Fprintln(w, "\nArticles by month")
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "\t")
	for _, m := range []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"} {
		fmt.Fprint(tw, m+"\t")
	}
	fmt.Fprintln(tw, "\t")
	byYear := map[string]*[12]int{}
	var years []string
	for _, c := range counts {
		y, m, _ := strings.Cut(c.Value, "-")
		row, ok := byYear[y]
		if !ok {
			row = new([12]int)
			byYear[y] = row
			years = append(years, y)
		}
		var mi int
		fmt.Sscanf(m, "%d", &mi)
		if mi >= 1 && mi <= 12 {
			row[mi-1] = c.N
		}
	}
	for _, y := range years {
		fmt.Fprint(tw, "  "+y+"\t")
		for _, n := range byYear[y] {
			fmt.Fprintf(tw, "%d\t", n)
		}
		fmt.Fprintln(tw, "\t")
	}
	tw.Flush()
}

// cacheLine says in one line what the index cache did.
func cacheLine(c library.CacheInfo) string {
	where := ""
	if c.Path != "" {
		where = ", " + safe.Text(c.Path)
	}
	switch {
	case !c.Enabled && c.Problem != "":
		return "index cache: not used: " + safe.Text(c.Problem)
	case !c.Enabled:
		return "index cache: not used"
	case c.Used:
		return fmt.Sprintf("index cache: used%s, %s; %s changed since it was written", where, format.Bytes(c.Size), format.Plural(c.Changed, "file", "files"))
	case c.Written && c.Problem != "":
		return fmt.Sprintf("index cache: the one there could not be used (see Warnings); written again%s, %s", where, format.Bytes(c.Size))
	case c.Written:
		return fmt.Sprintf("index cache: none yet; written%s, %s", where, format.Bytes(c.Size))
	case c.Problem != "":
		return "index cache: not written: " + safe.Text(c.Problem)
	}
	return "index cache: none yet, none written" + where
}
