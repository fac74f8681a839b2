package reader

import (
	"math"
	"strings"
	"testing"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// markdownish is a body of things Glamour would take for Markdown.
var markdownish = []string{
	"# not a heading",
	"## not a heading either",
	"*stars* and **double stars** and _under_ and __double under__",
	"1. not a list",
	"2) nor this",
	"<b>not html</b> <!-- not a comment --> <br>",
	"[x](y) and ![img](z.png) and [ref][1]",
	"> not a quote",
	"`code` and ``more code``",
	"- dash",
	"+ plus",
	"* star",
	"| a | b |",
	"---",
	"***",
	"back\\slash \\* and \\_",
	"&amp; &copy; &#65;",
	"~~not struck~~",
	"term",
	": not a definition",
	"www.example.com https://example.com/a_b_c me@example.com",
	"- [ ] not a task",
	"===",
	"Setext underline follows",
	"a line with trailing blanks   ",
	":smile: 100% $5 {braces} ^caret^ \"quotes\" 'single' ? = @",
}

func TestMarkdownIsLiteral(t *testing.T) {
	body := strings.Join(markdownish, "\n\n")
	a := article(t, "md.txt", body)
	if got := len(a.Paragraphs()); got != len(markdownish) {
		t.Fatalf("the loader made %d paragraphs of %d", got, len(markdownish))
	}
	m := open(t, newReader(100, 90), a)
	plain := screen(m)
	checkFits(t, m.View(), 100, 90)
	golden.RequireEqual(t, plain)
	got := bodyText(t, plain)
	paras := paragraphs(got)
	if len(paras) != len(markdownish) {
		t.Fatalf("%d paragraphs shown, want %d:\n%s", len(paras), len(markdownish), strings.Join(got, "\n"))
	}
	for i, want := range markdownish {
		if paras[i] != strings.TrimSpace(want) {
			t.Errorf("paragraph %d shows %q, want %q", i, paras[i], strings.TrimSpace(want))
		}
	}
	for _, want := range []string{"# not a heading", "*stars*", "_under_", "1. not a list", "<b>not html</b>", "[x](y)", "> not a quote", "`code`"} {
		if !strings.Contains(plain, want) {
			t.Errorf("%q is not shown literally", want)
		}
	}
}

// TestEscapeEveryPunctuation puts every ASCII punctuation character at the
// start, inside and at the end of a paragraph, alone and tripled, and
// checks that Glamour prints exactly what was written.
func TestEscapeEveryPunctuation(t *testing.T) {
	r := newGlamour(200, true)
	for c := byte('!'); c <= '~'; c++ {
		if !unicode.IsPunct(rune(c)) && !unicode.IsSymbol(rune(c)) {
			continue
		}
		s := string(c)
		for _, in := range []string{s + " start", "mid" + s + "dle", "end " + s, s + s + s + " x " + s + s + s, s + "1" + s + " 2. " + s} {
			lines := glamourUnit(r, in, 200, 0)
			if len(lines) != 1 || lines[0].plain != in {
				var got []string
				for _, l := range lines {
					got = append(got, l.plain)
				}
				t.Errorf("%q shows as %q", in, got)
			}
		}
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range markdownish {
		f.Add(s)
	}
	r := newGlamour(60, false)
	f.Fuzz(func(t *testing.T, p string) {
		p = strings.Map(func(r rune) rune {
			if r < 0x20 || r == 0x7f || !unicode.IsPrint(r) && r != ' ' {
				return -1 // the loader has removed these
			}
			return r
		}, p)
		lines := glamourUnit(r, p, 60, 0)
		var got []string
		for _, l := range lines {
			if w := ansi.StringWidth(l.styled); w > 60 {
				t.Fatalf("line %q is %d wide", l.plain, w)
			}
			got = append(got, l.plain)
		}
		// Wrapping may move blanks, never text.
		if g, w := strings.Join(strings.Fields(strings.Join(got, " ")), ""), strings.Join(strings.Fields(p), ""); g != w {
			t.Fatalf("%q shows as %q", p, got)
		}
	})
}

// TestWrapperMatchesGlamour: for the same paragraphs, folio's wrapper and
// Glamour break lines at the same places, so an article looks the same
// whichever sets it.
func TestWrapperMatchesGlamour(t *testing.T) {
	a := seed(t)
	for _, w := range []int{30, 60, 78, 118} {
		fast := setPiece(&source{units: a.Paragraphs()}, cursor{}, w, 1<<30)
		slow := setPiece(&source{units: a.Paragraphs(), glamour: true, isDark: true}, cursor{}, w, 1<<30)
		if len(fast.lines) != len(slow.lines) {
			t.Errorf("width %d: %d lines against Glamour's %d", w, len(fast.lines), len(slow.lines))
		}
		for i := range min(len(fast.lines), len(slow.lines)) {
			if fast.lines[i].plain != slow.lines[i].plain {
				t.Errorf("width %d, line %d:\n ours %q\n glam %q", w, i, fast.lines[i].plain, slow.lines[i].plain)
				break
			}
		}
	}
}

func TestNextLine(t *testing.T) {
	cases := []struct {
		in    string
		width int
		want  []string
	}{
		{"one two three", 7, []string{"one two", "three"}},
		{"one two three", 8, []string{"one two", "three"}},
		{"one  two", 4, []string{"one", "two"}},
		{"Russia-led troops", 10, []string{"Russia-led", "troops"}},
		{"Russia-led troops", 8, []string{"Russia-", "led", "troops"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"naïve Zürich", 6, []string{"naïve", "Zürich"}},
		{"北京上海广州", 5, []string{"北京", "上海", "广州"}},
		{"trailing   ", 20, []string{"trailing"}},
		{"   indented", 20, []string{"   indented"}},
		{"   indented text", 12, []string{"   indented", "text"}},
		{"      ", 3, []string{"   ", ""}},
		{"a - b", 3, []string{"a -", "b"}},
	}
	for _, c := range cases {
		var got []string
		for off := 0; off < len(c.in); {
			start, end, next := nextLine(c.in, off, c.width)
			got = append(got, c.in[start:end])
			if next <= off {
				t.Fatalf("%q: no progress at %d", c.in, off)
			}
			off = next
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q at %d: %q, want %q", c.in, c.width, got, c.want)
		}
		for _, l := range got {
			if ansi.StringWidth(l) > c.width {
				t.Errorf("%q at %d: %q is too wide", c.in, c.width, l)
			}
		}
	}
}

func TestTypeset(t *testing.T) {
	a := seed(t)
	out := Typeset(a, 72, false)
	if !strings.HasSuffix(out, "\n") {
		t.Error("no final newline")
	}
	plain := ansi.Strip(out)
	for _, want := range []string{"Monday, 10 January 2022", "China, Russia won’t part ways", "opinion@globaltimes.com.cn", "as well.\n"} {
		if !strings.Contains(plain, want) {
			t.Errorf("Typeset lacks %q", want)
		}
	}
	for i, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 72 {
			t.Errorf("line %d is %d wide", i, w)
		}
	}
	if out == ansi.Strip(out) {
		t.Error("Typeset is not styled")
	}
	if Typeset(nil, 80, true) != "" {
		t.Error("nil article")
	}
}

// TestTypesetInPieces: an article set a piece at a time prints what it
// would set at once.
func TestTypesetInPieces(t *testing.T) {
	a := seed(t)
	long := *a
	var b strings.Builder
	for b.Len() < 3*typesetPiece {
		b.WriteString(a.Body + "\n\n")
	}
	long.Body = strings.TrimSuffix(b.String(), "\n\n")
	d := newDoc(&long, docKey{id: long.ID, width: 72}, DefaultStyles(true), true)
	d.add(setPiece(d.src, d.next, 72, math.MaxInt))
	var want strings.Builder
	for i, l := range d.lines {
		if i > 0 {
			want.WriteByte('\n')
		}
		if l.styled != "" {
			want.WriteString(l.styled)
		} else if l.plain != "" {
			want.WriteString(d.src.styles.Body.Render(l.plain))
		}
	}
	want.WriteByte('\n')
	if got := Typeset(&long, 72, true); got != want.String() {
		t.Fatalf("set in pieces differs: %d bytes, want %d", len(got), len(want.String()))
	}
}
