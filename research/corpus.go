package research

import (
	"context"

	"github.com/folio-reader/folio/model"
)

// Corpus is what the views read of a corpus, and all they read: they
// never change one. *model.Corpus answers it.
type Corpus interface {
	// Open reads an article in full, its body included.
	Open(id string) (*model.Article, error)
	// SearchContext answers a query under ctx.
	SearchContext(ctx context.Context, q model.Query, key model.SortKey, l model.Labels) (model.Result, error)
	// DocFreq is how many bodies hold a folded word, of how many indexed.
	DocFreq(w string) (df, docs int)
	// TermCounts counts the body words of a result's articles.
	TermCounts(res model.Result, minDocs int) (counts []model.TermCount, docs int)
	// TopTerms is every article's most distinctive words.
	TopTerms() *model.TopTerms
}

var _ Corpus = (*model.Corpus)(nil)
