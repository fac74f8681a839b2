package state

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// Dir is folio's state folder: $XDG_STATE_HOME/folio, else
// ~/.local/state/folio. getenv is os.Getenv, or a test's.
func Dir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "folio"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", errors.New("no state folder: set XDG_STATE_HOME or HOME")
		}
		home = h
	}
	return filepath.Join(home, ".local", "state", "folio"), nil
}

// CorpusKey names a corpus's state: the folder's base name, readable, and
// a hash of its absolute path, unique. corpusDir "" is the embedded
// sample corpus.
func CorpusKey(corpusDir string) (string, error) {
	if corpusDir == "" {
		return "samples", nil
	}
	abs, err := filepath.Abs(corpusDir)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real // one store whichever link the folder was reached by
	}
	sum := sha256.Sum256([]byte(abs))
	base := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.' {
			return r
		}
		return '_'
	}, filepath.Base(abs))
	if len(base) > 40 {
		base = base[:40]
	}
	return base + "-" + hex.EncodeToString(sum[:8]), nil
}

// PathFor is the store of a corpus folder ("" for the samples).
func PathFor(getenv func(string) string, corpusDir string) (string, error) {
	dir, err := Dir(getenv)
	if err != nil {
		return "", err
	}
	key, err := CorpusKey(corpusDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, key+".db"), nil
}

// PathForKey is the store of one SSH key on a served corpus: a folder per
// corpus under serve/, a file per key fingerprint.
func PathForKey(getenv func(string) string, corpusDir, fingerprint string) (string, error) {
	dir, err := Dir(getenv)
	if err != nil {
		return "", err
	}
	key, err := CorpusKey(corpusDir)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(fingerprint))
	return filepath.Join(dir, "serve", key, hex.EncodeToString(sum[:12])+".db"), nil
}
