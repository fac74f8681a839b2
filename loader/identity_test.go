package loader

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestIdentity: a file read through either path has the identity os.Stat
// gives it, and a rewrite of the same size changes it.
func TestIdentity(t *testing.T) { paths(t, testIdentity) }

func testIdentity(t *testing.T, fast bool) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "a.txt")
	writeFile(t, dir, "sub/a.txt", good)
	fsys, closeFS, err := openDir(dir, fast)
	if err != nil {
		t.Fatal(err)
	}
	defer closeFS()
	identity := func() Identity {
		t.Helper()
		folder, closeFolder, err := sub(fsys, "sub")
		if err != nil {
			t.Fatal(err)
		}
		defer closeFolder()
		f, err := folder.Open("a.txt")
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			t.Fatal(err)
		}
		return IdentityOf(info)
	}
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	got, want := identity(), IdentityOf(st)
	if got != want || got.Size != int64(len(good)) {
		t.Errorf("identity %+v, os.Stat says %+v", got, want)
	}
	if runtime.GOOS != "windows" && got.Ino == 0 {
		t.Errorf("no inode in %+v", got)
	}
	later := st.ModTime().Add(time.Second)
	if err := os.Chtimes(p, later, later); err != nil {
		t.Fatal(err)
	}
	if again := identity(); again == got || again.ModTime != later.UnixNano() {
		t.Errorf("identity after touching: %+v, before: %+v", again, got)
	}
}
