package list

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"

	"github.com/folio-reader/folio/model"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGraphemeWidths: titles holding a family emoji (a ZWJ sequence), a
// flag, a skin tone and combining accents take the cells the terminal gives
// them, so the author column stays in line: per grapheme cluster (checked
// against uniseg) where the terminal reports mode 2027, per code point
// (wcwidth, as Bubble Tea's renderer then counts) where it does not. The
// rows are kept in golden files.
func TestGraphemeWidths(t *testing.T) {
	for _, c := range []struct {
		name   string
		method ansi.Method
		width  func(string) int
	}{
		{"grapheme", ansi.GraphemeWidth, uniseg.StringWidth},
		{"wcwidth", ansi.WcWidth, ansi.StringWidthWc},
	} {
		t.Run(c.name, func(t *testing.T) { checkWidths(t, c.method, c.width) })
	}
}

func checkWidths(t *testing.T, method ansi.Method, width func(string) int) {
	c := model.NewCorpus(nil)
	day := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	var arts []*model.Article
	for i, title := range []string{
		"Plain title for the row",
		"Family 👨‍👩‍👧‍👦 day out in the park",
		"Flags 🇨🇳 and 🇰🇿 at the border",
		"Thumbs 👍🏽 up for the café",
		"Cafe\u0301 and nai\u0308ve written with combining marks",
	} {
		arts = append(arts, &model.Article{ID: string(rune('a'+i)) + ".txt", Title: title, Author: "Global Times", Category1: "WORLD", Published: day.AddDate(0, 0, -i)})
	}
	c.Add(model.Batch{Articles: arts})
	m := newList(c, "", 100, 7)
	m.SetWidthMethod(method)
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	var col []int
	for _, l := range lines {
		if i := strings.Index(l, "Global Times"); i >= 0 {
			col = append(col, width(l[:i]))
		}
		if w := width(l); w > 100 {
			t.Errorf("row %d cells wide: %q", w, l)
		}
	}
	if len(col) != 5 {
		t.Fatalf("%d rows name the author:\n%s", len(col), strings.Join(lines, "\n"))
	}
	for i, x := range col {
		if x != col[0] {
			t.Errorf("row %d: author at cell %d, row 1 at %d:\n%s", i+1, x, col[0], strings.Join(lines, "\n"))
		}
	}
	got := strings.Join(lines, "\n") + "\n"
	golden := filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+".golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("rows differ from %s:\n%s", golden, got)
	}
}
