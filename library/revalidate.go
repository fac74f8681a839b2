package library

import (
	"context"
	"slices"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
)

// revalidate compares the files with the corpus read from the cache: one
// stat a file, a read and parse only for what changed, and one change
// applied for all of it. It returns how many files were added, changed or
// removed.
func (l *Library) revalidate(ctx context.Context) (int, error) {
	c := l.Corpus
	// The corpus read from the cache numbers its articles 0 to n-1; a
	// file is looked up by the corpus's own map, and marked seen by
	// number, so revalidating builds no map of its own (100,000 strings
	// hashed twice cost a fifth of a warm start).
	arts := c.Articles()
	number := func(id string) int {
		if n := c.Number(id); n >= 0 && int(n) < len(arts) && arts[n].ID == id {
			return int(n)
		}
		return -1
	}
	seen := make([]bool, len(arts)) // each worker writes only its own files' entries
	var ch model.Change
	var fresh []model.Problem
	err := loader.Load(ctx, l.fsys, loader.Options{
		Known: func(id string, file model.Identity) bool {
			n := number(id)
			if n < 0 || arts[n].File != file || file.ModTime == 0 {
				return false
			}
			seen[n] = true
			return true
		},
	}, func(b model.Batch) {
		for _, a := range b.Articles {
			if n := number(a.ID); n >= 0 {
				seen[n] = true
				ch.Changed = append(ch.Changed, a)
			} else {
				ch.Added = append(ch.Added, a)
			}
		}
		fresh = append(fresh, b.Problems...)
	})
	if err != nil {
		return 0, err
	}
	for n, a := range arts {
		if !seen[n] {
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
