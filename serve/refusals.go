package serve

import (
	"fmt"
	"net"
	"sync"
	"time"

	"charm.land/log/v2"
)

// refusals writes the log line for every request the server turns away,
// at most burst lines at once and rate a second after that, so a client
// that floods the server with refused requests cannot fill the disk. The
// first line after a quiet spell says how many were left out.
type refusals struct {
	log   *log.Logger
	rate  float64
	burst float64
	now   func() time.Time // time.Now; tests step it

	mu         sync.Mutex
	tokens     float64
	last       time.Time
	suppressed int
}

func newRefusals(l *log.Logger, rate float64, burst int) *refusals {
	return &refusals{log: l, rate: rate, burst: float64(burst), tokens: float64(burst), now: time.Now}
}

// refuse logs one refusal: msg, who and from where, why, and any further
// key-value pairs (whose values the caller has made safe).
func (r *refusals) refuse(msg, user string, addr net.Addr, reason string, kv ...any) {
	r.mu.Lock()
	now := r.now()
	if !r.last.IsZero() {
		r.tokens = min(r.burst, r.tokens+now.Sub(r.last).Seconds()*r.rate)
	}
	r.last = now
	if r.tokens < 1 {
		r.suppressed++
		r.mu.Unlock()
		return
	}
	r.tokens--
	suppressed := r.suppressed
	r.suppressed = 0
	r.mu.Unlock()

	if suppressed > 0 {
		r.log.Warn(fmt.Sprintf("%d more %s suppressed", suppressed, plural(suppressed, "refusal")))
	}
	fields := append([]any{"user", clip(user, 64), "remote", addrString(addr), "reason", reason}, kv...)
	r.log.Warn(msg, fields...)
}

func addrString(a net.Addr) string {
	if a == nil {
		return "unknown"
	}
	return a.String()
}
