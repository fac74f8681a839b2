package model

import (
	"fmt"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kljensen/snowball/english"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
)

// The oracle answers a query by reading every article, with the rules of
// docs/QUERY.md written plainly: no index, no positions file, no sets.
// TestOracle holds the corpus's answers equal to it for random query trees.

// oracleArticle is an article as the oracle reads it: the folded words of
// each field, and the same words as numbers of the oracle's vocabulary.
type oracleArticle struct {
	title, author, body []string
	cats                [][]string // each category's words
	day                 time.Time

	titleIDs, authorIDs, bodyIDs []int32
	catIDs                       [][]int32
}

// oracle holds the articles' words; each query word is compared with every
// word of vocab once (oTerm.prepare) rather than with every occurrence.
type oracle struct {
	arts  []oracleArticle
	vocab []string
	ids   map[string]int32
}

func newOracle(arts []*Article) *oracle {
	o := &oracle{ids: map[string]int32{}}
	num := func(words []string) []int32 {
		out := make([]int32, len(words))
		for i, w := range words {
			id, ok := o.ids[w]
			if !ok {
				id = int32(len(o.vocab))
				o.ids[w] = id
				o.vocab = append(o.vocab, w)
			}
			out[i] = id
		}
		return out
	}
	for _, a := range arts {
		oa := oracleArticle{
			title: Words(a.Title), author: Words(a.Author), body: Words(a.RawBody),
			cats: [][]string{Words(a.Category1), Words(a.Category2)},
			day:  a.Published,
		}
		oa.titleIDs, oa.authorIDs, oa.bodyIDs = num(oa.title), num(oa.author), num(oa.body)
		oa.catIDs = [][]int32{num(oa.cats[0]), num(oa.cats[1])}
		o.arts = append(o.arts, oa)
	}
	return o
}

// answer returns which articles match the query tree, reading every one,
// on every processor.
func (o *oracle) answer(tree *oNode) []bool {
	tree.prepare(o)
	out := make([]bool, len(o.arts))
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(o.arts); i += workers {
				out[i] = o.match(o.arts[i], tree)
			}
		})
	}
	wg.Wait()
	return out
}

var oStems = map[string]string{}

// oStem is a word's stem, "" when it has none to share (docs/QUERY.md).
func oStem(w string) string {
	if s, ok := oStems[w]; ok {
		return s
	}
	s := oStem1(w)
	oStems[w] = s
	return s
}

func oStem1(w string) string {
	if len(w) < 3 || strings.ContainsFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) || english.IsStopWord(w) {
		return ""
	}
	return english.Stem(w, false)
}

// oWord: does tok match the query word w, of the given form, where a bare
// word shorter than minPrefix must be whole?
func oWord(tok, w, form string, minPrefix int) bool {
	switch form {
	case "=":
		return tok == w
	case "*":
		return strings.HasPrefix(tok, w)
	}
	if tok == w || len([]rune(w)) >= minPrefix && strings.HasPrefix(tok, w) {
		return true
	}
	s := oStem(w)
	return s != "" && oStem(tok) == s
}

// oTerm is a leaf of a generated query.
type oTerm struct {
	field string   // "", title, author, cat, text
	words []string // folded
	form  string   // "", "=", "*" for a word; "phrase" or "~N" for several
	slop  int

	// Made by prepare, by minimum prefix (0, minBodyPrefix): for a word,
	// whether oWord matches each word of the vocabulary; for a phrase,
	// whether its last word does (whole, or as a prefix when long enough).
	tab [2][]bool
	ids []int32 // a phrase's words in the vocabulary, -1 when not there
}

// prefixes are the minimum prefixes the fields are read with: titles and
// other fields, then bodies.
var prefixes = [2]int{0, minBodyPrefix}

func prefixIndex(minPrefix int) int {
	if minPrefix == 0 {
		return 0
	}
	return 1
}

// prepare applies the term's word rules to each word of the vocabulary.
func (t *oTerm) prepare(o *oracle) {
	for k, mp := range prefixes {
		tab := make([]bool, len(o.vocab))
		for id, tok := range o.vocab {
			if len(t.words) == 1 {
				tab[id] = oWord(tok, t.words[0], t.form, mp)
			} else {
				w := t.words[len(t.words)-1]
				tab[id] = tok == w || len([]rune(w)) >= mp && strings.HasPrefix(tok, w)
			}
		}
		t.tab[k] = tab
	}
	t.ids = t.ids[:0]
	for _, w := range t.words {
		id, ok := o.ids[w]
		if !ok {
			id = -1
		}
		t.ids = append(t.ids, id)
	}
}

// spans returns where the term occurs in toks, as spans.
func (t *oTerm) spans(toks []int32, minPrefix int) [][2]int {
	var out [][2]int
	tab := t.tab[prefixIndex(minPrefix)]
	for i := range toks {
		if len(t.words) == 1 {
			if tab[toks[i]] {
				out = append(out, [2]int{i, i})
			}
			continue
		}
		if toks[i] != t.ids[0] {
			continue
		}
		// In order: each next word the first that fits after the last.
		at, ok := i, true
		for k := range t.words[1:] {
			last := k == len(t.words)-2
			j := at + 1
			for ; j < len(toks); j++ {
				if toks[j] == t.ids[k+1] || last && tab[toks[j]] {
					break
				}
				if t.form != "~" {
					j = len(toks) // a phrase: the very next word or none
				}
			}
			if j >= len(toks) {
				ok = false
				break
			}
			at = j
		}
		if ok && at-i-(len(t.words)-1) <= t.slop {
			out = append(out, [2]int{i, at})
		}
	}
	return out
}

// oNode is a generated query: a term, a date, or an operator.
type oNode struct {
	op       string // term, date, and, or, not, near
	term     oTerm
	from, to time.Time
	kids     []*oNode
	dist     int
	text     string
}

// prepare readies the tree's terms for o's vocabulary.
func (n *oNode) prepare(o *oracle) {
	if n.op == "term" {
		n.term.prepare(o)
	}
	for _, k := range n.kids {
		k.prepare(o)
	}
}

func (o *oracle) match(a oracleArticle, n *oNode) bool {
	switch n.op {
	case "date":
		return !a.day.IsZero() && (n.from.IsZero() || !a.day.Before(n.from)) && (n.to.IsZero() || a.day.Before(n.to))
	case "not":
		return !o.match(a, n.kids[0])
	case "and", "or":
		for _, k := range n.kids {
			if o.match(a, k) != (n.op == "and") {
				return n.op == "or"
			}
		}
		return n.op == "and"
	case "near":
		return len(o.nearSpans(a.titleIDs, n, 0, "title")) > 0 || len(o.nearSpans(a.bodyIDs, n, minBodyPrefix, "text")) > 0
	}
	t := &n.term
	in := func(toks []int32, minPrefix int) bool { return len(t.spans(toks, minPrefix)) > 0 }
	slop := strings.HasPrefix(t.form, "~")
	switch t.field {
	case "title":
		return in(a.titleIDs, 0)
	case "author":
		return in(a.authorIDs, 0)
	case "cat":
		return in(a.catIDs[0], 0) || in(a.catIDs[1], 0)
	case "text":
		return in(a.bodyIDs, minBodyPrefix)
	}
	if slop {
		return in(a.titleIDs, 0) || in(a.bodyIDs, minBodyPrefix)
	}
	return in(a.titleIDs, 0) || in(a.authorIDs, 0) || in(a.catIDs[0], 0) || in(a.catIDs[1], 0) || in(a.bodyIDs, minBodyPrefix)
}

// nearSpans is where n occurs in one field's words (field: title or text).
func (o *oracle) nearSpans(toks []int32, n *oNode, minPrefix int, field string) [][2]int {
	switch n.op {
	case "or":
		var out [][2]int
		for _, k := range n.kids {
			out = append(out, o.nearSpans(toks, k, minPrefix, field)...)
		}
		return out
	case "near":
		var out [][2]int
		for _, x := range o.nearSpans(toks, n.kids[0], minPrefix, field) {
			for _, y := range o.nearSpans(toks, n.kids[1], minPrefix, field) {
				a, b := x, y
				if a[0] > b[0] {
					a, b = b, a
				}
				if b[0] <= a[1] || b[0]-a[1] <= n.dist {
					out = append(out, [2]int{min(a[0], b[0]), max(a[1], b[1])})
				}
			}
		}
		return out
	}
	if f := n.term.field; f != "" && f != field {
		return nil
	}
	return n.term.spans(toks, minPrefix)
}

// queryGen makes random query trees over a corpus's own words.
type queryGen struct {
	r     *rand.Rand
	arts  []oracleArticle
	words []string
}

func (g *queryGen) word() string { return g.words[g.r.IntN(len(g.words))] }

// run returns k words that follow each other in some text, with gaps
// when slop is set.
func (g *queryGen) run(k int, gap int) []string {
	for {
		a := g.arts[g.r.IntN(len(g.arts))]
		toks := a.body
		if g.r.IntN(3) == 0 {
			toks = a.title
		}
		need := k + gap
		if len(toks) < need+1 {
			continue
		}
		i := g.r.IntN(len(toks) - need)
		out := []string{toks[i]}
		at := i
		for range k - 1 {
			at += 1 + g.r.IntN(gap+1)
			out = append(out, toks[min(at, len(toks)-1)])
		}
		return out
	}
}

func (g *queryGen) leaf(positional bool) *oNode {
	k := g.r.IntN(10)
	if positional {
		k = g.r.IntN(5)
	}
	switch k {
	case 0, 1:
		w := g.word()
		return &oNode{op: "term", term: oTerm{words: []string{w}}, text: w}
	case 2:
		w := g.word()
		if len(w) > 4 {
			w = w[:3+g.r.IntN(len(w)-3)]
		}
		return &oNode{op: "term", term: oTerm{words: []string{w}, form: "*"}, text: w + "*"}
	case 3:
		ws := g.run(2+g.r.IntN(2), 0)
		return &oNode{op: "term", term: oTerm{words: ws, form: "phrase"}, text: `"` + strings.Join(ws, " ") + `"`}
	case 4:
		slop := 1 + g.r.IntN(3)
		ws := g.run(2, slop)
		return &oNode{op: "term", term: oTerm{words: ws, form: "~", slop: slop}, text: fmt.Sprintf(`"%s"~%d`, strings.Join(ws, " "), slop)}
	case 5:
		w := g.word()
		return &oNode{op: "term", term: oTerm{words: []string{w}, form: "="}, text: "=" + w}
	case 6:
		a := g.arts[g.r.IntN(len(g.arts))]
		f := []string{"title", "author", "cat"}[g.r.IntN(3)]
		toks := map[string][]string{"title": a.title, "author": a.author, "cat": a.cats[0]}[f]
		if len(toks) == 0 {
			return g.leaf(positional)
		}
		w := toks[g.r.IntN(len(toks))]
		return &oNode{op: "term", term: oTerm{field: f, words: []string{w}}, text: f + ":" + w}
	case 7:
		w := g.word()
		return &oNode{op: "term", term: oTerm{field: "text", words: []string{w}}, text: "text:" + w}
	default:
		y := 2005 + g.r.IntN(20)
		from := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		switch g.r.IntN(3) {
		case 0:
			return &oNode{op: "date", from: from, text: fmt.Sprintf("after:%d", y)}
		case 1:
			return &oNode{op: "date", to: from, text: fmt.Sprintf("before:%d", y)}
		}
		m := 1 + g.r.IntN(12)
		from = time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC)
		return &oNode{op: "date", from: from, to: from.AddDate(0, 1, 0), text: fmt.Sprintf("date:%d-%02d", y, m)}
	}
}

func (g *queryGen) tree(depth int, positional bool) *oNode {
	if depth == 0 || g.r.IntN(3) == 0 {
		return g.leaf(positional)
	}
	ops := []string{"and", "or", "not", "near"}
	if positional {
		ops = []string{"or", "near"}
	}
	switch op := ops[g.r.IntN(len(ops))]; op {
	case "not":
		k := g.tree(depth-1, false)
		return &oNode{op: "not", kids: []*oNode{k}, text: "NOT (" + k.text + ")"}
	case "near":
		a, b := g.tree(depth-1, true), g.tree(depth-1, true)
		d := 1 + g.r.IntN(10)
		return &oNode{op: "near", kids: []*oNode{a, b}, dist: d, text: fmt.Sprintf("(%s) NEAR/%d (%s)", a.text, d, b.text)}
	default:
		a, b := g.tree(depth-1, positional), g.tree(depth-1, positional)
		sep := " "
		if op == "or" {
			sep = " OR "
		}
		return &oNode{op: op, kids: []*oNode{a, b}, text: "(" + a.text + ")" + sep + "(" + b.text + ")"}
	}
}

func oracleCorpus(t testing.TB, n int) ([]*Article, *Corpus) {
	g := gen.New(11, false)
	arts := make([]*Article, 0, n)
	for i := range n {
		rel, data := g.Article(nil, i)
		head, body, _ := strings.Cut(string(data), "\nText: \n")
		a := &Article{ID: rel, RawBody: body}
		for _, l := range strings.Split(head, "\n") {
			k, v, _ := strings.Cut(l, ": ")
			switch k {
			case "Title":
				a.Title = v
			case "Author":
				a.Author = v
			case "Category 1":
				c1, c2, _ := strings.Cut(v, "; Category 2: ")
				a.Category1, a.Category2 = c1, c2
			case "Published Time":
				a.Published, _ = time.Parse("2006-01-02", v)
			}
		}
		// Word forms that share a stem, for the stems to find.
		switch i % 7 {
		case 0:
			a.RawBody += "\nThe policies of several countries were studied."
		case 3:
			a.RawBody += "\nOne policy, one country, running late."
		}
		arts = append(arts, a)
	}
	return arts, indexed(arts, 37)
}

// TestOracle: for random query trees of depth 3 over the corpus's own
// words, fields, phrases, NEAR and dates, the corpus answers what reading
// every article answers. By hand, larger: FOLIO_ORACLE_ARTICLES=100000
// FOLIO_ORACLE_QUERIES=1000 go test -run TestOracle -timeout 0 ./model.
func TestOracle(t *testing.T) {
	n := envInt(t, "FOLIO_ORACLE_ARTICLES", 400)
	arts, c := oracleCorpus(t, n)
	o := newOracle(arts)
	words := map[string]bool{}
	for _, a := range o.arts {
		for _, w := range a.body {
			words[w] = true
		}
		for _, w := range a.title {
			words[w] = true
		}
	}
	list := slices.Sorted(func(yield func(string) bool) {
		for w := range words {
			if !yield(w) {
				return
			}
		}
	})
	list = append(list, "policy", "country", "policies", "running")
	g := &queryGen{r: rand.New(rand.NewPCG(1, 2)), arts: o.arts, words: list}
	queries := envInt(t, "FOLIO_ORACLE_QUERIES", 300)
	if testing.Short() {
		queries = 60
	}
	agreed := 0
	defer func() { t.Logf("%d articles: %d of %d random queries agree with the oracle", n, agreed, queries) }()
	for range queries {
		tree := g.tree(3, false)
		q := ParseQuery(tree.text)
		if len(q.Ignored) > 0 {
			t.Errorf("%s: ignored %q", tree.text, q.Ignored)
			continue
		}
		res := c.Search(q, SortOldest)
		got := map[string]bool{}
		for _, r := range res.Rows {
			got[res.Article(r).ID] = true
		}
		var missing, extra []string
		for i, want := range o.answer(tree) {
			id := arts[i].ID
			switch {
			case want && !got[id]:
				missing = append(missing, id)
			case !want && got[id]:
				extra = append(extra, id)
			}
		}
		if len(missing)+len(extra) > 0 {
			t.Errorf("%s\n  parsed %s\n  %d missing %.5v, %d extra %.5v", tree.text, q.expr.debug(&q), len(missing), missing, len(extra), extra)
			continue
		}
		agreed++
	}
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a number", name, v)
	}
	return n
}
