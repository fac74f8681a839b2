package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/ui/list"
)

// bigCorpus holds two articles of size bytes, in paragraphs.
func bigCorpus(size int) *model.Corpus {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString("A paragraph with enough words in it to fill a line of the reader and a little more.\n\n")
	}
	b.WriteString("The very last sentence.")
	big := &model.Article{ID: "big.txt", Title: "Big", Body: b.String(), RawBody: b.String(), Published: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	second := strings.Replace(b.String(), "A paragraph", "The second article's paragraph", 1)
	small := &model.Article{ID: "second.txt", Title: "Second", Body: second, RawBody: second, Published: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)}
	c := model.NewCorpus(func(id string) (*model.Article, error) {
		if id == big.ID {
			return big, nil
		}
		return small, nil
	})
	c.Add(model.Batch{Articles: []*model.Article{
		{ID: big.ID, Title: big.Title, Published: big.Published},
		{ID: small.ID, Title: small.Title, Published: small.Published},
	}})
	c.Finish(0)
	return c
}

// driveAll is drive for commands that may take longer than a timer's
// 50 ms (setting megabytes in the background, on a loaded machine): each
// runs to its end, within a deadline; timers too, but not the load tick.
func driveAll(t *testing.T, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	queue := msgs
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			t.Fatal("driveAll: too many messages")
		}
		msg := queue[0]
		queue = queue[1:]
		if _, tick := msg.(loadTickMsg); tick || msg == nil {
			continue
		}
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				queue = append(queue, runWithin(t, c))
			}
			continue
		}
		next, cmd := m.Update(msg)
		m = next.(Model)
		queue = append(queue, runWithin(t, cmd))
	}
	return m
}

func runWithin(t *testing.T, cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		return msg
	case <-time.After(10 * time.Second):
		t.Fatal("a command did not end within 10 s")
		return nil
	}
}

// TestKeysTypedWhileOpening: G typed after enter, before the article has
// been read, takes the reader to the article's end once it shows (it used
// to move the list and cancel the open); G typed while the rest of the
// article is still being set ("rendering…") stays at the end too; esc
// while opening drops the open.
func TestKeysTypedWhileOpening(t *testing.T) {
	c := bigCorpus(4 << 20)
	m := drive(t, New(Options{Corpus: c, Source: "x"}), tea.WindowSizeMsg{Width: 100, Height: 30})
	n, _ := m.list.Selected()
	next, openCmd := m.Update(list.OpenMsg{Article: n})
	m = drive(t, next.(Model), keyPress("G"))
	if m.state != stateList || m.list.Cursor() != 0 {
		t.Fatalf("G went to the list while the article opened: state %d, cursor %d", m.state, m.list.Cursor())
	}
	m = driveAll(t, m, openCmd())
	if screen := plain(m); !strings.Contains(screen, "The very last sentence.") || !strings.Contains(screen, "100%") {
		t.Errorf("G typed while opening did not reach the end:\n%s", screen)
	}

	// G while the article is set in the background: the other one, which
	// the reader has not set before.
	m = drive(t, drive(t, m, keyPress("esc")), keyPress("down"))
	n, _ = m.list.Selected()
	next, openCmd = m.Update(list.OpenMsg{Article: n})
	next, cmd := next.(Model).Update(openCmd())
	m = next.(Model)
	if !strings.Contains(plain(m), "rendering") {
		t.Fatalf("the article is set at once; the test needs it to be set in pieces:\n%s", plain(m))
	}
	next, keyCmd := m.Update(keyPress("G"))
	m = driveAll(t, next.(Model), runWithin(t, cmd), runWithin(t, keyCmd))
	if screen := plain(m); !strings.Contains(screen, "The very last sentence.") || strings.Contains(screen, "rendering") {
		t.Errorf("G while rendering did not stay at the end:\n%s", screen)
	}

	// esc while opening: the list stays, and the open is dropped.
	m = drive(t, m, keyPress("esc"))
	next, openCmd = m.Update(list.OpenMsg{Article: n})
	m = drive(t, next.(Model), keyPress("esc"))
	m = drive(t, m, openCmd())
	if m.state != stateList {
		t.Errorf("esc while opening: state %d, want the list", m.state)
	}
}

// TestTypeAheadLimit: at most maxTypeAhead keys wait for an open; past it
// they are dropped and the footer says so once.
func TestTypeAheadLimit(t *testing.T) {
	m := drive(t, New(Options{Corpus: sampleCorpus(t), Source: "samples"}), tea.WindowSizeMsg{Width: 100, Height: 30})
	n, _ := m.list.Selected()
	next, _ := m.Update(list.OpenMsg{Article: n})
	m = next.(Model)
	for range maxTypeAhead {
		m = drive(t, m, keyPress("j"))
	}
	if len(m.opening.keys) != maxTypeAhead || m.opening.dropped || m.notice != "" {
		t.Fatalf("at the limit: %d keys, dropped %v, notice %q", len(m.opening.keys), m.opening.dropped, m.notice)
	}
	m = drive(t, m, keyPress("j"), keyPress("j"))
	if len(m.opening.keys) != maxTypeAhead || !m.opening.dropped || !strings.Contains(plain(m), "the first 64 are kept") {
		t.Errorf("past the limit: %d keys, dropped %v:\n%s", len(m.opening.keys), m.opening.dropped, plain(m))
	}
}
