package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The reading state (what was read, starred, tagged) lives outside the
// corpus, in a store model knows nothing of. The query words is:read,
// is:unread, is:starred and tag:NAME ask it through Labels, as sets of
// article numbers, so they combine with every other term.

// LabelKind is what a label term asks about.
type LabelKind uint8

const (
	LabelNone    LabelKind = iota
	LabelRead              // is:read (is:unread is its negation)
	LabelStarred           // is:starred
	LabelTag               // tag:NAME
)

// Label is one mark an article may carry: read, starred or a tag.
type Label struct {
	Kind LabelKind
	Tag  string // for LabelTag: the tag's name, as TagName returns it
}

// Labels answers label terms. Labelled returns the articles of at that
// carry l, as bits in words of 64 (article number i is bit i%64 of word
// i/64); the slice is the caller's to modify. It is called with the corpus
// locked for reading, so it must not call the corpus's methods: at says
// all it needs to know. It must be safe to call from any goroutine.
type Labels interface {
	Labelled(l Label, at Numbering) []uint64
}

// Numbering is the corpus as a query sees it, for Labels: its articles by
// number (removed ones included: they match nothing anyway), the number of
// an ID, and whether loading has ended.
type Numbering struct {
	Articles []*Article
	Number   func(id string) int32 // -1 for an ID the corpus does not hold
	Loaded   bool
}

// numbering describes c for Labels. The caller holds c.mu for reading.
func (c *Corpus) numbering() Numbering {
	byID := c.ids()
	return Numbering{
		Articles: c.arts,
		Number: func(id string) int32 {
			if n, ok := byID[id]; ok {
				return int32(n)
			}
			return -1
		},
		Loaded: c.done,
	}
}

// MaxTag is the longest tag name, in bytes.
const MaxTag = 64

// TagName returns a tag's canonical name: trimmed and lower-cased. It
// reports false for a name that cannot be a tag: empty, too long, or with
// blanks, quotes or control characters, which the query language could not
// write as tag:NAME.
func TagName(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > MaxTag || !utf8.ValidString(s) || strings.HasPrefix(s, "-") {
		return "", false
	}
	if strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r) || isQuote(r) || r == '\''
	}) {
		return "", false
	}
	return s, true
}

// addLabel reads is:WHAT and tag:NAME into t; it reports false, with the
// reason, when the value is not one.
func (t *Term) addLabel(kind, v string) (ok bool, why string) {
	t.Scope = ScopeLabel
	switch kind {
	case "is":
		switch strings.ToLower(v) {
		case "read":
			t.Label = Label{Kind: LabelRead}
		case "unread", "new":
			t.Label = Label{Kind: LabelRead}
			t.Negate = !t.Negate
		case "starred", "star", "flagged":
			t.Label = Label{Kind: LabelStarred}
		default:
			return false, "is: takes read, unread or starred"
		}
	case "tag":
		name, valid := TagName(strings.Trim(v, "\"“”"))
		if !valid {
			return false, "not a tag name"
		}
		t.Label = Label{Kind: LabelTag, Tag: name}
	}
	return true, ""
}

// HasLabels reports whether q asks about the reading state.
func (q Query) HasLabels() bool {
	for _, t := range q.Terms {
		if t.Scope == ScopeLabel {
			return true
		}
	}
	return false
}

// labelSets asks l for the sets of q's label terms, indexed like q.Terms.
// The caller holds c.mu for reading.
func (c *Corpus) labelSets(q Query, l Labels) []bitset {
	if !q.HasLabels() {
		return nil
	}
	sets := make([]bitset, len(q.Terms))
	for i, t := range q.Terms {
		if t.Scope == ScopeLabel {
			sets[i] = c.labelSet(t.Label, l)
		}
	}
	return sets
}

// labelSet returns the articles that carry label. The caller holds c.mu
// for reading.
func (c *Corpus) labelSet(label Label, l Labels) bitset {
	n := len(c.arts)
	if l == nil {
		return newBitset(n) // no reading state: nothing is read, starred or tagged
	}
	return fitBitset(l.Labelled(label, c.numbering()), n)
}

// fitBitset makes a set exactly n bits long: articles added since it was
// made carry no label yet.
func fitBitset(set bitset, n int) bitset {
	want := (n + 63) / 64
	switch {
	case len(set) < want:
		set = append(set, make(bitset, want-len(set))...)
	case len(set) > want:
		set = set[:want]
	}
	if r := n % 64; r != 0 && len(set) > 0 {
		set[len(set)-1] &= 1<<r - 1
	}
	return set
}
