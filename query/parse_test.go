package query

import (
	"strings"
	"testing"
)

// TestParse reads each query and compares the tree, written back, and the
// problems' words.
func TestParse(t *testing.T) {
	tests := []struct {
		in, tree string
		probs    []string // a word of each problem's Why, in order
	}{
		{"", "", nil},
		{"kazakhstan russia", "(AND kazakhstan russia)", nil},
		{"opec OR saudi", "(OR opec saudi)", nil},
		{"opec or saudi", "(AND opec or saudi)", nil}, // lower case is a word
		{"a OR b c", "(OR a (AND b c))", nil},         // AND binds tighter than OR
		{"a b OR c", "(OR (AND a b) c)", nil},
		{"a AND b", "(AND a b)", nil},
		{"NOT a b", "(AND (NOT a) b)", nil},
		{"-a b", "(AND (NOT a) b)", nil},
		{"a -b", "(AND a (NOT b))", nil},
		{"-(a OR b)", "(NOT (OR a b))", nil},
		{"(a OR b) (c OR d)", "(AND (OR a b) (OR c d))", nil},
		{"((a))", "a", nil},
		{"title:(opec OR saudi)", "title:(OR opec saudi)", nil},
		{"cat:(opinion OR editorial) -cat:sport", "(AND cat:(OR opinion editorial) (NOT cat:sport))", nil},
		{"(tag:todo OR is:starred) after:2022", "(AND (OR tag:todo is:starred) after:2022)", nil},
		{`author:"zhang hui"`, `author:"zhang hui"`, nil},
		{"kazakhstan NEAR/10 russia", "(NEAR/10 kazakhstan russia)", nil},
		{"kazakhstan NEAR russia", "(NEAR/10 kazakhstan russia)", nil},
		{"(kazakhstan OR kyrgyzstan) NEAR/5 russia -cat:sport", "(AND (NEAR/5 (OR kazakhstan kyrgyzstan) russia) (NOT cat:sport))", nil},
		{"NOT a NEAR/3 b", "(NOT (NEAR/3 a b))", nil},
		{`"part ways"~3`, `"part ways"~3`, nil},
		{`"part ways"`, `"part ways"`, nil},
		{"=policy nation*", "(AND =policy nation*)", nil},
		{"covid-19 10:30", "(AND covid-19 10:30)", nil},
		{"“curly quotes”", `"curly quotes"`, nil},
		// What cannot be read is a problem; the rest stays.
		{`"part ways`, `"part ways"`, []string{"quote"}},
		{"a OR", "a", []string{"OR"}},
		{"OR a", "a", []string{"OR"}},
		{"a AND", "a", []string{"AND"}},
		{"AND a", "a", []string{"AND"}},
		{"a NEAR", "a", []string{"NEAR"}},
		{"NEAR a", "a", []string{"NEAR"}},
		{"(a OR b", "(OR a b)", []string{"closed"}},
		{"a) b", "(AND a b)", []string{"("}},
		{"()", "", []string{"nothing"}},
		{"NOT", "", []string{"NOT"}},
		{"title: x", "x", []string{"title:"}},
		{"title:", "", []string{"title:"}},
		{"a NEAR/x b", "(NEAR/10 a b)", []string{"number"}},
		{"a NEAR/99999 b", "(NEAR/1000 a b)", []string{"most"}},
		{`"a b"~ c`, `(AND "a b" ~ c)`, []string{"number"}},
	}
	for _, tt := range tests {
		n, probs := Parse(tt.in)
		if got := sexpr(n); got != tt.tree {
			t.Errorf("Parse(%q) = %q, want %q", tt.in, got, tt.tree)
		}
		if len(probs) != len(tt.probs) {
			t.Errorf("Parse(%q): problems %v, want %d", tt.in, probs, len(tt.probs))
			continue
		}
		for i, p := range probs {
			if !strings.Contains(p.Why, tt.probs[i]) {
				t.Errorf("Parse(%q): problem %d is %q, want it to say %q", tt.in, i, p.Why, tt.probs[i])
			}
			if p.Pos < 0 || p.End > len(tt.in) || p.Pos > p.End || tt.in[p.Pos:p.End] != p.Text {
				t.Errorf("Parse(%q): problem %d at [%d,%d) says %q", tt.in, i, p.Pos, p.End, p.Text)
			}
		}
	}
}

// TestPositions: each node's span is the text it was read from.
func TestPositions(t *testing.T) {
	in := `x title:(opec OR "saudi oil") NEAR/3 =policy`
	n, _ := Parse(in)
	var got []string
	n.Walk(func(k *Node) bool {
		got = append(got, in[k.Pos:k.End])
		return true
	})
	want := []string{
		in,
		"x",
		`title:(opec OR "saudi oil") NEAR/3 =policy`,
		`title:(opec OR "saudi oil")`,
		`opec OR "saudi oil"`,
		"opec",
		`"saudi oil"`,
		"=policy",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans\n got %q\nwant %q", got, want)
	}
}

// TestDepth: a query nested past MaxDepth is cut there with one problem,
// and reading it takes no stack beyond that.
func TestDepth(t *testing.T) {
	for _, q := range []string{
		strings.Repeat("(", 100000) + "a" + strings.Repeat(")", 100000),
		strings.Repeat("NOT ", 100000) + "a",
		strings.Repeat("title:", 100000) + "a",
	} {
		n, probs := Parse(q)
		depth := 0
		var walk func(*Node, int)
		walk = func(k *Node, d int) {
			depth = max(depth, d)
			for _, c := range k.Kids {
				walk(c, d+1)
			}
		}
		if n != nil {
			walk(n, 1)
		}
		if depth > MaxDepth+1 {
			t.Errorf("%.20q…: a tree %d deep", q, depth)
		}
		deep := 0
		for _, p := range probs {
			if strings.Contains(p.Why, "deep") {
				deep++
			}
		}
		if deep != 1 {
			t.Errorf("%.20q…: %d problems about depth, want 1 (%d in all)", q, deep, len(probs))
		}
	}
	// At the limit, no problem.
	q := strings.Repeat("(", MaxDepth) + "a" + strings.Repeat(")", MaxDepth)
	if n, probs := Parse(q); len(probs) != 0 || n.String() != "a" {
		t.Errorf("%d brackets: %q, %v", MaxDepth, n.String(), probs)
	}
	q = strings.Repeat("NOT ", MaxDepth) + "a"
	if n, probs := Parse(q); len(probs) != 0 || n.String() != q {
		t.Errorf("%d NOTs: %q, %v", MaxDepth, n.String(), probs)
	}
}

// sexpr writes a tree with every operator and its operands in brackets, so
// a test says the structure it expects.
func sexpr(n *Node) string {
	if n == nil {
		return ""
	}
	switch n.Op {
	case OpTerm:
		return n.String()
	case OpField:
		return n.Field + ":" + sexpr(n.Kids[0])
	}
	op := map[Op]string{OpAnd: "AND", OpOr: "OR", OpNot: "NOT", OpNear: "NEAR/" + itoa(n.Dist)}[n.Op]
	parts := []string{op}
	for _, k := range n.Kids {
		parts = append(parts, sexpr(k))
	}
	return "(" + strings.Join(parts, " ") + ")"
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"a b", "a OR b", "(a OR b) NEAR/3 c", `"x y"~2 -title:(p OR =q*)`, "NOT NOT a", "a) (b",
		`"unclosed`, "is:unread OR tag:x after:2022-01", "NEAR/ AND OR", "-", "=*", "**", `""~`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, probs := Parse(s)
		for _, p := range probs {
			if p.Pos < 0 || p.End > len(s) || p.Pos > p.End {
				t.Fatalf("problem %+v out of %q", p, s)
			}
		}
		printed := n.String()
		m, mprobs := Parse(printed)
		if !Equal(n, m) {
			t.Fatalf("%q parsed to %q, which parses to %q", s, printed, m.String())
		}
		for _, p := range mprobs {
			if !p.Note && !strings.Contains(p.Why, "deep") {
				t.Fatalf("%q printed as %q has a problem: %v", s, printed, p)
			}
		}
	})
}
