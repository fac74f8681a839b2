package dedup_test

import (
	"encoding/xml"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
	"github.com/folio-reader/folio/dedup"
	"github.com/folio-reader/folio/model"
)

// reutersDirs are where Debian's r-cran-tm keeps its Reuters-21578
// samples: 20 articles on crude oil and 50 on acquisitions, so every
// article has others on its subject that are not copies of it.
var reutersDirs = []string{"/usr/lib/R/site-library/tm/texts/crude", "/usr/lib/R/site-library/tm/texts/acq"}

func reuters(t *testing.T) []string {
	if d := os.Getenv("FOLIO_REUTERS_DIRS"); d != "" {
		reutersDirs = strings.Split(d, ":")
	}
	var bodies []string
	for _, dir := range reutersDirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Body string `xml:"TEXT>BODY"`
			}
			if err := xml.Unmarshal(data, &doc); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			bodies = append(bodies, doc.Body)
		}
	}
	if len(bodies) == 0 {
		t.Skip("no Reuters samples here (apt-get install r-cran-tm, or FOLIO_REUTERS_DIRS)")
	}
	return bodies
}

func signOf(s *dedup.Signer, text string) (dedup.Signature, bool) {
	var hs []uint64
	for _, w := range model.Words(text) {
		hs = append(hs, dedup.WordHash([]byte(w)))
	}
	return s.Sign(hs)
}

// TestReutersCopies: real articles, each with a copy made by every kind of
// edit, beside the other real articles on the same subjects: pairwise
// precision at least 0.95 and recall at least 0.90 among the articles long
// enough to have a signature (dedup.MinWords).
func TestReutersCopies(t *testing.T) {
	bodies := reuters(t)
	r := rand.New(rand.NewPCG(2, 2))
	texts := append([]string(nil), bodies...)
	truth := make([]int, len(bodies))
	for i := range truth {
		truth[i] = i
	}
	for i, b := range bodies {
		for e := range gen.Edit(6) {
			texts = append(texts, string(e.Apply([]byte(b), []byte(bodies[(i+1)%len(bodies)]), r)))
			truth = append(truth, i)
		}
	}
	var s dedup.Signer
	sigs := make([]dedup.Signature, len(texts))
	has := make([]bool, len(texts))
	short := 0
	for i, tx := range texts {
		sigs[i], has[i] = signOf(&s, tx)
		if !has[i] && i < len(bodies) {
			short++
		}
	}
	canon := dedup.Group(len(texts), func(i int) (*dedup.Signature, bool) { return &sigs[i], has[i] }, func(a, b int) bool { return a < b })
	tp, fp, fn := 0, 0, 0
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			if !has[i] || !has[j] {
				continue
			}
			same, found := truth[i] == truth[j], canon[i] == canon[j]
			switch {
			case same && found:
				tp++
			case found:
				fp++
			case same:
				fn++
			}
		}
	}
	precision, recall := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	t.Logf("%d real articles (%d too short to sign), %d copies: %d pairs right, %d wrong, %d missed: precision %.3f, recall %.3f",
		len(bodies), short, len(texts)-len(bodies), tp, fp, fn, precision, recall)
	if precision < 0.95 || recall < 0.90 {
		t.Errorf("precision %.3f (want 0.95), recall %.3f (want 0.90)", precision, recall)
	}
}
