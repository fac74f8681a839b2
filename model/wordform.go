package model

import (
	"strings"

	"github.com/kljensen/snowball/english"

	"github.com/folio-reader/folio/query"
)

// A word of a query matches according to its form (query.Form):
//
//   - a bare word (query.Word): the words it starts, and the words that
//     share its English stem (Snowball's English stemmer, Porter2: policy
//     finds policies), for words of ASCII letters that are not stop words;
//   - =word (query.Exact): that word alone;
//   - word* (query.Prefix): the words it starts, and no stem.
//
// In bodies a bare word shorter than minBodyPrefix matches whole words
// only, as before stems: "c" would start nearly every body.

// maxStemCandidates bounds the words a stem looks through: the words that
// share the stem's first letters, each stemmed to compare.
const maxStemCandidates = 4096

// stemOf returns the stem of a folded word, and false for a word that has
// none to share: not ASCII letters, shorter than three, or a stop word.
func stemOf(w string) (string, bool) {
	if len(w) < 3 {
		return "", false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return "", false
		}
	}
	if english.IsStopWord(w) {
		return "", false
	}
	return english.Stem(w, false), true
}

// stemRoot is the prefix every word of a stem starts with: the stem less
// its last letter (a stem may end in a letter its words replace, as
// countri for country).
func stemRoot(stem string) string {
	if len(stem) > 3 {
		return stem[:len(stem)-1]
	}
	return stem
}

// matching returns the ids of the words w matches in form. minPrefix is
// the shortest bare word taken as a prefix (0: any).
func (v *vocab) matching(w string, form query.Form, minPrefix int) []uint32 {
	switch form {
	case query.Exact:
		if id, ok := v.lookup(w); ok {
			return []uint32{id}
		}
		return nil
	case query.Prefix:
		return v.prefixed(w)
	}
	var ids []uint32
	asPrefix := minPrefix == 0 || runeCount(w) >= minPrefix
	if asPrefix {
		ids = v.prefixed(w)
	} else if id, ok := v.lookup(w); ok {
		ids = []uint32{id}
	}
	stem, ok := stemOf(w)
	if !ok {
		return ids
	}
	cands := v.prefixed(stemRoot(stem))
	if len(cands) > maxStemCandidates {
		return ids
	}
	var more []uint32
	for _, id := range cands {
		cw := v.words[id]
		if cw == w || asPrefix && strings.HasPrefix(cw, w) {
			continue // a prefix match already
		}
		if s, ok := stemOf(cw); ok && s == stem {
			more = append(more, id)
		}
	}
	if len(more) == 0 {
		return ids
	}
	return append(append(make([]uint32, 0, len(ids)+len(more)), ids...), more...)
}

// wordMatcher tells whether a token (a folded word of a text) is one a
// query word matches, as matching does in an index: for highlights and for
// checking a text when positions are missing.
type wordMatcher struct {
	w      string
	form   query.Form
	prefix bool   // a bare word long enough to be a prefix
	stem   string // "" when w shares no stem
}

func newWordMatcher(w string, form query.Form, minPrefix int) wordMatcher {
	m := wordMatcher{w: w, form: form}
	switch form {
	case query.Prefix:
		m.prefix = true
	case query.Word:
		m.prefix = minPrefix == 0 || runeCount(w) >= minPrefix
		m.stem, _ = stemOf(w)
	}
	return m
}

func (m wordMatcher) match(tok string) bool {
	switch {
	case tok == m.w:
		return true
	case m.prefix && strings.HasPrefix(tok, m.w):
		return true
	case m.stem != "" && strings.HasPrefix(tok, stemRoot(m.stem)):
		s, ok := stemOf(tok)
		return ok && s == m.stem
	}
	return false
}

func runeCount(s string) int {
	n := 0
	for range s {
		n++
	}
	return n
}
