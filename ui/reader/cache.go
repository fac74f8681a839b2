package reader

// cache keeps the last few typeset articles, so going back to one, or
// toggling raw mode twice, costs nothing. It is bounded by count and by
// bytes; the most recent entry always stays, however large.
type cache struct {
	docs     []*doc // most recent last
	maxDocs  int
	maxBytes int
}

func newCache() *cache { return &cache{maxDocs: 8, maxBytes: 32 << 20} }

func (c *cache) get(k docKey) (*doc, bool) {
	for i, d := range c.docs {
		if d.key == k {
			c.docs = append(append(c.docs[:i:i], c.docs[i+1:]...), d)
			return d, true
		}
	}
	return nil, false
}

func (c *cache) put(d *doc) {
	c.docs = append(c.docs, d)
	c.trim()
}

// trim drops the oldest entries over the bounds. Sizes are summed each time:
// docs grow after they are put, and there are only a handful.
func (c *cache) trim() {
	total := 0
	for _, d := range c.docs {
		total += d.size
	}
	for len(c.docs) > 1 && (len(c.docs) > c.maxDocs || total > c.maxBytes) {
		total -= c.docs[0].size
		c.docs = c.docs[1:]
	}
}

func (c *cache) clear() { c.docs = nil }
