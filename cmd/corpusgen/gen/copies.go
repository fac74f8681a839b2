package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Edit is how a planted copy differs from its original's text; every
// copy also gets its own headline, and may get another date, byline or
// category (see Generator.Copy).
type Edit uint8

const (
	Reflow        Edit = iota // the same words, the lines broken elsewhere
	DropParagraph             // one paragraph left out
	AddParagraph              // a paragraph of other text added
	ChangeWords               // 3% of the words replaced by others
	RemoveWords               // 3% of the words left out
	Verbatim                  // the text unchanged (only the header differs)
	nEdits
)

func (e Edit) String() string {
	return [...]string{"reflow", "drop-paragraph", "add-paragraph", "change-words", "remove-words", "verbatim"}[e]
}

// Apply returns body edited as e says, drawing from r; other is text an
// added paragraph may come from.
func (e Edit) Apply(body, other []byte, r *rand.Rand) []byte {
	paras := bytes.Split(bytes.TrimRight(body, "\n"), []byte("\n"))
	switch e {
	case Reflow:
		words := bytes.Fields(body)
		var out []byte
		for i, w := range words {
			if i > 0 {
				if r.IntN(12) == 0 {
					out = append(out, '\n')
				} else {
					out = append(out, ' ')
				}
			}
			out = append(out, w...)
		}
		return append(out, '\n')
	case DropParagraph:
		if len(paras) > 2 {
			i := 1 + r.IntN(len(paras)-1)
			paras = append(paras[:i:i], paras[i+1:]...)
		}
	case AddParagraph:
		op := bytes.Split(bytes.TrimRight(other, "\n"), []byte("\n"))
		add := op[r.IntN(len(op))]
		i := r.IntN(len(paras) + 1)
		paras = append(paras[:i], append([][]byte{add}, paras[i:]...)...)
	case ChangeWords, RemoveWords:
		words := bytes.Fields(body)
		var out []byte
		for i, w := range words {
			if r.IntN(100) < 3 {
				if e == RemoveWords {
					continue
				}
				w = []byte(replacements[r.IntN(len(replacements))])
			}
			if i > 0 {
				out = append(out, ' ')
			}
			out = append(out, w...)
		}
		return append(out, '\n')
	}
	return append(bytes.Join(paras, []byte("\n")), '\n')
}

var replacements = []string{"reportedly", "officials", "however", "sources", "largely", "recently", "meanwhile", "notably"}

// Plant says which articles of a corpus are planted copies and stories,
// and what truth file records them (see Generator.Planted).
type Plant struct {
	N       int     // articles in the corpus
	Copies  float64 // the share of articles that are a copy of an earlier one
	Stories float64 // the share of articles that belong to a planted story
}

// StorySize is the mean number of articles of a planted story.
const StorySize = 5

const plantSalt = 0x706c616e74 // "plant"

// Planted is Article i of a corpus with plants: a planted copy is an
// earlier article's text edited (one Edit) under its own headline, a date
// up to five days later and perhaps another byline; an article of a
// planted story carries, in its headline and a paragraph, the story's own
// invented names, and is dated within three days of the story's first
// day. truth is the line for the truth file ("copy\tID\tORIGINAL\tEDIT",
// "story\tID\tSTORY"), empty for an article planted with nothing.
func (g *Generator) Planted(dst []byte, i int, p Plant) (rel string, out []byte, truth string) {
	r := g.rng(i, plantSalt)
	x := r.Float64()
	switch {
	case i > 0 && x < p.Copies:
		j := r.IntN(i)
		jrel, orig, _ := g.Planted(nil, j, p) // the original as its file has it
		irel, own := g.Article(nil, i)
		oh, ob, ok1 := bytes.Cut(orig, []byte("\nText: \n"))
		ih, ib, ok2 := bytes.Cut(own, []byte("\nText: \n"))
		if !ok1 || !ok2 {
			break
		}
		e := Edit(r.IntN(int(nEdits)))
		day, ok := headerDate(oh)
		if !ok {
			break
		}
		day = day.AddDate(0, 0, r.IntN(6))
		head := setHeader(ih, "Published Time", day.Format(time.DateOnly))
		if r.IntN(2) == 0 { // the original's byline, or the article's own
			head = setHeader(head, "Author", headerValue(oh, "Author"))
		}
		out = append(dst, head...)
		out = append(out, "\nText: \n"...)
		out = append(out, e.Apply(ob, ib, r)...)
		rel = fmt.Sprintf("%04d/%02d/%s", day.Year(), int(day.Month()), path.Base(irel))
		return rel, out, fmt.Sprintf("copy\t%s\t%s\t%s", rel, jrel, e)
	case x < p.Copies+p.Stories:
		stories := max(1, int(float64(p.N)*p.Stories/StorySize))
		s := r.IntN(stories)
		sr := g.rng(s, plantSalt^0x73) // the story's own stream: its day and names
		first := time.Date(firstYear+sr.IntN(lastYear-firstYear+1), time.Month(1+sr.IntN(12)), 1+sr.IntN(28), 0, 0, 0, 0, time.UTC)
		names := []string{inventName(sr), inventName(sr), inventName(sr), inventName(sr)}
		day := first.AddDate(0, 0, r.IntN(3))
		irel, own := g.Article(nil, i)
		ih, ib, ok := bytes.Cut(own, []byte("\nText: \n"))
		if !ok {
			break
		}
		head := setHeader(ih, "Published Time", day.Format(time.DateOnly))
		head = setHeader(head, "Title", fmt.Sprintf("%s and %s: %s", capital(names[0]), capital(names[1]), headerValue(ih, "Title")))
		para := fmt.Sprintf("In %s, the %s talks on %s went on as %s officials met again.\n", capital(names[0]), names[1], names[2], names[3])
		out = append(dst, head...)
		out = append(out, "\nText: \n"...)
		out = append(out, para...)
		out = append(out, ib...)
		out = append(out, para...)
		rel = fmt.Sprintf("%04d/%02d/%s", day.Year(), int(day.Month()), path.Base(irel))
		return rel, out, fmt.Sprintf("story\t%s\t%d", rel, s)
	}
	rel, out = g.Article(dst, i)
	return rel, out, ""
}

// inventName makes a word no dictionary has, for a story to be told by.
func inventName(r *rand.Rand) string {
	const cons, vow = "bdfgklmnprstvz", "aeiou"
	var b []byte
	for range 3 + r.IntN(2) {
		b = append(b, cons[r.IntN(len(cons))], vow[r.IntN(len(vow))])
	}
	return string(append(b, cons[r.IntN(len(cons))]))
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

func headerValue(head []byte, key string) string {
	for _, l := range strings.Split(string(head), "\n") {
		if k, v, ok := strings.Cut(l, ": "); ok && strings.TrimPrefix(k, "\ufeff") == key {
			return v
		}
	}
	return ""
}

func headerDate(head []byte) (time.Time, bool) {
	v := headerValue(head, "Published Time")
	if len(v) < 10 {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, v[:10])
	return d, err == nil
}

// setHeader replaces the value of a header line, or adds the line.
func setHeader(head []byte, key, value string) []byte {
	lines := strings.Split(string(head), "\n")
	for i, l := range lines {
		if k, _, ok := strings.Cut(l, ": "); ok && strings.TrimPrefix(k, "\ufeff") == key {
			lines[i] = key + ": " + value
			return []byte(strings.Join(lines, "\n"))
		}
	}
	return []byte(strings.Join(append(lines, key+": "+value), "\n"))
}

// WritePlanted writes the p.N articles of a corpus with plants into dir,
// one after the other, and returns their truth lines (the empty ones
// left out): what a test that needs such a corpus on disk wants, where
// corpusgen itself writes on every core.
func (g *Generator) WritePlanted(dir string, p Plant) ([]string, error) {
	var truth []string
	var buf []byte
	for i := range p.N {
		rel, data, line := g.Planted(buf[:0], i, p)
		buf = data
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return nil, err
		}
		if line != "" {
			truth = append(truth, line)
		}
	}
	return truth, nil
}
