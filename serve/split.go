package serve

import (
	"errors"
	"strings"
)

// MaxCommandBytes is the longest command line a client may send: a query
// with every flag fits many times over, and anything longer is refused
// before it is split or logged in full.
const MaxCommandBytes = 4096

// errUnclosedQuote is splitCommand's error for a quote left open.
var errUnclosedQuote = errors.New("unclosed quote")

// errTrailingBackslash is splitCommand's error for a line ending in an
// unescaped backslash.
var errTrailingBackslash = errors.New("command line ends in a backslash")

// splitCommand splits a command line into words as a POSIX shell would,
// without expanding anything: blanks separate words, 'single quotes' keep
// everything literally, "double quotes" keep everything but \" \\ \$ \`
// and a backslashed newline, and a backslash outside quotes keeps the next
// byte. It reads each byte once and copies it at most once, so its cost is
// linear in len(line) (go-shlex, which charm.land/ssh's Command uses, is
// quadratic in a word's length).
func splitCommand(line string) ([]string, error) {
	var (
		words []string
		b     strings.Builder
		inArg bool // a word has started, perhaps empty (''), and is not yet ended
	)
	b.Grow(len(line))
	// flush ends the word in b. The words share one buffer: each is a
	// substring of what the builder holds, so splitting allocates the
	// buffer and the slice, not one string per word.
	start := 0
	flush := func() {
		if inArg {
			s := b.String()
			words = append(words, s[start:])
			start = b.Len()
			inArg = false
		}
	}
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch c {
		case ' ', '\t', '\n':
			flush()
		case '\\':
			if i+1 >= len(line) {
				return nil, errTrailingBackslash
			}
			i++
			if line[i] != '\n' { // a backslashed newline joins lines
				b.WriteByte(line[i])
			}
			inArg = true
		case '\'':
			end := strings.IndexByte(line[i+1:], '\'')
			if end < 0 {
				return nil, errUnclosedQuote
			}
			b.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inArg = true
		case '"':
			i++
			closed := false
			for ; i < len(line); i++ {
				c := line[i]
				if c == '"' {
					closed = true
					break
				}
				if c == '\\' && i+1 < len(line) {
					switch n := line[i+1]; n {
					case '"', '\\', '$', '`':
						b.WriteByte(n)
						i++
						continue
					case '\n':
						i++
						continue
					}
				}
				b.WriteByte(c)
			}
			if !closed {
				return nil, errUnclosedQuote
			}
			inArg = true
		default:
			b.WriteByte(c)
			inArg = true
		}
	}
	flush()
	return words, nil
}
