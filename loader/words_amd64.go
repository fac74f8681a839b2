package loader

import "golang.org/x/sys/cpu"

// haveAVX2: countBlocks can count 64 bytes at a time.
var haveAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasPOPCNT

// countBlocks counts the words that start in b, 64 bytes at a time, with
// AVX2 where the processor has it, as countWords's SWAR step would. It
// stops before the last partial block, and before any block that holds a
// lead byte of CJK (hasCJK's: 0xe3–0xe9, 0xf0), returning how many bytes
// it took, and whether the last of them was blank (prevBlank as
// wordStarts has it, 1 at the start).
func countBlocks(b []byte) (n, done int, prevBlank uint64) {
	if !haveAVX2 || len(b) < 64 {
		return 0, 0, 1
	}
	return countBlocksAVX2(b)
}

//go:noescape
func countBlocksAVX2(b []byte) (n, done int, prevBlank uint64)
