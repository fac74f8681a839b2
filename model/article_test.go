package model

import (
	"encoding/json"
	"testing"
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
