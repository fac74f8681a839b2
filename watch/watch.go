// Package watch follows a folder tree while a program runs: it watches every
// folder (one fsnotify watch each, new folders as they appear), waits until a
// file has stopped changing, and hands the changes over in batches of paths.
// When the system cannot watch, or lost events, it says so once and falls
// back to asking for a full comparison (a rescan), periodically if need be,
// so that no change is ever lost silently. It never opens a file: it lists
// folders and looks at sizes and times; reading is the loader's job.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batch is what changed below the root since the last batch. Paths are
// relative to the root, slash-separated, sorted. Apply Removed before
// Changed: a folder may be removed and made again within one batch.
type Batch struct {
	Changed []string // files added or changed, settled (their size and time held still)
	Removed []string // files or folders removed; a folder stands for everything that was below it
	// Rescan: changes may have been missed (the watcher fell back to
	// polling, or the system dropped events); compare every file with what
	// was loaded. Changed and Removed are empty then.
	Rescan bool
}

// Empty reports whether the batch says nothing.
func (b Batch) Empty() bool { return len(b.Changed) == 0 && len(b.Removed) == 0 && !b.Rescan }

// Options tune a Watcher; the zero value is ready to use.
type Options struct {
	Want    func(name string) bool // files to report, by base name; nil: every file
	SkipDir func(name string) bool // folders not to enter, by base name (the root is always entered); nil: none

	// Quiet is how long no event may touch a path before it is looked at;
	// Settle how long a file's size and modification time must hold before
	// it is reported, so a file written in pieces is reported once, whole.
	Quiet, Settle time.Duration // defaults 100ms, 250ms
	// MaxDelay bounds how long a settled change waits for others still in
	// progress, so that a thousand files copied at once arrive as one batch
	// but a folder that is written to all the time still shows its news.
	MaxDelay time.Duration // default 500ms
	// Poll is the interval of rescans when watching is not possible; zero
	// adapts it to the time a rescan takes (50 times that, between 2 s and
	// a minute), so polling a big corpus costs at most 2% of a core.
	Poll time.Duration

	// Warn is told, once for each reason, why watching fell back or missed
	// changes. It may be nil.
	Warn func(msg string)

	// MaxPending bounds the paths waiting to settle: past it they are
	// dropped and one full comparison is asked for instead, so a storm of
	// creates and deletes costs a bounded map. Default 65,536.
	MaxPending int

	// Poll instead of watching, as when watching is impossible (tests, and
	// file systems known to send no events).
	ForcePoll bool

	// addWatch replaces the watcher's Add, for tests of the watch limit.
	addWatch func(w *fsnotify.Watcher, path string) error
}

func (o Options) withDefaults() Options {
	if o.Want == nil {
		o.Want = func(string) bool { return true }
	}
	if o.SkipDir == nil {
		o.SkipDir = func(string) bool { return false }
	}
	if o.Quiet <= 0 {
		o.Quiet = 100 * time.Millisecond
	}
	if o.Settle <= 0 {
		o.Settle = 250 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 500 * time.Millisecond
	}
	if o.Warn == nil {
		o.Warn = func(string) {}
	}
	if o.MaxPending <= 0 {
		o.MaxPending = 1 << 16
	}
	if o.addWatch == nil {
		o.addWatch = func(w *fsnotify.Watcher, path string) error { return w.Add(path) }
	}
	return o
}

// Watcher follows one tree. Start it with Start, stop it with Close.
type Watcher struct {
	root    string // absolute, cleaned
	opts    Options
	deliver func(Batch)

	fsw  *fsnotify.Watcher // nil while polling
	dirs map[string]struct{}
	// toAdd are folders that came, or went and may be back, to be looked
	// at once events pause a moment (addPending): a folder moved away and
	// back a thousand times is walked once, not a thousand times.
	toAdd  map[string]bool
	set    *changes
	warned map[string]bool
	fault  chan error // injected errors, for tests

	syncs   chan syncRequest
	cookies map[string][]chan struct{} // cookie file → the Syncs waiting for its event
	watched map[string]bool            // cookie folders watched

	mu      sync.Mutex // guards the fields below, for Stats
	polling bool
	watches int

	cancel context.CancelFunc
	done   chan struct{}
}

// Stats says how the watcher follows the tree.
type Stats struct {
	Watches int  // folders watched
	Polling bool // rescanning on a timer instead of watching
}

// Start begins to follow the tree at root, calling deliver with each batch,
// from one goroutine, one batch at a time (a slow deliver delays the next
// batch, never reorders them). Every folder is watched before Start returns,
// so a caller that loads the tree afterwards misses nothing. It fails only
// when root is not a readable folder; when watching is impossible it polls,
// and says why through Options.Warn.
func Start(ctx context.Context, root string, opts Options, deliver func(Batch)) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if info, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	} else if !info.IsDir() {
		return nil, fmt.Errorf("watch %s: not a folder", root)
	}
	opts = opts.withDefaults()
	ctx, cancel := context.WithCancel(ctx)
	w := &Watcher{
		root: abs, opts: opts, deliver: deliver,
		dirs:    make(map[string]struct{}),
		toAdd:   make(map[string]bool),
		set:     newChanges(opts.Quiet, opts.Settle),
		warned:  make(map[string]bool),
		fault:   make(chan error, 1),
		syncs:   make(chan syncRequest),
		cookies: make(map[string][]chan struct{}),
		watched: make(map[string]bool),
		cancel:  cancel,
		done:    make(chan struct{}),
	}
	switch fstype, silent := silentFS(abs); {
	case opts.ForcePoll:
		w.setPolling(true)
	case silent:
		// Changes made on this machine still send events; changes made
		// by others (another NFS client, the far side of sshfs) do not.
		w.startWatching()
		w.setPolling(true)
		w.warn("silent", "the file system of "+root+" ("+fstype+") does not report changes made elsewhere: checking the whole folder periodically as well")
	default:
		w.startWatching()
	}
	go w.run(ctx)
	return w, nil
}

// Close stops watching and waits until the last batch was delivered.
func (w *Watcher) Close() error {
	w.cancel()
	<-w.done
	return nil
}

// Stats says how many folders are watched, or whether the watcher polls.
func (w *Watcher) Stats() Stats {
	w.mu.Lock()
	defer w.mu.Unlock()
	return Stats{Watches: w.watches, Polling: w.polling}
}

func (w *Watcher) setPolling(p bool) {
	w.mu.Lock()
	w.polling = p
	w.mu.Unlock()
}

func (w *Watcher) countWatches() {
	w.mu.Lock()
	w.watches = len(w.dirs)
	w.mu.Unlock()
}

// warn passes a message on, once per reason.
func (w *Watcher) warn(reason, msg string) {
	if w.warned[reason] {
		return
	}
	w.warned[reason] = true
	w.opts.Warn(msg)
}

// startWatching makes the fsnotify watcher and watches every folder; on
// failure it falls back to polling.
func (w *Watcher) startWatching() {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		w.fallBack("cannot watch for changes: " + describe(err))
		return
	}
	w.fsw = fsw
	if err := w.addTree("."); err != nil {
		w.fallBack(err.Error())
	}
}

// fallBack stops watching, for good, and polls instead.
func (w *Watcher) fallBack(why string) {
	if w.fsw != nil {
		w.fsw.Close() // gives the kernel's watches back to other programs
		w.fsw = nil
	}
	clear(w.dirs)
	clear(w.toAdd)
	w.countWatches()
	w.setPolling(true)
	w.warn("fallback", why+": checking the whole folder periodically instead; changes show with a delay")
}

// abs is the file-system path of a relative path.
func (w *Watcher) abs(rel string) string {
	if rel == "." {
		return w.root
	}
	return filepath.Join(w.root, filepath.FromSlash(rel))
}

// rel is the relative, slash-separated path of an event's name, or false
// when the name is not below the root.
func (w *Watcher) rel(name string) (string, bool) {
	if name == w.root {
		return ".", true
	}
	r, ok := strings.CutPrefix(name, w.root+string(filepath.Separator))
	if !ok || r == "" {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// addTree watches the folder rel and every folder below it, and marks every
// wanted file in them as changed (a folder moved in whole, or made and
// filled before its watch was in place). It returns an error only when
// watching must give up (the watch limit); folders that vanish meanwhile are
// skipped.
func (w *Watcher) addTree(rel string) error {
	stack := []string{rel}
	now := time.Now()
	for len(stack) > 0 {
		dir := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if err := w.opts.addWatch(w.fsw, w.abs(dir)); err != nil {
			if gone(err) {
				continue
			}
			return watchError(err)
		}
		w.dirs[dir] = struct{}{}
		entries, err := os.ReadDir(w.abs(dir))
		if err != nil {
			continue // unreadable: the loader reports it
		}
		for _, e := range entries {
			p := join(dir, e.Name())
			switch {
			case e.IsDir(): // never a link to a folder: the loader does not follow those
				if !w.opts.SkipDir(e.Name()) {
					stack = append(stack, p)
				}
			case w.opts.Want(e.Name()) && rel != ".":
				w.set.touch(p, now)
			}
		}
	}
	w.countWatches()
	return nil
}

// addPending watches the folders of toAdd that are folders now, and every
// folder below them, and marks what they hold as changed (see addTree).
func (w *Watcher) addPending() {
	for _, rel := range slices.Sorted(maps.Keys(w.toAdd)) {
		delete(w.toAdd, rel)
		if info, err := os.Lstat(w.abs(rel)); err != nil || !info.IsDir() {
			continue // gone again, for now
		}
		if err := w.addTree(rel); err != nil {
			w.fallBack(err.Error())
		}
	}
}

// removeTree forgets the folder rel and every folder below it, after it was
// removed or moved away, and reports it removed. The watches below it must
// go before any folder is watched again: inotify gives a folder moved
// within the tree the watch it had, under its old name.
func (w *Watcher) removeTree(rel string) {
	for d := range w.dirs {
		if d == rel || strings.HasPrefix(d, rel+"/") {
			delete(w.dirs, d)
			if w.fsw != nil {
				_ = w.fsw.Remove(w.abs(d)) // gone already, often: nothing to undo
			}
		}
	}
	w.countWatches()
	w.set.removeTree(rel)
}

func (w *Watcher) run(ctx context.Context) {
	defer close(w.done)
	defer w.removeCookies()
	defer func() {
		if w.fsw != nil {
			w.fsw.Close()
		}
	}()
	var tick *time.Ticker // runs only while changes are in progress
	var tickC <-chan time.Time
	var poll *time.Timer
	var pollC <-chan time.Time
	defer func() {
		if tick != nil {
			tick.Stop()
		}
		if poll != nil {
			poll.Stop()
		}
	}()
	for {
		// Idle costs nothing: with no change in progress nothing ticks, and
		// the goroutine sleeps until the kernel has news.
		switch busy := !w.set.empty() || len(w.toAdd) > 0; {
		case busy && tick == nil:
			tick = time.NewTicker(w.opts.Quiet / 2)
			tickC = tick.C
		case !busy && tick != nil:
			tick.Stop()
			tick, tickC = nil, nil
		}
		if w.Stats().Polling && poll == nil {
			poll = time.NewTimer(w.pollInterval(0))
			pollC = poll.C
		}
		var events <-chan fsnotify.Event
		var errs <-chan error
		if w.fsw != nil {
			events, errs = w.fsw.Events, w.fsw.Errors
		}
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-events:
			if !ok {
				w.fallBack("the change watcher stopped")
				w.syncAll(false)
				continue
			}
			if waiting, ok := w.cookies[ev.Name]; ok {
				w.synced(ev.Name, waiting)
				continue
			}
			w.onEvent(ev)
			w.bound()
		case req := <-w.syncs:
			w.startSync(req)
		case err, ok := <-errs:
			if !ok {
				w.fallBack("the change watcher stopped")
				continue
			}
			w.onError(err)
		case err := <-w.fault:
			w.onError(err)
		case now := <-tickC:
			w.addPending()
			if b := w.set.due(now, w.opts.MaxDelay, w.look); !b.Empty() {
				w.deliver(b)
			}
		case <-pollC:
			took := w.rescan()
			poll.Reset(w.pollInterval(took))
		}
	}
}

// pollInterval is the time to the next rescan, given the last one's length.
func (w *Watcher) pollInterval(took time.Duration) time.Duration {
	if w.opts.Poll > 0 {
		return w.opts.Poll
	}
	return min(max(50*took, 2*time.Second), time.Minute)
}

// bound drops the paths waiting to settle, for a full comparison, once
// they are more than Options.MaxPending.
func (w *Watcher) bound() {
	if w.set.size() <= w.opts.MaxPending {
		return
	}
	w.set.drop()
	w.warn("pending", fmt.Sprintf("more than %d files changed at once: the whole folder was checked again", w.opts.MaxPending))
	w.rescan()
}

// rescan asks for a full comparison and returns how long it took.
func (w *Watcher) rescan() time.Duration {
	start := time.Now()
	w.deliver(Batch{Rescan: true})
	return time.Since(start)
}

func (w *Watcher) onEvent(ev fsnotify.Event) {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return
	}
	if rel == "." {
		if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
			w.fallBack("the folder " + w.root + " itself was moved or removed")
		}
		return
	}
	name := pathBase(rel)
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		if _, isDir := w.dirs[rel]; isDir {
			w.removeTree(rel)
			// The event may be late: a folder moved away and back (its
			// own watch reports the move back after the move in is
			// reported), or replaced, may be there again. If it is, what
			// it holds is reported, as for a folder moved in.
			if !w.opts.SkipDir(name) {
				w.toAdd[rel] = true
			}
			return
		}
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			if !w.opts.SkipDir(name) {
				w.toAdd[rel] = true
			}
			return
		}
	}
	if w.opts.Want(name) {
		w.set.touch(rel, time.Now())
	}
}

func (w *Watcher) onError(err error) {
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		w.warn("overflow", "the system dropped change events (too many at once): the whole folder was checked again")
	} else {
		// Any other error from the kernel's side leaves us unsure what
		// was missed: check everything, keep watching.
		w.warn("error:"+err.Error(), "watching for changes: "+describe(err)+": the whole folder was checked again")
	}
	w.resync()
	w.syncAll(true) // the full comparison covers what they wait for, and their cookies' events may be among the lost
}

// resync brings the watches in line with the tree after events were lost,
// and asks for a full comparison; changes still settling stay pending, and
// are reported again when they settle.
func (w *Watcher) resync() {
	if w.fsw == nil {
		w.rescan()
		return
	}
	found := map[string]struct{}{}
	stack := []string{"."}
	for len(stack) > 0 {
		dir := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		found[dir] = struct{}{}
		entries, err := os.ReadDir(w.abs(dir))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if e.IsDir() && !w.opts.SkipDir(e.Name()) {
				stack = append(stack, join(dir, e.Name()))
			}
		}
	}
	for d := range w.dirs { // stale names first (see removeTree)
		if _, ok := found[d]; !ok {
			w.removeTree(d)
		}
	}
	// Every folder is watched again, not only the new ones: a watch the
	// system or fsnotify dropped meanwhile (a folder moved away and back
	// loses its own) is set up again; one that is there is left as it is.
	for _, d := range sortedKeys(found) {
		if err := w.opts.addWatch(w.fsw, w.abs(d)); err != nil && !gone(err) {
			w.fallBack(watchError(err).Error())
			break
		}
		w.dirs[d] = struct{}{}
	}
	w.countWatches()
	w.rescan()
}

// look returns a file's size and modification time, or false when it is
// gone (or is a folder now).
func (w *Watcher) look(rel string) (ident, bool) {
	info, err := os.Lstat(w.abs(rel))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return ident{}, false
		}
		// Unreadable but there: report it, so the loader says why.
		return ident{size: -1}, true
	}
	if info.IsDir() {
		return ident{}, false
	}
	return ident{size: info.Size(), mtime: info.ModTime().UnixNano()}, true
}

// watchError explains a failed watch.
func watchError(err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return errors.New("the system's limit on watched folders is reached (raise fs.inotify.max_user_watches)")
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		return errors.New("too many open files to watch every folder")
	}
	return fmt.Errorf("cannot watch for changes: %s", describe(err))
}

// gone reports an error that means the folder is no longer there.
func gone(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

func describe(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func join(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

func pathBase(rel string) string {
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		return rel[i+1:]
	}
	return rel
}

func sortedKeys(m map[string]struct{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
