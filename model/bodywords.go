package model

import (
	"encoding/binary"
	"unicode/utf8"

	"github.com/folio-reader/folio/dedup"
)

// A body worker's own dictionary: words found by a hash computed inline,
// folded as they are read, with the byte classes its tokenizer steps by.

// lookup returns the local id of word, adding it when new and add is set
// (else it returns noWord). When the corpus's vocabulary is nearly full,
// a word new to the worker is added only if the vocabulary holds it or
// has room for it (mayTake): else it would be refused, and a worker's
// dictionary must not hold what the corpus's will not. It runs for
// every word of every body, which made Go's map the body index's largest
// cost; a table keyed by a hash computed inline is twice as fast. The hash
// takes eight bytes at a time, and a slot holds a word's first eight and
// length, which tell most words apart without a string compared or another
// cache line read.
func (w *BodyWorker) lookup(word []byte, add bool) uint32 {
	k := wordKey(word)
	h := wordHash(k, word)
	mask := uint64(len(w.table) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		slot := &w.table[i]
		if slot.id == 0 {
			if !add || w.c.body.full.Load() && !w.c.body.mayTake(word, len(w.words)-len(w.global), w.tokens) {
				return noWord
			}
			id := uint32(len(w.words))
			w.words = append(w.words, string(word))
			w.seen = append(w.seen, 0)
			w.cnt = append(w.cnt, 0)
			w.off = append(w.off, 0)
			w.posRaw = append(w.posRaw, nil)
			w.whash = append(w.whash, dedup.WordHash(word))
			*slot = wordSlot{key: k, len: uint32(len(word)), id: id + 1}
			if len(w.words)*2 > len(w.table) {
				w.grow()
			}
			return id
		}
		if slot.key == k && slot.len == uint32(len(word)) && (len(word) <= 8 || w.words[slot.id-1][8:] == string(word[8:])) {
			return slot.id - 1
		}
	}
}

// wordSlot is a place in BodyWorker.table: a word's wordKey, its length
// and its local id + 1, 0 when empty.
type wordSlot struct {
	key uint64
	len uint32
	id  uint32
}

// wordKey is the first eight bytes of b, little-endian, zeros past its end.
func wordKey(b []byte) uint64 {
	if cap(b) >= 8 {
		k := binary.LittleEndian.Uint64(b[:8])
		if len(b) < 8 {
			k &= 1<<(8*len(b)) - 1
		}
		return k
	}
	k := uint64(0)
	for i, c := range b[:min(len(b), 8)] {
		k |= uint64(c) << (8 * i)
	}
	return k
}

// wordHash hashes b, whose wordKey is k.
func wordHash(k uint64, b []byte) uint64 {
	h := (k ^ uint64(len(b))<<59) * 0x9e3779b97f4a7c15
	for i := 8; i < len(b); i += 8 {
		h = (h ^ h>>29 ^ wordKey(b[i:])) * 0xbf58476d1ce4e5b9
	}
	return h ^ h>>32
}

// grow doubles the table and places every word again.
func (w *BodyWorker) grow() {
	old := w.table
	w.table = make([]wordSlot, 2*len(old))
	mask := uint64(len(w.table) - 1)
	for _, slot := range old {
		if slot.id == 0 {
			continue
		}
		i := wordHash(slot.key, []byte(w.words[slot.id-1])) & mask
		for w.table[i].id != 0 {
			i = (i + 1) & mask
		}
		w.table[i] = slot
	}
}

// fold appends the folded form of a non-ASCII letter, remembering it.
func (w *BodyWorker) fold(dst []byte, r rune) []byte {
	f, ok := w.folds[r]
	if !ok {
		f = string(appendFold(nil, r))
		w.folds[r] = f
	}
	return append(dst, f...)
}

// The classes of ASCII bytes, for Add: asciiLower for lowercase letters
// and digits, asciiSep for what ends a word (a byte past 0x7f does not).
const (
	asciiSep = iota
	asciiLower
	asciiUpper
	asciiApostrophe
	asciiHigh
)

// asciiClass is every byte's class; it is never written after.
var asciiClass = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			t[c] = asciiLower
		case 'A' <= c && c <= 'Z':
			t[c] = asciiUpper
		case c == '\'':
			t[c] = asciiApostrophe
		case c >= utf8.RuneSelf:
			t[c] = asciiHigh
		}
	}
	return t
}()

// noWord stands in toks for a word too long to index.
const noWord = ^uint32(0)

func nextIsWord(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return isWordRune(r) && !IsCJK(r)
}
