package loader

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/folio-reader/folio/model"
	"golang.org/x/sys/cpu"
)

func readSeed(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/000_652e1fac9521c5ec.txt")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestSeedFields(t *testing.T) {
	a, probs := NewParser().Parse("000_652e1fac9521c5ec.txt", readSeed(t), true)
	if a == nil || len(probs) != 0 {
		t.Fatalf("Parse: article %v, problems %v", a, probs)
	}
	type fields struct {
		title, cat1, cat2, author, authorTitle, authorDesc string
		published                                          time.Time
	}
	want := fields{
		title: "China, Russia won’t part ways, but will continue to meet challenges cooperatively",
		cat1:  "OPINION", cat2: "VIEWPOINT", author: "Global Times",
		published: time.Date(2022, 1, 10, 0, 0, 0, 0, time.UTC),
	}
	got := fields{a.Title, a.Category1, a.Category2, a.Author, a.AuthorTitle, a.AuthorDescription, a.Published}
	if got != want {
		t.Errorf("fields:\n got %+v\nwant %+v", got, want)
	}
	if len(a.Extra) != 0 {
		t.Errorf("extra fields %v, want none", a.Extra)
	}
	if !strings.HasPrefix(a.RawBody, "Ukrainian media outlet") || !strings.HasPrefix(a.Body, "Ukrainian media outlet") {
		t.Errorf("body starts %q / raw %q", a.Body[:30], a.RawBody[:30])
	}
	if !strings.Contains(a.Body, `start to part ways."`+"\n\nThe argument is inconceivable.") {
		t.Error(`cleaned body lacks the repaired quote after "part ways."`)
	}
	if !strings.Contains(a.Body, "as well.\n\nWhen Western media") {
		t.Error("cleaned body lacks the paragraph break at as well. / When Western media")
	}
	if !strings.Contains(a.RawBody, "as well.When Western media") {
		t.Error("raw body was changed")
	}
	if a.Contact != "opinion@globaltimes.com.cn" || strings.Contains(a.Body, "opinion@") {
		t.Errorf("contact %q; body holds it: %v", a.Contact, strings.Contains(a.Body, "opinion@"))
	}
	if a.Words < 650 || a.Words > 750 {
		t.Errorf("words = %d, want about 700", a.Words)
	}
}

const good = "Published Time: 2022-01-10\nTitle: A title: with a colon\nCategory 1: CHINA; Category 2: SOCIETY\nAuthor: Zhang Hui and Zhao Yusha\nAuthor title: Author details not found\nAuthor description: Reporter\nText: \nFirst line.\nSecond line.\n"

// TestFormatTable has a row for every row of docs/FORMAT.md's table of what real
// files get wrong.
func TestFormatTable(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		skipped  string   // reason substring when the file must be skipped
		warnings []string // substrings of the expected warnings; none expected when empty
		check    func(t *testing.T, a *model.Article)
	}{
		{name: "clean", data: good, check: func(t *testing.T, a *model.Article) {
			if a.Title != "A title: with a colon" || a.Category2 != "SOCIETY" || a.AuthorTitle != "" || a.AuthorDescription != "Reporter" {
				t.Errorf("got %+v", a)
			}
		}},
		{name: "CRLF, BOM, blanks around keys and values",
			data: "\ufeff  published time :  2022-01-10 \r\n TITLE:   Spaced out  \r\nCategory 1 : CHINA ;  Category 2:SOCIETY\r\nAuthor:X\r\nText: \r\nBody line one.\r\nBody line two.\r\n",
			check: func(t *testing.T, a *model.Article) {
				if a.Title != "Spaced out" || a.Category1 != "CHINA" || a.Category2 != "SOCIETY" || a.Date() != "2022-01-10" {
					t.Errorf("got %+v", a)
				}
				if strings.Contains(a.RawBody, "\r") || a.Body != "Body line one.\n\nBody line two." {
					t.Errorf("body %q raw %q", a.Body, a.RawBody)
				}
			}},
		{name: "categories on lines of their own",
			data: "Title: T\nCategory 1: WORLD\nCategory 2: EUROPE\nAuthor: A\nPublished Time: 2020-02-02\nText:\nx\n",
			check: func(t *testing.T, a *model.Article) {
				if a.Category1 != "WORLD" || a.Category2 != "EUROPE" {
					t.Errorf("categories %q %q", a.Category1, a.Category2)
				}
			}},
		{name: "missing fields", data: "Title: Only a title\nText:\nbody\n",
			warnings: []string{"missing Published Time", "missing Author", "missing Category 1"}},
		{name: "missing Text line", data: "Title: T\nPublished Time: 2022-01-01\nAuthor: A\nCategory 1: C\nThe body begins.\nAnd goes on.\n",
			warnings: []string{`no "Text:" line`},
			check: func(t *testing.T, a *model.Article) {
				if a.Body != "The body begins.\n\nAnd goes on." {
					t.Errorf("body %q", a.Body)
				}
			}},
		{name: "no header at all", data: "Just some notes.\nNothing like an article.\n", skipped: "no article header"},
		{name: "invalid UTF-8", data: strings.Replace(good, "First line.", "Caf\xe9 line.", 1),
			warnings: []string{"not UTF-8"},
			check: func(t *testing.T, a *model.Article) {
				if !strings.Contains(a.Body, "Café line.") { // no UTF-8 in it: Windows-1252
					t.Errorf("body %q", a.Body)
				}
			}},
		{name: "binary", data: "Title: x\x00\x00\x01\x02", skipped: "binary"},
		{name: "NUL far from the start", data: good + strings.Repeat("it’s news ", 300) + "\x00", skipped: "binary"},
		{name: "NUL in the last bytes", data: good + strings.Repeat("news ", 300) + "x\x00", skipped: "binary"},
		{name: "NUL after a stray byte", data: good + "\xff" + strings.Repeat("text ", 100) + "\x00 end", skipped: "binary"},
		{name: "stray byte in the last bytes", data: good + strings.Repeat("it’s news ", 300) + "\xe9\n",
			warnings: []string{"bytes that are not UTF-8"}},
		{name: "character cut at the end", data: good + strings.Repeat("it’s news ", 300) + "\xe2\x80",
			warnings: []string{"bytes that are not UTF-8"}},
		{name: "NUL far from the start", data: good + strings.Repeat("it’s news ", 300) + "\x00", skipped: "binary"},
		{name: "NUL after a stray byte", data: good + "\xff" + strings.Repeat("text ", 100) + "\x00 end", skipped: "binary"},
		{name: "stray byte in the last block", data: good + strings.Repeat("it’s news ", 300) + "\xe9\n",
			warnings: []string{"bytes that are not UTF-8"}},
		{name: "empty file", data: "", skipped: "empty file"},
		{name: "blank file", data: " \n\n", skipped: "empty file"},
		{name: "empty body", data: strings.TrimSuffix(good, "First line.\nSecond line.\n"),
			check: func(t *testing.T, a *model.Article) {
				if a.Body != "" || a.Words != 0 {
					t.Errorf("body %q words %d", a.Body, a.Words)
				}
			}},
		{name: "long lines", data: good + strings.Repeat("word ", 200000) + "\n",
			check: func(t *testing.T, a *model.Article) {
				if a.Words != 200004 {
					t.Errorf("words %d", a.Words)
				}
			}},
		{name: "control characters and escapes",
			data: "Title: Evil\x1b[2J\x1b]0;pwned\x07 title\x07\nAuthor: A\tB\u009b\nPublished Time: 2022-01-10\nCategory 1: C\nText:\nBody \x1b[31mred\x1b[0m\tand\u202e text\x1bP+q\x1b\\ end.\n",
			check: func(t *testing.T, a *model.Article) {
				for _, f := range []string{a.Title, a.Author, a.Body, a.RawBody} {
					if strings.ContainsFunc(f, func(r rune) bool { return r != '\n' && isControl(r) || r == '\x1b' }) {
						t.Errorf("control character survived in %q", f)
					}
				}
				if a.Title != "Evil title" || a.Author != "A B" || a.Body != "Body red and text end." {
					t.Errorf("title %q author %q body %q", a.Title, a.Author, a.Body)
				}
			}},
		{name: "unknown keys kept in order", data: "Title: T\nSource: Xinhua\nURL: http://x.cn/a\nText:\nb\n", warnings: []string{"missing"},
			check: func(t *testing.T, a *model.Article) {
				if len(a.Extra) != 2 || a.Extra[0] != (model.Field{Key: "Source", Value: "Xinhua"}) || a.Extra[1].Value != "http://x.cn/a" {
					t.Errorf("extra %+v", a.Extra)
				}
			}},
		{name: "body lines that look like headers", data: "Title: T\nText:\nTitle: not a header\nAuthor: neither\n", warnings: []string{"missing Author"},
			check: func(t *testing.T, a *model.Article) {
				if a.Title != "T" || a.Author != "" || !strings.HasPrefix(a.Body, "Title: not a header") {
					t.Errorf("title %q author %q body %q", a.Title, a.Author, a.Body)
				}
			}},
		{name: "unreadable date", data: "Title: T\nPublished Time: sometime\nText:\nb\n", warnings: []string{`unreadable date "sometime"`},
			check: func(t *testing.T, a *model.Article) {
				if !a.Published.IsZero() {
					t.Errorf("published %v", a.Published)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, probs := NewParser().Parse("x.txt", []byte(tt.data), true)
			if tt.skipped != "" {
				if a != nil || len(probs) != 1 || probs[0].Severity != model.Skipped || !strings.Contains(probs[0].Reason, tt.skipped) {
					t.Fatalf("want skipped %q, got %v %v", tt.skipped, a, probs)
				}
				return
			}
			if a == nil {
				t.Fatalf("not loaded: %v", probs)
			}
			var reasons []string
			for _, p := range probs {
				reasons = append(reasons, p.Reason)
			}
			all := strings.Join(reasons, "; ")
			for _, w := range tt.warnings {
				if !strings.Contains(all, w) {
					t.Errorf("warnings %q lack %q", all, w)
				}
			}
			if len(tt.warnings) == 0 && len(probs) > 0 {
				t.Errorf("unexpected warnings %q", all)
			}
			if tt.check != nil {
				tt.check(t, a)
			}
		})
	}
}

func TestDuplicateContentSameHash(t *testing.T) {
	p := NewParser()
	a, _ := p.Parse("a.txt", []byte(good), false)
	b, _ := p.Parse("b/a.txt", []byte(good), false)
	c, _ := p.Parse("c.txt", []byte(good+"more\n"), false)
	if a.Hash != b.Hash || a.Hash == c.Hash {
		t.Errorf("hashes %x %x %x", a.Hash, b.Hash, c.Hash)
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2022-01-10", "2022-01-10 19:42:00", "2022-01-10T19:42:00+08:00", "2022/1/10", "Jan 10, 2022", "January 10, 2022", "10 Jan 2022"} {
		d, ok := ParseDate(s)
		if !ok || d.Format(time.DateOnly) != "2022-01-10" {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, ok)
		}
	}
	for _, s := range []string{"", "yesterday", "2022-13-01", "10/01/2022"} {
		if _, ok := ParseDate(s); ok {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
}

// TestParseDateTime: the fast path takes what time.Parse takes of the
// layout, to the same day, but an hour padded with a space, which it
// leaves to time.Parse.
func TestParseDateTime(t *testing.T) {
	var tries []string
	for _, d := range []string{"2024-02-29", "2023-02-29", "0000-01-01", "2024-13-01", "2024-1x-01"} {
		for _, clock := range []string{"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "1:00:000", "12:0a:00", "99:99:99"} {
			tries = append(tries, d+" "+clock)
		}
	}
	tries = append(tries, "2024-01-10T10:00:00", "2024-01-10 10-00-00", "2024-01-10 10:00", "2024-01-10  1:00:00")
	for _, s := range tries {
		want, err := time.Parse(time.DateTime, s)
		got, ok := parseDateTime(s)
		y, m, d := want.Date()
		padded := strings.Contains(s, "  ") // an hour of one digit: time.Parse's alone
		if ok != (err == nil && !padded) || ok && !got.Equal(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("parseDateTime(%q) = %v, %v; time.Parse: %v, %v", s, got, ok, want, err)
		}
	}
}

// TestParseDateOnly: the short path takes YYYY-MM-DD exactly as
// time.Parse does, to the day.
func TestParseDateOnly(t *testing.T) {
	var tries []string
	for _, y := range []string{"0000", "1900", "2000", "2023", "2024", "9999", "20x4", "-202"} {
		for m := range 14 {
			for d := range 33 {
				tries = append(tries, fmt.Sprintf("%s-%02d-%02d", y, m, d))
			}
		}
	}
	tries = append(tries, "2024-1-10", "2024-01-1", "2024-01-100", "2024/01/10", "2024-01-1x", "+024-01-10", "2024-0a-10")
	for _, s := range tries {
		want, err := time.Parse(time.DateOnly, s)
		got, ok := parseDateOnly(s)
		if ok != (err == nil) || ok && !got.Equal(want) {
			t.Errorf("parseDateOnly(%q) = %v, %v; time.Parse: %v, %v", s, got, ok, want, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("Title: \x1b]8;;x\x07a\x1b]8;;\x07\nText:\n\x1b[1mb\n"))
	f.Add([]byte("\ufeffTitle: x\r\nCategory 1: A; Category 2: B\r\nText: inline\r\n\"q\n"))
	f.Add([]byte("Title: T\nPublished: someday\nSource:  Wire   service \nAuthor: A  B\nText:\nbody\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, probs := NewParser().Parse("f.txt", data, true)
		// The parser reads the header in place: nothing it returns may
		// change when the caller reuses the buffer for the next file.
		buf := bytes.Clone(data)
		again, _ := NewParser().Parse("f.txt", buf, false)
		for i := range buf {
			buf[i] = 'x'
		}
		if a != nil {
			want := *a
			want.RawBody, want.Body, want.Contact = "", "", ""
			if !reflect.DeepEqual(again, &want) {
				t.Fatalf("the article changed with its buffer:\n got %+v\nwant %+v", again, &want)
			}
		}
		if a == nil {
			if len(probs) != 1 || probs[0].Severity != model.Skipped {
				t.Fatalf("nil article with problems %v", probs)
			}
			return
		}
		fields := []string{a.Title, a.Category1, a.Category2, a.Author, a.AuthorTitle, a.AuthorDescription, a.Body, a.RawBody, a.Contact}
		for _, e := range a.Extra {
			fields = append(fields, e.Key, e.Value)
		}
		for _, s := range fields {
			for _, r := range s {
				if r != '\n' && isControl(r) || r == '\x1b' || r == '\t' {
					t.Fatalf("control %U survived in %q", r, s)
				}
			}
		}
	})
}

// plainWords is the plain definition of countWords, a byte at a time: a
// word is a run of bytes above the space, unless the text holds CJK.
func plainWords(b []byte) int {
	if hasCJK(b) {
		return plainCJKWords(b)
	}
	n, prevBlank := 0, true
	for _, c := range b {
		blank := c <= ' '
		if prevBlank && !blank {
			n++
		}
		prevBlank = blank
	}
	return n
}

// plainCJKWords is the plain definition of countCJKWords: every rune asked
// its role.
func plainCJKWords(b []byte) int {
	n, inWord := 0, false
	for _, r := range string(b) {
		n, inWord = roleOf(r).count(n, inWord)
	}
	return n
}

// randomBytes is up to max bytes drawn from alphabet.
func randomBytes(r *rand.Rand, alphabet []byte, max int) []byte {
	b := make([]byte, r.IntN(max))
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return b
}

// TestCountWords checks the eight-bytes-at-a-time count against the plain
// definition on text with every kind of byte.
func TestCountWords(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	alphabet := []byte(" \n\t\r\x01aZ.é\xff\x7f\x80!")
	for range 2000 {
		b := randomBytes(r, alphabet, 70)
		if got, want := countWords(b), plainWords(b); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", b, got, want)
		}
	}
}

// TestCountWordsLong checks the count on texts long enough for countBlocks
// (AVX2, 64 bytes at a time, where there is one) and the SWAR step alone,
// words running across every boundary, CJK now and then.
func TestCountWordsLong(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	pieces := []string{"a", "word", "wordy", " ", " ", "\n", "\t", "\x01", "\x7f", "!", "é", "’", "\xff", "\xe2\x80"}
	cjk := []string{"中", "，", "ひ", "\U00020000", "\xe3"}
	for range 3000 {
		var sb strings.Builder
		for range r.IntN(300) {
			if r.IntN(400) == 0 {
				sb.WriteString(cjk[r.IntN(len(cjk))])
			} else if r.IntN(4) == 0 {
				sb.WriteString(pieces[r.IntN(len(pieces))])
			} else {
				sb.WriteString(pieces[r.IntN(4)])
			}
		}
		b := []byte(sb.String())
		want := plainWords(b)
		if got := countWords(b); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", b, got, want)
		}
		if got := countWordsFrom(b, 0, 0, 1); got != want {
			t.Fatalf("countWordsFrom(%q) = %d, want %d", b, got, want)
		}
	}
}

// TestManyControls checks the eight-bytes-at-a-time control count against
// the table alone, on heads with controls, newlines and high bytes
// anywhere, sparse and dense.
func TestManyControls(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	alphabet := []byte("aaaaaaaaaa   \n\t\r\x1b\x01\x02\x0b\x1f\x7f\x80\x9f\xa0\xe2\xff")
	sparse := append(bytes.Repeat([]byte("a"), 60), alphabet[10:]...)
	for i := range 10000 {
		chars := alphabet
		if i%2 == 1 {
			chars = sparse // near the tenth where the exact count decides
		}
		b := randomBytes(r, chars, 700)
		head, ctl := b[:min(len(b), 512)], 0
		for _, c := range head {
			ctl += int(binaryControl[c])
		}
		if got, want := manyControls(b), ctl*10 > len(head); got != want {
			t.Fatalf("manyControls(%q) = %v, want %v", b, got, want)
		}
	}
	for c := range 256 {
		for at := range 8 {
			x := uint64(0x4141414141414141)&^(0xff<<(8*at)) | uint64(c)<<(8*at)
			want := uint64(0)
			if c < ' ' {
				want = 0x80 << (8 * at)
			}
			if got := controlBits(x); got != want {
				t.Errorf("controlBits with %#x at byte %d = %#x, want %#x", c, at, got, want)
			}
		}
	}
}

// TestControlBlocks checks the AVX2 count of bytes below the space
// against a byte at a time, every length up to 600, every byte value.
func TestControlBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 17))
	took := 0
	for n := range 600 {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(256))
			if r.IntN(2) == 0 {
				b[i] = []byte{0, 0x1f, 0x20, 0x7f, 0x80, 0x9f, 0xa0, 0xff, '\n'}[r.IntN(9)]
			}
		}
		below, done := controlBlocks(b)
		want := 0
		for _, c := range b[:done] {
			if c < ' ' {
				want++
			}
		}
		if below != want || done > n || done%32 != 0 {
			t.Fatalf("controlBlocks of %d bytes = %d, %d; want %d below the space in %d", n, below, done, want, done)
		}
		took += done
	}
	if assembly && cpu.X86.HasAVX2 && took == 0 {
		t.Error("controlBlocks took nothing with AVX2 at hand")
	}
}

func BenchmarkCountWords(b *testing.B) {
	data := readSeed(b)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		countWords(data)
	}
}

// TestCountCJKWords: Chinese and Japanese count an ideograph or kana a
// word (a Chinese article said "4 words · 1 min read").
func TestCountCJKWords(t *testing.T) {
	for text, want := range map[string]int{
		"中国和俄罗斯，不会分道扬镳。":                            12,
		"The festival is called 元宵节 (Yuanxiao Jie)": 9,
		"元宵节(Yuanxiao":                              4,
		"ひらがなとカタカナ":                                 9,
		"한국어 문장은 띄어 씁니다":                            4,
		"plain words only, café":                    4,
	} {
		if got := countWords([]byte(text)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", text, got, want)
		}
	}
	a, _ := NewParser().Parse("zh.txt", []byte("Title: 测试\nText:\n"+strings.Repeat("中国和俄罗斯将继续合作应对地区安全挑战。", 100)), false)
	if a.Words != 1900 || a.ReadingMinutes() != 8 {
		t.Errorf("%d words, %d min", a.Words, a.ReadingMinutes())
	}
}

// TestCountCJKWordsShortPath checks the count against its plain
// definition, every rune asked its role, on text that mixes ASCII, accented
// letters, CJK, kana, their punctuation and bad bytes; and that every rune
// the short paths do not ask about has the role they assume.
func TestCountCJKWordsShortPath(t *testing.T) {
	for r := rune(0); r < firstCJK; r++ {
		want := inText
		if r <= ' ' {
			want = blank
		}
		if got := roleOf(r); got != want {
			t.Fatalf("roleOf(%U) = %d, the short path takes %d", r, got, want)
		}
	}
	for r := rune(0x4e00); r <= 0x9fff; r++ {
		if !unicode.Is(unicode.Han, r) {
			t.Fatalf("%U is not Han", r)
		}
	}
	rng := rand.New(rand.NewPCG(9, 9))
	pieces := []string{" ", " ", "\n", "\t", "\x01", "a", "Z", "word", ".", "é", "’", "\xff", "\xe4\xb8", "中", "国", "，", "。", "「", "ひ", "カ", "한", "\u3000", "\u2e80", "\u2e7f", "\U00020000"}
	for range 5000 {
		var sb strings.Builder
		for range rng.IntN(60) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		b := []byte(sb.String())
		if got, want := countCJKWords(b), plainCJKWords(b); got != want {
			t.Fatalf("countCJKWords(%q) = %d, want %d", b, got, want)
		}
		if got, want := countWords(b), plainWords(b); got != want {
			t.Fatalf("countWords(%q) = %d, want %d", b, got, want)
		}
	}
}

// TestLatin1 reads a file with no UTF-8 in it as Windows-1252, with a
// warning, so café survives; a UTF-8 file with a stray byte keeps its
// characters.
func TestLatin1(t *testing.T) {
	a, probs := NewParser().Parse("l.txt", []byte("Title: Caf\xe9 culture\nText:\nThe caf\xe9 sold cr\xe8me br\xfbl\xe9e \x93quoted\x94.\n"), true)
	if a.Title != "Café culture" || a.Body != "The café sold crème brûlée “quoted”." {
		t.Errorf("title %q body %q", a.Title, a.Body)
	}
	if len(probs) == 0 || !strings.Contains(probs[0].Reason, "Windows-1252") {
		t.Errorf("problems %v", probs)
	}
	a, _ = NewParser().Parse("m.txt", []byte("Title: Zürich\nText:\nwon’t \xff stop\n"), true)
	if a.Title != "Zürich" || a.Body != "won’t \uFFFD stop" {
		t.Errorf("mixed: title %q body %q", a.Title, a.Body)
	}
}

// TestFormatHeader: the fast path for keys written as the format writes
// them splits every line as the general one does, and takes the lines it
// should.
func TestFormatHeader(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 21))
	keys := []string{"Author", "Author title", "Author description", "Category 1", "Category 2", "Date", "Published Time",
		"Published", "Title", "Text", "author", "TITLE", "Titles", "Title ", " Title", "Author  title", "Authored", "Tit", "Dates", "", "Ünicode", "X-Source"}
	values := []string{"", " ", " value", "value", "  a: b  ", " ’quoted’ ", ":", " 2022-01-10", "\t"}
	taken := 0
	for range 20000 {
		line := keys[r.IntN(len(keys))]
		if r.IntN(10) != 0 {
			line += ":"
		}
		line += values[r.IntN(len(values))]
		k1, n1, v1, ok1 := splitHeader(line)
		k2, n2, v2, ok2 := splitAnyHeader(line)
		if k1 != k2 || n1 != n2 || v1 != v2 || ok1 != ok2 {
			t.Fatalf("splitHeader(%q) = %q %d %q %v, splitAnyHeader %q %d %q %v", line, k1, n1, v1, ok1, k2, n2, v2, ok2)
		}
		if _, _, ok := formatHeader(line); ok {
			taken++
		}
	}
	if taken < 5000 {
		t.Errorf("the fast path took %d lines of 20,000", taken)
	}
	for _, line := range []string{"Published Time: 2022-01-10", "Title: x", "Text:", "Category 2: y", "Author description: z"} {
		if _, _, ok := formatHeader(line); !ok {
			t.Errorf("formatHeader(%q) left it to the general path", line)
		}
	}
}
