package loader

import (
	"unsafe"

	"github.com/folio-reader/folio/model"
)

// slab hands out one worker's articles, and the strings they keep (ID and
// header fields), from blocks of many, as the cache's decoder does: an
// article, its ID and its fields were three allocations a file, which at
// 100,000 files cost a cold load more than parsing their headers. Blocks
// start small and double, so that loading a few files (a watcher's
// change) takes no large block for one article. A block lives as long as
// any article or string in it. The zero value is ready to use; a nil
// slab allocates each on its own.
type slab struct {
	arts     []model.Article // what is left of the current block
	text     []byte          // the current text block; its length is what was handed out
	nextArts int             // the next blocks' sizes
	nextText int
}

const (
	maxSlabArts = 256      // articles a block at most (74 KB)
	maxSlabText = 64 << 10 // text bytes a block at most
)

// article returns a new zero article.
func (s *slab) article() *model.Article {
	if s == nil {
		return new(model.Article)
	}
	if len(s.arts) == 0 {
		s.nextArts = min(max(2*s.nextArts, 4), maxSlabArts)
		s.arts = make([]model.Article, s.nextArts)
	}
	a := &s.arts[0]
	s.arts = s.arts[1:]
	return a
}

// bytes returns n bytes to write a string in, once: the caller makes its
// string of them with unsafe.String and never writes them again. A string
// longer than a quarter of the largest block gets bytes of its own; a new
// block is never smaller than the string it is made for, whatever size
// the doubling has reached.
func (s *slab) bytes(n int) []byte {
	if s == nil || n > maxSlabText/4 {
		return make([]byte, n)
	}
	if n > cap(s.text)-len(s.text) {
		s.nextText = min(max(2*s.nextText, 512), maxSlabText)
		s.text = make([]byte, 0, max(s.nextText, n))
	}
	at := len(s.text)
	s.text = s.text[:at+n]
	return s.text[at : at+n : at+n]
}

// join is joinPath(dir, name), in the slab. A name at the top is returned
// as it is: it is a string of its own already.
func (s *slab) join(dir, name string) string {
	if atTop(dir) {
		return name
	}
	b := s.bytes(len(dir) + 1 + len(name))
	n := copy(b, dir)
	b[n] = '/'
	copy(b[n+1:], name)
	return unsafe.String(unsafe.SliceData(b), len(b))
}
