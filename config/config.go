// Package config reads folio's settings file, $XDG_CONFIG_HOME/folio/config.toml
// (else ~/.config/folio/config.toml): the default sort, the reader's width,
// the theme, key overrides and saved searches. A file with a mistake is
// refused as a whole, with its path, line and problem, rather than half
// applied.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/folio-reader/folio/internal/format"
	"github.com/folio-reader/folio/internal/xdg"
	"github.com/folio-reader/folio/model"
)

// Config is the settings file's content. Zero fields were not set.
type Config struct {
	Path     string              // the file read, or that would be
	Found    bool                // the file exists
	Sort     string              // a sort key (model.ParseSortKey)
	Width    int                 // the reader's column
	Theme    string              // auto, dark or light
	Keep     string              // a duration: see KeepFor
	Keys     map[string][]string // action: its keys ("reader.next": ["]"])
	Searches []Search            // the [[search]] tables, in order
}

// Search is a saved search from the file: a folder in the sidebar.
type Search struct {
	Name  string
	Query string
}

// The file's bounds, checked as it is read: a settings file is a few
// lines, and one that is not says so rather than take minutes.
const (
	MaxSize     = 1 << 20 // bytes
	MaxSearches = 1000
)

var errTooLarge = errors.New("larger than " + format.Bytes(MaxSize) + ": a settings file is a few lines")

// KeyCheck checks [keys] as a whole: that each action exists, that its
// keys are keys, and that no key is bound twice on one screen. It answers
// the action whose line the problem is reported at (ui.CheckKeys).
type KeyCheck func(keys map[string][]string) (action string, err error)

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
// check, when not nil, checks [keys]. A mistake is an *Error.
func Load(getenv func(string) string, check KeyCheck) (Config, error) {
	path, err := Path(getenv)
	if err != nil {
		return Config{}, err
	}
	return LoadFile(path, check)
}

// LoadFile reads the settings file at path (see Load).
func LoadFile(path string, check KeyCheck) (Config, error) {
	data, err := readLimited(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Config{Path: path}, nil
	}
	if err != nil {
		return Config{Path: path}, &Error{Path: path, Problem: err.Error()}
	}
	c, err := Parse(data, check)
	c.Path, c.Found = path, true
	var e *Error
	if errors.As(err, &e) {
		e.Path = path
	}
	return c, err
}

// readLimited reads the file, and no more than MaxSize bytes of it.
func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, errTooLarge
	}
	return data, nil
}

// Parse reads settings from data; errors are *Error without a Path.
func Parse(data []byte, check KeyCheck) (Config, error) {
	if len(data) > MaxSize {
		return Config{}, &Error{Problem: errTooLarge.Error()}
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ := de.Position()
			return Config{}, &Error{Line: line, Problem: problem(de)}
		}
		return Config{}, &Error{Problem: err.Error()}
	}
	ix := indexLines(data)
	c, err := decoder{ix}.config(doc)
	if err != nil {
		return c, err
	}
	return c, c.check(ix, check)
}

// check finds the values of the right type that still mean nothing.
func (c Config) check(ix lines, check KeyCheck) error {
	if c.Sort != "" {
		if _, err := model.ParseSortKey(c.Sort); err != nil {
			return &Error{Line: ix.line("sort"), Problem: fmt.Sprintf("sort = %s: want date, oldest, title, author or category", quote(c.Sort))}
		}
	}
	if c.Width != 0 && (c.Width < 20 || c.Width > 240) {
		return &Error{Line: ix.line("width"), Problem: fmt.Sprintf("width = %d: want 20 to 240 columns", c.Width)}
	}
	if c.Keep != "" {
		if d, err := time.ParseDuration(c.Keep); err != nil || d < 0 {
			return &Error{Line: ix.line("keep"), Problem: fmt.Sprintf("keep = %s: want a duration such as \"10m\" or \"1h\" (0: never)", quote(c.Keep))}
		}
	}
	if c.Theme != "" && !slices.Contains(themes, c.Theme) {
		return &Error{Line: ix.line("theme"), Problem: fmt.Sprintf("theme = %s: want auto, dark or light", quote(c.Theme))}
	}
	if check != nil && len(c.Keys) > 0 {
		if action, err := check(c.Keys); err != nil {
			return &Error{Line: ix.line("keys." + action), Problem: "[keys] " + clip(action) + ": " + err.Error()}
		}
	}
	seen := make(map[string]bool, len(c.Searches))
	for i, s := range c.Searches {
		line := ix.searchLine(i, "")
		switch {
		case strings.TrimSpace(s.Name) == "":
			return &Error{Line: line, Problem: "[[search]] without a name"}
		case strings.TrimSpace(s.Query) == "":
			return &Error{Line: line, Problem: fmt.Sprintf("[[search]] %s without a query", quote(s.Name))}
		case seen[s.Name]:
			return &Error{Line: line, Problem: fmt.Sprintf("[[search]] %s given twice", quote(s.Name))}
		}
		seen[s.Name] = true
		if ig := model.ParseQuery(s.Query).Ignored; len(ig) > 0 {
			return &Error{Line: ix.searchLine(i, "query"), Problem: fmt.Sprintf("[[search]] %s: the query has parts that mean nothing: %s", quote(s.Name), clip(strings.Join(ig, ", ")))}
		}
	}
	return nil
}

// problem words a decoding error for a person.
func problem(de *toml.DecodeError) string {
	msg := strings.TrimPrefix(de.Error(), "toml: ")
	if key := strings.Join(de.Key(), "."); key != "" {
		return clip(key) + ": " + msg
	}
	return msg
}

// KeepFor is how long a plain command that did its own work leaves a folio
// daemon behind on the folder, answering the next commands at once (see
// package resident); 0: none. Load has checked the value.
func (c Config) KeepFor() time.Duration {
	d, _ := time.ParseDuration(c.Keep)
	return max(d, 0)
}
