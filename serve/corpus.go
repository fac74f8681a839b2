package serve

import (
	"github.com/folio-reader/folio/cli"
	"github.com/folio-reader/folio/ui"
)

// Corpus is what the server reads of a corpus, and all it reads: each
// session's reader and the commands a client runs without a terminal.
// The loading side (library) fills it. *model.Corpus answers it.
type Corpus interface {
	ui.Corpus
	cli.Corpus
}
