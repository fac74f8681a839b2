package reader

import (
	"bytes"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

// folder finds a folded query in a line and says which cells it covers.
// Folding changes lengths ("É" is two bytes, "e" one; "ß" becomes "ss"), so
// it remembers, for every folded byte, the byte of the line it came from.
// Its buffers are reused from line to line.
type folder struct {
	folded []byte
	from   []int // from[k]: offset in the line of the rune folded byte k came from
	q      string
	qb     []byte          // q as bytes, converted once
	runes  map[rune]string // folded non-ASCII runes: Fold allocates, and a long article repeats few
}

// find appends to dst the cell ranges [start, end) of q, already folded,
// in s.
func (f *folder) find(s, q string, dst [][2]int) [][2]int {
	if q == "" || s == "" {
		return dst
	}
	f.folded, f.from = f.folded[:0], f.from[:0]
	ascii := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			f.folded = append(f.folded, c)
			f.from = append(f.from, i)
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		folded, ok := f.runes[r]
		if !ok {
			if f.runes == nil {
				f.runes = make(map[rune]string)
			}
			folded = model.Fold(s[i : i+size])
			f.runes[r] = folded
		}
		f.folded = append(f.folded, folded...)
		for range len(folded) {
			f.from = append(f.from, i)
		}
		i += size
	}
	f.from = append(f.from, len(s))

	if f.q != q {
		f.q, f.qb = q, []byte(q)
	}
	for off := 0; off+len(q) <= len(f.folded); {
		j := bytes.Index(f.folded[off:], f.qb)
		if j < 0 {
			break
		}
		a, b := off+j, off+j+len(q)
		start := f.from[a]
		// The match ends where the rune of its last byte ends.
		k := b
		for f.from[k] == f.from[b-1] {
			k++
		}
		end := f.from[k]
		if ascii {
			dst = append(dst, [2]int{start, end})
		} else {
			cs := ansi.StringWidth(s[:start])
			dst = append(dst, [2]int{cs, cs + ansi.StringWidth(s[start:end])})
		}
		off = b
	}
	return dst
}
