//go:build !unix

package resident

import "time"

// StartDaemon: the settings' keep is honoured on Unix only; elsewhere
// folio daemon is started by hand.
func StartDaemon(dir string, idle time.Duration) {}
