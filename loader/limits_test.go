package loader

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/folio-reader/folio/model"
)

// value is a text of exactly n bytes of two- and one-byte characters, so
// that a cut can fall inside a character.
func value(n int) string {
	s := strings.Repeat("é", n/2)
	if n%2 == 1 {
		s += "x"
	}
	return s
}

// cutWarnings is the warnings of probs that say a limit cut something.
func cutWarnings(probs []model.Problem) []string {
	var out []string
	for _, p := range probs {
		if p.Severity == model.Warning && strings.Contains(p.Reason, "over ") {
			out = append(out, p.Reason)
		}
	}
	return out
}

// TestFieldLimits: each field's value is kept whole at its limit; one
// byte over, it is cut at a character boundary, ends in an ellipsis, is at
// most the limit, and the file says so once.
func TestFieldLimits(t *testing.T) {
	for _, f := range []struct {
		line  string
		limit int
		get   func(a *model.Article) string
	}{
		{"Title", maxTitle, func(a *model.Article) string { return a.Title }},
		{"Author", maxAuthor, func(a *model.Article) string { return a.Author }},
		{"Author title", maxAuthorTitle, func(a *model.Article) string { return a.AuthorTitle }},
		{"Author description", maxAuthorDesc, func(a *model.Article) string { return a.AuthorDescription }},
		{"Category 1", maxCategory, func(a *model.Article) string { return a.Category1 }},
		{"Category 2", maxCategory, func(a *model.Article) string { return a.Category2 }},
		{"Source", maxExtraValue, func(a *model.Article) string { return a.Extra[0].Value }},
	} {
		for _, over := range []int{0, 1, 2} {
			v := value(f.limit + over)
			data := "Published Time: 2024-01-01\nTitle: T\nCategory 1: C\nAuthor: A\n" + f.line + ": " + v + "\n" + f.line + ": " + v + "\nText:\nbody\n"
			a, probs := NewParser().Parse("x.txt", []byte(data), false)
			if a == nil {
				t.Fatalf("%s: not loaded: %v", f.line, probs)
			}
			got, cuts := f.get(a), cutWarnings(probs)
			switch {
			case over == 0 && (got != v || len(cuts) != 0):
				t.Errorf("%s at its limit (%d bytes): kept %d bytes, warnings %q", f.line, f.limit, len(got), cuts)
			case over > 0 && (len(got) > f.limit || !utf8.ValidString(got) || !strings.HasSuffix(got, ellipsis) ||
				!strings.HasPrefix(v, strings.TrimSuffix(got, ellipsis)) || len(got) < f.limit-len(ellipsis)-1):
				t.Errorf("%s %d over: kept %d bytes %q…", f.line, over, len(got), got[max(0, len(got)-8):])
			case over > 0 && len(cuts) != 1:
				t.Errorf("%s %d over: warnings %q, want one", f.line, over, cuts)
			}
		}
	}
}

// TestHeaderValueLimit: a header line of any length is read only to
// maxHeaderLine; a "Text:" line, which begins the body, is not cut.
func TestHeaderValueLimit(t *testing.T) {
	for _, n := range []int{maxHeaderLine, maxHeaderLine + 1, 50 << 20} {
		data := "Title: " + value(n) + "\nAuthor: A\nText: " + value(n) + "\n"
		a, probs := NewParser().Parse("x.txt", []byte(data), true)
		if a == nil {
			t.Fatalf("%d bytes: not loaded", n)
		}
		cuts := cutWarnings(probs)
		want := 1 // the title, cut to maxTitle
		if n > maxHeaderLine {
			want = 2 // and the line
		}
		if len(cuts) != want || len(a.Title) > maxTitle {
			t.Errorf("%d-byte title: %d bytes kept, warnings %q", n, len(a.Title), cuts)
		}
		if len(strings.TrimSpace(a.RawBody)) != n {
			t.Errorf("%d-byte first body line on the Text: line: %d bytes in the body", n, len(a.RawBody))
		}
	}
}

// TestHeaderLinesLimit: maxHeaderLines header lines are read; the line
// after them begins the body, and the file says so once.
func TestHeaderLinesLimit(t *testing.T) {
	for _, extra := range []int{0, 1, 100} {
		var b strings.Builder
		b.WriteString("Title: T\nAuthor: A\nCategory 1: C\nPublished Time: 2024-01-01\n")
		for range maxHeaderLines - 4 + extra {
			b.WriteString("Author: A\n") // the lines run out, not the keys
		}
		b.WriteString("Text:\nbody\n")
		a, probs := NewParser().Parse("x.txt", []byte(b.String()), true)
		if a == nil {
			t.Fatalf("%d over: not loaded", extra)
		}
		cuts := cutWarnings(probs)
		switch {
		case extra == 0 && (len(cuts) != 0 || a.RawBody != "body\n"):
			t.Errorf("at the limit: body %q, warnings %q", a.RawBody, cuts)
		case extra > 0 && (len(cuts) != 1 || !strings.HasPrefix(a.RawBody, "Author: A")):
			t.Errorf("%d over: body %.20q, warnings %q", extra, a.RawBody, cuts)
		}
	}
}

// TestExtraKeysLimit: maxExtras other keys are kept, the rest not, said
// once.
func TestExtraKeysLimit(t *testing.T) {
	for _, extra := range []int{0, 1, 20} {
		var b strings.Builder
		b.WriteString("Title: T\nAuthor: A\nCategory 1: C\nPublished Time: 2024-01-01\n")
		for i := range maxExtras + extra {
			fmt.Fprintf(&b, "Key %d: v\n", i)
		}
		b.WriteString("Text:\nbody\n")
		a, probs := NewParser().Parse("x.txt", []byte(b.String()), false)
		cuts := cutWarnings(probs)
		if len(a.Extra) != maxExtras || len(cuts) != min(extra, 1) {
			t.Errorf("%d keys: %d kept, warnings %q", maxExtras+extra, len(a.Extra), cuts)
		}
	}
}

// TestUnreadableDateQuoted: an unreadable date is quoted in its warning
// only as far as maxQuoted.
func TestUnreadableDateQuoted(t *testing.T) {
	_, probs := NewParser().Parse("x.txt", []byte("Title: T\nPublished Time: "+strings.Repeat("9", 10000)+"\nText:\nb\n"), false)
	for _, p := range probs {
		if strings.Contains(p.Reason, "unreadable date") && len(p.Reason) > maxQuoted+40 {
			t.Errorf("warning of %d bytes", len(p.Reason))
		}
	}
}

// TestLoadLongTitlesAndDeepPaths loads, on every worker's first file and
// the files after, titles from 600 bytes to megabytes and paths 200
// folders deep: nothing may panic, and every title is within its limit.
func TestLoadLongTitlesAndDeepPaths(t *testing.T) {
	fsys := fstest.MapFS{}
	deep := strings.TrimSuffix(strings.Repeat("d/", 200), "/")
	for i, n := range []int{600, 1100, 16 << 10, 5 << 20} {
		data := []byte("Title: " + strings.Repeat("t", n) + "\nText:\nbody\n")
		fsys[fmt.Sprintf("top%d.txt", i)] = &fstest.MapFile{Data: data}
		fsys[fmt.Sprintf("%s/deep%d.txt", deep, i)] = &fstest.MapFile{Data: data}
		fsys[fmt.Sprintf("%s/%s/deeper%d.txt", deep, deep, i)] = &fstest.MapFile{Data: data}
	}
	for _, workers := range []int{1, 4} {
		var n int
		err := Load(context.Background(), fsys, Options{Workers: workers}, func(b model.Batch) {
			for _, a := range b.Articles {
				n++
				if len(a.Title) > maxTitle {
					t.Errorf("%s: title of %d bytes", a.ID, len(a.Title))
				}
			}
		})
		if err != nil || n != len(fsys) {
			t.Fatalf("%d workers: %v, %d of %d articles", workers, err, n, len(fsys))
		}
	}
}

func TestCutText(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "…"},
		{"abcdef", 5, "ab…"},
		{"éééé", 7, "éé…"},
		{"éééé", 6, "é…"}, // 3 bytes left: one é and half of the next
		{"ab", 0, "ab"[:0] + ""},
	} {
		if c.n == 0 {
			if got := cutRunes(c.s, 0); got != "" {
				t.Errorf("cutRunes(%q, 0) = %q", c.s, got)
			}
			continue
		}
		if got := cutText(c.s, c.n); got != c.want {
			t.Errorf("cutText(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}
