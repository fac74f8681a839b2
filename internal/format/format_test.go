package format

import "testing"

func TestCount(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 98765: "98,765", 1000000: "1,000,000", -1234: "-1,234"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 articles", 1: "1 article", 2: "2 articles", 1000: "1,000 articles", -1: "-1 articles"} {
		if got := Plural(n, "article", "articles"); got != want {
			t.Errorf("Plural(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestBytes: a small corpus is not "0 MB".
func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1: "1 byte", 1023: "1,023 bytes", 1024: "1.0 KB",
		41 << 10: "41 KB", 1536 << 10: "1.5 MB", 528 << 20: "528 MB", 5 << 40: "5.0 TB", 3000 << 40: "3,000 TB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}
