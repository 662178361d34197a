package prep_test

import (
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// TestBundledDesignPromptsNameTeams: every bundled systems design prompt names 3 to 5 teams for the
// whiteboard to offer, and not the same list as another prompt: the teams belong to the scenario.
func TestBundledDesignPromptsNameTeams(t *testing.T) {
	sets := bundledBank(t).Sets
	seen := map[string]string{}
	n := 0
	for _, s := range sets {
		for _, p := range s.Prompts {
			if p.Round != prep.SystemsDesign {
				continue
			}
			n++
			if k := len(p.Teams); k < 3 || k > 5 {
				t.Errorf("%s: %d teams %q, want 3 to 5", p.ID, k, p.Teams)
			}
			key := strings.Join(p.Teams, "|")
			if other, dup := seen[key]; dup {
				t.Errorf("%s names the same teams as %s", p.ID, other)
			}
			seen[key] = p.ID
		}
	}
	if n == 0 {
		t.Fatal("no systems design prompts in the bank")
	}
}
