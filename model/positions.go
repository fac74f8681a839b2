package model

import (
	"bufio"
	"cmp"
	"errors"
	"io"
	"os"
	"slices"

	"github.com/folio-reader/folio/internal/postings"
)

// Exact phrases need to know where each word stands in each body: as many
// positions as words in the corpus, more than the reader's memory budget
// can hold, and reading the bodies again for every candidate is far too
// slow (a phrase of two common words has most articles for candidates).
// So the body indexer writes the positions to a temporary file,
// grouped by word, and a phrase query reads back only its own words'.
// Written with write(2) and read with pread(2), the file lives in the page
// cache, not in the process's memory.
//
// Each worker gathers positions for many batches (posFlushValues) and then
// writes them as one segment per word, all numbered with the same seq,
// when it hands the batches' postings over: the segments of one seq cover
// the same articles, in ascending order, so a phrase is matched seq by
// seq. A segment holds a run for each of the postings it covers (see
// internal/postings).
//
// When the file cannot be made or written, or the index came from
// somewhere that kept no positions, phrases are checked against the text
// instead: slower, still exact.
//
// An index filled some other way (read from a cache) must set broken, or
// phrases would miss its articles.
type positions struct {
	dir    string      // the folder the file is made in; "": the system's temporary folder
	name   string      // the file's name, for Close to remove where an open file cannot be
	file   *os.File    // where positions are written; nil until some are
	fileAt int64       // the offset of file's first byte among the positions
	src    io.ReaderAt // where they are read: file, or a cached index's copy
	end    int64
	seq    uint32
	segs   [][]segment // word id → its segments, by seq
	broken bool        // some positions are missing: check phrases against the text
}

// segment is where a word's positions for a range of its postings lie:
// n bytes at off in the file, for post[pstart:pend], whose first posting's
// delta is from article base.
type segment struct {
	seq          uint32
	n            uint32
	off          int64
	pstart, pend uint32
	base         int32
}

// codePositions codes what the worker gathered, a segment per word.
func (w *BodyWorker) codePositions() {
	blob := w.blob[:0]
	for local, raw := range w.posRaw {
		if len(raw) == 0 {
			continue
		}
		before := len(blob)
		blob = postings.AppendSegment(blob, raw)
		w.segs = append(w.segs, localSegment{word: uint32(local), n: uint32(len(blob) - before)})
		w.posRaw[local] = raw[:0]
	}
	w.blob, w.posVals = blob, 0
}

// flushPositions writes what codePositions coded, after flushPostings
// handed over the postings it covers. The caller holds x.mu.
func (w *BodyWorker) flushPositions(x *bodyIndex) {
	p := &x.pos
	for len(p.segs) < len(x.words) {
		p.segs = append(p.segs, nil)
	}
	off := p.end
	for i, s := range w.segs {
		g := w.global[s.word]
		if g == noWord { // refused: its bytes are written, and never read
			off += int64(s.n)
			continue
		}
		st := w.starts[i]
		p.segs[g] = append(p.segs[g], segment{seq: p.seq, n: s.n, off: off,
			pstart: st.pstart, pend: uint32(len(x.post[g])), base: st.base})
		off += int64(s.n)
	}
	w.segs, w.starts = w.segs[:0], w.starts[:0]
	p.seq++
	p.write(w.blob)
}

// write appends blob to the file, making it first.
func (p *positions) write(blob []byte) {
	if p.broken {
		return
	}
	if p.file == nil {
		f, name, err := p.create()
		if err != nil {
			p.broken = true
			return
		}
		p.name = name
		p.file, p.fileAt = f, p.end
		if p.src != nil && p.end > 0 {
			// Read from a cached index: the old positions stay where they
			// lie, and the file holds the new ones, which come after them.
			// (Copying the old ones first made a warm start that found
			// three new files a third slower.)
			p.src = spliced{old: p.src, at: p.end, new: f}
		} else {
			p.src = f
		}
	}
	if _, err := p.file.WriteAt(blob, p.end-p.fileAt); err != nil {
		p.broken = true
		return
	}
	p.end += int64(len(blob))
}

// create makes a positions file in p.dir, else in the system's temporary
// folder. It is gone from the folder at once where the system allows it
// (not Windows, where Close removes it): nothing is left behind, however
// the program ends.
func (p *positions) create() (*os.File, string, error) {
	f, err := os.CreateTemp(p.dir, "folio-positions-*")
	if err != nil && p.dir != "" {
		f, err = os.CreateTemp("", "folio-positions-*")
	}
	if err != nil {
		return nil, "", err
	}
	os.Remove(f.Name())
	return f, f.Name(), nil
}

// PositionBytes reports the bytes of word positions written, for
// benchmarks and the cache's size.
func (c *Corpus) PositionBytes() int64 {
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	return c.body.pos.end
}

// spliced reads positions below at from old (a cached index's) and the
// rest from new, which holds them from its offset 0.
type spliced struct {
	old io.ReaderAt
	at  int64
	new io.ReaderAt
}

func (s spliced) ReadAt(b []byte, off int64) (int, error) {
	n := 0
	if off < s.at {
		k := int(min(int64(len(b)), s.at-off))
		m, err := s.old.ReadAt(b[:k], off)
		if n += m; err != nil {
			return n, err
		}
		b, off = b[k:], off+int64(k)
	}
	if len(b) == 0 {
		return n, nil
	}
	m, err := s.new.ReadAt(b, off-s.at)
	return n + m, err
}

// CheckPositions makes a corpus read by ReadIndex trust its word positions
// only range by range, as check (offset and length within them) passes
// each: the positions are most of an index's bytes, and needed only by
// exact phrases, so a warm start need not wait for all of them to be
// checked. A range that fails reads as an error, and phrases are then
// matched against the text, still exact.
func (c *Corpus) CheckPositions(check func(off, n int64) error) {
	c.body.mu.Lock()
	defer c.body.mu.Unlock()
	if p := &c.body.pos; p.src != nil && !p.broken {
		p.src = checkedAt{r: p.src, check: check}
	}
}

// checkedAt is a ReaderAt whose reads are checked first.
type checkedAt struct {
	r     io.ReaderAt
	check func(off, n int64) error
}

func (c checkedAt) ReadAt(b []byte, off int64) (int, error) {
	if err := c.check(off, int64(len(b))); err != nil {
		return 0, err
	}
	return c.r.ReadAt(b, off)
}

// SpillTo names the folder the word positions are written to while bodies
// are indexed: the index cache's, so they neither sit in a memory-backed
// /tmp nor leave a file in the system's temporary folder where an open
// file cannot be removed. "" (the default) is the system's temporary
// folder.
func (c *Corpus) SpillTo(dir string) {
	c.body.mu.Lock()
	defer c.body.mu.Unlock()
	c.body.pos.dir = dir
}

// Close lets go of the corpus's own files: the positions file is closed
// and removed. Phrases then match against the text.
func (c *Corpus) Close() error {
	x := c.body
	x.mu.Lock()
	defer x.mu.Unlock()
	p := &x.pos
	if p.file == nil {
		return nil
	}
	err := p.drop()
	p.src, p.broken = nil, true
	return err
}

// drop closes and removes the positions file, if there is one.
func (p *positions) drop() error {
	if p.file == nil {
		return nil
	}
	err := p.file.Close()
	if rerr := os.Remove(p.name); rerr != nil && !errors.Is(rerr, os.ErrNotExist) && err == nil {
		err = rerr
	}
	p.file, p.name, p.fileAt = nil, "", 0
	return err
}

// SpillBytes reports the size of the positions file: the disk (or, where
// the temporary folder is in memory, the memory) the corpus holds besides
// its heap.
func (c *Corpus) SpillBytes() int64 {
	c.body.mu.RLock()
	defer c.body.mu.RUnlock()
	if p := &c.body.pos; p.file != nil {
		return p.end - p.fileAt
	}
	return 0
}

// renew writes the positions the segments point at to a new file, in the
// order they lay, and drops the old one, whose removed articles' positions
// would otherwise stay in it for the corpus's lifetime. Compaction calls
// it once the segments of removed articles are written again; without a
// file (every position still in a cached index) there is nothing to renew.
// When the new file cannot be written the old one stays. The caller holds
// the body index's lock.
func (p *positions) renew() {
	if p.file == nil {
		return
	}
	if p.broken || p.src == nil {
		p.drop()
		return
	}
	var live []*segment
	for _, segs := range p.segs {
		for i := range segs {
			live = append(live, &segs[i])
		}
	}
	slices.SortFunc(live, func(a, b *segment) int { return cmp.Compare(a.off, b.off) })
	f, name, err := p.create()
	if err != nil {
		return
	}
	offs, end, err := copySegments(f, p.src, p.end, live)
	if err != nil {
		f.Close()
		os.Remove(name)
		return
	}
	for i, s := range live {
		s.off = offs[i]
	}
	p.drop()
	p.file, p.name, p.fileAt, p.src, p.end = f, name, 0, f, end
}

// copySegments copies the bytes of segs, sorted by offset, from src (end
// bytes) to w one after another, reading src once from start to end; it
// returns each segment's new offset and the bytes written.
func copySegments(w io.Writer, src io.ReaderAt, end int64, segs []*segment) (offs []int64, n int64, err error) {
	r := bufio.NewReaderSize(io.NewSectionReader(src, 0, end), 1<<20)
	bw := bufio.NewWriterSize(w, 1<<20)
	offs = make([]int64, len(segs))
	var at int64
	for i, s := range segs {
		switch {
		case s.off < at:
			return nil, 0, errors.New("positions segments overlap")
		case s.off-at > int64(r.Size()):
			r.Reset(io.NewSectionReader(src, s.off, end-s.off)) // a long gap: read on from the segment
		default:
			if _, err := r.Discard(int(s.off - at)); err != nil {
				return nil, 0, err
			}
		}
		if _, err := io.CopyN(bw, r, int64(s.n)); err != nil {
			return nil, 0, err
		}
		at = s.off + int64(s.n)
		offs[i] = n
		n += int64(s.n)
	}
	return offs, n, bw.Flush()
}
