package prep

import (
	"strings"
	"testing"
	"time"
)

func TestCuesWarnEndAndOvertime(t *testing.T) {
	ft := &fakeTime{}
	c := NewClock(testPhases, ft.now) // Clarify 5, Design 20, Wrap-up 5
	cues := NewCueTracker(testPhases)
	check := func() []Cue { return cues.Check(c.Status(), c.PhaseTimes()) }
	if got := check(); len(got) != 0 {
		t.Fatalf("a ready clock gives cues: %v", got)
	}
	c.Start()
	ft.advance(2*time.Minute + 59*time.Second)
	if got := check(); len(got) != 0 {
		t.Fatalf("2:01 left gives %v", got)
	}
	ft.advance(time.Second)
	got := check()
	if len(got) != 1 || got[0].Kind != CuePhaseWarning || !strings.Contains(got[0].Message, "Two minutes left in “Clarify”") {
		t.Fatalf("at 2:00 left: %v", got)
	}
	if again := check(); len(again) != 0 {
		t.Fatalf("a cue is given twice: %v", again)
	}
	ft.advance(2 * time.Minute)
	got = check()
	if len(got) != 1 || got[0].Kind != CuePhaseEnded || !strings.Contains(got[0].Message, "Move on to “Design”") {
		t.Fatalf("at the phase's end: %v", got)
	}
	c.NextPhase()
	c.Pause()
	ft.advance(time.Hour) // paused: nothing is due
	if got := check(); len(got) != 0 {
		t.Fatalf("paused clock gives %v", got)
	}
	c.Start()
	ft.advance(25 * time.Minute) // straight past Design's warning and end, and the round's end
	got = check()
	kinds := map[CueKind]bool{}
	for _, cue := range got {
		kinds[cue.Kind] = true
	}
	if !kinds[CuePhaseEnded] || !kinds[CueRoundEnded] || kinds[CuePhaseWarning] {
		t.Fatalf("jumping past the end: %v (a warning after the end is noise)", got)
	}
}

func TestCuesPrimedAfterRestart(t *testing.T) {
	ft := &fakeTime{}
	c := NewClock(testPhases, ft.now)
	c.Start()
	ft.advance(4 * time.Minute) // past the Clarify warning
	r := RestoreClock(testPhases, c.State(), ft.now)
	cues := NewCueTracker(testPhases)
	cues.Prime(r.Status(), r.PhaseTimes())
	ft.advance(time.Minute)
	got := cues.Check(r.Status(), r.PhaseTimes())
	if len(got) != 1 || got[0].Kind != CuePhaseEnded {
		t.Fatalf("after a restart only new cues come: %v", got)
	}
}

func TestFollowUpsArriveAtTheirMinute(t *testing.T) {
	p := Prompt{FollowUps: []FollowUp{
		{Minute: 10, Asker: AskerIC, Question: "Why a queue?"},
		{Minute: 10, Asker: AskerEM, Question: "Who owns it?"},
		{Minute: 25, Asker: AskerVP, Question: "What does it cost?"},
	}}
	var asked []FollowUpAnswer
	if asked = AskFollowUps(p, asked, 9*time.Minute+59*time.Second); len(asked) != 0 {
		t.Fatalf("asked before minute 10: %v", asked)
	}
	asked = AskFollowUps(p, asked, 10*time.Minute)
	if len(asked) != 2 || asked[0].Question != "Why a queue?" || asked[1].Asker != AskerEM || asked[1].AskedAt != 10*time.Minute {
		t.Fatalf("at minute 10: %+v", asked)
	}
	asked = AskFollowUps(p, asked, 40*time.Minute)
	if len(asked) != 3 || asked[2].Index != 2 || asked[2].AskedAt != 40*time.Minute {
		t.Fatalf("late: %+v", asked)
	}
	if asked[0].Answered() {
		t.Error("a new follow-up counts as answered")
	}
}

func TestTemplatesAndComposition(t *testing.T) {
	for _, r := range []RoundType{SystemsDesign, Leadership, OrgDesign} {
		if len(Template(r)) < 5 {
			t.Errorf("%s template has %d sections", r, len(Template(r)))
		}
	}
	if Template(PanelPrep) != nil {
		t.Error("panel-prep prompts have no template")
	}
	s := NewSections(Leadership)
	s[0].Text = "Billing missed two quarters."
	s[2].Text = "  Met the EM weekly.  "
	got := ComposeAnswer(s)
	want := "## Situation\n\nBilling missed two quarters.\n\n## Actions\n\nMet the EM weekly."
	if got != want {
		t.Fatalf("composed %q, want %q", got, want)
	}
	back := SplitAnswer(Leadership, got)
	if back[0].Text != "Billing missed two quarters." || back[2].Text != "Met the EM weekly." || back[1].Text != "" {
		t.Fatalf("split %+v", back)
	}
	free := SplitAnswer(Leadership, "Notes before any heading\n## Results\nShipped in Q3.\n## Not a section\nkept")
	if free[0].Text != "Notes before any heading" || free[3].Text != "Shipped in Q3.\n## Not a section\nkept" {
		t.Fatalf("free text split loses or misplaces words: %+v", free)
	}
}

func TestTeamStats(t *testing.T) {
	teams := []Team{
		{Name: "Dispatch", Type: StreamAligned, EM: "Ana", Engineers: 7},
		{Name: "Tracking", Type: StreamAligned, EM: "Ana", Engineers: 4},
		{Name: "Platform", Type: PlatformTeam, EM: "Ben", Engineers: 3},
		{Name: "Pricing", Type: ComplicatedSubsystem, EM: "Cai", Engineers: 6},
		{Name: "Orphans", Type: EnablingTeam, Engineers: 2},
	}
	st := ComputeTeamStats(teams)
	if st.Engineers != 22 || st.EMs != 3 {
		t.Fatalf("engineers %d, EMs %d", st.Engineers, st.EMs)
	}
	spans := map[string]ManagerSpan{}
	for _, s := range st.Spans {
		spans[s.EM] = s
	}
	if s := spans["Ana"]; s.Reports != 11 || s.Teams != 2 || !strings.Contains(s.Flag, "above 9") {
		t.Errorf("Ana: %+v", s)
	}
	if s := spans["Ben"]; s.Reports != 3 || !strings.Contains(s.Flag, "below 5") {
		t.Errorf("Ben: %+v", s)
	}
	if s := spans["Cai"]; s.Flag != "" {
		t.Errorf("Cai's span of 6 is healthy: %+v", s)
	}
	if spans["(no EM)"].Flag == "" {
		t.Error("a team with no EM is not flagged")
	}
	wantPaths := []int{28, 10, 6, 21, 1} // n(n-1)/2 with the EM counted: 8, 5, 4, 7 people; 2 without one
	for i, p := range st.PathsPerTeam {
		if p != wantPaths[i] {
			t.Errorf("team %d: %d paths, want %d", i, p, wantPaths[i])
		}
	}
	if st.PathsIfOneTeam != Paths(25) || Paths(25) != 300 || Paths(1) != 0 || Paths(0) != 0 {
		t.Errorf("one-team paths %d", st.PathsIfOneTeam)
	}
	var many []Team
	for i := 0; i < 7; i++ {
		many = append(many, Team{Name: "T", EM: string(rune('A' + i)), Engineers: 6})
	}
	if ComputeTeamStats(many).DirectorFlag == "" {
		t.Error("seven EMs under one Director is not flagged")
	}
	if !strings.Contains(FormatTeamTable(teams[:1]), "| Dispatch | stream-aligned | Ana | 7 |") {
		t.Errorf("table: %s", FormatTeamTable(teams[:1]))
	}
}

func TestStructuredDraftAnswer(t *testing.T) {
	d := Draft{Prompt: Prompt{Round: OrgDesign}, Structured: true, Sections: NewSections(OrgDesign),
		Teams: []Team{{Name: "Core", Type: StreamAligned, EM: "Dee", Engineers: 6}}}
	d.Sections[0].Text = "Spans are too wide."
	got := d.FullAnswer()
	if !strings.Contains(got, "## Diagnosis\n\nSpans are too wide.") || !strings.Contains(got, "## Team table\n\n| Team |") {
		t.Fatalf("full answer:\n%s", got)
	}
}

// In the last phase, on budget, "start wrapping up" comes two minutes before the end and "the
// round's time is up" at the end: one cue each, in that order.
func TestCuesLastPhaseWrapUpBeforeRoundEnd(t *testing.T) {
	ft := &fakeTime{}
	c := NewClock(testPhases, ft.now) // Clarify 5, Design 20, Wrap-up 5
	cues := NewCueTracker(testPhases)
	check := func() []Cue { return cues.Check(c.Status(), c.PhaseTimes()) }
	c.Start()
	ft.advance(5 * time.Minute)
	check()
	c.NextPhase()
	ft.advance(20 * time.Minute)
	check()
	c.NextPhase()
	ft.advance(3 * time.Minute) // 2:00 left in the round and in Wrap-up
	got := check()
	if len(got) != 1 || got[0].Kind != CueRoundWarning || !strings.Contains(got[0].Message, "start wrapping up") {
		t.Fatalf("two minutes before the round ends: %v", got)
	}
	ft.advance(2 * time.Minute)
	got = check()
	if len(got) != 1 || got[0].Kind != CueRoundEnded || !strings.Contains(got[0].Message, "The round's time is up") {
		t.Fatalf("at the round's end: %v", got)
	}
	ft.advance(10 * time.Minute)
	if got := check(); len(got) != 0 {
		t.Fatalf("in overtime: %v", got)
	}
}

// When the phases before it overran, the round runs out inside an earlier phase or with the last
// phase's own budget unspent: the round's cues still come, warning first.
func TestCuesRoundRunsOutBeforeLastPhaseBudget(t *testing.T) {
	ft := &fakeTime{}
	c := NewClock(testPhases, ft.now)
	cues := NewCueTracker(testPhases)
	check := func() []Cue { return cues.Check(c.Status(), c.PhaseTimes()) }
	c.Start()
	ft.advance(10 * time.Minute) // Clarify 5 over
	check()
	c.NextPhase()
	ft.advance(17 * time.Minute) // 3 minutes left in the round, 3 in Design
	check()
	ft.advance(time.Minute)
	got := check()
	kinds := map[CueKind]bool{}
	for _, cue := range got {
		kinds[cue.Kind] = true
	}
	if !kinds[CueRoundWarning] || !kinds[CuePhaseWarning] {
		t.Fatalf("2 minutes left in Design and in the round: %v", got)
	}
	c.NextPhase()
	ft.advance(2 * time.Minute) // the round is up; Wrap-up has 3 of its 5 minutes left
	got = check()
	if len(got) != 1 || got[0].Kind != CueRoundEnded {
		t.Fatalf("the round's end with time left in Wrap-up: %v", got)
	}
	ft.advance(3 * time.Minute) // Wrap-up's own budget: the round's end said it already
	if got := check(); len(got) != 0 {
		t.Fatalf("after Wrap-up's budget: %v", got)
	}
}
