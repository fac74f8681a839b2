// Package query reads folio's query language into a tree: words and
// phrases, fields, AND, OR, NOT, brackets and NEAR, with where each part
// stands in the text. It knows the syntax only; what a word matches, which
// fields exist and what a date means is the corpus's to say
// (docs/QUERY.md has the whole language).
package query

// Op is what a node of the tree does.
type Op uint8

const (
	OpTerm  Op = iota // a word or a phrase
	OpAnd             // every child
	OpOr              // any child
	OpNot             // not its one child
	OpNear            // its two children within Dist words of each other, either order
	OpField           // its one child, in the field Field (title:, is:, after:, ...)
)

// Form is how a term's text is to be matched.
type Form uint8

const (
	Word   Form = iota // a word: its prefixes and its stem
	Exact              // =word: that word only
	Prefix             // word*: its prefixes only
	Phrase             // "words": in order, next to each other
	Slop               // "words"~N: in order, at most N other words among them
)

// Limits of the language, so that no query costs without bound to read.
const (
	DefaultNear = 10   // NEAR without a distance
	MaxDistance = 1000 // NEAR/N and ~N at most
	MaxDepth    = 32   // brackets, NOTs and fields nested at most
)

// Node is one part of a parsed query. Pos and End are the byte offsets of
// the text it was read from.
type Node struct {
	Op    Op
	Kids  []*Node // OpAnd, OpOr: two or more; OpNot, OpField: one; OpNear: two
	Field string  // OpField: the field's name, lower case, without the colon
	Text  string  // OpTerm: the word or the phrase's words, as written (no quotes, = or *)
	Form  Form    // OpTerm
	Dist  int     // OpNear: the distance in words; OpTerm with Slop: N
	Pos   int
	End   int
}

// Problem is a part of the text that was not read as written, and why.
// A Note was read in a way the writer most likely meant (an unclosed quote
// closed at the end); anything else was left out of the tree.
type Problem struct {
	Pos, End int
	Text     string
	Why      string
	Note     bool
}

// String is the problem as the filter line and a command's stderr say it.
func (p Problem) String() string {
	text := p.Text
	if len(text) > 40 {
		text = text[:37] + "…"
	}
	if text == "" {
		return p.Why
	}
	return text + " (" + p.Why + ")"
}
