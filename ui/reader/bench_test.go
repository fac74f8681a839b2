package reader

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/model"
)

// bigArticle makes an article whose body is about size bytes of
// paragraphs, built directly (no parsing) so tests and benchmarks measure
// the reader alone.
func bigArticle(id string, size int) *model.Article {
	words := strings.Fields("the reader sets every paragraph of this long article at the measure while " +
		"Kazakhstan Beijing Moscow cooperation security économie Zürich naïve treaty council region " +
		"tranquility infrastructure development opinion viewpoint analysts media outlets")
	rng := rand.New(rand.NewPCG(1, 2)) // the same article every time
	var b strings.Builder
	b.Grow(size + 1024)
	n, para := 0, 0
	for b.Len() < size {
		if para > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("Paragraph " + group(para+1) + " opens here.")
		for range 60 + rng.IntN(80) {
			b.WriteByte(' ')
			b.WriteString(words[rng.IntN(len(words))])
			n++
		}
		b.WriteByte('.')
		para++
	}
	body := b.String()
	return &model.Article{
		ID: id, Title: "A very long article", Category1: "TEST", Category2: "BIG",
		Author: "Folio", Published: time.Date(2022, 1, 10, 0, 0, 0, 0, time.UTC),
		Body: body, RawBody: strings.ReplaceAll(body, "\n\n", "\n"), Words: n, Size: int64(len(body)),
	}
}

// BenchmarkOpen6KB opens the seed article in a fresh reader (no cache)
// and draws the first frame.
func BenchmarkOpen6KB(b *testing.B) {
	a := seed(b)
	b.ReportAllocs()
	for b.Loop() {
		m := newReader(100, 40)
		m.Open(a)
		_ = m.View()
	}
}

// BenchmarkFirstPage20MB opens a 20 MB article and draws the first frame;
// the rest is left to the Cmds Open returns.
func BenchmarkFirstPage20MB(b *testing.B) {
	a := bigArticle("big.txt", 20<<20)
	b.ReportAllocs()
	for b.Loop() {
		m := newReader(100, 40)
		m.Open(a)
		_ = m.View()
	}
}

// BenchmarkScrollPage pages through a fully set 20 MB article with a
// search active, so every page has highlights to draw.
func BenchmarkScrollPage(b *testing.B) {
	m := open(b, newReader(100, 40), bigArticle("long.txt", 20<<20))
	m, _ = press(b, m, "/")
	m = typeText(b, m, "zurich")
	m, _ = press(b, m, "enter")
	down := keyMsg("space")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		m, _ = m.Update(down)
		_ = m.View()
		if m.top >= m.maxTop() {
			m.top = 0
		}
	}
}

func BenchmarkWrap(b *testing.B) {
	a := bigArticle("wrap.txt", 4<<20)
	src := &source{units: a.Paragraphs()}
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	for b.Loop() {
		setPiece(src, cursor{}, 78, len(a.Body)+1)
	}
}

func BenchmarkGlamour(b *testing.B) {
	a := seed(b)
	src := &source{units: a.Paragraphs(), glamour: true, isDark: true}
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	for b.Loop() {
		setPiece(src, cursor{}, 78, len(a.Body)+1)
	}
}
