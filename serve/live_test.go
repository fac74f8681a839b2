package serve

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/folio-reader/folio/library"
)

// TestTwoReadersFollowOneFolder: the server's corpus follows its folder,
// and every reader connected to it sees an article arrive and, once its
// file is removed, leave, without a key pressed.
func TestTwoReadersFollowOneFolder(t *testing.T) {
	dir := t.TempDir()
	article := func(name, title string) string {
		p := filepath.Join(dir, name)
		text := "Published Time: 2023-01-02\nTitle: " + title + "\nAuthor: Desk\nText:\nThe body of " + title + ".\n"
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	article("first.txt", "Herons nest early this spring")
	lib, err := library.Open(context.Background(), library.Source{Dir: dir}, library.Options{
		Bodies: true, NoCache: true, Watch: true,
		Getenv: func(string) string { return "" },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	if err := lib.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, addr, _ := start(t, Config{Corpus: lib.Corpus})

	readers := []*term{
		openTerm(t, mustDial(t, addr, nil), 100, 30),
		openTerm(t, mustDial(t, addr, nil), 80, 24),
	}
	for _, tm := range readers {
		tm.waitText("Herons nest early")
	}

	added := article("second.txt", "Kestrels return to the valley")
	for _, tm := range readers {
		tm.waitScreen("the new article on every screen", func(s string) bool {
			return strings.Contains(s, "Kestrels return") && strings.Contains(s, "Herons nest")
		})
	}

	if err := os.Remove(added); err != nil {
		t.Fatal(err)
	}
	for _, tm := range readers {
		tm.waitScreen("the removed article gone from every list", func(s string) bool {
			return !strings.Contains(s, "Kestrels return") && strings.Contains(s, "Herons nest")
		})
	}
	for _, tm := range readers {
		tm.send("q")
	}
}
