package state

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"runtime/debug"
	"slices"
	"sync"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Why bbolt: the state is a few hundred thousand small records read whole
// at start and changed one at a time. bbolt is a B+tree in one file, pure
// Go (so folio still builds for every platform with no C toolchain), with
// copy-on-write pages and a checksummed meta page written last: a
// transaction is either all on disk or not at all, whenever the process
// dies, and each commit is fsynced. SQLite would do as well but needs cgo
// or a far larger translation; a log of JSON lines would need its own
// compaction and torn-write handling.

var (
	bucketMarks    = []byte("marks")
	bucketSearches = []byte("searches")
	bucketMeta     = []byte("meta")
)

const (
	formatVersion = "1"
	// lockWait is how long opening waits for another folio (the command
	// line, or a second reader) that has the file open. Writers close the
	// file after idleClose, so the wait is short.
	lockWait  = 5 * time.Second
	idleClose = time.Second
)

// ErrBusy says another process kept the store open for longer than lockWait.
var ErrBusy = errors.New("the reading state is in use by another folio process")

// Open loads the store at path, creating it (and its folder, mode 0700)
// when missing; a folder or file that is a link, another user's, or a
// folder open to others is refused (ErrUnsafe). A file that cannot be read as a store is moved aside and a
// fresh store started: notice then says so, for the user. The error is for
// what moving aside cannot help: a folder that cannot be made, a file that
// cannot be read for want of permission, a store busy in another process.
func Open(path string) (s *Store, notice string, err error) {
	if err := prepareDir(path); err != nil {
		return nil, "", err
	}
	s = newStore(path)
	err = s.load()
	var broken *brokenError
	if errors.As(err, &broken) {
		aside, rerr := moveAside(path, time.Now())
		if rerr != nil {
			return nil, "", fmt.Errorf("reading state %s is damaged (%v) and could not be moved aside: %w", path, broken.err, rerr)
		}
		notice = fmt.Sprintf("the reading state %s could not be read (%v); it was moved to %s and a fresh one started", path, broken.err, aside)
		s = newStore(path)
		err = s.load()
	}
	if err != nil {
		return nil, "", err
	}
	s.disk = newWriter(path)
	return s, notice, nil
}

// brokenError is a store file that is not a readable store.
type brokenError struct{ err error }

func (e *brokenError) Error() string { return e.err.Error() }

// load reads the whole file into memory, then closes it. Reading runs on
// a goroutine of its own that turns a fault in the mapped file (a file cut
// short under bbolt's feet) into a panic, and any panic into brokenError.
func (s *Store) load() error {
	done := make(chan error, 1)
	go func() {
		debug.SetPanicOnFault(true)
		defer func() {
			if r := recover(); r != nil {
				done <- &brokenError{fmt.Errorf("damaged: %v", r)}
			}
		}()
		done <- s.loadFile()
	}()
	return <-done
}

func (s *Store) loadFile() error {
	db, err := openDB(s.path)
	if err != nil {
		return err
	}
	defer db.Close()
	var missing bool
	err = db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			missing = true
			if tx.Bucket(bucketMarks) != nil {
				return &brokenError{errors.New("no format record")}
			}
			return nil
		}
		if v := string(meta.Get([]byte("format"))); v != formatVersion {
			return &brokenError{fmt.Errorf("unknown format %q", v)}
		}
		if b := tx.Bucket(bucketMarks); b != nil {
			n := b.Stats().KeyN
			s.entries = make(map[string]*entry, n)
			slab := make([]entry, 0, n) // one allocation for every entry
			var arena arena
			if err := b.ForEach(func(k, v []byte) error {
				if len(slab) == cap(slab) {
					slab = make([]entry, 0, 1024)
				}
				slab = slab[:len(slab)+1]
				e := &slab[len(slab)-1]
				if err := decodeInto(e, v); err != nil {
					return &brokenError{fmt.Errorf("record %q: %w", k, err)}
				}
				s.entries[arena.string(k)] = e
				for _, t := range e.Tags {
					s.tagCount[t]++
				}
				return nil
			}); err != nil {
				return err
			}
		}
		if b := tx.Bucket(bucketSearches); b != nil {
			return b.ForEach(func(k, v []byte) error {
				s.searches = append(s.searches, Search{Name: string(k), Query: string(v)})
				return nil
			})
		}
		return nil
	})
	if err != nil || !missing {
		return err
	}
	return db.Update(initBuckets)
}

func initBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{bucketMarks, bucketSearches, bucketMeta} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return err
		}
	}
	return tx.Bucket(bucketMeta).Put([]byte("format"), []byte(formatVersion))
}

// openDB opens the file, telling apart a store that is busy or forbidden
// (an error) from one that is damaged (brokenError).
func openDB(path string) (*bolt.DB, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: lockWait, OpenFile: openFile})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, ErrUnsafe):
		return nil, err
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("%s: %w", path, ErrBusy)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("reading state: %w", err)
	}
	return nil, &brokenError{err}
}

// A record is the content hash (8 bytes, little-endian), a flags byte, the
// number of tags and each tag, length first (uvarints).
const (
	flagRead = 1 << iota
	flagStarred
)

func encodeEntry(e *entry) []byte {
	b := binary.LittleEndian.AppendUint64(nil, e.hash)
	var f byte
	if e.Read {
		f |= flagRead
	}
	if e.Starred {
		f |= flagStarred
	}
	b = append(b, f)
	b = binary.AppendUvarint(b, uint64(len(e.Tags)))
	for _, t := range e.Tags {
		b = binary.AppendUvarint(b, uint64(len(t)))
		b = append(b, t...)
	}
	return b
}

func decodeEntry(b []byte) (*entry, error) {
	e := &entry{}
	if err := decodeInto(e, b); err != nil {
		return nil, err
	}
	return e, nil
}

func decodeInto(e *entry, b []byte) error {
	if len(b) < 10 {
		return errors.New("too short")
	}
	e.hash = binary.LittleEndian.Uint64(b)
	f := b[8]
	if f&^(flagRead|flagStarred) != 0 {
		return errors.New("unknown flags")
	}
	e.Read, e.Starred = f&flagRead != 0, f&flagStarred != 0
	b = b[9:]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return errors.New("bad tag count")
	}
	b = b[k:]
	if n > 0 {
		e.Tags = make([]string, 0, n)
	}
	for range n {
		l, k := binary.Uvarint(b)
		if k <= 0 || l == 0 || l > uint64(len(b)-k) {
			return errors.New("bad tag")
		}
		e.Tags = append(e.Tags, string(b[k:k+int(l)]))
		b = b[k+int(l):]
	}
	if len(b) != 0 || !slices.IsSorted(e.Tags) {
		return errors.New("bad tags")
	}
	return nil
}

// writer puts changes on disk in the background: each burst of changes is
// one transaction, committed (and fsynced) as soon as the previous one is
// done. The file stays open while changes come and is closed after a
// second without any, so that another folio can use it meanwhile.
type writer struct {
	path string
	wake chan struct{}
	quit chan struct{}
	done chan struct{}

	mu      sync.Mutex
	cond    *sync.Cond
	pending []change
	queued  uint64 // changes handed over
	written uint64 // changes on disk
	failed  uint64 // queued when the last commit failed
	lastErr error
	db      *bolt.DB

	jobs chan func() // work that must not run beside a commit (Refresh)
	seen fileID      // the file as this process last read or wrote it; the writer's goroutine only
}

func newWriter(path string) *writer {
	w := &writer{path: path, wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{}), jobs: make(chan func())}
	w.cond = sync.NewCond(&w.mu)
	go w.run()
	return w
}

func (w *writer) add(changes []change) {
	w.mu.Lock()
	w.pending = append(w.pending, changes...)
	w.queued += uint64(len(changes))
	w.mu.Unlock()
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

func (w *writer) run() {
	defer close(w.done)
	idle := time.NewTimer(idleClose)
	retry := (<-chan time.Time)(nil)
	for {
		quitting := false
		select {
		case <-w.wake:
		case <-retry:
		case <-idle.C:
			w.closeDB()
			continue
		case <-w.quit:
			quitting = true
		case job := <-w.jobs:
			job()
			continue
		}
		retry = nil
		if !w.flush() && !quitting {
			retry = time.After(200 * time.Millisecond)
		}
		idle.Reset(idleClose)
		if quitting {
			w.closeDB()
			return
		}
	}
}

// flush commits what is pending and reports whether it could.
func (w *writer) flush() bool {
	w.mu.Lock()
	batch, upto := w.pending, w.queued
	w.pending = nil
	w.mu.Unlock()
	if len(batch) == 0 {
		return true
	}
	err := w.commit(batch)
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		w.pending = append(batch, w.pending...)
		w.failed, w.lastErr = upto, err
		w.cond.Broadcast()
		return false
	}
	w.written, w.lastErr = upto, nil
	w.cond.Broadcast()
	return true
}

func (w *writer) commit(batch []change) error {
	if w.db == nil {
		db, err := openDB(w.path)
		if err != nil {
			return fmt.Errorf("write reading state: %w", err)
		}
		w.db = db
	}
	// The lock is held: the file is as the last writer left it. If that
	// was not this process, seen stays as it was, and Refresh reads it.
	ours := statFile(w.path).same(w.seen)
	err := w.db.Update(func(tx *bolt.Tx) error {
		if err := initBuckets(tx); err != nil {
			return err
		}
		marks, searches := tx.Bucket(bucketMarks), tx.Bucket(bucketSearches)
		for _, c := range batch {
			if err := applyOnDisk(marks, searches, c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		w.closeDB()
		return fmt.Errorf("write reading state %s: %w", w.path, err)
	}
	if ours {
		w.seen = statFile(w.path)
	}
	return nil
}

// applyOnDisk makes one change to the records as the file has them.
func applyOnDisk(marks, searches *bolt.Bucket, c change) error {
	switch c.op {
	case opSave:
		return searches.Put([]byte(c.search.Name), []byte(c.search.Query))
	case opUnsave:
		return searches.Delete([]byte(c.search.Name))
	}
	key := []byte(c.id)
	e, err := decodeEntry(marks.Get(key))
	if err != nil {
		e = &entry{hash: c.hash}
	}
	switch c.op {
	case opRename:
		if marks.Get([]byte(c.to)) == nil && !e.empty() {
			if err := marks.Put([]byte(c.to), encodeEntry(e)); err != nil {
				return err
			}
		}
		return marks.Delete(key)
	}
	e.edit(c)
	if e.empty() {
		return marks.Delete(key)
	}
	return marks.Put(key, encodeEntry(e))
}

func (w *writer) closeDB() {
	if w.db != nil {
		w.db.Close()
		w.db = nil
	}
}

// sync waits until what was queued is written, or writing it failed.
func (w *writer) sync() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	target := w.queued
	for w.written < target && w.failed < target {
		w.cond.Wait()
	}
	if w.written >= target {
		return nil
	}
	return w.lastErr
}

func (w *writer) err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.lastErr
}

// close writes what is pending, once more if need be, and stops.
func (w *writer) close() error {
	select {
	case <-w.quit:
	default:
		close(w.quit)
	}
	<-w.done
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.pending) > 0 {
		return w.lastErr
	}
	return nil
}

// arena holds the IDs read at open in a few large blocks instead of one
// allocation each: 100,000 small strings cost the collector more than the
// reading does.
type arena struct{ block []byte }

func (a *arena) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > cap(a.block)-len(a.block) {
		a.block = make([]byte, 0, max(1<<20, len(b)))
	}
	start := len(a.block)
	a.block = append(a.block, b...)
	return unsafe.String(&a.block[start], len(b))
}
