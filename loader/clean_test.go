package loader

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestSplitGlued: a sentence end followed at once by a capitalised word is
// a lost paragraph break; abbreviations, initials, numbers and domains are
// not, and must be left as they are.
func TestSplitGlued(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		// The scraper's defect, as the seed has it.
		{"Both sides gained as well.When Western media spoke", []string{"Both sides gained as well.", "When Western media spoke"}},
		{"on the ground.Kazakhstan will trend", []string{"on the ground.", "Kazakhstan will trend"}},
		{`to "part ways."The argument is`, []string{`to "part ways."`, "The argument is"}},
		{"won’t part ways.”The argument", []string{"won’t part ways.”", "The argument"}},
		{"Really?Yes, really!A new line", []string{"Really?", "Yes, really!", "A new line"}},
		{"It grew in 2022.Then it fell", []string{"It grew in 2022.", "Then it fell"}},
		{"Пошли дальше.Новый абзац", []string{"Пошли дальше.", "Новый абзац"}},

		// What it must leave alone.
		{"The U.S. Senate voted", nil},
		{"officials in the U.S.Senate said", nil},
		{"the U.N.Security Council", nil},
		{"U.S.-China trade", nil},
		{"growth of 3.5 percent", nil},
		{"growth of 13.5 percent to 2,000.75 yuan", nil},
		{"it rose 3.5%, then 4.25", nil},
		{"some cities, e.g. Beijing and Shanghai", nil},
		{"some cities, e.g.Beijing", nil},
		{"i.e. the rest", nil},
		{"J. R. R. Tolkien wrote it", nil},
		{"J.R.R. Tolkien wrote it", nil},
		{"by J.R.R.Tolkien himself", nil},
		{"Mr.Smith and Dr.Li met Prof.Wang", nil},
		{"on Jan.The 10th", nil},
		{"ranked No.1 again", nil},
		{"see www.globaltimes.cn.", nil},
		{"version 2.0.Beta", nil},
		{"release 2.10.Beta ships", nil}, // a number with two dots is no sentence end
		{"a sentence. Another sentence.", nil},
		{"ends here.", nil},
		{"ABC.DEF", nil}, // capitals alone: no lower-case letter after
	} {
		want := c.want
		if want == nil {
			want = []string{c.in}
		}
		if got := splitGlued(c.in); !slices.Equal(got, want) {
			t.Errorf("splitGlued(%q)\n got %q\nwant %q", c.in, got, want)
		}
	}
}

func TestRepairQuotes(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{`he said they would not "part ways.`, `"The argument is`}, []string{`he said they would not "part ways."`, "The argument is"}},
		{[]string{"won’t part ways.", "” The argument"}, []string{"won’t part ways.”", "The argument"}},
		// Balanced quotes before: the quote opens a new one.
		{[]string{`He said "yes".`, `"No" came back`}, nil},
		// A blank line before: nothing to attach to.
		{[]string{"", `"Quoted" start`}, nil},
		{[]string{"plain", "lines"}, nil},
	} {
		want := c.want
		if want == nil {
			want = slices.Clone(c.in)
		}
		if got := repairQuotes(slices.Clone(c.in)); !slices.Equal(got, want) {
			t.Errorf("repairQuotes(%q)\n got %q\nwant %q", c.in, got, want)
		}
	}
}

func TestCutContact(t *testing.T) {
	for _, c := range []struct {
		in      []string
		body    []string
		contact string
	}{
		{[]string{"Text.", "zhang@globaltimes.com.cn", "", ""}, []string{"Text."}, "zhang@globaltimes.com.cn"},
		{[]string{"Text.", "write to zhang@globaltimes.com.cn"}, []string{"Text.", "write to zhang@globaltimes.com.cn"}, ""},
		{[]string{"Text.", "zhang@localhost"}, []string{"Text.", "zhang@localhost"}, ""},
		{[]string{"Text.", "<zhang@gt.cn>"}, []string{"Text.", "<zhang@gt.cn>"}, ""},
		{[]string{"Text.", "a@b@c.cn"}, []string{"Text.", "a@b@c.cn"}, ""},
		{[]string{"Text.", "zhang@gt."}, []string{"Text.", "zhang@gt."}, ""},
		{[]string{"", ""}, []string{}, ""},
	} {
		body, contact := cutContact(slices.Clone(c.in))
		if !slices.Equal(body, c.body) || contact != c.contact {
			t.Errorf("cutContact(%q) = %q, %q; want %q, %q", c.in, body, contact, c.body, c.contact)
		}
	}
}

// TestParagraphs: blank lines separate paragraphs whose lines are joined;
// without them a line is a paragraph, unless the text is hard-wrapped.
func TestParagraphs(t *testing.T) {
	wrapped := strings.Split(strings.TrimSpace(`
The committee met on Monday to discuss the plan for the new railway
line, which would link the two provinces for the first time since the
old line closed.
It will report in March.
Work could then begin within a year, the chairman said after the
meeting.`), "\n")
	for _, c := range []struct {
		name string
		in   []string
		want []string
	}{
		{"blank lines", []string{"one", "two.", "", "three"}, []string{"one two.", "three"}},
		{"a paragraph a line", []string{"First paragraph.", "Second one.", "Third."}, []string{"First paragraph.", "Second one.", "Third."}},
		{"hard-wrapped", wrapped, []string{
			"The committee met on Monday to discuss the plan for the new railway line, which would link the two provinces for the first time since the old line closed.",
			"It will report in March.",
			"Work could then begin within a year, the chairman said after the meeting.",
		}},
		{"spaces squeezed", []string{"a   b", "", "c"}, []string{"a b", "c"}},
	} {
		if got := paragraphs(c.in, make([]bool, len(c.in))); !slices.Equal(got, c.want) {
			t.Errorf("%s: paragraphs\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestClean puts the pieces together on the seed's defects.
func TestClean(t *testing.T) {
	raw := "He said they would \"part ways.\r\n\"The argument is weak as well.When Western media report, the U.S. and 3.5 million e.g. people listen.\r\nyu@gt.cn\r\n\r\n"
	body, contact := Clean(raw)
	want := "He said they would \"part ways.\"\n\nThe argument is weak as well.\n\nWhen Western media report, the U.S. and 3.5 million e.g. people listen."
	if body != want || contact != "yu@gt.cn" {
		t.Errorf("Clean:\n got %q, %q\nwant %q, %q", body, contact, want, "yu@gt.cn")
	}
}

// TestJoinFields: joinFields is Fields over the joined lines, joined.
func TestJoinFields(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	parts := []string{"a", "bc", " ", "  ", "\t", "\u00a0", "\u2003", "é", "中", "\r", "\x85", "word"}
	for range 20000 {
		var lines []string
		for range r.IntN(4) {
			var b strings.Builder
			for range r.IntN(6) {
				b.WriteString(parts[r.IntN(len(parts))])
			}
			lines = append(lines, b.String())
		}
		want := strings.Join(strings.Fields(strings.Join(lines, " ")), " ")
		if got := joinFields(lines); got != want {
			t.Fatalf("%q: %q, want %q", lines, got, want)
		}
	}
}
