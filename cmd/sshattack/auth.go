package main

import (
	"fmt"
	"os"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// maxKeyFile bounds the private key file read for -key and -key2.
const maxKeyFile = 64 << 10

// keyAuth authenticates with the OpenSSH private key in path (unencrypted),
// or, with path empty, with keyboard-interactive answering nothing: a
// client without a key, which an --open server admits too.
func keyAuth(path string) (gossh.AuthMethod, error) {
	if path == "" {
		return gossh.KeyboardInteractive(func(_, _ string, q []string, _ []bool) ([]string, error) {
			return make([]string, len(q)), nil // an --open server asks nothing
		}), nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("key: %w", err)
	}
	if info.Size() > maxKeyFile {
		return nil, fmt.Errorf("key %s: %d bytes, more than a key file's %d", path, info.Size(), maxKeyFile)
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("key: %w", err)
	}
	signer, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		return nil, fmt.Errorf("key %s: %w", path, err)
	}
	return gossh.PublicKeys(signer), nil
}

// dial connects to addr as user with auth.
func dial(addr string, auth gossh.AuthMethod) (*gossh.Client, error) {
	cfg := &gossh.ClientConfig{
		User:            "attacker",
		Auth:            []gossh.AuthMethod{auth},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(),
		Timeout:         10 * time.Second,
	}
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	return c, nil
}
