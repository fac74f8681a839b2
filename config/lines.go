package config

import (
	"bytes"
	"strings"
)

// lines is where each setting of a file is written, found in one pass:
// the decoder gives no positions for values it accepted, and the checks
// made afterwards name the line.
type lines struct {
	keys     map[string]int // "width", "keys.reader.next", "search.name" (first only): line
	again    map[string]int // a key's second line, where it is written twice
	searches []int          // each [[search]] header's line, in order
	search   []map[string]int
}

// indexLines reads data's table headers and "key =" lines. Keys are
// written as dotted paths whatever the quoting ("reader.next" in [keys],
// reader.next = in [keys], next = in [keys.reader] are all
// keys.reader.next).
func indexLines(data []byte) lines {
	ix := lines{keys: map[string]int{}, again: map[string]int{}}
	table := ""
	n := 0
	for len(data) > 0 {
		n++
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		l := strings.TrimSpace(string(line))
		switch {
		case strings.HasPrefix(l, "[["):
			end := strings.Index(l, "]]")
			if end < 0 {
				continue
			}
			table = dotted(l[2:end])
			if table == "search" {
				ix.searches = append(ix.searches, n)
				ix.search = append(ix.search, map[string]int{})
			}
		case strings.HasPrefix(l, "["):
			end := strings.LastIndex(l, "]")
			if end < 0 {
				continue
			}
			table = dotted(l[1:end])
		default:
			k, _, ok := cutKey(l)
			if !ok {
				continue
			}
			path := k
			if table != "" {
				path = table + "." + k
			}
			if _, seen := ix.keys[path]; !seen {
				ix.keys[path] = n
			} else if _, seen := ix.again[path]; !seen {
				ix.again[path] = n
			}
			if table == "search" && len(ix.search) > 0 {
				ix.search[len(ix.search)-1][k] = n
			}
		}
	}
	return ix
}

// line is where path was set, else where its table began, else 0.
func (ix lines) line(path string) int {
	for p := path; p != ""; {
		if n, ok := ix.keys[p]; ok {
			return n
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return 0
}

// searchLine is where the ith [[search]]'s key is set, else its header.
func (ix lines) searchLine(i int, key string) int {
	if i >= len(ix.searches) {
		return 0
	}
	if n, ok := ix.search[i][key]; ok {
		return n
	}
	return ix.searches[i]
}

// cutKey splits a "key = value" line at its first = outside quotes, and
// returns the key as a dotted path.
func cutKey(l string) (string, string, bool) {
	var quote byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return "", "", false
		case c == '=':
			k := dotted(l[:i])
			return k, l[i+1:], k != ""
		}
	}
	return "", "", false
}

// dotted writes a TOML key (`a. "b.c" `) as its parts joined by dots
// (`a.b.c`), the form the checks name settings by.
func dotted(k string) string {
	var parts []string
	var b strings.Builder
	var quote byte
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			b.WriteByte(c)
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, b.String())
			b.Reset()
		case c != ' ' && c != '\t':
			b.WriteByte(c)
		}
	}
	return strings.Join(append(parts, b.String()), ".")
}
