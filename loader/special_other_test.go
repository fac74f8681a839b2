//go:build !unix

package loader

import "testing"

func mkfifo(t *testing.T, _ string) { t.Skip("no FIFOs here") }
func mknull(t *testing.T, _ string) { t.Skip("no device files here") }
