package prep_test

import (
	"testing"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
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
