package loader

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkScan compares scanText with bytes.IndexByte and utf8.Valid.
func checkScan(t *testing.T, b []byte) {
	t.Helper()
	nul, valid := scanText(b)
	wantNul := bytes.IndexByte(b, 0) >= 0
	if nul != wantNul || !nul && valid != utf8.Valid(b) {
		t.Fatalf("scanText(%q) = %v, %v; want NUL %v, valid %v", b, nul, valid, wantNul, utf8.Valid(b))
	}
}

// scanPieces are bytes scanText must judge: a NUL, characters of two to
// four bytes, and bytes that are not UTF-8 (stray continuation bytes, cut
// characters, overlong forms, a surrogate, beyond U+10FFFF).
var scanPieces = []string{"\x00", "é", "’", "𝄞", "\U0010FFFF", "\ufffd", "\xff", "\x80", "\xe2\x80", "\xf0\x9d\x84",
	"\x80\x80\x80\x80", "\xc0\xaf", "\xc1\xbf", "\xe0\x80\xaf", "\xf0\x80\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\x7f", "\x01"}

// TestScanTextAtEveryPlace puts each piece at every place of texts of
// many lengths, on both sides of the 32-byte blocks' edges, alone and
// after a character in the block before.
func TestScanTextAtEveryPlace(t *testing.T) {
	for _, n := range []int{0, 1, 31, 32, 33, 63, 64, 65, 100, 128} {
		base := strings.Repeat("a", n)
		checkScan(t, []byte(base))
		for _, p := range scanPieces {
			for at := 0; at <= n; at++ {
				checkScan(t, []byte(base[:at]+p+base[at:]))
				checkScan(t, []byte("é"+base[:at]+p+base[at:]))
			}
		}
	}
	long := strings.Repeat("b", 200)
	for _, p := range scanPieces {
		for _, q := range scanPieces {
			for at := 20; at < 110; at++ {
				checkScan(t, []byte(long[:20]+p+long[20:at]+q+long[at:]))
			}
		}
	}
}

// TestScanTextEveryPair: every two bytes beyond ASCII, and every lead with
// every continuation pair, at the places around a block's edge.
func TestScanTextEveryPair(t *testing.T) {
	buf := []byte(strings.Repeat("x", 70))
	for _, at := range []int{29, 30, 31, 32, 62, 63} {
		for x := 0x80; x < 0x100; x++ {
			for y := 0; y < 0x100; y++ {
				b := append([]byte{}, buf...)
				b[at], b[at+1] = byte(x), byte(y)
				checkScan(t, b)
				if at+3 <= len(b) {
					b[at+2] = byte(y)
					checkScan(t, b)
				}
			}
		}
	}
	for lead := 0xe0; lead < 0xf8; lead++ {
		for c1 := 0x70; c1 < 0xd0; c1++ {
			for c2 := 0x70; c2 < 0xd0; c2 += 3 {
				for _, at := range []int{28, 30, 31} {
					b := append([]byte{}, buf...)
					b[at], b[at+1], b[at+2], b[at+3] = byte(lead), byte(c1), byte(c2), 0x80
					checkScan(t, b)
				}
			}
		}
	}
}

// TestScanTextRandom: random texts of ASCII with characters, stray bytes
// and NULs mixed in at every density.
func TestScanTextRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		n := r.IntN(1500)
		odd := r.IntN(300) + 1 // one in odd bytes is not ASCII
		for len(b) < n {
			switch {
			case r.IntN(odd) != 0:
				b = append(b, byte(' '+r.IntN(95)))
			case r.IntN(8) == 0:
				b = append(b, scanPieces[r.IntN(len(scanPieces))]...)
			default:
				b = append(b, []string{"é", "’", "北京", "𝄞", "—"}[r.IntN(5)]...)
			}
		}
		checkScan(t, b)
	}
}

func FuzzScanText(f *testing.F) {
	f.Add([]byte("Title: x\nText:\nplain"))
	f.Add([]byte(strings.Repeat("a", 31) + "é" + strings.Repeat("b", 70) + "\x00"))
	f.Add([]byte(strings.Repeat("a", 30) + "\xf0\x9d\x84\x9e" + strings.Repeat("c", 40) + "\x80"))
	f.Fuzz(func(t *testing.T, b []byte) { checkScan(t, b) })
}

var sink bool

// BenchmarkScanText compares the one pass with the two it replaced, on
// the first 300 files of FOLIO_BENCH_DIR (as a file just read, in the
// cache).
func BenchmarkScanText(b *testing.B) {
	files, size := benchFiles(b, 300)
	b.Run("scanText", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, f := range files {
				nul, valid := scanText(f)
				sink = sink != nul != valid
			}
		}
	})
	b.Run("IndexByte+Valid", func(b *testing.B) {
		b.SetBytes(size)
		for b.Loop() {
			for _, f := range files {
				nul := bytes.IndexByte(f, 0) >= 0
				valid := utf8.Valid(f)
				sink = sink != nul != valid
			}
		}
	})
}
