package watch

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// mirror is what a consumer of the watcher knows of the tree: the text of
// every .txt file, kept current from the batches alone (and from a full
// walk on a rescan), as the corpus will be.
type mirror struct {
	t    *testing.T
	root string

	mu       sync.Mutex
	files    map[string]string
	batches  []Batch
	seen     map[string][]string // every text a path was reported with
	rescans  int
	warnings []string
	block    chan struct{} // when set, deliver waits on it once
}

func newMirror(t *testing.T, root string) *mirror {
	m := &mirror{t: t, root: root, files: map[string]string{}, seen: map[string][]string{}}
	m.walk()
	return m
}

func (m *mirror) walk() {
	clear(m.files)
	_ = filepath.WalkDir(m.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && p != m.root && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir
		}
		if !d.IsDir() && wantTxt(d.Name()) {
			rel, _ := filepath.Rel(m.root, p)
			if data, err := os.ReadFile(p); err == nil {
				m.files[filepath.ToSlash(rel)] = string(data)
			}
		}
		return nil
	})
}

func (m *mirror) deliver(b Batch) {
	m.mu.Lock()
	block := m.block
	m.block = nil
	m.mu.Unlock()
	if block != nil {
		<-block
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.batches = append(m.batches, b)
	if b.Rescan {
		m.rescans++
		m.walk()
		return
	}
	for _, p := range b.Removed {
		for id := range m.files {
			if id == p || strings.HasPrefix(id, p+"/") {
				delete(m.files, id)
			}
		}
	}
	for _, p := range b.Changed {
		data, err := os.ReadFile(filepath.Join(m.root, filepath.FromSlash(p)))
		if err != nil {
			m.t.Errorf("reported changed, cannot read: %v", err)
			continue
		}
		m.files[p] = string(data)
		m.seen[p] = append(m.seen[p], string(data))
	}
}

func (m *mirror) warn(msg string) {
	m.mu.Lock()
	m.warnings = append(m.warnings, msg)
	m.mu.Unlock()
}

// snapshot is the mirror's files, and the tree's as they are on disk.
func (m *mirror) snapshot() (have, want map[string]string) {
	m.mu.Lock()
	have = maps.Clone(m.files)
	m.mu.Unlock()
	disk := &mirror{root: m.root, files: map[string]string{}}
	disk.walk()
	return have, disk.files
}

// waitInSync waits until the mirror matches the tree.
func (m *mirror) waitInSync(what string) {
	m.t.Helper()
	waitFor(m.t, what, func() bool {
		have, want := m.snapshot()
		return maps.Equal(have, want)
	}, func() string {
		have, want := m.snapshot()
		return fmt.Sprintf("mirror %v\ndisk   %v", slices.Sorted(maps.Keys(have)), slices.Sorted(maps.Keys(want)))
	})
}

// waitFor polls cond until it holds or a deadline passes.
func waitFor(t *testing.T, what string, cond func() bool, detail func() string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	pause := time.Millisecond
	for !cond() {
		if time.Now().After(deadline) {
			msg := "timed out waiting for " + what
			if detail != nil {
				msg += "\n" + detail()
			}
			t.Fatal(msg)
		}
		time.Sleep(pause)
		pause = min(2*pause, 50*time.Millisecond)
	}
}

func wantTxt(name string) bool { return strings.EqualFold(filepath.Ext(name), ".txt") }

func skipHidden(name string) bool { return strings.HasPrefix(name, ".") }

func start(t *testing.T, root string, opts Options) (*Watcher, *mirror) {
	t.Helper()
	m := newMirror(t, root)
	opts.Want, opts.SkipDir = wantTxt, skipHidden
	if opts.Warn == nil {
		opts.Warn = m.warn
	}
	w, err := Start(context.Background(), root, opts, m.deliver)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w, m
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestFollowsTree adds, changes, removes and renames files and folders, and
// the mirror follows each step from the batches alone.
func TestFollowsTree(t *testing.T) {
	root := t.TempDir()
	write(t, root, "a/one.txt", "one")
	write(t, root, "a/b/two.txt", "two")
	w, m := start(t, root, Options{})
	if st := w.Stats(); st.Watches != 3 || st.Polling {
		t.Fatalf("stats %+v, want 3 folders watched", st)
	}
	steps := []struct {
		what string
		do   func()
	}{
		{"a file added", func() { write(t, root, "three.txt", "three") }},
		{"a file changed, same size", func() { write(t, root, "a/one.txt", "ONE") }},
		{"a file changed, new size", func() { write(t, root, "a/b/two.txt", "two, longer") }},
		{"a file removed", func() { must(t, os.Remove(filepath.Join(root, "three.txt"))) }},
		{"a file renamed", func() { must(t, os.Rename(filepath.Join(root, "a/one.txt"), filepath.Join(root, "a/uno.txt"))) }},
		{"a file renamed away from .txt", func() {
			must(t, os.Rename(filepath.Join(root, "a/uno.txt"), filepath.Join(root, "a/uno.bak")))
		}},
		{"a file renamed to .txt", func() {
			must(t, os.Rename(filepath.Join(root, "a/uno.bak"), filepath.Join(root, "a/uno.txt")))
		}},
		{"a folder made and filled", func() {
			write(t, root, "c/d/e/deep.txt", "deep")
			write(t, root, "c/top.txt", "top")
		}},
		{"a file added in the new folder", func() { write(t, root, "c/d/e/deeper.txt", "deeper") }},
		{"a folder renamed", func() { must(t, os.Rename(filepath.Join(root, "c"), filepath.Join(root, "k"))) }},
		{"a file added below the renamed folder", func() { write(t, root, "k/d/e/after.txt", "after") }},
		{"a folder moved in whole", func() {
			outside := t.TempDir()
			write(t, outside, "in/x.txt", "x")
			write(t, outside, "in/y/z.txt", "z")
			must(t, os.Rename(filepath.Join(outside, "in"), filepath.Join(root, "in")))
		}},
		{"a folder moved out", func() {
			must(t, os.Rename(filepath.Join(root, "k"), filepath.Join(t.TempDir(), "k")))
		}},
		{"a folder removed", func() { must(t, os.RemoveAll(filepath.Join(root, "a"))) }},
		{"a hidden folder ignored", func() { write(t, root, ".git/objects/x.txt", "no") }},
		{"a file added in a moved-in folder", func() { write(t, root, "in/y/new.txt", "new") }},
	}
	for _, s := range steps {
		s.do()
		m.waitInSync(s.what)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.rescans != 0 || len(m.warnings) != 0 {
		t.Errorf("rescans %d, warnings %q: watching should have sufficed", m.rescans, m.warnings)
	}
	if _, ok := m.files[".git/objects/x.txt"]; ok {
		t.Error("a file in a hidden folder was reported")
	}
	// Stale watches would report the renamed folder's files under old names.
	for _, b := range m.batches {
		for _, p := range b.Changed {
			if strings.HasPrefix(p, "c/") && strings.Contains(p, "after") {
				t.Errorf("file reported under its folder's old name: %s", p)
			}
		}
	}
	if st := w.Stats(); st.Watches != 3 { // ".", in, in/y
		t.Errorf("%d folders watched at the end, want 3", st.Watches)
	}
}

// TestWrittenInPieces: a file written slowly, piece by piece, is reported
// once, whole, however long the writing takes.
func TestWrittenInPieces(t *testing.T) {
	root := t.TempDir()
	_, m := start(t, root, Options{})
	p := filepath.Join(root, "slow.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	var whole strings.Builder
	for i := range 20 {
		piece := "piece " + strconv.Itoa(i) + " of an article written slowly\n"
		whole.WriteString(piece)
		if _, err := f.WriteString(piece); err != nil {
			t.Fatal(err)
		}
		// Slower than the watcher's quiet time in total, faster than its
		// settle time between pieces: a pause of this kind is what a
		// scraper writing a response as it arrives makes.
		time.Sleep(40 * time.Millisecond)
	}
	must(t, f.Close())
	m.waitInSync("the slow file")
	m.mu.Lock()
	defer m.mu.Unlock()
	if got := m.seen["slow.txt"]; len(got) != 1 || got[0] != whole.String() {
		t.Errorf("reported %d times; texts %q", len(got), got)
	}
}

// TestOneBatch: many files copied at once arrive in one batch.
func TestOneBatch(t *testing.T) {
	root := t.TempDir()
	_, m := start(t, root, Options{})
	src := t.TempDir()
	for i := range 300 {
		write(t, src, fmt.Sprintf("f%03d.txt", i), "text "+strconv.Itoa(i))
	}
	must(t, os.Mkdir(filepath.Join(root, "new"), 0o755))
	for i := range 300 {
		data, err := os.ReadFile(filepath.Join(src, fmt.Sprintf("f%03d.txt", i)))
		must(t, err)
		write(t, root, fmt.Sprintf("new/f%03d.txt", i), string(data))
	}
	m.waitInSync("300 files")
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.batches) != 1 || len(m.batches[0].Changed) != 300 {
		sizes := []int{}
		for _, b := range m.batches {
			sizes = append(sizes, len(b.Changed))
		}
		t.Errorf("batches of %v files, want one of 300", sizes)
	}
}

// TestInjectedOverflow: when the system says it dropped events, the watcher
// asks for a rescan, which catches everything up, says so once, and keeps
// watching.
func TestInjectedOverflow(t *testing.T) {
	root := t.TempDir()
	write(t, root, "a/one.txt", "one")
	w, m := start(t, root, Options{})
	// Changes the watcher cannot see: made while the fault is pending is
	// not enough (it sees them), so make them behind its back by adding a
	// folder whose creation event we then pretend was lost.
	w.fault <- fsnotify.ErrEventOverflow
	waitFor(t, "a rescan", func() bool { m.mu.Lock(); defer m.mu.Unlock(); return m.rescans == 1 }, nil)
	w.fault <- fsnotify.ErrEventOverflow
	waitFor(t, "a second rescan", func() bool { m.mu.Lock(); defer m.mu.Unlock(); return m.rescans == 2 }, nil)
	m.mu.Lock()
	if len(m.warnings) != 1 || !strings.Contains(m.warnings[0], "dropped change events") {
		t.Errorf("warnings %q, want one about dropped events", m.warnings)
	}
	m.mu.Unlock()
	write(t, root, "a/two.txt", "two")
	m.waitInSync("a file after the overflow")
	if st := w.Stats(); st.Polling {
		t.Error("an overflow should not stop the watching")
	}
}

// TestRealOverflow overflows the kernel's queue for real: the watcher is held
// in a delivery while more files are made than the queue holds. The rescan
// catches every one of them up, and folders made during the overflow are
// watched afterwards.
func TestRealOverflow(t *testing.T) {
	if testing.Short() {
		t.Skip("makes thousands of files")
	}
	limit := 16384
	if data, err := os.ReadFile("/proc/sys/fs/inotify/max_queued_events"); err == nil {
		limit, _ = strconv.Atoi(strings.TrimSpace(string(data)))
	} else {
		t.Skip("not inotify")
	}
	if limit > 70000 {
		t.Skipf("the kernel's queue holds %d events: too many files to make", limit)
	}
	root := t.TempDir()
	w, m := start(t, root, Options{})
	release := make(chan struct{})
	m.mu.Lock()
	m.block = release
	m.mu.Unlock()
	write(t, root, "first.txt", "first")
	waitFor(t, "the watcher held in a delivery", func() bool { m.mu.Lock(); defer m.mu.Unlock(); return m.block == nil }, nil)
	// Each file costs the queue at least one event (its creation). The
	// folder's creation is lost with the rest, so its watch comes from the
	// resync.
	began := time.Now()
	for i := range limit + 100 {
		if i == limit/2 {
			write(t, root, "late/f.txt", "late")
		}
		write(t, root, fmt.Sprintf("f%05d.txt", i), "x")
	}
	t.Logf("made %d files in %v", limit+101, time.Since(began))
	close(release)
	m.waitInSync("every file made during the overflow")
	t.Logf("in sync after %v", time.Since(began))
	m.mu.Lock()
	if m.rescans == 0 || len(m.warnings) != 1 {
		t.Errorf("rescans %d, warnings %q: want a rescan and one warning", m.rescans, m.warnings)
	}
	m.mu.Unlock()
	write(t, root, "late/later.txt", "later")
	m.waitInSync("a file in a folder made during the overflow")
	if st := w.Stats(); st.Polling || st.Watches != 2 {
		t.Errorf("stats %+v, want 2 folders watched", st)
	}
}

// TestWatchLimit: when the system's limit on watches is reached, the
// watcher gives the watches back, says so once, and polls, so changes still
// arrive.
func TestWatchLimit(t *testing.T) {
	root := t.TempDir()
	write(t, root, "a/one.txt", "one")
	added := 0
	opts := Options{Poll: 50 * time.Millisecond, addWatch: func(w *fsnotify.Watcher, p string) error {
		if added++; added > 3 {
			return fmt.Errorf("add %s: %w", p, syscall.ENOSPC)
		}
		return w.Add(p)
	}}
	w, m := start(t, root, opts)
	write(t, root, "b/c/new.txt", "new") // the third and fourth folders: over the limit
	m.waitInSync("a file added past the watch limit")
	if st := w.Stats(); !st.Polling || st.Watches != 0 {
		t.Errorf("stats %+v, want polling and no watches", st)
	}
	must(t, os.Remove(filepath.Join(root, "a/one.txt")))
	m.waitInSync("a file removed while polling")
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.warnings) != 1 || !strings.Contains(m.warnings[0], "max_user_watches") {
		t.Errorf("warnings %q, want one naming the limit", m.warnings)
	}
}

// TestForcePoll: polling alone follows the tree.
func TestForcePoll(t *testing.T) {
	root := t.TempDir()
	w, m := start(t, root, Options{ForcePoll: true, Poll: 30 * time.Millisecond})
	write(t, root, "x/y.txt", "y")
	m.waitInSync("a file, polled")
	if st := w.Stats(); !st.Polling {
		t.Error("not polling")
	}
}

func TestStartRefusesMissingFolder(t *testing.T) {
	_, err := Start(context.Background(), filepath.Join(t.TempDir(), "nope"), Options{}, func(Batch) {})
	if err == nil {
		t.Fatal("no error for a missing folder")
	}
	f := filepath.Join(t.TempDir(), "file")
	must(t, os.WriteFile(f, nil, 0o644))
	if _, err := Start(context.Background(), f, Options{}, func(Batch) {}); err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Fatalf("err %v for a file", err)
	}
}

// TestSettleRules exercises the debounce on a clock of its own.
func TestSettleRules(t *testing.T) {
	t0 := time.Unix(1_000_000, 0)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	files := map[string]ident{}
	look := func(p string) (ident, bool) { id, ok := files[p]; return id, ok }
	c := newChanges(100*time.Millisecond, 250*time.Millisecond)

	// A file written at 0 and still at 0 when looked at, 100 ms later: its
	// time is too recent; it settles once it held for 250 ms.
	files["a"] = ident{size: 10, mtime: ms(0).UnixNano()}
	c.touch("a", ms(0))
	if b := c.due(ms(50), time.Second, look); !b.Empty() {
		t.Fatalf("reported before the quiet time: %+v", b)
	}
	if b := c.due(ms(100), time.Second, look); !b.Empty() {
		t.Fatalf("reported with a fresh mtime: %+v", b)
	}
	files["a"] = ident{size: 20, mtime: ms(120).UnixNano()} // grew without an event reaching us yet
	if b := c.due(ms(200), time.Second, look); !b.Empty() {
		t.Fatalf("reported while growing: %+v", b)
	}
	if b := c.due(ms(380), time.Second, look); len(b.Changed) != 1 {
		t.Fatalf("not reported once settled: %+v", b)
	}

	// A file moved in keeps its old mtime: reported at the first look.
	files["old"] = ident{size: 5, mtime: ms(-60_000).UnixNano()}
	c.touch("old", ms(1000))
	if b := c.due(ms(1100), time.Second, look); len(b.Changed) != 1 || b.Changed[0] != "old" {
		t.Fatalf("moved-in file: %+v", b)
	}

	// A settled change waits for one still in progress, up to maxDelay.
	files["b"] = ident{size: 1, mtime: ms(-60_000).UnixNano()}
	files["c"] = ident{size: 1, mtime: ms(2000).UnixNano()}
	c.touch("b", ms(2000))
	c.touch("c", ms(2000))
	if b := c.due(ms(2100), 500*time.Millisecond, look); !b.Empty() {
		t.Fatalf("delivered while c is in progress: %+v", b)
	}
	c.touch("c", ms(2500)) // c keeps changing
	files["c"] = ident{size: 2, mtime: ms(2500).UnixNano()}
	if b := c.due(ms(2600), 500*time.Millisecond, look); len(b.Changed) != 1 || b.Changed[0] != "b" {
		t.Fatalf("b held back past maxDelay: %+v", b)
	}
	delete(files, "c")
	if b := c.due(ms(2700), 500*time.Millisecond, look); len(b.Removed) != 1 || b.Removed[0] != "c" {
		t.Fatalf("a file gone: %+v", b)
	}
	if !c.empty() {
		t.Fatal("changes left over")
	}
}

// TestMovedAwayAndBack: a folder moved out of the tree and back, once at
// a time and then over and over; its own watch reports each move after
// the tree's folder reports the move in, so the last event said is that
// it went. The batches still end with what is there.
func TestMovedAwayAndBack(t *testing.T) {
	root := t.TempDir()
	for i := range 50 {
		write(t, root, fmt.Sprintf("2015/%02d/a%d.txt", i%5, i), strconv.Itoa(i))
	}
	away := filepath.Join(t.TempDir(), "away")
	_, m := start(t, root, Options{Quiet: 10 * time.Millisecond, Settle: 20 * time.Millisecond, MaxDelay: 50 * time.Millisecond})
	for round, times := range []int{1, 1, 1, 100, 1000} {
		for range times {
			must(t, os.Rename(filepath.Join(root, "2015"), away))
			must(t, os.Rename(away, filepath.Join(root, "2015")))
		}
		m.waitInSync(fmt.Sprintf("the tree after round %d", round))
	}
}

// TestLateRenameOfAFolderThatIsBack: the event that a folder went, read
// once it is back (its own watch reports a move back after the move in),
// reports what it holds again, after its removal.
func TestLateRenameOfAFolderThatIsBack(t *testing.T) {
	root := t.TempDir()
	write(t, root, "2015/01/a.txt", "a")
	write(t, root, "2015/b.txt", "b")
	opts := Options{Want: wantTxt, SkipDir: skipHidden, addWatch: func(*fsnotify.Watcher, string) error { return nil }}.withDefaults()
	w := &Watcher{root: root, opts: opts, dirs: map[string]struct{}{}, toAdd: map[string]bool{}, set: newChanges(opts.Quiet, opts.Settle), warned: map[string]bool{}}
	if err := w.addTree("."); err != nil {
		t.Fatal(err)
	}
	w.onEvent(fsnotify.Event{Name: filepath.Join(root, "2015"), Op: fsnotify.Rename})
	w.addPending()
	b := w.set.flush(w.look)
	if fmt.Sprint(b.Removed, b.Changed) != "[2015] [2015/01/a.txt 2015/b.txt]" {
		t.Errorf("batch %+v: want 2015 removed, then what it holds changed", b)
	}
	if _, ok := w.dirs["2015/01"]; !ok {
		t.Errorf("folders watched: %v", w.dirs)
	}
}

// TestStormBounded: a storm of creates and deletes, more files than may
// wait to settle, is dropped for a full comparison, said once; the mirror
// ends as the tree is.
func TestStormBounded(t *testing.T) {
	root := t.TempDir()
	_, m := start(t, root, Options{MaxPending: 50, Quiet: 20 * time.Millisecond, Settle: 50 * time.Millisecond})
	began := time.Now()
	for i := range 1000 {
		write(t, root, fmt.Sprintf("storm/%d.txt", i), strconv.Itoa(i))
		if i%2 == 1 {
			must(t, os.Remove(filepath.Join(root, "storm", fmt.Sprintf("%d.txt", i))))
		}
	}
	t.Logf("1000 files made and 500 removed in %v", time.Since(began))
	m.waitInSync("the tree after the storm")
	m.mu.Lock()
	defer m.mu.Unlock()
	said := 0
	for _, w := range m.warnings {
		if strings.Contains(w, "more than 50 files changed at once") {
			said++
		}
	}
	if said != 1 || m.rescans == 0 {
		t.Errorf("warnings %q, %d rescans: want the bound said once, and a rescan", m.warnings, m.rescans)
	}
}

// TestLostWatchRestored: a folder's watch lost behind the watcher's back
// is set up again by the next resync (after an overflow), so later
// changes in that folder are seen.
func TestLostWatchRestored(t *testing.T) {
	root := t.TempDir()
	write(t, root, "a/one.txt", "one")
	w, m := start(t, root, Options{Quiet: 10 * time.Millisecond, Settle: 20 * time.Millisecond})
	must(t, w.fsw.Remove(filepath.Join(root, "a"))) // as fsnotify does on a move of the folder itself
	w.fault <- fsnotify.ErrEventOverflow
	waitFor(t, "the rescan", func() bool { m.mu.Lock(); defer m.mu.Unlock(); return m.rescans == 1 }, nil)
	write(t, root, "a/two.txt", "two")
	m.waitInSync("a file in the folder whose watch was lost")
}
