package prep_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/report"
)

// FuzzDecodeBundle feeds DecodeBundle arbitrary bytes. It must never panic or hang; what it
// refuses it refuses with an error and no bundle; what it accepts must validate clean, encode, decode
// again to the same bytes, and render as HTML and Markdown without a script tag. The seed corpus is
// testdata/fuzz/FuzzDecodeBundle (small valid bundles and near misses, written by
// TestSampleBundleFiles -update) plus the sample files in testdata/bundles.
func FuzzDecodeBundle(f *testing.F) {
	files, err := filepath.Glob(filepath.Join(bundlesDir, "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", "{}", "null", "[]", `{"format":"panelprep-bundle","version":1}`,
		`{"format":"panelprep-bundle","version":99}`, `{"format":"panelprep-bundle","format":"x"}`} {
		f.Add([]byte(s))
	}
	// A small whiteboard (format version 4), hostile labels included.
	withDiagram := tinyBundle(f)
	d := bigDiagram(f, 6)
	withDiagram.Attempts[0].Diagram = &d
	withDiagram.Attempts[0].DiagramSnapshots = []prep.DiagramSnapshot{{Phase: "Situation", At: 1000, Diagram: bigDiagram(f, 2)}}
	f.Add(encode(f, withDiagram))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := prep.DecodeBundle(bytes.NewReader(data), 1<<20)
		if err != nil {
			if b != nil {
				t.Fatal("an error and a bundle")
			}
			var be *prep.BundleError
			if errors.As(err, &be) && len(be.Problems) == 0 {
				t.Fatal("a BundleError without problems")
			}
			return
		}
		if ps := b.Validate(); len(ps) > 0 {
			t.Fatalf("accepted a bundle that does not validate: %v", ps)
		}
		var first bytes.Buffer
		if err := prep.EncodeBundle(&first, *b); err != nil {
			t.Fatalf("accepted a bundle that does not encode: %v", err)
		}
		again, err := prep.DecodeBundle(bytes.NewReader(first.Bytes()), 0)
		if err != nil {
			t.Fatalf("its encoding does not decode: %v\n%s", err, first.Bytes())
		}
		var second bytes.Buffer
		if err := prep.EncodeBundle(&second, *again); err != nil || !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("encode, decode, encode is not stable (%v)", err)
		}
		for _, format := range []report.Format{report.HTML, report.Markdown} {
			var out bytes.Buffer
			if err := report.Write(&out, b, format); err != nil {
				t.Fatalf("%s report: %v", format, err)
			}
			if bytes.Contains(bytes.ToLower(out.Bytes()), []byte("<script")) {
				t.Fatalf("the %s report has a script tag", format)
			}
		}
	})
}
