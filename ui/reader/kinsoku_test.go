package reader

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/model"
)

// TestKinsoku: wrapped Chinese and Japanese lines never start with closing
// punctuation nor end with an opening bracket (UAX #14), through Glamour's
// path and folio's own wrapper alike, at every width.
func TestKinsoku(t *testing.T) {
	para := strings.Repeat("今天下午，成都的老茶馆里依然坐满了人。「我们每天都来，」一位老人说，"+
		"（他已经七十多岁了）、喝茶、聊天、看报纸。日本の喫茶店は、静かな午後を過ごす場所です。", 4)
	const closing, opening = "，。、」）！？：；』】〕ゝ々ー", "「（『【〔"
	a := &model.Article{ID: "zh.txt", Title: "茶馆", Body: para + "\n" + para}
	for _, huge := range []bool{false, true} {
		for width := 20; width <= 60; width++ {
			var lines []string
			if huge { // folio's wrapper, as for bodies too large for Glamour
				got, _ := wrapUnit(nil, para, 0, width, len(para)+1, 0)
				for _, l := range got {
					lines = append(lines, l.plain)
				}
			} else {
				lines = strings.Split(ansi.Strip(Typeset(a, width, true)), "\n")
			}
			for i, l := range lines {
				l = strings.TrimSpace(l)
				if l == "" {
					continue
				}
				if first := []rune(l)[0]; i > 0 && strings.ContainsRune(closing, first) {
					t.Errorf("huge=%v width %d: line starts with %q: %q", huge, width, first, l)
				}
				if r := []rune(l); strings.ContainsRune(opening, r[len(r)-1]) {
					t.Errorf("huge=%v width %d: line ends with %q: %q", huge, width, r[len(r)-1], l)
				}
				if w := ansi.StringWidth(l); w > width {
					t.Errorf("huge=%v width %d: line %d cells wide: %q", huge, width, w, l)
				}
			}
		}
	}
}
