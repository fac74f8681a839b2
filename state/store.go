// Package state is folio's reading state: which articles were read, which
// are starred, their tags, and the searches saved in the reader. It lives
// in one bbolt file per corpus (and, over SSH, per key) under
// $XDG_STATE_HOME/folio, never in the corpus, and is held in memory while
// folio runs: a mark changes memory at once and reaches the disk in the
// background, one small transaction at a time.
package state

import (
	"slices"
	"sort"
	"sync"

	"github.com/folio-reader/folio/model"
)

// Marks is what the state holds about one article.
type Marks struct {
	Read    bool
	Starred bool
	Tags    []string // sorted
}

func (m Marks) empty() bool { return !m.Read && !m.Starred && len(m.Tags) == 0 }

// entry is one article's marks and the hash of its content, by which the
// marks follow the file when it is renamed.
type entry struct {
	hash uint64
	Marks
}

// Search is a query saved under a name.
type Search struct {
	Name  string
	Query string
}

// change is one edit, as the disk writer applies it: the edit rather than
// the result, so that another folio writing the same file meanwhile (the
// command line while the reader runs) loses nothing of its own.
type change struct {
	id     string
	hash   uint64
	op     op
	tag    string // for opTag, opUntag
	to     string // for opRename: the new ID
	search Search // for opSave, opUnsave
}

type op uint8

const (
	opRead op = iota
	opUnread
	opStar
	opUnstar
	opTag
	opUntag
	opRename
	opSave
	opUnsave
)

// logEntry records which label of which article changed, for views to
// catch up with: label "" means the read and starred flags.
type logEntry struct {
	id    string
	label model.Label
}

// Store is the reading state of one corpus for one person. Its methods are
// safe for concurrent use.
type Store struct {
	path string // "" for a store kept in memory only
	disk *writer

	mu       sync.RWMutex
	entries  map[string]*entry
	tagCount map[string]int // articles carrying each tag
	searches []Search       // sorted by name
	log      []logEntry     // changes, for views (see View)
	changes  uint64         // every change, searches included: Version
	epoch    int            // bumped when log is cut short
}

func newStore(path string) *Store {
	return &Store{
		path:     path,
		entries:  make(map[string]*entry),
		tagCount: make(map[string]int),
	}
}

// Memory returns a store that keeps nothing once it is dropped: the state
// of an anonymous SSH session.
func Memory() *Store { return newStore("") }

// Path is the store's file, or "" when it is kept in memory only.
func (s *Store) Path() string { return s.path }

// Persistent reports whether the store outlives the process.
func (s *Store) Persistent() bool { return s.path != "" }

// Get returns an article's marks.
func (s *Store) Get(id string) Marks {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if e, ok := s.entries[id]; ok {
		m := e.Marks
		m.Tags = slices.Clone(m.Tags)
		return m
	}
	return Marks{}
}

// Len is the number of articles with any mark.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.entries)
}

// SetRead marks articles read or unread and reports how many changed.
func (s *Store) SetRead(read bool, arts ...*model.Article) int {
	o := opUnread
	if read {
		o = opRead
	}
	return s.apply(arts, o, "")
}

// SetStarred stars or unstars articles and reports how many changed.
func (s *Store) SetStarred(starred bool, arts ...*model.Article) int {
	o := opUnstar
	if starred {
		o = opStar
	}
	return s.apply(arts, o, "")
}

// SetTag adds or removes a tag (a name model.TagName accepts) and reports
// how many articles changed. Adding one that would pass a limit (see
// MaxTags) changes nothing and returns a *LimitError.
func (s *Store) SetTag(tag string, on bool, arts ...*model.Article) (int, error) {
	if !on {
		return s.apply(arts, opUntag, tag), nil
	}
	s.mu.Lock()
	if err := s.checkTagLocked(tag, arts); err != nil {
		s.mu.Unlock()
		return 0, err
	}
	return s.applyHeld(arts, opTag, tag), nil
}

func (s *Store) apply(arts []*model.Article, o op, tag string) int {
	s.mu.Lock()
	return s.applyHeld(arts, o, tag)
}

// applyHeld makes the change to every article and hands it to the disk
// writer. The caller holds s.mu; applyHeld releases it.
func (s *Store) applyHeld(arts []*model.Article, o op, tag string) int {
	var changes []change
	for _, a := range arts {
		c := change{id: a.ID, hash: a.Hash, op: o, tag: tag}
		if s.applyLocked(c) {
			changes = append(changes, c)
		}
	}
	s.write(changes)
	s.mu.Unlock()
	return len(changes)
}

// applyLocked makes one change in memory and reports whether it changed
// anything. The caller holds s.mu.
func (s *Store) applyLocked(c change) bool {
	e := s.entries[c.id]
	if e == nil {
		e = &entry{hash: c.hash}
	}
	if !e.edit(c) {
		return false
	}
	label := model.Label{}
	switch c.op {
	case opTag:
		s.tagCount[c.tag]++
		label = model.Label{Kind: model.LabelTag, Tag: c.tag}
	case opUntag:
		if s.tagCount[c.tag]--; s.tagCount[c.tag] <= 0 {
			delete(s.tagCount, c.tag)
		}
		label = model.Label{Kind: model.LabelTag, Tag: c.tag}
	}
	if e.hash == 0 {
		e.hash = c.hash
	}
	s.put(c.id, e)
	s.logChange(logEntry{id: c.id, label: label})
	return true
}

// edit makes a mark change to m and reports whether it changed anything.
// Tags are copied before they change: views may hold the old slice.
func (m *Marks) edit(c change) bool {
	switch c.op {
	case opRead, opUnread:
		was := m.Read
		m.Read = c.op == opRead
		return m.Read != was
	case opStar, opUnstar:
		was := m.Starred
		m.Starred = c.op == opStar
		return m.Starred != was
	case opTag:
		if i, found := slices.BinarySearch(m.Tags, c.tag); !found {
			m.Tags = slices.Insert(slices.Clone(m.Tags), i, c.tag)
			return true
		}
	case opUntag:
		if i, found := slices.BinarySearch(m.Tags, c.tag); found {
			m.Tags = slices.Delete(slices.Clone(m.Tags), i, i+1)
			return true
		}
	}
	return false
}

// put files e under id, or drops it when it holds nothing. The caller
// holds s.mu.
func (s *Store) put(id string, e *entry) {
	_, had := s.entries[id]
	switch {
	case e.empty() && had:
		delete(s.entries, id)
	case !e.empty() && !had:
		s.entries[id] = e
	}
}

// rename moves the marks of an article whose file was renamed, content
// unchanged, to its new ID. The caller holds s.mu.
func (s *Store) renameLocked(from, to string) {
	e := s.entries[from]
	if e == nil || s.entries[to] != nil {
		return
	}
	delete(s.entries, from)
	s.entries[to] = e
	s.logChange(logEntry{id: to})
	for _, t := range e.Tags {
		s.logChange(logEntry{id: to, label: model.Label{Kind: model.LabelTag, Tag: t}})
	}
}

// maxLog bounds the change log: past it the log starts again and every view
// rebuilds its sets once, which costs what resolving the corpus did.
const maxLog = 1 << 20

// logChange records a change for the views. The caller holds s.mu.
func (s *Store) logChange(le logEntry) {
	if len(s.log) >= maxLog {
		s.log, s.epoch = nil, s.epoch+1
	}
	s.log = append(s.log, le)
	s.changes++
}

// Version counts the changes made so far: a screen showing counts asks
// again when it moved.
func (s *Store) Version() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.changes
}

// Tags returns every tag in use, sorted, with the number of articles
// carrying it.
func (s *Store) Tags() (names []string, counts []int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for t := range s.tagCount {
		names = append(names, t)
	}
	sort.Strings(names)
	for _, t := range names {
		counts = append(counts, s.tagCount[t])
	}
	return names, counts
}

// Searches returns the saved searches, by name.
func (s *Store) Searches() []Search {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.searches)
}

// SaveSearch saves a query under a name, replacing one of the same name.
// One that would pass a limit (see MaxSearches) is not saved: the error is
// a *LimitError.
func (s *Store) SaveSearch(name, query string) error {
	x := Search{Name: name, Query: query}
	s.mu.Lock()
	if err := s.checkSearchLocked(x); err != nil {
		s.mu.Unlock()
		return err
	}
	s.saveLocked(x)
	s.changes++
	s.write([]change{{op: opSave, search: x}})
	s.mu.Unlock()
	return nil
}

// DeleteSearch removes a saved search.
func (s *Store) DeleteSearch(name string) {
	s.mu.Lock()
	s.searches = slices.DeleteFunc(s.searches, func(x Search) bool { return x.Name == name })
	s.changes++
	s.write([]change{{op: opUnsave, search: Search{Name: name}}})
	s.mu.Unlock()
}

func (s *Store) saveLocked(x Search) {
	i, found := slices.BinarySearchFunc(s.searches, x.Name, func(a Search, name string) int {
		return cmpString(a.Name, name)
	})
	if found {
		s.searches[i] = x
		return
	}
	s.searches = slices.Insert(s.searches, i, x)
}

// hasSearchLocked reports whether a search is saved under name. The
// caller holds s.mu.
func (s *Store) hasSearchLocked(name string) bool {
	_, found := slices.BinarySearchFunc(s.searches, name, func(a Search, name string) int {
		return cmpString(a.Name, name)
	})
	return found
}

func hasTag(tags []string, tag string) bool {
	_, found := slices.BinarySearch(tags, tag)
	return found
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// write hands changes to the disk writer, when there is one. The caller
// holds s.mu, so that Refresh never finds a change in memory that the
// writer has not been handed yet.
func (s *Store) write(changes []change) {
	if s.disk != nil && len(changes) > 0 {
		s.disk.add(changes)
	}
}

// Sync waits until every change made so far is on disk, and returns the
// last error writing met, if any.
func (s *Store) Sync() error {
	if s.disk == nil {
		return nil
	}
	return s.disk.sync()
}

// Err is the last error the disk writer met (it keeps trying), or nil.
func (s *Store) Err() error {
	if s.disk == nil {
		return nil
	}
	return s.disk.err()
}

// Close writes what is pending and stops the writer.
func (s *Store) Close() error {
	if s.disk == nil {
		return nil
	}
	return s.disk.close()
}
