package model

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// boundVocab gives c's body index a vocabulary bound of its own.
func boundVocab(c *Corpus, base int, perWord int64) {
	c.body.mu.Lock()
	defer c.body.mu.Unlock()
	c.body.bound.base, c.body.bound.perWord = base, perWord
}

// indexInOrder indexes bodies, article i's the i-th, with one worker.
func indexInOrder(c *Corpus, bodies ...string) *BodyWorker {
	w := c.NewBodyWorker()
	for i, b := range bodies {
		w.Add(int32(i), []byte(b))
	}
	w.Flush()
	c.BodiesIndexed(c.Len())
	return w
}

// vocabProblems counts the corpus's problems that say words were refused.
func vocabProblems(c *Corpus) int {
	n := 0
	for _, p := range c.Problems() {
		if isVocabProblem(p) {
			n++
		}
	}
	return n
}

func hits(c *Corpus, q string) int { return len(c.Search(ParseQuery(q), SortNewest).Rows) }

// TestVocabBoundBase: a vocabulary takes words up to its bound and not
// one more; a word refused is not found, the words admitted are, in the
// same body too, and the corpus says so once.
func TestVocabBoundBase(t *testing.T) {
	for _, extra := range []int{0, 1, 3} {
		t.Run(fmt.Sprint("over by ", extra), func(t *testing.T) {
			c := testCorpus()
			boundVocab(c, 6, 1<<40)
			words := []string{"russia", "talks", "zurich", "lake", "alpha", "beta", "gamma", "delta", "omega"}[:6+extra]
			indexInOrder(c, strings.Join(words[:4], " "), "russia "+strings.Join(words[4:], " "))
			if n, _, _ := c.BodyIndexSize(); n != 6 {
				t.Errorf("%d words in the vocabulary, want 6", n)
			}
			for i, w := range words {
				want := 1
				if i == 0 {
					want = 2 // russia, in both bodies
				}
				if i >= 6 {
					want = 0
				}
				if got := hits(c, "text:"+w); got != want {
					t.Errorf("text:%s: %d rows, want %d", w, got, want)
				}
			}
			wantProblems := 0
			if extra > 0 {
				wantProblems = 1
			}
			if got := vocabProblems(c); got != wantProblems {
				t.Fatalf("%d problems of refused words, want %d: %v", got, wantProblems, c.Problems())
			}
			if got := len(c.Stats().Warnings); got != wantProblems {
				t.Errorf("stats: %d warnings, want %d", got, wantProblems)
			}
			if p, ok := c.VocabularyProblem(); ok && !strings.Contains(p.Reason, fmt.Sprintf("%d words were left out", extra)) && !strings.Contains(p.Reason, "1 word was left out") {
				t.Errorf("the problem says %q, with %d words refused", p.Reason, extra)
			}
		})
	}
}

// TestVocabBoundPerWord: the bound grows with the words of the bodies
// indexed, counted as they are now: a body indexed again counts once.
func TestVocabBoundPerWord(t *testing.T) {
	c := testCorpus()
	boundVocab(c, 0, 4)
	var words []string
	for i := range 10 {
		words = append(words, fmt.Sprintf("a%02d", i))
	}
	indexInOrder(c, strings.Join(words, " ")) // 10 words: room for 2, one as every fourth is read
	if n, _, _ := c.BodyIndexSize(); n != 2 {
		t.Errorf("%d words in the vocabulary, want 2", n)
	}
	for _, w := range words {
		want := 0
		if w == "a03" || w == "a07" {
			want = 1
		}
		if got := hits(c, "text:"+w); got != want {
			t.Errorf("text:%s: %d rows, want %d", w, got, want)
		}
	}
	// The same article again, with new words: its length replaces the
	// first, so the room is what its 10 words make.
	indexInOrder(c, "b1 b2 b3 b4 b5 b6 b7 b8 b9 b10")
	if n, _, _ := c.BodyIndexSize(); n != 2 {
		t.Errorf("%d words in the vocabulary after a body was indexed again, want 2", n)
	}
}

// TestVocabFullWorker: once the vocabulary is full, a worker keeps no
// word the corpus does not hold, still indexes those it does, and the
// problem stays one, however often the pathless problems are filed again.
func TestVocabFullWorker(t *testing.T) {
	c := testCorpus()
	boundVocab(c, 2, 1<<40)
	indexInOrder(c, "russia talks zurich")
	w := indexInOrder(c, "", "zurich russia lake lake", "lake russia")
	if len(w.words) != 1 || w.words[0] != "russia" {
		t.Errorf("the worker's dictionary holds %q, want only russia", w.words)
	}
	if got := hits(c, "text:russia"); got != 3 {
		t.Errorf("text:russia: %d rows, want 3", got)
	}
	if got := hits(c, "text:lake") + hits(c, "text:zurich"); got != 0 {
		t.Errorf("refused words found in %d rows", got)
	}
	var pathless []Problem
	for _, p := range c.Problems() {
		if p.Path == "" {
			pathless = append(pathless, p)
		}
	}
	c.Apply(Change{Problems: pathless}) // as a library says a problem of the folder
	if got := vocabProblems(c); got != 1 {
		t.Errorf("%d problems of refused words, want 1", got)
	}
	if p, _ := c.VocabularyProblem(); !strings.Contains(p.Reason, "5 words were left out") {
		t.Errorf("the problem says %q, want 5 words left out (zurich, lake ×3, zurich)", p.Reason)
	}
}

// TestVocabBoundWarm: a cached index keeps what the bound needs, so a
// warm start refuses what the cold one did, and its answers are the same.
func TestVocabBoundWarm(t *testing.T) {
	c := testCorpus()
	boundVocab(c, 3, 1<<40)
	indexInOrder(c, "russia talks", "zurich lake russia")
	back, _ := persisted(t, c)
	sameAnswers(t, c, back)
	if a, b := vocabProblems(c), vocabProblems(back); a != 1 || b != 1 {
		t.Fatalf("problems of refused words: %d cold, %d warm; want 1", a, b)
	}
	boundVocab(back, 3, 1<<40)
	w := indexInOrder(back, "", "", "", "lake talks")
	if len(w.words) != 1 {
		t.Errorf("the warm worker's dictionary holds %q, want only talks", w.words)
	}
	if hits(back, "text:talks") != 2 || hits(back, "text:lake") != 0 {
		t.Errorf("warm: text:talks %d rows (want 2), text:lake %d (want 0)", hits(back, "text:talks"), hits(back, "text:lake"))
	}
}

// TestVocabBoundDefault: under the bound, nothing is refused, nor said.
func TestVocabBoundDefault(t *testing.T) {
	c := testCorpus()
	indexInOrder(c, "russia talks", "zurich lake russia")
	if _, ok := c.VocabularyProblem(); ok || c.body.full.Load() {
		t.Error("a small corpus's vocabulary is full")
	}
}

// TestWorkerForgets: a worker hands its new words over once it has
// gathered enough of them, and drops its dictionary past its bound; the
// index is the same as one worker that kept everything made.
func TestWorkerForgets(t *testing.T) {
	bodies := []string{"alpha beta gamma delta epsilon", "zeta eta theta iota kappa alpha", "lambda mu nu xi omicron beta gamma",
		"pi rho sigma tau upsilon alpha beta", "phi chi psi omega alpha gamma delta"}
	kept, small := testCorpus(), testCorpus()
	indexInOrder(kept, bodies...)
	small.body.newWords, small.body.maxWords = 4, 8
	w := small.NewBodyWorker()
	dropped, before := false, 0
	for i, b := range bodies {
		w.Add(int32(i), []byte(b))
		w.Flush()
		dropped = dropped || len(w.words) < before
		before = len(w.words)
	}
	small.BodiesIndexed(small.Len())
	if !dropped || len(w.words) > 8 {
		t.Errorf("the worker's dictionary dropped while indexing: %v; %d words at the end, want at most 8", dropped, len(w.words))
	}
	for _, q := range append(strings.Fields(strings.Join(bodies, " ")), `"beta gamma"`, `"alpha beta"`, `"gamma delta"`, `"alpha gamma"`) {
		if a, b := ids(kept, kept.Search(ParseQuery(q), SortNewest)), ids(small, small.Search(ParseQuery(q), SortNewest)); !slices.Equal(a, b) {
			t.Errorf("%s: %q, with a forgetful worker %q", q, a, b)
		}
	}
}

// TestVocabNearlyFull: a worker hands its new words over as soon as it
// has gathered enough, and once the vocabulary's room is less than that,
// the worker asks before it takes a word, so the words the vocabulary
// will refuse never enter its dictionary.
func TestVocabNearlyFull(t *testing.T) {
	c := testCorpus()
	boundVocab(c, 10, 1<<40)
	c.body.newWords = 4
	w := c.NewBodyWorker()
	w.Add(0, []byte("a1 a2 a3 a4 a5 a6 a7 a8")) // handed over by Add itself: more new words than newWords
	w.Add(1, []byte("a1 b1 b2 b3 b4 b5"))
	if len(w.words) != 10 {
		t.Errorf("the worker's dictionary holds %d words, want the 10 the vocabulary takes: %q", len(w.words), w.words)
	}
	w.Flush()
	c.BodiesIndexed(c.Len())
	if hits(c, "text:b2") != 1 || hits(c, "text:b3") != 0 || hits(c, "text:a1") != 2 {
		t.Errorf("text:b2 %d rows (want 1), text:b3 %d (want 0), text:a1 %d (want 2)", hits(c, "text:b2"), hits(c, "text:b3"), hits(c, "text:a1"))
	}
}
