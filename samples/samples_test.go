package samples

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
)

const (
	seedPath = "2022/01/000_652e1fac9521c5ec.txt"
	// SHA-256 of the real article as the scraper wrote it (docs/FORMAT.md):
	// the copy must stay byte for byte the same.
	seedSHA256 = "c2cef24374cb11b88054f292108a94dad7631f7da2f1f4c64eb7d6186863e6bf"
	nSamples   = 13
)

// articlesIn returns every file below the root of fsys, by path.
func articlesIn(t *testing.T, fsys fs.FS) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		files[p] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestFSHoldsSeedAndSamples(t *testing.T) {
	files := articlesIn(t, FS())
	if len(files) != 1+nSamples {
		t.Errorf("%d files, want the seed and %d samples", len(files), nSamples)
	}
	sum := sha256.Sum256(files[seedPath])
	if hex.EncodeToString(sum[:]) != seedSHA256 {
		t.Errorf("%s is missing or not the real article", seedPath)
	}
	for p, b := range files {
		if !strings.HasSuffix(p, ".txt") || !bytes.HasPrefix(b, []byte("Published Time:")) {
			t.Errorf("%s: not a .txt file starting with Published Time:", p)
		}
		if !strings.Contains(p, "/") {
			t.Errorf("%s: samples live in sub-folders so loaders must recurse", p)
		}
	}
	if err := fstest.TestFS(FS(), seedPath); err != nil {
		t.Error(err)
	}
}

var headerRE = regexp.MustCompile(`^Published Time: (\d{4})-(\d\d)-\d\d\nTitle: (.+)\n` +
	`Category 1: ([A-Z-]+); Category 2: [A-Z -]+\nAuthor: (.+)\nAuthor title: .+\n` +
	`Author description: .+\nText: \n`)

var (
	pushedQuote    = regexp.MustCompile(`\n"[A-Z][^"\n]*\n`)
	gluedParagraph = regexp.MustCompile(`[a-z]\.[A-Z][a-z]`)
	contactLine    = regexp.MustCompile(`^\S+@\S+\.\S+$`)
)

// TestSamplesCoverTheReader checks that the samples keep the layout of the
// seed and, together, still exercise what they were written for.
func TestSamplesCoverTheReader(t *testing.T) {
	cat1, years := map[string]bool{}, map[string]bool{}
	need := map[string]bool{}
	for p, b := range articlesIn(t, FS()) {
		if p == seedPath {
			continue
		}
		m := headerRE.FindSubmatch(b)
		if m == nil {
			t.Errorf("%s: header is not laid out like the seed's", p)
			continue
		}
		years[string(m[1])], cat1[string(m[4])] = true, true
		title, author := string(m[3]), string(m[5])
		if author != "folio sample" && author != "folio sample and folio editors" {
			t.Errorf("%s: author %q is not marked as a sample", p, author)
		}
		body := string(b[len(m[0]):])
		first, _, _ := strings.Cut(body, "\n")
		if !strings.Contains(first, "sample article for folio") {
			t.Errorf("%s: first body line does not say it is a sample: %q", p, first)
		}
		if n := len(strings.Fields(body)); n < 150 || n > 400 {
			t.Errorf("%s: %d words, want 150–400", p, n)
		}
		lines := strings.Split(strings.TrimSuffix(body, "\n"), "\n")
		has := func(what string, ok bool) { need[what] = need[what] || ok }
		has("colon title", strings.Contains(title, ": "))
		has("accents", strings.ContainsAny(body, "é") && strings.ContainsAny(body, "ü") && strings.ContainsAny(body, "ñ"))
		has("CJK", strings.ContainsFunc(body, func(r rune) bool { return unicode.Is(unicode.Han, r) }))
		has("markdown", strings.Contains(body, "\n# not a heading\n") && strings.Contains(body, "*stars*") &&
			strings.Contains(body, "_under_") && strings.Contains(body, "\n1. not a list") && strings.Contains(body, "<b>not html</b>"))
		has("pushed quote", pushedQuote.MatchString(body))
		has("glued paragraph", gluedParagraph.MatchString(body))
		has("blank-line paragraphs", strings.Contains(body, "\n\n"))
		has("contact line", contactLine.MatchString(lines[len(lines)-1]))
		has("co-byline", strings.Contains(author, " and "))
		has("author details", !strings.Contains(string(b[:len(m[0])]), "Author description: Author details not found"))
	}
	for _, what := range []string{"colon title", "accents", "CJK", "markdown", "pushed quote", "glued paragraph",
		"blank-line paragraphs", "contact line", "co-byline", "author details"} {
		if !need[what] {
			t.Errorf("no sample has %s", what)
		}
	}
	if len(cat1) < 6 || len(years) < 10 {
		t.Errorf("samples span %d Category 1 values and %d years; want at least 6 and 10", len(cat1), len(years))
	}
}
