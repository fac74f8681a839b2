package query

import "testing"

// BenchmarkParse20Terms: the budget is 50 µs for a query of 20 terms.
func BenchmarkParse20Terms(b *testing.B) {
	q := `(kazakhstan OR kyrgyzstan OR uzbekistan) NEAR/10 russia -cat:sport title:(opec OR saudi) ` +
		`"part ways"~3 =policy nation* after:2020 before:2023-06 is:unread tag:follow-up author:"zhang hui" ` +
		`NOT (pipeline OR gas) oil export`
	for b.Loop() {
		Parse(q)
	}
}
