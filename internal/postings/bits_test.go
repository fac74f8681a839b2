package postings

import "testing"

// Bits written are read back, each code at its widths.
func TestBitCodes(t *testing.T) {
	var w bitWriter
	vals := []uint64{0, 1, 2, 15, 16, 17, 1<<31 - 1, 1 << 31, 1<<32 - 1, 1 << 32, 1<<40 - 1}
	for _, v := range vals {
		for k := range uint(32) {
			w.rice(v, k)
			if v > 0 {
				w.gamma(v)
			}
		}
	}
	r := bitReader{b: w.bytes()}
	for _, v := range vals {
		for k := range uint(32) {
			if got := r.rice(k); got != v {
				t.Fatalf("rice(%d, %d): read %d", v, k, got)
			}
			if v > 0 {
				if got := r.gamma(); got != v {
					t.Fatalf("gamma(%d): read %d", v, got)
				}
			}
		}
	}
	if r.bad || r.left() >= 8 {
		t.Fatalf("bad %v, %d bits left", r.bad, r.left())
	}
	r.read(9)
	if !r.bad {
		t.Fatal("read past the end, not bad")
	}
}
