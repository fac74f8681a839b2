package model

import (
	"github.com/folio-reader/folio/dedup"
	"github.com/folio-reader/folio/internal/postings"
)

// compact numbers the live articles afresh, 0 to n-1 in their old order,
// and remaps every index, so that tombstones stop costing memory and time.
// The mapping is monotonic, so sorted orders and postings keep their
// order. It waits for another time while bodies are being indexed (their
// indexer holds numbers). The caller holds c.mu.
func (c *Corpus) compact() {
	x := c.body
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.pending || c.nDead == 0 {
		return
	}
	c.indexMu.Lock()
	defer c.indexMu.Unlock()
	c.orderMu.Lock()
	defer c.orderMu.Unlock()

	remap := make([]int32, len(c.arts))
	live := len(c.arts) - c.nDead
	arts := make([]*Article, 0, live)
	days := make([]int32, 0, live)
	for n, a := range c.arts {
		if c.isDead(int32(n)) {
			remap[n] = -1
			continue
		}
		remap[n] = int32(len(arts))
		arts = append(arts, a)
		days = append(days, c.days[n])
	}
	below := func(upto int) int { // live numbers below upto
		k := 0
		for _, m := range remap[:upto] {
			if m >= 0 {
				k++
			}
		}
		return k
	}
	byID := c.ids()
	for id, n := range byID {
		byID[id] = uint32(remap[n])
	}
	c.index.remap(remap[:c.indexed])
	c.keys.remap(remap[:c.indexed])
	c.indexed = below(c.indexed)
	for k, o := range c.orders {
		perm := make([]int32, 0, len(o.perm))
		for _, n := range o.perm {
			if m := remap[n]; m >= 0 {
				perm = append(perm, m)
			}
		}
		c.orders[k] = order{perm: perm, upto: below(o.upto), removals: c.removals}
	}
	x.remap(remap)
	x.covered = below(min(x.covered, len(remap)))
	c.arts, c.days = arts, days
	c.dead, c.nDead = newBitset(len(arts)), 0
	c.remapCopies(remap)
	c.gen++
}

// remap renumbers the articles the index covers; remap[n] is article n's
// new number, -1 for the removed.
func (x *metaIndex) remap(remap []int32) {
	for s := range x.postings {
		for id, p := range x.postings[s] {
			kept := make([]uint32, 0, len(p))
			for _, n := range p {
				if int(n) < len(remap) && remap[n] >= 0 {
					kept = append(kept, uint32(remap[n]))
				}
			}
			x.postings[s][id] = kept
		}
		fwd := make([]uint32, 0, len(x.fwd[s]))
		start := []uint32{0}
		for n, m := range remap {
			if m < 0 {
				continue
			}
			fwd = append(fwd, x.fwd[s][x.start[s][n]:x.start[s][n+1]]...)
			start = append(start, uint32(len(fwd)))
		}
		x.fwd[s], x.start[s] = fwd, start
	}
}

func (k *sortKeys) remap(remap []int32) {
	keep := func(old []string) []string {
		out := make([]string, 0, len(old))
		for n, m := range remap {
			if m >= 0 {
				out = append(out, old[n])
			}
		}
		return out
	}
	k.title, k.author, k.category = keep(k.title), keep(k.author), keep(k.category)
}

// remap renumbers the postings; they are written anew, on the heap, which
// also lets go of a cached index's mapped file for those words. Body
// lengths and counts follow, and the segments of positions, which cover
// ranges of the postings: those that held a removed article are written
// again without it.
func (x *bodyIndex) remap(remap []int32) {
	x.pairs = 0
	var rw segRewriter
	var b postings.Builder
	for id, p := range x.post {
		var out []byte
		b.Reset(0)
		df := uint32(0)
		var segs []segment
		if id < len(x.pos.segs) {
			segs = x.pos.segs[id]
		}
		kept := segs[:0]
		si := 0
		r := postings.NewReader(p, 0)
		// A segment covers whole blocks: the postings gathered so far
		// become a block where one begins and where it ends.
		for {
			if si < len(segs) && r.Offset() == int(segs[si].pstart) {
				out = b.Flush(out)
				rw.begin(uint32(len(out)), b.Last())
			}
			n, tf, ok := r.Next()
			if !ok {
				break
			}
			keep := int(n) < len(remap) && remap[n] >= 0
			if keep {
				b.Add(remap[n], tf)
				df++
			}
			if rw.open {
				rw.add(tf, keep)
				if r.Offset() == int(segs[si].pend) {
					out = b.Flush(out)
					if s, ok := rw.end(&x.pos, segs[si], uint32(len(out))); ok {
						kept = append(kept, s)
					}
					si++
				}
			}
		}
		out = b.Flush(out)
		if si < len(segs) || rw.open || r.Bad() {
			x.pos.broken = true // segments that do not cover postings
		}
		if id < len(x.pos.segs) {
			x.pos.segs[id] = kept
		}
		x.pairs += int(df)
		x.post[id], x.prev[id], x.df[id] = out, b.Last(), df
	}
	rw.flush(&x.pos)
	x.pos.renew()
	lens := make([]uint32, 0, len(x.lens))
	x.total, x.docs = 0, 0
	for n, l := range x.lens {
		if n < len(remap) && remap[n] >= 0 {
			lens = append(lens, l)
			x.total += int64(l)
			if l > 0 {
				x.docs++
			}
		}
	}
	x.lens = lens
	var sigs []byte
	for n := range x.sigs[:len(x.sigs)/dedup.SigBytes] {
		if n < len(remap) && remap[n] >= 0 {
			sigs = append(sigs, x.sigs[n*dedup.SigBytes:(n+1)*dedup.SigBytes]...)
		}
	}
	x.sigs = sigs
}

// remapCopies renumbers the copies last found as compact renumbers the
// articles, so a cache written after it keeps them; a group whose
// canonical was removed must be found again, so then they are dropped.
// The caller holds c.mu.
func (c *Corpus) remapCopies(remap []int32) {
	cs := &c.copies
	cs.mu.Lock()
	defer cs.mu.Unlock()
	cp := cs.latest
	if cp == nil || cp.gen != c.gen || len(cp.canon) != len(remap) {
		cs.latest = nil
		return
	}
	canon := make([]int32, 0, len(c.arts))
	for n, k := range cp.canon {
		if remap[n] < 0 {
			continue
		}
		if remap[k] < 0 {
			cs.latest = nil
			return
		}
		canon = append(canon, remap[k])
	}
	cs.latest = newCopies(canon, cp.version, c.gen+1)
}
