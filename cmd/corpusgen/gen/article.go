// Package gen generates a synthetic news corpus in folio's article format
// (docs/FORMAT.md), for load tests and benchmarks that need 100k realistic files
// without shipping real articles.
//
// Every article is a pure function of (seed, defects, index), so workers can
// produce articles in any order and the output stays byte-identical.
package gen

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path"
	"time"
)

// Generator makes articles. It is read-only after New and safe for
// concurrent use.
type Generator struct {
	seed    uint64
	defects bool
	v       *vocab
	authors []byline
	authCum []float64
	cats    []category
	catCum  []float64
	years   []float64 // cumulative weights of firstYear, firstYear+1, ...
}

const firstYear, lastYear = 2009, 2024

// New returns a Generator for seed. With defects, articles carry the
// scraper's flaws at the rates of the real corpus (see flaws.go).
func New(seed uint64, defects bool) *Generator {
	g := &Generator{seed: seed, defects: defects, v: newVocab(), authors: bylines(), cats: categories()}
	g.authCum = cumulative(bylineWeights(len(g.authors)))
	w := make([]float64, len(g.cats))
	for i, c := range g.cats {
		w[i] = c.weight
	}
	g.catCum = cumulative(w)
	var yw []float64
	for y := firstYear; y <= lastYear; y++ {
		yw = append(yw, 1+0.12*float64(y-firstYear)) // recent years ~2.8x the first
	}
	g.years = cumulative(yw)
	return g
}

// splitmix64 scrambles an index into a well-spread PCG stream selector, so
// neighbouring articles do not get correlated random streams.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// rng returns article i's random stream; salt separates the content stream
// from the flaw stream, so that a corpus generated without defects is the
// clean twin of the one with them.
func (g *Generator) rng(i int, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed^salt, splitmix64(uint64(i)^salt)))
}

const (
	contentSalt = 0
	flawSalt    = 0x666c617773 // "flaws"
)

// Article appends article i to dst and returns its slash-separated path
// relative to the corpus root (year/month/index_hex.txt) and the grown dst.
func (g *Generator) Article(dst []byte, i int) (string, []byte) {
	r, fr := g.rng(i, contentSalt), g.rng(i, flawSalt)
	id := r.Uint64()
	f := g.drawFlaws(fr, i)
	if f.dupOf >= 0 {
		orig, out := g.Article(dst, f.dupOf)
		return path.Join(path.Dir(orig), fileName(i, id)), out
	}

	day := g.date(r)
	cat := g.cats[pickWeighted(r, g.catCum)]
	au := g.authors[pickWeighted(r, g.authCum)]
	start := len(dst)
	t := &textWriter{r: r, v: g.v, b: dst}
	if f.bom {
		t.b = append(t.b, "\ufeff"...)
	}
	published := day.Format(time.DateOnly)
	if f.clock {
		published = day.Add(time.Duration(fr.IntN(86400)) * time.Second).Format(time.DateTime)
	}
	t.b = f.key(t.b, fr, "Published Time", published)
	t.b = f.keyOpen(t.b, fr, "Title")
	t.title(cat, minTitleWords+r.IntN(8))
	t.b = append(t.b, '\n')
	if f.splitCategory {
		t.b = f.key(t.b, fr, "Category 1", cat.c1)
		t.b = f.key(t.b, fr, "Category 2", cat.c2)
	} else {
		t.b = f.key(t.b, fr, "Category 1", cat.c1+"; Category 2: "+cat.c2)
	}
	if !f.noAuthor {
		t.b = f.key(t.b, fr, "Author", au.name)
		t.b = f.key(t.b, fr, "Author title", au.title)
		t.b = f.key(t.b, fr, "Author description", au.desc)
	}
	t.b = f.key(t.b, fr, "Text", "")

	t.words, t.glue = 0, true
	mail := ""
	if r.IntN(100) < 85 {
		mail = contact(cat.c1)
	}
	t.body(bodyWords(r), mail)
	out := f.apply(t.b, start, t.ends, fr)
	return fmt.Sprintf("%04d/%02d/%s", day.Year(), int(day.Month()), fileName(i, id)), out
}

func fileName(i int, id uint64) string {
	return fmt.Sprintf("%06d_%016x.txt", i, id)
}

// date draws a publication day, more recent years being more frequent.
func (g *Generator) date(r *rand.Rand) time.Time {
	y := firstYear + pickWeighted(r, g.years)
	days := 365
	if y%4 == 0 { // exact for 2009–2024
		days = 366
	}
	return time.Date(y, 1, 1+r.IntN(days), 0, 0, 0, 0, time.UTC)
}

// bodyWords draws a body length: log-normal with a median of ~700 words
// (the writer counts a name like "São Paulo" as one word, hence 600).
func bodyWords(r *rand.Rand) int {
	n := math.Exp(math.Log(600) + 0.5*r.NormFloat64())
	return int(min(max(n, 120), 6000))
}
