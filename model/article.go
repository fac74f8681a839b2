// Package model holds folio's articles and the corpus they form: stable IDs,
// sorted orders, the query language and the index that answers it. It knows
// nothing of files or terminals.
package model

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/folio-reader/folio/internal/safe"
)

// Field is one header line the format does not define, kept in file order.
type Field struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Article is one parsed article file. In a Corpus the bodies are usually left
// empty to keep memory small; Corpus.Open returns the article in full.
type Article struct {
	ID                string    // path relative to the corpus root, with '/'
	Title             string    // never contains control characters
	Category1         string    // as written, e.g. "OPINION"
	Category2         string    // as written, e.g. "VIEWPOINT"
	Author            string    // the byline; may name several people
	AuthorTitle       string    // empty when the file holds the placeholder
	AuthorDescription string    // empty when the file holds the placeholder
	Published         time.Time // zero when missing or unreadable
	Extra             []Field   // unknown header keys, in order
	Words             int       // words in the body
	Size              int64     // bytes in the file
	Hash              uint64    // of the file's content, the same in every run: duplicates, renamed files
	File              Identity  // of the file as it was read, so a cache can tell it changed

	// Filled only when the article is read in full.
	RawBody string // the text after "Text:", control sequences removed
	Body    string // cleaned: one paragraph a line, paragraphs split by a blank line
	Contact string // a trailing e-mail line, shown apart from the body
}

// Date formats the publication date as YYYY-MM-DD, or "" when unknown.
func (a *Article) Date() string {
	if a.Published.IsZero() {
		return ""
	}
	return a.Published.Format(time.DateOnly)
}

// Paragraphs splits the cleaned body into its paragraphs.
func (a *Article) Paragraphs() []string {
	if a.Body == "" {
		return nil
	}
	return strings.Split(a.Body, "\n\n")
}

// Categories joins the non-empty categories with " / ", naming one that is
// given twice only once.
func (a *Article) Categories() string {
	switch {
	case a.Category1 == "":
		return a.Category2
	case a.Category2 == "" || strings.EqualFold(a.Category1, a.Category2):
		return a.Category1
	}
	return a.Category1 + " / " + a.Category2
}

// ReadingMinutes estimates the reading time at 230 words a minute, at least 1.
func (a *Article) ReadingMinutes() int {
	return max(1, (a.Words+115)/230)
}

// Identity says which version of a file was read (see loader.IdentityOf):
// same identity, same bytes, as far as the file system will say.
type Identity struct {
	Size    int64
	ModTime int64 // nanoseconds since 1970, UTC
	Dev     uint64
	Ino     uint64
}

// Severity says whether a problem cost an article or only a detail of one.
type Severity int

const (
	Warning Severity = iota // the article loaded, something in it was off
	Skipped                 // the file was not loaded
)

func (s Severity) String() string {
	if s == Skipped {
		return "skipped"
	}
	return "warning"
}

// Problem is a file folio skipped or loaded with a warning, reported as data.
type Problem struct {
	Path     string   `json:"path"`
	Reason   string   `json:"reason"`
	Severity Severity `json:"-"`
}

// MarshalJSON writes the problem as {"path", "reason"}. A path that is not
// UTF-8 cannot be carried exactly in JSON; it is written escaped, as the
// text output prints it, and marked "path_escaped".
func (p Problem) MarshalJSON() ([]byte, error) {
	out := struct {
		Path        string `json:"path"`
		PathEscaped bool   `json:"path_escaped,omitempty"`
		Reason      string `json:"reason"`
	}{Reason: p.Reason}
	out.Path, out.PathEscaped = safe.ForJSON(p.Path)
	return json.Marshal(out)
}

// String is the problem as a person reads it, one line whatever its path
// or reason hold: both pass safe.Text, since either may come from a file's
// name (ESC ] 0 in a name would set a terminal's title).
func (p Problem) String() string {
	if p.Path == "" { // about folio itself: its cache, say
		return p.Severity.String() + ": " + safe.Text(p.Reason)
	}
	return p.Severity.String() + ": " + safe.Text(p.Path) + ": " + safe.Text(p.Reason)
}

// Batch is a group of parsed articles and problems delivered together.
type Batch struct {
	Articles []*Article
	Problems []Problem
	// Unchanged are files a revalidating load found as it knew them
	// (loader.Options.Known), and so did not read.
	Unchanged []string
}
