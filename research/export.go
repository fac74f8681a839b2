package research

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/model"
)

// Format is what Export writes.
type Format uint8

const (
	CSV      Format = iota // a header line, then one row an article, every field
	JSONL                  // one JSON object a line, every field
	Markdown               // a reading digest: each article's title, date, author, categories, text and ID
)

// ParseFormat reads csv, jsonl or markdown.
func ParseFormat(s string) (Format, bool) {
	switch strings.ToLower(s) {
	case "csv":
		return CSV, true
	case "jsonl", "json":
		return JSONL, true
	case "markdown", "md":
		return Markdown, true
	}
	return 0, false
}

// Record is an article as export writes it: every field, the cleaned body
// when asked for.
type Record struct {
	ID                string        `json:"id"`
	Title             string        `json:"title"`
	Published         string        `json:"published"`
	Category1         string        `json:"category1"`
	Category2         string        `json:"category2"`
	Author            string        `json:"author"`
	AuthorTitle       string        `json:"author_title"`
	AuthorDescription string        `json:"author_description"`
	Words             int           `json:"words"`
	Extra             []model.Field `json:"extra,omitempty"`
	Body              string        `json:"body,omitempty"`

	unread bool // the body was asked for and its file could not be read
}

// csvHeader is the first line of a CSV export, the columns' names.
var csvHeader = []string{"id", "title", "published", "category1", "category2", "author", "author_title", "author_description", "words", "extra", "body"}

func record(a *model.Article) Record {
	r := Record{ID: a.ID, Title: a.Title, Category1: a.Category1, Category2: a.Category2, Author: a.Author,
		AuthorTitle: a.AuthorTitle, AuthorDescription: a.AuthorDescription, Words: a.Words, Extra: a.Extra}
	if !a.Published.IsZero() {
		r.Published = a.Published.Format(time.DateOnly)
	}
	return r
}

// Export writes the result's articles to w in the format, in the result's
// order, with their cleaned bodies when body is set (read on every core,
// a few batches ahead of the writing). An article whose file cannot be
// read is written without its body, and counted in skipped.
func Export(ctx context.Context, w io.Writer, c Corpus, res model.Result, f Format, body bool) (skipped int, err error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	var cw *csv.Writer
	switch f {
	case CSV:
		cw = csv.NewWriter(bw)
		if err := cw.Write(csvHeader); err != nil {
			return 0, err
		}
	case Markdown:
		fmt.Fprintf(bw, "# %s\n\n", format.Plural(len(res.Rows), "article", "articles"))
		if q := res.Query.Raw; q != "" {
			fmt.Fprintf(bw, "Query: `%s`\n\n", strings.ReplaceAll(q, "`", "'"))
		}
	}
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	var werr error
	err = inOrder(ctx, len(res.Rows), 64, func(i int) []Record {
		a := res.Article(res.Rows[i])
		r := record(a)
		if body {
			full, err := c.Open(a.ID)
			if err != nil {
				r.unread = true
			} else {
				r.Body = full.Body
			}
		}
		return []Record{r}
	}, func(rs []Record) bool {
		for _, r := range rs {
			if r.unread {
				skipped++
			}
			switch f {
			case CSV:
				werr = cw.Write([]string{r.ID, r.Title, r.Published, r.Category1, r.Category2, r.Author,
					r.AuthorTitle, r.AuthorDescription, fmt.Sprint(r.Words), extraText(r.Extra), r.Body})
			case JSONL:
				werr = enc.Encode(r)
			case Markdown:
				werr = writeMarkdown(bw, r)
			}
			if werr != nil {
				return false
			}
		}
		return true
	})
	if cw != nil {
		cw.Flush()
		werr = cmpErr(werr, cw.Error())
	}
	return skipped, cmpErr(werr, cmpErr(err, bw.Flush()))
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// extraText is the unknown header fields in one CSV cell: "Key: value"
// lines.
func extraText(fs []model.Field) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(f.Key + ": " + f.Value)
	}
	return b.String()
}

// writeMarkdown writes one article of the digest.
func writeMarkdown(w io.Writer, r Record) error {
	title := r.Title
	if title == "" {
		title = r.ID
	}
	var meta []string
	for _, s := range []string{r.Published, r.Author, joinNonEmpty(r.Category1, r.Category2)} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	_, err := fmt.Fprintf(w, "## %s\n\n%s  \n`%s`\n\n", mdLine(title), mdLine(strings.Join(meta, " · ")), r.ID)
	if err == nil && r.Body != "" {
		_, err = fmt.Fprintf(w, "%s\n\n", r.Body)
	}
	return err
}

func joinNonEmpty(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " / " + b
}

// mdLine keeps a header field on its line and from being read as Markdown
// structure.
func mdLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return strings.NewReplacer("#", `\#`, "*", `\*`, "_", `\_`, "`", "'", "[", `\[`).Replace(s)
}
