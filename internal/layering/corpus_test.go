package layering

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// readers are the packages (with their sub-packages) that read a corpus
// through an interface of their own, never through *model.Corpus: the
// loading side (library, cmd/folio) alone holds one.
var readers = []string{"ui", "cli", "serve", "research"}

// TestReadersNameNoCorpus fails where a reader's code names *model.Corpus
// but to check that it answers the reader's interface (var _ I = ...).
func TestReadersNameNoCorpus(t *testing.T) {
	root := filepath.Join("..", "..")
	checked := 0
	for _, dir := range readers {
		err := filepath.WalkDir(filepath.Join(root, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			checked++
			for _, at := range namesCorpus(t, path) {
				t.Errorf("%s names *model.Corpus (docs/DESIGN.md: readers take their own interface)", at)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked == 0 {
		t.Fatal("no reader's file found")
	}
}

// namesCorpus returns where the file names *model.Corpus outside a
// blank var declaration.
func namesCorpus(t *testing.T, path string) []string {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var at []string
	ast.Inspect(f, func(n ast.Node) bool {
		if v, ok := n.(*ast.ValueSpec); ok && len(v.Names) == 1 && v.Names[0].Name == "_" {
			return false
		}
		star, ok := n.(*ast.StarExpr)
		if !ok {
			return true
		}
		if sel, ok := star.X.(*ast.SelectorExpr); ok && sel.Sel.Name == "Corpus" {
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "model" {
				at = append(at, fset.Position(star.Pos()).String())
			}
		}
		return true
	})
	return at
}
