//go:build unix

package resident

import (
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// StartDaemon starts folio daemon (this very binary) on dir, detached (its own session, no
// terminal, output discarded), to stop after idle without a command. A
// second one on the folder exits at once; failing to start costs nothing
// but the quick answers.
func StartDaemon(dir string, idle time.Duration) {
	exe, err := os.Executable()
	if err != nil {
		return
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	cmd := exec.Command(exe, "daemon", "--idle", idle.String(), abs)
	cmd.Dir = "/" // it holds no folder of the caller's but the corpus
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if cmd.Start() == nil {
		cmd.Process.Release()
	}
}
