package reader

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
)

const seedPath = "../../loader/testdata/000_652e1fac9521c5ec.txt"

// seed is the sample article of docs/FORMAT.md, parsed in full.
func seed(tb testing.TB) *model.Article {
	tb.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Fatal(err)
	}
	a, _ := loader.NewParser().Parse("000_652e1fac9521c5ec.txt", data, true)
	return a
}

// article parses a made-up file with the seed's header and the given body.
func article(tb testing.TB, id, body string) *model.Article {
	tb.Helper()
	data := "Published Time: 2022-01-10\nTitle: A test\nCategory 1: NEWS; Category 2: TEST\nAuthor: Folio\nText: \n" + body
	a, _ := loader.NewParser().Parse(id, []byte(data), true)
	return a
}

func newReader(w, h int) Model {
	m := New(DefaultKeyMap(), DefaultStyles(true))
	m.SetSize(w, h)
	return m
}

// open opens a and runs every command until the reader is idle.
func open(tb testing.TB, m Model, a *model.Article) Model {
	tb.Helper()
	cmd := m.Open(a)
	m, _ = drain(tb, m, cmd)
	return m
}

// drain runs cmd and feeds what it returns to Update until nothing is left,
// returning the messages meant for the shell.
func drain(tb testing.TB, m Model, cmd tea.Cmd) (Model, []tea.Msg) {
	tb.Helper()
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 100000 {
			tb.Fatal("commands never settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case CloseMsg, StepMsg, NextUnreadMsg:
			out = append(out, msg)
		case nil:
		default:
			var next tea.Cmd
			m, next = m.Update(msg)
			queue = append(queue, next)
		}
	}
	return m, out
}

// keyMsg builds the key press bubbletea would deliver for name.
func keyMsg(name string) tea.KeyPressMsg {
	codes := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "space": tea.KeySpace, "down": tea.KeyDown,
		"up": tea.KeyUp, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp, "home": tea.KeyHome, "end": tea.KeyEnd,
		"backspace": tea.KeyBackspace,
	}
	if c, ok := codes[name]; ok {
		if name == "space" {
			return tea.KeyPressMsg{Code: c, Text: " "}
		}
		return tea.KeyPressMsg{Code: c}
	}
	if strings.HasPrefix(name, "ctrl+") {
		return tea.KeyPressMsg{Code: rune(name[5]), Mod: tea.ModCtrl}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// press sends keys one by one, draining each key's commands.
func press(tb testing.TB, m Model, keys ...string) (Model, []tea.Msg) {
	tb.Helper()
	var out []tea.Msg
	for _, k := range keys {
		var cmd tea.Cmd
		m, cmd = m.Update(keyMsg(k))
		var msgs []tea.Msg
		m, msgs = drain(tb, m, cmd)
		out = append(out, msgs...)
	}
	return m, out
}

// typeText types s into the reader, a key a rune.
func typeText(tb testing.TB, m Model, s string) Model {
	tb.Helper()
	for _, r := range s {
		var cmd tea.Cmd
		m, cmd = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
		m, _ = drain(tb, m, cmd)
	}
	return m
}

// screen is the view without styles.
func screen(m Model) string { return ansi.Strip(m.View()) }

// checkFits fails when the view is not exactly h lines of at most w cells.
func checkFits(tb testing.TB, view string, w, h int) {
	tb.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		tb.Errorf("view has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got > w {
			tb.Errorf("line %d is %d cells wide, more than %d: %q", i, got, w, ansi.Strip(l))
		}
	}
}
