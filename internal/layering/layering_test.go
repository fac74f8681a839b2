// Package layering holds the test of docs/DESIGN.md's import rules: which
// of folio's packages may not depend on which, directly or through others.
package layering

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/folio-reader/folio/"

// forbidden is, for each package (a trailing "/..." takes its
// sub-packages too), the packages it must not depend on at all.
var forbidden = map[string][]string{
	"query":    {"model", "loader", "library", "ui", "cli", "serve", "state", "watch", "research", "dedup"},
	"dedup":    {"model", "loader", "library", "ui", "cli", "serve", "state", "watch", "research", "query"},
	"model":    {"loader", "library", "ui", "cli", "serve", "watch", "state", "resident", "research", "config"},
	"loader":   {"library", "ui", "cli", "serve", "state", "watch", "research"},
	"state":    {"loader", "library", "ui", "cli", "serve", "watch", "research"},
	"research": {"loader", "library", "ui", "cli", "serve", "watch", "state"},
	"ui/...":   {"loader", "library", "cli", "serve", "watch", "resident", "internal/memtune"},
	"cli":      {"ui", "serve"},
	"config":   {"loader", "library", "ui", "cli", "serve", "state"},
}

// alone are the packages that depend on no other folio package at all:
// the codings model keeps its indexes in.
var alone = []string{"internal/codec", "internal/postings"}

// TestImportRules lists every package's dependencies with go list and
// fails on each that breaks a rule.
func TestImportRules(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Deps " "}}`, module+"...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg, deps := strings.TrimPrefix(f[0], module), f[1:]
		for rule, bad := range forbidden {
			if !applies(rule, pkg) {
				continue
			}
			checked++
			for _, b := range bad {
				if slices.Contains(deps, module+b) {
					t.Errorf("%s depends on %s (docs/DESIGN.md: it must not)", pkg, b)
				}
			}
		}
	}
	// The collector's settings are the process's: only its main sets them.
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], module)
		if pkg != "cmd/folio" && pkg != "internal/memtune" && slices.Contains(f[1:], module+"internal/memtune") {
			t.Errorf("%s depends on internal/memtune: only cmd/folio may", pkg)
		}
	}
	found := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		pkg := strings.TrimPrefix(f[0], module)
		if !slices.Contains(alone, pkg) {
			continue
		}
		found++
		for _, d := range f[1:] {
			if strings.HasPrefix(d, module) {
				t.Errorf("%s depends on %s (docs/DESIGN.md: on no folio package)", pkg, strings.TrimPrefix(d, module))
			}
		}
	}
	if found != len(alone) {
		t.Errorf("found %d of the %d packages that stand alone: one was renamed?", found, len(alone))
	}
	if checked < len(forbidden) {
		t.Errorf("only %d of the %d rules found their package: a package was renamed?", checked, len(forbidden))
	}
}

func applies(rule, pkg string) bool {
	if base, ok := strings.CutSuffix(rule, "/..."); ok {
		return pkg == base || strings.HasPrefix(pkg, base+"/")
	}
	return pkg == rule
}
