package ui

import (
	"time"

	"github.com/folio-reader/folio/model"
	"github.com/folio-reader/folio/research"
)

// Corpus is what the reader reads of a corpus, and all it reads: the
// loading side (library) fills it, the reader never changes it.
// *model.Corpus answers it.
type Corpus interface {
	research.Corpus // the concordance, terms, related articles, stories and export

	// Where the load is: the status line, and when to search again.
	Len() int
	Loaded() (done bool, elapsed time.Duration)
	BodiesPending() bool
	BodiesReady() bool
	Version() uint64
	ArrivalsSince(v uint64) model.Arrivals
	Problems() []model.Problem
	Skipped() int

	// Answering the filter line.
	BuildIndex()
	Search(q model.Query, key model.SortKey) model.Result
	SearchLabels(q model.Query, key model.SortKey, l model.Labels) model.Result
	NewCounter(queries []model.Query) *model.Counter
	Missing(q model.Query) []string
	Suggest(word string, max int) []string
	Copies() *model.Copies

	// The articles themselves.
	At(n int32) *model.Article
	ByID(id string) (*model.Article, bool)
}

var _ Corpus = (*model.Corpus)(nil)
