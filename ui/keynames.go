package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/folio-reader/folio/internal/safe"
)

// modifiers are the prefixes a key may carry, in the order Bubble Tea
// writes them: "ctrl+shift+a" is a key, "shift+ctrl+a" never arrives.
var modifiers = []string{"ctrl", "alt", "shift", "meta", "hyper", "super"}

// namedKeys are the keys Bubble Tea names, as it writes them.
var namedKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range strings.Fields(`enter tab backspace esc space up down left right begin find insert delete
		select pgup pgdown home end capslock scrolllock numlock printscreen pause menu`) {
		m[k] = true
	}
	for i := 1; i <= 63; i++ {
		m[fmt.Sprintf("f%d", i)] = true
	}
	return m
}()

// checkKeyName says why k is not a key a terminal can send as Bubble Tea
// writes it, or nil: "o", "?", "enter", "ctrl+n", "alt+shift+tab", "f5".
func checkKeyName(k string) error {
	parts := strings.Split(k, "+")
	if strings.HasSuffix(k, "++") || k == "+" { // the key + itself, with modifiers or alone
		parts = append(parts[:len(parts)-2], "+")
	}
	base := parts[len(parts)-1]
	next := 0
	for _, mod := range parts[:len(parts)-1] {
		i := slices.Index(modifiers, mod)
		switch {
		case i < 0:
			return fmt.Errorf("\"%s\" is not a modifier (ctrl, alt, shift, meta, hyper, super)", safe.Clip(mod, 40))
		case i < next:
			return fmt.Errorf("write the modifiers in the order %s", strings.Join(modifiers, "+"))
		}
		next = i + 1
	}
	shifted := next > 0 && slices.Index(parts[:len(parts)-1], "shift") >= 0
	r, size := utf8.DecodeRuneInString(base)
	switch {
	case namedKeys[base]:
		return nil
	case base == "":
		return fmt.Errorf("no key after the modifiers")
	case size == len(base) && unicode.IsPrint(r) && r != ' ':
		if shifted && len(parts) == 2 {
			return fmt.Errorf("a shifted key is written as the character it types (%q, not shift+%s)", string(unicode.ToUpper(r)), base)
		}
		return nil
	}
	return fmt.Errorf("no key is called \"%s\" (write one character, or enter, esc, tab, space, backspace, up, down, left, right, home, end, pgup, pgdown, insert, delete, f1 to f63)", safe.Clip(base, 40))
}
