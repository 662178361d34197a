package report_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/report"
)

// update rewrites the golden reports: go test ./prep/report -run TestReportsAsBefore -update
var update = flag.Bool("update", false, "rewrite the golden reports under testdata/golden")

// seededIDs makes uuid.New deterministic for the rest of the test, so the bundles built with fresh
// IDs make the same report every run.
func seededIDs(t *testing.T) {
	uuid.SetRand(rand.NewChaCha8([32]byte{1}))
	t.Cleanup(func() { uuid.SetRand(nil) })
}

// goldenBundles are the bundles whose reports are pinned byte for byte: the two sample bundles,
// Markdown of every kind a report reads, markup in every field with an estimate sheet, stories,
// and a whiteboard.
func goldenBundles(t *testing.T) map[string]*prep.Bundle {
	commonMark := loadBundle(t, "feedback-sample.json")
	commonMark.Attempts[0].Reviews[0].Comment = "Compare:\n\n| Before | After |\n| :--- | ---: |\n| *slow* `deploys` | **fast** |\n\n" +
		"**bold and *nested*** \\*not emphasis\\* &amp; &#233;\nsecond line  \nhard break\n\n" +
		"1. one\n   - inner <b>raw</b>\n2. two\n\n3) three\n4) four\n\n> quoted\n> *more*\n\n---\n\n## Heading two\n\n" +
		"[site](https://example.com \"t\") ![pic](http://tracker.example/p.png) <https://auto.example> <span>x</span>\n\n" +
		"    indented <code>\n\n```go\nfenced <b>\n```\n\n<div>\nblock html\n</div>\n"
	diagramBundle, _ := withDiagram(t, 12)
	return map[string]*prep.Bundle{
		"attempts-sample": loadBundle(t, "attempts-sample.json"),
		"feedback-sample": loadBundle(t, "feedback-sample.json"),
		"commonmark":      commonMark,
		"hostile-sheet":   sheetBundle(t),
		"stories":         storiesBundle(t),
		"diagram":         diagramBundle,
	}
}

// Every report of the golden bundles is what it was, byte for byte: HTML and Markdown in full (named
// .golden, so that tools reading the tree take them for data, not source), a PDF by its SHA-256 (its
// text can be read back with pdfText when it differs).
func TestReportsAsBefore(t *testing.T) {
	seededIDs(t)
	dir := filepath.Join("testdata", "golden")
	for name, b := range goldenBundles(t) {
		for _, f := range []struct {
			format report.Format
			ext    string
			keep   func([]byte) []byte
		}{
			{report.HTML, "html.golden", nil},
			{report.Markdown, "md.golden", nil},
			{report.PDF, "pdf.sha256", func(b []byte) []byte { return fmt.Appendf(nil, "%x\n", sha256.Sum256(b)) }},
		} {
			got := render(t, b, f.format)
			if f.keep != nil {
				got = f.keep(got)
			}
			path := filepath.Join(dir, name+"."+f.ext)
			want, err := os.ReadFile(path)
			if *update || errors.Is(err, os.ErrNotExist) {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the %s report of the %s bundle is not as before (%s); if the change is meant, run go test ./prep/report -run TestReportsAsBefore -update and read the diff", f.ext, name, path)
			}
		}
	}
}
