package ui

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOnlyTheBridgeCallsFyneDo keeps threading in one place: outside ui/bridge.go, no file of the
// ui package or of cmd calls fyne.Do or fyne.DoAndWait, and no file of the ui package starts a
// goroutine. Tests are exempt (they drive the bridge), and so are programs under testdata (the
// bare-window baseline must not link the ui package).
func TestOnlyTheBridgeCallsFyneDo(t *testing.T) {
	for _, dir := range []string{".", "../cmd"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return nil
			}
			if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || path == "bridge.go" {
				return nil
			}
			for _, bad := range threadingIn(t, path, dir == ".") {
				t.Errorf("%s: %s; go through ui/bridge.go (run, tickEvery, goBackground, offThread, ui.Do, ui.DoAndWait)", path, bad)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// threadingIn lists the calls to fyne.Do and fyne.DoAndWait in the file at path, and its go
// statements when goStatements is set, each with its line.
func threadingIn(t *testing.T, path string, goStatements bool) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	fyneName := ""
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == "fyne.io/fyne/v2" {
			fyneName = "fyne"
			if imp.Name != nil {
				fyneName = imp.Name.Name
			}
		}
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.SelectorExpr:
			// A reference, not only a call: passing fyne.Do as a func value is the same escape.
			if x, ok := n.X.(*ast.Ident); ok && fyneName != "" && x.Name == fyneName && (n.Sel.Name == "Do" || n.Sel.Name == "DoAndWait") {
				found = append(found, fmt.Sprintf("line %d uses %s.%s", fset.Position(n.Pos()).Line, x.Name, n.Sel.Name))
			}
		case *ast.GoStmt:
			if goStatements {
				found = append(found, fmt.Sprintf("line %d starts a goroutine", fset.Position(n.Pos()).Line))
			}
		}
		return true
	})
	return found
}
