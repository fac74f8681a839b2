package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	c, closeFS, err := Load(context.Background(), Source{}, WaitForBodies)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	var out, errb bytes.Buffer
	code = RunOn(context.Background(), args, Env{Stdout: &out, Stderr: &errb}, c)
	return out.String(), errb.String(), code
}

func TestFlagsAnywhere(t *testing.T) {
	a, _, code := run(t, "list", "-q", "chengdu", "--limit", "1")
	b, _, _ := run(t, "list", "--limit", "1", "-q", "chengdu")
	if code != 0 || a != b || !strings.Contains(a, "Tea houses") {
		t.Errorf("flags in another order differ: %q vs %q", a, b)
	}
}

func TestShowFindsIDWithoutExtension(t *testing.T) {
	out, errOut, code := run(t, "show", "2022/01/000_652e1fac9521c5ec")
	if code != 0 || !strings.HasPrefix(out, "China, Russia won’t part ways") {
		t.Errorf("code %d, stderr %q, stdout %.80q", code, errOut, out)
	}
}

// TestGivenCorpusTakesNoFolder: over SSH the corpus is the server's; a
// folder argument is refused, never opened.
func TestGivenCorpusTakesNoFolder(t *testing.T) {
	for _, args := range [][]string{{"list", "/etc"}, {"stats", "/"}, {"show", "/etc", "passwd"}} {
		_, errOut, code := run(t, args...)
		if code != 2 || !strings.Contains(errOut, "too many arguments") {
			t.Errorf("%v: code %d, %q", args, code, errOut)
		}
	}
}

func TestIgnoredQueryPartsReported(t *testing.T) {
	out, errOut, code := run(t, "list", "-q", "tea after:someday")
	if code != 0 || !strings.Contains(out, "Tea houses") || !strings.Contains(errOut, "ignored after:someday") {
		t.Errorf("code %d, stdout %q, stderr %q", code, out, errOut)
	}
}
