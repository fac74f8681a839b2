//go:build !unix

package main

import "time"

// startKeeper: the settings' keep is honoured on Unix only; elsewhere
// folio daemon is started by hand.
func startKeeper(dir string, idle time.Duration) {}
