package prep_test

import (
	"testing"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
)

// TestBundledSets parses the practice sets the binary ships: a bad bundled file must fail the build,
// not a user's first launch.
func TestBundledSets(t *testing.T) {
	sets, err := prep.LoadSets(assets.Sets, "sets")
	if err != nil {
		t.Fatal(err)
	}
	perRound := map[prep.RoundType]int{}
	for _, s := range sets {
		for _, p := range s.Prompts {
			perRound[p.Round]++
		}
	}
	for _, r := range []prep.RoundType{prep.SystemsDesign, prep.Leadership, prep.OrgDesign} {
		if perRound[r] == 0 {
			t.Errorf("no bundled prompt for round type %s", r)
		}
	}
	t.Logf("bundled prompts per round type: %v", perRound)
}
