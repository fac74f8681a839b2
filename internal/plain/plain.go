// Package plain renders an article as plain text for pipes, files and the
// clipboard: the header, the paragraphs, the contact line, every line
// escaped for a terminal, written a chunk at a time.
package plain

import (
	"bufio"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
)

// Chunk is how much of a body is escaped and written at a time: what an
// article's output costs in memory beyond the article itself, however
// large it is.
const Chunk = 32 << 10

// Write writes an article as plain text, for pipes and files: the
// header, each paragraph, the contact line, every line escaped. It writes
// as it goes, a chunk at a time.
func Write(w io.Writer, a *model.Article) error {
	bw := bufio.NewWriterSize(w, Chunk)
	bw.WriteString(Header(a))
	for rest := a.Body; rest != ""; {
		p, after, _ := strings.Cut(rest, "\n\n")
		bw.WriteByte('\n')
		writeLines(bw, p)
		bw.WriteByte('\n')
		rest = after
	}
	if a.Contact != "" {
		bw.WriteByte('\n')
		writeLines(bw, a.Contact)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// Text renders an article as plain text (see Write).
func Text(a *model.Article) string {
	var b strings.Builder
	_ = Write(&b, a) // a strings.Builder does not fail
	return b.String()
}

// WriteRaw writes the header and the body as the file has it, every line
// escaped.
func WriteRaw(w io.Writer, a *model.Article) error {
	bw := bufio.NewWriterSize(w, Chunk)
	bw.WriteString(Header(a) + "\n")
	writeLines(bw, a.RawBody)
	return bw.Flush()
}

// writeLines is safeLines written to w: each line escaped by safe.Text, the
// newlines between them kept, a chunk at a time. safe.Text escapes each
// character on its own, so a line cut at a character's start escapes as
// it would whole.
func writeLines(w *bufio.Writer, s string) {
	for len(s) > 0 {
		n := ChunkEnd(s, Chunk)
		if i := strings.IndexByte(s[:n], '\n'); i >= 0 {
			w.WriteString(safe.Text(s[:i]))
			w.WriteByte('\n')
			s = s[i+1:]
			continue
		}
		w.WriteString(safe.Text(s[:n]))
		s = s[n:]
	}
}

// ChunkEnd is where the first chunk of at most max bytes of s ends: at the
// start of a character (or of a byte that is none), so no character is cut.
func ChunkEnd(s string, max int) int {
	if len(s) <= max {
		return len(s)
	}
	n := max
	for n > max-utf8.UTFMax && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// Header is an article's title, its date, categories, byline and words,
// the author's title and description and any other header field, a line
// each, escaped.
func Header(a *model.Article) string {
	var b strings.Builder
	b.WriteString(safe.Text(orDash(a.Title)) + "\n")
	meta := []string{}
	for _, s := range []string{a.Date(), a.Categories(), a.Author} {
		if s != "" {
			meta = append(meta, s)
		}
	}
	meta = append(meta, format.Plural(a.Words, "word", "words"))
	b.WriteString(safe.Text(strings.Join(meta, " · ")) + "\n")
	for _, s := range []string{a.AuthorTitle, a.AuthorDescription} {
		if s != "" {
			b.WriteString(safe.Text(s) + "\n")
		}
	}
	for _, e := range a.Extra {
		b.WriteString(safe.Text(e.Key) + ": " + safe.Text(e.Value) + "\n")
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
