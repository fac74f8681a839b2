package state

import (
	"sync"

	"github.com/folio-reader/folio/model"
)

// View is a store as the query language sees it over one corpus: for each
// label, the set of article numbers carrying it. It implements
// model.Labels. The sets are derived, never kept in step by hand: a view
// resolves each article number's ID once, as the corpus grows, and then
// replays the store's log of changed IDs, so a query after one mark costs
// the copy of a bitset. When the corpus renumbers its articles (it
// compacts after removals) the view resolves them all again.
type View struct {
	s *Store

	mu       sync.Mutex
	covered  int            // article numbers resolved
	last     *model.Article // article number covered-1 when resolved
	logPos   int            // store log entries applied
	epoch    int
	read     bitset
	starred  bitset
	tags     map[string]bitset
	renameAt int // numbers in use when renames were last looked for; -1: never
}

// View returns a view of the store for a corpus; a view serves one corpus.
func (s *Store) View() *View {
	return &View{s: s, tags: make(map[string]bitset), renameAt: -1}
}

// Store is the store the view reads.
func (v *View) Store() *Store { return v.s }

// Labelled implements model.Labels.
func (v *View) Labelled(l model.Label, at model.Numbering) []uint64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.catchUp(at)
	var src bitset
	switch l.Kind {
	case model.LabelRead:
		src = v.read
	case model.LabelStarred:
		src = v.starred
	case model.LabelTag:
		src = v.tags[l.Tag]
	}
	out := make([]uint64, (len(at.Articles)+63)/64)
	copy(out, src)
	return out
}

// catchUp resolves the article numbers added since the last call and
// applies the changes logged since. The caller holds v.mu.
func (v *View) catchUp(at model.Numbering) {
	arts := at.Articles
	if v.covered > 0 && (len(arts) < v.covered || arts[v.covered-1] != v.last) {
		v.reset() // renumbered: article covered-1 moved
	}
	v.adoptRenames(at)
	v.s.mu.RLock()
	defer v.s.mu.RUnlock()
	if v.epoch != v.s.epoch {
		v.reset()
		v.epoch = v.s.epoch
	}
	if n := len(arts); n > v.covered {
		words := (n + 63) / 64
		v.read, v.starred = grow(v.read, words), grow(v.starred, words)
		for t, b := range v.tags {
			v.tags[t] = grow(b, words)
		}
		for i := v.covered; i < n; i++ {
			if e := v.s.entries[arts[i].ID]; e != nil {
				v.apply(uint32(i), e, model.Label{})
				for _, t := range e.Tags {
					v.apply(uint32(i), e, model.Label{Kind: model.LabelTag, Tag: t})
				}
			}
		}
		v.covered, v.last = n, arts[n-1]
	}
	none := &entry{}
	for _, le := range v.s.log[v.logPos:] {
		k := at.Number(le.id)
		if k < 0 || int(k) >= v.covered {
			continue
		}
		e := v.s.entries[le.id]
		if e == nil {
			e = none
		}
		v.apply(uint32(k), e, le.label)
	}
	v.logPos = len(v.s.log)
}

func (v *View) reset() {
	v.covered, v.last, v.logPos = 0, nil, len(v.s.log)
	v.read, v.starred, v.tags = nil, nil, make(map[string]bitset)
}

// apply sets or clears article k's bits for one label from its entry:
// the flags when label is zero, else the tag.
func (v *View) apply(k uint32, e *entry, label model.Label) {
	if label.Kind != model.LabelTag {
		v.read.put(k, e.Read)
		v.starred.put(k, e.Starred)
		return
	}
	on := false
	for _, t := range e.Tags {
		if t == label.Tag {
			on = true
		}
	}
	b := v.tags[label.Tag]
	if b == nil {
		if !on {
			return
		}
		b = make(bitset, len(v.read))
		v.tags[label.Tag] = b
	}
	b.put(k, on)
}

// adoptRenames gives the marks of an ID the corpus no longer has to an
// article with the same content and no marks of its own: the file was
// renamed. It waits until loading ends (before then the old name may still
// be on its way) and looks again whenever the corpus has grown.
func (v *View) adoptRenames(at model.Numbering) {
	n := len(at.Articles)
	if !at.Loaded || n == v.renameAt {
		return
	}
	v.renameAt = n
	v.s.mu.RLock()
	orphans := map[uint64][]string{} // content hash → IDs no longer in the corpus
	for id, e := range v.s.entries {
		if at.Number(id) < 0 {
			orphans[e.hash] = append(orphans[e.hash], id)
		}
	}
	v.s.mu.RUnlock()
	if len(orphans) == 0 {
		return
	}
	var moves []change
	v.s.mu.Lock()
	for _, a := range at.Articles {
		ids := orphans[a.Hash]
		if len(ids) == 0 || v.s.entries[a.ID] != nil || at.Number(a.ID) < 0 {
			continue
		}
		from := ids[0]
		orphans[a.Hash] = ids[1:]
		v.s.renameLocked(from, a.ID)
		moves = append(moves, change{id: from, to: a.ID, op: opRename})
	}
	v.s.write(moves)
	v.s.mu.Unlock()
}

// bitset is a set of article numbers, as model.Labels hands them over.
type bitset []uint64

func (b bitset) put(i uint32, on bool) {
	if on {
		b[i/64] |= 1 << (i % 64)
	} else {
		b[i/64] &^= 1 << (i % 64)
	}
}

func grow(b bitset, words int) bitset {
	if len(b) >= words {
		return b
	}
	return append(b, make(bitset, words-len(b))...)
}
