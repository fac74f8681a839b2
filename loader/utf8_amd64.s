//go:build amd64 && !purego

#include "textflag.h"

// The tables of Keiser and Lemire's UTF-8 check ("Validating UTF-8 in
// less than one instruction per byte", 2021), written out here: each byte
// pair's error kinds, looked up by the high and low nibble of the first
// byte and the high nibble of the second, ANDed. A kind is a bit:
// TOO_SHORT 0x01 (a lead byte not followed by a continuation), TOO_LONG
// 0x02 (a continuation after ASCII), OVERLONG_3 0x04, TOO_LARGE 0x08,
// SURROGATE 0x10, OVERLONG_2 0x20, TOO_LARGE_1000 and OVERLONG_4 0x40,
// TWO_CONTS 0x80 (a continuation after a continuation, an error unless a
// three- or four-byte character's lead came two or three bytes before).
// Each table is given twice, once for each 128-bit lane.

// byte1High: by the first byte's high nibble.
DATA byte1High<>+0x00(SB)/8, $0x0202020202020202 // 0-7: ASCII: TOO_LONG
DATA byte1High<>+0x08(SB)/8, $0x4915012180808080 // 8-b: TWO_CONTS; c: TOO_SHORT|OVERLONG_2; d: TOO_SHORT; e: TOO_SHORT|OVERLONG_3|SURROGATE; f: TOO_SHORT|TOO_LARGE|TOO_LARGE_1000|OVERLONG_4
DATA byte1High<>+0x10(SB)/8, $0x0202020202020202
DATA byte1High<>+0x18(SB)/8, $0x4915012180808080
GLOBL byte1High<>(SB), RODATA|NOPTR, $32

// byte1Low: by the first byte's low nibble (CARRY = TOO_SHORT|TOO_LONG|TWO_CONTS = 0x83).
DATA byte1Low<>+0x00(SB)/8, $0xcbcbcb8b8383a3e7 // 0: CARRY|OVERLONG_3|OVERLONG_2|OVERLONG_4; 1: CARRY|OVERLONG_2; 2, 3: CARRY; 4: CARRY|TOO_LARGE; 5-7: CARRY|TOO_LARGE|TOO_LARGE_1000
DATA byte1Low<>+0x08(SB)/8, $0xcbcbdbcbcbcbcbcb // 8-c: as 5; d: and SURROGATE; e-f: as 5
DATA byte1Low<>+0x10(SB)/8, $0xcbcbcb8b8383a3e7
DATA byte1Low<>+0x18(SB)/8, $0xcbcbdbcbcbcbcbcb
GLOBL byte1Low<>(SB), RODATA|NOPTR, $32

// byte2High: by the second byte's high nibble.
DATA byte2High<>+0x00(SB)/8, $0x0101010101010101 // 0-7: TOO_SHORT
DATA byte2High<>+0x08(SB)/8, $0x01010101babaaee6 // 8: TOO_LONG|OVERLONG_2|TWO_CONTS|OVERLONG_3|TOO_LARGE_1000|OVERLONG_4; 9: TOO_LONG|OVERLONG_2|TWO_CONTS|OVERLONG_3|TOO_LARGE; a-b: TOO_LONG|OVERLONG_2|TWO_CONTS|SURROGATE|TOO_LARGE; c-f: TOO_SHORT
DATA byte2High<>+0x10(SB)/8, $0x0101010101010101
DATA byte2High<>+0x18(SB)/8, $0x01010101babaaee6
GLOBL byte2High<>(SB), RODATA|NOPTR, $32

// lastMax: the largest byte that may end a block without a character cut
// at its end: any at first, then below a four-byte lead, a three-byte
// lead and any lead.
DATA lastMax<>+0x00(SB)/8, $0xffffffffffffffff
DATA lastMax<>+0x08(SB)/8, $0xffffffffffffffff
DATA lastMax<>+0x10(SB)/8, $0xffffffffffffffff
DATA lastMax<>+0x18(SB)/8, $0xbfdfefffffffffff
GLOBL lastMax<>(SB), RODATA|NOPTR, $32

// func scanBlocksAVX2(b []byte) (done int, nul, bad, cut bool)
//
// Checks b's whole 32-byte blocks: done is how many bytes that is, nul
// whether one is 0, bad whether they are not UTF-8 but for a character
// cut at their end, and cut whether one is.
TEXT ·scanBlocksAVX2(SB), NOSPLIT, $0-35
	MOVQ b_base+0(FP), SI
	MOVQ b_len+8(FP), CX
	ANDQ $~31, CX
	MOVQ CX, done+24(FP)
	ADDQ SI, CX              // the end of the whole blocks

	MOVL $0x0f, AX
	VMOVD AX, X0
	VPBROADCASTB X0, Y15     // low nibble mask
	MOVL $0x60, AX
	VMOVD AX, X0
	VPBROADCASTB X0, Y14     // 0xe0 - 0x80: a three-byte lead, saturating
	MOVL $0x70, AX
	VMOVD AX, X0
	VPBROADCASTB X0, Y13     // 0xf0 - 0x80: a four-byte lead, saturating
	MOVL $0x80, AX
	VMOVD AX, X0
	VPBROADCASTB X0, Y12
	VMOVDQU byte1High<>(SB), Y11
	VMOVDQU byte1Low<>(SB), Y10
	VMOVDQU byte2High<>(SB), Y9
	VMOVDQU lastMax<>(SB), Y8
	VPXOR Y7, Y7, Y7         // the previous block (none: ASCII)
	VPXOR Y6, Y6, Y6         // errors
	VPXOR Y5, Y5, Y5         // a character cut at the previous block's end
	VPXOR Y4, Y4, Y4         // NULs
	VPXOR Y3, Y3, Y3         // zeros

loop:
	CMPQ SI, CX
	JEQ  end
	VMOVDQU (SI), Y0
	ADDQ $32, SI
	VPCMPEQB Y3, Y0, Y1
	VPOR Y1, Y4, Y4
	VPMOVMSKB Y0, AX
	TESTL AX, AX
	JNZ  multi
	VPOR Y5, Y6, Y6          // ASCII after a cut character
	VPXOR Y5, Y5, Y5
	VMOVDQU Y0, Y7
	JMP  loop

multi:
	// prev1, prev2, prev3: the block moved one, two and three bytes on,
	// the previous block's last bytes coming in at its start.
	VPERM2I128 $0x21, Y0, Y7, Y1 // previous high lane, this low lane
	VPALIGNR $15, Y1, Y0, Y2     // prev1
	VPSRLW $4, Y2, Y5
	VPAND Y15, Y5, Y5
	VPSHUFB Y5, Y11, Y5          // byte1High[prev1 >> 4]
	VPAND Y15, Y2, Y2
	VPSHUFB Y2, Y10, Y2          // byte1Low[prev1 & 0xf]
	VPAND Y2, Y5, Y5
	VPSRLW $4, Y0, Y2
	VPAND Y15, Y2, Y2
	VPSHUFB Y2, Y9, Y2           // byte2High[input >> 4]
	VPAND Y2, Y5, Y5             // the pairs' errors
	VPALIGNR $14, Y1, Y0, Y2     // prev2
	VPSUBUSB Y14, Y2, Y2         // >= 0x80 where prev2 is a three-byte lead or more
	VPALIGNR $13, Y1, Y0, Y1     // prev3
	VPSUBUSB Y13, Y1, Y1         // >= 0x80 where prev3 is a four-byte lead
	VPOR Y1, Y2, Y2
	VPAND Y12, Y2, Y2            // must be a second or third continuation
	VPXOR Y2, Y5, Y5
	VPOR Y5, Y6, Y6
	VPSUBUSB Y8, Y0, Y5          // a character cut at this block's end
	VMOVDQU Y0, Y7
	JMP loop

end:
	VPMOVMSKB Y4, AX
	TESTL AX, AX
	SETNE nul+32(FP)
	VPTEST Y6, Y6
	SETNE bad+33(FP)
	VPTEST Y5, Y5
	SETNE cut+34(FP)
	VZEROUPPER
	RET
