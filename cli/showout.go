package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/folio-reader/folio/internal/plain"
	"github.com/folio-reader/folio/model"
)

// writeArticleJSON writes the article as one line of JSON, bodies
// included, exactly as writeJSON(w, toJSON(a, true)) would, but with the
// bodies encoded and written a chunk at a time.
func writeArticleJSON(w io.Writer, a *model.Article) error {
	var head strings.Builder
	if err := writeJSON(&head, toJSON(a, false)); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, plain.Chunk)
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
		n := plain.ChunkEnd(s, plain.Chunk)
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
