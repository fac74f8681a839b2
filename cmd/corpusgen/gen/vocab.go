package gen

import (
	"strings"
)

// verb holds the four forms the grammar needs, so inflection happens once
// when the vocabulary is built and never while text is generated.
type verb struct{ base, third, past, ing string }

// vocab is the immutable word stock of one Generator.
type vocab struct {
	nouns, plurals []string // countable nouns, same order
	mass           []string // uncountable nouns
	verbs          []verb
	adjs, advs     []string
	countries      []string // may start with "the "
	cities, orgs   []string
	cjk            []string
	weekdays       []string
	months         []string
	hyphenable     []string // one-word place names usable in "X-led"
	people         []string // names quoted in the text (not bylines)
}

func newVocab() *vocab {
	v := &vocab{
		nouns:     dedupe(strings.Fields(nounText)),
		mass:      dedupe(strings.Fields(massText)),
		adjs:      dedupe(strings.Fields(adjectiveText)),
		countries: splitList(countryText),
		cities:    splitList(cityText),
		orgs:      splitList(orgText),
		cjk:       splitList(cjkText),
		weekdays:  strings.Fields(weekdayText),
		months:    strings.Fields(monthText),
	}
	for _, n := range v.nouns {
		v.plurals = append(v.plurals, plural(n))
	}
	for _, b := range dedupe(strings.Fields(verbText)) {
		v.verbs = append(v.verbs, verb{b, third(b), past(b), ing(b)})
	}
	for _, f := range strings.Fields(irregularText) {
		p := strings.Split(f, "|")
		v.verbs = append(v.verbs, verb{p[0], third(p[0]), p[1], p[2]})
	}
	for _, a := range strings.Fields(adverbBaseText) {
		v.advs = append(v.advs, adverb(a))
	}
	v.advs = append(v.advs, strings.Fields(adverbText)...)
	for _, c := range append(append([]string{}, v.countries...), v.cities...) {
		c = strings.TrimPrefix(c, "the ")
		if !strings.ContainsAny(c, " .'") {
			v.hyphenable = append(v.hyphenable, c)
		}
	}
	v.people = peopleNames()
	return v
}

// splitList splits a ';'-separated list whose items may contain spaces.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ";") {
		if f = strings.Join(strings.Fields(f), " "); f != "" {
			out = append(out, f)
		}
	}
	return dedupe(out)
}

// dedupe keeps the first occurrence of each item, preserving order (and so
// the frequency ranking implied by the order).
func dedupe(in []string) []string {
	seen := make(map[string]bool, len(in))
	out := in[:0:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// consonantY reports a word ending in consonant+y (policy → policies).
func consonantY(w string) bool {
	n := len(w)
	return n > 1 && w[n-1] == 'y' && !isVowel(w[n-2])
}

func sibilant(w string) bool {
	for _, e := range []string{"s", "x", "z", "ch", "sh"} {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

func plural(n string) string {
	switch {
	case n == "series" || n == "aircraft":
		return n
	case strings.HasSuffix(n, "is"): // crisis → crises
		return n[:len(n)-2] + "es"
	case consonantY(n):
		return n[:len(n)-1] + "ies"
	case sibilant(n):
		return n + "es"
	case strings.HasSuffix(n, "man") && n != "human":
		return n[:len(n)-3] + "men"
	}
	return n + "s"
}

func third(b string) string {
	switch {
	case consonantY(b):
		return b[:len(b)-1] + "ies"
	case sibilant(b) || strings.HasSuffix(b, "o"):
		return b + "es"
	}
	return b + "s"
}

func past(b string) string {
	switch {
	case strings.HasSuffix(b, "e"):
		return b + "d"
	case consonantY(b):
		return b[:len(b)-1] + "ied"
	}
	return b + "ed"
}

func ing(b string) string {
	if strings.HasSuffix(b, "e") && !strings.HasSuffix(b, "ee") && len(b) > 2 {
		return b[:len(b)-1] + "ing"
	}
	return b + "ing"
}

func adverb(a string) string {
	switch {
	case strings.HasSuffix(a, "ic"):
		return a + "ally"
	case strings.HasSuffix(a, "le"):
		return a[:len(a)-1] + "y"
	case consonantY(a):
		return a[:len(a)-1] + "ily"
	}
	return a + "ly"
}
