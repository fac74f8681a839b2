package palette

import (
	"strconv"
	"strings"
)

// Background is what a terminal's environment says of its background,
// for when the terminal does not answer the query for its colour (tmux
// 3.3 does not, nor do many terminals over SSH).
type Background int

const (
	Unknown Background = iota
	Dark
	Light
)

// FromEnviron reads COLORFGBG ("15;0", "0;default;15": the background is
// the last field, an ANSI colour number) from environ, as os.Environ and
// an SSH session's Environ give it. Colours 7 and 9 to 15 are light;
// anything unreadable is Unknown.
func FromEnviron(environ []string) Background {
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "COLORFGBG="); ok {
			return fromCOLORFGBG(v)
		}
	}
	return Unknown
}

func fromCOLORFGBG(v string) Background {
	if len(v) > 32 {
		return Unknown
	}
	fields := strings.Split(v, ";")
	bg, err := strconv.Atoi(fields[len(fields)-1])
	switch {
	case len(fields) < 2 || err != nil || bg < 0 || bg > 15:
		return Unknown
	case bg == 7 || bg > 8:
		return Light
	}
	return Dark
}
