package config

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// check stands in for ui.CheckKeys: three actions, and x is no key.
func check(given map[string][]string) (string, error) {
	keys := maps.Clone(given)
	for _, name := range []string{"filter", "open", "quit", "reader.next"} {
		delete(keys, name)
	}
	for name := range keys {
		return name, errors.New("no such action")
	}
	return "", nil
}

func TestExampleParses(t *testing.T) {
	c, err := Parse([]byte(Example), check)
	if err != nil {
		t.Fatal(err)
	}
	if c.Sort != "date" || c.Width != 80 || c.Theme != "auto" || len(c.Keys["open"]) != 2 || len(c.Keys["reader.next"]) != 2 || len(c.Searches) != 1 {
		t.Errorf("%+v", c)
	}
}

func TestBadLinesRefusedWithTheirNumber(t *testing.T) {
	tests := []struct {
		in   string
		line int
		want string
	}{
		{"sort = \"date\"\nwidth = \"80\"\n", 2, `width: expected a number such as 80, got the text "80"`},
		{"width = 8.5\n", 1, "width: expected a number such as 80, got the number 8.5"},
		{"\nsort = 3\n", 2, `sort: expected a word such as "date", in quotes, got the number 3`},
		{"theme = true\n", 1, "got true"},
		{"keys = 1\n", 1, "keys: expected a table"},
		{"[keys]\nopen = [1]\n", 2, `keys.open: expected keys in quotes, such as ["enter", "o"], got the number 1`},
		{"[keys]\nreader.back = \"x\"\n", 2, "keys.reader.back: expected a list of keys"},
		{"[keys]\n\"reader.next\" = [\"a\"]\nreader.next = [\"b\"]\n", 3, "given twice"},
		{"[keys.reader]\nnext = [\"a\"]\nfly = [\"b\"]\n", 3, "[keys] reader.fly: no such action"},
		{"[keys]\nreader.fly = [\"b\"]\n", 2, "[keys] reader.fly: no such action"},
		{"[[search]]\nname = 1\n", 2, "search.name: expected text in quotes, got the number 1"},
		{"search = 1\n", 1, "search: expected tables"},
		{"sort = \"date\"\n\ncolour = \"red\"\n", 3, "unknown setting \"colour\""},
		{"sort = \"sideways\"\n", 1, "sort"},
		{"# a comment\nwidth = 500\n", 2, "20 to 240"},
		{"theme = \"pink\"\n", 1, "auto, dark or light"},
		{"sort = \"date\"\nkeep = \"soon\"\n", 2, "want a duration"},
		{"keep = \"-5m\"\n", 1, "want a duration"},
		{"sort = \n", 1, ""},
		{"[keys]\nopen = \"enter\"\n", 2, "keys.open: expected a list of keys, such as [\"enter\", \"o\"], got the text \"enter\""},
		{"\n[keys]\nopen = [\"o\"]\nfly = [\"x\"]\n", 4, "no such action"},
		{"[[search]]\nname = \"a\"\nquery = \"x\"\n[[search]]\nname = \"b\"\n", 4, "without a query"},
		{"[[search]]\nname = \"a\"\nquery = \"x\"\nfolder = 1\n", 4, "search.folder"},
		{"[[search]]\nname = \"a\"\nquery = \"after:someday\"\n", 3, "mean nothing"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in), check)
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
	c, err := Load(getenv, check)
	if err != nil || c.Found || c.Path != filepath.Join(dir, "folio", "config.toml") {
		t.Fatalf("missing file: %+v %v", c, err)
	}
	os.MkdirAll(filepath.Join(dir, "folio"), 0o700)
	os.WriteFile(c.Path, []byte("width = 72\nwat = 1\n"), 0o600)
	_, err = Load(getenv, check)
	if err == nil || err.Error() != c.Path+":2: unknown setting \"wat\" (known: sort, width, theme, keep, [keys], [[search]] with name and query)" {
		t.Errorf("got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(Example))
	f.Add([]byte("[keys]\nopen=[]\n"))
	f.Add([]byte("[keys.reader]\nnext = [\"x\"]\n[keys]\n\"reader.next\" = [\"y\"]\nreader.back = 1\n"))
	f.Add([]byte("width = \"80\"\n[[search]]\nname = 1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse(data, check)
		var e *Error
		if err != nil && !errors.As(err, &e) {
			t.Fatalf("not an *Error: %T %v", err, err)
		}
	})
}

func TestLimits(t *testing.T) {
	searches := func(n int) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "[[search]]\nname = \"s%d\"\nquery = \"word%d\"\n", i, i)
		}
		return b.String()
	}
	c, err := Parse([]byte(searches(MaxSearches)), check)
	if err != nil || len(c.Searches) != MaxSearches {
		t.Errorf("%d searches: %d, %v", MaxSearches, len(c.Searches), err)
	}
	_, err = Parse([]byte(searches(MaxSearches+1)), check)
	if e := (*Error)(nil); !errors.As(err, &e) || e.Line != 3*MaxSearches+1 || !strings.Contains(e.Problem, "more than 1000") {
		t.Errorf("%d searches: %v", MaxSearches+1, err)
	}
	// The last of many searches is found at its line, in one pass.
	_, err = Parse([]byte(searches(MaxSearches-1)+"[[search]]\nname = \"last\"\n"), check)
	if e := (*Error)(nil); !errors.As(err, &e) || e.Line != 3*(MaxSearches-1)+1 || !strings.Contains(e.Problem, "without a query") {
		t.Errorf("the last search: %v", err)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	atLimit := "width = 80\n#" + strings.Repeat("x", MaxSize-len("width = 80\n#")-1) + "\n"
	os.WriteFile(path, []byte(atLimit), 0o600)
	if c, err := LoadFile(path, check); err != nil || c.Width != 80 {
		t.Errorf("a file of %d bytes: %v", len(atLimit), err)
	}
	os.WriteFile(path, []byte(atLimit+"\n"), 0o600)
	if _, err := LoadFile(path, check); err == nil || !strings.Contains(err.Error(), "larger than 1.0 MB") {
		t.Errorf("a file of %d bytes: %v", len(atLimit)+1, err)
	}
}

func TestLongValuesAreCutWhenEchoed(t *testing.T) {
	long := strings.Repeat("y", 100_000)
	for _, in := range []string{
		"sort = \"" + long + "\"\n",
		"width = \"" + long + "\"\n",
		"[[search]]\nname = \"" + long + "\"\n",
		"[keys]\n" + long + " = [\"x\"]\n",
		long + " = 1\n",
	} {
		_, err := Parse([]byte(in), check)
		if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "…") {
			t.Errorf("%.40q: %d bytes: %.400v", in, len(fmt.Sprint(err)), err)
		}
	}
}

// The README shows the file folio config --example prints.
func TestREADMEShowsTheExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	body := strings.TrimPrefix(Example, "# folio settings\n")
	if !strings.Contains(string(readme), "```toml\n"+body+"```") {
		t.Errorf("the README's settings file is not config.Example:\n%s", body)
	}
}
