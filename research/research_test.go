package research

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/model"
)

// corpus makes a corpus of the articles, bodies indexed, whose Open gives
// each article with its body as the reader shows it.
func corpus(arts []*model.Article) *model.Corpus {
	byID := map[string]*model.Article{}
	for _, a := range arts {
		full := *a
		full.Body = a.RawBody
		byID[a.ID] = &full
	}
	c := model.NewCorpus(func(id string) (*model.Article, error) {
		if a, ok := byID[id]; ok {
			return a, nil
		}
		return nil, fmt.Errorf("no %s", id)
	})
	stripped := make([]*model.Article, len(arts))
	for i, a := range arts {
		s := *a
		s.RawBody = ""
		stripped[i] = &s
	}
	c.Add(model.Batch{Articles: stripped})
	c.StartBodies()
	w := c.NewBodyWorker()
	for i, a := range arts {
		w.Add(int32(i), []byte(a.RawBody))
	}
	w.Flush()
	c.BodiesIndexed(c.Len())
	return c
}

var filler = strings.Fields("the government said markets would open on monday while officials met in the capital to discuss trade budget reform and regional security with neighbours")

// text makes n words of filler, with extra words planted at random places.
func text(r *rand.Rand, n int, plant ...string) string {
	words := make([]string, n)
	for i := range words {
		words[i] = filler[r.IntN(len(filler))]
	}
	for _, p := range plant {
		words[r.IntN(n)] = p
	}
	return strings.Join(words, " ")
}

func day(i int) time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i*9) }

// planted is 300 articles: every third about oil, where "crude" always
// stands before "oil", with pipeline and refinery in its text; the rest
// about nothing in particular.
func planted() []*model.Article {
	r := rand.New(rand.NewPCG(3, 4))
	var arts []*model.Article
	for i := range 300 {
		a := &model.Article{ID: fmt.Sprintf("%03d.txt", i), Title: "Report " + fmt.Sprint(i), Published: day(i)}
		if i%3 == 0 {
			a.Title = "Oil report"
			a.RawBody = text(r, 120, "pipeline", "refinery", "pipeline") + " crude oil. " + text(r, 60, "refinery") + " then crude oil again."
		} else {
			a.RawBody = text(r, 150)
		}
		if i%10 == 0 {
			a.Published = time.Time{}
		}
		arts = append(arts, a)
	}
	return arts
}

// TestConcordanceCount: a line for every occurrence, as counted by reading
// every title and body, and each line's match is the word.
func TestConcordanceCount(t *testing.T) {
	arts := planted()
	c := corpus(arts)
	for _, q := range []string{"oil", "crude", "refinery OR pipeline", `"crude oil"`} {
		res := c.Search(model.ParseQuery(q), model.SortNewest)
		var hits []Hit
		if err := Concordance(context.Background(), c, res, 5, func(h []Hit) bool { hits = append(hits, h...); return true }); err != nil {
			t.Fatal(err)
		}
		want := 0
		for _, a := range arts {
			want += count(a.Title, q) + count(a.RawBody, q)
		}
		if len(hits) != want || want == 0 {
			t.Errorf("%s: %d lines, %d occurrences", q, len(hits), want)
		}
		// Each body line opens the reader at the lit stretch that holds it.
		for _, h := range hits {
			if h.InTitle {
				continue
			}
			full, _ := c.Open(h.ID)
			lit := res.Query.BodyHighlights(full.Body)
			if h.Index < 0 || h.Index >= len(lit) || !strings.Contains(full.Body[lit[h.Index].Start:lit[h.Index].End], h.Match) {
				t.Fatalf("%s: %s line %q opens at lit %d of %d", q, h.ID, h.Match, h.Index, len(lit))
			}
		}
	}
}

// count is a brute-force count of q's occurrences in s: whole words, or
// the two words of a phrase next to each other.
func count(s, q string) int {
	toks := model.Words(s)
	n := 0
	for i, w := range toks {
		switch q {
		case `"crude oil"`:
			if w == "crude" && i+1 < len(toks) && toks[i+1] == "oil" {
				n++
			}
		case "refinery OR pipeline":
			if w == "refinery" || w == "pipeline" {
				n++
			}
		default:
			if w == q {
				n++
			}
		}
	}
	return n
}

func TestConcordanceSortAndContext(t *testing.T) {
	c := corpus(planted())
	res := c.Search(model.ParseQuery("oil"), model.SortNewest)
	var hits []Hit
	Concordance(context.Background(), c, res, 3, func(h []Hit) bool { hits = append(hits, h...); return true })
	Sort(hits, ByLeft)
	for i, h := range hits {
		if !h.InTitle && len(strings.Fields(h.Left)) > 3 {
			t.Fatalf("line %d: %q has more than 3 words of context", i, h.Left)
		}
		if i > 0 && cmpWords(hits[i-1].left, h.left) > 0 {
			t.Fatalf("lines %d and %d out of order: %q, %q", i-1, i, hits[i-1].Left, h.Left)
		}
	}
	if h := hits[len(hits)-1]; h.InTitle || h.left[0] != "crude" {
		t.Errorf("sorted by the word before, the last is %+v", h)
	}
}

// TestPlantedTerms: the word always next to the query's comes first among
// its collocates, and the planted topic's words are the most distinctive.
func TestPlantedTerms(t *testing.T) {
	c := corpus(planted())
	res := c.Search(model.ParseQuery("oil"), model.SortNewest)
	ts, err := Analyse(context.Background(), c, res, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts.Collocates) == 0 || ts.Collocates[0].Word != "crude" {
		t.Errorf("collocates %+v", ts.Collocates)
	}
	var top []string
	for _, d := range ts.Distinctive[:min(3, len(ts.Distinctive))] {
		top = append(top, d.Word)
	}
	slices.Sort(top)
	if want := []string{"crude", "pipeline", "refinery"}; !slices.Equal(top, want) {
		t.Errorf("distinctive %v, want %v (%+v)", top, want, ts.Distinctive)
	}
}

// TestTrendSums: each series' counts add up to its query's dated articles,
// and the rates are per 1,000 of the period's articles.
func TestTrendSums(t *testing.T) {
	c := corpus(planted())
	var results []model.Result
	qs := []string{"oil", "report", "-oil"}
	for _, q := range qs {
		results = append(results, c.Search(model.ParseQuery(q), model.SortNewest))
	}
	all := c.Search(model.Query{}, model.SortNewest)
	for _, by := range []Period{Auto, Week, Month, Year} {
		tr, err := Trend(results, qs, all, by)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range tr.Series {
			_, _, undated := results[i].Days()
			if s.Total != len(results[i].Rows)-undated {
				t.Errorf("%v %s: counted %d, the query has %d dated", by, s.Query, s.Total, len(results[i].Rows)-undated)
			}
		}
		for b := range tr.Buckets {
			if sum := tr.Series[0].Counts[b] + tr.Series[2].Counts[b]; sum != tr.All[b] {
				t.Errorf("%v %s: oil and -oil %d, all %d", by, tr.Label(b), sum, tr.All[b])
			}
		}
	}
	if _, err := Trend(make([]model.Result, 7), make([]string, 7), all, Month); err == nil {
		t.Error("seven queries accepted")
	}
}

// TestExportCSV: every article of the result, every field, in order, and
// the body with it.
func TestExportCSV(t *testing.T) {
	arts := planted()
	c := corpus(arts)
	res := c.Search(model.ParseQuery("oil"), model.SortNewest)
	var buf bytes.Buffer
	if _, err := Export(context.Background(), &buf, c, res, CSV, true); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(res.Rows)+1 || !slices.Equal(rows[0], csvHeader) {
		t.Fatalf("%d rows for %d articles; header %v", len(rows), len(res.Rows), rows[0])
	}
	for i, n := range res.Rows {
		a := res.Article(n)
		full, _ := c.Open(a.ID)
		if r := rows[i+1]; r[0] != a.ID || r[1] != a.Title || r[10] != full.Body {
			t.Fatalf("row %d: %q, want %s", i, r[:2], a.ID)
		}
	}
}

// TestWorkPanicsAlone: a panic on one item ends that item only.
func TestWorkPanicsAlone(t *testing.T) {
	var got []int
	err := inOrder(context.Background(), 100, 8, func(i int) []int {
		if i == 42 {
			panic("a file it choked on")
		}
		return []int{i}
	}, func(b []int) bool { got = append(got, b...); return true })
	if err != nil || len(got) != 99 || slices.Contains(got, 42) {
		t.Errorf("err %v, %d items", err, len(got))
	}
}
