package loader

import (
	"fmt"

	"github.com/folio-reader/folio/model"
)

// panicked runs fn and returns what it panicked with, or nil when it
// returned. Every goroutine of the loader runs its work for a file (or a
// folder) through it: no file may end the process, whatever a bug does
// with its bytes.
func panicked(fn func()) (r any) {
	defer func() { r = recover() }()
	fn()
	return nil
}

// maxPanicText bounds the panic's text in a problem: a value made from a
// file's bytes could be as long as the file.
const maxPanicText = 200

// panicReason says that folio failed on a file, and how.
func panicReason(r any) string {
	return "folio failed on this file (a bug; please report it): " + cutText(fmt.Sprint(r), maxPanicText)
}

// panicProblem is the problem a panic on the file at path makes: the file
// is skipped, and the load goes on.
func panicProblem(path string, r any) model.Problem {
	return model.Problem{Path: path, Reason: panicReason(r), Severity: model.Skipped}
}

// panicError is a panic met while reading a folder, as the walk reports
// an error.
type panicError struct{ r any }

func (e panicError) Error() string { return panicReason(e.r) }
