package serve

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func TestSplitCommand(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"list", []string{"list"}},
		{"list -q russia", []string{"list", "-q", "russia"}},
		{"list  -q\t'author:smith after:2022'", []string{"list", "-q", "author:smith after:2022"}},
		{`list -q "a \"b\" \\c \x"`, []string{"list", "-q", `a "b" \c \x`}},
		{`show a\ b.txt`, []string{"show", "a b.txt"}},
		{`show ''`, []string{"show", ""}},
		{`show x''y"z"`, []string{"show", "xyz"}},
		{"show 'it''s'", []string{"show", "its"}},
		{`show 'a\b'`, []string{"show", `a\b`}},
		{"a\\\nb", []string{"ab"}},
		{"list -q \"北京 Zürich\"", []string{"list", "-q", "北京 Zürich"}},
	} {
		got, err := splitCommand(tc.in)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("splitCommand(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{`list -q 'open`, `list -q "open`, `list -q "a\"`} {
		if _, err := splitCommand(in); !errors.Is(err, errUnclosedQuote) {
			t.Errorf("splitCommand(%q): err %v, want unclosed quote", in, err)
		}
	}
	if _, err := splitCommand(`list \`); !errors.Is(err, errTrailingBackslash) {
		t.Errorf("trailing backslash: err %v", err)
	}
}

// allocated is the number of bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestSplitCommandIsLinear: go-shlex took 56 s of CPU for a 250 KB line.
// Splitting copies each byte once: the bytes allocated grow with the line,
// not with its square, and the allocations are the buffer and the slice of
// words (which grows by doubling).
func TestSplitCommandIsLinear(t *testing.T) {
	for _, shape := range []struct {
		name string
		unit string
	}{
		{"one word", "x"},
		{"many words", "ab "},
		{"quoted", `"a\"b" `},
	} {
		small := strings.Repeat(shape.unit, 64<<10/len(shape.unit))
		large := strings.Repeat(shape.unit, 256<<10/len(shape.unit))
		a := allocated(func() { _, _ = splitCommand(small) })
		b := allocated(func() { _, _ = splitCommand(large) })
		// Four times the input: four times the bytes (and the slice of
		// word headers), with room for the doubling of that slice.
		if b > 6*a {
			t.Errorf("%s: %d bytes for 64 KB, %d for 256 KB: not linear", shape.name, a, b)
		}
		if b > 40*uint64(len(large)) {
			t.Errorf("%s: %d bytes for a %d-byte line", shape.name, b, len(large))
		}
		// A splitter that builds each word a rune at a time allocates once
		// a byte; other tests' servers winding down in the background add a
		// few thousand to the process's count, so the bound sits between.
		if n := testing.AllocsPerRun(5, func() { _, _ = splitCommand(large) }); n > float64(len(large)/16) {
			t.Errorf("%s: %v allocations for a 256 KB line", shape.name, n)
		}
	}
}

func FuzzSplitCommand(f *testing.F) {
	for _, s := range []string{"list -q 'a b'", `show "x\"y"`, `a\ b`, "'", `"`, `\`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words, err := splitCommand(s)
		if err != nil {
			return
		}
		total := 0
		for _, w := range words {
			total += len(w)
		}
		if total > len(s) {
			t.Fatalf("splitCommand(%q) made %d bytes of words from %d", s, total, len(s))
		}
		// Words without blanks or quoting characters come back as they are.
		if !strings.ContainsAny(s, "'\"\\") {
			if want := strings.Fields(s); !slices.Equal(words, want) && !(len(words) == 0 && len(want) == 0) {
				t.Fatalf("splitCommand(%q) = %q, want %q", s, words, want)
			}
		}
	})
}
