package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/folio-reader/folio/model"
)

// Limits bound what one query may cost. Over SSH a stranger writes it, and
// every other user of the server waits on the same cores.
type Limits struct {
	QueryBytes int           // the longest -q text; longer is refused before it is read
	Terms      int           // the most terms (words, phrases, labels) a query may hold
	Budget     time.Duration // the longest a search may run; 0: as long as it takes
	Where      string        // who set them, for the messages: "here", "on this server"
	// Reads are the articles show holds at once, shared by every session
	// of a server (see Reads). nil: no bound, no sharing.
	Reads *Reads
}

// LocalLimits are a local command's: its user waits for nobody but
// themselves, so only the text is bounded, generously.
func LocalLimits() Limits {
	return Limits{QueryBytes: 64 << 10, Terms: 4096, Where: "here"}
}

// RemoteLimits are a command's over SSH: a query anyone types fits in a
// line, and none holds a core for longer than two seconds.
func RemoteLimits() Limits {
	return Limits{QueryBytes: model.RemoteQueryBytes, Terms: model.RemoteQueryTerms, Budget: model.RemoteQueryBudget, Where: "on this server"}
}

// limits is env's, or the local ones when none were given.
func (env Env) limits() Limits {
	if env.Limits == (Limits{}) {
		return LocalLimits()
	}
	return env.Limits
}

// cut tells env.Cut that err, a limit's, cut the command short; it
// returns err.
func (env Env) cut(err error) error {
	if env.Cut != nil {
		env.Cut(strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
	}
	return err
}

// checkText refuses a query text over the limit, before it is parsed.
func (l Limits) checkText(text string) error {
	if l.QueryBytes > 0 && len(text) > l.QueryBytes {
		return fmt.Errorf("%w: the query is too long (%d bytes; at most %d %s)", errUsage, len(text), l.QueryBytes, l.Where)
	}
	return nil
}

// checkTerms refuses a parsed query with more terms than the limit.
func (l Limits) checkTerms(q model.Query) error {
	if l.Terms > 0 && len(q.Terms) > l.Terms {
		return fmt.Errorf("%w: the query has too many terms (%d; at most %d %s)", errUsage, len(q.Terms), l.Terms, l.Where)
	}
	return nil
}

// errBudget is a search stopped by its budget.
var errBudget = errors.New("query over budget")

// overBudget is the error of a search its budget stopped: the message
// the asker reads.
type overBudget string

func (e overBudget) Error() string { return string(e) }

// search answers q within the budget and until ctx ends (the asker left).
func (l Limits) search(ctx context.Context, c Corpus, q model.Query, key model.SortKey, labels model.Labels) (model.Result, error) {
	if l.Budget <= 0 {
		return c.SearchContext(ctx, q, key, labels)
	}
	bctx, cancel := context.WithTimeoutCause(ctx, l.Budget, errBudget)
	defer cancel()
	res, err := c.SearchContext(bctx, q, key, labels)
	if err != nil && ctx.Err() == nil && errors.Is(context.Cause(bctx), errBudget) {
		return res, overBudget(fmt.Sprintf("the query took longer than %s, the limit %s: ask with fewer or rarer words", l.Budget, l.Where))
	}
	return res, err
}

func isOverBudget(err error) bool {
	var o overBudget
	return errors.As(err, &o)
}
