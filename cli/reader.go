package cli

import (
	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
)

// Corpus is what the commands read of a corpus, and all they read: the
// loading side (library) fills it, a command never changes it.
// *model.Corpus answers it.
type Corpus interface {
	research.Corpus // Open and SearchContext; kwic, terms, export, related and stories

	// Answering a query: list, and every research command.
	Search(q model.Query, key model.SortKey) model.Result
	Missing(q model.Query) []string
	Suggest(word string, max int) []string
	CurrentCopies() *model.Copies
	Version() uint64

	// The articles and the corpus as a whole: show, stats.
	ByID(id string) (*model.Article, bool)
	Stats() model.Stats
	Problems() []model.Problem
}

var _ Corpus = (*model.Corpus)(nil)
