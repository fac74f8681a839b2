package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStateAndConfigE2E: marks made by one run are seen by the next, and a
// settings file with a mistake stops folio with status 2, naming the file
// and the line.
func TestStateAndConfigE2E(t *testing.T) {
	bin := build(t)
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	conf := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", conf)

	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join("..", "..", "samples", "articles", filepath.FromSlash(seedID)))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(dir, "2022", "01"), 0o755)
	os.WriteFile(filepath.Join(dir, filepath.FromSlash(seedID)), data, 0o644)

	if r := runBin(t, bin, "mark", dir, seedID, "--star"); r.code != 0 {
		t.Fatalf("mark: %d %s", r.code, r.stderr)
	}
	if r := runBin(t, bin, "list", dir, "-q", "is:starred"); !strings.HasPrefix(r.stdout, seedID+"\t") {
		t.Errorf("list is:starred: %q %s", r.stdout, r.stderr)
	}
	if r := runBin(t, bin, "mark", dir, "missing.txt", "--read"); r.code != 1 || !strings.Contains(r.stderr, "missing.txt") {
		t.Errorf("unknown ID: %d %q", r.code, r.stderr)
	}

	path := filepath.Join(conf, "folio", "config.toml")
	os.MkdirAll(filepath.Dir(path), 0o700)
	os.WriteFile(path, []byte("sort = \"title\"\nwidth = 72\nshape = \"round\"\n"), 0o600)
	for _, args := range [][]string{{"list", dir}, {dir}, {"config"}} {
		r := runBin(t, bin, args...)
		if r.code != 2 || !strings.Contains(r.stderr, path+":3:") || !strings.Contains(r.stderr, `"shape"`) {
			t.Errorf("%v with a bad config: %d %q", args, r.code, r.stderr)
		}
	}
	os.WriteFile(path, []byte("sort = \"title\"\nwidth = 72\n"), 0o600)
	if r := runBin(t, bin, "config"); r.code != 0 || !strings.Contains(r.stdout, "sort    title") || !strings.Contains(r.stdout, "width   72") {
		t.Errorf("config: %d %q %q", r.code, r.stdout, r.stderr)
	}
}

// TestSettingsFileKeys runs folio on the settings files of the README and
// of folio config --example, and on the key mistakes a user makes.
func TestSettingsFileKeys(t *testing.T) {
	bin := build(t)
	conf := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", conf)
	path := filepath.Join(conf, "folio", "config.toml")
	os.MkdirAll(filepath.Dir(path), 0o700)

	example := runBin(t, bin, "config", "--example")
	for _, tt := range []struct {
		file string
		code int
		says string
	}{
		{example.stdout, 0, "key     reader.next = ], L"},
		{"[keys]\nopen = [\"enter\", \"o\"]\nstar = [\"*\", \"s\"]\n", 2, `:3: [keys] star: "s" is also sort's key in the list`},
		{"[keys]\nopen = [\"ctrl+shift+foo\"]\n", 2, `:2: [keys] open: no key is called "foo"`},
		{"[keys]\nreader.next = [\"L\"]\n", 0, "key     reader.next = L"},
		{"[keys.reader]\nnext = [\"L\"]\nback = [\"x\"]\n", 0, "key     reader.back = x"},
		{"[keys]\n\"reader.next\" = [\"L\"]\n", 0, "key     reader.next = L"},
		{"[keys.reader]\nnext = [\"L\"]\nprevious = [\"L\"]\n", 2, `:3: [keys] reader.previous: "L" is also reader.next's key in the reader`},
		{"sort = \"title\"\nwidth = \"80\"\n", 2, `:2: width: expected a number such as 80, got the text "80"`},
	} {
		os.WriteFile(path, []byte(tt.file), 0o600)
		for _, args := range [][]string{{"config"}, {"list"}} {
			r := runBin(t, bin, args...)
			out := r.stdout + r.stderr
			if args[0] == "list" && tt.code == 0 {
				if r.code != 0 {
					t.Errorf("list with %q: %d %s", tt.file, r.code, r.stderr)
				}
				continue
			}
			if r.code != tt.code || !strings.Contains(out, tt.says) {
				t.Errorf("folio %v with\n%s: %d %q, want %d %q", args, tt.file, r.code, out, tt.code, tt.says)
			}
		}
	}
}
