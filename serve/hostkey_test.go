package serve

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestHostKeyCreated(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "data", "folio", "host_ed25519")
	key, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("key file mode %04o, want 0600", perm)
	}
	for _, dir := range []string{filepath.Join(root, "data"), filepath.Join(root, "data", "folio")} {
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if perm := info.Mode().Perm(); perm != 0o700 {
			t.Errorf("folder %s mode %04o, want 0700", dir, perm)
		}
	}
	again, err := HostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(key, again) {
		t.Error("the key changed on the second start")
	}
	// A server starts with it.
	if _, err := New(Config{Corpus: sampleCorpus(t), HostKey: key, Open: true}); err != nil {
		t.Fatal(err)
	}
}

func TestHostKeyReadableByOthersRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "host_ed25519")
	if _, err := HostKey(path); err != nil {
		t.Fatal(err)
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		_, err := HostKey(path)
		if err == nil || !strings.Contains(err.Error(), "read by other users") {
			t.Errorf("mode %04o: err = %v, want a refusal", mode, err)
		}
	}
}

func TestHostKeyNotAKey(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "host_ed25519")
	if err := os.WriteFile(path, []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := HostKey(path); err == nil {
		t.Error("garbage accepted as a host key")
	}
	if _, err := HostKey(dir); err == nil {
		t.Error("a folder accepted as a host key")
	}
}

func TestHostKeyNeverInWorkingDirectory(t *testing.T) {
	wd := t.TempDir()
	t.Chdir(wd)
	if _, err := New(Config{Corpus: sampleCorpus(t), Open: true}); err == nil {
		t.Fatal("a server without a host key was built")
	}
	_, addr, _ := start(t, Config{NewModel: newProbe})
	run(t, mustDial(t, addr, nil), "version")
	entries, _ := os.ReadDir(wd)
	if len(entries) != 0 {
		t.Errorf("files appeared in the working directory: %v", entries)
	}
}

func TestDefaultHostKeyPath(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_DATA_HOME": "/x/data", "HOME": "/home/a"}, "/x/data/folio/host_ed25519"},
		{map[string]string{"XDG_DATA_HOME": "relative", "HOME": "/home/a"}, "/home/a/.local/share/folio/host_ed25519"},
		{map[string]string{"HOME": "/home/a"}, "/home/a/.local/share/folio/host_ed25519"},
	}
	for _, tt := range tests {
		got, err := DefaultHostKeyPath(func(k string) string { return tt.env[k] })
		if err != nil || got != tt.want {
			t.Errorf("%v: %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
	if _, err := DefaultHostKeyPath(func(k string) string { return map[string]string{"HOME": "rel"}[k] }); err == nil {
		t.Error("a relative HOME was used")
	}
}

func TestLimiter(t *testing.T) {
	l := newLimiter(1, 2, 3)
	now := time.Unix(1000, 0)
	for i, want := range []bool{true, true, false} {
		if got := l.allow("a", now); got != want {
			t.Errorf("take %d: %v, want %v", i, got, want)
		}
	}
	if !l.allow("b", now) {
		t.Error("another address was limited")
	}
	if !l.allow("a", now.Add(time.Second)) {
		t.Error("no token after a second")
	}
	// The map stays bounded.
	for i := range 100 {
		l.allow(string(rune('A'+i)), now)
	}
	if len(l.buckets) > 3 {
		t.Errorf("%d buckets, want at most 3", len(l.buckets))
	}
}
