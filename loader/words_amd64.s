//go:build amd64 && !purego

#include "textflag.h"

// func countBlocksAVX2(b []byte, prevBlank uint64, ascii bool) (n, done int, lastBlank uint64)
//
// A byte is blank when it is at most ' ' (unsigned), so non-blank is
// max(x, 0x21) == x. Each 64-byte block gives a 64-bit mask of its
// non-blank bytes; a word starts at a non-blank byte whose predecessor
// (the previous block's last byte, for the first) is blank.
TEXT ·countBlocksAVX2(SB), NOSPLIT, $0-64
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	SHRQ $6, CX              // whole blocks
	XORQ R10, R10            // words
	MOVQ prevBlank+24(FP), R9 // whether the byte before b was blank
	MOVBQZX ascii+32(FP), R11
	XORQ DI, DI              // bytes done

	// VEX-encoded moves only: a legacy SSE MOVQ after the first 256-bit
	// instruction cost a state transition, 300 ns a call.
	MOVL $0x21, AX
	VMOVQ AX, X15
	VPBROADCASTB X15, Y15    // 0x21: the first non-blank byte
	MOVL $0xe3, AX
	VMOVQ AX, X14
	VPBROADCASTB X14, Y14    // 0xe3: the first CJK lead byte
	MOVL $6, AX
	VMOVQ AX, X13
	VPBROADCASTB X13, Y13    // 0xe9 - 0xe3
	MOVL $0xf0, AX
	VMOVQ AX, X12
	VPBROADCASTB X12, Y12    // 0xf0: a lead byte of the planes beyond

	TESTQ CX, CX
	JZ    end

loop:
	VMOVDQU (SI)(DI*1), Y0
	VMOVDQU 32(SI)(DI*1), Y1
	VPOR    Y0, Y1, Y2
	VPMOVMSKB Y2, AX
	TESTL   AX, AX
	JNZ     beyond

count:
	VPMAXUB   Y15, Y0, Y3
	VPCMPEQB  Y0, Y3, Y3
	VPMOVMSKB Y3, DX         // non-blank bytes 0-31
	VPMAXUB   Y15, Y1, Y4
	VPCMPEQB  Y1, Y4, Y4
	VPMOVMSKB Y4, BX         // non-blank bytes 32-63
	SHLQ    $32, BX
	ORQ     BX, DX           // non-blank bytes 0-63
	MOVQ    DX, BX
	NOTQ    BX               // blank bytes
	MOVQ    BX, R8
	SHLQ    $1, R8
	ORQ     R9, R8           // bytes whose predecessor is blank
	ANDQ    DX, R8
	POPCNTQ R8, R8
	ADDQ    R8, R10
	SHRQ    $63, BX
	MOVQ    BX, R9           // the block's last byte was blank
	ADDQ    $64, DI
	DECQ    CX
	JNZ     loop
	JMP     end

beyond:
	// A block with bytes beyond ASCII: stop before it if one is a CJK
	// lead byte, x - 0xe3 <= 6 or x == 0xf0, or if asked to stop at any.
	TESTQ     R11, R11
	JNZ       end
	VPSUBB    Y14, Y0, Y5
	VPMINUB   Y13, Y5, Y6
	VPCMPEQB  Y5, Y6, Y6
	VPCMPEQB  Y12, Y0, Y7
	VPOR      Y6, Y7, Y6
	VPSUBB    Y14, Y1, Y5
	VPMINUB   Y13, Y5, Y8
	VPCMPEQB  Y5, Y8, Y8
	VPCMPEQB  Y12, Y1, Y7
	VPOR      Y8, Y7, Y8
	VPOR      Y6, Y8, Y6
	VPMOVMSKB Y6, AX
	TESTL     AX, AX
	JZ        count

end:
	VZEROUPPER
	MOVQ R10, n+40(FP)
	MOVQ DI, done+48(FP)
	MOVQ R9, lastBlank+56(FP)
	RET

// func belowSpaceAVX2(b []byte) int
//
// The bytes of b below the space (unsigned: min(x, 0x1f) == x), in its
// whole 32-byte blocks. Each byte lane counts to at most 255, so b holds
// at most 255 blocks (controlBlocks gives it 16).
TEXT ·belowSpaceAVX2(SB), NOSPLIT, $0-32
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	SHRQ $5, CX              // whole blocks
	MOVL $0x1f, AX
	VMOVQ AX, X15
	VPBROADCASTB X15, Y15    // 0x1f: the last byte below the space
	VPXOR Y1, Y1, Y1         // counts, one a byte lane
	VPXOR Y2, Y2, Y2         // zero
	TESTQ CX, CX
	JZ    sum

loop:
	VMOVDQU  (SI), Y0
	VPMINUB  Y15, Y0, Y3
	VPCMPEQB Y0, Y3, Y3      // 0xff where the byte is below the space
	VPSUBB   Y3, Y1, Y1      // one more in each such lane
	ADDQ     $32, SI
	DECQ     CX
	JNZ      loop

sum:
	VPSADBW      Y2, Y1, Y1  // the lanes summed eight at a time, in four quadwords
	VEXTRACTI128 $1, Y1, X3
	VPADDQ       X3, X1, X1
	VPSHUFD      $0x4e, X1, X3
	VPADDQ       X3, X1, X1
	VMOVQ        X1, AX
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET
