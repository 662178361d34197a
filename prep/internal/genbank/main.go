// Command genbank writes assets/bank.gob: the competency model, the bundled practice sets and loop shapes,
// parsed and checked, in a form the app decodes in a few milliseconds at launch instead of parsing
// TOML. Run it with `go generate ./assets` after editing assets/competencies.toml,
// assets/sets/*.toml or assets/loops/*.toml; prep's TestBankIsUpToDate fails until you do.
package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
)

func main() {
	bank, err := prep.LoadBank(assets.Sets, "sets")
	if err != nil {
		fmt.Fprintln(os.Stderr, "genbank:", err)
		os.Exit(1)
	}
	var buf bytes.Buffer
	if err := prep.EncodeBank(&buf, bank); err != nil {
		fmt.Fprintln(os.Stderr, "genbank:", err)
		os.Exit(1)
	}
	out := "bank.gob"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genbank:", err)
		os.Exit(1)
	}
}
