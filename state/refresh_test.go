package state

import (
	"path/filepath"
	"slices"
	"testing"
)

// TestRefreshSeesAnotherProcess: marks, tags and searches another store
// wrote to the same file (folio mark, folio tag from a shell) reach an open
// store on Refresh; the marks it made itself stay; a toggle then starts
// from the file's state; and nothing is read again when nothing changed.
func TestRefreshSeesAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	reader := open(t, path)
	a, b, c := art("a.txt"), art("b.txt"), art("c.txt")
	reader.SetRead(true, a)
	if err := reader.Sync(); err != nil {
		t.Fatal(err)
	}
	if _, err := reader.Refresh(); err != nil { // the first reads the file once
		t.Fatal(err)
	}
	if changed, err := reader.Refresh(); changed || err != nil {
		t.Fatalf("refresh with nothing changed: %v, %v", changed, err)
	}

	// Another process, while the reader's writer may still hold the file.
	shell := open(t, path)
	shell.SetStarred(true, b)
	shell.SetTag("later", true, c)
	shell.SaveSearch("asia", "cat:asia")
	if err := shell.Close(); err != nil {
		t.Fatal(err)
	}
	reader.SetStarred(true, a) // a local mark, on disk or not yet
	v0 := reader.Version()
	changed, err := reader.Refresh()
	if err != nil || !changed {
		t.Fatalf("refresh after another process wrote: %v, %v", changed, err)
	}
	if reader.Version() == v0 {
		t.Error("Version did not move")
	}
	for id, want := range map[string]Marks{
		"a.txt": {Read: true, Starred: true},
		"b.txt": {Starred: true},
		"c.txt": {Tags: []string{"later"}},
	} {
		if got := reader.Get(id); got.Read != want.Read || got.Starred != want.Starred || !slices.Equal(got.Tags, want.Tags) {
			t.Errorf("%s: %+v, want %+v", id, got, want)
		}
	}
	if names, counts := reader.Tags(); !slices.Equal(names, []string{"later"}) || !slices.Equal(counts, []int{1}) {
		t.Errorf("tags %v %v", names, counts)
	}
	if got := reader.Searches(); len(got) != 1 || got[0].Name != "asia" {
		t.Errorf("searches %v", got)
	}
	// A toggle starts from what the file said: b unstarred, on disk too.
	reader.SetStarred(!reader.Get("b.txt").Starred, b)
	if err := reader.Sync(); err != nil {
		t.Fatal(err)
	}
	if changed, err := reader.Refresh(); changed || err != nil {
		t.Errorf("refresh after this store's own write: %v, %v", changed, err)
	}
	if err := reader.Close(); err != nil {
		t.Fatal(err)
	}
	again := open(t, path)
	if again.Get("b.txt").Starred || !again.Get("a.txt").Starred {
		t.Errorf("on disk: b %+v, a %+v", again.Get("b.txt"), again.Get("a.txt"))
	}
}

// TestRefreshKeepsPending: a change the writer has not committed yet (the
// file is locked by another process) stays in memory through a refresh.
func TestRefreshKeepsPending(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	reader := open(t, path)
	shell := open(t, path)
	shell.SetStarred(true, art("b.txt"))
	if err := shell.Close(); err != nil {
		t.Fatal(err)
	}
	// Hold the writer's goroutine in a job, hand it a change it cannot
	// commit meanwhile, and refresh in its place.
	hold := make(chan struct{})
	reader.disk.jobs <- func() { <-hold }
	reader.SetRead(true, art("a.txt"))
	changed, err := reader.refresh()
	close(hold)
	if err != nil || !changed {
		t.Fatalf("refresh: %v, %v", changed, err)
	}
	if !reader.Get("a.txt").Read || !reader.Get("b.txt").Starred {
		t.Errorf("a %+v, b %+v", reader.Get("a.txt"), reader.Get("b.txt"))
	}
}
