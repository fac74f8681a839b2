package state

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/folio-reader/folio/model"
)

func corpusOf(arts ...*model.Article) *model.Corpus {
	c := model.NewCorpus(nil)
	c.Add(model.Batch{Articles: arts})
	c.Finish(time.Millisecond)
	return c
}

func ids(c *model.Corpus, res model.Result) []string {
	var out []string
	for _, n := range res.Rows {
		out = append(out, c.At(n).ID)
	}
	return out
}

func TestViewFollowsMarks(t *testing.T) {
	a, b, c := art("a.txt"), art("bb.txt"), art("ccc.txt")
	corpus := model.NewCorpus(nil)
	corpus.Add(model.Batch{Articles: []*model.Article{a, b}})
	s := Memory()
	v := s.View()
	q := func(text string) []string {
		return ids(corpus, corpus.SearchLabels(model.ParseQuery(text), model.SortOldest, v))
	}
	if got := q("is:unread"); !slices.Equal(got, []string{"a.txt", "bb.txt"}) {
		t.Fatalf("fresh: %v", got)
	}
	s.SetRead(true, a)
	s.SetTag("x", true, b)
	if got := q("is:unread"); !slices.Equal(got, []string{"bb.txt"}) {
		t.Errorf("after marking a read: %v", got)
	}
	s.SetStarred(true, c) // not loaded yet
	corpus.Add(model.Batch{Articles: []*model.Article{c}})
	if got := q("is:starred"); !slices.Equal(got, []string{"ccc.txt"}) {
		t.Errorf("an article arriving with a star: %v", got)
	}
	if got := q("tag:x -is:read"); !slices.Equal(got, []string{"bb.txt"}) {
		t.Errorf("tag: %v", got)
	}
	s.SetTag("x", false, b)
	s.SetRead(false, a)
	if got := q("tag:x"); len(got) != 0 {
		t.Errorf("untagged: %v", got)
	}
	if total, unread := corpus.Count(model.ParseQuery(""), v); total != 3 || unread != 3 {
		t.Errorf("count %d %d", total, unread)
	}
}

// TestMarksFollowRenamedFile: the file was renamed with the same content
// between two runs; its marks follow it, and stay with it on disk.
func TestMarksFollowRenamedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	old := &model.Article{ID: "2022/01/old-name.txt", Hash: 0xfeed}
	other := &model.Article{ID: "other.txt", Hash: 0xbeef}
	s := open(t, path)
	s.SetStarred(true, old)
	s.SetTag("keep", true, old)
	s.SetRead(true, other)
	s.Close()

	renamed := &model.Article{ID: "2022/01/new-name.txt", Hash: 0xfeed}
	corpus := corpusOf(renamed, other)
	s = open(t, path)
	v := s.View()
	got := ids(corpus, corpus.SearchLabels(model.ParseQuery("is:starred tag:keep"), model.SortOldest, v))
	if !slices.Equal(got, []string{renamed.ID}) {
		t.Fatalf("renamed: %v", got)
	}
	if m := s.Get(renamed.ID); !m.Starred {
		t.Errorf("the store did not move the marks: %+v", m)
	}
	s.Close()
	if m := open(t, path).Get(renamed.ID); !m.Starred || !slices.Equal(m.Tags, []string{"keep"}) {
		t.Errorf("after restart: %+v", m)
	}
}

// TestRenameWaitsForLoading: a duplicate (same content) that loads before
// the original must not take the original's marks.
func TestRenameWaitsForLoading(t *testing.T) {
	orig := &model.Article{ID: "a.txt", Hash: 5}
	dup := &model.Article{ID: "b.txt", Hash: 5}
	s := Memory()
	s.SetStarred(true, orig)
	corpus := model.NewCorpus(nil)
	corpus.Add(model.Batch{Articles: []*model.Article{dup}})
	v := s.View()
	corpus.SearchLabels(model.ParseQuery("is:starred"), model.SortOldest, v)
	corpus.Add(model.Batch{Articles: []*model.Article{orig}})
	corpus.Finish(time.Millisecond)
	got := ids(corpus, corpus.SearchLabels(model.ParseQuery("is:starred"), model.SortOldest, v))
	if !slices.Equal(got, []string{"a.txt"}) {
		t.Errorf("starred: %v", got)
	}
}

func synthetic(n int) *model.Corpus {
	arts := make([]*model.Article, n)
	cats := []string{"WORLD", "CHINA", "SPORT", "OPINION"}
	words := []string{"trade", "russia", "market", "olympics", "climate", "energy", "summit", "bank"}
	for i := range arts {
		arts[i] = &model.Article{
			ID:        fmt.Sprintf("%04d/%07d.txt", i%20, i),
			Hash:      uint64(i)*2654435761 + 1,
			Title:     words[i%len(words)] + " " + words[(i/8)%len(words)] + fmt.Sprint(i%100),
			Category1: cats[i%len(cats)],
			Author:    fmt.Sprintf("Author %d", i%50),
			Published: time.Date(2015+i%10, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC),
		}
	}
	return corpusOf(arts...)
}

// BenchmarkMark is one mark in the UI path: memory changes, the write is
// handed to the background writer.
func BenchmarkMark(b *testing.B) {
	c := synthetic(100_000)
	s, _, err := Open(filepath.Join(b.TempDir(), "s.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	v := s.View()
	c.SearchLabels(model.ParseQuery("is:read"), model.SortNewest, v)
	i := 0
	for b.Loop() {
		s.SetRead(i%2 == 0, c.At(int32(i%c.Len())))
		i++
	}
}

// BenchmarkUnread is is:unread at 100k articles with 30k read, right
// after a mark.
func BenchmarkUnread(b *testing.B) {
	c := synthetic(100_000)
	s := Memory()
	for i := 0; i < c.Len(); i += 3 {
		s.SetRead(true, c.At(int32(i)))
	}
	v := s.View()
	q := model.ParseQuery("is:unread")
	c.SearchLabels(q, model.SortNewest, v)
	i := 0
	for b.Loop() {
		s.SetRead(true, c.At(int32(i%c.Len())))
		i += 7
		c.SearchLabels(q, model.SortNewest, v)
	}
}

// BenchmarkRecount20 is what the sidebar does after one mark: 20 saved
// searches counted (total and unread) at 100k articles.
func BenchmarkRecount20(b *testing.B) {
	c := synthetic(100_000)
	c.BuildIndex()
	s := Memory()
	for i := 0; i < c.Len(); i += 3 {
		s.SetRead(true, c.At(int32(i)))
		if i%10 == 0 {
			s.SetTag(fmt.Sprintf("t%d", i%7), true, c.At(int32(i)))
		}
	}
	v := s.View()
	texts := []string{"trade", "russia after:2020", "cat:sport", "author:\"author 7\"", "is:starred", "tag:t1",
		"tag:t2 -is:read", "market before:2019", "olympics climate", "-cat:world", "date:2021", "energy is:unread",
		"summit", "bank -trade", "title:trade", "cat:opinion after:2022", "tag:t3 russia", "climate", "\"trade market\"", "is:read"}
	var qs []model.Query
	for _, t := range texts {
		qs = append(qs, model.ParseQuery(t))
	}
	counter := c.NewCounter(qs)
	counter.Count(v)
	i := 0
	for b.Loop() {
		s.SetRead(true, c.At(int32(i%c.Len())))
		i += 7
		counter.Count(v)
	}
}

// BenchmarkOpen opens a store of 100k read marks and 10k tags.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "s.db")
	s, _, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 100_000 {
		a := &model.Article{ID: fmt.Sprintf("2022/%02d/%06d_%016x.txt", i%12, i, uint64(i)*0x9e3779b97f4a7c15), Hash: uint64(i) + 1}
		s.SetRead(true, a)
		if i%10 == 0 {
			s.SetTag(fmt.Sprintf("tag-%d", i%40), true, a)
		}
	}
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		s, _, err := Open(path)
		if err != nil || s.Len() != 100_000 {
			b.Fatal(err, s.Len())
		}
		s.Close()
	}
}

// TestViewAfterRenumbering: removing many articles makes the corpus number
// them afresh; the marks stay on the right articles.
func TestViewAfterRenumbering(t *testing.T) {
	c := synthetic(10_000)
	s := Memory()
	v := s.View()
	keep := c.At(9000)
	s.SetStarred(true, keep)
	if got := ids(c, c.SearchLabels(model.ParseQuery("is:starred"), model.SortOldest, v)); !slices.Equal(got, []string{keep.ID}) {
		t.Fatalf("before: %v", got)
	}
	var gone []string
	for i := range 6000 {
		gone = append(gone, c.At(int32(i)).ID)
	}
	c.Apply(model.Change{Removed: gone})
	if c.Number(keep.ID) == 9000 {
		t.Fatal("the corpus did not renumber; the test needs more removals")
	}
	if got := ids(c, c.SearchLabels(model.ParseQuery("is:starred"), model.SortOldest, v)); !slices.Equal(got, []string{keep.ID}) {
		t.Errorf("after: %v", got)
	}
	if total, unread := c.Count(model.ParseQuery("-is:starred"), v); total != 3999 || unread != 3999 {
		t.Errorf("count after removals: %d %d", total, unread)
	}
}
