package gen

const minTitleWords, maxTitleWords = 5, 16

// title writes a headline in sentence case, without a final full stop. It
// adds whole phrases until it has at least n words, so headlines end on a
// complete phrase; only one longer than maxTitleWords is cut.
func (t *textWriter) title(c category, n int) {
	start := len(t.b)
	t.glue, t.capNext = true, true
	switch {
	case c.c2 == "GT VOICE" && t.chance(0.85):
		t.w("GT Voice:")
	case t.chance(0.04):
		t.w(t.ones("Editorial:", "Interview:", "Photos:", "Explainer:", "Exclusive:"))
	case t.chance(0.02):
		t.w(t.one(t.v.countries))
		t.w(t.one(t.v.nouns))
		t.p(":")
	}
	t.capNext = true
	plural := t.np(1)
	if t.chance(0.015) {
		t.w("(")
		t.glue = true
		t.w(t.one(t.v.cjk))
		t.p(")")
	}
	if t.chance(0.05) {
		t.w(t.ones("won’t", "can’t", "won't", "didn’t"))
		t.w(t.v.verbs[t.r.IntN(len(t.v.verbs))].base)
		t.np(1)
	} else {
		t.vp(plural, 1)
	}
	for countWords(t.b[start:]) < n {
		t.pp(1)
	}
	t.b = truncateWords(t.b, start, maxTitleWords)
}

func countWords(b []byte) int {
	n := 0
	for i := range b {
		if b[i] == ' ' {
			n++
		}
	}
	return n + 1
}

// truncateWords keeps the first n words of b[start:] and drops a dangling
// function word or comma at the end.
func truncateWords(b []byte, start, n int) []byte {
	words := 0
	for i := start; i < len(b); i++ {
		if b[i] == ' ' {
			if words++; words == n {
				b = b[:i]
				break
			}
		}
	}
	for countWords(b[start:]) > 5 {
		j := len(b) - 1
		for j > start && b[j] != ' ' {
			j--
		}
		switch string(b[j+1:]) {
		case "the", "a", "an", "of", "in", "on", "to", "and", "with", "for", "from", "by", "as", "at",
			"that", "its", "their", "this", "between", "more", "than", "is", "are", "will", "has", "have",
			"been", "every", "another", "these", "other", "many", "some", "several", "among", "over",
			"after", "during", "despite", "under", "within", "beyond", "through", "toward", "amid",
			"against", "across", "into", "said", "can", "would", "could", "should", "may", "must":
			b = b[:j]
			continue
		}
		break
	}
	for len(b) > start && (b[len(b)-1] == ',' || b[len(b)-1] == ':') {
		b = b[:len(b)-1]
	}
	return b
}
