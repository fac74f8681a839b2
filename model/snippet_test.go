package model

import (
	"slices"
	"strings"
	"testing"
)

// TestSnippet: the snippet is the sentence with most of the query's words,
// and its ranges cover query words.
func TestSnippet(t *testing.T) {
	body := "Officials met on Monday.\nThe Kazakh trade delegation arrived. Trade talks with the Kazakh side resumed in Almaty! Weather was fine."
	q := ParseQuery(`kazakh "trade talks" -weather`)
	text, spans := q.Snippet(body, 200)
	if text != "Trade talks with the Kazakh side resumed in Almaty!" {
		t.Fatalf("snippet %q", text)
	}
	if len(spans) != 2 || text[spans[0].Start:spans[0].End] != "Trade talks" || text[spans[1].Start:spans[1].End] != "Kazakh" {
		t.Errorf("spans %v of %q", spans, text)
	}
	// A long sentence is cut around its match, and the ranges follow.
	long := strings.Repeat("word ", 100) + "the Zürich summit " + strings.Repeat("more ", 100)
	text, spans = ParseQuery("zurich").Snippet(long, 80)
	if len(text) > 80+2*len("…") || !strings.HasPrefix(text, "…") || !strings.HasSuffix(text, "…") {
		t.Errorf("long snippet %q", text)
	}
	if len(spans) != 1 || text[spans[0].Start:spans[0].End] != "Zürich" {
		t.Errorf("long snippet spans %v of %q", spans, text)
	}
	// Matched on the title only: the first sentence, nothing marked.
	if text, spans := ParseQuery("title:almaty").Snippet(body, 200); text != "Officials met on Monday." || spans != nil {
		t.Errorf("title-only snippet %q %v", text, spans)
	}
	// An initialism's period ends no sentence.
	if text, _ := ParseQuery("title:x").Snippet("The U.K. argued that J. R. Smith was right. Then more.", 200); text != "The U.K. argued that J. R. Smith was right." {
		t.Errorf("initials: first sentence %q", text)
	}
	// Hard-wrapped text: a sentence goes on across line breaks; a blank
	// line ends a paragraph, and a sentence with it.
	wrapped := "NEW YORK - American Express Co, rumored to be\nin talks with a bank, said nothing on\nTuesday.  Analysts were\r\nsurprised.\n\nA new paragraph without a stop\n  \nends at the blank line"
	if text, _ := ParseQuery("rumored").Snippet(wrapped, 200); text != "NEW YORK - American Express Co, rumored to be in talks with a bank, said nothing on Tuesday." {
		t.Errorf("hard-wrapped: %q", text)
	}
	if text, spans := ParseQuery("surprised").Snippet(wrapped, 200); text != "Analysts were surprised." || len(spans) != 1 || text[spans[0].Start:spans[0].End] != "surprised" {
		t.Errorf("hard-wrapped, CRLF: %q %v", text, spans)
	}
	if text, _ := ParseQuery("paragraph").Snippet(wrapped, 200); text != "A new paragraph without a stop" {
		t.Errorf("paragraph end: %q", text)
	}
	if text, _ := ParseQuery("x").Snippet("", 80); text != "" {
		t.Errorf("empty body: %q", text)
	}
}

func BenchmarkSnippet6KB(b *testing.B) {
	sentence := "Ukrainian media outlet Obozrevatel published an article on Saturday about the region. "
	body := strings.Repeat(sentence, 6<<10/len(sentence)) + "The Kazakh trade talks ended."
	q := ParseQuery(`kazakh "trade talks" region`)
	for b.Loop() {
		q.Snippet(body, 200)
	}
}

// TestStretchesAreHighlights: joining a text's occurrences gives the
// stretches BodyHighlights lights.
func TestStretchesAreHighlights(t *testing.T) {
	for _, tc := range []struct{ q, text string }{
		{"oil OR crude", "The crude oil, and oil. Crude\noil here; crude-oil."},
		{`"security council" OR council`, "The Security Council met; the council said so.\nCouncil"},
		{"policy", "Policies and a policy: policy-makers."},
	} {
		q := ParseQuery(tc.q)
		got, want := Stretches(tc.text, q.Occurrences(tc.text, ScopeText)), q.BodyHighlights(tc.text)
		if !slices.Equal(got, want) {
			t.Errorf("%s in %q: %v, want %v", tc.q, tc.text, got, want)
		}
	}
}
