package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var actions = []string{"open", "quit", "filter"}

func TestExampleParses(t *testing.T) {
	c, err := Parse([]byte(Example), actions)
	if err != nil {
		t.Fatal(err)
	}
	if c.Sort != "date" || c.Width != 80 || c.Theme != "auto" || len(c.Keys["open"]) != 2 || len(c.Searches) != 1 {
		t.Errorf("%+v", c)
	}
}

func TestBadLinesRefusedWithTheirNumber(t *testing.T) {
	tests := []struct {
		in   string
		line int
		want string
	}{
		{"sort = \"date\"\nwidth = \"wide\"\n", 2, "width"},
		{"sort = \"date\"\n\ncolour = \"red\"\n", 3, "unknown setting \"colour\""},
		{"sort = \"sideways\"\n", 1, "sort"},
		{"# a comment\nwidth = 500\n", 2, "20 to 240"},
		{"theme = \"pink\"\n", 1, "auto, dark or light"},
		{"sort = \"date\"\nkeep = \"soon\"\n", 2, "want a duration"},
		{"keep = \"-5m\"\n", 1, "want a duration"},
		{"sort = \n", 1, ""},
		{"[keys]\nopen = \"enter\"\n", 2, "keys.open"},
		{"\n[keys]\nopen = [\"o\"]\nfly = [\"x\"]\n", 4, "no such action"},
		{"[[search]]\nname = \"a\"\nquery = \"x\"\n[[search]]\nname = \"b\"\n", 4, "without a query"},
		{"[[search]]\nname = \"a\"\nquery = \"x\"\nfolder = 1\n", 4, "search.folder"},
		{"[[search]]\nname = \"a\"\nquery = \"after:someday\"\n", 1, "mean nothing"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in), actions)
		var e *Error
		if !errors.As(err, &e) || e.Line != tt.line || !strings.Contains(e.Problem, tt.want) {
			t.Errorf("%q: %v (line %d), want line %d with %q", tt.in, err, lineOf(e), tt.line, tt.want)
		}
	}
}

func lineOf(e *Error) int {
	if e == nil {
		return -1
	}
	return e.Line
}

func TestLoadNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"XDG_CONFIG_HOME": dir}
	getenv := func(k string) string { return env[k] }
	c, err := Load(getenv, actions)
	if err != nil || c.Found || c.Path != filepath.Join(dir, "folio", "config.toml") {
		t.Fatalf("missing file: %+v %v", c, err)
	}
	os.MkdirAll(filepath.Join(dir, "folio"), 0o700)
	os.WriteFile(c.Path, []byte("width = 72\nwat = 1\n"), 0o600)
	_, err = Load(getenv, actions)
	if err == nil || err.Error() != c.Path+":2: unknown setting \"wat\" (known: sort, width, theme, keep, [keys], [[search]] with name and query)" {
		t.Errorf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(Example))
	f.Add([]byte("[keys]\nopen=[]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse(data, actions)
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("not an *Error: %T %v", err, err)
		}
	})
}
