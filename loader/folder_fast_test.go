//go:build linux || darwin || freebsd

package loader

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/model"
)

// TestSlowReadsTurnRawCallsOff: a slow read now and then (a thread set
// aside) keeps the raw calls; slow reads one after another (a disk) turn
// them off for every folder of the corpus.
func TestSlowReadsTurnRawCallsOff(t *testing.T) {
	fast, slow := 10*time.Microsecond, 50*time.Millisecond
	mode := new(callMode)
	d := &folder{mode: mode, raw: true}
	for i := range 1000 {
		took := fast
		if i%100 == 0 {
			took = slow
		}
		d.timed(took, 4096)
	}
	if mode.slow.Load() {
		t.Fatal("ten slow reads in a thousand turned the raw calls off")
	}
	// A big file may take longer: 20 ms for 64 MiB is the page cache.
	for range 8 {
		d.timed(20*time.Millisecond, 64<<20)
	}
	if mode.slow.Load() {
		t.Fatal("big files read at the page cache's speed turned the raw calls off")
	}
	e := &folder{mode: mode, raw: true}
	for range 3 {
		e.timed(slow, 4096)
	}
	if mode.slow.Load() {
		t.Fatal("three slow reads turned the raw calls off")
	}
	e.timed(slow, 4096)
	if !mode.slow.Load() {
		t.Fatal("four slow reads of four left the raw calls on")
	}
}

// TestOrdinaryCallsReadAlike: a corpus read with ordinary system calls, as
// after slow reads, gives what the raw calls give, bad files and all. The
// bad tree is read from the folder above it, so that its files are read
// through a folder (the top's go through os.Root).
func TestOrdinaryCallsReadAlike(t *testing.T) {
	dir, _, _ := badTree(t)
	root := filepath.Dir(dir)
	load := func(slow bool) ([]string, []string) {
		fsys, closeFS, err := openDir(root, true)
		if err != nil {
			t.Fatal(err)
		}
		defer closeFS()
		fsys.(dirFS).mode.slow.Store(slow)
		var ids, probs []string
		err = Load(context.Background(), fsys, Options{}, func(b model.Batch) {
			for _, a := range b.Articles {
				ids = append(ids, a.ID)
			}
			for _, p := range b.Problems {
				probs = append(probs, p.Path+": "+p.Reason)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(ids)
		slices.Sort(probs)
		return ids, probs
	}
	rawIDs, rawProbs := load(false)
	ids, probs := load(true)
	if !slices.Contains(ids, "corpus/crlf.txt") || !slices.ContainsFunc(probs, func(p string) bool { return strings.HasPrefix(p, "corpus/fifo.txt: ") }) {
		t.Errorf("the bad tree's files were not read through a folder: %q, %q", ids, probs)
	}
	if !slices.Equal(ids, rawIDs) || !slices.Equal(probs, rawProbs) {
		t.Errorf("ordinary calls: %q, %q\nraw calls: %q, %q", ids, probs, rawIDs, rawProbs)
	}
}

// TestRawReadsTimed: a folder times its first raw reads, every one, and
// then one in timeEvery.
func TestRawReadsTimed(t *testing.T) {
	dir := t.TempDir()
	const files = 100
	for i := range files {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%03d.txt", i)), []byte("Title: x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	fsys, err := fastSub(root, ".", new(callMode))
	if err != nil {
		t.Fatal(err)
	}
	d := fsys.(*folder)
	defer d.Close()
	if !d.raw {
		t.Skip("the temporary folder is not on a local file system: no raw calls")
	}
	for i := range files {
		if _, _, err := d.readFile(fmt.Sprintf("%03d.txt", i), 1<<20, nil, nil); err != nil {
			t.Fatal(err)
		}
		if want := min(i+1, timeAll) + max(i+1-timeAll, 0)/timeEvery; d.reads != want {
			t.Fatalf("after %d reads, %d timed; want %d", i+1, d.reads, want)
		}
	}
}
