package gen

import (
	"math/rand/v2"
	"strconv"
)

// textWriter appends generated prose to a byte slice. It is a tiny phrase
// grammar rather than a word salad so that the corpus reads like news: the
// loader's paragraph repair and the search index then see realistic input
// (sentence ends, quotes, numbers, abbreviations, capitalised names).
type textWriter struct {
	r       *rand.Rand
	v       *vocab
	b       []byte
	glue    bool // the next word attaches without a separator
	capNext bool // the next word starts a sentence
	words   int
	ends    []int // offsets of the '\n' ending each body line
}

func (t *textWriter) w(s string) {
	if !t.glue {
		t.b = append(t.b, ' ')
	}
	t.glue = false
	i := len(t.b)
	t.b = append(t.b, s...)
	if t.capNext {
		t.capNext = false
		if c := t.b[i]; 'a' <= c && c <= 'z' {
			t.b[i] = c - 'a' + 'A'
		}
	}
	t.words++
}

// p appends punctuation (or anything) directly, without a separator.
func (t *textWriter) p(s string) { t.b = append(t.b, s...) }

func (t *textWriter) num(n int) { t.w(strconv.Itoa(n)) }

func (t *textWriter) openQuote() {
	if !t.glue {
		t.b = append(t.b, ' ')
	}
	t.b = append(t.b, '"')
	t.glue = true
}

func (t *textWriter) nl() {
	t.b = append(t.b, '\n')
	t.ends = append(t.ends, len(t.b)-1)
	t.glue = true
}

func (t *textWriter) chance(p float64) bool { return t.r.Float64() < p }

func (t *textWriter) one(s []string) string { return s[t.r.IntN(len(s))] }

// hotIndex picks an index below n with a strong skew towards 0; as the word
// lists run from common to rare, word frequencies get a Zipf-like long tail.
func (t *textWriter) hotIndex(n int) int {
	u := t.r.Float64()
	return int(u * u * u * float64(n))
}

func (t *textWriter) hot(s []string) string { return s[t.hotIndex(len(s))] }

func (t *textWriter) ones(s ...string) string { return s[t.r.IntN(len(s))] }

// np writes a noun phrase and reports whether it is plural.
func (t *textWriter) np(depth int) bool {
	v := t.v
	switch k := t.r.IntN(100); {
	case k < 11:
		t.w(t.one(v.countries))
	case k < 16:
		t.w(t.one(v.cities))
	case k < 20:
		t.w(t.one(v.orgs))
	case k < 24:
		t.w(t.one(v.people))
	case k < 27: // "the US-led alliance", as in "China-proposed" in the seed
		t.w("the")
		t.w(t.one(v.hyphenable))
		t.p(t.ones("-led", "-based", "-backed", "-proposed", "-funded", "-made"))
		t.w(t.hot(v.nouns))
	case k < 31: // possessive, with a straight or a curly apostrophe
		t.w(t.one(v.countries))
		t.p(t.ones("'s", "'s", "’s"))
		t.w(t.hot(v.mass))
	case k < 38:
		if t.chance(0.5) {
			t.w(t.hot(v.adjs))
		}
		t.w(t.hot(v.mass))
	default:
		return t.commonNP(depth)
	}
	return false
}

func (t *textWriter) commonNP(depth int) bool {
	v := t.v
	plural := t.r.IntN(3) == 0
	adj := ""
	if t.chance(0.45) {
		adj = t.hot(v.adjs)
	}
	i := t.hotIndex(len(v.nouns))
	noun := v.nouns[i]
	if plural {
		noun = v.plurals[i]
	}
	next := adj
	if next == "" {
		next = noun
	}
	if plural {
		switch k := t.r.IntN(10); {
		case k < 3:
			t.w("the")
		case k < 6:
		case k < 7:
			t.w("more than")
			t.num(2 + t.r.IntN(200))
		default:
			t.w(t.ones("many", "some", "several", "these", "their", "other"))
		}
	} else {
		switch k := t.r.IntN(10); {
		case k < 5:
			t.w("the")
		case k < 8:
			if isVowel(next[0]) {
				t.w("an")
			} else {
				t.w("a")
			}
		default:
			t.w(t.ones("this", "its", "their", "every", "another"))
		}
	}
	if adj != "" {
		t.w(adj)
	}
	t.w(noun)
	if depth < 1 && t.chance(0.2) {
		t.w("of")
		t.np(depth + 1)
	}
	return plural
}

func (t *textWriter) pick(plural bool, one, many string) string {
	if plural {
		return many
	}
	return one
}

// vp writes a verb phrase agreeing with a subject.
func (t *textWriter) vp(plural bool, depth int) {
	vb := t.v.verbs[t.hotIndex(len(t.v.verbs))]
	switch k := t.r.IntN(100); {
	case k < 30:
		t.w(vb.past)
		t.np(depth + 1)
	case k < 44:
		t.w(t.pick(plural, vb.third, vb.base))
		t.np(depth + 1)
	case k < 53:
		t.w(t.pick(plural, "has been", "have been"))
		t.w(vb.ing)
		t.np(depth + 1)
	case k < 63:
		t.w(t.ones("will", "would", "could", "should", "may", "must", "can"))
		if t.chance(0.2) {
			t.w(t.hot(t.v.advs))
		}
		t.w(vb.base)
		t.np(depth + 1)
	case k < 73:
		t.w(t.pick(plural, t.ones("is", "was"), t.ones("are", "were")))
		if t.chance(0.4) {
			t.w(t.hot(t.v.advs))
		}
		t.w(t.hot(t.v.adjs))
	case k < 80:
		t.w(t.pick(plural, "is", "are"))
		t.w(t.ones("expected", "likely", "set", "unlikely", "ready", "determined"))
		t.w("to")
		t.w(vb.base)
		t.np(depth + 1)
	case k < 90 && depth < 1:
		t.w(t.ones("said", "argued", "noted", "stressed", "warned", "claimed", "believed", "insisted", "made clear", "pointed out"))
		t.w("that")
		t.clause(depth + 1)
	default:
		t.w(vb.past)
		t.np(depth + 1)
		t.w("and")
		vb2 := t.v.verbs[t.r.IntN(len(t.v.verbs))]
		t.w(vb2.past)
		t.np(depth + 1)
	}
}

func (t *textWriter) pp(depth int) {
	if t.chance(0.1) {
		t.w("between")
		t.w(t.one(t.v.countries))
		t.w("and")
		t.w(t.one(t.v.countries))
		return
	}
	t.w(t.ones("in", "in", "on", "with", "for", "for", "from", "against", "across", "toward", "amid",
		"after", "during", "despite", "under", "within", "beyond", "through", "among", "over"))
	t.np(depth + 1)
}

func (t *textWriter) clause(depth int) {
	t.vp(t.np(depth), depth)
	for n := t.r.IntN(3); n > 0; n-- {
		t.pp(depth)
	}
}

// when optionally adds a time phrase.
func (t *textWriter) when() {
	switch k := t.r.IntN(100); {
	case k < 15:
		t.w("on")
		t.w(t.one(t.v.weekdays))
	case k < 22:
		t.w(t.ones("last week", "this year", "earlier this month", "last month"))
	}
}

// stop ends a sentence, without doubling the full stop of "the U.S.".
func (t *textWriter) stop() {
	if t.b[len(t.b)-1] != '.' {
		t.b = append(t.b, '.')
	}
}

// tail optionally adds a time phrase, a number, an example or a name in
// Chinese script.
func (t *textWriter) tail() {
	switch k := t.r.IntN(100); {
	case k < 12:
		t.w("on")
		t.w(t.one(t.v.weekdays))
	case k < 18:
		t.w(t.ones("last week", "this year", "earlier this month", "over the past decade", "in recent years", "last month"))
	case k < 22:
		t.w("in")
		t.w(t.one(t.v.months))
	case k < 26:
		t.w(t.ones("in", "since", "before", "by"))
		t.num(1990 + t.r.IntN(35))
	case k < 31:
		t.w(t.ones("by", "up", "down", "to"))
		t.num(1 + t.r.IntN(30))
		t.p(".")
		t.p(strconv.Itoa(t.r.IntN(10)))
		t.w("percent")
	case k < 34:
		t.w("worth")
		t.w("$")
		t.glue = true
		t.num(1 + t.r.IntN(900))
		t.w(t.ones("million", "billion"))
	case k < 36:
		t.p(",")
		t.w(t.ones("e.g.", "such as", "including"))
		t.w(t.one(t.v.cities))
		t.w("and")
		t.w(t.one(t.v.cities))
	case k < 37:
		t.w("in")
		t.w(t.one(t.v.cities))
		t.w("(")
		t.glue = true
		t.w(t.one(t.v.cjk))
		t.p(")")
	}
}

func (t *textWriter) role() {
	t.w(t.ones("a professor of international relations at", "a research fellow at", "an associate professor at",
		"a senior analyst at", "chief economist at", "a spokesperson for", "a visiting scholar at", "director of a center at"))
	t.w(t.one(t.v.orgs))
}

// sentence writes one sentence of a kind drawn from a fixed mix.
func (t *textWriter) sentence() {
	t.capNext = true
	switch k := t.r.IntN(100); {
	case k < 45:
		t.clause(0)
		t.tail()
		t.stop()
	case k < 54:
		t.clause(0)
		t.p(",")
		t.w("said")
		t.w(t.one(t.v.people))
		t.p(",")
		t.role()
		t.stop()
	case k < 64: // ends inside a quote: the shape the quote defect breaks
		t.w(t.one(t.v.people))
		t.w(t.ones("said", "told the Global Times", "noted", "wrote", "tweeted"))
		t.when()
		t.p(",")
		t.openQuote()
		t.capNext = true
		t.clause(0)
		t.stop()
		t.p("\"")
	case k < 69:
		t.openQuote()
		t.clause(0)
		t.p(",\"")
		t.w(t.one(t.v.people))
		t.w("said")
		t.stop()
	case k < 77:
		t.clause(0)
		t.p(",")
		t.w(t.ones("but", "and", "while", "as", "although"))
		t.clause(1)
		t.stop()
	case k < 81:
		t.w(t.ones("why", "how", "when", "what"))
		t.w(t.ones("can", "should", "would", "will"))
		t.np(1)
		t.w(t.v.verbs[t.r.IntN(len(t.v.verbs))].base)
		t.np(1)
		t.p("?")
	case k < 88:
		t.w(t.ones("it", "this", "that"))
		t.w(t.ones("is", "was", "remains"))
		if t.chance(0.5) {
			t.w(t.ones("very", "quite", "not", "rather", "a"))
		}
		t.w(t.hot(t.v.adjs))
		t.stop()
	default:
		t.w(t.ones("however", "meanwhile", "moreover", "nevertheless", "furthermore", "instead", "therefore",
			"indeed", "still", "likewise", "in addition", "besides", "in fact", "for example"))
		t.p(",")
		t.clause(0)
		t.tail()
		t.stop()
	}
}

// body writes sentences, mostly one a line, until about target words, then
// an optional contact line.
func (t *textWriter) body(target int, contact string) {
	for t.words < target {
		t.sentence()
		if t.r.IntN(12) == 0 && t.words < target {
			t.b = append(t.b, ' ')
			t.glue = true
			continue
		}
		t.nl()
	}
	if contact != "" {
		t.b = append(t.b, contact...)
		t.b = append(t.b, '\n')
	}
}
