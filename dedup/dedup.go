// Package dedup finds near-duplicate texts: an article that is another's
// text with edits (lines re-flowed, a paragraph dropped or added, a few
// words changed) under another headline, date or byline.
//
// Each text gets a signature of SigBytes one-byte MinHash values over its
// word shingles (three words in a row), made with one permutation hashing:
// every shingle is hashed once, its hash picks one of the SigBytes bins and
// the bin keeps the least hash it sees; an empty bin takes its next
// non-empty neighbour's. Two signatures agree in a bin with probability
// J + (1-J)/256, J the Jaccard similarity of the two texts' shingle sets.
// Candidates are found by locality-sensitive hashing (Bands bands of
// Rows bins: texts that agree on a whole band), and kept when their
// estimated similarity is at least Threshold.
package dedup

import (
	"encoding/binary"
	"math/bits"
)

const (
	SigBytes  = 64   // one-byte MinHash values a signature
	Bands     = 16   // LSH bands
	Rows      = 4    // bins a band
	Shingle   = 3    // words a shingle
	MinWords  = 25   // a shorter text gets no signature: too little to tell a copy by
	Threshold = 0.55 // estimated Jaccard similarity of a copy, at least
)

// Signature is a text's MinHash signature; the zero Signature is none.
type Signature [SigBytes]byte

// Signer makes signatures from the hashes of a text's words, reusing its
// buffers from text to text. The zero Signer is ready to use.
type Signer struct {
	min  [SigBytes]uint64
	seen [SigBytes]bool
}

// Sign returns the signature of a text whose words hash to words (any
// good 64-bit hash of each folded word), and false for a text of fewer
// than MinWords words.
func (s *Signer) Sign(words []uint64) (Signature, bool) {
	var sig Signature
	if len(words) < MinWords {
		return sig, false
	}
	for i := range s.min {
		s.min[i] = ^uint64(0)
		s.seen[i] = false
	}
	for i := 0; i+Shingle <= len(words); i++ {
		h := mix(words[i]*0x9E3779B97F4A7C15 ^ bits.RotateLeft64(words[i+1], 21) ^ bits.RotateLeft64(words[i+2], 42))
		bin := h % SigBytes
		v := h / SigBytes
		if v < s.min[bin] || !s.seen[bin] {
			s.min[bin], s.seen[bin] = v, true
		}
	}
	// Densify: an empty bin takes the next non-empty bin's value, mixed
	// with how far it looked, so that two texts' empty bins agree as
	// often as their filled ones.
	for i := range s.min {
		j, d := i, uint64(0)
		for !s.seen[j] {
			j = (j + 1) % SigBytes
			d++
		}
		sig[i] = byte(mix(s.min[j]+d*0xBF58476D1CE4E5B9) >> 56)
	}
	return sig, true
}

// Similarity estimates the Jaccard similarity of the texts of two
// signatures.
func Similarity(a, b *Signature) float64 {
	same := 0
	for i := 0; i < SigBytes; i += 8 {
		x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
		// Count the zero bytes of x.
		for k := 0; k < 8; k++ {
			if x&0xFF == 0 {
				same++
			}
			x >>= 8
		}
	}
	// same/SigBytes = J + (1-J)/256
	j := (float64(same)/SigBytes - 1.0/256) / (1 - 1.0/256)
	return max(j, 0)
}

// band is band b of a signature, as a key.
func band(s *Signature, b int) uint64 {
	return uint64(b)<<32 | uint64(binary.LittleEndian.Uint32(s[b*Rows:]))
}

// mix is SplitMix64's finalizer: a good 64-bit scramble.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// WordHash hashes a folded word for Sign (FNV-1a, then mixed).
func WordHash(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return mix(h)
}
