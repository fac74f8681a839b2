package serve

import "sync"

// occupancy counts the sessions in progress per key, per remote address and
// without a key, so that one person or one machine cannot hold every place
// on the server, and visitors without a key (an --open server admits them)
// leave places for those with one.
type occupancy struct {
	perKey, perAddr, keyless int

	mu     sync.Mutex
	byKey  map[string]int
	byAddr map[string]int
	noKey  int // sessions in progress without a key
}

func newOccupancy(perKey, perAddr, keyless int) *occupancy {
	return &occupancy{perKey: perKey, perAddr: perAddr, keyless: keyless, byKey: map[string]int{}, byAddr: map[string]int{}}
}

// take holds a place for a session of key (its fingerprint; "" for a
// session without one) from addr, and returns its release; or, when a
// limit is reached, which one ("key", "address" or "keyless") and nothing
// held.
func (o *occupancy) take(key, addr string) (release func(), full string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	switch {
	case key != "" && o.byKey[key] >= o.perKey:
		return nil, "key"
	case o.byAddr[addr] >= o.perAddr:
		return nil, "address"
	case key == "" && o.noKey >= o.keyless:
		return nil, "keyless"
	}
	if key != "" {
		o.byKey[key]++
	} else {
		o.noKey++
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
	} else {
		o.noKey--
	}
	if o.byAddr[addr]--; o.byAddr[addr] <= 0 {
		delete(o.byAddr, addr)
	}
}
