package model

import (
	"encoding/json"
	"testing"
	"time"
)

// TestProblemJSON: a path is written exactly when JSON can carry it, and
// escaped, marked, when it is not UTF-8.
func TestProblemJSON(t *testing.T) {
	for _, c := range []struct {
		p    Problem
		want string
	}{
		{Problem{Path: "a/b.txt", Reason: "empty file"}, `{"path":"a/b.txt","reason":"empty file"}`},
		{Problem{Path: "bin\x1b]0;t\a.txt", Reason: "binary"}, `{"path":"bin\u001b]0;t\u0007.txt","reason":"binary"}`},
		{Problem{Path: "bad\xffutf.txt", Reason: "binary"}, `{"path":"bad\\xffutf.txt","path_escaped":true,"reason":"binary"}`},
	} {
		got, err := json.Marshal(c.p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != c.want {
			t.Errorf("%q: %s, want %s", c.p.Path, got, c.want)
		}
	}
}

// TestDayNumberUTC: the shortcut for UTC times gives the calendar's day,
// before 1970 too, and a time elsewhere still counts its own day.
func TestDayNumberUTC(t *testing.T) {
	calendar := func(t time.Time) int32 {
		y, m, d := t.Date()
		return int32(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400) + 1
	}
	for _, s := range []string{"1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "1900-03-01T12:00:00Z", "0001-01-02T00:00:01Z", "2024-02-29T00:00:00Z", "2024-12-31T23:59:59Z", "2024-12-31T23:30:00-05:00"} {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []time.Time{tm, tm.UTC()} {
			if got, want := dayNumber(at), calendar(at); got != want {
				t.Errorf("dayNumber(%v) = %d, want %d", at, got, want)
			}
		}
	}
}
