package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// SortKey names an order of the article list.
type SortKey int

const (
	SortNewest    SortKey = iota // publication date, newest first; undated last
	SortOldest                   // publication date, oldest first; undated last
	SortTitle                    // title A–Z
	SortAuthor                   // byline A–Z, then newest first
	SortCategory                 // categories A–Z, then newest first
	SortRelevance                // best match first (BM25, titles weigh more), then newest first; by date without words
	numSortKeys
)

var sortNames = [numSortKeys]string{"date", "oldest", "title", "author", "category", "relevance"}

func (k SortKey) String() string {
	if k < 0 || k >= numSortKeys {
		return fmt.Sprintf("SortKey(%d)", int(k))
	}
	return sortNames[k]
}

// Next is the order after k, for cycling through them.
func (k SortKey) Next() SortKey { return (k + 1) % numSortKeys }

// ParseSortKey reads a sort order by name ("date", "newest", "oldest",
// "title", "author", "category", "cat", "relevance", "rank").
func ParseSortKey(s string) (SortKey, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "date", "newest", "new", "":
		return SortNewest, nil
	case "oldest", "old":
		return SortOldest, nil
	case "title":
		return SortTitle, nil
	case "author":
		return SortAuthor, nil
	case "category", "cat":
		return SortCategory, nil
	case "relevance", "rank", "best":
		return SortRelevance, nil
	}
	return 0, fmt.Errorf("unknown sort order %q (want date, oldest, title, author, category or relevance)", s)
}

// sortKeys holds, for every article, what the orders compare: folded titles,
// and bylines and categories interned so repeated ones share memory.
type sortKeys struct {
	title    []string
	author   []string
	category []string
	interned map[string]string
}

func newSortKeys() sortKeys { return sortKeys{interned: make(map[string]string)} }

func (k *sortKeys) intern(s string) string {
	if v, ok := k.interned[s]; ok {
		return v
	}
	k.interned[s] = s
	return s
}

func (k *sortKeys) add(p prepared) {
	k.title = append(k.title, p.title)
	k.author = append(k.author, k.intern(p.author))
	k.category = append(k.category, k.intern(p.category))
}

// order is a sorted permutation of the live articles among the first upto
// numbers, as they were after removals removals. It is never changed once
// made, so results may share it.
type order struct {
	perm     []int32
	upto     int
	removals int
}

// needsIndex reports whether compare reads the index's sort keys for k:
// the other orders go by date alone (relevance's too, under its scores).
func (k SortKey) needsIndex() bool {
	return k == SortTitle || k == SortAuthor || k == SortCategory
}

// compare orders articles i and j for key; the caller holds c.mu, and
// c.indexMu with the index caught up for orders other than by date.
func (c *Corpus) compare(key SortKey, i, j int32) int {
	byDate := func() int {
		di, dj := c.days[i], c.days[j]
		switch {
		case di == dj:
			return 0
		case di == 0:
			return 1
		case dj == 0:
			return -1
		case key == SortOldest:
			return cmp.Compare(di, dj)
		}
		return cmp.Compare(dj, di)
	}
	var r int
	switch key {
	case SortTitle:
		r = strings.Compare(c.keys.title[i], c.keys.title[j])
	case SortAuthor:
		r = strings.Compare(c.keys.author[i], c.keys.author[j])
	case SortCategory:
		r = strings.Compare(c.keys.category[i], c.keys.category[j])
	}
	// Then by date (the date orders by date alone), then by ID, which needs
	// no index (the date orders are the ones a corpus is shown in while it
	// loads), and numbers differ from a cold start to a warm one, which a
	// list should not.
	if r == 0 {
		r = byDate()
	}
	if r == 0 {
		r = strings.Compare(c.arts[i].ID, c.arts[j].ID)
	}
	if r == 0 {
		r = cmp.Compare(i, j)
	}
	return r
}

// sorted returns the permutation of all live articles for key. Articles
// added since the last call are sorted alone and merged in, so a corpus
// that grows batch by batch is never sorted whole twice; removed ones are
// filtered out. The caller holds c.mu for reading, so the articles stay as
// they are meanwhile, and any two callers make the same order: orderMu is
// not held while sorting, and the orders of different keys are sorted
// side by side (WriteIndex).
func (c *Corpus) sorted(key SortKey) []int32 {
	c.orderMu.Lock()
	o := c.orders[key]
	c.orderMu.Unlock()
	n := len(c.arts)
	if o.upto == n && o.removals == c.removals {
		return o.perm
	}
	old := o.perm
	if o.removals != c.removals {
		kept := make([]int32, 0, len(old))
		for _, i := range old {
			if !c.isDead(i) {
				kept = append(kept, i)
			}
		}
		old = kept
	}
	fresh := make([]int32, 0, n-o.upto)
	for i := o.upto; i < n; i++ {
		if !c.isDead(int32(i)) {
			fresh = append(fresh, int32(i))
		}
	}
	less := func(a, b int32) int { return c.compare(key, a, b) }
	slices.SortFunc(fresh, less)
	merged := make([]int32, 0, len(old)+len(fresh))
	i, j := 0, 0
	for i < len(old) && j < len(fresh) {
		if less(old[i], fresh[j]) <= 0 {
			merged = append(merged, old[i])
			i++
		} else {
			merged = append(merged, fresh[j])
			j++
		}
	}
	merged = append(append(merged, old[i:]...), fresh[j:]...)
	c.orderMu.Lock()
	c.orders[key] = order{perm: merged, upto: n, removals: c.removals}
	c.orderMu.Unlock()
	return merged
}
