package serve

import (
	"sync"

	"charm.land/ssh"

	"github.com/folio-reader/folio/state"
)

// stores hands each authenticated key its own reading state, one store per
// key fingerprint, shared by that key's sessions at once (a bbolt file has
// one opener) and closed when the last of them ends. Without a path for
// stores (an --open server, or none configured) every session gets a store
// in memory that ends with it: two people never see each other's marks.
type stores struct {
	path func(fingerprint string) (string, error)

	mu   sync.Mutex
	open map[string]*sharedStore
}

type sharedStore struct {
	s    *state.Store
	refs int
}

// acquire returns the store of the session's key and its release.
func (r *stores) acquire(sess ssh.Session, log func(msg string, kv ...any)) (*state.Store, func()) {
	key := sess.PublicKey()
	if r.path == nil || key == nil {
		s := state.Memory()
		return s, func() {}
	}
	fp := fingerprint(key)
	r.mu.Lock()
	defer r.mu.Unlock()
	if sh := r.open[fp]; sh != nil {
		sh.refs++
		return sh.s, func() { r.release(fp) }
	}
	path, err := r.path(fp)
	var s *state.Store
	var notice string
	if err == nil {
		s, notice, err = state.Open(path)
	}
	if notice != "" {
		log("reading state set aside", "key", fp, "notice", notice)
	}
	if err != nil {
		log("reading state unavailable; this session keeps its marks in memory", "key", fp, "err", err)
		return state.Memory(), func() {}
	}
	r.open[fp] = &sharedStore{s: s, refs: 1}
	return s, func() { r.release(fp) }
}

func (r *stores) release(fp string) {
	r.mu.Lock()
	sh := r.open[fp]
	sh.refs--
	if sh.refs > 0 {
		r.mu.Unlock()
		return
	}
	delete(r.open, fp)
	r.mu.Unlock()
	sh.s.Close()
}
