package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"sync"
	"time"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"
)

// KeyList is the allow-list of public keys read from an OpenSSH
// authorized_keys file. It follows the file: when the file's modification
// time or size changes, the next check re-reads it (looking at most once a
// second), so edits apply without a restart. When the file cannot be read
// the last good list stays in force, and the failure is logged.
//
// Key options (from=, command=, restrict…) are ignored: nobody gets a shell
// or a forwarded port here anyway. Lines with cert-authority are skipped.
type KeyList struct {
	path   string
	every  time.Duration
	logger *log.Logger

	mu      sync.Mutex
	keys    map[string]struct{} // wire-format keys
	checked time.Time           // when the file was last looked at
	stamp   fileStamp           // the file the keys were read from
	failing bool                // the last look failed (logged once)
}

type fileStamp struct {
	mod  time.Time
	size int64
}

// LoadKeyList reads the authorized_keys file at path. It fails when the file
// cannot be read; lines that do not parse are skipped and logged.
func LoadKeyList(path string, logger *log.Logger) (*KeyList, error) {
	if logger == nil {
		logger = log.New(io.Discard)
	}
	k := &KeyList{path: path, every: time.Second, logger: logger}
	keys, stamp, err := k.read()
	if err != nil {
		return nil, fmt.Errorf("authorized keys: %w", err)
	}
	k.keys, k.stamp, k.checked = keys, stamp, time.Now()
	if len(keys) == 0 {
		logger.Warn("the authorized keys file lists no key: nobody can connect until one is added", "file", path)
	}
	return k, nil
}

// Len is the number of keys in force.
func (k *KeyList) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.keys)
}

// Allowed reports whether key is in the list as the file says now.
func (k *KeyList) Allowed(key gossh.PublicKey) bool {
	if key == nil {
		return false
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.refreshLocked()
	_, ok := k.keys[string(key.Marshal())]
	return ok
}

// refreshLocked re-reads the file if it changed since the last look, at
// most once every k.every.
func (k *KeyList) refreshLocked() {
	now := time.Now()
	if now.Sub(k.checked) < k.every {
		return
	}
	k.checked = now
	info, err := os.Stat(k.path)
	if err == nil && (fileStamp{info.ModTime(), info.Size()}) == k.stamp && !k.failing {
		return
	}
	var keys map[string]struct{}
	var stamp fileStamp
	if err == nil {
		keys, stamp, err = k.read()
	}
	if err != nil {
		if !k.failing {
			k.logger.Warn("cannot read the authorized keys; keeping the last good list", "file", k.path, "keys", len(k.keys), "err", err)
		}
		k.failing = true
		return
	}
	k.failing = false
	if stamp == k.stamp && maps.Equal(keys, k.keys) {
		return
	}
	k.keys, k.stamp = keys, stamp
	k.logger.Info("authorized keys reloaded", "file", k.path, "keys", len(keys))
}

// read parses the file; it returns the stamp taken before reading, so a
// write that lands during the read is seen at the next look.
func (k *KeyList) read() (map[string]struct{}, fileStamp, error) {
	f, err := os.Open(k.path)
	if err != nil {
		return nil, fileStamp{}, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fileStamp{}, err
	}
	if !info.Mode().IsRegular() {
		return nil, fileStamp{}, fmt.Errorf("%s is not a regular file", k.path)
	}
	stamp := fileStamp{info.ModTime(), info.Size()}
	keys := make(map[string]struct{})
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		key, _, options, _, err := gossh.ParseAuthorizedKey(line)
		if err != nil {
			k.logger.Warn("authorized keys: skipping a line", "file", k.path, "line", n, "err", err)
			continue
		}
		if slices.Contains(options, "cert-authority") {
			k.logger.Warn("authorized keys: skipping a cert-authority line (not supported)", "file", k.path, "line", n)
			continue
		}
		keys[string(key.Marshal())] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fileStamp{}, err
	}
	return keys, stamp, nil
}
