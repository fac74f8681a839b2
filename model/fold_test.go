package model

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// refFold is folding as Unicode defines it, through x/text: full case
// folding, then canonical decomposition with the nonspacing marks removed,
// then folio's plain spellings (special).
func refFold(c cases.Caser, s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(c.String(s)) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if p, ok := special[r]; ok {
			b.WriteString(p)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestFoldIsUnicode compares folio's fold with x/text's over every rune a
// word can hold (letters, digits, nonspacing marks) and all of ASCII.
//
// x/text v0.42's cases.Fold is not a fold for Cherokee: it swaps the cases
// (Ꭰ to ꭰ and ꭰ to Ꭰ), so the two spellings of a letter never meet.
// CaseFolding.txt folds both to the capital, as folio does; there the test
// asks only that folio puts r with what x/text makes of it.
func TestFoldIsUnicode(t *testing.T) {
	c := cases.Fold()
	checked, unstable := 0, 0
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= utf8.RuneSelf && (!utf8.ValidRune(r) || !isWordRune(r)) {
			continue
		}
		checked++
		got, want := string(appendFold(nil, r)), refFold(c, string(r))
		if refFold(c, want) != want { // x/text's fold is not idempotent here
			unstable++
			if !unicode.In(r, unicode.Cherokee) {
				t.Errorf("%U %c: x/text does not fold it stably (%q), and it is not Cherokee", r, r, want)
			}
			if other := Fold(want); got != other {
				t.Errorf("%U %c: folds to %q, but x/text's %q folds to %q", r, r, got, want, other)
			}
			continue
		}
		if got != want {
			t.Errorf("%U %c: folds to %q, Unicode says %q", r, r, got, want)
		}
	}
	t.Logf("%d runes checked; %d where x/text's fold is unstable (Cherokee)", checked, unstable)
	if checked < 130_000 {
		t.Errorf("only %d runes checked", checked)
	}
}

// TestFoldExamples: what a reader types finds what the text spells.
func TestFoldExamples(t *testing.T) {
	for _, c := range [][2]string{
		{"ΟΔΟΣ", "οδός"}, // final sigma, accent
		{"Οδυσσεύς", "ΟΔΥΣΣΕΥΣ"},
		{"STRASSE", "Straße"}, // ß, and the capital ẞ
		{"strasse", "STRAẞE"},
		{"finance", "ﬁnance"},  // a ligature
		{"cafe", "cafe\u0301"}, // decomposed accent
		{"cafe", "CAFÉ"},
		{"zurich", "Zürich"},
		{"aeon", "Æon"},
		{"oresund", "Øresund"},
		{"lodz", "Łódź"},
		{"istanbul", "İstanbul"},
		{"μ", "µ"},  // micro sign
		{"ǆ", "ǅ"},  // title case
		{"αι", "ᾳ"}, // ypogegrammeni is iota
	} {
		if a, b := Fold(c[0]), Fold(c[1]); a != b {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want them equal", c[0], a, c[1], b)
		}
		if a, b := Words(c[0]), Words(c[1]); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("Words(%q) = %q, Words(%q) = %q", c[0], a, c[1], b)
		}
	}
}
