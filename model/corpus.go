package model

import (
	"fmt"
	"sync"
	"time"
)

// Corpus is the set of loaded articles. It takes batches from a loader while
// any number of readers query it: articles are only ever appended, so an
// article's number (its position in load order) never changes.
type Corpus struct {
	open func(id string) (*Article, error)

	mu       sync.RWMutex
	arts     []*Article
	days     []int32 // publication day (days since 1970 + 1); 0: unknown
	byID     map[string]uint32
	problems []Problem
	index    *metaIndex
	keys     sortKeys
	scratch  []byte // for prepare
	done     bool
	elapsed  time.Duration

	orderMu sync.Mutex
	orders  map[SortKey]order
}

// NewCorpus returns an empty corpus. open reads one article in full, body
// included, for Open; it may be nil when bodies are never needed.
func NewCorpus(open func(id string) (*Article, error)) *Corpus {
	return &Corpus{
		open:   open,
		byID:   make(map[string]uint32),
		index:  newMetaIndex(),
		orders: make(map[SortKey]order),
		keys:   newSortKeys(),
	}
}

// Add appends a batch. An article whose ID is already present is reported as
// a problem instead of being added twice.
func (c *Corpus) Add(b Batch) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.problems = append(c.problems, b.Problems...)
	for i, a := range b.Articles {
		if _, dup := c.byID[a.ID]; dup {
			c.problems = append(c.problems, Problem{Path: a.ID, Reason: "loaded twice", Severity: Skipped})
			continue
		}
		n := uint32(len(c.arts))
		c.arts = append(c.arts, a)
		c.byID[a.ID] = n
		c.days = append(c.days, dayNumber(a.Published))
		var p prepared
		if len(b.prep) == len(b.Articles) {
			p = b.prep[i]
		} else {
			p, c.scratch = prepare(a, c.scratch)
		}
		c.keys.add(p)
		c.index.add(n, p.words)
	}
}

// Finish records that loading ended, and how long it took.
func (c *Corpus) Finish(elapsed time.Duration) {
	c.mu.Lock()
	c.done, c.elapsed = true, elapsed
	c.mu.Unlock()
}

// Loaded reports whether loading has finished, and how long it took.
func (c *Corpus) Loaded() (bool, time.Duration) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.done, c.elapsed
}

// Len is the number of articles loaded so far.
func (c *Corpus) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.arts)
}

// At returns article number n, as found in a Result's Rows.
func (c *Corpus) At(n int32) *Article {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.arts[n]
}

// ByID returns the article with the given ID.
func (c *Corpus) ByID(id string) (*Article, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, ok := c.byID[id]
	if !ok {
		return nil, false
	}
	return c.arts[n], true
}

// Index returns the number of the article with the given ID, or -1.
func (c *Corpus) Index(id string) int32 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if n, ok := c.byID[id]; ok {
		return int32(n)
	}
	return -1
}

// Problems returns the files skipped or loaded with warnings so far.
func (c *Corpus) Problems() []Problem {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.problems[:len(c.problems):len(c.problems)]
}

// Open returns the article with the given ID in full, body included.
func (c *Corpus) Open(id string) (*Article, error) {
	a, ok := c.ByID(id)
	if !ok {
		return nil, fmt.Errorf("no article %q", id)
	}
	if a.Body != "" || a.RawBody != "" || c.open == nil {
		return a, nil
	}
	full, err := c.open(id)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", id, err)
	}
	return full, nil
}

// dayNumber turns a date into days since 1970-01-01, plus one so that zero
// can mean "no date".
func dayNumber(t time.Time) int32 {
	if t.IsZero() {
		return 0
	}
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400) + 1
}
