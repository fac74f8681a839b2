// Package samples is the small corpus folio opens when it is given no
// directory: the real article of docs/FORMAT.md, byte for byte, and a dozen
// short articles written for folio, each exercising one thing the reader
// must get right (colons in titles, accents, CJK, text that looks like
// Markdown, the scraper's defects, hard-wrapped paragraphs, contact lines).
package samples

import (
	"embed"
	"io/fs"
)

//go:embed articles
var articles embed.FS

// FS returns the sample corpus, rooted at its article folder, so that paths
// in it look like paths in a corpus directory (2022/01/000_652e1fac9521c5ec.txt).
func FS() fs.FS {
	sub, err := fs.Sub(articles, "articles")
	if err != nil {
		panic(err) // unreachable: "articles" is a valid path and is embedded
	}
	return sub
}
