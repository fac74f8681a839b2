package model

// Token is one word of a text: its folded form and the bytes it covers.
type Token struct {
	Word       string
	Start, End int
}

// Tokens returns the words of s as the indexes see them, with where each
// stands in s.
func Tokens(s string) []Token {
	var out []Token
	tokenize(s, nil, func(w []byte, start, end int) {
		out = append(out, Token{string(w), start, end})
	})
	return out
}
