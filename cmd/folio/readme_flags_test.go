package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// The README is a test: every command and flag it names is driven by the
// test named here, through the binary or through package cli, which
// checks the promised effect. A command or flag the README names without
// an entry, one the binary defines that the README leaves out, or an
// entry naming a test that does not exist (or never writes the flag)
// fails TestREADMECommandsAndFlagsDriven.

// readmeCommands: a command the README names → the test that drives it.
var readmeCommands = map[string]string{
	"list":    "TestCommands",
	"show":    "TestCommands",
	"stats":   "TestCommands",
	"version": "TestCommands",
	"mark":    "TestMarkTagAndList",
	"tag":     "TestMarkTagAndList",
	"config":  "TestConfigCommand",
	"kwic":    "TestKwicCommand",
	"terms":   "TestTermsCommand",
	"trends":  "TestTrendsCommand",
	"export":  "TestExportCSVEqualsList",
	"related": "TestRelatedCommand",
	"stories": "TestStoriesCommand",
	"serve":   "TestServeFlags",
	"daemon":  "TestDaemonAnswers",
}

// readmeFlags: a flag the README names → the test that drives it. A flag
// several commands share is driven on one of them here; each command's
// own tests drive it there.
var readmeFlags = map[string]string{
	"-q":                "TestCommands",
	"--json":            "TestCommands",
	"--sort":            "TestCommands",
	"--limit":           "TestCommands",
	"--raw":             "TestCommands",
	"--collapse":        "TestListCopies",
	"--follow":          "TestListFollow",
	"--lenient":         "TestIgnoredQueryPartsReported",
	"--verbose":         "TestBadTree",
	"--no-cache":        "TestCacheCommands",
	"--measure":         "TestReaderFlagsWinOverTheFile",
	"--authors":         "TestStatsAuthorsFlag",
	"--read":            "TestMarkTagAndList",
	"--star":            "TestMarkTagAndList",
	"--unread":          "TestMarkUnreadAndUnstar",
	"--unstar":          "TestMarkUnreadAndUnstar",
	"--example":         "TestSettingsFileKeys",
	"--idle":            "TestDaemonIdle",
	"--context":         "TestKwicCommand",
	"--csv":             "TestKwicCommand",
	"--top":             "TestTermsCommand",
	"--by":              "TestTrendsCommand",
	"--per":             "TestTrendsCommand",
	"--format":          "TestExportCSVEqualsList",
	"--body":            "TestExportBodyFlag",
	"--listen":          "TestServeFlags",
	"--host-key":        "TestServeFlags",
	"--open":            "TestServeFlags",
	"--log":             "TestServeFlags",
	"--log-format":      "TestServeFlags",
	"--max-sessions":    "TestServeFlags",
	"--idle-timeout":    "TestServeFlags",
	"--max-timeout":     "TestServeFlags",
	"--authorized-keys": "TestServeAuthorizedKeysFlag",
	"--rate":            "TestServeRateFlags",
	"--burst":           "TestServeRateFlags",
	"--max-per-key":     "TestServePerKeyAndAddressFlags",
	"--max-keyless":     "TestServePerKeyAndAddressFlags",
	"--max-per-address": "TestServePerKeyAndAddressFlags",
}

// otherPrograms: flags the README names for another program's command
// line (a benchmark's), not folio's.
var otherPrograms = map[string]string{
	"--warmup": "hyperfine",
	"--runs":   "hyperfine",
}

func TestREADMECommandsAndFlagsDriven(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	namedCmds, namedFlags := readmeNames(string(readme))
	if len(namedCmds) < 10 || len(namedFlags) < 20 {
		t.Fatalf("found %d commands and %d flags in the README: the extraction is broken", len(namedCmds), len(namedFlags))
	}
	tests := testFunctions(t, "../..")

	for _, c := range sortedKeys(namedCmds) {
		if _, ok := readmeCommands[c]; !ok {
			t.Errorf("the README names folio %s, and readmeCommands has no test driving it", c)
		}
	}
	for _, f := range sortedKeys(namedFlags) {
		if _, ok := readmeFlags[f]; !ok && otherPrograms[f] == "" {
			t.Errorf("the README names %s, and readmeFlags has no test driving it", f)
		}
	}

	bin := build(t)
	defCmds, defFlags := binaryNames(t, bin)
	for _, c := range sortedKeys(defCmds) {
		if !namedCmds[c] {
			t.Errorf("folio defines the command %s, and the README never names it (as `folio %s`)", c, c)
		}
	}
	for _, f := range sortedKeys(defFlags) {
		if !namedFlags[f] {
			t.Errorf("folio %s defines %s, and the README never names it", defFlags[f], f)
		}
	}

	for name, test := range readmeCommands {
		if !defCmds[name] {
			t.Errorf("readmeCommands has %s, a command folio does not define", name)
		}
		body, ok := tests[test]
		if !ok {
			t.Errorf("folio %s: no test function %s", name, test)
		} else if !strings.Contains(body, `"`+name) {
			t.Errorf("folio %s: %s never writes %q", name, test, name)
		}
	}
	for flag, test := range readmeFlags {
		if defFlags[flag] == "" {
			t.Errorf("readmeFlags has %s, a flag no folio command defines", flag)
		}
		body, ok := tests[test]
		if !ok {
			t.Errorf("%s: no test function %s", flag, test)
		} else if !writesFlag(body, strings.TrimLeft(flag, "-")) {
			t.Errorf("%s: %s never writes it", flag, test)
		}
	}
}

// readmeNames are the commands (`folio NAME`) and flags (`--name`, `-q`)
// written in the README's code: its code blocks (a command in a line's
// comment is prose, a flag there counts) and its code spans.
func readmeNames(readme string) (cmds, flags map[string]bool) {
	var code []string
	inBlock := false
	for _, line := range strings.Split(readme, "\n") {
		if strings.HasPrefix(line, "```") {
			inBlock = !inBlock
			continue
		}
		if inBlock {
			if i := strings.Index(line, " #"); i >= 0 {
				code = append(code, line[i:]) // flags in a comment count; commands do not
				line = line[:i]
			}
			code = append(code, line)
			continue
		}
		for i, span := range strings.Split(line, "`") {
			if i%2 == 1 {
				code = append(code, span)
			}
		}
	}
	cmds, flags = map[string]bool{}, map[string]bool{}
	cmdRE := regexp.MustCompile(`(?:^|[\s|(])folio ([a-z]+)\b`)
	longFlagRE := regexp.MustCompile(`(?:^|[\s\[(|])(--[a-z][a-z0-9-]*)`)
	shortFlagRE := regexp.MustCompile(`\s(-[a-z])\b`)
	for _, c := range code {
		if !strings.HasPrefix(c, " #") {
			for _, m := range cmdRE.FindAllStringSubmatch(c, -1) {
				cmds[m[1]] = true
			}
		}
		for _, m := range longFlagRE.FindAllStringSubmatch(c, -1) {
			flags[m[1]] = true
		}
		// A one-letter flag is folio's only after folio on the line
		// (time -f, ssh -p and go test -v are not).
		if i := strings.Index(c, "folio "); i >= 0 {
			for _, m := range shortFlagRE.FindAllStringSubmatch(c[i:], -1) {
				flags[m[1]] = true
			}
		}
	}
	return cmds, flags
}

// binaryNames are the commands folio's usage lists and every flag of each
// (as --name, or -q for one letter), with the first command defining it.
func binaryNames(t *testing.T, bin string) (cmds map[string]bool, flags map[string]string) {
	t.Helper()
	usage := runBin(t, bin, "help").stdout
	cmds, flags = map[string]bool{}, map[string]string{}
	for _, line := range strings.Split(usage, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || f[0] != "folio" {
			continue
		}
		if strings.HasPrefix(f[1], "[") {
			// The reader's own line: folio [--measure N] … [DIR].
			for _, m := range regexp.MustCompile(`\[(--[a-z-]+)`).FindAllStringSubmatch(line, -1) {
				flags[m[1]] = "(the reader)"
			}
			continue
		}
		cmds[f[1]] = true
	}
	for _, c := range sortedKeys(cmds) {
		if c == "version" {
			continue
		}
		r := runBin(t, bin, c, "--help")
		n := 0
		for _, line := range strings.Split(r.stdout+r.stderr, "\n") {
			if !strings.HasPrefix(line, "  -") {
				continue
			}
			name := strings.Fields(line)[0][1:]
			if len(name) > 1 {
				name = "-" + name
			}
			if flags["-"+name] == "" {
				flags["-"+name] = c
			}
			n++
		}
		if n == 0 && c != "tag" {
			t.Errorf("folio %s --help lists no flags:\n%s%s", c, r.stdout, r.stderr)
		}
	}
	return cmds, flags
}

// writesFlag: a test's source writes the flag as a command line does
// ("--name", "-name", "-name=…", or inside a longer string).
func writesFlag(body, name string) bool {
	return regexp.MustCompile(`-` + regexp.QuoteMeta(name) + `(?:["= ]|$)`).MatchString(body)
}

// testFunctions are the Test functions of the repository's test files,
// by name, each with its source.
func testFunctions(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Test") {
				continue
			}
			out[fn.Name.Name] = string(src[fset.Position(fn.Pos()).Offset:fset.Position(fn.End()).Offset])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
