package data

import (
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// TestInterviewLoopRoundTrip: a round of a loop planned from a loop file keeps its plan (with its
// weights) and the loop's thresholds on disk, so a loop resumed after a restart is banded as it
// was planned.
func TestInterviewLoopRoundTrip(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := prep.Prompt{ID: "p", Title: "T", Round: prep.Leadership, Phases: []prep.Phase{{Name: "A", Minutes: 5}}}
	set := &prep.PracticeSet{ID: "s", Version: 1}
	plan := []prep.LoopRound{{Round: prep.Leadership, Minutes: 45, Lead: prep.AskerEM, Weight: 2, Competencies: map[string]float64{"people": 1.5}}}
	bands := prep.BandThresholds{LeanHire: 1.5, Hire: 2.5, StrongHire: 3.2, RoundFloor: 1.5, StrongHireRoundFloor: 2.8}
	iv := prep.NewInterviewLoop(&prep.LoopShape{ID: "x", Name: "Acme onsite", Rounds: plan, Bands: bands}, []*prep.PracticeSet{set}, []prep.Prompt{p}, "M", time.Now())[0]
	if err := s.SaveInterview(iv); err != nil {
		t.Fatal(err)
	}
	got, err := s.Interviews()
	if err != nil || len(got) != 1 {
		t.Fatalf("%v, %v", got, err)
	}
	g := got[0]
	if g.LoopShape != "Acme onsite" || g.LoopPlan.Weight != 2 || g.LoopPlan.Competencies["people"] != 1.5 || g.LoopBands == nil || *g.LoopBands != bands {
		t.Errorf("read back as shape %q, plan %+v, bands %+v", g.LoopShape, g.LoopPlan, g.LoopBands)
	}
}
