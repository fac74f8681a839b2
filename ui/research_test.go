package ui

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
	"github.com/folio-reader/folio/samples"
)

// isolate keeps a test's settings, state and cache out of the real home.
func isolate(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
}

// indexedCorpus is the samples with their texts indexed, as the terms
// count words in the texts.
func indexedCorpus(t *testing.T) *model.Corpus {
	c := sampleCorpus(t)
	c.StartBodies()
	if err := loader.IndexBodies(context.Background(), samples.FS(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

// runSlowCmd runs a command that may take a while on a loaded machine
// (a count over the corpus), to a deadline, and its batch's commands.
func runSlowCmd(t *testing.T, cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if batch, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range batch {
				out = append(out, runSlowCmd(t, c)...)
			}
			return out
		}
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(10 * time.Second):
		t.Fatal("a command did not answer in 10 s")
		return nil
	}
}

// pressSlow presses k and feeds back what its commands answer, each
// waited for to a deadline rather than dropped as drive drops what is
// slow: the research screens' counts run in commands.
func pressSlow(t *testing.T, m Model, k string) Model {
	t.Helper()
	next, cmd := m.Update(keyPress(k))
	m = next.(Model)
	queue := runSlowCmd(t, cmd)
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("pressSlow: too many messages")
		}
		next, cmd := m.Update(queue[0])
		m, queue = next.(Model), append(queue[1:], runSlowCmd(t, cmd)...)
	}
	return m
}

// filtered is the app over the samples, filtered by q, kept.
func filtered(t *testing.T, opts Options, q string) Model {
	t.Helper()
	m := drive(t, New(opts), tea.WindowSizeMsg{Width: 120, Height: 30}, keyPress("/"))
	for _, r := range q {
		m = drive(t, m, keyPress(string(r)))
	}
	return drive(t, m, keyPress("enter"))
}

// concordanceOf is every line research.Concordance finds in res.
func concordanceOf(t *testing.T, c *model.Corpus, res model.Result) []research.Hit {
	var all []research.Hit
	err := research.Concordance(context.Background(), c, res, research.DefaultContext, func(h []research.Hit) bool {
		all = append(all, h...)
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// TestConcordanceLinesAndEnter: K shows exactly the lines research finds,
// enter opens the article with the reader's current match on that
// occurrence, and the reader's back returns to the concordance.
func TestConcordanceLinesAndEnter(t *testing.T) {
	isolate(t)
	c := sampleCorpus(t)
	for _, q := range []string{"russia", "slow", "china"} {
		t.Run(q, func(t *testing.T) {
			m := filtered(t, Options{Corpus: c, Source: "samples"}, q)
			want := concordanceOf(t, c, m.list.Result())
			m = pressSlow(t, m, "K")
			if m.state != stateKwic || !m.research.kwic.Finished() {
				t.Fatalf("state %d, finished %v", m.state, m.research.kwic.Finished())
			}
			if got := m.research.kwic.Len(); got != len(want) {
				t.Fatalf("%d lines, research.Concordance finds %d", got, len(want))
			}
			for i, h := range want {
				if h.InTitle || h.Index == 0 {
					continue
				}
				k := drive(t, m)
				k.research.kwic.SetCursor(i)
				r := drive(t, k, keyPress("enter"))
				if r.state != stateReader || r.reader.Article() == nil || r.reader.Article().ID != h.ID {
					t.Fatalf("line %d: state %d, not reading %s", i, r.state, h.ID)
				}
				if got := r.reader.CurrentMatch(); got != h.Index {
					t.Errorf("line %d (%q): the reader's current match is %d, want %d", i, h.Match, got, h.Index)
				}
				back := drive(t, r, keyPress("esc"))
				if back.state != stateKwic || back.research.kwic.Cursor() != i {
					t.Errorf("back from the reader: state %d, cursor %d, want the concordance at %d", back.state, back.research.kwic.Cursor(), i)
				}
			}
		})
	}
}

// TestConcordanceFirstBatchBeforeTheEnd: the screen shows lines, and says
// it is still reading, before the run is over.
func TestConcordanceFirstBatchBeforeTheEnd(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples"}, "the")
	next, cmd := m.Update(keyPress("K"))
	m = next.(Model)
	if got := plain(m); !strings.Contains(got, "0 lines… (still reading)") {
		t.Fatalf("the screen waits for the run:\n%s", got)
	}
	msg := runCmd(cmd)
	if len(msg) != 1 {
		t.Fatalf("the first read gave %v", msg)
	}
	batch := msg[0].(kwicBatchMsg)
	next, _ = m.Update(batch)
	m = next.(Model)
	if batch.done {
		t.Skip("the whole run fit in the first message")
	}
	if got := plain(m); !strings.Contains(got, "(still reading)") || m.research.kwic.Len() == 0 {
		t.Errorf("after the first batch:\n%s", got)
	}
}

// TestConcordanceSortWaits: a sort by context is made once all lines are
// in, and the header says so meanwhile.
func TestConcordanceSortWaits(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples"}, "the")
	next, _ := m.Update(keyPress("K"))
	m = next.(Model)
	next, _ = m.Update(keyPress("s"))
	if got := plain(next.(Model)); !strings.Contains(got, "sort: left context once all lines are read") {
		t.Errorf("a sort asked for while reading:\n%s", got)
	}
}

// TestTermsEnterAddsToFilter: enter on a word of the terms screen adds it
// to the filter and returns to the list.
func TestTermsEnterAddsToFilter(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: indexedCorpus(t), Source: "samples"}, "the")
	m = pressSlow(t, m, "T")
	word, ok := m.research.terms.Selected()
	if m.state != stateTerms || !ok {
		t.Fatalf("state %d, no word selected:\n%s", m.state, plain(m))
	}
	m = drive(t, m, keyPress("enter"))
	if m.state != stateList || m.input.Value() != "the "+word {
		t.Errorf("state %d, filter %q, want %q", m.state, m.input.Value(), "the "+word)
	}
	if m.list.Result().Query.Raw != "the "+word {
		t.Errorf("the list shows %q", m.list.Result().Query.Raw)
	}
}

// trendsOf draws the trends of the filter and a typed query.
func trendsOf(t *testing.T, m Model) Model {
	m = drive(t, m, keyPress("H"), keyPress("a"))
	for _, r := range "china" {
		m = drive(t, m, keyPress(string(r)))
	}
	return drive(t, m, keyPress("enter"), keyPress("enter"))
}

// TestTrendsLettersWithoutColor: each query is marked by its letter in
// the chart and the legend, so the chart reads with NO_COLOR.
func TestTrendsLettersWithoutColor(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples"}, "the")
	m = drive(t, m, tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	m = trendsOf(t, m)
	if m.state != stateTrends || m.research.trends.Picking() {
		t.Fatalf("no chart:\n%s", plain(m))
	}
	if n := len(m.research.trends.Trends().Series); n != 2 {
		t.Fatalf("%d series, want 2", n)
	}
	got := plain(m)
	var plot []string
	for _, l := range strings.Split(got, "\n") {
		if strings.Contains(l, "┤") {
			plot = append(plot, l)
		}
	}
	joined := strings.Join(plot, "\n")
	for _, want := range []string{"A", "B"} {
		if !strings.Contains(joined, want) {
			t.Errorf("the plot has no %s:\n%s", want, got)
		}
	}
	for _, want := range []string{" A  the filter: the", " B  china"} {
		if !strings.Contains(got, want) {
			t.Errorf("the legend lacks %q:\n%s", want, got)
		}
	}
	rate := plain(drive(t, m, keyPress("r")))
	if !strings.Contains(rate, "per 1,000 of the corpus") {
		t.Errorf("r did not switch to rates:\n%s", rate)
	}
}

// TestTrendsFooterAt80: at 80 columns the picker's and the chart's footers
// still name every key they have, c (back to the picker) and esc included.
func TestTrendsFooterAt80(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples"}, "the")
	m = drive(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	footerHas := func(m Model, keys ...string) {
		t.Helper()
		lines := strings.Split(strings.TrimRight(plain(m), "\n"), "\n")
		footer := lines[len(lines)-1]
		for _, want := range keys {
			if !strings.Contains(footer, want+" ") {
				t.Errorf("the footer lacks %q: %q", want, footer)
			}
		}
	}
	footerHas(drive(t, m, keyPress("H")), "space/x", "a", "enter", "esc/q", "?")
	m = trendsOf(t, m)
	if m.state != stateTrends || m.research.trends.Picking() {
		t.Fatalf("no chart:\n%s", plain(m))
	}
	footerHas(m, "←/h", "→/l", "r", "p", "c", "esc/q", "?")
}

// TestExportWritesCSV: X writes the list to the file named, which reads
// back as CSV with a row an article; an existing file is kept unless the
// answer is y.
func TestExportWritesCSV(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples"}, "the")
	path := filepath.Join(t.TempDir(), "out.csv")
	export := func(m Model, answers ...tea.Msg) Model {
		m = drive(t, m, keyPress("X"))
		if m.prompt.kind != promptExport || m.prompt.input.Value() != defaultExport {
			t.Fatalf("X asked %d with %q", m.prompt.kind, m.prompt.input.Value())
		}
		m.prompt.input.SetValue(path)
		return drive(t, m, append([]tea.Msg{keyPress("enter")}, answers...)...)
	}
	m = export(m)
	n := len(m.list.Result().Rows)
	if want := fmt.Sprintf("exported %d articles to %s", n, path); m.notice != want {
		t.Errorf("notice %q, want %q", m.notice, want)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 || rows[0][0] != "id" || rows[1][0] != m.list.Result().Article(m.list.Result().Rows[0]).ID || rows[1][10] == "" {
		t.Fatalf("%d rows (want %d and a header), first %v", len(rows), n+1, rows[:min(2, len(rows))])
	}

	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	m = export(m, keyPress("n"))
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Errorf("n replaced the file")
	}
	m = export(m, keyPress("y"))
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "id,title") {
		t.Errorf("y did not replace the file: %.40q", b)
	}
}

// TestExportRefusedOverSSH: over SSH X asks for nothing and says why.
func TestExportRefusedOverSSH(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples", Remote: true}, "the")
	m = drive(t, m, keyPress("X"))
	if m.prompt.kind != promptNone || !strings.Contains(m.notice, "no export over SSH") {
		t.Errorf("over SSH: prompt %d, notice %q", m.prompt.kind, m.notice)
	}
	help := plain(drive(t, m, keyPress("?")))
	if !helpHas(help, m.keys.ExportOff) {
		t.Errorf("help lacks X's SSH note:\n%s", help)
	}
}

// TestGoldenResearch: each research screen at 80 and 120 columns.
func TestGoldenResearch(t *testing.T) {
	isolate(t)
	c := indexedCorpus(t)
	for _, screen := range []struct {
		name   string
		filter string
		keys   []string
		want   []string
	}{
		{"concordance", "russia", []string{"K"}, []string{"21 lines · sort: date"}},
		{"terms", "slow", []string{"T"}, []string{"Distinctive terms", "in corpus"}},
		{"trends-picker", "russia", []string{"H"}, []string{"up to six queries", "Unread"}},
		{"trends", "", []string{"H", "a", "c", "h", "i", "n", "a", "enter", "enter"}, []string{"Trends", " B  china"}},
	} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s/%dx%d", screen.name, size[0], size[1]), func(t *testing.T) {
				tm, wait := run(t, c, size[0], size[1])
				wait("of 14")
				if screen.filter != "" {
					tm.Send(keyPress("/"))
					typeText(tm, screen.filter)
					wait("/ " + screen.filter)
					tm.Send(keyPress("enter"))
					wait("filter: " + screen.filter)
				}
				for _, k := range screen.keys {
					tm.Send(keyPress(k))
				}
				golden.RequireEqual(t, []byte(wait(screen.want...)))
			})
		}
	}
}

// TestResearchScreensFit: no research screen draws past the window.
func TestResearchScreensFit(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples"}, "the")
	for _, keys := range [][]string{{"K"}, {"T"}, {"H"}, {"H", "enter"}} {
		s := m
		for _, k := range keys {
			s = drive(t, s, keyPress(k))
		}
		for _, w := range []int{20, 50, 80, 200} {
			s = drive(t, s, tea.WindowSizeMsg{Width: w, Height: 12})
			for _, l := range strings.Split(s.View().Content, "\n") {
				if ansi.StringWidth(l) > w {
					t.Errorf("%v at %d columns: %q", keys, w, ansi.Strip(l))
				}
			}
		}
	}
}

// TestNewerRunDropsTheOlder: a batch of a concordance run started before
// the newest is dropped, and its context is cancelled.
func TestNewerRunDropsTheOlder(t *testing.T) {
	isolate(t)
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples"}, "the")
	next, _ := m.Update(keyPress("K"))
	m = next.(Model)
	old := m.research.seq
	cancelled, first := false, m.research.cancel
	m.research.cancel = func() { cancelled = true; first() }
	m.research.kwic.Reset("the")
	m.startConcordance()
	defer m.research.stop()
	if !cancelled {
		t.Error("a new run left the older one running")
	}
	next, _ = m.Update(kwicBatchMsg{seq: old, hits: []research.Hit{{ID: "stale"}}})
	if got := next.(Model).research.kwic.Len(); got != 0 {
		t.Errorf("a stale batch added %d lines", got)
	}
}

// TestConcordanceSorts: s sorts the lines by the words to the left, then
// to the right, as research.Sort does, and the header says which.
func TestConcordanceSorts(t *testing.T) {
	isolate(t)
	c := sampleCorpus(t)
	m := filtered(t, Options{Corpus: c, Source: "samples"}, "china")
	want := concordanceOf(t, c, m.list.Result())
	m = pressSlow(t, m, "K")
	for _, o := range []struct {
		order research.Order
		name  string
	}{{research.ByLeft, "sort: left context"}, {research.ByRight, "sort: right context"}} {
		m = drive(t, m, keyPress("s"))
		if got := plain(m); !strings.Contains(got, o.name) || strings.Contains(got, "once all lines") {
			t.Fatalf("header after s:\n%s", got)
		}
		sorted := append([]research.Hit(nil), want...)
		research.Sort(sorted, o.order)
		for i, h := range sorted {
			k := drive(t, m)
			k.research.kwic.SetCursor(i)
			r := drive(t, k, keyPress("enter"))
			if r.reader.Article() == nil || r.reader.Article().ID != h.ID || r.reader.CurrentMatch() != max(h.Index, -1) && !h.InTitle {
				t.Errorf("%s line %d opened %v at %d, want %s at %d", o.name, i, r.reader.Article() != nil, r.reader.CurrentMatch(), h.ID, h.Index)
			}
		}
	}
}

// TestConcordanceOpenFails: a line whose article cannot be read says why
// on the concordance, which stays.
func TestConcordanceOpenFails(t *testing.T) {
	isolate(t)
	c := model.NewCorpus(func(id string) (*model.Article, error) { return nil, fmt.Errorf("%s is gone", id) })
	c.Add(model.Batch{Articles: []*model.Article{{ID: "a.txt", Title: "Russia and China", Published: time.Date(2022, 1, 10, 0, 0, 0, 0, time.UTC)}}})
	c.Finish(0)
	m := filtered(t, Options{Corpus: c, Source: "x"}, "russia")
	m = pressSlow(t, m, "K")
	if m.research.kwic.Len() != 1 {
		t.Fatalf("%d lines, want the title's", m.research.kwic.Len())
	}
	m = drive(t, m, keyPress("enter"))
	if got := plain(m); m.state != stateKwic || !strings.Contains(got, "a.txt is gone") {
		t.Errorf("state %d:\n%s", m.state, got)
	}
	if m.research.fromKwic {
		t.Error("a failed open left the reader's back pointing at the concordance")
	}
}

// TestExportOverSSHWithAnotherKey: export's own key, when the settings
// file gives it one, is the one that says why it does nothing over SSH.
func TestExportOverSSHWithAnotherKey(t *testing.T) {
	isolate(t)
	k := DefaultKeyMap()
	if err := k.Override(map[string][]string{"export": {"E"}}); err != nil {
		t.Fatal(err)
	}
	m := filtered(t, Options{Corpus: sampleCorpus(t), Source: "samples", Remote: true, Keys: &k}, "the")
	m = drive(t, m, keyPress("E"))
	if m.prompt.kind != promptNone || !strings.Contains(m.notice, "no export over SSH") {
		t.Errorf("E over SSH: prompt %d, notice %q", m.prompt.kind, m.notice)
	}
}
