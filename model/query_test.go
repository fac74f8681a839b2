package model

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"
)

func TestFoldAndWords(t *testing.T) {
	tests := map[string][]string{
		"Zürich, ZURICH and zurich":     {"zurich", "zurich", "and", "zurich"},
		"China, Russia won’t part ways": {"china", "russia", "wont", "part", "ways"},
		"São Paulo's Málaga Straße":     {"sao", "paulos", "malaga", "strasse"},
		"北京 welcomes Ünïcödé":           {"北", "京", "welcomes", "unicode"},
		"U.S. GDP 3.5% e-mail":          {"u", "s", "gdp", "3", "5", "e", "mail"},
		"  ":                            nil,
	}
	for in, want := range tests {
		if got := Words(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in      string
		terms   []Term
		from    time.Time
		to      time.Time
		ignored int
	}{
		{in: "kazakhstan Russia", terms: []Term{{Words: []string{"kazakhstan"}}, {Words: []string{"russia"}}}},
		{in: `"part ways"`, terms: []Term{{Words: []string{"part", "ways"}}}},
		{in: `title:"part ways" author:global cat:opinion text:kazakh`, terms: []Term{
			{Scope: ScopeTitle, Words: []string{"part", "ways"}}, {Scope: ScopeAuthor, Words: []string{"global"}},
			{Scope: ScopeCategory, Words: []string{"opinion"}}, {Scope: ScopeText, Words: []string{"kazakh"}}}},
		{in: "-nato -title:us", terms: []Term{{Words: []string{"nato"}, Negate: true}, {Scope: ScopeTitle, Words: []string{"us"}, Negate: true}}},
		{in: "after:2022-01-01", from: day(2022, 1, 1)},
		{in: "before:2022-02", to: day(2022, 2, 1)},
		{in: "date:2022-01", from: day(2022, 1, 1), to: day(2022, 2, 1)},
		{in: "date:2021 after:2021-06-15", from: day(2021, 6, 15), to: day(2022, 1, 1)},
		{in: "after:yesterday russia", terms: []Term{{Words: []string{"russia"}}}, ignored: 1},
		{in: "date:2022-02-30", ignored: 1},
		{in: `"unclosed phrase`, terms: []Term{{Words: []string{"unclosed", "phrase"}}}}, // used, so not ignored: a note says how
		{in: "date:2022-13 ---", ignored: 2},
		{in: "北京", terms: []Term{{Words: []string{"北", "京"}}}},
		{in: "ZÜRICH", terms: []Term{{Words: []string{"zurich"}}}},
		{in: "unknown:thing", ignored: 1},
		{in: "title: russia", terms: []Term{{Words: []string{"russia"}}}, ignored: 1},
		{in: "10:30 covid-19:", terms: []Term{{Words: []string{"10", "30"}}, {Words: []string{"covid", "19"}}}},
	}
	for _, tt := range tests {
		q := ParseQuery(tt.in)
		if !reflect.DeepEqual(q.Terms, tt.terms) || !q.From.Equal(tt.from) || !q.To.Equal(tt.to) || len(q.Ignored) != tt.ignored {
			t.Errorf("ParseQuery(%q) = terms %+v from %v to %v ignored %q", tt.in, q.Terms, q.From, q.To, q.Ignored)
		}
	}
	if !ParseQuery("  ").Empty() || ParseQuery("a").Empty() {
		t.Error("Empty is wrong")
	}
}

// testCorpus holds a few articles chosen to tell matching rules apart.
func testCorpus() *Corpus {
	c := NewCorpus(nil)
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	c.Add(Batch{Articles: []*Article{
		{ID: "a", Title: "China, Russia won’t part ways", Category1: "OPINION", Category2: "VIEWPOINT", Author: "Global Times", Published: day("2022-01-10")},
		{ID: "b", Title: "Kazakhstan unrest: Russia sends troops", Category1: "WORLD", Category2: "ASIA-PACIFIC", Author: "Zhang Hui and Zhao Yusha", Published: day("2022-01-06")},
		{ID: "c", Title: "Zürich hosts talks on the ways forward", Category1: "WORLD", Category2: "EUROPE", Author: "Anna Müller", Published: day("2021-06-01")},
		{ID: "d", Title: "北京 Winter Olympics open", Category1: "SPORT", Author: "Global Times", Published: day("2022-02-04")},
		{ID: "e", Title: "Undated note on parts", Category1: "SOURCE", Author: "folio sample"},
	}})
	return c
}

func ids(c *Corpus, r Result) []string {
	var out []string
	for _, n := range r.Rows {
		out = append(out, r.Article(n).ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	c := testCorpus()
	tests := map[string][]string{
		"":                        {"d", "a", "b", "c", "e"},
		"russia":                  {"a", "b"},
		"RUSS":                    {"a", "b"}, // prefix, any case
		"zurich":                  {"c"},      // accents ignored
		"müller":                  {"c"},
		"part":                    {"a", "e"}, // "parts" by prefix
		`"part ways"`:             {"a"},
		`"ways part"`:             nil,
		"title:global":            nil,
		"author:global":           {"d", "a"},
		"global":                  {"d", "a"},
		"cat:world":               {"b", "c"},
		"cat:asia":                {"b"},
		"world -europe":           {"b"},
		"-global":                 {"b", "c", "e"},
		"after:2022-01-07":        {"d", "a"},
		"before:2022-01-07":       {"b", "c"},
		"date:2022-01":            {"a", "b"},
		"date:2022-01 russia":     {"a", "b"},
		"date:2022-01 -kazakh":    {"a"},
		"北京":                      {"d"},
		"京":                       {"d"},
		"京北":                      nil,
		"won't":                   {"a"},
		"wont":                    {"a"},
		"zhang zhao":              {"b"},
		"text:kazakhstan russia":  {"a", "b"}, // body terms are ignored, not failed
		"after:nonsense olympics": {"d"},
	}
	for q, want := range tests {
		got := ids(c, c.Search(ParseQuery(q), SortNewest))
		if !slices.Equal(got, want) {
			t.Errorf("Search(%q) = %q, want %q", q, got, want)
		}
	}
	if r := c.Search(ParseQuery("text:x"), SortNewest); len(r.Query.Ignored) != 1 {
		t.Errorf("text: term not reported as ignored: %q", r.Query.Ignored)
	}
}

func TestSortOrders(t *testing.T) {
	c := testCorpus()
	want := map[SortKey][]string{
		SortNewest:   {"d", "a", "b", "c", "e"},
		SortOldest:   {"c", "b", "a", "d", "e"},
		SortTitle:    {"a", "b", "e", "c", "d"},
		SortAuthor:   {"c", "e", "d", "a", "b"},
		SortCategory: {"a", "e", "d", "b", "c"},
	}
	for key, w := range want {
		if got := ids(c, c.Search(Query{}, key)); !slices.Equal(got, w) {
			t.Errorf("%v: %q, want %q", key, got, w)
		}
	}
	for _, name := range []string{"date", "oldest", "title", "author", "category", "cat"} {
		if _, err := ParseSortKey(name); err != nil {
			t.Error(err)
		}
	}
	if _, err := ParseSortKey("size"); err == nil {
		t.Error("unknown sort accepted")
	}
}

// TestTiesByID: articles alike in title, byline, category and day keep one
// order whatever order they arrived in (a cold start's, a warm one's).
func TestTiesByID(t *testing.T) {
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	var lists [2][]string
	for i, order := range [][]string{{"b", "c", "a"}, {"c", "a", "b"}} {
		c := NewCorpus(nil)
		for _, id := range order {
			c.Add(Batch{Articles: []*Article{{ID: id, Title: "Same", Author: "Same", Category1: "SAME", Published: day}}})
		}
		for k := range numSortKeys {
			lists[i] = append(lists[i], ids(c, c.Search(Query{}, k))...)
		}
	}
	if !slices.Equal(lists[0], lists[1]) {
		t.Errorf("ties in one arrival order %q, in another %q", lists[0], lists[1])
	}
}

// TestIncrementalOrder checks that a corpus sorted, grown and sorted again
// gives the same order as one sorted whole.
func TestIncrementalOrder(t *testing.T) {
	grown, whole := NewCorpus(nil), NewCorpus(nil)
	var all []*Article
	for i := range 300 {
		all = append(all, &Article{ID: fmt.Sprint(i), Title: fmt.Sprintf("t%03d", (i*7919)%300),
			Author: fmt.Sprintf("a%d", i%13), Published: time.Date(2010+i%11, time.Month(1+i%12), 1+i%27, 0, 0, 0, 0, time.UTC)})
	}
	for i := 0; i < len(all); i += 37 {
		grown.Add(Batch{Articles: all[i:min(i+37, len(all))]})
		for k := range numSortKeys {
			grown.Search(Query{}, k)
		}
	}
	whole.Add(Batch{Articles: all})
	for k := range numSortKeys {
		if a, b := grown.Search(Query{}, k).Rows, whole.Search(Query{}, k).Rows; !slices.Equal(a, b) {
			t.Errorf("%v: incremental order differs", k)
		}
	}
}

func TestHighlights(t *testing.T) {
	q := ParseQuery(`russia "part ways" author:global -china`)
	title := "China, Russia won’t part ways"
	var got []string
	for _, s := range q.Highlights(title, ScopeTitle) {
		got = append(got, title[s.Start:s.End])
	}
	if want := []string{"Russia", "part ways"}; !slices.Equal(got, want) {
		t.Errorf("title highlights %q, want %q", got, want)
	}
	if h := q.Highlights("Global Times", ScopeAuthor); len(h) != 1 || h[0] != (Span{0, 6}) {
		t.Errorf("author highlights %v", h)
	}
	if h := q.Highlights("Global Times", ScopeTitle); len(h) != 0 {
		t.Errorf("author: term highlighted in a title: %v", h)
	}
	if h := ParseQuery("zur").Highlights("Zürich", ScopeTitle); len(h) != 1 || h[0] != (Span{0, len("Zürich")}) {
		t.Errorf("accented highlight %v", h)
	}
}

func TestCorpusBasics(t *testing.T) {
	c := testCorpus()
	c.Add(Batch{Articles: []*Article{{ID: "a", Title: "again"}}, Problems: []Problem{{Path: "x", Reason: "bad", Severity: Skipped}}})
	if a, _ := c.ByID("a"); c.Len() != 5 || a.Title != "again" {
		t.Errorf("Len %d after an ID came again, which must replace it", c.Len())
	}
	if len(c.Problems()) != 1 || c.Skipped() != 1 {
		t.Errorf("problems %v, %d skipped", c.Problems(), c.Skipped())
	}
	if a, ok := c.ByID("c"); !ok || a.Author != "Anna Müller" {
		t.Error("ByID")
	}
	if c.Number("zzz") != -1 || c.Number("b") != 1 {
		t.Error("Number")
	}
	if _, err := c.Open("zzz"); err == nil {
		t.Error("Open of a missing ID")
	}
	s := c.Stats()
	if s.Articles != 5 || s.Undated != 2 || s.Categories[0] != (Count{"WORLD", 2}) || len(s.Skipped) != 1 || s.First != "2021-06-01" {
		t.Errorf("stats %+v", s)
	}
}

// TestSearchWhileLoading runs queries of every kind and look-ups by ID
// while batches arrive, so the race detector sees the index and the IDs
// being caught up under readers.
func TestSearchWhileLoading(t *testing.T) {
	c := NewCorpus(nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range 50 {
			var arts []*Article
			for i := range 40 {
				arts = append(arts, &Article{ID: fmt.Sprintf("%d/%d.txt", b, i), Title: fmt.Sprintf("Kazakhstan trade talk %d", i%7),
					Author: "Global Times", Category1: "WORLD", Published: time.Date(2020, 1, 1+i%28, 0, 0, 0, 0, time.UTC)})
			}
			c.AddNew(Batch{Articles: arts})
		}
	}()
	queries := []string{"", "kaz", `"trade talk"`, "cat:world -talk", "author:global after:2020-01-10"}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				c.Search(ParseQuery(queries[(w+i)%len(queries)]), SortKey(i%int(numSortKeys)))
				if id := fmt.Sprintf("0/%d.txt", i%40); c.Len() > 40 && c.Number(id) != int32(i%40) { // mapped by the asking
					t.Errorf("Number(%s) = %d while loading", id, c.Number(id))
				}
			}
		})
	}
	wg.Wait()
	c.BuildIndex()
	if got := len(c.Search(ParseQuery("kaz"), SortNewest).Rows); got != 2000 {
		t.Errorf("after loading, kaz matches %d of 2000", got)
	}
}

// FuzzParseQuery: any text typed in the filter line parses without panic,
// answers a search, and its highlights stay inside the text they mark.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{`kazakh "part ways" -nato title:x author:"a b" cat:opinion after:2022-01 before:2023 date:2022-02-30`,
		`"unclosed`, `-`, `-date:2022`, `北京 text:x`, "\x00\xff", `title:""`} {
		f.Add(s)
	}
	c := testCorpus()
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		c.Search(q, SortTitle)
		for _, text := range []string{"China, Russia won’t part ways", s} {
			for _, sp := range q.Highlights(text, ScopeTitle) {
				if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
					t.Fatalf("span %v outside %q", sp, text)
				}
			}
		}
	})
}

func TestFacets(t *testing.T) {
	c := testCorpus()
	f := c.Search(ParseQuery("global"), SortNewest).Facets(0)
	if !reflect.DeepEqual(f.Authors, []Count{{"Global Times", 2}}) ||
		!reflect.DeepEqual(f.Years, []Count{{"2022", 2}}) ||
		!reflect.DeepEqual(f.Categories, []Count{{"OPINION", 1}, {"SPORT", 1}, {"VIEWPOINT", 1}}) {
		t.Errorf("facets %+v", f)
	}
	if f := c.Search(Query{}, SortNewest).Facets(1); len(f.Categories) != 1 || f.Categories[0] != (Count{"WORLD", 2}) {
		t.Errorf("top 1: %+v", f.Categories)
	}
}
