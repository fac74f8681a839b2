package model

import (
	"fmt"
	"time"

	"github.com/folio-reader/folio/query"
)

// A query that is more than terms side by side (OR, brackets, NEAR, a
// phrase with ~N, a NOT over a group or a date) is kept as a tree of
// exprs over its terms. A query of terms side by side, as every query was
// before the boolean operators, keeps the flat form (Query.Terms and the
// date range) and is answered as it always was.

type exprOp uint8

const (
	exprTerm exprOp = iota // Query.Terms[term]
	exprAnd
	exprOr
	exprNot
	exprNear // kids[0] and kids[1] within dist words, in the title or in the body
)

type expr struct {
	op   exprOp
	kids []*expr
	term int // exprTerm: its index in Query.Terms
	dist int // exprNear
}

// builder turns a parsed tree into a Query's terms and expr.
type builder struct {
	q   *Query
	src string
}

// problem records a part of the query left out, and why.
func (b *builder) problem(n *query.Node, why string) {
	b.q.Ignored = append(b.q.Ignored, query.Problem{Pos: n.Pos, End: n.End, Text: b.src[n.Pos:n.End], Why: why}.String())
}

// build converts n, read in scope, under neg NOTs (odd: negated).
func (b *builder) build(n *query.Node, scope Scope, neg bool) *expr {
	switch n.Op {
	case query.OpTerm:
		return b.term(n, Term{Scope: scope}, neg)
	case query.OpField:
		return b.field(n, scope, neg)
	case query.OpNot:
		k := b.build(n.Kids[0], scope, !neg)
		if k == nil {
			return nil
		}
		return &expr{op: exprNot, kids: []*expr{k}}
	case query.OpAnd, query.OpOr:
		op := exprAnd
		if n.Op == query.OpOr {
			op = exprOr
		}
		var kids []*expr
		for _, k := range n.Kids {
			if e := b.build(k, scope, neg); e != nil {
				kids = append(kids, e)
			}
		}
		switch len(kids) {
		case 0:
			return nil
		case 1:
			return kids[0]
		}
		return &expr{op: op, kids: kids}
	case query.OpNear:
		if scope == ScopeAuthor || scope == ScopeCategory {
			b.problem(n, "NEAR looks in titles and bodies only")
			return nil
		}
		l, r := b.build(n.Kids[0], scope, neg), b.build(n.Kids[1], scope, neg)
		if l == nil || r == nil {
			return nil
		}
		if !b.positional(l) || !b.positional(r) {
			b.problem(n, "NEAR takes words and phrases, and OR of them")
			return nil
		}
		return &expr{op: exprNear, kids: []*expr{l, r}, dist: n.Dist}
	}
	return nil
}

// positional reports whether e is made of terms with word positions
// (words and phrases of titles and bodies), OR and NEAR.
func (b *builder) positional(e *expr) bool {
	switch e.op {
	case exprTerm:
		s := b.q.Terms[e.term].Scope
		return s == ScopeAny || s == ScopeTitle || s == ScopeText
	case exprOr, exprNear:
		for _, k := range e.kids {
			if !b.positional(k) {
				return false
			}
		}
		return true
	}
	return false
}

func (b *builder) term(n *query.Node, t Term, neg bool) *expr {
	t.Words = Words(n.Text)
	if len(t.Words) == 0 {
		b.problem(n, "no words to match")
		return nil
	}
	t.Form = n.Form
	switch {
	case len(t.Words) == 1 && (n.Form == query.Phrase || n.Form == query.Slop):
		t.Form = query.Word
	case len(t.Words) > 1 && n.Form != query.Slop:
		t.Form = query.Word // a phrase (covid-19, =new-york too): its words in order
	case n.Form == query.Slop:
		if t.Scope == ScopeAuthor || t.Scope == ScopeCategory {
			b.problem(n, "~N looks in titles and bodies only")
			return nil
		}
		t.Slop = n.Dist
	}
	t.Negate = neg
	return b.add(t)
}

func (b *builder) add(t Term) *expr {
	b.q.Terms = append(b.q.Terms, t)
	return &expr{op: exprTerm, term: len(b.q.Terms) - 1}
}

func (b *builder) field(n *query.Node, scope Scope, neg bool) *expr {
	kid := n.Kids[0]
	switch n.Field {
	case "is", "tag":
		if scope != ScopeAny {
			b.problem(n, n.Field+": cannot be inside a field")
			return nil
		}
		if kid.Op != query.OpTerm {
			b.problem(n, n.Field+": takes one word")
			return nil
		}
		t := Term{}
		if ok, why := t.addLabel(n.Field, kid.Text); !ok {
			b.problem(n, why)
			return nil
		}
		return b.add(t)
	case "after", "before", "date":
		if scope != ScopeAny {
			b.problem(n, "a date cannot be inside a field")
			return nil
		}
		if kid.Op != query.OpTerm {
			b.problem(n, "not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
			return nil
		}
		from, to, ok := ParsePeriod(kid.Text)
		if !ok {
			b.problem(n, "not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
			return nil
		}
		switch n.Field {
		case "after":
			to = time.Time{}
		case "before":
			from, to = time.Time{}, from
		}
		return b.add(Term{Scope: ScopeDate, From: from, To: to})
	}
	s, known := qualifiers[n.Field]
	if !known {
		b.problem(n, "unknown field "+n.Field+":")
		return nil
	}
	if scope != ScopeAny && scope != s {
		b.problem(n, "a field inside another field")
		return nil
	}
	return b.build(kid, s, neg)
}

// flatten puts a tree of terms side by side, each perhaps negated, and of
// dates not negated, into the flat form. It reports false for a tree that
// needs its structure.
func (q *Query) flatten(e *expr) bool {
	var conj []*expr
	if e.op == exprAnd {
		conj = e.kids
	} else {
		conj = []*expr{e}
	}
	for _, k := range conj {
		leaf := k
		if k.op == exprNot {
			leaf = k.kids[0]
		}
		if leaf.op != exprTerm {
			return false
		}
		t := q.Terms[leaf.term]
		if t.Form == query.Slop || t.Scope == ScopeDate && k.op == exprNot {
			return false
		}
	}
	terms := q.Terms
	q.Terms = nil
	for _, k := range conj {
		leaf, neg := k, false
		if k.op == exprNot {
			leaf, neg = k.kids[0], true
		}
		t := terms[leaf.term]
		if t.Scope == ScopeDate {
			if !t.From.IsZero() && (q.From.IsZero() || t.From.After(q.From)) {
				q.From = t.From
			}
			if !t.To.IsZero() && (q.To.IsZero() || t.To.Before(q.To)) {
				q.To = t.To
			}
			continue
		}
		if t.Scope != ScopeLabel {
			t.Negate = neg
		} else if neg {
			t.Negate = !t.Negate // is:unread is a negated is:read already
		}
		q.Terms = append(q.Terms, t)
	}
	return true
}

// evalExpr answers the tree: leaf(i) is the set of Terms[i] (a fresh set
// the caller may change), all the live articles a NOT is taken from.
func (e *expr) eval(n int, leaf func(i int) bitset, near func(e *expr, cand bitset)) bitset {
	switch e.op {
	case exprTerm:
		return leaf(e.term)
	case exprNot:
		set := newBitset(n)
		set.fill(n)
		set.andNot(e.kids[0].eval(n, leaf, near))
		return set
	case exprNear:
		set := e.kids[0].eval(n, leaf, near)
		set.and(e.kids[1].eval(n, leaf, near))
		if near != nil {
			near(e, set)
		}
		return set
	}
	set := e.kids[0].eval(n, leaf, near)
	for _, k := range e.kids[1:] {
		if e.op == exprAnd {
			set.and(k.eval(n, leaf, near))
		} else {
			set.or(k.eval(n, leaf, near))
		}
	}
	return set
}

// debug writes the tree for a test's message.
func (e *expr) debug(q *Query) string {
	if e == nil {
		return fmt.Sprintf("flat %+v", q.Terms)
	}
	switch e.op {
	case exprTerm:
		t := q.Terms[e.term]
		return fmt.Sprintf("%d:%v/%d", t.Scope, t.Words, t.Form)
	case exprNot:
		return "(NOT " + e.kids[0].debug(q) + ")"
	}
	op := map[exprOp]string{exprAnd: "AND", exprOr: "OR", exprNear: fmt.Sprintf("NEAR/%d", e.dist)}[e.op]
	s := "(" + op
	for _, k := range e.kids {
		s += " " + k.debug(q)
	}
	return s + ")"
}
