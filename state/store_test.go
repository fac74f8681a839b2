package state

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/folio-reader/folio/model"
)

func art(id string) *model.Article {
	return &model.Article{ID: id, Hash: uint64(len(id))*7919 + uint64(id[0])}
}

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, notice, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if notice != "" {
		t.Fatalf("unexpected notice: %s", notice)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMarksSurviveRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	s := open(t, path)
	a, b, c := art("a.txt"), art("b.txt"), art("c.txt")
	s.SetRead(true, a, b)
	s.SetStarred(true, b)
	s.SetTag("follow-up", true, a, c)
	s.SetTag("later", true, c)
	s.SetTag("later", false, c)
	s.SetRead(false, b)
	s.SaveSearch("russia", "russia after:2022")
	s.SaveSearch("gone", "x")
	s.DeleteSearch("gone")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2 := open(t, path)
	for id, want := range map[string]Marks{
		"a.txt": {Read: true, Tags: []string{"follow-up"}},
		"b.txt": {Starred: true},
		"c.txt": {Tags: []string{"follow-up"}},
		"d.txt": {},
	} {
		if got := s2.Get(id); got.Read != want.Read || got.Starred != want.Starred || !slices.Equal(got.Tags, want.Tags) {
			t.Errorf("%s: %+v, want %+v", id, got, want)
		}
	}
	if got := s2.Searches(); !slices.Equal(got, []Search{{"russia", "russia after:2022"}}) {
		t.Errorf("searches %v", got)
	}
	if names, counts := s2.Tags(); !slices.Equal(names, []string{"follow-up"}) || !slices.Equal(counts, []int{2}) {
		t.Errorf("tags %v %v", names, counts)
	}
}

// TestTwoWritersKeepEachOthersChanges: the command line marks an article
// while a reader has the same store open; the reader's later change to the
// same article keeps the command line's.
func TestTwoWritersKeepEachOthersChanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	reader := open(t, path)
	a := art("a.txt")
	reader.SetRead(true, a)
	if err := reader.Sync(); err != nil {
		t.Fatal(err)
	}
	cli := open(t, path) // waits for the reader to let the file go
	cli.SetTag("x", true, a)
	if err := cli.Close(); err != nil {
		t.Fatal(err)
	}
	reader.SetStarred(true, a)
	if err := reader.Close(); err != nil {
		t.Fatal(err)
	}
	got := open(t, path).Get("a.txt")
	if !got.Read || !got.Starred || !slices.Equal(got.Tags, []string{"x"}) {
		t.Errorf("got %+v", got)
	}
}

// TestKilledDuringBurst kills a process while it marks articles as fast as
// it can; every mark it acknowledged (after Sync) must be in the store,
// which must open as it is, not be moved aside.
func TestKilledDuringBurst(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := filepath.Join(t.TempDir(), "s.db")
	for round := range 3 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMarker$")
		cmd.Env = append(os.Environ(), "FOLIO_STATE_MARKER="+path, "FOLIO_STATE_ROUND="+strconv.Itoa(round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var acked []string
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if id, ok := strings.CutPrefix(sc.Text(), "ack "); ok {
				acked = append(acked, id)
			}
			if len(acked) >= 300+round*97 {
				break
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if len(acked) == 0 {
			t.Fatal("the marker acknowledged nothing")
		}
		s, notice, err := Open(path)
		if err != nil || notice != "" {
			t.Fatalf("round %d: open after kill: %v %q", round, err, notice)
		}
		for _, id := range acked {
			if m := s.Get(id); !m.Read || !slices.Equal(m.Tags, []string{"burst"}) {
				t.Fatalf("round %d: acknowledged %s lost: %+v", round, id, m)
			}
		}
		t.Logf("round %d: %d acknowledged, %d in the store", round, len(acked), s.Len())
		s.Close()
	}
}

// TestHelperMarker is the process TestKilledDuringBurst kills.
func TestHelperMarker(t *testing.T) {
	path := os.Getenv("FOLIO_STATE_MARKER")
	if path == "" {
		t.Skip("run by TestKilledDuringBurst")
	}
	s, _, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	round := os.Getenv("FOLIO_STATE_ROUND")
	for i := 0; ; i++ {
		// Bursts of a few marks, then a sync that acknowledges them.
		var ids []string
		for j := range 1 + i%5 {
			id := fmt.Sprintf("r%s/%06d-%d.txt", round, i, j)
			a := art(id)
			s.SetRead(true, a)
			s.SetTag("burst", true, a)
			ids = append(ids, id)
		}
		if err := s.Sync(); err != nil {
			fmt.Println("error", err)
			os.Exit(1)
		}
		for _, id := range ids {
			fmt.Println("ack", id)
		}
	}
}

func TestCorruptStoreMovedAside(t *testing.T) {
	good := filepath.Join(t.TempDir(), "good.db")
	s := open(t, good)
	for i := range 2000 {
		s.SetTag("t"+strconv.Itoa(i%7), true, art(fmt.Sprintf("%05d.txt", i)))
	}
	s.Close()
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string]func([]byte) []byte{
		"garbage":   func([]byte) []byte { return []byte("this is not a database, just some text\n") },
		"empty":     func([]byte) []byte { return nil },
		"truncated": func(b []byte) []byte { return b[:len(b)/3] },
		"meta":      func(b []byte) []byte { b = slices.Clone(b); b[20] ^= 0xff; b[4096+20] ^= 0xff; return b },
		"flipped": func(b []byte) []byte {
			b = slices.Clone(b)
			for i := 2 * 4096; i < len(b); i += 61 {
				b[i] ^= 0x5a
			}
			return b
		},
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			if raceDetector && (name == "truncated" || name == "flipped") {
				t.Skip("a fault in the mapped file under the race detector ends the process (see raceDetector)")
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "s.db")
			if err := os.WriteFile(path, f(data), 0o600); err != nil {
				t.Fatal(err)
			}
			s, notice, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if name == "empty" && notice == "" {
				return // bbolt makes a fresh store of an empty file: nothing was lost
			}
			if !strings.Contains(notice, "moved to") || !strings.Contains(notice, path) {
				t.Fatalf("notice %q", notice)
			}
			aside, _ := filepath.Glob(filepath.Join(dir, "s.db.broken-*"))
			if len(aside) != 1 {
				t.Fatalf("set aside: %v", aside)
			}
			if kept, _ := os.ReadFile(aside[0]); !slices.Equal(kept, f(data)) {
				t.Error("the damaged file was not kept as it was")
			}
			s.SetRead(true, art("x.txt"))
			if err := s.Sync(); err != nil {
				t.Fatal(err)
			}
			s.Close()
			if !open(t, path).Get("x.txt").Read {
				t.Error("the fresh store lost a mark")
			}
		})
	}
}

func TestMemoryStore(t *testing.T) {
	s := Memory()
	s.SetStarred(true, art("a.txt"))
	if !s.Get("a.txt").Starred || s.Persistent() || s.Sync() != nil || s.Close() != nil {
		t.Error("memory store")
	}
}

func TestPaths(t *testing.T) {
	env := map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/u"}
	get := func(k string) string { return env[k] }
	p, _ := PathFor(get, "/news/2022")
	if !strings.HasPrefix(p, "/x/state/folio/2022-") || !strings.HasSuffix(p, ".db") {
		t.Errorf("PathFor = %s", p)
	}
	q, _ := PathFor(get, "/other/2022")
	if p == q {
		t.Error("two corpora share a store")
	}
	delete(env, "XDG_STATE_HOME")
	if p, _ := PathFor(get, ""); p != "/home/u/.local/state/folio/samples.db" {
		t.Errorf("PathFor samples = %s", p)
	}
	a, _ := PathForKey(get, "/news", "SHA256:aaa")
	b, _ := PathForKey(get, "/news", "SHA256:bbb")
	if a == b || !strings.Contains(a, "/serve/") {
		t.Errorf("PathForKey: %s %s", a, b)
	}
}

func TestDecodeEntryRoundTrip(t *testing.T) {
	e := &entry{hash: 42, Marks: Marks{Read: true, Tags: []string{"a", "b/c", "日本"}}}
	got, err := decodeEntry(encodeEntry(e))
	if err != nil || got.hash != 42 || !got.Read || got.Starred || !slices.Equal(got.Tags, e.Tags) {
		t.Errorf("%+v %v", got, err)
	}
}

func FuzzDecodeEntry(f *testing.F) {
	f.Add(encodeEntry(&entry{hash: 1, Marks: Marks{Starred: true, Tags: []string{"x"}}}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := decodeEntry(b)
		if err != nil {
			return
		}
		again, err := decodeEntry(encodeEntry(e))
		if err != nil || again.hash != e.hash || again.Read != e.Read || !slices.Equal(again.Tags, e.Tags) {
			t.Fatalf("round trip: %+v → %+v %v", e, again, err)
		}
	})
}
