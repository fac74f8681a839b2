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
	known := make(map[string]model.Identity, c.Len())
	hashes := make(map[string]uint64, c.Len())
	for _, a := range c.Articles() {
		known[a.ID] = a.File
		hashes[a.ID] = a.Hash
	}
	seen := make(map[string]bool, len(known))
	var ch model.Change
	var fresh []model.Problem
	err := loader.Load(ctx, l.fsys, loader.Options{
		Known: func(id string, file model.Identity) bool {
			k, ok := known[id]
			return ok && k == file && k.ModTime != 0
		},
	}, func(b model.Batch) {
		for _, id := range b.Unchanged {
			seen[id] = true
		}
		for _, a := range b.Articles {
			seen[a.ID] = true
			if _, ok := known[a.ID]; ok {
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
	for id := range known {
		if !seen[id] {
			ch.Removed = append(ch.Removed, id)
		}
	}
	// A file read again only because its time could not be trusted (see
	// model.WriteIndex) counts as changed only when its content is.
	changed := len(ch.Added) + len(ch.Removed)
	for _, a := range ch.Changed {
		if a.Hash != hashes[a.ID] {
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
		_, isArticle := known[path]
		switch {
		case now[path] != nil, read[path], gone[path]:
			// handled above, or cleared with the article
		case isArticle && seen[path]:
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
