package ui

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/model"
	rstate "github.com/folio-reader/folio/state"
)

func TestMarksFromKeys(t *testing.T) {
	c := sampleCorpus(t)
	store := rstate.Memory()
	tm := teatest.NewTestModel(t, New(Options{Corpus: c, Source: "samples", State: store,
		Searches: []config.Search{{Name: "Tea", Query: "tea"}}}), teatest.WithInitialTermSize(120, 30))
	t.Cleanup(func() { tm.Quit() })
	term := newTerminal(120, 30)
	waitScreen := func(what string, ok func(string) bool) {
		t.Helper()
		fed := 0 // WaitFor passes all it has read in this call, each time
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			term.write(b[fed:])
			fed = len(b)
			return ok(term.String())
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	waitScreen("the sidebar with the config's search", func(s string) bool {
		return strings.Contains(s, "Folders") && regexp.MustCompile(`Tea\s+\d+/\d+`).MatchString(s)
	})
	tm.Send(keyPress("*"))
	waitScreen("a star in the margin", func(s string) bool { return strings.Contains(s, "│★") })
	waitScreen("Starred counting one", func(s string) bool { return regexp.MustCompile(`Starred\s+1/1`).MatchString(s) })
	tm.Send(keyPress("enter"))
	waitScreen("Unread one less", func(s string) bool {
		return regexp.MustCompile(`Unread\s+13/13`).MatchString(s) || !strings.Contains(s, "Folders")
	})
	tm.Send(keyPress("t"))
	typeText(tm, "follow-up")
	tm.Send(keyPress("enter"))
	waitScreen("the tag in the header", func(s string) bool { return strings.Contains(s, "Tags: follow-up") })
	if n := store.Len(); n != 1 {
		t.Errorf("%d articles with marks, want 1", n)
	}
	var starred, tagged int
	for _, a := range c.Articles() {
		mk := store.Get(a.ID)
		if mk.Starred && mk.Read {
			starred++
		}
		if len(mk.Tags) == 1 && mk.Tags[0] == "follow-up" {
			tagged++
		}
	}
	if starred != 1 || tagged != 1 {
		t.Errorf("starred and read %d, tagged %d", starred, tagged)
	}
}

// TestCopyEmitsOSC52: c writes the article to the clipboard through OSC
// 52, as the terminal receives it.
func TestCopyEmitsOSC52(t *testing.T) {
	c := sampleCorpus(t)
	tm, wait := run(t, c, 80, 24)
	wait("1–")
	tm.Send(keyPress("y"))
	tm.Send(keyPress("c"))
	osc := regexp.MustCompile("\x1b\\]52;c;([A-Za-z0-9+/=]+)(\x07|\x1b\\\\)")
	var got []string
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		got = got[:0]
		for _, m := range osc.FindAllSubmatch(b, -1) {
			text, err := base64.StdEncoding.DecodeString(string(m[1]))
			if err == nil {
				got = append(got, string(text))
			}
		}
		return len(got) >= 2
	}, teatest.WithDuration(5*time.Second))
	// The two commands run at once: tell them apart by what they hold.
	id, article := got[0], got[1]
	if strings.Contains(id, "\n") {
		id, article = article, id
	}
	if !strings.HasSuffix(id, ".txt") || strings.Contains(id, "\n") {
		t.Errorf("y copied %q, want an ID", id)
	}
	if !strings.Contains(article, "words") || !bytes.Contains([]byte(article), []byte("\n\n")) {
		t.Errorf("c copied %q, want the article", article)
	}
}

// TestTagLimitInFooter: a tag past the store's limit is refused, and the
// footer names the limit.
func TestTagLimitInFooter(t *testing.T) {
	c := sampleCorpus(t)
	store := rstate.Memory()
	for i := range rstate.MaxTags {
		if _, err := store.SetTag(fmt.Sprintf("t%d", i), true, &model.Article{ID: fmt.Sprintf("elsewhere/%d.txt", i)}); err != nil {
			t.Fatal(err)
		}
	}
	tm := teatest.NewTestModel(t, New(Options{Corpus: c, Source: "samples", State: store}), teatest.WithInitialTermSize(120, 30))
	t.Cleanup(func() { tm.Quit() })
	term := newTerminal(120, 30)
	fed := 0 // WaitFor passes all it has read in this call, each time
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		term.write(b[fed:])
		fed = len(b)
		return strings.Contains(term.String(), "1–")
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	tm.Send(keyPress("t"))
	typeText(tm, "one-more")
	tm.Send(keyPress("enter"))
	want := fmt.Sprintf("at most %d distinct tags", rstate.MaxTags)
	fed = 0 // WaitFor passes all it has read in this call, each time
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		term.write(b[fed:])
		fed = len(b)
		return strings.Contains(term.String(), want)
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	if names, _ := store.Tags(); len(names) != rstate.MaxTags {
		t.Errorf("%d tags in use", len(names))
	}
}
