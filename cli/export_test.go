package cli

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
)

// TestExportCSVEqualsList: an exported CSV read back holds what folio
// list --json prints, field for field, in the same order.
func TestExportCSVEqualsList(t *testing.T) {
	out, errOut, code := run(t, "export", "--format", "csv", "-q", "china OR tea")
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	list, _, code := run(t, "list", "--json", "-q", "china OR tea")
	if code != 0 {
		t.Fatal("list failed")
	}
	lines := strings.Split(strings.TrimSpace(list), "\n")
	if len(rows) != len(lines)+1 || len(lines) < 2 {
		t.Fatalf("%d CSV rows, %d list lines", len(rows), len(lines))
	}
	head := rows[0]
	compared := 0
	defer func() {
		if compared < 5*len(lines) {
			t.Errorf("compared %d fields only", compared)
		}
	}()
	for i, l := range lines {
		var j map[string]any
		if err := json.Unmarshal([]byte(l), &j); err != nil {
			t.Fatal(err)
		}
		for c, name := range head {
			v, ok := j[name]
			if !ok {
				continue // body and extra: not in list's lines
			}
			want := ""
			switch v := v.(type) {
			case string:
				want = v
			case float64:
				want = fmtFloat(v)
			}
			compared++
			if rows[i+1][c] != want {
				t.Errorf("row %d, %s: CSV %q, list %q", i, name, rows[i+1][c], want)
			}
		}
	}
}

func fmtFloat(v float64) string {
	b, _ := json.Marshal(v)
	return string(b)
}
