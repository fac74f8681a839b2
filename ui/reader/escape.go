package reader

import "strings"

// Articles are plain text, but Glamour reads Markdown: left alone it would
// turn "# 1" into a heading, "*really*" into italics, "<b>" into nothing and
// "www.example.com" into a link. escapeMarkdown makes one paragraph literal.
//
// Goldmark honours a backslash before only some punctuation (measured on
// Glamour v2: `\:` or `\~` print their backslash), so the rest are written as
// character references, which it decodes back to the character.
func escapeMarkdown(p string) string {
	p = strings.TrimSpace(p) // four leading blanks would start a code block
	if strings.IndexFunc(p, needsEscape) < 0 {
		return p
	}
	var b strings.Builder
	b.Grow(len(p) + len(p)/8)
	for _, r := range p {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '#', '+', '-', '.', '!', '|', '(', ')', '{', '}':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '&':
			b.WriteString("&amp;") // "&amp;" in an article stays "&amp;"
		case '~':
			b.WriteString("&#126;") // strike-through
		case ':':
			b.WriteString("&#58;") // definition lists, "https://" autolinks
		case '@':
			b.WriteString("&#64;") // e-mail autolinks
		case '\n', '\t':
			b.WriteByte(' ') // a unit is one paragraph; a tab has no width
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsEscape(r rune) bool {
	return r < 0x80 && strings.ContainsRune("\\`*_[]<>#+-.!|(){}&~:@\n\t", r)
}
