package model

import (
	"slices"
	"testing"
	"time"
)

// langCorpus is a few articles, bodies indexed, for the query language's
// forms.
func langCorpus() *Corpus {
	day := func(y int) time.Time { return time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC) }
	return indexed([]*Article{
		{ID: "policies.txt", Title: "Budget", Published: day(2020), RawBody: "The policies of the government changed."},
		{ID: "policy.txt", Title: "Budget review", Published: day(2021), RawBody: "A policy for every country."},
		{ID: "police.txt", Title: "Police report", Published: day(2022), RawBody: "The police said nothing."},
		{ID: "countries.txt", Title: "Kazakhstan and Russia", Published: day(2023), RawBody: "Trade between countries grew, and Kazakhstan signed with its northern neighbour Russia."},
		{ID: "far.txt", Title: "Kazakhstan", Published: day(2024), RawBody: "Kazakhstan " + repeat("word ", 30) + "Russia."},
	}, 7)
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

func idsOf(c *Corpus, q string) []string {
	res := c.SearchLabels(ParseQuery(q), SortOldest, nil)
	out := []string{}
	for _, r := range res.Rows {
		out = append(out, res.Article(r).ID)
	}
	slices.Sort(out)
	return out
}

func TestQueryForms(t *testing.T) {
	c := langCorpus()
	tests := map[string][]string{
		"policy":                                  {"policies.txt", "policy.txt"}, // the stem finds policies, not police
		"policies":                                {"policies.txt", "policy.txt"},
		"=policy":                                 {"policy.txt"},
		"polic*":                                  {"police.txt", "policies.txt", "policy.txt"},
		"country":                                 {"countries.txt", "policy.txt"},
		"police OR =policy":                       {"police.txt", "policy.txt"},
		"budget -(review OR changed)":             {},
		"budget NOT review":                       {"policies.txt"},
		"title:(budget OR police)":                {"police.txt", "policies.txt", "policy.txt"},
		"kazakhstan NEAR/10 russia":               {"countries.txt"},
		"russia NEAR/40 kazakhstan":               {"countries.txt", "far.txt"},
		"kazakhstan NEAR/2 russia":                {"countries.txt"}, // in its title, "and" between: 2 apart
		"kazakhstan NEAR/1 russia":                {},
		`"policies government"~2`:                 {"policies.txt"},
		`"policies government"~1`:                 {},
		`"trade grew"~2`:                          {"countries.txt"},
		"-date:2022 budget":                       {"policies.txt", "policy.txt"},
		"(after:2023 OR before:2021) -kazakhstan": {"policies.txt"},
	}
	// The same from the bodies' text, as when the index has no positions.
	byText := langCorpus()
	byText.body.pos.broken = true
	for q, want := range tests {
		if got := idsOf(c, q); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", q, got, want)
		}
		if got := idsOf(byText, q); !slices.Equal(got, want) {
			t.Errorf("%s, positions from the text: %v, want %v", q, got, want)
		}
	}
}

// TestQueryHighlightsBranches: every word that made an article match is
// lit, from either branch of an OR, stems included, and no negated one.
func TestQueryHighlightsBranches(t *testing.T) {
	q := ParseQuery("(policy OR police) -government")
	text := "The policies and the police; the government."
	var lit []string
	for _, s := range q.BodyHighlights(text) {
		lit = append(lit, text[s.Start:s.End])
	}
	if want := []string{"policies", "police"}; !slices.Equal(lit, want) {
		t.Errorf("lit %q, want %q", lit, want)
	}
}

// TestTreeCounts: a saved search with OR over labels counts as a search
// finds.
func TestTreeCounts(t *testing.T) {
	c, l := labelCorpus()
	for _, q := range []string{"is:starred OR olympics", "NOT (is:read OR trade)", "(tag:follow-up OR is:starred) after:2023"} {
		res := c.SearchLabels(ParseQuery(q), SortOldest, l)
		total, _ := c.Count(ParseQuery(q), l)
		if total != len(res.Rows) {
			t.Errorf("%s: counted %d, searched %d", q, total, len(res.Rows))
		}
	}
	if got := len(c.SearchLabels(ParseQuery("is:starred OR olympics"), SortOldest, l).Rows); got != 3 {
		t.Errorf("is:starred OR olympics: %d, want 3", got)
	}
}

// TestFlatQueriesKeepTheirForm: terms side by side are not a tree.
func TestFlatQueriesKeepTheirForm(t *testing.T) {
	for _, q := range []string{"a b", "-a title:b is:unread after:2022 before:2023", `"part ways" -cat:sport`} {
		if !ParseQuery(q).Flat() {
			t.Errorf("%s: kept as a tree", q)
		}
	}
	for _, q := range []string{"a OR b", "-(a b)", "a NEAR b", `"a b"~2`, "-after:2022"} {
		if ParseQuery(q).Flat() {
			t.Errorf("%s: flat", q)
		}
	}
}

func TestSuggest(t *testing.T) {
	c := langCorpus()
	if got := c.Suggest("kazakstan", 3); !slices.Equal(got, []string{"kazakhstan"}) {
		t.Errorf("kazakstan: %v", got)
	}
	if got := c.Suggest("polcy", 3); len(got) == 0 || got[0] != "policy" {
		t.Errorf("polcy: %v", got)
	}
	if got := c.Suggest("zzzzzz", 3); len(got) != 0 {
		t.Errorf("zzzzzz: %v", got)
	}
}

func TestEditDistance(t *testing.T) {
	var e editor
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"kazakstan", "kazakhstan", 1}, {"abc", "abc", 0}, {"abc", "axc", 1}, {"abc", "cab", 2}, {"abc", "xyz", 3}, {"zürich", "zurich", 1}, {"ab", "abcdef", 3}} {
		if got := e.distance([]rune(tt.a), tt.b, 2); got != min(tt.d, 3) {
			t.Errorf("%s %s: %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}
