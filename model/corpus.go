package model

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Corpus is the set of loaded articles. It takes changes from a loader (a
// cold load, the revalidation of a cached index, a watcher) while any
// number of readers query it.
//
// Articles are numbered in the order they arrive. A changed article is
// removed and added again under a new number; a removed one is only marked
// dead (a tombstone), so numbers in a Result stay valid for that Result.
// When the dead pass a quarter of all numbers the corpus is compacted:
// numbered afresh, indexes remapped; a Result made before keeps its own
// view of the articles (Result.Article), so nothing on screen moves under
// the reader.
//
// Adding an article only files it; the words index and the sort keys are
// built later, on all cores, for whatever has been added since, when a
// query first needs them (or BuildIndex is called). That keeps loading as
// close as it can be to the time it takes to read the files.
type Corpus struct {
	open     func(id string) (*Article, error)
	keptFrom int // ReadIndex's: see IndexKeptFrom

	// The locks: mu first; then catchMu, indexMu, body.mu, orderMu, in
	// that order (compact, holding mu exclusively, takes body.mu before
	// indexMu); idsMu only around byID. A query holds mu, indexMu and
	// body.mu for reading while it matches. What it writes is guarded by
	// a lock of its own, held only for the write (filing into the index,
	// mapping byID's last articles, putting a sorted order in the map),
	// and a query that finds nothing to write waits for no other query.

	// mu guards the fields below it: written under mu.Lock by a change
	// (Apply, AddNew, Finish, compact), read under mu.RLock by queries.
	mu       sync.RWMutex
	arts     []*Article // by number; never changed in place, only appended or replaced whole
	days     []int32    // publication day (days since 1970 + 1); 0: unknown
	dead     bitset     // removed numbers, awaiting compaction
	nDead    int
	removals int               // removals ever, so sorted orders know to drop the dead
	byID     map[string]uint32 // use ids(): the last unmapped articles are not in it yet
	unmapped int               // articles at the end of arts that AddNew filed without byID
	// idsMu lets a reader holding mu for reading map the unmapped
	// articles into byID (ids); with unmapped zero, byID is only read
	// until the next mu.Lock.
	idsMu    sync.Mutex
	problems []Problem
	arrivals []arrival      // what changed since loading ended, the latest few
	probs    map[string]int // problems per path
	skipped  int            // problems that cost a file
	version  uint64
	done     bool
	elapsed  time.Duration

	// catchMu lets one catchUp at a time prepare the articles the index
	// lacks, holding mu for reading; queries that find the index current
	// never take it.
	catchMu sync.Mutex

	// indexMu guards the fields below: read under indexMu.RLock (with mu
	// held), written under indexMu.Lock only for as long as filing
	// prepared articles takes (catchUp) or a compaction (mu.Lock held).
	indexMu sync.RWMutex
	indexed int // articles the index and keys cover
	index   *metaIndex
	keys    sortKeys

	// orderMu guards the map orders, not the orders in it: an order is
	// never changed once made, and is sorted with only mu held for
	// reading (sorted), so it is put in the map already whole.
	orderMu sync.Mutex
	orders  map[SortKey]order

	body  *bodyIndex // its own lock, body.mu, guards it (see bodyIndex)
	lanes *lanes     // shares the cores between long searches and the rest

	gen    uint64   // compactions so far: the numbering articles are in (guarded by mu)
	copies copies   // its own lock
	top    topTerms // its own lock

	nearBufs sync.Pool // a NEAR's buffers (*bodyPositions), from one query to the next

	// searchHook, when set, runs in every search once it holds its
	// locks for reading (see SetSearchHook).
	searchHook func(ctx context.Context)
}

// NewCorpus returns an empty corpus. open reads one article in full, body
// included, for Open; it may be nil when bodies are never needed.
func NewCorpus(open func(id string) (*Article, error)) *Corpus {
	return &Corpus{
		open:   open,
		byID:   make(map[string]uint32),
		probs:  make(map[string]int),
		index:  newMetaIndex(),
		orders: make(map[SortKey]order),
		keys:   newSortKeys(),
		body:   newBodyIndex(),
		lanes:  newLanes(),
	}
}

// Change is one step of a corpus's life, from whichever producer: a batch
// of a cold load, what revalidating a cached index found, what a watcher
// saw. Every path it names loses the problems it had; Problems are the
// ones they have now.
type Change struct {
	Added    []*Article // new articles; one whose ID is present replaces it
	Changed  []*Article // articles read again; the same as Added, named for the reader
	Removed  []string   // IDs (paths) that hold no article any more; unknown ones only clear problems
	Problems []Problem  // the problems of the paths above, and of others that have one now
}

// Empty reports whether the change changes nothing.
func (ch Change) Empty() bool {
	return len(ch.Added)+len(ch.Changed)+len(ch.Removed)+len(ch.Problems) == 0
}

// Add applies a batch of a cold load.
func (c *Corpus) Add(b Batch) {
	c.Apply(Change{Added: b.Articles, Problems: b.Problems})
}

// AddNew is Add for a batch of a load that reads each path once, so that
// no article in it has the ID of one filed before: until loading has
// finished such articles are only filed, and mapped by ID at once when
// something first asks for one (see ids): a map made once at its size
// costs less than one grown an insertion at a time, and folio stats never
// asks.
func (c *Corpus) AddNew(b Batch) {
	if len(b.Articles)+len(b.Problems) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.done {
		c.apply(Change{Added: b.Articles, Problems: b.Problems})
		return
	}
	for _, a := range b.Articles {
		c.arts = append(c.arts, a)
		c.days = append(c.days, dayNumber(a.Published))
	}
	c.unmapped += len(b.Articles)
	c.filed(b.Problems)
}

// ids returns byID, with the articles AddNew left out of it mapped first,
// in a map made at its size when they are many. The caller holds c.mu,
// for reading or writing.
func (c *Corpus) ids() map[string]uint32 {
	c.idsMu.Lock()
	defer c.idsMu.Unlock()
	if c.unmapped == 0 {
		return c.byID
	}
	from := len(c.arts) - c.unmapped
	if len(c.byID) < c.unmapped {
		byID := make(map[string]uint32, len(c.arts))
		for id, n := range c.byID {
			byID[id] = n
		}
		c.byID = byID
	}
	for i, a := range c.arts[from:] {
		c.byID[a.ID] = uint32(from + i)
	}
	c.unmapped = 0
	return c.byID
}

// Apply makes a change, at once for every reader: queries never see half of
// it, and never return a removed article. The version goes up when
// anything changed.
func (c *Corpus) Apply(ch Change) {
	if ch.Empty() {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.apply(ch)
}

// apply is Apply, the caller holding c.mu.
func (c *Corpus) apply(ch Change) {
	byID := c.ids()
	c.dropProblems(ch)
	var news Arrivals
	var killed []uint32
	for _, id := range ch.Removed {
		if n, ok := byID[id]; ok {
			c.kill(n)
			killed = append(killed, n)
			news.Removed++
		}
	}
	for _, list := range [][]*Article{ch.Added, ch.Changed} {
		for _, a := range list {
			if n, ok := byID[a.ID]; ok {
				c.kill(n)
				killed = append(killed, n)
				news.Changed++
			} else if c.done {
				news.New = append(news.New, a.ID)
			}
			n := uint32(len(c.arts))
			c.arts = append(c.arts, a)
			byID[a.ID] = n
			c.days = append(c.days, dayNumber(a.Published))
		}
	}
	c.body.dropBodies(killed)
	c.filed(ch.Problems)
	c.note(news)
	if c.nDead > 4096 && c.nDead*4 > len(c.arts) {
		c.compact()
	}
}

// filed ends a change that filed articles and problems: the removed set
// covers every number, the problems are counted, the version goes up.
func (c *Corpus) filed(probs []Problem) {
	for len(c.dead)*64 < len(c.arts) {
		c.dead = append(c.dead, 0)
	}
	for _, p := range probs {
		if isVocabProblem(p) { // derived, by Problems
			continue
		}
		c.problems = append(c.problems, p)
		c.probs[p.Path]++
		if p.Severity == Skipped {
			c.skipped++
		}
	}
	c.version++
}

// dropProblems forgets the problems of every path the change names. A cold
// load names only new paths, so this is a few map look-ups a batch.
func (c *Corpus) dropProblems(ch Change) {
	if len(c.probs) == 0 {
		return
	}
	named := make(map[string]bool)
	note := func(p string) {
		if c.probs[p] > 0 {
			named[p] = true
		}
	}
	for _, id := range ch.Removed {
		note(id)
	}
	for _, list := range [][]*Article{ch.Added, ch.Changed} {
		for _, a := range list {
			note(a.ID)
		}
	}
	for _, p := range ch.Problems {
		note(p.Path)
	}
	if len(named) == 0 {
		return
	}
	kept := make([]Problem, 0, len(c.problems))
	for _, p := range c.problems {
		if !named[p.Path] {
			kept = append(kept, p)
			continue
		}
		if p.Severity == Skipped {
			c.skipped--
		}
	}
	for p := range named {
		delete(c.probs, p)
	}
	c.problems = kept
}

// kill marks article n removed. The caller holds c.mu.
func (c *Corpus) kill(n uint32) {
	delete(c.byID, c.arts[n].ID)
	for len(c.dead)*64 <= int(n) {
		c.dead = append(c.dead, 0)
	}
	c.dead.set(n)
	c.nDead++
	c.removals++
}

// isDead reports whether article n was removed. The caller holds c.mu.
func (c *Corpus) isDead(n int32) bool {
	return c.nDead > 0 && c.dead.has(uint32(n))
}

// Version counts the changes the corpus went through: an interface polls
// it and asks again when it moved.
func (c *Corpus) Version() uint64 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.version + c.body.versionOf()
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
// c.mu for reading, so arts does not change meanwhile. A query whose index
// is current returns at once, having taken indexMu for reading only; else
// the words are prepared aside, on every core, with indexMu free for the
// queries already running, and filed, in order, under indexMu.Lock.
func (c *Corpus) catchUp() {
	if c.indexedUpTo() == len(c.arts) {
		return
	}
	c.catchMu.Lock()
	defer c.catchMu.Unlock()
	from := c.indexedUpTo() // another catchUp may have filed them meanwhile
	todo := c.arts[from:]
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
	c.indexMu.Lock()
	defer c.indexMu.Unlock()
	for i, p := range prep {
		c.keys.add(p)
		c.index.add(uint32(from+i), p.words)
	}
	c.indexed = from + len(prep)
}

// indexedUpTo is how many articles the index covers.
func (c *Corpus) indexedUpTo() int {
	c.indexMu.RLock()
	defer c.indexMu.RUnlock()
	return c.indexed
}

// Finish records that loading ended, and how long it took.
func (c *Corpus) Finish(elapsed time.Duration) {
	c.mu.Lock()
	c.done, c.elapsed = true, elapsed
	c.version++
	c.mu.Unlock()
}

// Loaded reports whether loading has finished, and how long it took.
func (c *Corpus) Loaded() (bool, time.Duration) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.done, c.elapsed
}

// Len is the number of articles in the corpus.
func (c *Corpus) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.arts) - c.nDead
}

// numbers is how many article numbers are in use, removed ones included.
func (c *Corpus) numbers() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.arts)
}

// At returns article number n as the corpus numbers them now. A Result's
// rows are better read with Result.Article, which stays right after a
// compaction.
func (c *Corpus) At(n int32) *Article {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.arts[n]
}

// ByID returns the article with the given ID.
func (c *Corpus) ByID(id string) (*Article, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, ok := c.ids()[id]
	if !ok {
		return nil, false
	}
	return c.arts[n], true
}

// Number returns the number of the article with the given ID, or -1.
func (c *Corpus) Number(id string) int32 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if n, ok := c.ids()[id]; ok {
		return int32(n)
	}
	return -1
}

// Articles returns every article, in number order.
func (c *Corpus) Articles() []*Article {
	c.mu.RLock()
	defer c.mu.RUnlock()
	out := make([]*Article, 0, len(c.arts)-c.nDead)
	for n, a := range c.arts {
		if !c.isDead(int32(n)) {
			out = append(out, a)
		}
	}
	return out
}

// Skipped is the number of files skipped so far: counted as they come, as
// the interface shows it in every frame.
func (c *Corpus) Skipped() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.skipped
}

// Problems returns the files skipped or loaded with warnings so far, and
// the corpus's own: the words its body index had no room for.
func (c *Corpus) Problems() []Problem {
	c.mu.RLock()
	defer c.mu.RUnlock()
	probs := c.problems[:len(c.problems):len(c.problems)]
	if p, ok := c.VocabularyProblem(); ok {
		probs = append(probs, p)
	}
	return probs
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
	if t.Location() == time.UTC {
		// The loader's and the cache's dates: the day is the Unix time's,
		// rounded down, without the calendar's arithmetic (twice) for
		// every article added.
		days := t.Unix() / 86400
		if t.Unix()%86400 < 0 {
			days--
		}
		return int32(days) + 1
	}
	y, m, d := t.Date()
	return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400) + 1
}

// dayTime is the inverse of dayNumber.
func dayTime(d int32) time.Time {
	if d == 0 {
		return time.Time{}
	}
	return time.Unix(int64(d-1)*86400, 0).UTC()
}
