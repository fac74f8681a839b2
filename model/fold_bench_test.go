package model

import "testing"

// BenchmarkFold folds a title in each of the scripts the corpora hold.
func BenchmarkFold(b *testing.B) {
	for name, s := range map[string]string{
		"ascii": "China, Russia won't part ways, but will continue to meet challenges",
		"latin": "Zürich: Ökonomen erwarten für Straße und Café höhere Preise",
		"greek": "ΟΔΟΣ προς την Αθήνα: οι Έλληνες ψηφίζουν",
		"cyrl":  "Россия и Китай продолжат сотрудничество, заявил министр",
	} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			for b.Loop() {
				Fold(s)
			}
		})
	}
}
