package ui

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/charmbracelet/x/vt"

	"github.com/folio-reader/folio/loader"
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/samples"
)

// sampleCorpus loads the embedded samples, whole.
func sampleCorpus(t testing.TB) *model.Corpus {
	t.Helper()
	fsys := samples.FS()
	c := model.NewCorpus(func(id string) (*model.Article, error) { return loader.ReadArticle(fsys, id) })
	if err := loader.Load(context.Background(), fsys, loader.Options{}, c.Add); err != nil {
		t.Fatal(err)
	}
	c.Finish(0)
	return c
}

// terminal is an emulated screen fed with what the program writes.
type terminal struct{ e *vt.SafeEmulator }

func newTerminal(w, h int) terminal {
	e := vt.NewSafeEmulator(w, h)
	// The emulator answers the program's queries on a pipe that must be
	// read. It is never closed: in x/vt v0.1.0 Close races with that read.
	go io.Copy(io.Discard, e)
	return terminal{e}
}

// write feeds program output; without a tty, bubbletea writes bare \n.
func (t terminal) write(out []byte) {
	t.e.Write(bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n")))
}

func (t terminal) String() string { return t.e.String() }

// run starts the app in a test terminal and returns it with a function that
// waits until the screen holds every want, and returns the screen.
func run(t *testing.T, c *model.Corpus, w, h int) (*teatest.TestModel, func(want ...string) string) {
	t.Helper()
	tm := teatest.NewTestModel(t, New(Options{Corpus: c, Source: "samples"}), teatest.WithInitialTermSize(w, h))
	term := newTerminal(w, h)
	wait := func(want ...string) string {
		t.Helper()
		var last string
		fed := 0 // WaitFor passes all it has read so far, each time
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			term.write(b[fed:])
			fed = len(b)
			last = term.String()
			for _, s := range want {
				if !strings.Contains(last, s) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
		return last
	}
	t.Cleanup(func() { tm.Quit() })
	return tm, wait
}

func keyPress(s string) tea.KeyPressMsg {
	switch s {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func typeText(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(keyPress(string(r)))
	}
}

func TestGoldenList(t *testing.T) {
	c := sampleCorpus(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			_, wait := run(t, c, size[0], size[1])
			want := []string{"1–"}
			if size[0] >= 100 {
				want = append(want, "14/14") // the sidebar's counts, which come after the list
			}
			golden.RequireEqual(t, []byte(wait(want...)))
		})
	}
}

func TestGoldenFilter(t *testing.T) {
	c := sampleCorpus(t)
	tm, wait := run(t, c, 100, 20)
	wait("of 14", "14/14")
	tm.Send(keyPress("/"))
	typeText(tm, "slow")
	got := wait("/ slow ", "3 matches")
	golden.RequireEqual(t, []byte(got))
	if strings.Contains(got, "Tea houses in Chengdu keep their slow") == false || strings.Contains(got, "Ukrainian") {
		t.Errorf("filter shows the wrong rows:\n%s", got)
	}

	t.Run("no match", func(t *testing.T) {
		typeText(tm, "zzz")
		golden.RequireEqual(t, []byte(wait("/ slowzzz ", "0 matches")))
	})
}

// TestHighlights checks, on the model's own frame, that filtered words are
// painted with the match style.
func TestHighlights(t *testing.T) {
	m := New(Options{Corpus: sampleCorpus(t), Source: "samples"})
	m = drive(t, m, tea.WindowSizeMsg{Width: 100, Height: 20}, keyPress("/"), keyPress("t"), keyPress("e"), keyPress("a"))
	view := m.View().Content
	match := m.theme.List.Match.Render("Tea")
	open := match[:strings.Index(match, "Tea")]
	if !strings.Contains(view, open+"Tea") {
		t.Errorf("Tea is not highlighted in\n%q", view)
	}
}

func TestGoldenLoadingAndTiny(t *testing.T) {
	loading := model.NewCorpus(nil)
	loading.Add(model.Batch{Articles: []*model.Article{{ID: "a.txt", Title: "The first article to arrive", Published: time.Date(2022, 1, 10, 0, 0, 0, 0, time.UTC)}},
		Problems: []model.Problem{{Path: "bad.txt", Reason: "binary content", Severity: model.Skipped}}})
	m := drive(t, New(Options{Corpus: loading, Source: "/data/news"}), tea.WindowSizeMsg{Width: 80, Height: 12})
	golden.RequireEqual(t, []byte(plain(m)))
	if !strings.Contains(plain(m), "loading… 1 article · 1 skipped") {
		t.Errorf("no progress shown:\n%s", plain(m))
	}

	c := sampleCorpus(t)
	for _, size := range [][2]int{{20, 6}, {19, 6}, {10, 2}, {400, 120}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			lines := strings.Split(m.View().Content, "\n")
			if len(lines) != size[1] {
				t.Errorf("%d lines", len(lines))
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > size[0] {
					t.Errorf("line wider than %d: %q", size[0], ansi.Strip(l))
				}
			}
			if size[0] <= 20 {
				golden.RequireEqual(t, []byte(plain(m)))
			}
		})
	}
}

// TestOpenAndReturn opens an article from a filtered list and comes back to
// the same row with the filter intact.
func TestOpenAndReturn(t *testing.T) {
	tm, wait := run(t, sampleCorpus(t), 100, 30)
	wait("of 14")
	tm.Send(keyPress("/"))
	typeText(tm, "russia")
	wait("1 match")
	tm.Send(keyPress("enter")) // keep the filter
	tm.Send(keyPress("enter")) // open
	got := wait("Obozrevatel")
	if !strings.Contains(got, "China, Russia") {
		t.Errorf("reader does not show the article:\n%s", got)
	}
	tm.Send(keyPress("esc"))
	got = wait("filter: russia")
	if !strings.Contains(got, "1–1 of 1") || !strings.Contains(got, "China, Russia won’t part ways") {
		t.Errorf("did not come back to the filtered list:\n%s", got)
	}
}

// TestStaleResultDropped: a slow result for an older query arriving after
// the newest one must not replace it.
func TestStaleResultDropped(t *testing.T) {
	c := sampleCorpus(t)
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20})
	old := c.Search(model.ParseQuery("s"), model.SortNewest)
	m = drive(t, m, keyPress("/"), keyPress("t"), keyPress("e"), keyPress("a"))
	if got := m.list.Result().Query.Raw; got != "tea" {
		t.Fatalf("shown query %q", got)
	}
	next, _ := m.Update(searchDoneMsg{seq: m.search.seq - 1, res: old})
	if got := next.(Model).list.Result().Query.Raw; got != "tea" {
		t.Errorf("a stale result replaced the newest: now showing %q", got)
	}
	// A key whose search has not answered yet: the count on screen is not
	// passed off as its answer.
	typed, _ := next.(Model).Update(keyPress("s"))
	if got := plain(typed.(Model)); !strings.Contains(got, "searching…") {
		t.Errorf("no sign of the pending search:\n%s", got)
	}
}

// TestTypingBurstSearchesOnce: keys that come together (typed while the
// folder opened, pasted, one SSH packet) ask for one timer between them,
// not one each (each would come back as a message, and a drawing of the
// window), and run one search, for the whole text.
func TestTypingBurstSearchesOnce(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20}, keyPress("/"))
	var timers []tea.Cmd
	for _, k := range "tea" {
		next, cmd := m.Update(keyPress(string(k)))
		m = next.(Model)
		if cmd != nil {
			timers = append(timers, cmd)
		}
	}
	if len(timers) != 1 {
		t.Fatalf("3 keystrokes in a burst asked for %d commands, want 1 timer", len(timers))
	}
	var searches []tea.Msg
	cmd := timers[0]
	for range 10 { // the timer may come back early for the later keys: it waits again
		msgs := runCmd(cmd)
		if len(msgs) != 1 {
			t.Fatalf("the timer gave %v, want one message", msgs)
		}
		if _, ok := msgs[0].(searchDueMsg); !ok {
			searches = append(searches, msgs[0])
			break
		}
		next, c := m.Update(msgs[0])
		m, cmd = next.(Model), c
		if cmd == nil {
			t.Fatal("the due search was dropped")
		}
	}
	if len(searches) != 1 {
		t.Fatalf("the burst ran %d searches, want 1: %v", len(searches), searches)
	}
	done, ok := searches[0].(searchDoneMsg)
	if !ok || done.res.Query.Raw != "tea" {
		t.Fatalf("the search was %#v, want one for \"tea\"", searches[0])
	}
	next, _ := m.Update(done)
	if got := next.(Model).list.Result().Query.Raw; got != "tea" {
		t.Errorf("shown query %q after the burst", got)
	}
}

// drive feeds msgs to m and runs the commands they return, synchronously,
// feeding their messages back, so the test sees the state after every
// search has answered. The timers that would keep it going for ever (the
// load's tick) or undo what a test looks at (a notice's end, which its own
// test sends) are told apart by the message they bring, not by how long
// they take: a notice's timer is set to fire at once.
func drive(t *testing.T, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	m.noticeFor = 0
	queue := msgs
	if m.width == 0 { // a new model: start it as the program would
		queue = append(runCmd(m.Init()), msgs...)
	}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("drive: too many messages")
		}
		msg := queue[0]
		queue = queue[1:]
		next, cmd := m.Update(msg)
		m = next.(Model)
		queue = append(queue, runCmd(cmd)...)
	}
	return m
}

// cmdDeadline is how long runCmd waits for a command: far longer than any
// should take, so that one that hangs fails the test instead of being
// taken for a timer.
const cmdDeadline = 20 * time.Second

// runCmd runs cmd and returns the messages it brings, a batch's each,
// but the timers drive leaves out (the load's tick, a notice's end).
func runCmd(cmd tea.Cmd) []tea.Msg {
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
				out = append(out, runCmd(c)...)
			}
			return out
		}
		switch msg.(type) {
		case nil, loadTickMsg, noticeExpiredMsg:
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(cmdDeadline):
		panic(fmt.Sprintf("a command returned nothing in %s", cmdDeadline))
	}
}

func plain(m Model) string {
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// BenchmarkAppView draws the whole window (title, filter line, list, footer)
// over a filtered result, at 100k and 1M articles.
func BenchmarkAppView(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		c := model.NewCorpus(nil)
		arts := make([]*model.Article, n)
		for i := range arts {
			arts[i] = &model.Article{ID: fmt.Sprintf("%07d.txt", i), Title: fmt.Sprintf("Kazakhstan and Russia trade talks, round %d", i),
				Category1: "WORLD", Category2: "ASIA-PACIFIC", Author: "Global Times",
				Published: time.Date(2009, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%5800)}
		}
		c.Add(model.Batch{Articles: arts})
		c.Finish(0)
		c.BuildIndex()
		m := New(Options{Corpus: c, Source: "bench"})
		m.width, m.height = 120, 40
		m.layout()
		m.input.SetValue("kaz")
		m.list.SetResult(c.Search(model.ParseQuery("kaz"), model.SortNewest), false)
		m.list.Move(n / 3)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				_ = m.View()
			}
		})
	}
}

// TestProblemsScreen: p lists every skipped file with its reason.
func TestProblemsScreen(t *testing.T) {
	c := model.NewCorpus(nil)
	c.Add(model.Batch{Problems: []model.Problem{
		{Path: "bad/binary.txt", Reason: "binary content, not text", Severity: model.Skipped},
		{Path: "odd.txt", Reason: "missing Author", Severity: model.Warning},
	}})
	c.Finish(0)
	m := drive(t, New(Options{Corpus: c, Source: "x"}), tea.WindowSizeMsg{Width: 80, Height: 10}, keyPress("p"))
	got := plain(m)
	for _, want := range []string{"skipped: bad/binary.txt: binary content, not text", "warning: odd.txt: missing Author"} {
		if !strings.Contains(got, want) {
			t.Errorf("problems screen lacks %q:\n%s", want, got)
		}
	}
	m = drive(t, m, keyPress("q"))
	if m.state != stateList {
		t.Errorf("q did not leave the problems screen")
	}
}

// TestFacetsNarrowTheFilter: f shows the list's categories, authors and
// years; enter on one adds it to the filter.
func TestFacetsNarrowTheFilter(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20}, keyPress("f"))
	got := plain(m)
	for _, want := range []string{"› Categories", "Authors", "Years", "3 OPINION", "10 folio sample", "1 2024"} {
		if !strings.Contains(got, want) {
			t.Errorf("facets lack %q:\n%s", want, got)
		}
	}
	m = drive(t, m, keyPress("l"), keyPress("j"), keyPress("enter"))
	if m.state != stateList || m.input.Value() != `author:"folio sample and folio editors"` {
		t.Fatalf("state %v, filter %q", m.state, m.input.Value())
	}
	if got := len(m.list.Result().Rows); got != 3 {
		t.Errorf("the facet narrowed the list to %d articles, want 3", got)
	}
}

// TestBodiesArriveLater: a filter typed while the bodies are being indexed
// matches titles only, says so, and is asked again once they are ready.
func TestBodiesArriveLater(t *testing.T) {
	c := sampleCorpus(t)
	c.StartBodies()
	m := drive(t, New(Options{Corpus: c, Source: "samples"}), tea.WindowSizeMsg{Width: 120, Height: 20}, loadTickMsg{})
	m = drive(t, m, keyPress("/"))
	m = drive(t, m, keyPress("o"), keyPress("b"), keyPress("o"), keyPress("z"))
	if got := plain(m); !strings.Contains(got, "titles only until the bodies are indexed · 0 matches") || !strings.Contains(got, "indexing bodies") {
		t.Fatalf("while indexing:\n%s", got)
	}
	if err := loader.IndexBodies(context.Background(), samples.FS(), c); err != nil {
		t.Fatal(err)
	}
	m = drive(t, m, loadTickMsg{})
	if got := plain(m); !strings.Contains(got, "1 match") || !strings.Contains(got, "China, Russia") {
		t.Errorf("after indexing, obozrevatel (in the seed's body) is not found:\n%s", got)
	}
}

// TestPasteFilters: text pasted into the filter line narrows the list like
// typed text.
func TestPasteFilters(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 20}, keyPress("/"), tea.PasteMsg{Content: "chengdu"})
	if got := m.list.Result(); got.Query.Raw != "chengdu" || len(got.Rows) != 1 {
		t.Errorf("after pasting chengdu: query %q, %d rows", got.Query.Raw, len(got.Rows))
	}
}
