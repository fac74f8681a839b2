//go:build unix

package research_test

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used so far, user and
// system: on a shared machine, what a benchmark's work cost, whatever the
// wait for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
