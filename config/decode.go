package config

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/folio-reader/folio/internal/safe"
)

// known is what the file may set, for the message about anything else.
const known = "sort, width, theme, keep, [keys], [[search]] with name and query"

// decoder turns the decoded document into a Config, naming each value
// that has the wrong type in the words the file is written in.
type decoder struct {
	ix lines
}

func (d decoder) config(doc map[string]any) (Config, error) {
	var c Config
	for _, name := range slices.Sorted(maps.Keys(doc)) {
		v := doc[name]
		var err error
		switch name {
		case "sort":
			c.Sort, err = d.text(name, v, `a word such as "date"`)
		case "theme":
			c.Theme, err = d.text(name, v, `a word such as "auto"`)
		case "keep":
			c.Keep, err = d.text(name, v, `a duration such as "10m"`)
		case "width":
			c.Width, err = d.number(name, v)
		case "keys":
			c.Keys, err = d.keys(v)
		case "search":
			c.Searches, err = d.searches(v)
		default:
			err = &Error{Line: d.ix.line(name), Problem: fmt.Sprintf("unknown setting %q (known: %s)", clip(name), known)}
		}
		if err != nil {
			return c, err
		}
	}
	return c, nil
}

func (d decoder) text(path string, v any, example string) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", d.wrongType(path, v, example+", in quotes")
	}
	return s, nil
}

func (d decoder) number(path string, v any) (int, error) {
	n, ok := v.(int64)
	if !ok {
		return 0, d.wrongType(path, v, "a number such as 80")
	}
	if n < -1<<31 || n > 1<<31-1 {
		return 0, &Error{Line: d.ix.line(path), Problem: fmt.Sprintf("%s: %d is out of range", path, n)}
	}
	return int(n), nil
}

// keys reads [keys]: actions with a list of keys, where an action written
// reader.next (a dotted key) or under [keys.reader] is reader.next too.
func (d decoder) keys(v any) (map[string][]string, error) {
	t, ok := v.(map[string]any)
	if !ok {
		return nil, d.wrongType("keys", v, "a table: [keys] on a line of its own, then actions such as open = [\"enter\", \"o\"]")
	}
	out := map[string][]string{}
	var walk func(prefix string, t map[string]any) error
	walk = func(prefix string, t map[string]any) error {
		for _, name := range slices.Sorted(maps.Keys(t)) {
			action := prefix + name
			path := "keys." + action
			switch v := t[name].(type) {
			case map[string]any:
				if err := walk(action+".", v); err != nil {
					return err
				}
				continue
			case []any:
				if _, twice := out[action]; twice {
					return &Error{Line: d.ix.again[path], Problem: fmt.Sprintf("[keys] %s given twice", clip(action))}
				}
				keys := make([]string, 0, len(v))
				for _, k := range v {
					s, ok := k.(string)
					if !ok {
						return d.wrongType(path, k, `keys in quotes, such as ["enter", "o"]`)
					}
					keys = append(keys, s)
				}
				out[action] = keys
			default:
				return d.wrongType(path, v, `a list of keys, such as ["enter", "o"]`)
			}
		}
		return nil
	}
	return out, walk("", t)
}

func (d decoder) searches(v any) ([]Search, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, d.wrongType("search", v, "tables: [[search]] on a line of its own, then name and query")
	}
	if len(list) > MaxSearches {
		return nil, &Error{Line: d.ix.searchLine(MaxSearches, ""), Problem: fmt.Sprintf("more than %d [[search]] folders", MaxSearches)}
	}
	out := make([]Search, 0, len(list))
	for i, item := range list {
		t, ok := item.(map[string]any)
		if !ok {
			return nil, d.wrongType("search", item, "tables: [[search]] on a line of its own, then name and query")
		}
		var s Search
		for _, key := range slices.Sorted(maps.Keys(t)) {
			at := &Error{Line: d.ix.searchLine(i, key)}
			switch key {
			case "name", "query":
				str, ok := t[key].(string)
				if !ok {
					at.Problem = "search." + key + ": " + expected(t[key], "text in quotes")
					return nil, at
				}
				if key == "name" {
					s.Name = str
				} else {
					s.Query = str
				}
			default:
				at.Problem = fmt.Sprintf("search.%s: unknown setting (a [[search]] has a name and a query)", clip(key))
				return nil, at
			}
		}
		out = append(out, s)
	}
	return out, nil
}

func (d decoder) wrongType(path string, v any, want string) error {
	return &Error{Line: d.ix.line(path), Problem: path + ": " + expected(v, want)}
}

// expected says what a value should be and what it is, as the file
// writes it: `expected a number such as 80, got the text "80"`.
func expected(v any, want string) string {
	return "expected " + want + ", got " + describe(v)
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "the text " + quote(v)
	case int64:
		return fmt.Sprintf("the number %d", v)
	case float64:
		return fmt.Sprintf("the number %g", v)
	case bool:
		return fmt.Sprint(v)
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return "a date"
}

// echoMax is how much of a value from the file a message repeats.
const echoMax = 80

// quote is s in quotes, cut to echoMax bytes and made safe to print.
func quote(s string) string { return `"` + clip(s) + `"` }

func clip(s string) string {
	return strings.ReplaceAll(safe.Clip(s, echoMax), `"`, `\"`)
}
