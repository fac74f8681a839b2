// Package config reads folio's settings file, $XDG_CONFIG_HOME/folio/config.toml
// (else ~/.config/folio/config.toml): the default sort, the reader's width,
// the theme, key overrides and saved searches. A file with a mistake is
// refused as a whole, with its path, line and problem, rather than half
// applied.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/folio-reader/folio/internal/xdg"
	"github.com/folio-reader/folio/model"
)

// Config is the settings file's content. Zero fields were not set.
type Config struct {
	Path     string              `toml:"-"` // the file read, or that would be
	Found    bool                `toml:"-"` // the file exists
	Sort     string              `toml:"sort"`
	Width    int                 `toml:"width"`
	Theme    string              `toml:"theme"`
	Keep     string              `toml:"keep"` // a duration: see KeepFor
	Keys     map[string][]string `toml:"keys"`
	Searches []Search            `toml:"search"`
}

// Search is a saved search from the file: a folder in the sidebar.
type Search struct {
	Name  string `toml:"name"`
	Query string `toml:"query"`
}

// Themes are the values theme takes.
var themes = []string{"auto", "dark", "light"}

// Error is a mistake in the file: where, and what.
type Error struct {
	Path    string
	Line    int // 0 when the mistake has no one line
	Problem string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Problem)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Problem)
}

// Path is where the settings file is: $XDG_CONFIG_HOME/folio/config.toml,
// else ~/.config/folio/config.toml.
func Path(getenv func(string) string) (string, error) {
	dir, err := xdg.Dir(getenv, "XDG_CONFIG_HOME", ".config")
	return filepath.Join(dir, "config.toml"), err
}

// Load reads the settings file; a missing file is an empty Config.
// actions are the names [keys] may override. A mistake is an *Error.
func Load(getenv func(string) string, actions []string) (Config, error) {
	path, err := Path(getenv)
	if err != nil {
		return Config{}, err
	}
	return LoadFile(path, actions)
}

// LoadFile reads the settings file at path (see Load).
func LoadFile(path string, actions []string) (Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{Path: path}, nil
	}
	if err != nil {
		return Config{Path: path}, &Error{Path: path, Problem: err.Error()}
	}
	c, err := Parse(data, actions)
	c.Path, c.Found = path, true
	var e *Error
	if errors.As(err, &e) {
		e.Path = path
	}
	return c, err
}

// Parse reads settings from data; errors are *Error without a Path.
func Parse(data []byte, actions []string) (Config, error) {
	var c Config
	d := toml.NewDecoder(bytes.NewReader(data))
	d.DisallowUnknownFields()
	if err := d.Decode(&c); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			return c, &Error{Line: line, Problem: problem(de)}
		}
		return c, &Error{Problem: err.Error()}
	}
	lineOf := func(table, key string) int { return findLine(data, table, key) }
	if c.Sort != "" {
		if _, err := model.ParseSortKey(c.Sort); err != nil {
			return c, &Error{Line: lineOf("", "sort"), Problem: fmt.Sprintf("sort = %q: want date, oldest, title, author or category", c.Sort)}
		}
	}
	if c.Width != 0 && (c.Width < 20 || c.Width > 240) {
		return c, &Error{Line: lineOf("", "width"), Problem: fmt.Sprintf("width = %d: want 20 to 240 columns", c.Width)}
	}
	if c.Keep != "" {
		if d, err := time.ParseDuration(c.Keep); err != nil || d < 0 {
			return c, &Error{Line: lineOf("", "keep"), Problem: fmt.Sprintf("keep = %q: want a duration such as \"10m\" or \"1h\" (0: never)", c.Keep)}
		}
	}
	if c.Theme != "" && !slices.Contains(themes, c.Theme) {
		return c, &Error{Line: lineOf("", "theme"), Problem: fmt.Sprintf("theme = %q: want auto, dark or light", c.Theme)}
	}
	for name, keys := range c.Keys {
		line := lineOf("keys", name)
		if !slices.Contains(actions, name) {
			return c, &Error{Line: line, Problem: fmt.Sprintf("[keys] %s: no such action (known: %s)", name, strings.Join(actions, ", "))}
		}
		if len(keys) == 0 {
			return c, &Error{Line: line, Problem: fmt.Sprintf("[keys] %s: give at least one key", name)}
		}
		for _, k := range keys {
			if strings.TrimSpace(k) == "" || k != strings.TrimSpace(k) {
				return c, &Error{Line: line, Problem: fmt.Sprintf("[keys] %s: %q is not a key (write keys as enter, o, ctrl+n, pgdown)", name, k)}
			}
		}
	}
	seen := map[string]bool{}
	for i, s := range c.Searches {
		line := findNth(data, "[[search]]", i)
		switch {
		case strings.TrimSpace(s.Name) == "":
			return c, &Error{Line: line, Problem: "[[search]] without a name"}
		case strings.TrimSpace(s.Query) == "":
			return c, &Error{Line: line, Problem: fmt.Sprintf("[[search]] %q without a query", s.Name)}
		case seen[s.Name]:
			return c, &Error{Line: line, Problem: fmt.Sprintf("[[search]] %q given twice", s.Name)}
		}
		seen[s.Name] = true
		if ig := model.ParseQuery(s.Query).Ignored; len(ig) > 0 {
			return c, &Error{Line: line, Problem: fmt.Sprintf("[[search]] %q: the query has parts that mean nothing: %s", s.Name, strings.Join(ig, ", "))}
		}
	}
	return c, nil
}

// problem words a decoding error for a person.
func problem(de *toml.DecodeError) string {
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	key := strings.Join(de.Key(), ".")
	switch {
	case msg == "unknown field" && key != "":
		return fmt.Sprintf("unknown setting %q (known: sort, width, theme, keep, [keys], [[search]] with name and query)", key)
	case key != "":
		return key + ": " + msg
	}
	return msg
}

var tableLine = regexp.MustCompile(`^\s*\[\[?\s*([^\]]*?)\s*\]\]?`)

// findLine is the line where key is set in table ("" for the top), or 0.
// The decoder gives no positions for values it accepted; this finds them
// for the checks made afterwards.
func findLine(data []byte, table, key string) int {
	cur := ""
	for i, l := range strings.Split(string(data), "\n") {
		if m := tableLine.FindStringSubmatch(l); m != nil {
			cur = m[1]
			continue
		}
		k, _, ok := strings.Cut(l, "=")
		if ok && cur == table && strings.Trim(strings.TrimSpace(k), `"'`) == key {
			return i + 1
		}
	}
	return 0
}

// findNth is the line of the nth occurrence of a table header, or 0.
func findNth(data []byte, header string, n int) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.ReplaceAll(strings.TrimSpace(l), " ", "") == header {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 0
}

// KeepFor is how long a plain command that did its own work leaves a folio
// daemon behind on the folder, answering the next commands at once (see
// package resident); 0: none. Load has checked the value.
func (c Config) KeepFor() time.Duration {
	d, _ := time.ParseDuration(c.Keep)
	return max(d, 0)
}

// Example is a commented settings file, for folio config and the README.
const Example = `# folio settings
sort = "date"      # date, oldest, title, author or category
width = 80         # the reader's column, 20 to 240
theme = "auto"     # auto, dark or light
keep = "0"         # after a plain command, keep the folder open this long ("10m"), so the next answer at once

[keys]             # any action of the help screen (?), with its keys
open = ["enter", "o"]

[[search]]         # a folder in the sidebar
name = "Follow up"
query = "tag:follow-up -is:read"
`
