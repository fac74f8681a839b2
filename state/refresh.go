package state

import (
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/folio-reader/folio/model"
)

// Another folio may write the store's file while this one holds it in
// memory: `folio mark` and `folio tag` from a shell while the reader runs.
// Refresh notices by the file's identity (which changes with every commit,
// this process's own included, and those are recorded as they are made) and
// reads the file again.

// fileID tells one version of the store's file from another.
type fileID struct {
	info os.FileInfo // nil: no file
	size int64
	mod  time.Time
}

func statFile(path string) fileID {
	fi, err := os.Stat(path)
	if err != nil {
		return fileID{}
	}
	return fileID{info: fi, size: fi.Size(), mod: fi.ModTime()}
}

func (a fileID) same(b fileID) bool {
	if a.info == nil || b.info == nil {
		return a.info == nil && b.info == nil
	}
	return a.size == b.size && a.mod.Equal(b.mod) && os.SameFile(a.info, b.info)
}

// Refresh reads the store's file again when another process changed it
// since this store last read or wrote it, and reports whether anything in
// memory changed. Marks made here that are not on disk yet stay, on top of
// what the file says. It runs between two of the writer's commits and may
// wait for the file's lock (another process writing) as long as Open does;
// a store kept in memory has nothing to refresh.
func (s *Store) Refresh() (changed bool, err error) {
	if s.disk == nil {
		return false, nil
	}
	type result struct {
		changed bool
		err     error
	}
	out := make(chan result, 1)
	job := func() {
		c, err := s.refresh()
		out <- result{c, err}
	}
	select {
	case s.disk.jobs <- job:
	case <-s.disk.done:
		return false, nil // closed
	}
	r := <-out
	return r.changed, r.err
}

// refresh runs on the writer's goroutine, so no commit of this process is
// under way: what is not in the file is in the writer's pending changes.
func (s *Store) refresh() (bool, error) {
	w := s.disk
	now := statFile(w.path)
	if now.info == nil || now.same(w.seen) {
		return false, nil
	}
	// bbolt locks the file for each handle: this process's own would keep
	// the read below waiting.
	w.closeDB()
	fresh := newStore(w.path)
	if err := fresh.load(); err != nil {
		return false, fmt.Errorf("read the reading state again: %w", err)
	}
	w.seen = now // what changes after the stat is read next time

	s.mu.Lock()
	defer s.mu.Unlock()
	w.mu.Lock()
	pending := slices.Clone(w.pending)
	w.mu.Unlock()
	for _, c := range pending {
		fresh.replayLocked(c)
	}
	return s.adoptLocked(fresh), nil
}

// replayLocked makes a change not yet on disk to a store read from it.
func (s *Store) replayLocked(c change) {
	switch c.op {
	case opSave:
		s.saveLocked(c.search)
	case opUnsave:
		s.searches = slices.DeleteFunc(s.searches, func(x Search) bool { return x.Name == c.search.Name })
	case opRename:
		s.renameLocked(c.id, c.to)
	default:
		s.applyLocked(c)
	}
}

// adoptLocked takes fresh's marks and searches as s's own, logging each
// article whose flags or tags differ, so views catch up; it reports whether
// anything differed. The caller holds s.mu.
func (s *Store) adoptLocked(fresh *Store) bool {
	before := s.changes
	none := &entry{}
	for id, was := range s.entries {
		now := fresh.entries[id]
		if now == nil {
			now = none
		}
		s.logDiffLocked(id, was, now)
	}
	for id, now := range fresh.entries {
		if s.entries[id] == nil {
			s.logDiffLocked(id, none, now)
		}
	}
	if !slices.Equal(s.searches, fresh.searches) {
		s.changes++
	}
	s.entries, s.tagCount, s.searches = fresh.entries, fresh.tagCount, fresh.searches
	return s.changes != before
}

// logDiffLocked logs what differs between an article's marks as they were
// and as they are now. The caller holds s.mu.
func (s *Store) logDiffLocked(id string, was, now *entry) {
	if was.Read != now.Read || was.Starred != now.Starred {
		s.logChange(logEntry{id: id})
	}
	for _, t := range was.Tags {
		if !slices.Contains(now.Tags, t) {
			s.logChange(logEntry{id: id, label: model.Label{Kind: model.LabelTag, Tag: t}})
		}
	}
	for _, t := range now.Tags {
		if !slices.Contains(was.Tags, t) {
			s.logChange(logEntry{id: id, label: model.Label{Kind: model.LabelTag, Tag: t}})
		}
	}
}
