package serve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	gossh "golang.org/x/crypto/ssh"
)

// DefaultHostKeyPath is where the server keeps its host key unless told
// otherwise: $XDG_DATA_HOME/folio/host_ed25519, else
// ~/.local/share/folio/host_ed25519. It is never relative to the working
// directory: a relative $XDG_DATA_HOME is ignored, as the XDG spec says.
func DefaultHostKeyPath(getenv func(string) string) (string, error) {
	if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "folio", "host_ed25519"), nil
	}
	home := getenv("HOME")
	if home == "" {
		var err error
		if home, err = os.UserHomeDir(); err != nil {
			return "", fmt.Errorf("no place for the host key (set --host-key): %w", err)
		}
	}
	if !filepath.IsAbs(home) {
		return "", fmt.Errorf("no place for the host key: $HOME (%s) is not an absolute path; set --host-key", home)
	}
	return filepath.Join(home, ".local", "share", "folio", "host_ed25519"), nil
}

// HostKey returns the PEM-encoded private host key kept at path. When the
// file is missing it generates an ed25519 key and writes it there with mode
// 0600, creating missing folders with mode 0700. It refuses a key file that
// other users may read, or that is not a regular file.
func HostKey(path string) ([]byte, error) {
	info, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return createHostKey(path)
	case err != nil:
		return nil, fmt.Errorf("host key: %w", err)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("host key %s is not a regular file", path)
	case info.Mode().Perm()&0o077 != 0:
		return nil, fmt.Errorf("host key %s can be read by other users (mode %04o); run chmod 600 %s or pick another --host-key",
			path, info.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	if _, err := gossh.ParsePrivateKey(data); err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	return data, nil
}

func createHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "folio host key")
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	data := pem.EncodeToMemory(block)
	if err := mkdirPrivate(filepath.Dir(path)); err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	// O_EXCL: never write through a link or over a key that appeared
	// meanwhile.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("host key: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return nil, fmt.Errorf("host key: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return nil, fmt.Errorf("host key: %w", err)
	}
	return data, nil
}

// mkdirPrivate creates dir and its missing parents with mode 0700; folders
// that already exist are left as they are.
func mkdirPrivate(dir string) error {
	if info, err := os.Stat(dir); err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is not a folder", dir)
		}
		return nil
	}
	if err := mkdirPrivate(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil
		}
		return err
	}
	return os.Chmod(dir, 0o700) // whatever the umask
}
