package resident

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/folio-reader/folio/cli"
)

// TestAnswerable: a keeper answers list and show with their own flags,
// only off where a flag changes how the command runs, and only an asker
// whose environment is its own.
func TestAnswerable(t *testing.T) {
	own := map[string]string{"HOME": "/home/me", "XDG_STATE_HOME": "/home/me/state"}
	getenv := func(name string) string { return own[name] }
	env := func(kv ...string) map[string]string {
		m := map[string]string{"HOME": "/home/me", "XDG_STATE_HOME": "/home/me/state"}
		for i := 0; i+1 < len(kv); i += 2 {
			if kv[i+1] == "" {
				delete(m, kv[i])
			} else {
				m[kv[i]] = kv[i+1]
			}
		}
		return m
	}
	for _, c := range []struct {
		args []string
		env  map[string]string
		want bool
	}{
		{[]string{"list", "-q=tea", "-sort=title", "-limit=0", "-json=false", "-follow=false", "-no-cache=false", "--"}, env(), true},
		{[]string{"show", "-raw=true", "-json=false", "-no-cache=false", "--", "a.txt"}, env(), true},
		{[]string{"list", "-follow=true", "--"}, env(), false},
		{[]string{"list", "-no-cache=true", "--"}, env(), false},
		{[]string{"show", "-no-cache=true", "--", "a.txt"}, env(), false},
		{[]string{"list", "-state=/elsewhere", "--"}, env(), false},
		{[]string{"list", "q=tea", "--"}, env(), false},
		{[]string{"stats", "--"}, env(), false},
		{[]string{"mark", "--", "a.txt"}, env(), false},
		{nil, env(), false},
		{[]string{"list", "--"}, env("XDG_STATE_HOME", "/tmp/other"), false},
		{[]string{"list", "--"}, env("XDG_STATE_HOME", ""), false},
		{[]string{"list", "--"}, env("XDG_CONFIG_HOME", "/tmp/config"), false},
		{[]string{"list", "--"}, env("FOLIO_NO_CACHE", "1"), false},
	} {
		if got := answerable(Request{Args: c.args, Env: c.env}, getenv); got != c.want {
			t.Errorf("%q with %v: answerable %v, want %v", c.args, c.env, got, c.want)
		}
	}
}

// TestKeeperKnowsListFlags: every flag of folio list is one a keeper
// answers with (or refuses on purpose), so a flag added to list does not
// quietly send every command past a running folio.
func TestKeeperKnowsListFlags(t *testing.T) {
	var out, errb bytes.Buffer
	cli.Run(context.Background(), []string{"list", "--help"}, cli.Env{Stdout: &out, Stderr: &errb, Getenv: func(string) string { return "" }})
	n := 0
	for _, line := range strings.Split(out.String()+errb.String(), "\n") {
		f := strings.Fields(line)
		if !strings.HasPrefix(line, "  -") || len(f[0]) <= 2 {
			continue
		}
		n++
		if _, ok := askable["list"][strings.TrimPrefix(f[0], "-")]; !ok {
			t.Errorf("list's %s is not in askable: a command given it is never answered by a keeper", f[0])
		}
	}
	if n < 5 {
		t.Fatalf("list --help named %d flags", n)
	}
}
