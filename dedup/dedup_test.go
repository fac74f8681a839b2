package dedup

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
)

func sign(t testing.TB, s *Signer, text string) (Signature, bool) {
	var hs []uint64
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		hs = append(hs, WordHash([]byte(w)))
	}
	return s.Sign(hs)
}

func body(g *gen.Generator, i int) []byte {
	_, data := g.Article(nil, i)
	_, b, _ := strings.Cut(string(data), "\nText: \n")
	return []byte(b)
}

// TestPlantedCopies: copies of each edit are found and texts on the same
// subjects by other hands are kept apart, with pairwise precision at
// least 0.95 and recall at least 0.90.
func TestPlantedCopies(t *testing.T) {
	g := gen.New(5, false)
	r := rand.New(rand.NewPCG(9, 9))
	const originals, copies = 600, 400
	var texts [][]byte
	var truth []int // the original each text copies, or itself
	for i := range originals {
		texts = append(texts, body(g, i))
		truth = append(truth, i)
	}
	perEdit := map[gen.Edit][2]int{}
	edits := []gen.Edit{}
	for k := range copies {
		o := r.IntN(originals)
		e := gen.Edit(k % 6)
		texts = append(texts, e.Apply(texts[o], texts[r.IntN(originals)], r))
		truth = append(truth, o)
		edits = append(edits, e)
	}
	var s Signer
	sigs := make([]Signature, len(texts))
	has := make([]bool, len(texts))
	for i, tx := range texts {
		sigs[i], has[i] = sign(t, &s, string(tx))
	}
	canon := Group(len(texts), func(i int) (*Signature, bool) { return &sigs[i], has[i] }, func(a, b int) bool { return a < b })
	// Pairwise: every pair in one true group, against every pair put
	// in one found group.
	root := func(i int) int {
		for truth[i] != i {
			i = truth[i]
		}
		return i
	}
	tp, fp, fn := 0, 0, 0
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			same := root(i) == root(j)
			found := canon[i] == canon[j]
			switch {
			case same && found:
				tp++
			case found:
				fp++
			case same:
				fn++
				if j >= originals {
					e := edits[j-originals]
					c := perEdit[e]
					c[1]++
					perEdit[e] = c
				}
			}
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("pairs: %d found right, %d wrongly, %d missed: precision %.3f, recall %.3f; missed by edit %v", tp, fp, fn, precision, recall, perEdit)
	if precision < 0.95 || recall < 0.90 {
		t.Errorf("precision %.3f (want 0.95), recall %.3f (want 0.90)", precision, recall)
	}
}

func TestSimilarityEstimate(t *testing.T) {
	var s Signer
	a, _ := sign(t, &s, strings.Repeat("alpha beta gamma delta epsilon zeta eta theta iota kappa ", 3)+fmt.Sprint(1))
	b := a
	if Similarity(&a, &b) != 1 {
		t.Errorf("a signature and itself: %f", Similarity(&a, &b))
	}
	if _, ok := sign(t, &s, "too short"); ok {
		t.Error("a short text got a signature")
	}
}
