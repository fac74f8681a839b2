package library

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
)

// scan is what a revalidation learns of the files before it compares
// them with the corpus: every file's identity, one stat each, and what
// the walk read or reported of the files it could not stat. It needs
// nothing of the corpus, so a warm start runs it while the cache is
// decoded.
type scan struct {
	start    int64 // when it began (nanoseconds since 1970): files changed since are not trusted in the cache
	files    []scanned
	read     []*model.Article
	problems []model.Problem
	err      error
	// against, once the cache is decoded, lets the scan's workers
	// compare each file as they stat it: files then go into files only
	// when they differ, and the comparison left after the scan is short.
	against atomic.Pointer[matcher]
}

type scanned struct {
	id   string
	file model.Identity
}

// matcher compares files with a corpus: one read from the cache, or one
// followed for a while.
type matcher struct {
	c    *model.Corpus
	arts []*model.Article // by number; nil where an article was removed
	seen []bool           // by number; a file's entry is written by the worker that statted it
}

// newMatcher lays the corpus's articles out by number. The corpus read
// from the cache numbers its articles 0 to n-1, as Articles lists them; a
// corpus that removed some since has gaps, which Articles closes up: its
// articles are placed by their numbers then.
func newMatcher(c *model.Corpus) *matcher {
	arts := c.Articles()
	if k := len(arts); k > 0 && c.Number(arts[k-1].ID) != int32(k-1) {
		byNumber := make([]*model.Article, c.Number(arts[k-1].ID)+1)
		for _, a := range arts {
			if n := c.Number(a.ID); n >= 0 && int(n) < len(byNumber) {
				byNumber[n] = a
			}
		}
		arts = byNumber
	}
	return &matcher{c: c, arts: arts, seen: make([]bool, len(arts))}
}

// number is the article a file was, -1 for a new file. A file is looked
// up by the corpus's own map, so revalidating builds no map of its own
// (100,000 strings hashed twice cost a fifth of a warm start).
func (m *matcher) number(id string) int {
	if n := m.c.Number(id); n >= 0 && int(n) < len(m.arts) && m.arts[n] != nil && m.arts[n].ID == id {
		return int(n)
	}
	return -1
}

// same marks the file seen when the corpus has it as it is.
func (m *matcher) same(id string, file model.Identity) bool {
	if n := m.number(id); n >= 0 && m.arts[n].File == file && file.ModTime != 0 {
		m.seen[n] = true
		return true
	}
	return false
}

// scanFiles walks the tree and stats every file into s, reading none it
// could stat.
func (l *Library) scanFiles(ctx context.Context, s *scan) {
	if !l.watching(ctx) {
		s.err = ctx.Err()
		return
	}
	s.start = time.Now().UnixNano()
	var mu sync.Mutex
	s.err = loader.Load(ctx, l.fsys, loader.Options{
		Known: func(id string, file model.Identity) bool {
			if m := s.against.Load(); m != nil && m.same(id, file) {
				return true
			}
			mu.Lock()
			s.files = append(s.files, scanned{id, file})
			mu.Unlock()
			return true
		},
	}, func(b model.Batch) {
		s.read = append(s.read, b.Articles...)
		s.problems = append(s.problems, b.Problems...)
	})
}

// revalidate compares the files with the corpus read from the cache, as a
// scan found them (nil: scan now): a read and parse only for what changed,
// and one change applied for all of it. It returns how many files were
// added, changed or removed.
func (l *Library) revalidate(ctx context.Context, s *scan) (int, error) {
	if s == nil {
		s = &scan{}
		l.scanFiles(ctx, s)
	}
	if s.err != nil {
		return 0, s.err
	}
	c := l.Corpus
	m := s.against.Load() // the files it saw are in no list: it must be kept
	if m == nil {
		m = newMatcher(c)
	}
	arts, number, seen := m.arts, m.number, m.seen
	var again []string // files that are new or not as the cache has them
	for _, f := range s.files {
		if !m.same(f.id, f.file) {
			again = append(again, f.id)
		}
	}
	var ch model.Change
	fresh := s.problems
	take := func(as []*model.Article) {
		for _, a := range as {
			if n := number(a.ID); n >= 0 {
				seen[n] = true
				ch.Changed = append(ch.Changed, a)
			} else {
				ch.Added = append(ch.Added, a)
			}
		}
	}
	take(s.read)
	// A file that went between the scan and now is not seen: removed.
	_, err := loader.LoadPaths(ctx, l.fsys, again, loader.Options{}, func(b model.Batch) {
		take(b.Articles)
		fresh = append(fresh, b.Problems...)
	})
	if err != nil {
		return 0, err
	}
	for n, a := range arts {
		if a != nil && !seen[n] {
			ch.Removed = append(ch.Removed, a.ID)
		}
	}
	// A file read again only because its time could not be trusted (see
	// model.WriteIndex) counts as changed only when its content is.
	changed := len(ch.Added) + len(ch.Removed)
	for _, a := range ch.Changed {
		if a.Hash != arts[number(a.ID)].Hash {
			changed++
		}
	}

	// Problems: those of files read again are what they are now; those of
	// files not read again (unchanged articles) stay; the rest were
	// reported again by the walk and the reads, or are gone.
	old := map[string][]model.Problem{}
	for _, p := range c.Problems() {
		if p.Path != "" {
			old[p.Path] = append(old[p.Path], p)
		}
	}
	now := map[string][]model.Problem{}
	for _, p := range fresh {
		now[p.Path] = append(now[p.Path], p)
	}
	read := map[string]bool{}
	for _, a := range append(ch.Added, ch.Changed...) {
		read[a.ID] = true
	}
	for path, ps := range now {
		if read[path] || !slices.Equal(ps, old[path]) {
			ch.Problems = append(ch.Problems, ps...)
			if !read[path] {
				changed++
			}
		}
	}
	gone := map[string]bool{}
	for _, id := range ch.Removed {
		gone[id] = true
	}
	for path := range old {
		n := number(path)
		switch {
		case now[path] != nil, read[path], gone[path]:
			// handled above, or cleared with the article
		case n >= 0 && seen[n]:
			// an unchanged article keeps its warnings
		default:
			ch.Removed = append(ch.Removed, path) // a problem that is no more
			changed++
		}
	}
	c.Apply(ch)
	if changed == 0 && len(ch.Changed) > 0 {
		changed = -len(ch.Changed) // nothing changed, but the cache needs their new identities
	}
	return changed, nil
}
