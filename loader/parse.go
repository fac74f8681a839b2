package loader

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/bits"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"

	"github.com/folio-reader/folio/model"
)

// placeholder is what the scraper writes where it knows nothing of an author.
const placeholder = "author details not found"

// maxHeaderKey bounds what can be a header key, so that a body line such as
// "Note: the figures are estimates" is not mistaken for one.
const maxHeaderKey = 40

// Parser turns file contents into articles. Its zero value is not usable;
// call NewParser. A Parser is safe for concurrent use.
type Parser struct {
	// Content hashes are the same from run to run (an index cache keeps
	// them): two CRC-32s with different polynomials, both computed by the
	// processor's own instructions where it has them.
}

// NewParser returns a Parser whose content hashes are comparable with each
// other.
func NewParser() *Parser { return &Parser{} }

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// contentHash identifies a file's bytes, to recognise duplicates.
func contentHash(data []byte) uint64 {
	return uint64(crc32.Checksum(data, castagnoli))<<32 | uint64(crc32.ChecksumIEEE(data))
}

// Parse reads one article file. With full set it also fills the raw and
// cleaned body; otherwise it only counts the body's words, which is all the
// list needs. It returns nil when the file is not an article, with a
// problem saying why; warnings come with an article that did load.
func (p *Parser) Parse(id string, data []byte, full bool) (*model.Article, []model.Problem) {
	return p.parse(id, data, full, nil)
}

// parse is Parse, the article and the strings it keeps taken from s.
func (p *Parser) parse(id string, data []byte, full bool, s *slab) (*model.Article, []model.Problem) {
	var probs []model.Problem
	warn := func(format string, args ...any) {
		probs = append(probs, model.Problem{Path: id, Reason: fmt.Sprintf(format, args...), Severity: model.Warning})
	}
	skip := func(reason string) (*model.Article, []model.Problem) {
		return nil, []model.Problem{{Path: id, Reason: reason, Severity: model.Skipped}}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return skip("empty file")
	}
	nul, valid := scanText(data)
	if nul || manyControls(data) {
		return skip("binary content, not text")
	}
	a := s.article()
	a.ID, a.Size, a.Hash = id, int64(len(data)), contentHash(data)
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // valid UTF-8: valid holds without it
	if !valid {
		var how string
		data, how = toUTF8(data)
		warn("%s", how)
	}

	h := header{a: a, slab: s}
	body, sawText := h.read(data)
	if h.known == 0 {
		return skip("no article header (expected lines like \"Title: ...\")")
	}
	if !sawText {
		warn("no \"Text:\" line; the body starts after the header")
	}
	for _, f := range h.missing() {
		warn("missing %s", f)
	}
	if h.badDate != "" {
		warn("unreadable date %q", cutText(h.badDate, maxQuoted))
	}
	for _, c := range h.cuts {
		warn("%s", c)
	}
	a.Words = countWords(body)
	if full {
		a.RawBody = Sanitize(strings.ReplaceAll(string(body), "\r\n", "\n"))
		a.Body, a.Contact = Clean(a.RawBody)
	}
	return a, probs
}

// toUTF8 makes text that is not valid UTF-8 readable, and says how. A file
// with no UTF-8 sequence in it at all is taken to be in Windows-1252 (the
// superset of Latin-1 that old Western files are written in), so "caf\xe9"
// reads "café"; a file that is UTF-8 but for a few stray bytes keeps its
// characters and shows those bytes as �.
func toUTF8(data []byte) ([]byte, string) {
	multi := false
	for i := 0; i < len(data) && !multi; {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		multi = r != utf8.RuneError || size > 1
		i += size
	}
	if !multi {
		if out, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil {
			return out, "not UTF-8: read as Windows-1252 (Latin-1)"
		}
	}
	return bytes.ToValidUTF8(data, []byte("\uFFFD")), "bytes that are not UTF-8, shown as �"
}

// header reads the lines before "Text:" into an article.
type header struct {
	a       *model.Article
	slab    *slab  // where own copies the fields to
	known   int    // recognised keys
	seen    uint16 // bit i: knownKeys[i] was met
	badDate string
	lines   int      // header lines read
	cuts    []string // what a limit cut, each said once
}

// cut notes that a limit cut something, once for each thing it says.
func (h *header) cut(format string, args ...any) {
	what := fmt.Sprintf(format, args...)
	for _, c := range h.cuts {
		if c == what {
			return
		}
	}
	h.cuts = append(h.cuts, what)
}

// read parses header lines from data and returns the body that follows.
//
// The header is read in place: its fields are parts of data, which the
// caller reuses for its next file, until own copies them out, all into one
// string. A string a field cost eight allocations an article.
func (h *header) read(data []byte) (body []byte, sawText bool) {
	defer h.own()
	text := unsafe.String(unsafe.SliceData(data), len(data)) // only while data holds this file
	rest := text
	for len(rest) > 0 {
		line, next, _ := strings.Cut(rest, "\n")
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" {
			rest = next
			continue
		}
		key, known, value, ok := splitHeader(line)
		if !ok {
			return data[len(text)-len(rest):], false
		}
		if h.lines == maxHeaderLines && known != keyText {
			h.cut("a header of over %d lines: the body starts at its line %d", maxHeaderLines, maxHeaderLines+1)
			return data[len(text)-len(rest):], false
		}
		if known == keyText {
			if value != "" {
				// The first body line shares the "Text:" line.
				return append([]byte(value+"\n"), next...), true
			}
			return data[len(text)-len(next):], true
		}
		h.lines++
		if len(value) > maxHeaderLine {
			value = cutRunes(value, maxHeaderLine)
			h.cut("a header value over %s: the rest of it is not read", sizeOf(maxHeaderLine))
		}
		h.set(key, known, value, line)
		rest = next
	}
	return nil, false
}

// own gives the article its own copy of the fields read from the file, in
// one string, in the slab. h.badDate still points into the file: it is
// only quoted in a warning, before Parse returns.
func (h *header) own() {
	a := h.a
	fields := [...]*string{&a.Title, &a.Category1, &a.Category2, &a.Author, &a.AuthorTitle, &a.AuthorDescription}
	n := 0
	for _, f := range fields {
		n += len(*f)
	}
	for _, e := range a.Extra {
		n += len(e.Key) + len(e.Value)
	}
	b := h.slab.bytes(n)[:0]
	for _, f := range fields {
		b = append(b, *f...)
	}
	for _, e := range a.Extra {
		b = append(b, e.Key...)
		b = append(b, e.Value...)
	}
	all, at := unsafe.String(unsafe.SliceData(b), len(b)), 0
	take := func(s *string) {
		*s = all[at : at+len(*s)]
		at += len(*s)
	}
	for _, f := range fields {
		take(f)
	}
	for i := range a.Extra {
		take(&a.Extra[i].Key)
		take(&a.Extra[i].Value)
	}
}

// knownKeys are the header keys of the format, in their canonical spelling,
// in the order of the key constants.
var knownKeys = [...]string{"published time", "published", "date", "title", "category 1", "category 2",
	"author", "author title", "author description", "text"}

// The known keys, as indexes of knownKeys; noKey is any other.
const (
	keyPublishedTime = iota
	keyPublished
	keyDate
	keyTitle
	keyCategory1
	keyCategory2
	keyAuthor
	keyAuthorTitle
	keyAuthorDescription
	keyText
	noKey = -1
)

// knownByLen lists the known keys of each length in bytes.
var knownByLen = func() (t [19][]int8) {
	for i, k := range knownKeys {
		t[len(k)] = append(t[len(k)], int8(i))
	}
	return t
}()

// splitHeader splits "Key: value" on the first colon and normalises the key:
// lower case, single spaces. known is the key's index in knownKeys, or
// noKey.
func splitHeader(line string) (key string, known int, value string, ok bool) {
	if known, value, ok := formatHeader(line); ok {
		return knownKeys[known], known, value, true
	}
	return splitAnyHeader(line)
}

// formatLines are the known keys as the format writes them, with their
// colon, by the first letter.
var formatLines = [...][]struct {
	prefix string
	key    int
}{
	//lint:ignore SA4000 each entry's place is its letter's in the alphabet: the letter less 'A'
	'A' - 'A': {{"Author:", keyAuthor}, {"Author title:", keyAuthorTitle}, {"Author description:", keyAuthorDescription}},
	'C' - 'A': {{"Category 1:", keyCategory1}, {"Category 2:", keyCategory2}},
	'D' - 'A': {{"Date:", keyDate}},
	'P' - 'A': {{"Published Time:", keyPublishedTime}, {"Published:", keyPublished}},
	'T' - 'A': {{"Title:", keyTitle}, {"Text:", keyText}},
}

// formatHeader is splitHeader for a line whose key is written as the
// format writes it, as nearly every line is: one comparison instead of
// the colon's search, the key's trimming, checking and folding.
func formatHeader(line string) (known int, value string, ok bool) {
	if line == "" || line[0] < 'A' || int(line[0]-'A') >= len(formatLines) {
		return noKey, "", false
	}
	for _, f := range formatLines[line[0]-'A'] {
		if strings.HasPrefix(line, f.prefix) {
			return f.key, strings.TrimSpace(line[len(f.prefix):]), true
		}
	}
	return noKey, "", false
}

// splitAnyHeader is splitHeader for a key written any way.
func splitAnyHeader(line string) (key string, known int, value string, ok bool) {
	k, v, found := strings.Cut(line, ":")
	k = strings.TrimSpace(k)
	if !found || k == "" || len(k) > maxHeaderKey {
		return "", noKey, "", false
	}
	for _, r := range k {
		if !(r == ' ' || r == '-' || r == '_' || r == '.' || isLetterOrDigit(r)) {
			return "", noKey, "", false
		}
	}
	if i := knownKey(k); i != noKey {
		return knownKeys[i], i, strings.TrimSpace(v), true
	}
	return strings.ToLower(strings.Join(strings.Fields(k), " ")), noKey, strings.TrimSpace(v), true
}

// knownKey is the index of the one of knownKeys that k is, ignoring case
// as strings.EqualFold does, or noKey. An ASCII key, as they nearly all
// are, is compared a byte at a time with the keys of its length; only
// another is folded (ſ is s, K is k).
func knownKey(k string) int {
	if len(k) < len(knownByLen) {
		for _, i := range knownByLen[len(k)] {
			if lowerEqual(k, knownKeys[i]) {
				return int(i)
			}
		}
	}
	for i := 0; i < len(k); i++ {
		if k[i] >= utf8.RuneSelf {
			for j, known := range knownKeys {
				if strings.EqualFold(k, known) {
					return j
				}
			}
			break
		}
	}
	return noKey
}

// lowerEqual reports whether s, its ASCII letters lowered, is lower, of
// the same length.
func lowerEqual(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

func isLetterOrDigit(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r > utf8.RuneSelf
}

// set takes in a header line's value, its key being key, or the known key
// of that index.
func (h *header) set(key string, known int, value, line string) {
	a := h.a
	if known == keyCategory1 || known == keyCategory2 {
		// "Category 1: OPINION; Category 2: VIEWPOINT" holds two headers.
		if first, more, ok := strings.Cut(value, ";"); ok {
			if k2, known2, v2, ok := splitHeader(strings.TrimSpace(more)); ok && strings.HasPrefix(k2, "category") {
				h.set(key, known, first, line)
				h.set(k2, known2, v2, line)
				return
			}
		}
	}
	if known == noKey && len(h.a.Extra) == maxExtras {
		h.cut("over %d other keys: the rest are not kept", maxExtras)
		return
	}
	clean := SanitizeLine(value)
	if limit, name := fieldLimit(known); len(clean) > limit {
		clean = cutText(clean, limit)
		h.cut("%s over %s: cut", name, sizeOf(limit))
	}
	if known != noKey {
		h.seen |= 1 << known
	}
	switch known {
	case keyPublishedTime, keyPublished, keyDate:
		h.known++
		if t, ok := ParseDate(clean); ok {
			a.Published = t
		} else if clean != "" {
			h.badDate = clean
		}
	case keyTitle:
		h.known++
		a.Title = clean
	case keyCategory1:
		h.known++
		a.Category1 = clean
	case keyCategory2:
		h.known++
		a.Category2 = clean
	case keyAuthor:
		h.known++
		a.Author = clean
	case keyAuthorTitle:
		h.known++
		a.AuthorTitle = unplaceholder(clean)
	case keyAuthorDescription:
		h.known++
		a.AuthorDescription = unplaceholder(clean)
	default:
		k, _, _ := strings.Cut(line, ":")
		a.Extra = append(a.Extra, model.Field{Key: SanitizeLine(strings.TrimSpace(k)), Value: clean})
	}
}

func (h *header) met(known int) bool {
	return h.seen&(1<<known) != 0
}

func (h *header) missing() []string {
	var out []string
	for _, f := range [...]struct {
		name     string
		key, alt int
	}{
		{"Title", keyTitle, keyTitle},
		{"Published Time", keyPublishedTime, keyDate},
		{"Author", keyAuthor, keyAuthor},
		{"Category 1", keyCategory1, keyCategory1},
	} {
		if !h.met(f.key) && !h.met(f.alt) {
			out = append(out, f.name)
		}
	}
	return out
}

func unplaceholder(s string) string {
	if s == placeholder || strings.EqualFold(s, placeholder) {
		return ""
	}
	return s
}

var dateLayouts = []string{
	time.DateOnly,
	time.DateTime,
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006/1/2",
	"2006/1/2 15:04:05",
	"2006.1.2",
	"Jan 2, 2006",
	"January 2, 2006",
	"Jan 2 2006",
	"2 Jan 2006",
	"2 January 2006",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	time.RFC1123,
	time.RFC1123Z,
}

// ParseDate reads the date formats the corpus and its neighbours use. Only
// the calendar day is kept.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if t, ok := parseDateOnly(s); ok {
		return t, true
	}
	if t, ok := parseDateTime(s); ok {
		return t, true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			y, m, d := t.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), true
		}
	}
	return time.Time{}, false
}

// parseDateOnly reads YYYY-MM-DD, the first of dateLayouts and the date of
// nearly every article, without time.Parse: a day that layout takes, and
// nothing else (ok false leaves it to time.Parse, which refuses it).
func parseDateOnly(s string) (time.Time, bool) {
	if len(s) != len(time.DateOnly) || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	num := func(from, to int) int {
		n := 0
		for _, c := range []byte(s[from:to]) {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	y, m, d := num(0, 4), num(5, 7), num(8, 10)
	if y < 0 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d // else the day is past the month's end
}

// parseDateTime reads YYYY-MM-DD HH:MM:SS, the second of dateLayouts and
// the corpus's "Published Time", as parseDateOnly reads the first: it
// passed through time.Parse twice (the date alone failed first), a fifth
// of reading a header. ok false leaves it to time.Parse.
func parseDateTime(s string) (time.Time, bool) {
	if len(s) != len(time.DateTime) || s[10] != ' ' || s[13] != ':' || s[16] != ':' {
		return time.Time{}, false
	}
	for _, f := range [...]struct{ at, below int }{{11, 24}, {14, 60}, {17, 60}} {
		hi, lo := s[f.at], s[f.at+1]
		if hi < '0' || hi > '9' || lo < '0' || lo > '9' || int(hi-'0')*10+int(lo-'0') >= f.below {
			return time.Time{}, false
		}
	}
	return parseDateOnly(s[:len(time.DateOnly)])
}

// manyControls reports a head of many control bytes, which text does not
// have (scanText finds a NUL anywhere). Bytes below the space are counted
// 32 at a time (controlBlocks) and the rest eight at a time; only when
// they are many, which the newlines of a text's head are not, are they
// told apart from the tab, newlines, form feed and escape that text may
// hold.
func manyControls(data []byte) bool {
	head := data[:min(len(data), 512)]
	below, i := controlBlocks(head)
	var lanes uint64 // eight counts, one a byte: at most 64 each
	for ; i+8 <= len(head); i += 8 {
		lanes += controlBits(binary.LittleEndian.Uint64(head[i:])) >> 7
	}
	pairs := lanes&0x00ff00ff00ff00ff + lanes>>8&0x00ff00ff00ff00ff // four counts of 16 bits
	below += int(pairs * 0x0001000100010001 >> 48)
	for _, c := range head[i:] {
		if c < ' ' {
			below++
		}
	}
	if below*10 <= len(head) {
		return false
	}
	ctl := 0
	for _, c := range head {
		ctl += int(binaryControl[c])
	}
	return ctl*10 > len(head)
}

// controlBits sets bit 7 of each byte of x that is below the space. With
// bit 7 set in each byte first, no subtraction borrows from the next byte,
// and bit 7 stays set exactly where the low seven bits are 0x20 or more;
// a byte of 0x80 and above is no control.
func controlBits(x uint64) uint64 {
	const spaces = 0x2020202020202020
	return ^((x | high) - spaces) & high &^ x
}

// binaryControl marks the control bytes text does not use (tab, newlines,
// form feed and escape are left out: text can hold them).
var binaryControl = [256]uint8{1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 0x0b: 1, 0x0e: 1, 0x0f: 1,
	0x10: 1, 0x11: 1, 0x12: 1, 0x13: 1, 0x14: 1, 0x15: 1, 0x16: 1, 0x17: 1, 0x18: 1, 0x19: 1, 0x1a: 1,
	0x1c: 1, 0x1d: 1, 0x1e: 1, 0x1f: 1}

// countWords counts runs of non-blank bytes, a blank being any byte up to
// the space (tab, newline, carriage return and the other controls), or, in
// a file with Chinese or Japanese in it, as countCJKWords does. It runs
// over every byte of the corpus, so it takes eight bytes at a time, and
// looks for CJK only in the words that hold a byte beyond ASCII.
func countWords(b []byte) int {
	n, i, prevBlank := countBlocks(b, 1, false) // the byte before the start counts as blank
	return countWordsFrom(b, i, n, prevBlank)
}

// countWordsFrom is countWords's SWAR step, from b[i:], n words counted
// before i and prevBlank saying whether b[i-1] was blank.
func countWordsFrom(b []byte, i, n int, prevBlank uint64) int {
	for ; i+8 <= len(b); i += 8 {
		x := binary.LittleEndian.Uint64(b[i:])
		if x&high != 0 && hasCJK(b[i:i+8]) {
			return countCJKWords(b)
		}
		n, prevBlank = wordStarts(x, prevBlank, n)
	}
	if hasCJK(b[i:]) {
		return countCJKWords(b)
	}
	n, _ = wordStarts(padded(b[i:]), prevBlank, n)
	return n
}

const (
	low  = 0x7f7f7f7f7f7f7f7f
	high = 0x8080808080808080
	step = 0x5f5f5f5f5f5f5f5f // 0x80 - 0x21: carries into bit 7 from 0x21 up
)

// wordStarts adds to n the words that start in the eight bytes of x (the
// first in its low byte), prevBlank (0 or 1) saying that the byte before
// them was blank; it returns that for the byte after. A word starts at a
// non-blank byte whose predecessor is blank.
func wordStarts(x, prevBlank uint64, n int) (int, uint64) {
	nonBlank := (((x & low) + step) | x) & high // bit 7 of each non-blank byte
	// bit 7 of a byte whose predecessor was blank:
	blankBefore := ((^nonBlank & high) << 8) | (prevBlank << 7)
	return n + bits.OnesCount64(nonBlank&blankBefore), ^nonBlank >> 63
}

// padded is the last bytes of a text, fewer than eight, as a word of
// eight, filled with spaces (which start no word).
func padded(b []byte) uint64 {
	var w [8]byte
	copy(w[copy(w[:], b):], "        ")
	return binary.LittleEndian.Uint64(w[:])
}

// hasCJK reports a lead byte of U+3000–U+9FFF (CJK punctuation, kana, the
// common ideographs) or of the planes beyond (rarer ideographs).
func hasCJK(b []byte) bool {
	for _, c := range b {
		if c >= 0xe3 && c <= 0xe9 || c == 0xf0 {
			return true
		}
	}
	return false
}

// countCJKWords counts as countWords does, except that Chinese and
// Japanese, written without spaces, count a word an ideograph or kana (the
// usual measure: Chinese is read at about 255 characters a minute, near the
// 230 words of the reading time) and their punctuation separates words
// ("北京，上海" is two). Korean puts spaces between words and counts as
// English does.
//
// Such a file is mostly English around a few Chinese names, so its ASCII
// is counted eight bytes at a time, and of the rest only what could be
// CJK (from U+2E80, where the ideographs, the kana and their punctuation
// begin) is asked of the Unicode tables.
func countCJKWords(b []byte) int {
	n, blankBefore := 0, true
	for i := 0; ; {
		k, end := countASCII(b[i:], blankBefore)
		n += k
		if end > 0 {
			blankBefore = b[i+end-1] <= ' '
		}
		if i += end; i >= len(b) {
			return n
		}
		r, size := utf8.DecodeRune(b[i:])
		i += size
		role := inText
		if r >= firstCJK {
			role = roleOf(r)
		}
		var inWord bool
		n, inWord = role.count(n, !blankBefore)
		blankBefore = !inWord
	}
}

// countASCII counts the words that start in b before its first byte
// beyond ASCII, at end (len(b) when there is none), blankBefore saying
// that the byte before b was blank.
func countASCII(b []byte, blankBefore bool) (n, end int) {
	prevBlank := uint64(0)
	if blankBefore {
		prevBlank = 1
	}
	n, i, prevBlank := countBlocks(b, prevBlank, true)
	for ; i < len(b); i += 8 {
		var x uint64
		if i+8 <= len(b) {
			x = binary.LittleEndian.Uint64(b[i:])
		} else {
			x = padded(b[i:])
		}
		if m := x & high; m != 0 {
			// Only the bytes before the first one beyond ASCII count
			// here; the rest are taken for spaces.
			keep := uint64(1)<<(bits.TrailingZeros64(m)&^7) - 1
			n, _ = wordStarts(x&keep|0x2020202020202020&^keep, prevBlank, n)
			return n, i + bits.TrailingZeros64(m)/8
		}
		n, prevBlank = wordStarts(x, prevBlank, n)
	}
	return n, len(b)
}

// firstCJK is the lowest code point of the Han, Hiragana and Katakana
// scripts (a CJK radical); CJK punctuation starts above it, at U+3000.
const firstCJK = 0x2e80

// wordRole is what a rune does to the count of words.
type wordRole uint8

const (
	inText    wordRole = iota // starts a word or goes on with one
	blank                     // ends a word
	wordAlone                 // a word of its own: an ideograph or kana
)

// roleOf says what any rune does. A bad byte, U+FFFD, is a symbol, and
// separates words.
func roleOf(r rune) wordRole {
	switch {
	case r <= ' ':
		return blank
	case r >= 0x4e00 && r <= 0x9fff: // the common ideographs, all Han: most of a Chinese text
		return wordAlone
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return wordAlone
	case r >= 0x3000 && (unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)):
		return blank
	}
	return inText
}

// count adds a rune of the role to n words, inWord saying that the rune
// before was inside a word.
func (role wordRole) count(n int, inWord bool) (int, bool) {
	switch {
	case role == wordAlone:
		return n + 1, false
	case role == blank:
		return n, false
	case !inWord:
		return n + 1, true
	}
	return n, true
}
