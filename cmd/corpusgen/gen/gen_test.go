package gen

import (
	"bytes"
	"path"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func article(g *Generator, i int) (string, []byte) { return g.Article(nil, i) }

func TestArticleIsPureFunctionOfIndex(t *testing.T) {
	a, b := New(3, true), New(3, true)
	const n = 300
	forward := make([][]byte, n)
	for i := range n {
		_, forward[i] = article(a, i)
	}
	buf := make([]byte, 0, 1<<16) // reused like the workers do
	for i := n - 1; i >= 0; i-- {
		var got []byte
		_, got = b.Article(buf[:0], i)
		if !bytes.Equal(got, forward[i]) {
			t.Fatalf("article %d differs when generated in another order", i)
		}
	}
}

func TestSeedsDiffer(t *testing.T) {
	a, b := New(1, true), New(2, true)
	for i := range 20 {
		pa, da := article(a, i)
		pb, db := article(b, i)
		if pa == pb || bytes.Equal(da, db) {
			t.Fatalf("article %d is the same for seeds 1 and 2: %s", i, pa)
		}
	}
}

var nameRE = regexp.MustCompile(`^(2009|201\d|202[0-4])/(0[1-9]|1[0-2])/\d{6}_[0-9a-f]{16}\.txt$`)

// TestCleanCorpus checks that without defects every file has the seed's
// exact header layout, and that the defective corpus is its twin (same
// paths) apart from duplicates.
func TestCleanCorpus(t *testing.T) {
	clean, dirty := New(5, false), New(5, true)
	same, moved := 0, 0
	for i := range 1000 {
		p, d := article(clean, i)
		if !nameRE.MatchString(p) {
			t.Fatalf("bad path %q", p)
		}
		lines := strings.Split(string(d), "\n")
		for k, prefix := range []string{"Published Time: ", "Title: ", "Category 1: ", "Author: ",
			"Author title: ", "Author description: ", "Text: "} {
			if !strings.HasPrefix(lines[k], prefix) {
				t.Fatalf("%s line %d = %q, want prefix %q", p, k+1, lines[k], prefix)
			}
		}
		if lines[6] != "Text: " || !strings.Contains(lines[2], "; Category 2: ") {
			t.Fatalf("%s: header differs from the seed's layout:\n%s", p, strings.Join(lines[:7], "\n"))
		}
		if bytes.ContainsAny(d, "\r\ufeff\u2002") {
			t.Fatalf("%s: clean article has CR, BOM or EN SPACE", p)
		}
		if !utf8.Valid(d) || !bytes.HasSuffix(d, []byte("\n")) {
			t.Fatalf("%s: not valid UTF-8 ending with a newline", p)
		}
		pd, dd := article(dirty, i)
		if path.Base(pd) != path.Base(p) {
			t.Fatalf("article %d: clean name %s, defective name %s", i, p, pd)
		}
		if pd != p { // only a duplicate moves, to its original's folder
			moved++
		}
		if bytes.Equal(d, dd) {
			same++
		}
	}
	if same < 300 || same > 600 { // about 0.8 × 0.6 × 0.95 have no flaw at all
		t.Errorf("%d of 1000 defective articles equal their clean twin", same)
	}
	if moved > 5 {
		t.Errorf("%d of 1000 defective articles changed folder; only duplicates should", moved)
	}
}

var (
	pushedQuote = regexp.MustCompile(`(?m)\.\r?\n"[A-Z][^"\n]*\r?$`)
	gluedPara   = regexp.MustCompile(`[a-z]\.[A-Z][a-z]`)
	withClock   = regexp.MustCompile(`Published Time\s*:\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d`)
	strayBlanks = regexp.MustCompile(`(?m)^ +\S|^[A-Za-z0-9 ]+ +:`)
	mailLine    = regexp.MustCompile(`\n[a-z]+@globaltimes\.com\.cn\r?\n$`)
)

// TestDefectRates keeps each flaw near the rate the brief and the real
// corpus give; the generator is deterministic, so the bounds never flake.
func TestDefectRates(t *testing.T) {
	g := New(1, true)
	const n = 4000
	count := map[string]int{}
	seen := map[string]bool{}
	for i := range n {
		_, d := article(g, i)
		s := string(d)
		has := func(name string, ok bool) {
			if ok {
				count[name]++
			}
		}
		has("dup", seen[s])
		seen[s] = true
		has("bom", strings.HasPrefix(s, "\ufeff"))
		has("crlf", strings.Contains(s, "\r\n"))
		has("quote", pushedQuote.MatchString(s))
		has("glued", gluedPara.MatchString(s))
		has("clock", withClock.MatchString(s))
		has("split", strings.Contains(s, "\nCategory 2") || strings.Contains(s, "Category 2 "))
		has("noauthor", !strings.Contains(s, "Author"))
		has("blanks", strayBlanks.MatchString(s))
		has("mail", mailLine.MatchString(s))
		has("enspace", strings.Contains(s, "\u2002"))
	}
	want := map[string][2]float64{ // percent of articles
		"dup": {0.02, 0.3}, "bom": {0.2, 1}, "crlf": {0.5, 1.8}, "quote": {15, 25}, "glued": {33, 47},
		"clock": {0.5, 1.8}, "split": {1.3, 3}, "noauthor": {0.2, 1}, "blanks": {0.5, 1.8}, "mail": {80, 90},
		"enspace": {1.2, 2.5},
	}
	for name, r := range want {
		pct := 100 * float64(count[name]) / n
		if pct < r[0] || pct > r[1] {
			t.Errorf("%s: %.2f%% of articles, want %.2f–%.2f%%", name, pct, r[0], r[1])
		}
	}
}

func TestTitlesAndVocabulary(t *testing.T) {
	g := New(1, false)
	words := map[string]bool{}
	var colon, accent, cjk int
	titleRE := regexp.MustCompile(`(?m)^Title: (.*)$`)
	for i := range 2000 {
		_, d := article(g, i)
		title := titleRE.FindSubmatch(d)[1]
		if n := len(strings.Fields(string(title))); n < minTitleWords || n > maxTitleWords {
			t.Errorf("title of %d words: %q", n, title)
		}
		if n := len(title); title[n-1] == '.' && unicode.IsLower(rune(title[n-2])) { // "the U.S." is fine
			t.Errorf("title ends with a full stop: %q", title)
		}
		colon += boolInt(bytes.Contains(title, []byte(": ")))
		accent += boolInt(bytes.ContainsFunc(title, func(r rune) bool { return unicode.Is(unicode.Latin, r) && r > 127 }))
		cjk += boolInt(bytes.ContainsFunc(title, func(r rune) bool { return unicode.In(r, unicode.Han, unicode.Hangul) }))
		for _, w := range strings.FieldsFunc(string(d), func(r rune) bool { return !unicode.IsLetter(r) }) {
			words[strings.ToLower(w)] = true
		}
	}
	if len(words) < 3000 {
		t.Errorf("only %d distinct words in 2000 articles", len(words))
	}
	if colon < 40 || accent < 10 || cjk < 5 {
		t.Errorf("titles: %d with a colon, %d with accents, %d with CJK; want more", colon, accent, cjk)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestInflection(t *testing.T) {
	for _, c := range []struct{ in, got, want string }{
		{"policy", plural("policy"), "policies"}, {"crisis", plural("crisis"), "crises"},
		{"tax", plural("tax"), "taxes"}, {"day", plural("day"), "days"},
		{"echo", third("echo"), "echoes"}, {"deny", past("deny"), "denied"},
		{"deploy", past("deploy"), "deployed"}, {"argue", ing("argue"), "arguing"},
		{"agree", ing("agree"), "agreeing"}, {"economic", adverb("economic"), "economically"},
		{"possible", adverb("possible"), "possibly"},
	} {
		if c.got != c.want {
			t.Errorf("%s → %q, want %q", c.in, c.got, c.want)
		}
	}
}

func BenchmarkArticle(b *testing.B) {
	g := New(1, true)
	var buf []byte
	size := 0
	for i := 0; b.Loop(); i++ {
		_, buf = g.Article(buf[:0], i)
		size += len(buf)
	}
	b.SetBytes(int64(size / max(b.N, 1)))
}
