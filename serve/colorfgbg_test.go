package serve

import (
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestClientCOLORFGBG: a client whose terminal does not answer the query
// for its background (as tmux 3.3 does not) and sends COLORFGBG=0;15 gets
// the light theme; sending nothing, or 15;0, the dark one. The cursor's
// row on the first screen is in the palette's SelectedBg: xterm colour 189
// on light, 237 on dark.
func TestClientCOLORFGBG(t *testing.T) {
	_, addr, _ := start(t, Config{})
	const light, dark = "48;5;189", "48;5;237"
	for _, tt := range []struct {
		env  string // COLORFGBG sent; "": none
		want string
	}{
		{"0;15", light},
		{"", dark},
		{"15;0", dark},
	} {
		sess, err := mustDial(t, addr, nil).NewSession()
		if err != nil {
			t.Fatal(err)
		}
		defer sess.Close()
		if tt.env != "" {
			if err := sess.Setenv("COLORFGBG", tt.env); err != nil {
				t.Fatal(err)
			}
		}
		if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
			t.Fatal(err)
		}
		if _, err := sess.StdinPipe(); err != nil { // held open, never answering a query
			t.Fatal(err)
		}
		out, err := sess.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		screen := &logBuffer{}
		go func() {
			buf := make([]byte, 32<<10)
			for {
				n, err := out.Read(buf)
				screen.Write(buf[:n])
				if err != nil {
					return
				}
			}
		}()
		if err := sess.Shell(); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(screen.String(), light) && !strings.Contains(screen.String(), dark) {
			if time.Now().After(deadline) {
				t.Fatalf("COLORFGBG=%q: no cursor row after 10 s:\n%q", tt.env, screen.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
		got := screen.String()
		if !strings.Contains(got, tt.want) || strings.Contains(got, map[string]string{light: dark, dark: light}[tt.want]) {
			t.Errorf("COLORFGBG=%q: the cursor's row is not in %s alone:\n%q", tt.env, tt.want, got)
		}
	}
}
