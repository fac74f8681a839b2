package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// writeJSON writes v as one line of JSON that is exact (decoding it gives
// back every string as it was) and that a terminal cannot act on:
// encoding/json escapes C0 controls but leaves DEL and the C1 controls
// (U+0080–U+009F) raw, so those are written as \u escapes too. They can
// only stand inside strings, where the escape means the same character.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encode JSON: %w", err)
	}
	_, err := w.Write(escapeC1(buf.Bytes()))
	return err
}

func escapeC1(b []byte) []byte {
	if !bytes.ContainsFunc(b, isC1orDEL) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if isC1orDEL(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, b[:n]...)
		}
		b = b[n:]
	}
	return out
}

func isC1orDEL(r rune) bool { return r == 0x7f || (r >= 0x80 && r <= 0x9f) }
