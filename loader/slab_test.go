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

// TestSlabBytesAtEveryBlockSize asks a fresh slab, and a slab at each size
// its doubling reaches, for strings at, just under and just over every
// block size and the limit beyond which a string gets bytes of its own:
// each must come back whole, its bytes apart from every other's.
func TestSlabBytesAtEveryBlockSize(t *testing.T) {
	var sizes []int
	for b := 512; b <= maxSlabText; b *= 2 {
		sizes = append(sizes, b-1, b, b+1)
	}
	sizes = append(sizes, 0, 1, maxSlabText/4-1, maxSlabText/4, maxSlabText/4+1, 2*maxSlabText)
	for grown := range 10 { // blocks made before: the doubling's every step
		for _, n := range sizes {
			var s slab
			for range grown {
				s.bytes(s.nextText + 1) // fills this block, forces the next
			}
			checkSlabBytes(t, &s, []int{n, n, 1, n})
		}
	}
}

// FuzzSlabBytes asks one slab for strings of any sizes, in any order.
func FuzzSlabBytes(f *testing.F) {
	f.Add([]byte{0, 2, 255, 3}) // 600 bytes after a small block
	f.Add([]byte{4, 1, 64, 200})
	f.Fuzz(func(t *testing.T, raw []byte) {
		var sizes []int
		for i := 0; i+1 < len(raw) && len(sizes) < 64; i += 2 {
			sizes = append(sizes, int(raw[i])<<8|int(raw[i+1])) // up to 64 KiB
		}
		var s slab
		checkSlabBytes(t, &s, sizes)
	})
}

// checkSlabBytes takes strings of the sizes from s, fills each with its
// own byte and checks that none was written over.
func checkSlabBytes(t *testing.T, s *slab, sizes []int) {
	t.Helper()
	got := make([][]byte, len(sizes))
	for i, n := range sizes {
		b := s.bytes(n)
		if len(b) != n || cap(b) != n {
			t.Fatalf("bytes(%d): len %d cap %d", n, len(b), cap(b))
		}
		for j := range b {
			b[j] = byte(i + 1)
		}
		got[i] = b
	}
	for i, b := range got {
		for j := range b {
			if b[j] != byte(i+1) {
				t.Fatalf("string %d (%d bytes) written over at %d", i, len(b), j)
			}
		}
	}
}

// TestSlabJoinDeepPath: a path 200 folders deep, longer than a small
// block, joins whole.
func TestSlabJoinDeepPath(t *testing.T) {
	dir := strings.TrimSuffix(strings.Repeat("folder/", 200), "/")
	var s slab
	s.join("a", "b.txt") // a first, small block
	if got, want := s.join(dir, "x.txt"), dir+"/x.txt"; got != want {
		t.Fatalf("join: %d bytes, want %d", len(got), len(want))
	}
}
