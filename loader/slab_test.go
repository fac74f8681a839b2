package loader

import (
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/folio-reader/folio/model"
)

// TestSlabKeepsWhatParseMakes: articles parsed from one slab, from one
// buffer the next file overwrites (as a worker does), are at the end what
// Parse makes of each file on its own: no string of one is written over by
// the next, whether it lies in a block or, too long for one, apart.
func TestSlabKeepsWhatParseMakes(t *testing.T) {
	var files [][]byte
	fs.WalkDir(os.DirFS("../samples/articles"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, err := os.ReadFile("../samples/articles/" + p)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, data)
		}
		return nil
	})
	files = append(files,
		[]byte("Title: T\nSource: wire\nDesk: night\nAuthor: A\nText:\nx\n"),
		[]byte("Title: "+strings.Repeat("long ", maxSlabText/8)+"\nAuthor: B\nText: inline body\n"),
		[]byte("Title:\nAuthor:\nText:\nnothing in the header\n"),
	)
	var s slab
	var buf []byte
	var got, want []*model.Article
	p := NewParser()
	for round := range 40 { // enough for blocks to fill and grow
		for i, data := range files {
			dir, name := "2024/01", string(rune('a'+i))+".txt"
			if round%2 == 1 {
				dir = "." // a file at the corpus's top
			}
			buf = append(buf[:0], data...)
			a, _ := p.parse(s.join(dir, name), buf, false, &s)
			w, _ := p.Parse(joinPath(dir, name), data, false)
			if (a == nil) != (w == nil) {
				t.Fatalf("%s: slab %v, heap %v", name, a, w)
			}
			got, want = append(got, a), append(want, w)
		}
		clear(buf)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("article %d:\nslab %+v\nheap %+v", i, got[i], want[i])
		}
	}
}
