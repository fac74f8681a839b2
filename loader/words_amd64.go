//go:build amd64 && !purego

package loader

import "golang.org/x/sys/cpu"

// haveAVX2: countBlocks can count 64 bytes at a time.
var haveAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasPOPCNT

// countBlocks counts the words that start in b, 64 bytes at a time, with
// AVX2 where the processor has it, as the SWAR step (wordStarts) would.
// It stops before the last partial block, and before any block that holds
// a lead byte of CJK (hasCJK's: 0xe3–0xe9, 0xf0), or, with ascii set, any
// byte beyond ASCII. It returns how many bytes it took, and whether the
// last of them was blank (prevBlank for the byte before b).
func countBlocks(b []byte, prevBlank uint64, ascii bool) (n, done int, lastBlank uint64) {
	if !haveAVX2 || len(b) < 64 {
		return 0, 0, prevBlank
	}
	return countBlocksAVX2(b, prevBlank, ascii)
}

//go:noescape
func countBlocksAVX2(b []byte, prevBlank uint64, ascii bool) (n, done int, lastBlank uint64)

// controlBlocks counts the bytes below the space in b, 32 at a time with
// AVX2 where the processor has it, in whole blocks of a head of at most
// 8,160 bytes. It returns how many it found and how many bytes it took.
func controlBlocks(b []byte) (below, done int) {
	if !haveAVX2 || len(b) < 32 {
		return 0, 0
	}
	done = len(b) &^ 31
	return belowSpaceAVX2(b[:done]), done
}

//go:noescape
func belowSpaceAVX2(b []byte) int

// assembly says the AVX2 routines are built in (not with -tags purego).
const assembly = true
