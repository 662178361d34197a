package prep_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

var model = prep.Competencies{
	{ID: "delivery", Name: "Delivery and execution across teams"},
	{ID: "influence", Name: "Influence and communication"},
	{ID: "technical-judgement", Name: "Technical judgement and architecture"},
}

// mapped is an attempt summary whose prompt names a competency for each criterion: rubric maps a
// criterion name to its competency ID ("" for a criterion without one).
func mapped(prompt string, rubric map[string]string, scores ...prep.Score) prep.AttemptSummary {
	a := prep.Attempt{ID: uuid.New(), Prompt: prep.Prompt{ID: prompt, Title: prompt, Round: prep.SystemsDesign}, Scores: scores, FinishedAt: day(20)}
	for _, s := range scores {
		a.Prompt.Rubric = append(a.Prompt.Rubric, prep.Criterion{Name: s.Criterion, Competency: rubric[s.Criterion]})
	}
	return a.Summary()
}

// Scores add up by competency across prompts whose criteria have different names, weakest first,
// with the criteria beneath each; what has no known competency (a legacy set, an ID from another
// version) is one last group, Unmapped, whatever its average, and counts its attempts.
func TestStatsByCompetency(t *testing.T) {
	h := []prep.AttemptSummary{
		mapped("sd", map[string]string{"Delivery plan across teams": "delivery", "High-level design": "technical-judgement"},
			sc("Delivery plan across teams", 2), sc("High-level design", 4)),
		mapped("ld", map[string]string{"Delivery and priorities": "delivery", "Communication upward and across": "influence"},
			sc("Delivery and priorities", 1), sc("Communication upward and across", 3)),
		mapped("legacy", nil, sc("Ownership", 1)),
		mapped("newer", map[string]string{"Storytelling": "narrative"}, sc("Storytelling", 1)),
	}
	st := prep.ComputeStats(h, prep.Library{Competencies: model}, day(26), utc)
	var ids []string
	for _, c := range st.Competencies {
		ids = append(ids, c.ID)
	}
	want := []string{"delivery", "influence", "technical-judgement", prep.Unmapped}
	if len(ids) != len(want) {
		t.Fatalf("groups %v, want %v", ids, want)
	}
	for i := range want {
		if ids[i] != want[i] {
			t.Fatalf("groups %v, want %v (weakest first, Unmapped last)", ids, want)
		}
	}
	d := st.Competencies[0]
	if d.Name != "Delivery and execution across teams" || d.Average != 1.5 || d.Count != 2 || d.Attempts != 2 ||
		len(d.Criteria) != 2 || d.Criteria[0].Criterion != "Delivery and priorities" || d.Criteria[1].Average != 2 {
		t.Fatalf("delivery %+v", d)
	}
	u := st.Competencies[3]
	if u.Name != "Unmapped" || u.Count != 2 || u.Attempts != 2 || u.Average != 1 {
		t.Fatalf("unmapped %+v", u)
	}
	avg := prep.CompetencyAverages(h, model)
	if avg["delivery"] != 1.5 || avg["influence"] != 3 || avg[prep.Unmapped] != 1 {
		t.Fatalf("averages %v", avg)
	}
}

// Mapping an old attempt fills only what its snapshot lacks, through the library's criteria, and
// says how many criteria it could not map.
func TestAttemptMapCompetencies(t *testing.T) {
	set := &prep.PracticeSet{Prompts: []prep.Prompt{{ID: "p", Rubric: []prep.Criterion{
		{Name: "Delivery plan", Competency: "delivery"}, {Name: "Own", Competency: "influence"}, {Name: "Unknown", Competency: "gone"}}}}}
	ix := prep.NewCompetencyIndex(model, set)
	a := prep.Attempt{Prompt: prep.Prompt{ID: "p", Rubric: []prep.Criterion{
		{Name: "Delivery plan"}, {Name: "Own", Competency: "technical-judgement"}, {Name: "Unknown"}, {Name: "Renamed"}}}}
	shared := a.Prompt.Rubric
	changed, left := a.MapCompetencies(ix)
	if !changed || left != 2 || a.Prompt.Rubric[0].Competency != "delivery" || a.Prompt.Rubric[1].Competency != "technical-judgement" {
		t.Fatalf("changed %v, left %d, rubric %+v", changed, left, a.Prompt.Rubric)
	}
	if shared[0].Competency != "" {
		t.Error("mapping wrote into a rubric shared with the caller")
	}
	if changed, _ := a.MapCompetencies(ix); changed {
		t.Error("a second mapping changed what the first did")
	}
	if ix.Len() != 2 || ix.Fingerprint() == prep.NewCompetencyIndex(model).Fingerprint() {
		t.Errorf("index of %d criteria, fingerprint %s", ix.Len(), ix.Fingerprint())
	}
}

// The Today list schedules competencies, not criterion names: two prompts whose criteria differ in
// name but share a weak competency make one item, named by the model. A criterion without a
// competency keeps an item of its own.
func TestDueForPracticeByCompetency(t *testing.T) {
	a1 := mapped("sd", map[string]string{"Delivery plan across teams": "delivery"}, sc("Delivery plan across teams", 1))
	a2 := mapped("ld", map[string]string{"Delivery and priorities": "delivery"}, sc("Delivery and priorities", 2), sc("Ownership", 1))
	a1.FinishedAt, a2.FinishedAt = day(1), day(2)
	due := prep.DueForPractice([]prep.AttemptSummary{a1, a2}, model, day(10), 10)
	var comp, crit []prep.PracticeItem
	for _, it := range due {
		switch it.Kind {
		case prep.PracticeCompetency:
			comp = append(comp, it)
		case prep.PracticeCriterion:
			crit = append(crit, it)
		}
	}
	if len(comp) != 1 || comp[0].Competency != "delivery" || comp[0].Title != "Delivery and execution across teams" ||
		comp[0].Reason != "averaged 1.5 over your last 2 rounds that scored it" {
		t.Fatalf("competency items %+v", comp)
	}
	if len(crit) != 1 || crit[0].Title != "Ownership" {
		t.Fatalf("criterion items %+v (the unmapped criterion must still come back)", crit)
	}
	set, p, ok := prep.PromptForCompetency(prep.Library{Bundled: []*prep.PracticeSet{{Prompts: []prep.Prompt{
		{ID: "x", Rubric: []prep.Criterion{{Name: "A", Competency: "influence"}}},
		{ID: "y", Rubric: []prep.Criterion{{Name: "B", Competency: "delivery"}, {Name: "C", Competency: "delivery"}}},
	}}}}, "delivery", nil)
	if !ok || set == nil || p.ID != "y" {
		t.Fatalf("prompt for delivery: %v %+v", ok, p)
	}
	// A prompt among the recent attempts comes after one that is not, however much more it fits.
	_, p, ok = prep.PromptForCompetency(prep.Library{Bundled: []*prep.PracticeSet{{Prompts: []prep.Prompt{
		{ID: "y", Rubric: []prep.Criterion{{Name: "B", Competency: "delivery"}, {Name: "C", Competency: "delivery"}}},
		{ID: "z", Rubric: []prep.Criterion{{Name: "D", Competency: "delivery"}}},
	}}}}, "delivery", []prep.AttemptSummary{{PromptID: "y"}})
	if !ok || p.ID != "z" {
		t.Fatalf("prompt for delivery after a recent attempt at y: %v %+v", ok, p)
	}
}

// The loop's picker favours the prompt that exercises the weakest competency, even when none of
// its criteria has been scored under that name.
func TestPickPromptFavoursWeakestCompetency(t *testing.T) {
	lib := prep.Library{Competencies: model, Bundled: []*prep.PracticeSet{{ID: "s", Prompts: []prep.Prompt{
		{ID: "strong", Round: prep.SystemsDesign, Minutes: 60, Rubric: []prep.Criterion{{Name: "Influence the VP", Competency: "influence"}}},
		{ID: "weak", Round: prep.SystemsDesign, Minutes: 60, Rubric: []prep.Criterion{{Name: "Ship across teams", Competency: "delivery"}}},
	}}}}
	history := []prep.AttemptSummary{
		mapped("other", map[string]string{"Delivery plan": "delivery", "Communication": "influence"}, sc("Delivery plan", 1), sc("Communication", 4)),
	}
	for seed := range 3 {
		_, p, ok := prep.PickPrompt(lib, prep.LoopRound{Round: prep.SystemsDesign, Minutes: 60}, history, nil, seed)
		if !ok || p.ID != "weak" {
			t.Fatalf("seed %d picked %q, want the prompt on the weakest competency", seed, p.ID)
		}
	}
}

// BenchmarkCompetencyAggregation10k is the adding up by competency alone (criteria beneath each),
// over 10,000 attempt summaries already in memory, beside its floor in the same run: one pass that
// only sums every score. The store-level figure, summaries read from Badger included, is
// BenchmarkCompetencyStats10k in data.
func BenchmarkCompetencyAggregation10k(b *testing.B) {
	lib, attempts := seeded(b, 10000)
	history := preptest.Summaries(attempts)
	b.Run("floor-sum-scores", func(b *testing.B) {
		for b.Loop() {
			sum, n := 0, 0
			for i := range history {
				for _, s := range history[i].Scores {
					sum += s.Value
					n++
				}
			}
			if n == 0 || sum == 0 {
				b.Fatal(n)
			}
		}
	})
	b.Run("by-competency", func(b *testing.B) {
		for b.Loop() {
			if avg := prep.CompetencyAverages(history, lib.Competencies); len(avg) < 9 {
				b.Fatal(avg)
			}
		}
	})
}
