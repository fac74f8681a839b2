package model

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Corpus is the set of loaded articles. It takes batches from a loader while
// any number of readers query it: articles are only ever appended, so an
// article's number (its position in load order) never changes.
//
// Adding an article only files it; the words index and the sort keys are
// built later, on all cores, for whatever has been added since, when a
// query first needs them (or BuildIndex is called). That keeps loading as
// close as it can be to the time it takes to read the files.
type Corpus struct {
	open func(id string) (*Article, error)

	mu       sync.RWMutex // guards the fields below; held for reading by queries
	arts     []*Article
	days     []int32 // publication day (days since 1970 + 1); 0: unknown
	byID     map[string]uint32
	problems []Problem
	skipped  int // problems that cost a file
	done     bool
	elapsed  time.Duration

	indexMu sync.RWMutex // guards the fields below; taken while holding mu
	indexed int          // articles the index and keys cover
	index   *metaIndex
	keys    sortKeys

	orderMu sync.Mutex
	orders  map[SortKey]order

	body *bodyIndex // has its own lock
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
		body:   newBodyIndex(),
	}
}

// Add appends a batch. An article whose ID is already present is reported as
// a problem instead of being added twice.
func (c *Corpus) Add(b Batch) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.problems = append(c.problems, b.Problems...)
	for _, p := range b.Problems {
		if p.Severity == Skipped {
			c.skipped++
		}
	}
	for _, a := range b.Articles {
		if _, dup := c.byID[a.ID]; dup {
			c.problems = append(c.problems, Problem{Path: a.ID, Reason: "loaded twice", Severity: Skipped})
			c.skipped++
			continue
		}
		n := uint32(len(c.arts))
		c.arts = append(c.arts, a)
		c.byID[a.ID] = n
		c.days = append(c.days, dayNumber(a.Published))
	}
}

// BuildIndex indexes every article added so far, so that the next query
// need not. Queries build what they need anyway; a program calls this in
// the background when loading ends, before anyone types.
func (c *Corpus) BuildIndex() {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.catchUp()
}

// catchUp indexes the articles added since the last call. The caller holds
// c.mu for reading, so arts does not change meanwhile. The words are
// prepared on every core, then filed in order.
func (c *Corpus) catchUp() {
	c.indexMu.Lock()
	defer c.indexMu.Unlock()
	todo := c.arts[c.indexed:]
	if len(todo) == 0 {
		return
	}
	prep := make([]prepared, len(todo))
	workers := min(runtime.GOMAXPROCS(0), 1+len(todo)/512)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var scratch []byte
			for i := w; i < len(todo); i += workers {
				prep[i], scratch = prepare(todo[i], scratch)
			}
		})
	}
	wg.Wait()
	for i, p := range prep {
		c.keys.add(p)
		c.index.add(uint32(c.indexed+i), p.words)
	}
	c.indexed += len(todo)
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

// Number returns the number of the article with the given ID, or -1.
func (c *Corpus) Number(id string) int32 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if n, ok := c.byID[id]; ok {
		return int32(n)
	}
	return -1
}

// Skipped is the number of files skipped so far: counted as they come, as
// the interface shows it in every frame.
func (c *Corpus) Skipped() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.skipped
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
