package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
)

// showChunk is how much of a body show escapes and writes at a time: what
// an article's output costs in memory beyond the article itself, however
// large it is.
const showChunk = 32 << 10

// WritePlain writes an article as plain text, for pipes and files: the
// header, each paragraph, the contact line, every line escaped. It writes
// as it goes, a chunk at a time.
func WritePlain(w io.Writer, a *model.Article) error {
	bw := bufio.NewWriterSize(w, showChunk)
	bw.WriteString(plainHeader(a))
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

// Plain renders an article as plain text (see WritePlain).
func Plain(a *model.Article) string {
	var b strings.Builder
	_ = WritePlain(&b, a) // a strings.Builder does not fail
	return b.String()
}

// writeRaw writes the header and the body as the file has it, every line
// escaped.
func writeRaw(w io.Writer, a *model.Article) error {
	bw := bufio.NewWriterSize(w, showChunk)
	bw.WriteString(plainHeader(a) + "\n")
	writeLines(bw, a.RawBody)
	return bw.Flush()
}

// writeLines is safeLines written to w: each line escaped by safe.Text, the
// newlines between them kept, a chunk at a time. safe.Text escapes each
// character on its own, so a line cut at a character's start escapes as
// it would whole.
func writeLines(w *bufio.Writer, s string) {
	for len(s) > 0 {
		n := chunkEnd(s, showChunk)
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

// chunkEnd is where the first chunk of at most max bytes of s ends: at the
// start of a character (or of a byte that is none), so no character is cut.
func chunkEnd(s string, max int) int {
	if len(s) <= max {
		return len(s)
	}
	n := max
	for n > max-utf8.UTFMax && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// writeArticleJSON writes the article as one line of JSON, bodies
// included, exactly as writeJSON(w, toJSON(a, true)) would, but with the
// bodies encoded and written a chunk at a time.
func writeArticleJSON(w io.Writer, a *model.Article) error {
	var head strings.Builder
	if err := writeJSON(&head, toJSON(a, false)); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, showChunk)
	// The object without the bodies ends "}\n"; they follow in the order
	// articleJSON declares them.
	bw.WriteString(strings.TrimSuffix(head.String(), "}\n"))
	for _, f := range []struct{ name, value string }{{"body", a.Body}, {"raw_body", a.RawBody}, {"contact", a.Contact}} {
		bw.WriteString(`,"` + f.name + `":"`)
		if err := writeJSONText(bw, f.value); err != nil {
			return err
		}
		bw.WriteByte('"')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// writeJSONText writes s as the inside of a JSON string, escaped as
// writeJSON escapes it, a chunk at a time (JSON escapes character by
// character too).
func writeJSONText(w *bufio.Writer, s string) error {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for len(s) > 0 {
		n := chunkEnd(s, showChunk)
		buf.Reset()
		if err := enc.Encode(s[:n]); err != nil {
			return fmt.Errorf("encode JSON: %w", err)
		}
		q := buf.String() // "…"\n
		w.Write(escapeC1([]byte(q[1 : len(q)-2])))
		s = s[n:]
	}
	return nil
}
