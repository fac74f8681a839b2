package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/folio-reader/folio/internal/plain"
	"github.com/folio-reader/folio/internal/safe"
	"github.com/folio-reader/folio/model"
)

// tricky is a body whose characters need escaping, placed so that some
// fall on the chunks' edges: multi-byte characters, C1 controls, invalid
// bytes, quotes, backslashes, tabs, HTML's <>&.
func tricky(size int) string {
	parts := []string{"plain words ", "é", "—", "😀", "\u0085", "\x9b", "\xff", "\xe2\x82", `"q"`, `\`, "\t", "<a&b>", "\x1b[31m", "\n", "\n\n", "\u202e"}
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(parts[i%len(parts)])
		if i%7 == 0 {
			b.WriteString(strings.Repeat("x", i%13))
		}
	}
	return b.String()
}

// trickyArticle's bodies are tricky text of about size bytes; with
// size > plain.Chunk, a four-byte character straddles the first chunk's end.
func trickyArticle(size int) *model.Article {
	body := tricky(size)
	if size > plain.Chunk {
		body = strings.Repeat("a", plain.Chunk-2) + "😀" + body
	}
	return &model.Article{
		ID: "2022/a\x9b.txt", Title: "Title \x1b]0;x\x07", Author: "A", Words: 3,
		Extra: []model.Field{{Key: "Source", Value: "wire\u0085"}},
		Body:  body, RawBody: body + "\n" + tricky(size+11), Contact: "mail\u009b@example.com",
	}
}

// TestShowJSONStreamed: the streamed JSON is byte for byte what encoding
// the whole article at once gives, and decodes to the article's text.
func TestShowJSONStreamed(t *testing.T) {
	for _, size := range []int{0, 100, plain.Chunk - 1, plain.Chunk, 3*plain.Chunk + 5} {
		a := trickyArticle(size)
		var want, got bytes.Buffer
		if err := writeJSON(&want, toJSON(a, true)); err != nil {
			t.Fatal(err)
		}
		if err := writeArticleJSON(&got, a); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			i := 0
			for i < min(got.Len(), want.Len()) && got.Bytes()[i] == want.Bytes()[i] {
				i++
			}
			t.Fatalf("size %d: differs at byte %d of %d (want %d)", size, i, got.Len(), want.Len())
		}
		var back articleJSON
		if err := json.Unmarshal(got.Bytes(), &back); err != nil || back.Body == nil || len(*back.Body) < len(a.Body) {
			t.Fatalf("size %d: decoding gives back another body (%v)", size, err)
		}
		if bytes.ContainsAny(got.Bytes(), "\x1b\u0085\u009b\x7f") {
			t.Fatalf("size %d: a control character is written raw", size)
		}
	}
}

// safeLinesWhole is the escaping WritePlain does a chunk at a time, done
// on the whole text at once.
func safeLinesWhole(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = safe.Text(l)
	}
	return strings.Join(lines, "\n")
}

// TestShowPlainStreamed: plain and raw output written a chunk at a time
// are what escaping the whole text gives.
func TestShowPlainStreamed(t *testing.T) {
	for _, size := range []int{0, 100, plain.Chunk, 3*plain.Chunk + 5} {
		a := trickyArticle(size)
		var want strings.Builder
		want.WriteString(plain.Header(a))
		for _, p := range a.Paragraphs() {
			want.WriteString("\n" + safeLinesWhole(p) + "\n")
		}
		want.WriteString("\n" + safeLinesWhole(a.Contact) + "\n")
		if got := plain.Text(a); got != want.String() {
			t.Fatalf("size %d: plain differs (%d bytes, want %d)", size, len(got), want.Len())
		}
		var raw bytes.Buffer
		if err := plain.WriteRaw(&raw, a); err != nil {
			t.Fatal(err)
		}
		if wantRaw := plain.Header(a) + "\n" + safeLinesWhole(a.RawBody); raw.String() != wantRaw {
			t.Fatalf("size %d: raw differs", size)
		}
	}
}

// countingWriter counts the writes it is given and the largest.
type countingWriter struct{ writes, largest, total int }

func (c *countingWriter) Write(p []byte) (int, error) {
	c.writes++
	c.largest = max(c.largest, len(p))
	c.total += len(p)
	return len(p), nil
}

// TestShowWritesAsItGoes: a large article reaches the writer in pieces no
// larger than a chunk's buffer, in every form.
func TestShowWritesAsItGoes(t *testing.T) {
	a := trickyArticle(1 << 20)
	for name, write := range map[string]func(*countingWriter) error{
		"plain": func(w *countingWriter) error { return plain.Write(w, a) },
		"raw":   func(w *countingWriter) error { return plain.WriteRaw(w, a) },
		"json":  func(w *countingWriter) error { return writeArticleJSON(w, a) },
	} {
		var w countingWriter
		if err := write(&w); err != nil {
			t.Fatal(err)
		}
		if w.total < 1<<20 || w.largest > 2*plain.Chunk || w.writes < w.total/(2*plain.Chunk) {
			t.Errorf("%s: %d writes, the largest %d bytes, %d in all", name, w.writes, w.largest, w.total)
		}
	}
}
