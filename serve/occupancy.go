package serve

import "sync"

// occupancy counts the sessions in progress per key and per remote address,
// so that one person or one machine cannot hold every place on the server.
type occupancy struct {
	perKey, perAddr int

	mu     sync.Mutex
	byKey  map[string]int
	byAddr map[string]int
}

func newOccupancy(perKey, perAddr int) *occupancy {
	return &occupancy{perKey: perKey, perAddr: perAddr, byKey: map[string]int{}, byAddr: map[string]int{}}
}

// take holds a place for a session of key (its fingerprint; "" for a
// session without one) from addr, and returns its release; or, when either
// is at its limit, which one ("key" or "address") and nothing held.
func (o *occupancy) take(key, addr string) (release func(), full string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case key != "" && o.byKey[key] >= o.perKey:
		return nil, "key"
	case o.byAddr[addr] >= o.perAddr:
		return nil, "address"
	}
	if key != "" {
		o.byKey[key]++
	}
	o.byAddr[addr]++
	var once sync.Once
	return func() { once.Do(func() { o.release(key, addr) }) }, ""
}

func (o *occupancy) release(key, addr string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if key != "" {
		if o.byKey[key]--; o.byKey[key] <= 0 {
			delete(o.byKey, key)
		}
	}
	if o.byAddr[addr]--; o.byAddr[addr] <= 0 {
		delete(o.byAddr, addr)
	}
}
