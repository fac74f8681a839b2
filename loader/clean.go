package loader

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clean turns a sanitized raw body into display text: one paragraph a line,
// paragraphs separated by a blank line, whatever the file's layout. It
// repairs the scraper's two defects (a closing quote pushed to the next line,
// paragraphs glued without a space) and sets a trailing e-mail line apart as
// the contact.
func Clean(raw string) (body, contact string) {
	lines := strings.Split(strings.ReplaceAll(raw, "\r", ""), "\n")
	indented := make([]bool, len(lines))
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
		indented[i] = lines[i] != "" && (strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t"))
	}
	lines, contact = cutContact(lines)
	lines = repairQuotes(lines)
	var paras []string
	for _, p := range paragraphs(lines, indented[:len(lines)]) {
		paras = append(paras, splitGlued(p)...)
	}
	return strings.Join(paras, "\n\n"), contact
}

// cutContact removes a last line that is only an e-mail address.
func cutContact(lines []string) ([]string, string) {
	last := len(lines) - 1
	for last >= 0 && lines[last] == "" {
		last--
	}
	if last < 0 || !isEmail(lines[last]) {
		return lines[:last+1], ""
	}
	return lines[:last], lines[last]
}

func isEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && local != "" && strings.Contains(domain, ".") && !strings.ContainsAny(s, " \t<>()[],;:\"") &&
		!strings.Contains(domain, "@") && !strings.HasSuffix(domain, ".")
}

// repairQuotes moves a closing quote that starts a line back to the end of
// the line before, where it belongs: a straight quote when the line before
// has an unbalanced number of them, a curly closing quote always.
func repairQuotes(lines []string) []string {
	for i := 1; i < len(lines); i++ {
		prev, cur := lines[i-1], lines[i]
		if prev == "" {
			continue
		}
		switch {
		case strings.HasPrefix(cur, `"`) && strings.Count(prev, `"`)%2 == 1:
			lines[i-1], lines[i] = prev+`"`, strings.TrimSpace(cur[1:])
		case strings.HasPrefix(cur, "”"):
			lines[i-1], lines[i] = prev+"”", strings.TrimSpace(cur[len("”"):])
		}
	}
	return lines
}

// paragraphs groups lines into paragraphs. Blank lines, where the body has
// them, separate paragraphs whose lines are joined; a body without blank
// lines whose paragraphs start with an indented line (as Reuters writes
// them) has a paragraph from each indented line to the next; otherwise a
// paragraph (or a sentence) a line, unless it is hard-wrapped, in which
// case lines join until one ends a sentence short of the wrap width.
// indented[i] says line i was indented before it was trimmed.
func paragraphs(lines []string, indented []bool) []string {
	var out []string
	blanks := false
	for _, l := range lines {
		if l == "" {
			blanks = true
			break
		}
	}
	if !blanks && byIndent(lines, indented) {
		var cur []string
		for i, l := range lines {
			if indented[i] && len(cur) > 0 {
				out = append(out, joinFields(cur))
				cur = cur[:0]
			}
			cur = append(cur, l)
		}
		if len(cur) > 0 {
			out = append(out, joinFields(cur))
		}
		return out
	}
	wrapped := !blanks && isHardWrapped(lines)
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l))
	}
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, joinFields(cur))
			cur = cur[:0]
		}
	}
	for _, l := range lines {
		switch {
		case l == "":
			flush()
		case blanks || wrapped:
			cur = append(cur, l)
			if wrapped && endsSentence(l) && utf8.RuneCountInString(l) < width*3/4 {
				flush()
			}
		default:
			cur = append(cur, l)
			flush()
		}
	}
	flush()
	return out
}

// byIndent recognises paragraphs marked by indentation: at least two
// indented lines (each starting a paragraph) and at least one that is not
// (continuing one). A body indented throughout is left to the other rules.
func byIndent(lines []string, indented []bool) bool {
	in, out := 0, 0
	for i, l := range lines {
		switch {
		case l == "":
		case indented[i]:
			in++
		default:
			out++
		}
	}
	return in >= 2 && out >= 1
}

// isHardWrapped recognises text broken at a fixed width: most lines stop
// mid-sentence, and none is much longer than a terminal line.
func isHardWrapped(lines []string) bool {
	if len(lines) < 3 {
		return false
	}
	open, longest := 0, 0
	for _, l := range lines[:len(lines)-1] {
		longest = max(longest, utf8.RuneCountInString(l))
		if !endsSentence(l) {
			open++
		}
	}
	return longest <= 100 && open*2 > len(lines)-1
}

func endsSentence(l string) bool {
	l = strings.TrimRight(l, `"'”’)]`)
	r, _ := utf8.DecodeLastRuneInString(l)
	return r == '.' || r == '!' || r == '?' || r == ':' || r == '…'
}

// abbreviations end in a period without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true,
	"sr": true, "no": true, "vol": true, "vs": true, "etc": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "gen": true, "gov": true, "sen": true, "rep": true, "lt": true,
	"col": true, "capt": true, "mt": true, "ft": true, "approx": true, "dept": true, "est": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// splitGlued splits a paragraph where a sentence ends and the next begins
// with no space between (`as well.When Western media`): the scraper lost a
// paragraph break there. Abbreviations, initials (`U.S.`), decimals and
// domains are left alone.
func splitGlued(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(p) && (p[j] == '"' || p[j] == ')' || p[j] == '\'') {
			j++
		}
		for _, q := range []string{"”", "’"} {
			if strings.HasPrefix(p[j:], q) {
				j += len(q)
			}
		}
		if j >= len(p) || !startsSentence(p[j:]) || (c == '.' && !endsWord(p[start:i])) || inAddress(p, i) {
			continue
		}
		out = append(out, strings.TrimSpace(p[start:j]))
		start = j
		i = j - 1
	}
	return append(out, strings.TrimSpace(p[start:]))
}

// inAddress reports that the period at p[i] is inside a web or mail
// address: its word (from the last space) starts with www. or holds :// or
// @, or what follows runs on to another period and a letter before any
// space, as in "at www.Example.com" or "Example.co.uk".
func inAddress(p string, i int) bool {
	from := strings.LastIndexAny(p[:i], " \t") + 1
	before := strings.ToLower(p[from:i])
	if before == "www" || strings.HasPrefix(before, "www.") || strings.Contains(before, "://") || strings.Contains(before, "@") {
		return true
	}
	after := p[i+1:]
	if k := strings.IndexAny(after, " \t"); k >= 0 {
		after = after[:k]
	}
	after = strings.TrimRight(after, ".,;:!?)\"'”’")
	if k := strings.IndexByte(after, '.'); k > 0 && k+1 < len(after) {
		r, _ := utf8.DecodeRuneInString(after[k+1:])
		return unicode.IsLetter(r)
	}
	return false
}

// startsSentence: an upper-case letter followed by a lower-case one, or a
// one-letter word ("A", "I").
func startsSentence(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(s[n:])
	return unicode.IsLower(next) || next == ' '
}

// endsWord reports whether the text before a period ends in a word that can
// close a sentence: at least two letters, not an initial or abbreviation.
func endsWord(before string) bool {
	k := len(before)
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:k])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			break
		}
		k -= n
	}
	word := before[k:]
	if utf8.RuneCountInString(word) < 2 || abbreviations[strings.ToLower(word)] {
		return false
	}
	if k > 0 && before[k-1] == '.' {
		return false // a part of a dotted number or name: 2.10.Beta
	}
	return true
}

// joinFields is strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
// written once: the lines' words, one space between each, with no slice
// of words nor the joined lines made on the way.
func joinFields(lines []string) string {
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	var b strings.Builder
	b.Grow(n)
	space := false // a blank waits to be written before the next word
	for _, l := range lines {
		space = space || b.Len() > 0
		for i := 0; i < len(l); {
			c := l[i]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					space = b.Len() > 0
					i++
					continue
				}
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteByte(c)
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(l[i:])
			if unicode.IsSpace(r) {
				space = b.Len() > 0
			} else {
				if space {
					b.WriteByte(' ')
					space = false
				}
				b.WriteString(l[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// asciiSpace is unicode.IsSpace for the bytes below 0x80.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
