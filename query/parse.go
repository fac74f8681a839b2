package query

// Parse reads s into a tree. It never fails: what it cannot read is a
// Problem, and the tree holds the rest, so the filter line can filter by it
// while a command refuses the query. An empty query is a nil tree.
//
// The grammar (docs/QUERY.md):
//
//	query   = [ or ] .
//	or      = and { "OR" and } .
//	and     = not { [ "AND" ] not } .
//	not     = ( "NOT" | "-" ) not | near .
//	near    = primary { ( "NEAR" | "NEAR/" digits ) primary } .
//	primary = "(" or ")" | name ":" primary | term .
//	term    = word | "=" word | word "*" | phrase [ "~" digits ] .
func Parse(s string) (*Node, []Problem) {
	toks, probs := lex(s)
	p := &parser{src: s, toks: toks, probs: probs}
	var root *Node
	for p.peek().kind != tokEnd {
		if !startsOperand(p.peek().kind) {
			p.stray()
			continue
		}
		root = join(OpAnd, root, p.or())
	}
	return root, p.probs
}

type parser struct {
	src     string
	toks    []token
	i       int
	prevEnd int // where the last token taken ended
	depth   int
	probs   []Problem
}

func (p *parser) peek() token {
	if p.i < len(p.toks) {
		return p.toks[p.i]
	}
	return token{kind: tokEnd, pos: len(p.src), end: len(p.src)}
}

func (p *parser) next() token {
	t := p.peek()
	if p.i < len(p.toks) {
		p.i++
		p.prevEnd = t.end
	}
	return t
}

func (p *parser) problem(t token, why string) {
	p.probs = append(p.probs, Problem{Pos: t.pos, End: t.end, Text: p.src[t.pos:t.end], Why: why})
}

// startsOperand reports whether k can begin an operand (a not).
func startsOperand(k tokKind) bool {
	switch k {
	case tokWord, tokPhrase, tokField, tokMinus, tokLParen, tokNot:
		return true
	}
	return false
}

func (p *parser) or() *Node {
	n := p.and()
	for p.peek().kind == tokOr {
		op := p.next()
		if !startsOperand(p.peek().kind) {
			p.problem(op, "OR with nothing after it")
			continue
		}
		right := p.and()
		if n == nil {
			n = right
			continue
		}
		n = join(OpOr, n, right)
	}
	return n
}

func (p *parser) and() *Node {
	var n *Node
	for {
		t := p.peek()
		if t.kind == tokAnd {
			p.next()
			if n == nil || !startsOperand(p.peek().kind) {
				p.problem(t, "AND with nothing on one side")
			}
			continue
		}
		if !startsOperand(t.kind) {
			return n
		}
		n = join(OpAnd, n, p.not())
	}
}

func (p *parser) not() *Node {
	t := p.peek()
	if t.kind != tokNot && t.kind != tokMinus {
		return p.near()
	}
	p.next()
	if !startsOperand(p.peek().kind) {
		p.problem(t, "NOT with nothing after it")
		return nil
	}
	if !p.enter(t) {
		return nil
	}
	defer p.leave()
	kid := p.not()
	if kid == nil {
		return nil
	}
	return &Node{Op: OpNot, Kids: []*Node{kid}, Pos: t.pos, End: p.prevEnd}
}

func (p *parser) near() *Node {
	n := p.primary()
	for p.peek().kind == tokNear {
		op := p.next()
		k := p.peek().kind
		if k != tokWord && k != tokPhrase && k != tokField && k != tokLParen {
			p.problem(op, "NEAR with nothing after it")
			continue
		}
		right := p.primary()
		switch {
		case n == nil:
			p.problem(op, "NEAR with nothing before it")
			n = right
		case right != nil:
			n = &Node{Op: OpNear, Kids: []*Node{n, right}, Dist: op.n, Pos: n.Pos, End: p.prevEnd}
		}
	}
	return n
}

func (p *parser) primary() *Node {
	t := p.peek()
	switch t.kind {
	case tokWord, tokPhrase:
		p.next()
		return &Node{Op: OpTerm, Text: t.text, Form: t.form, Dist: t.n, Pos: t.pos, End: t.end}
	case tokLParen:
		p.next()
		if !p.enter(t) {
			return nil
		}
		defer p.leave()
		var n *Node
		for p.peek().kind != tokRParen && p.peek().kind != tokEnd {
			if !startsOperand(p.peek().kind) {
				p.stray()
				continue
			}
			n = join(OpAnd, n, p.or())
		}
		if p.next().kind != tokRParen {
			p.problem(t, "( not closed: closed at the end")
		}
		if n == nil {
			p.problem(t, "nothing in the brackets")
		}
		return n
	case tokField:
		p.next()
		k := p.peek().kind
		if k != tokWord && k != tokPhrase && k != tokLParen && k != tokField || p.peek().pos != t.end {
			p.problem(t, "nothing after "+t.text+":")
			return nil
		}
		if !p.enter(t) {
			return nil
		}
		defer p.leave()
		kid := p.primary()
		if kid == nil {
			return nil
		}
		return &Node{Op: OpField, Field: t.text, Kids: []*Node{kid}, Pos: t.pos, End: p.prevEnd}
	case tokMinus, tokNot:
		// A negation where a NEAR's operand or a field's value was wanted.
		return p.not()
	}
	p.next()
	p.problem(t, "not expected here")
	return nil
}

// stray steps over a token that cannot begin an operand where one was
// wanted, saying why.
func (p *parser) stray() {
	t := p.next()
	switch t.kind {
	case tokRParen:
		p.problem(t, "a ) with no ( before it")
	case tokNear:
		p.problem(t, "NEAR with nothing before it")
	case tokAnd, tokOr:
		p.problem(t, t.text+" with nothing before it")
	default:
		p.problem(t, "not expected here")
	}
}

// enter counts one level of nesting. Past MaxDepth the rest of the query
// is left out, said once.
func (p *parser) enter(t token) bool {
	if p.depth >= MaxDepth {
		p.probs = append(p.probs, Problem{Pos: t.pos, End: len(p.src), Text: p.src[t.pos:],
			Why: "nested more than " + itoa(MaxDepth) + " deep: the rest is left out"})
		p.i = len(p.toks)
		return false
	}
	p.depth++
	return true
}

func (p *parser) leave() { p.depth-- }

// join combines a and b under op, flattening a node of the same op, and
// taking either alone when the other is missing.
func join(op Op, a, b *Node) *Node {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	if a.Op == op {
		a.Kids = append(a.Kids, b)
		a.End = b.End
		return a
	}
	return &Node{Op: op, Kids: []*Node{a, b}, Pos: a.Pos, End: b.End}
}
