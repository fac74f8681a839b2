package serve

import (
	"net"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter is a token bucket per remote address (golang.org/x/time/rate):
// each address may start burst sessions at once, then rate more a second.
// It remembers at most max addresses; a full bucket is the same as a
// forgotten one, so those go first when room is needed.
type limiter struct {
	rate  rate.Limit
	burst int
	max   int

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

func newLimiter(r float64, burst, most int) *limiter {
	return &limiter{rate: rate.Limit(r), burst: max(burst, 1), max: most, buckets: make(map[string]*rate.Limiter)}
}

// allow takes a token from addr's bucket, if it has one.
func (l *limiter) allow(addr string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[addr]
	if !ok {
		if len(l.buckets) >= l.max {
			l.evictLocked(now)
		}
		b = rate.NewLimiter(l.rate, l.burst)
		l.buckets[addr] = b
	}
	return b.AllowN(now, 1)
}

func (l *limiter) evictLocked(now time.Time) {
	for addr, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, addr)
		}
	}
	for addr := range l.buckets {
		if len(l.buckets) < l.max {
			break
		}
		delete(l.buckets, addr)
	}
}

// hostOf is the address a client is limited by: its IP, without the port.
func hostOf(a net.Addr) string {
	if t, ok := a.(*net.TCPAddr); ok {
		return t.IP.String()
	}
	if host, _, err := net.SplitHostPort(a.String()); err == nil {
		return host
	}
	return a.String()
}
