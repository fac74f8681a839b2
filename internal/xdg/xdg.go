// Package xdg finds folio's folders as the XDG base directory spec places
// them: $XDG_STATE_HOME/folio, $XDG_CONFIG_HOME/folio and so on, else the
// spec's fallback under the home folder.
package xdg

import (
	"errors"
	"os"
	"path/filepath"
)

// Dir is folio's folder under the base directory named by env (say
// XDG_STATE_HOME), else under home/fallback (say .local/state). A relative
// value of env is ignored, as the spec says. getenv is os.Getenv, or a
// test's.
func Dir(getenv func(string) string, env, fallback string) (string, error) {
	if d := getenv(env); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "folio"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("no home folder: set " + env + " or HOME")
		}
		home = h
	}
	return filepath.Join(home, filepath.FromSlash(fallback), "folio"), nil
}
