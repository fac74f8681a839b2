package serve

import (
	"fmt"
	"net"
	"sync"
	"time"

	"charm.land/log/v2"
	"golang.org/x/time/rate"
)

// refusals writes the log line for every request the server turns away,
// at most burst lines at once and rate a second after that, so a client
// that floods the server with refused requests cannot fill the disk. The
// first line after a quiet spell says how many were left out.
type refusals struct {
	log    *log.Logger
	bucket *rate.Limiter
	now    func() time.Time // time.Now; tests step it

	mu         sync.Mutex
	suppressed int
}

func newRefusals(l *log.Logger, r float64, burst int) *refusals {
	return &refusals{log: l, bucket: rate.NewLimiter(rate.Limit(r), burst), now: time.Now}
}

// refuse logs one refusal: msg, who and from where, why, and any further
// key-value pairs (whose values the caller has made safe).
func (r *refusals) refuse(msg, user string, addr net.Addr, reason string, kv ...any) {
	r.mu.Lock()
	if !r.bucket.AllowN(r.now(), 1) {
		r.suppressed++
		r.mu.Unlock()
		return
	}
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
