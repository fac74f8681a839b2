package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/folio-reader/folio/cmd/corpusgen/gen"
	"github.com/folio-reader/folio/library"
)

// The commands and flags the README names that no other test drives, each
// run as the README writes it and its promise checked (cmd/folio's
// readmeFlags names these tests).

const seedID = "2022/01/000_652e1fac9521c5ec.txt"

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := run(t, args...)
	if code != 0 {
		t.Fatalf("folio %v: status %d, %s", args, code, errOut)
	}
	return out
}

func csvRows(t *testing.T, out string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("not CSV with rows (%v):\n%s", err, out)
	}
	return rows
}

func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var objs []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("not a JSON line (%v): %q", err, line)
		}
		objs = append(objs, m)
	}
	return objs
}

// TestKwicCommand: folio kwic -q WORD --context N prints every occurrence
// with at most N words each side; --csv the same lines as CSV, --json as
// JSON lines.
func TestKwicCommand(t *testing.T) {
	for _, n := range []int{2, 5} {
		rows := csvRows(t, mustRun(t, "kwic", "-q", "russia", "--context", strconv.Itoa(n), "--csv"))
		if strings.Join(rows[0], ",") != "id,published,title,left,match,right,in_title" {
			t.Fatalf("--csv header %q", rows[0])
		}
		widest := 0
		for _, r := range rows[1:] {
			if !strings.HasPrefix(strings.ToLower(r[4]), "russia") {
				t.Errorf("match %q is not russia", r[4])
			}
			widest = max(widest, words(r[3]), words(r[5]))
		}
		if widest != n {
			t.Errorf("--context %d: the widest side has %d words", n, widest)
		}
	}
	plain := strings.Split(strings.TrimSpace(mustRun(t, "kwic", "-q", "russia")), "\n")
	js := jsonLines(t, mustRun(t, "kwic", "-q", "russia", "--json"))
	if len(plain) < 5 || len(js) != len(plain) {
		t.Errorf("%d plain lines, %d JSON lines", len(plain), len(js))
	}
}

// words counts the words of a context: a piece after the match that
// joins it ("-led" of "Russia-led") is not one.
func words(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if r := []rune(f)[0]; unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// TestTermsCommand: folio terms -q WORD --top N prints N collocates and at
// most N distinctive terms.
func TestTermsCommand(t *testing.T) {
	for _, n := range []int{2, 3} {
		kinds := map[string]int{}
		for _, o := range jsonLines(t, mustRun(t, "terms", "-q", "russia", "--top", strconv.Itoa(n), "--json")) {
			kinds[o["kind"].(string)]++
		}
		if kinds["collocate"] != n || kinds["distinctive"] > n {
			t.Errorf("--top %d: %v", n, kinds)
		}
	}
	out := mustRun(t, "terms", "-q", "russia")
	if !strings.Contains(out, "Collocates (logDice") || !strings.Contains(out, "Distinctive terms (log-likelihood") {
		t.Errorf("terms:\n%s", out)
	}
}

// TestTrendsCommand: folio trends -q A -q B counts each query by period
// (--by), or per 1,000 articles of the period (--per 1000).
func TestTrendsCommand(t *testing.T) {
	rows := csvRows(t, mustRun(t, "trends", "-q", "russia", "-q", "china", "--by", "year", "--csv"))
	if strings.Join(rows[0], ",") != "period,articles,russia,china" {
		t.Fatalf("header %q", rows[0])
	}
	byPeriod := map[string][]string{}
	for _, r := range rows[1:] {
		if len(r[0]) != 4 {
			t.Errorf("--by year: period %q", r[0])
		}
		byPeriod[r[0]] = r
	}
	if r := byPeriod["2022"]; r == nil || r[2] != "1" || r[3] != "1" {
		t.Errorf("2022: %v, want one article for each", r)
	}
	for _, r := range csvRows(t, mustRun(t, "trends", "-q", "russia", "--by", "month", "--csv"))[1:] {
		if len(r[0]) != 7 {
			t.Errorf("--by month: period %q", r[0])
		}
	}
	// The samples have one article in 2022, which holds russia: 1,000 per 1,000.
	for _, r := range csvRows(t, mustRun(t, "trends", "-q", "russia", "-q", "china", "--by", "year", "--per", "1000", "--csv"))[1:] {
		if r[0] == "2022" && (r[2] != "1000.00" || r[3] != "1000.00") {
			t.Errorf("--per 1000, 2022: %v", r)
		}
	}
}

// TestRelatedCommand: folio related ID prints at most ten other articles,
// the most like it first, never itself.
func TestRelatedCommand(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(mustRun(t, "related", seedID)), "\n")
	if len(lines) < 3 || len(lines) > 10 {
		t.Fatalf("%d related articles:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	last := 1e9
	for _, l := range lines {
		f := strings.Split(l, "\t")
		score, err := strconv.ParseFloat(f[2], 64)
		if f[0] == seedID || err != nil || score > last {
			t.Errorf("line %q: itself, no score or out of order", l)
		}
		last = score
	}
	js := jsonLines(t, mustRun(t, "related", seedID, "--json"))
	if len(js) != len(lines) || js[0]["score"] == nil {
		t.Errorf("--json: %d lines, first %v", len(js), js[0])
	}
}

// TestStoriesCommand: folio stories finds corpusgen's planted stories:
// each a few articles, with its span, headline and sources; -q narrows the
// articles the stories are found among.
func TestStoriesCommand(t *testing.T) {
	dir := t.TempDir()
	g := gen.New(7, false)
	p := gen.Plant{N: 80, Stories: 0.5}
	if _, err := g.WritePlanted(dir, p); err != nil {
		t.Fatal(err)
	}
	lib, err := library.Load(context.Background(), library.Source{Dir: dir}, library.Options{Bodies: true, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	stories := func(args ...string) string {
		var out, errb bytes.Buffer
		if code := RunOn(context.Background(), append([]string{"stories"}, args...), Env{Stdout: &out, Stderr: &errb}, lib.Corpus); code != 0 {
			t.Fatalf("stories %v: %d %s", args, code, errb.String())
		}
		return out.String()
	}
	js := jsonLines(t, stories("--json"))
	for _, s := range js {
		if len(s["articles"].([]any)) < 2 || s["headline"] == "" || s["from"] == "" || len(s["sources"].([]any)) == 0 {
			t.Errorf("story %v", s)
		}
	}
	plain := strings.Split(strings.TrimSpace(stories()), "\n")
	if len(js) < 2 || len(plain) != len(js) || !strings.Contains(plain[0], " articles\t") {
		t.Fatalf("%d stories in JSON, plain:\n%s", len(js), strings.Join(plain, "\n"))
	}
	// A word of the first story's headline narrows the stories to those
	// of the articles holding it.
	word := strings.Fields(js[0]["headline"].(string))[0]
	if narrowed := strings.TrimSpace(stories("-q", "title:"+word)); narrowed == "" || strings.Count(narrowed, "\n")+1 >= len(plain) {
		t.Errorf("-q title:%s: %q, all: %d stories", word, narrowed, len(plain))
	}
}

// TestExportBodyFlag: folio export --format jsonl carries each article's
// cleaned text only with --body.
func TestExportBodyFlag(t *testing.T) {
	without := jsonLines(t, mustRun(t, "export", "-q", "russia", "--format", "jsonl"))
	with := jsonLines(t, mustRun(t, "export", "-q", "russia", "--format", "jsonl", "--body"))
	if len(without) != 1 || len(with) != 1 {
		t.Fatalf("%d and %d articles", len(without), len(with))
	}
	if _, ok := without[0]["body"]; ok {
		t.Error("without --body: a body")
	}
	if b, _ := with[0]["body"].(string); !strings.Contains(b, "part ways") {
		t.Errorf("--body: body %.80q", b)
	}
}

// TestStatsAuthorsFlag: folio stats --authors N lists the N most frequent
// authors and says how many more; 0 lists them all.
func TestStatsAuthorsFlag(t *testing.T) {
	authors := func(out string) string {
		_, rest, _ := strings.Cut(out, "Authors (")
		block, _, _ := strings.Cut(rest, "\n\n")
		return block
	}
	one := authors(mustRun(t, "stats", "--authors", "1"))
	if !strings.HasPrefix(one, "3)") || strings.Count(one, "\n") != 2 || !strings.Contains(one, "…  2 more") {
		t.Errorf("--authors 1:\n%s", one)
	}
	all := authors(mustRun(t, "stats", "--authors", "0"))
	if strings.Count(all, "\n") != 3 || strings.Contains(all, "more") {
		t.Errorf("--authors 0:\n%s", all)
	}
}

// TestMarkUnreadAndUnstar: folio mark --unread and --unstar undo --read
// and --star.
func TestMarkUnreadAndUnstar(t *testing.T) {
	dir, getenv := stateCorpus(t)
	list := func(q string) string {
		out, _, _ := runLocal(t, getenv, "", "list", dir, "-q", q, "--sort", "oldest")
		return firstFields(out)
	}
	if _, e, code := runLocal(t, getenv, "", "mark", dir, "a0.txt", "a1.txt", "--read", "--star"); code != 0 {
		t.Fatalf("mark: %d %s", code, e)
	}
	if got := list("is:starred is:read"); got != "a0.txt a1.txt" {
		t.Fatalf("after --read --star: %q", got)
	}
	if _, e, code := runLocal(t, getenv, "", "mark", dir, "a1.txt", "--unread", "--unstar"); code != 0 {
		t.Fatalf("mark --unread --unstar: %d %s", code, e)
	}
	if got := list("is:starred"); got != "a0.txt" {
		t.Errorf("is:starred after --unstar: %q", got)
	}
	if got := list("is:unread"); got != "a1.txt a2.txt" {
		t.Errorf("is:unread after --unread: %q", got)
	}
}
