package model

import (
	"slices"
	"testing"
	"time"
)

// fakeLabels holds marks by article ID, as a store would.
type fakeLabels struct {
	c       *Corpus
	read    map[string]bool
	starred map[string]bool
	tags    map[string][]string // tag → IDs
}

func (f fakeLabels) Labelled(l Label, at Numbering) []uint64 {
	n := len(at.Articles)
	set := newBitset(n)
	mark := func(id string) {
		if k := at.Number(id); k >= 0 && int(k) < n {
			set.set(uint32(k))
		}
	}
	switch l.Kind {
	case LabelRead:
		for id := range f.read {
			mark(id)
		}
	case LabelStarred:
		for id := range f.starred {
			mark(id)
		}
	case LabelTag:
		for _, id := range f.tags[l.Tag] {
			mark(id)
		}
	}
	return set
}

func labelCorpus() (*Corpus, fakeLabels) {
	c := NewCorpus(nil)
	day := func(y int) time.Time { return time.Date(y, 3, 1, 0, 0, 0, 0, time.UTC) }
	c.Add(Batch{Articles: []*Article{
		{ID: "a.txt", Title: "Trade talks resume", Published: day(2021)},
		{ID: "b.txt", Title: "Trade deal signed", Published: day(2022)},
		{ID: "c.txt", Title: "Olympics open", Published: day(2022)},
		{ID: "d.txt", Title: "Olympics close", Published: day(2023)},
	}})
	return c, fakeLabels{c: c,
		read:    map[string]bool{"a.txt": true, "c.txt": true},
		starred: map[string]bool{"b.txt": true},
		tags:    map[string][]string{"follow-up": {"b.txt", "c.txt", "d.txt"}},
	}
}

func TestLabelTermsCombine(t *testing.T) {
	c, l := labelCorpus()
	tests := map[string][]string{
		"is:unread":                         {"b.txt", "d.txt"},
		"is:read":                           {"a.txt", "c.txt"},
		"-is:read":                          {"b.txt", "d.txt"},
		"-is:unread":                        {"a.txt", "c.txt"},
		"is:starred":                        {"b.txt"},
		"tag:follow-up":                     {"b.txt", "c.txt", "d.txt"},
		"TAG:Follow-Up":                     {"b.txt", "c.txt", "d.txt"},
		"tag:follow-up after:2022 -is:read": {"b.txt", "d.txt"},
		"tag:follow-up olympics":            {"c.txt", "d.txt"},
		"trade is:unread":                   {"b.txt"},
		"-tag:follow-up":                    {"a.txt"},
		"tag:nothing":                       {},
		"is:starred before:2022":            {},
		"olympics -is:starred date:2023 tag:follow-up": {"d.txt"},
	}
	for q, want := range tests {
		res := c.SearchLabels(ParseQuery(q), SortOldest, l)
		var got []string
		for _, n := range res.Rows {
			got = append(got, c.At(n).ID)
		}
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%q: got %v, want %v", q, got, want)
		}
		total, unread := c.Count(ParseQuery(q), l)
		wantUnread := 0
		for _, id := range want {
			if !l.read[id] {
				wantUnread++
			}
		}
		if total != len(want) || unread != wantUnread {
			t.Errorf("Count(%q) = %d, %d unread; want %d, %d", q, total, unread, len(want), wantUnread)
		}
	}
}

func TestLabelTermsWithoutState(t *testing.T) {
	c, _ := labelCorpus()
	if res := c.Search(ParseQuery("is:read"), SortOldest); len(res.Rows) != 0 {
		t.Errorf("is:read without a store matched %d", len(res.Rows))
	}
	if res := c.Search(ParseQuery("is:unread"), SortOldest); len(res.Rows) != 4 {
		t.Errorf("is:unread without a store matched %d, want all 4", len(res.Rows))
	}
}

func TestLabelTermsIgnored(t *testing.T) {
	for _, in := range []string{"is:bogus", "tag:", `tag:"two words"`, "tag:-x"} {
		q := ParseQuery(in)
		if len(q.Ignored) != 1 || len(q.Terms) != 0 {
			t.Errorf("%q: terms %+v, ignored %q", in, q.Terms, q.Ignored)
		}
	}
}

func TestTagName(t *testing.T) {
	for in, want := range map[string]string{" Follow-Up ": "follow-up", "to/read": "to/read", "日本": "日本"} {
		if got, ok := TagName(in); !ok || got != want {
			t.Errorf("TagName(%q) = %q, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "two words", "a\x1bb", `q"t`, "-lead", string(make([]byte, MaxTag+1))} {
		if _, ok := TagName(in); ok {
			t.Errorf("TagName(%q) accepted", in)
		}
	}
}
