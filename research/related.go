package research

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/kljensen/snowball/english"

	"github.com/folio-reader/folio/model"
)

// Parameters of "more like this".
const (
	RelatedTerms = 12 // an article's most distinctive words, by TF-IDF, make its query
	RelatedMax   = 10
)

// DistinctiveWords returns the words of text that set it apart from the
// corpus, most first: TF-IDF (1 + log tf) · log(N/df), of words of three
// letters or more that are no stop words and that at least one other
// article holds.
func DistinctiveWords(c Corpus, text string, k int) []string {
	tf := map[string]int{}
	for _, t := range model.Tokens(text) {
		if len(t.Word) >= 3 && !english.IsStopWord(t.Word) {
			tf[t.Word]++
		}
	}
	type scored struct {
		w string
		s float64
	}
	var ws []scored
	for w, f := range tf {
		df, docs := c.DocFreq(w)
		if df < 2 || docs == 0 {
			continue
		}
		ws = append(ws, scored{w, (1 + math.Log(float64(f))) * math.Log(float64(docs)/float64(df))})
	}
	slices.SortFunc(ws, func(a, b scored) int { return cmp.Or(cmp.Compare(b.s, a.s), strings.Compare(a.w, b.w)) })
	out := make([]string, 0, k)
	for _, w := range ws[:min(k, len(ws))] {
		out = append(out, w.w)
	}
	return out
}

// Related returns up to RelatedMax articles most like the one with id:
// its distinctive words, ranked against the corpus (BM25, titles
// boosted), nearer dates first among equal scores, leaving out the
// article and its copies (cp; nil: none known).
func Related(ctx context.Context, c Corpus, id string, cp *model.Copies) (model.Result, error) {
	full, err := c.Open(id)
	if err != nil {
		return model.Result{}, err
	}
	words := DistinctiveWords(c, full.Title+"\n"+full.RawBody, RelatedTerms)
	if len(words) == 0 {
		return model.Result{}, nil
	}
	q := model.ParseQuery("=" + strings.Join(words, " OR =")) // the words themselves: no prefixes, no stems
	res, err := c.SearchContext(ctx, q, model.SortRelevance, nil)
	if err != nil {
		return res, err
	}
	self, _ := res.Number(id)
	_, copies := res.CopiesOf(cp, self)
	skip := map[int32]bool{self: true}
	for _, n := range copies {
		skip[n] = true
	}
	type row struct {
		n     int32
		score float32
		far   time.Duration
	}
	// Rows come best first: the ten best, and every row as good as the
	// tenth (an equal score ranks by date), are all that can be kept.
	var rows []row
	for i, n := range res.Rows {
		if skip[n] {
			continue
		}
		var s float32
		if i < len(res.Scores) {
			s = res.Scores[i]
		}
		if len(rows) >= RelatedMax && s < rows[len(rows)-1].score {
			break
		}
		far := time.Duration(math.MaxInt64)
		if d := res.Article(n).Published; !d.IsZero() && !full.Published.IsZero() {
			far = d.Sub(full.Published).Abs()
		}
		rows = append(rows, row{n, s, far})
	}
	slices.SortStableFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.far, b.far)) })
	res.Rows, res.Scores = nil, nil
	for _, r := range rows[:min(RelatedMax, len(rows))] {
		res.Rows = append(res.Rows, r.n)
		res.Scores = append(res.Scores, r.score)
	}
	return res, nil
}
