package prep_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"testing"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/prep"
)

// TestBundledSets parses the practice sets the binary ships and holds them to the bank's bar: a
// bad or thin bundled prompt must fail the build, not a user's first launch.
func TestBundledSets(t *testing.T) {
	sets := bundledBank(t).Sets
	perRound := map[prep.RoundType]int{}
	perLevel := map[prep.Level]int{}
	perContext := map[prep.Context]int{}
	ids := map[string]string{}
	for _, s := range sets {
		for _, p := range s.Prompts {
			perRound[p.Round]++
			perLevel[p.Level]++
			perContext[p.Context]++
			if other, dup := ids[p.ID]; dup {
				t.Errorf("prompt ID %s is in both %s and %s", p.ID, other, s.ID)
			}
			ids[p.ID] = s.ID
			if len(p.FollowUps) < 3 {
				t.Errorf("%s: %d follow-ups, want at least 3", p.ID, len(p.FollowUps))
			}
			if n := len(p.Rubric); n < 4 || n > 6 {
				t.Errorf("%s: %d rubric criteria, want 4 to 6", p.ID, n)
			}
			if len(p.Hints) < 3 {
				t.Errorf("%s: %d hints, want at least 3", p.ID, len(p.Hints))
			}
			if len(p.Outline) < 6 {
				t.Errorf("%s: %d outline points, want at least 6", p.ID, len(p.Outline))
			}
			for i := 1; i < len(p.FollowUps); i++ {
				if p.FollowUps[i].Minute < p.FollowUps[i-1].Minute {
					t.Errorf("%s: follow-ups are not in minute order", p.ID)
				}
			}
		}
	}
	for _, r := range []prep.RoundType{prep.SystemsDesign, prep.Leadership, prep.OrgDesign} {
		if perRound[r] < 30 {
			t.Errorf("%d %s prompts, want at least 30", perRound[r], r)
		}
	}
	if perRound[prep.PanelPrep] == 0 {
		t.Error("no panel-preparation prompts (questions to ask, reading the offer)")
	}
	if perLevel[prep.LevelDirector] <= perLevel[prep.LevelEM]+perLevel[prep.LevelVP] || perLevel[prep.LevelEM] == 0 || perLevel[prep.LevelVP] == 0 {
		t.Errorf("levels %v: most prompts should be at Director, with some EM and VP for calibration", perLevel)
	}
	for _, c := range []prep.Context{prep.ContextSaaS, prep.ContextEnterprise, prep.ContextFintech, prep.ContextScaleUp} {
		if perContext[c] < 10 {
			t.Errorf("%d prompts in context %s, want at least 10", perContext[c], c)
		}
	}
	t.Logf("bundled prompts: %d sets; per round %v; per level %v; per context %v", len(sets), perRound, perLevel, perContext)
}

// TestBankIsUpToDate checks that the pre-parsed bank the app launches from holds exactly the
// bundled TOML files and the competency model. After editing either, run `go generate ./assets`.
func TestBankIsUpToDate(t *testing.T) {
	fromTOML := bundledBank(t)
	fromBank, err := prep.DecodeBank(assets.Bank)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(fromTOML)
	b, _ := json.Marshal(fromBank)
	if !bytes.Equal(a, b) {
		t.Fatal("assets/bank.gob is stale: run `go generate ./assets` after changing assets/sets or assets/competencies.toml")
	}
}

// TestBankEncodingIsStable: the same bundled files give the same assets/bank.gob, byte for byte.
// It came out different from each go generate (gob writes a map in Go's random order), which left
// a changed file to commit after every regeneration, and a changed binary for make test to run
// every screen test and window test against again.
func TestBankEncodingIsStable(t *testing.T) {
	bank := bundledBank(t)
	var first bytes.Buffer
	if err := prep.EncodeBank(&first, bank); err != nil {
		t.Fatal(err)
	}
	for range 10 {
		var again bytes.Buffer
		if err := prep.EncodeBank(&again, bank); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatal("encoding the same bank twice gave different bytes")
		}
	}
	if !bytes.Equal(first.Bytes(), assets.Bank) {
		t.Error("assets/bank.gob is not what encoding the bundled files gives: run `go generate ./assets`")
	}
}

// TestCompetencyWeightsGob: a round's weights come back from their gob form as they went in, an
// empty set as empty, and damaged bytes give an error, not weights.
func TestCompetencyWeightsGob(t *testing.T) {
	for _, w := range []prep.CompetencyWeights{{}, {"delivery": 1.5}, {"people": 2, "delivery": 0.5, "org-design": 1}} {
		b, err := w.GobEncode()
		if err != nil {
			t.Fatal(err)
		}
		var got prep.CompetencyWeights
		if err := got.GobDecode(b); err != nil || !maps.Equal(got, w) {
			t.Errorf("%v came back as %v (%v)", w, got, err)
		}
		for cut := range len(b) {
			if err := got.GobDecode(b[:cut]); err == nil && cut > 0 {
				t.Errorf("%v cut to %d of %d bytes decoded as %v", w, cut, len(b), got)
			}
		}
		if err := got.GobDecode(append(b, 0)); err == nil {
			t.Errorf("%v with a byte more decoded as %v", w, got)
		}
	}
}

func BenchmarkLoadBundledSets(b *testing.B) {
	b.Run("parse-toml", func(b *testing.B) {
		for b.Loop() {
			if _, err := prep.LoadSets(assets.Sets, "sets"); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode-bank", func(b *testing.B) {
		for b.Loop() {
			if _, err := prep.DecodeBank(assets.Bank); err != nil {
				b.Fatal(err)
			}
		}
	})
}
