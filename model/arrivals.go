package model

// Arrivals is what changed in a corpus after it had loaded: what an
// interface tells its user arrived while they were reading.
type Arrivals struct {
	New     []string // IDs of the articles added, oldest change first
	Changed int      // articles read again after a change on disk
	Removed int      // articles gone
}

// Empty reports whether nothing arrived.
func (a Arrivals) Empty() bool { return len(a.New) == 0 && a.Changed == 0 && a.Removed == 0 }

// arrival is one change's entry in the corpus's short log.
type arrival struct {
	version uint64
	Arrivals
}

// arrivalLog bounds the log: an interface that polls a few times a second
// never falls that far behind, and one that does is told the totals of
// what is left.
const arrivalLog = 256

// note records what a change did, once the corpus has loaded (a cold load's
// batches are not news). The caller holds c.mu.
func (c *Corpus) note(a Arrivals) {
	if !c.done || a.Empty() {
		return
	}
	if len(c.arrivals) == arrivalLog {
		c.arrivals = append(c.arrivals[:0], c.arrivals[1:]...)
	}
	// The version a Result carries: changes and body indexing runs.
	c.arrivals = append(c.arrivals, arrival{version: c.version + c.body.versionOf(), Arrivals: a})
}

// ArrivalsSince sums what changed after the corpus had loaded and after
// version v (a Result's Version, say).
func (c *Corpus) ArrivalsSince(v uint64) Arrivals {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var sum Arrivals
	for _, a := range c.arrivals {
		if a.version > v {
			sum.New = append(sum.New, a.New...)
			sum.Changed += a.Changed
			sum.Removed += a.Removed
		}
	}
	return sum
}
