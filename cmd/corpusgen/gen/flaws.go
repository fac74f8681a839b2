package gen

import (
	"bytes"
	"math/rand/v2"
	"slices"
)

// flaws are the scraper defects one article carries. The rates are those
// the real corpus shows (or that docs/FORMAT.md promises to tolerate), so that
// loader tests and benchmarks meet them as often as users will.
type flaws struct {
	quotes        int  // closing quotes pushed to the next line (~20% of articles)
	glued         int  // paragraphs glued after a full stop, 1–4 (~40%)
	crlf          bool // CRLF line ends (~1%)
	bom           bool // UTF-8 byte-order mark (~0.5%)
	blanks        bool // blanks around keys and values (~1%)
	splitCategory bool // Category 1 and 2 on separate lines (~2%)
	noAuthor      bool // no Author lines at all (~0.5%)
	clock         bool // a time after the date (~1%)
	enSpace       bool // a run of U+2002 EN SPACE inside a sentence, as in the seed (~2%)
	dupOf         int  // index of an earlier article to copy (~0.1%), else -1
}

func (g *Generator) drawFlaws(r *rand.Rand, i int) flaws {
	f := flaws{dupOf: -1}
	if !g.defects {
		return f
	}
	p := func(x float64) bool { return r.Float64() < x }
	if i > 0 && p(0.001) {
		f.dupOf = r.IntN(i)
		return f
	}
	if p(0.20) {
		f.quotes = 1 + r.IntN(10)/7 // mostly one, sometimes two
	}
	if p(0.40) {
		f.glued = []int{1, 1, 1, 1, 2, 2, 2, 3, 3, 4}[r.IntN(10)]
	}
	f.crlf, f.bom, f.blanks = p(0.01), p(0.005), p(0.01)
	f.splitCategory, f.noAuthor, f.clock = p(0.02), p(0.005), p(0.01)
	f.enSpace = p(0.02)
	return f
}

// key appends one header line "Key: value", with stray blanks if the
// article has that flaw.
func (f flaws) key(b []byte, r *rand.Rand, k, v string) []byte {
	b = f.keyOpen(b, r, k)
	b = append(b, v...)
	if f.blanks && r.IntN(2) == 0 {
		b = append(b, "  "[:r.IntN(3)]...)
	}
	return append(b, '\n')
}

// keyOpen appends "Key: " and leaves the value to the caller.
func (f flaws) keyOpen(b []byte, r *rand.Rand, k string) []byte {
	if !f.blanks || r.IntN(2) == 0 {
		b = append(b, k...)
		return append(b, ": "...)
	}
	b = append(b, "  "[:r.IntN(3)]...)
	b = append(b, k...)
	b = append(b, "  "[:r.IntN(3)]...)
	b = append(b, ':')
	return append(b, "   "[:1+r.IntN(3)]...)
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// apply damages the finished article b[start:] whose body lines end at the
// offsets in ends.
func (f flaws) apply(b []byte, start int, ends []int, r *rand.Rand) []byte {
	// A closing quote pushed to the next line: `ways."⏎The` → `ways.⏎"The`.
	var cand []int
	for _, e := range ends {
		if e+1 < len(b) && b[e-1] == '"' && b[e-2] == '.' && isUpper(b[e+1]) {
			cand = append(cand, e)
		}
	}
	for _, e := range choose(r, cand, f.quotes) {
		b[e-1], b[e] = b[e], b[e-1]
	}
	// Glued paragraphs: `ground.⏎Kazakhstan` → `ground.Kazakhstan`.
	cand = cand[:0]
	for _, e := range ends {
		if e+1 < len(b) && b[e-1] == '.' && isUpper(b[e+1]) {
			cand = append(cand, e)
		}
	}
	if del := choose(r, cand, f.glued); len(del) > 0 {
		slices.Sort(del)
		w := del[0]
		for k, d := range del {
			next := len(b)
			if k+1 < len(del) {
				next = del[k+1]
			}
			w += copy(b[w:], b[d+1:next])
		}
		b = b[:w]
	}
	if f.enSpace && len(ends) > 0 {
		b = enSpaces(b, start, ends[r.IntN(len(ends))], r)
	}
	if f.crlf {
		crlf := bytes.ReplaceAll(b[start:], []byte("\n"), []byte("\r\n"))
		b = append(b[:start], crlf...)
	}
	return b
}

// choose returns up to k distinct elements of c (reordering c).
func choose(r *rand.Rand, c []int, k int) []int {
	k = min(k, len(c))
	for i := range k {
		j := i + r.IntN(len(c)-i)
		c[i], c[j] = c[j], c[i]
	}
	return c[:k]
}

// enSpaces replaces four blanks in one body line with U+2002, as the seed
// has in "opposes the acts by external forces". hint is the offset of a line
// end before gluing shifted the text; the line now holding hint-1 will do.
func enSpaces(b []byte, start, hint int, r *rand.Rand) []byte {
	pos := min(hint, len(b)) - 1
	from := start + bytes.LastIndexByte(b[start:pos], '\n') + 1
	to := len(b)
	if k := bytes.IndexByte(b[pos:], '\n'); k >= 0 {
		to = pos + k
	}
	var spaces []int
	for i := from; i < to; i++ {
		if b[i] == ' ' {
			spaces = append(spaces, i)
		}
	}
	if len(spaces) < 6 {
		return b
	}
	first := r.IntN(len(spaces) - 4)
	out := make([]byte, 0, len(b)+8)
	prev := 0
	for _, s := range spaces[first : first+4] {
		out = append(out, b[prev:s]...)
		out = append(out, "\u2002"...)
		prev = s + 1
	}
	out = append(out, b[prev:]...)
	return append(b[:0], out...)
}
