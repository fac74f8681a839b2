package model

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Matching ignores case and accents: "Zürich", "ZURICH" and "zurich" are one
// word. Fold does that to a string; tokenize splits folded text into words.

// special maps letters that carry no combining mark to their plain spelling.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ð': "d", 'þ': "th", 'ı': "i",
}

// appendFold appends the folded form of r to dst.
func appendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if s, ok := special[r]; ok {
		return append(dst, s...)
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if norm.NFD.QuickSpan(buf[:n]) == n {
		return utf8.AppendRune(dst, unicode.ToLower(r))
	}
	for _, d := range norm.NFD.String(string(r)) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(d))
	}
	return dst
}

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

// isCJK reports scripts written without spaces, where every character is
// taken as a word of its own.
func isCJK(r rune) bool {
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
		case isCJK(r):
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
			if !isWordRune(next) || isCJK(next) {
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
