package model

import "time"

// What one query may cost when a stranger writes it (over SSH): its text,
// its terms, and how long it may run. The commands (cli) and the reader
// (ui) both hold a remote query to these.
const (
	RemoteQueryBytes  = 1024
	RemoteQueryTerms  = 32
	RemoteQueryBudget = 2 * time.Second
)
