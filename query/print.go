package query

import "strings"

// String writes the tree back as a query that parses to the same tree:
// brackets only where precedence needs them, NOT spelled out.
func (n *Node) String() string {
	var b strings.Builder
	n.write(&b)
	return b.String()
}

// prec is how tightly an operator binds: OR loosest, a term tightest.
func (n *Node) prec() int {
	switch n.Op {
	case OpOr:
		return 1
	case OpAnd:
		return 2
	case OpNot:
		return 3
	case OpNear:
		return 4
	}
	return 5
}

func (n *Node) write(b *strings.Builder) {
	if n == nil {
		return
	}
	switch n.Op {
	case OpTerm:
		n.writeTerm(b)
	case OpOr, OpAnd:
		sep := " "
		if n.Op == OpOr {
			sep = " OR "
		}
		for i, k := range n.Kids {
			if i > 0 {
				b.WriteString(sep)
			}
			k.writeIn(b, k.prec() <= n.prec())
		}
	case OpNot:
		b.WriteString("NOT ")
		n.Kids[0].writeIn(b, n.Kids[0].prec() < n.prec())
	case OpNear:
		n.Kids[0].writeIn(b, n.Kids[0].prec() < n.prec())
		b.WriteString(" NEAR/")
		b.WriteString(itoa(n.Dist))
		b.WriteByte(' ')
		n.Kids[1].writeIn(b, n.Kids[1].prec() <= n.prec())
	case OpField:
		b.WriteString(n.Field)
		b.WriteByte(':')
		k := n.Kids[0]
		k.writeIn(b, k.Op != OpTerm && k.Op != OpField)
	}
}

func (n *Node) writeIn(b *strings.Builder, brackets bool) {
	if brackets {
		b.WriteByte('(')
	}
	n.write(b)
	if brackets {
		b.WriteByte(')')
	}
}

func (n *Node) writeTerm(b *strings.Builder) {
	switch n.Form {
	case Exact:
		b.WriteByte('=')
		b.WriteString(n.Text)
	case Prefix:
		b.WriteString(n.Text)
		b.WriteByte('*')
	case Phrase, Slop:
		b.WriteByte('"')
		b.WriteString(n.Text)
		b.WriteByte('"')
		if n.Form == Slop {
			b.WriteByte('~')
			b.WriteString(itoa(n.Dist))
		}
	default:
		b.WriteString(n.Text)
	}
}

// Equal reports whether two trees mean the same by their structure: the
// same operators, fields, texts, forms and distances, wherever they stood.
func Equal(a, b *Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Op != b.Op || a.Field != b.Field || a.Text != b.Text || a.Form != b.Form || a.Dist != b.Dist || len(a.Kids) != len(b.Kids) {
		return false
	}
	for i := range a.Kids {
		if !Equal(a.Kids[i], b.Kids[i]) {
			return false
		}
	}
	return true
}

// Walk calls f for n and every node below it, parents first, until f
// returns false for a node (its children are then not visited).
func (n *Node) Walk(f func(*Node) bool) {
	if n == nil || !f(n) {
		return
	}
	for _, k := range n.Kids {
		k.Walk(f)
	}
}
