package chart

import (
	"strings"
	"testing"
	"time"

	"github.com/folio-reader/folio/model"
)

func months(counts ...int) model.Timeline {
	var tl model.Timeline
	m := time.Date(2020, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, n := range counts {
		tl.Months = append(tl.Months, model.Bucket{From: m, To: m.AddDate(0, 1, 0), Count: n})
		m = m.AddDate(0, 1, 0)
	}
	return tl
}

func TestChart(t *testing.T) {
	c := Fit(months(4, 0, 8, 1), 40)
	if c.ByYear || c.Width != 4 || c.Peak != 2 || c.Label(2) != "2021-01" || c.Term(2) != "date:2021-01" {
		t.Fatalf("fit %+v", c)
	}
	rows := c.Rows(2)
	if len(rows) != 2 || rows[1] != "███ ▁▁▁ ███ ▂▂▂ " && rows[1] != "███     ███ ▂▂▂ " {
		t.Errorf("rows %q", rows)
	}
	for _, r := range rows {
		if len([]rune(r)) != 4*c.Width {
			t.Errorf("row %q is not %d columns", r, 4*c.Width)
		}
	}
	if rows[0][:len("    ")] != "    " || !strings.HasPrefix(string([]rune(rows[0])[8:]), "███") {
		t.Errorf("top row %q: only the peak fills it", rows[0])
	}
	// A month with one article shows at least a sliver.
	if r := []rune(Fit(months(1000, 1), 10).Rows(1)[0]); r[len(r)-2] == ' ' {
		t.Errorf("one article drew nothing: %q", string(r))
	}
	if !strings.Contains(c.PeakLine(40), "peak 2021-01: 8") || !strings.Contains(c.Axis(), "2021") {
		t.Errorf("peak %q axis %q", c.PeakLine(40), c.Axis())
	}
	// Too many months for the width: years.
	y := Fit(months(make([]int, 30)...), 20)
	if !y.ByYear || len(y.Bars) != 4 || y.Label(0) != "2020" {
		t.Errorf("years %+v", y)
	}
	if Fit(model.Timeline{}, 20).Text(3, 20) != "(no dated articles)" {
		t.Error("empty chart")
	}
}
