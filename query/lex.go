package query

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind is what a token of the query's text is.
type tokKind uint8

const (
	tokEnd    tokKind = iota
	tokWord           // a run of text: a word, =word or word*
	tokPhrase         // "words in quotes", perhaps ~N after
	tokField          // name: (the value follows as its own token)
	tokMinus          // - written against what it negates
	tokLParen
	tokRParen
	tokAnd
	tokOr
	tokNot
	tokNear // NEAR or NEAR/N
)

// token is one lexeme, with where it stands in the text.
type token struct {
	kind     tokKind
	text     string // tokWord: the word without = or *; tokPhrase: inside the quotes; tokField: the name, lower case
	form     Form   // tokWord, tokPhrase
	n        int    // tokPhrase: the slop; tokNear: the distance
	pos, end int
}

// lex cuts s into tokens. It never fails: what it cannot read well is a
// Problem, and the token is read as well as it can be.
func lex(s string) ([]token, []Problem) {
	var toks []token
	var probs []Problem
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case r == '(':
			toks = append(toks, token{kind: tokLParen, pos: i, end: i + 1})
			i++
		case r == ')':
			toks = append(toks, token{kind: tokRParen, pos: i, end: i + 1})
			i++
		case isQuote(r):
			t, p := lexPhrase(s, i, w)
			toks = append(toks, t)
			probs = append(probs, p...)
			i = t.end
		case r == '-' && i+1 < len(s) && negatable(s[i+1:]):
			toks = append(toks, token{kind: tokMinus, pos: i, end: i + 1})
			i++
		default:
			if k := fieldEnd(s[i:]); k > 0 {
				toks = append(toks, token{kind: tokField, text: strings.ToLower(s[i : i+k]), pos: i, end: i + k + 1})
				i += k + 1
				continue
			}
			end := i + wordLen(s[i:])
			t, p := lexWord(s[i:end], i)
			toks = append(toks, t)
			probs = append(probs, p...)
			i = end
		}
	}
	return toks, probs
}

// lexPhrase reads a quoted phrase that starts at s[i] (a quote of w bytes),
// and the ~N after its closing quote.
func lexPhrase(s string, i, w int) (token, []Problem) {
	t := token{kind: tokPhrase, form: Phrase, pos: i}
	start := i + w
	close := strings.IndexFunc(s[start:], isQuote)
	if close < 0 {
		t.text = s[start:]
		t.end = len(s)
		return t, []Problem{{Pos: i, End: len(s), Text: s[i:], Why: "quote not closed: read to the end", Note: true}}
	}
	t.text = s[start : start+close]
	_, cw := utf8.DecodeRuneInString(s[start+close:])
	t.end = start + close + cw
	if t.end < len(s) && s[t.end] == '~' {
		digits := leadingDigits(s[t.end+1:])
		if digits == "" {
			return t, []Problem{{Pos: t.end, End: t.end + 1, Text: "~", Why: "~ takes a number of words, as in \"part ways\"~3"}}
		}
		n, over := atoi(digits)
		t.end += 1 + len(digits)
		t.form = Slop
		t.n = n
		if over {
			return t, []Problem{{Pos: t.pos, End: t.end, Text: s[t.pos:t.end], Why: "at most " + itoa(MaxDistance) + " words apart"}}
		}
	}
	return t, nil
}

// lexWord reads a run of text that is not a field: an operator, =word,
// word* or a plain word.
func lexWord(word string, at int) (token, []Problem) {
	t := token{kind: tokWord, text: word, pos: at, end: at + len(word)}
	switch {
	case word == "AND":
		t.kind = tokAnd
	case word == "OR":
		t.kind = tokOr
	case word == "NOT":
		t.kind = tokNot
	case word == "NEAR" || strings.HasPrefix(word, "NEAR/"):
		t.kind = tokNear
		t.n = DefaultNear
		if word == "NEAR" {
			break
		}
		digits := word[len("NEAR/"):]
		n, over := atoi(digits)
		switch {
		case digits == "" || leadingDigits(digits) != digits:
			return t, []Problem{{Pos: at, End: t.end, Text: word, Why: "NEAR/ takes a number of words, as in NEAR/10: read as NEAR/" + itoa(DefaultNear)}}
		case over:
			t.n = MaxDistance
			return t, []Problem{{Pos: at, End: t.end, Text: word, Why: "at most " + itoa(MaxDistance) + " words apart"}}
		}
		t.n = n
	case len(word) > 1 && word[0] == '=':
		t.form = Exact
		t.text = word[1:]
	case len(word) > 1 && strings.HasSuffix(word, "*") && strings.TrimRight(word, "*") != "":
		t.form = Prefix
		t.text = strings.TrimRight(word, "*")
	}
	return t, nil
}

// wordLen is the length of the run of text at the start of s: up to a
// blank, a bracket or a quote.
func wordLen(s string) int {
	for i, r := range s {
		if unicode.IsSpace(r) || r == '(' || r == ')' || isQuote(r) {
			return i
		}
	}
	return len(s)
}

// fieldEnd returns k when s starts with a field's name and its colon (s[:k]
// is the name, s[k] the colon), else 0. A name is two or more ASCII
// letters, so "10:30" and "covid-19:" are words.
func fieldEnd(s string) int {
	k := 0
	for k < len(s) && (s[k]|0x20 >= 'a' && s[k]|0x20 <= 'z') {
		k++
	}
	if k < 2 || k == len(s) || s[k] != ':' {
		return 0
	}
	return k
}

// negatable reports whether s (what follows a '-') starts something the
// '-' can negate.
func negatable(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return !unicode.IsSpace(r) && r != ')' && r != '-'
}

func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}

// atoi reads decimal digits, saying whether the number is over MaxDistance
// (then it returns MaxDistance).
func atoi(digits string) (n int, over bool) {
	for _, c := range digits {
		n = n*10 + int(c-'0')
		if n > MaxDistance {
			return MaxDistance, true
		}
	}
	return n, false
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
