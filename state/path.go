package state

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/folio-reader/folio/internal/xdg"
)

// Dir is folio's state folder: $XDG_STATE_HOME/folio, else
// ~/.local/state/folio. getenv is os.Getenv, or a test's.
func Dir(getenv func(string) string) (string, error) {
	return xdg.Dir(getenv, "XDG_STATE_HOME", ".local/state")
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
	dir, key, err := dirAndKey(getenv, corpusDir)
	return filepath.Join(dir, key+".db"), err
}

// PathForKey is the store of one SSH key on a served corpus: a folder per
// corpus under serve/, a file per key fingerprint.
func PathForKey(getenv func(string) string, corpusDir, fingerprint string) (string, error) {
	dir, key, err := dirAndKey(getenv, corpusDir)
	sum := sha256.Sum256([]byte(fingerprint))
	return filepath.Join(dir, "serve", key, hex.EncodeToString(sum[:12])+".db"), err
}

func dirAndKey(getenv func(string) string, corpusDir string) (dir, key string, err error) {
	if dir, err = Dir(getenv); err != nil {
		return "", "", err
	}
	key, err = CorpusKey(corpusDir)
	return dir, key, err
}
