package research

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/kljensen/snowball/english"

	"github.com/folio-reader/folio/model"
)

// Term is a word that stands out in a result: a collocate of the query's
// words, or a term distinctive of the result against the rest of the
// corpus, with its counts and its score.
type Term struct {
	Word       string
	Score      float64
	Together   int    // collocates: times within Window words of a query word, in the articles read
	ResultDocs uint32 // articles of the result that hold it
	CorpusDocs uint32 // articles of the corpus that hold it
	ResultFreq uint64 // times in the result's bodies
	CorpusFreq uint64 // times in the corpus's bodies
}

// Terms is what Analyse found: the collocates and the distinctive terms of
// a result, and how much of the result the collocates were counted in.
type Terms struct {
	Collocates  []Term
	Distinctive []Term
	Read        int  // articles read for the collocates
	Sampled     bool // Read is a sample of the result: the collocates' figures are estimates
	Docs        int  // bodies in the corpus
	ResultDocs  int  // articles in the result
}

// Parameters of the measures. English stop words (Snowball's list) are
// neither collocates nor distinctive terms: they are near everything.
const (
	Window         = 5    // a collocate is within ±5 words of a query word
	MinTogether    = 3    // and occurs there at least three times
	MinDocs        = 3    // a distinctive term is in at least three of the result's articles
	SampleArticles = 1000 // collocates of a larger result are counted in this many of its articles, spread evenly
)

// Analyse finds the result's collocates (logDice, within Window words of
// the query's words, at least MinTogether times) and its distinctive terms
// (Dunning's log-likelihood, G², of the articles that hold a word in the
// result against the rest of the corpus, over-represented ones only), top
// of each.
func Analyse(ctx context.Context, c Corpus, res model.Result, top int) (Terms, error) {
	counts, docs := c.TermCounts(res, 1)
	out := Terms{Docs: docs, ResultDocs: len(res.Rows)}
	byWord := make(map[string]*model.TermCount, len(counts))
	for i := range counts {
		byWord[counts[i].Word] = &counts[i]
	}
	query := map[string]bool{}
	for _, t := range res.Query.Terms {
		if !t.Negate {
			for _, w := range t.Words {
				query[w] = true
			}
		}
	}
	out.Distinctive = distinctive(counts, len(res.Rows), docs, query, top)

	sample := res
	if len(res.Rows) > SampleArticles {
		rows := make([]int32, 0, SampleArticles)
		for i := range SampleArticles {
			rows = append(rows, res.Rows[i*len(res.Rows)/SampleArticles])
		}
		sample.Rows = rows
		out.Sampled = true
	}
	out.Read = len(sample.Rows)
	together := map[string]int{}
	nodes := 0
	err := Concordance(ctx, c, sample, Window, func(hits []Hit) bool {
		for _, h := range hits {
			if h.InTitle {
				continue
			}
			nodes++
			for _, w := range h.left {
				together[w]++
			}
			for _, w := range h.right {
				together[w]++
			}
		}
		return true
	})
	if err != nil {
		return out, err
	}
	scale := float64(len(res.Rows)) / float64(max(len(sample.Rows), 1))
	for w, n := range together {
		tc := byWord[w]
		if n < MinTogether || tc == nil || query[w] || english.IsStopWord(w) {
			continue
		}
		// logDice: 14 + log2(2·f(xy) / (f(x) + f(y))), in the articles read;
		// f(y) is the word's count in the result, scaled to the sample.
		fy := float64(tc.ResultFreq) / scale
		score := 14 + math.Log2(2*float64(n)/(float64(nodes)+fy))
		out.Collocates = append(out.Collocates, Term{Word: w, Score: score, Together: n,
			ResultDocs: tc.ResultDocs, CorpusDocs: tc.CorpusDocs, ResultFreq: tc.ResultFreq, CorpusFreq: tc.CorpusFreq})
	}
	sortTerms(out.Collocates)
	out.Collocates = out.Collocates[:min(top, len(out.Collocates))]
	return out, nil
}

// distinctive scores each word by G² of its document counts in the result
// (of r articles) against the rest of the corpus (of docs - r).
func distinctive(counts []model.TermCount, r, docs int, query map[string]bool, top int) []Term {
	rest := float64(docs - r)
	var out []Term
	for _, tc := range counts {
		if int(tc.ResultDocs) < MinDocs || query[tc.Word] || english.IsStopWord(tc.Word) {
			continue
		}
		a := float64(tc.ResultDocs)
		b := float64(tc.CorpusDocs) - a
		if rest <= 0 || a/float64(r) <= b/rest {
			continue // not over-represented
		}
		g2 := logLikelihood(a, b, float64(r), rest)
		out = append(out, Term{Word: tc.Word, Score: g2,
			ResultDocs: tc.ResultDocs, CorpusDocs: tc.CorpusDocs, ResultFreq: tc.ResultFreq, CorpusFreq: tc.CorpusFreq})
	}
	sortTerms(out)
	return out[:min(top, len(out))]
}

// logLikelihood is Dunning's G² for a of n1 against b of n2.
func logLikelihood(a, b, n1, n2 float64) float64 {
	e1 := n1 * (a + b) / (n1 + n2)
	e2 := n2 * (a + b) / (n1 + n2)
	g := 0.0
	if a > 0 {
		g += a * math.Log(a/e1)
	}
	if b > 0 {
		g += b * math.Log(b/e2)
	}
	// The absent side counts too: the articles without the word.
	na, nb := n1-a, n2-b
	ne1, ne2 := n1-e1, n2-e2
	if na > 0 && ne1 > 0 {
		g += na * math.Log(na/ne1)
	}
	if nb > 0 && ne2 > 0 {
		g += nb * math.Log(nb/ne2)
	}
	return 2 * g
}

func sortTerms(ts []Term) {
	slices.SortFunc(ts, func(a, b Term) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.Word, b.Word))
	})
}
