//go:build !amd64 || purego

package loader

// countBlocks takes nothing here: the SWAR step counts it all.
func countBlocks(_ []byte, prevBlank uint64, _ bool) (n, done int, lastBlank uint64) {
	return 0, 0, prevBlank
}

// controlBlocks takes nothing here: manyControls counts it all.
func controlBlocks([]byte) (below, done int) { return 0, 0 }

// assembly says the AVX2 routines are built in: not here (another
// architecture, or -tags purego).
const assembly = false
