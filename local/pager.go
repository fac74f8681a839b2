package local

import (
	"io"
	"os"
	"os/exec"
	"strings"
)

// Pager is where `folio show` writes on a terminal: $PAGER, else less -R,
// started at the first write; with neither, the terminal itself. A pager
// the user quits early takes the rest of the article as read. Over SSH
// show never reaches a terminal of the server's, so never a pager.
type Pager struct {
	getenv func(string) string
	out    io.Writer // the terminal
	errOut io.Writer

	started bool
	w       io.Writer // the pager's input, or out
	in      io.WriteCloser
	cmd     *exec.Cmd
}

// NewPager is the pager for out, the terminal, started at the first write.
func NewPager(getenv func(string) string, out, errOut io.Writer) *Pager {
	return &Pager{getenv: getenv, out: out, errOut: errOut}
}

func (p *Pager) Write(b []byte) (int, error) {
	if !p.started {
		p.start()
	}
	if _, err := p.w.Write(b); err != nil {
		if p.in == nil {
			return 0, err
		}
		p.w = io.Discard // the pager was quit: the rest is not wanted
	}
	return len(b), nil
}

// start runs the pager, or settles for the terminal when there is none.
func (p *Pager) start() {
	p.started, p.w = true, p.out
	line := strings.TrimSpace(p.getenv("PAGER"))
	if line == "" {
		if _, err := exec.LookPath("less"); err != nil {
			return
		}
		line = "less -R"
	}
	args := strings.Fields(line)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdout, cmd.Stderr = p.out, p.errOut
	if p.getenv("LESS") == "" {
		// As git does: an article shorter than the screen is printed
		// and less exits; colours pass; the screen is not cleared.
		cmd.Env = append(os.Environ(), "LESS=FRX")
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		return
	}
	if err := cmd.Start(); err != nil {
		return
	}
	p.in, p.cmd, p.w = in, cmd, in
}

// Close ends the pager's input and waits for the user to quit it.
func (p *Pager) Close() error {
	if p.in == nil {
		return nil
	}
	p.in.Close()
	_ = p.cmd.Wait() // quitting early is no failure of show's
	return nil
}
