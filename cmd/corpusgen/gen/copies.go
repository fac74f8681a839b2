package gen

import (
	"bytes"
	"math/rand/v2"
)

// Edit is how a planted copy differs from its original's text; every
// copy also gets its own headline, and may get another date, byline or
// category (see Generator.Copy).
type Edit uint8

const (
	Reflow        Edit = iota // the same words, the lines broken elsewhere
	DropParagraph             // one paragraph left out
	AddParagraph              // a paragraph of other text added
	ChangeWords               // 3% of the words replaced by others
	RemoveWords               // 3% of the words left out
	Verbatim                  // the text unchanged (only the header differs)
	nEdits
)

func (e Edit) String() string {
	return [...]string{"reflow", "drop-paragraph", "add-paragraph", "change-words", "remove-words", "verbatim"}[e]
}

// Apply returns body edited as e says, drawing from r; other is text an
// added paragraph may come from.
func (e Edit) Apply(body, other []byte, r *rand.Rand) []byte {
	paras := bytes.Split(bytes.TrimRight(body, "\n"), []byte("\n"))
	switch e {
	case Reflow:
		words := bytes.Fields(body)
		var out []byte
		for i, w := range words {
			if i > 0 {
				if r.IntN(12) == 0 {
					out = append(out, '\n')
				} else {
					out = append(out, ' ')
				}
			}
			out = append(out, w...)
		}
		return append(out, '\n')
	case DropParagraph:
		if len(paras) > 2 {
			i := 1 + r.IntN(len(paras)-1)
			paras = append(paras[:i:i], paras[i+1:]...)
		}
	case AddParagraph:
		op := bytes.Split(bytes.TrimRight(other, "\n"), []byte("\n"))
		add := op[r.IntN(len(op))]
		i := r.IntN(len(paras) + 1)
		paras = append(paras[:i], append([][]byte{add}, paras[i:]...)...)
	case ChangeWords, RemoveWords:
		words := bytes.Fields(body)
		var out []byte
		for i, w := range words {
			if r.IntN(100) < 3 {
				if e == RemoveWords {
					continue
				}
				w = []byte(replacements[r.IntN(len(replacements))])
			}
			if i > 0 {
				out = append(out, ' ')
			}
			out = append(out, w...)
		}
		return append(out, '\n')
	}
	return append(bytes.Join(paras, []byte("\n")), '\n')
}

var replacements = []string{"reportedly", "officials", "however", "sources", "largely", "recently", "meanwhile", "notably"}
