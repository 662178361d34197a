package prep_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// liveRound runs a session on the leadership prompt the sample attempts answer, as an interviewer
// would: a follow-up asked, one skipped, a question of their own, notes and scores.
func liveRound(t testing.TB) (prep.Interview, prep.Attempt) {
	t.Helper()
	a := sampleAttempts(t)[0]
	set, p := bankPrompt(t, a.Prompt.ID)
	if len(p.FollowUps) < 2 {
		t.Fatalf("%s has %d follow-ups; the test needs two", p.ID, len(p.FollowUps))
	}
	iv := prep.NewInterview(set, p, "  Priya Raman ", time.Date(2026, 10, 6, 9, 0, 0, 0, time.UTC))
	iv.ID = sampleID("live-1")
	must(t, iv.Mark(0, prep.MarkAsked, 12*time.Minute+5*time.Second))
	must(t, iv.Mark(1, prep.MarkSkipped, 30*time.Minute))
	must(t, iv.AskOwn("  What would you tell Priya's team? ", prep.AskerEM, 33*time.Minute))
	iv.TypeNote("Opens", 2*time.Minute)
	iv.TypeNote("Opens with the impact", 2*time.Minute+40*time.Second) // the stamp is when it was begun
	must(t, iv.AddNote())
	iv.TypeNote("No date for the plan", 15*time.Minute)
	must(t, iv.AddNote())
	iv.SetScore(p.Rubric[1].Name, 2)
	iv.SetScore(p.Rubric[0].Name, 3)
	iv.Comment = "Clear actions."
	return iv, a
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestInterviewMarksNotesAndScores(t *testing.T) {
	iv, _ := liveRound(t)
	if iv.Interviewer != "Priya Raman" {
		t.Errorf("interviewer %q, want the name trimmed", iv.Interviewer)
	}
	want := []prep.TimedNote{{At: 2 * time.Minute, Text: "Opens with the impact"}, {At: 15 * time.Minute, Text: "No date for the plan"}}
	if len(iv.Notes) != 2 || iv.Notes[0] != want[0] || iv.Notes[1] != want[1] {
		t.Errorf("notes %+v, want %+v (each stamped when it was begun)", iv.Notes, want)
	}
	if iv.NoteDraft != "" {
		t.Errorf("the note field was not cleared: %q", iv.NoteDraft)
	}
	if iv.Scores[0].Criterion != iv.Prompt.Rubric[0].Name || iv.Scores[1].Criterion != iv.Prompt.Rubric[1].Name {
		t.Errorf("scores %+v are not in the rubric's order", iv.Scores)
	}
	// Asked after all: the mark is replaced in its place, not added.
	must(t, iv.Mark(1, prep.MarkAsked, 31*time.Minute))
	if m, _ := iv.MarkOf(1); m.Mark != prep.MarkAsked || m.At != 31*time.Minute || len(iv.FollowUps) != 3 {
		t.Errorf("re-marking follow-up 2 gave %+v and %d marks", m, len(iv.FollowUps))
	}
	if err := iv.Mark(len(iv.Prompt.FollowUps), prep.MarkAsked, 0); err == nil {
		t.Error("marking a follow-up the prompt lacks was accepted")
	}
	if err := iv.AskOwn("   ", prep.AskerVP, 0); err == nil {
		t.Error("an empty question of one's own was accepted")
	}
	iv.TypeNote("   ", time.Minute)
	must(t, iv.AddNote())
	if len(iv.Notes) != 2 {
		t.Error("an empty note was added")
	}
	iv.SetScore(iv.Prompt.Rubric[0].Name, 0)
	if _, ok := prep.ScoreOf(iv.Scores, iv.Prompt.Rubric[0].Name); ok {
		t.Error("a score set to 0 was kept")
	}
}

func TestInterviewDueFollowUps(t *testing.T) {
	set, p := bankPrompt(t, "ld-underperforming-em-missed-quarter")
	iv := prep.NewInterview(set, p, "M", time.Now())
	first := time.Duration(p.FollowUps[0].Minute) * time.Minute
	if d := iv.Due(first - time.Second); len(d) != 0 {
		t.Errorf("due before the first follow-up's minute: %v", d)
	}
	if d := iv.Due(first); len(d) == 0 || d[0] != 0 {
		t.Errorf("at the first follow-up's minute, due %v", d)
	}
	must(t, iv.Mark(0, prep.MarkSkipped, first))
	if d := iv.Due(first); len(d) > 0 && d[0] == 0 {
		t.Errorf("a skipped follow-up is still due: %v", d)
	}
}

func TestInterviewBecomesAReview(t *testing.T) {
	iv, a := liveRound(t)
	at := time.Date(2026, 10, 6, 10, 0, 0, 0, time.UTC)
	r, err := iv.Review(&a, at)
	if err != nil {
		t.Fatal(err)
	}
	if r.AttemptID != a.ID || r.Reviewer != "Priya Raman" || len(r.Scores) != 2 || len(r.Notes) != 2 || len(r.FollowUps) != 3 {
		t.Fatalf("review %+v", r)
	}
	for _, want := range []string{"Clear actions.", "- 2:00: Opens with the impact", "- 15:00: No date for the plan",
		"- 12:05: asked, ", "- 30:00: skipped", "- 33:00: own question, Engineering Manager: What would you tell Priya's team?"} {
		if !strings.Contains(r.Comment, want) {
			t.Errorf("the comment lacks %q:\n%s", want, r.Comment)
		}
	}
	// Saved again after the review was attached: the same review, replaced.
	iv.ReviewID = r.ID
	r2, err := iv.Review(&a, at.Add(time.Hour))
	if err != nil || r2.ID != r.ID {
		t.Errorf("a second review of the session has ID %s (err %v), want %s", r2.ID, err, r.ID)
	}
	other := sampleAttempts(t)[1]
	if _, err := iv.Review(&other, at); !errors.Is(err, prep.ErrOtherPrompt) {
		t.Errorf("a review of an attempt at another prompt: %v", err)
	}
}

// liveFeedback is a feedback bundle carrying a review made from a live round.
func liveFeedback(t testing.TB) prep.Bundle {
	t.Helper()
	iv, a := liveRound(t)
	r, err := iv.Review(&a, time.Date(2026, 10, 6, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	r.ID = sampleID("live-review")
	b := prep.Bundle{Kind: prep.BundleFeedback, ExportedAt: time.Date(2026, 10, 6, 11, 0, 0, 0, time.UTC), ExportedBy: "Priya Raman"}
	b.AddReview(a, r)
	return b
}

func TestLiveReviewRoundTripsInVersion3(t *testing.T) {
	b := liveFeedback(t)
	data := encode(t, b)
	if !strings.Contains(string(data), `"version": 3`) {
		t.Fatalf("a bundle with a live round's notes is not written as version 3:\n%.300s", data)
	}
	if !strings.Contains(string(data), `"number": 1`) || !strings.Contains(string(data), `"mark": "own"`) {
		t.Errorf("follow-up marks missing from the file:\n%s", data)
	}
	got, err := decode(data)
	if err != nil {
		t.Fatal(err)
	}
	r := got.AllReviews()[0]
	want := b.AllReviews()[0]
	if len(r.Notes) != len(want.Notes) || len(r.FollowUps) != len(want.FollowUps) {
		t.Fatalf("decoded %d notes and %d marks, want %d and %d", len(r.Notes), len(r.FollowUps), len(want.Notes), len(want.FollowUps))
	}
	for i := range r.Notes {
		if r.Notes[i] != want.Notes[i] {
			t.Errorf("note %d: %+v, want %+v", i, r.Notes[i], want.Notes[i])
		}
	}
	for i := range r.FollowUps {
		if r.FollowUps[i] != want.FollowUps[i] {
			t.Errorf("mark %d: %+v, want %+v", i, r.FollowUps[i], want.FollowUps[i])
		}
	}
	if err := schemaValidate(t, compileSchema(t), data); err != nil {
		t.Errorf("the schema rejects a version 3 bundle: %v", err)
	}
	// A bundle without them is still written in the version it was before.
	_, plain := sampleBundles(t)
	if !strings.Contains(string(encode(t, plain)), `"version": 1`) {
		t.Error("a feedback bundle without live notes is no longer written as version 1")
	}
}

// TestHostileLiveReviewsAreRejected edits a version 3 bundle by hand, as a hostile or careless
// sender would, and checks that each edit is refused with its path, by the reader and (where a
// schema can say it) by docs/bundle.schema.json.
func TestHostileLiveReviewsAreRejected(t *testing.T) {
	base := liveFeedback(t)
	rev := func(doc map[string]any) map[string]any {
		return attemptAt(doc, 0)["reviews"].([]any)[0].(map[string]any)
	}
	note := func(doc map[string]any, i int) map[string]any { return rev(doc)["notes"].([]any)[i].(map[string]any) }
	mark := func(doc map[string]any, i int) map[string]any {
		return rev(doc)["followups"].([]any)[i].(map[string]any)
	}
	const r0 = "attempts[0].reviews[0]"
	cases := map[string]struct {
		change   func(doc map[string]any)
		path     string
		message  string
		schemaOK bool
	}{
		"notes in version 2": {func(doc map[string]any) { doc["version"] = 2 }, r0 + ".notes", "need format version 3", false},
		"empty note":         {func(doc map[string]any) { note(doc, 0)["text"] = "  " }, r0 + ".notes[0].text", "is empty", true},
		"long note": {func(doc map[string]any) { note(doc, 0)["text"] = strings.Repeat("x", prep.MaxNoteLen+1) },
			r0 + ".notes[0].text", "at most 2000", false},
		"negative stamp":      {func(doc map[string]any) { note(doc, 0)["at_ms"] = -1 }, r0 + ".notes[0].at_ms", "must be 0 to", false},
		"notes out of order":  {func(doc map[string]any) { note(doc, 1)["at_ms"] = 1000 }, r0 + ".notes[1].at_ms", "order they were taken", true},
		"unknown mark":        {func(doc map[string]any) { mark(doc, 0)["mark"] = "maybe" }, r0 + ".followups[0].mark", `must be one of "asked", "skipped", "own"`, false},
		"unknown panelist":    {func(doc map[string]any) { mark(doc, 0)["asker"] = "intern" }, r0 + ".followups[0].asker", "unknown panel member", false},
		"own with number":     {func(doc map[string]any) { mark(doc, 2)["number"] = 1 }, r0 + ".followups[2].number", "has no number", false},
		"asked without":       {func(doc map[string]any) { delete(mark(doc, 0), "number") }, r0 + ".followups[0].number", "is missing", false},
		"number past the end": {func(doc map[string]any) { mark(doc, 0)["number"] = 99 }, r0 + ".followups[0].number", "is 99, but", true},
		"marked twice":        {func(doc map[string]any) { mark(doc, 1)["number"] = 1 }, r0 + ".followups[1].number", "marked twice", true},
		"unknown field":       {func(doc map[string]any) { note(doc, 0)["colour"] = "red" }, r0 + ".notes[0].colour", "", false},
	}
	sch := compileSchema(t)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc := mutateBundle(t, base, c.change)
			_, err := decode(doc)
			var be *prep.BundleError
			if !errors.As(err, &be) {
				t.Fatalf("decoded without a problem list: %v", err)
			}
			if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.message) {
				t.Errorf("error does not name %s with %q:\n%v", c.path, c.message, err)
			}
			if schemaErr := schemaValidate(t, sch, doc); schemaErr == nil && !c.schemaOK {
				t.Errorf("the schema accepts it")
			}
		})
	}
}

func TestInterviewLoopSummaryUsesTheInterviewersScores(t *testing.T) {
	iv, _ := liveRound(t)
	second := iv.Clone()
	second.ID = uuid.New()
	for _, c := range second.Prompt.Rubric {
		second.SetScore(c.Name, 4)
	}
	for _, c := range iv.Prompt.Rubric {
		iv.SetScore(c.Name, 4)
	}
	iv.SetScore(iv.Prompt.Rubric[0].Name, 1) // one weak criterion in the first round
	s := prep.SummariseInterviewLoop([]prep.Interview{iv, second}, nil)
	if len(s.Rounds) != 2 {
		t.Fatalf("%d rounds, want 2", len(s.Rounds))
	}
	if !strings.Contains(s.Rule, "from the interviewer's scores") || strings.Contains(s.Rule, "your self-scores") {
		t.Errorf("the rule does not say whose scores it used: %s", s.Rule)
	}
	band, _ := prep.ScoreBand([]float64{prep.AverageScore(iv.Scores), prep.AverageScore(second.Scores)}, append(append([]prep.Score(nil), iv.Scores...), second.Scores...))
	if s.Band != band {
		t.Errorf("band %s, want %s from the interviewer's scores", s.Band, band)
	}
}

func TestInterviewLoopPlansEverySlotWithItsSitting(t *testing.T) {
	set, p := bankPrompt(t, "ld-underperforming-em-missed-quarter")
	plan := prep.DefaultLoop
	sets, picks := make([]*prep.PracticeSet, len(plan)), make([]prep.Prompt, len(plan))
	for i := range plan {
		sets[i], picks[i] = set, p
	}
	rounds := prep.NewInterviewLoop(&prep.LoopShape{Name: "Default", Rounds: plan, Bands: prep.DefaultBands}, sets, picks, "M", time.Now())
	var sittings []int
	for i, iv := range rounds {
		if iv.LoopID != rounds[0].LoopID || iv.LoopRound != i || iv.LoopRounds != len(plan) {
			t.Errorf("round %d: loop %s, round %d of %d", i, iv.LoopID, iv.LoopRound, iv.LoopRounds)
		}
		sittings = append(sittings, iv.LoopSitting)
	}
	if want := []int{0, 1, 2, 2, 2, 3}; !slices.Equal(sittings, want) {
		t.Errorf("sittings %v, want %v: the behavioural questions share one", sittings, want)
	}
	// One weak behavioural question of three does not cap the band as a weak round would.
	for i := range rounds {
		for _, c := range rounds[i].Prompt.Rubric {
			rounds[i].SetScore(c.Name, 4)
		}
	}
	for _, c := range rounds[3].Prompt.Rubric {
		rounds[3].SetScore(c.Name, 1)
	}
	if s := prep.SummariseInterviewLoop(rounds, nil); s.Band == prep.BandLeanHire || s.Band == prep.BandNoHire {
		t.Errorf("band %s: the weak question was taken as a round of its own", s.Band)
	}
}

// TestInterviewLoopBandsByItsShape: a loop planned from a loop file is banded by the file's
// thresholds, from the interviewer's scores, and the rule says so.
func TestInterviewLoopBandsByItsShape(t *testing.T) {
	set, p := bankPrompt(t, "ld-underperforming-em-missed-quarter")
	plan := []prep.LoopRound{{Round: prep.Leadership, Minutes: 45, Lead: prep.AskerEM}, {Round: prep.Leadership, Minutes: 45, Lead: prep.AskerVP}}
	lenient := prep.BandThresholds{LeanHire: 1.5, Hire: 2.0, StrongHire: 2.9, RoundFloor: 1.5, StrongHireRoundFloor: 2.9}
	shape := &prep.LoopShape{ID: "lenient", Name: "A lenient loop", Rounds: plan, Bands: lenient}
	rounds := prep.NewInterviewLoop(shape, []*prep.PracticeSet{set, set}, []prep.Prompt{p, p}, "M", time.Now())
	for i := range rounds {
		for _, c := range rounds[i].Prompt.Rubric {
			rounds[i].SetScore(c.Name, 3)
		}
	}
	if def := prep.SummariseLoop([]prep.Attempt{{Prompt: p, Scores: rounds[0].Scores}}, nil); def.Band != prep.BandHire {
		t.Fatalf("by the default thresholds all 3s are %s, want Hire", def.Band)
	}
	s := prep.SummariseInterviewLoop(rounds, nil)
	if s.Band != prep.BandStrongHire {
		t.Errorf("band %s, want Strong hire by the shape's thresholds", s.Band)
	}
	if !strings.Contains(s.Rule, "2.9 or more is Strong hire") || !strings.Contains(s.Rule, "from the interviewer's scores") {
		t.Errorf("the rule does not give the shape's thresholds and whose scores: %s", s.Rule)
	}
	c := rounds[0].Clone()
	c.LoopBands.StrongHire = 4
	if rounds[0].LoopBands.StrongHire != 2.9 {
		t.Error("a clone shares the loop's thresholds")
	}
}
