package model

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Matching ignores case and accents: "Zürich", "ZURICH" and "zurich" are one
// word, and so are "ΟΔΟΣ" and "οδός". Fold does that to a string; tokenize
// splits folded text into words.
//
// Folding is Unicode's: full case folding (CaseFolding.txt), then canonical
// decomposition with the nonspacing marks (Mn) removed, then the plain
// spelling of the letters that carry no mark (ø is o, æ is ae). It is done a
// rune at a time from the unicode tables, without x/text's allocations on
// the hot path; TestFoldIsUnicode compares it with x/text's cases.Fold and
// norm.NFD over every letter and mark of Unicode.

// special spells out letters that folding leaves as they are: letters with
// no combining mark that a reader types without it, and the ligatures whose
// full case folding is more than one letter.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
	'ŉ': "ʼn", 'և': "եւ", 'ẚ': "aʾ",
	'ﬀ': "ff", 'ﬁ': "fi", 'ﬂ': "fl", 'ﬃ': "ffi", 'ﬄ': "ffl", 'ﬅ': "st", 'ﬆ': "st",
	'ﬓ': "մն", 'ﬔ': "մե", 'ﬕ': "մի", 'ﬖ': "վն", 'ﬗ': "մխ",
}

// foldRune is the simple case fold of r. Upper then lower case takes every
// letter to the member of its case orbit Unicode folds to (ς and σ to σ, ϐ
// to β, ſ to s, the combining ypogegrammeni to ι), except in Cherokee, where
// Unicode folds to the capitals.
func foldRune(r rune) rune {
	f := unicode.ToLower(unicode.ToUpper(r))
	if 0x13a0 <= f && f <= 0x13ff || 0xab70 <= f && f <= 0xabbf {
		return unicode.ToUpper(f)
	}
	return f
}

// appendFoldRune appends the fold of r, one rune of a decomposition.
func appendFoldRune(dst []byte, r rune) []byte {
	f := foldRune(r)
	if unicode.Is(unicode.Mn, f) {
		return dst
	}
	if s, ok := special[f]; ok {
		return append(dst, s...)
	}
	return utf8.AppendRune(dst, f)
}

// appendFold appends the folded form of r to dst.
func appendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if r < tableEnd {
		switch f := foldTable()[r-utf8.RuneSelf]; {
		case f > 0:
			return utf8.AppendRune(dst, f)
		case f == 0:
			return dst // a mark
		}
	}
	return appendFoldSlow(dst, r)
}

// appendFoldSlow folds r from the unicode tables.
func appendFoldSlow(dst []byte, r rune) []byte {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if norm.NFD.QuickSpan(buf[:n]) == n {
		return appendFoldRune(dst, r)
	}
	for _, d := range norm.NFD.String(string(r)) {
		dst = appendFoldRune(dst, d)
	}
	return dst
}

// tableEnd bounds the runes foldTable holds: the alphabets of Europe, the
// Middle East and India, Latin and Greek extended, letter-like symbols.
const tableEnd = 0x2500

// foldTable holds, for every rune from U+0080 to tableEnd, its fold when
// that is one rune, 0 when it is nothing (a mark), -1 when it is longer.
// Built on first use (about 3 ms), read-only after: the tables
// behind appendFoldSlow cost a binary search or three a rune, and titles in
// Greek or Cyrillic are folded a rune at a time.
var foldTable = sync.OnceValue(func() *[tableEnd - utf8.RuneSelf]rune {
	var t [tableEnd - utf8.RuneSelf]rune
	var buf []byte
	for r := rune(utf8.RuneSelf); r < tableEnd; r++ {
		buf = appendFoldSlow(buf[:0], r)
		f, n := utf8.DecodeRune(buf)
		switch {
		case len(buf) == 0:
			t[r-utf8.RuneSelf] = 0
		case n == len(buf) && f != utf8.RuneError:
			t[r-utf8.RuneSelf] = f
		default:
			t[r-utf8.RuneSelf] = -1
		}
	}
	return &t
})

// Fold lower-cases s and strips its diacritics.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	dst := make([]byte, 0, len(s))
	for _, r := range s {
		dst = appendFold(dst, r)
	}
	return string(dst)
}

// IsCJK reports scripts written without spaces, where every character is
// taken as a word of its own.
func IsCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// tokenize calls fn for every word of s with its folded form, valid only
// during the call, and the byte range it covers in s. An apostrophe inside a
// word is dropped ("won’t" is "wont"); every CJK character is a word. buf is
// scratch space, returned for reuse.
func tokenize(s string, buf []byte, fn func(word []byte, start, end int)) []byte {
	start := -1
	buf = buf[:0]
	flush := func(end int) {
		if start >= 0 && len(buf) > 0 {
			fn(buf, start, end)
		}
		start = -1
		buf = buf[:0]
	}
	for i, r := range s {
		switch {
		case IsCJK(r):
			flush(i)
			size := utf8.RuneLen(r)
			buf = utf8.AppendRune(buf[:0], r)
			start = i
			flush(i + size)
		case isWordRune(r):
			if start < 0 {
				start = i
			}
			buf = appendFold(buf, r)
		case isApostrophe(r) && start >= 0 && i+1 < len(s):
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if !isWordRune(next) || IsCJK(next) {
				flush(i)
			}
		default:
			flush(i)
		}
	}
	flush(len(s))
	return buf
}

// Words returns the folded words of s.
func Words(s string) []string {
	var out []string
	tokenize(s, nil, func(w []byte, _, _ int) { out = append(out, string(w)) })
	return out
}
