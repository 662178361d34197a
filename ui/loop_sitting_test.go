package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// The default loop's behavioural round asks three questions in one sitting, each about competencies
// the others do not ask about, back to back: no break screen between them, the same lead, and the
// summary lists each question and bands the sitting as one round.
func TestMockLoopBehaviouralSitting(t *testing.T) {
	h := newHarness(t)
	h.tap("Mock loop")
	ls := h.ui.current.(*loopScreen)
	seen := map[string]bool{}
	for i := 2; i < 5; i++ {
		p, ok := h.ui.promptByID(ls.slots[i].SetID, ls.slots[i].PromptID)
		if !ok || p.Round != prep.Behavioural {
			t.Fatalf("slot %d holds %+v, want a behavioural prompt", i, p)
		}
		comps := prep.PromptCompetencies(p)
		if len(comps) == 0 {
			t.Fatalf("%s names no competency", p.ID)
		}
		for c := range comps {
			if seen[c] {
				t.Errorf("question %d (%s) asks about %s again", i-1, p.ID, c)
			}
			seen[c] = true
		}
	}
	if want := "3 questions back to back in 45 minutes, led by the Engineering Manager, then a 10-minute break"; !h.hasText(want) {
		t.Errorf("the behavioural round's card does not say %q", want)
	}
	// Behavioural first, then leadership: systems design and org design dropped.
	test.Tap(ls.remove[0]) // systems design out
	h.settle()
	test.Tap(ls.moveUp[1]) // behavioural before leadership
	h.settle()
	test.Tap(ls.remove[2]) // org design out
	h.settle()
	if got := prep.Plans(ls.slots); len(got) != 4 || got[0].Round != prep.Behavioural || got[3].Round != prep.Leadership {
		t.Fatalf("plan after the changes: %+v", got)
	}
	titles := make([]string, 3)
	for i := range titles {
		p, _ := h.ui.promptByID(ls.slots[i].SetID, ls.slots[i].PromptID)
		titles[i] = p.Title
	}
	h.tap("Start the loop")

	for q := 1; q <= 3; q++ {
		r := h.round()
		want := "Mock loop · round 1 of 2 · question " + string(rune('0'+q)) + " of 3 · led by the Engineering Manager"
		if !strings.Contains(r.heading.Text, want) {
			t.Fatalf("question %d heading %q, want %q", q, r.heading.Text, want)
		}
		if r.draft.Prompt.Title != titles[q-1] {
			t.Errorf("question %d is %q, want %q", q, r.draft.Prompt.Title, titles[q-1])
		}
		h.tap("Start")
		h.typeAnswer("Answer to question " + string(rune('0'+q)) + ".")
		h.clock.advance(12 * time.Minute)
		h.scoreAndSave([]int{4, 4, 1}[q-1])
		if q < 3 {
			if _, ok := h.ui.current.(*roundScreen); !ok {
				t.Fatalf("after question %d: %T, want the next question straight away", q, h.ui.current)
			}
			if l, _ := h.store.ActiveLoop(); l == nil || !l.BreakUntil.IsZero() {
				t.Errorf("after question %d the saved loop has a break: %+v", q, l)
			}
		}
	}
	if _, ok := h.ui.current.(*breakScreen); !ok || !h.hasText("Round 2 of 2 is next: Leadership scenario") {
		t.Fatalf("after the sitting: %T, want the break before leadership", h.ui.current)
	}
	h.tap("Start the next round")
	if r := h.round(); !strings.Contains(r.heading.Text, "round 2 of 2 · led by the Engineering Manager") {
		t.Errorf("leadership heading %q", r.heading.Text)
	}
	h.tap("Start")
	h.typeAnswer("Leadership answer.")
	h.clock.advance(40 * time.Minute)
	h.scoreAndSave(3)
	if _, ok := h.ui.current.(*loopSummaryScreen); !ok {
		t.Fatalf("after the last round: %T", h.ui.current)
	}
	// The sitting is one round for the band: its weak third question does not cap it at Lean hire.
	if !h.hasText("Overall: Hire (") {
		t.Error("the summary's band takes the sitting's weak question as a weak round")
	}
	for q, title := range titles {
		want := "Round 1, Behavioural, question " + string(rune('1'+q)) + ": " + title
		if !h.hasText(want) {
			t.Errorf("the summary does not list %q", want)
		}
	}
	if !h.hasText("Round 2, Leadership scenario: ") {
		t.Error("the summary does not list the leadership round as round 2")
	}
}

// The planner moves and drops rounds from the keyboard alone, and never drops the last one.
func TestLoopPlannerReordersFromTheKeyboard(t *testing.T) {
	h := newHarness(t)
	h.tap("Mock loop")
	ls := h.ui.current.(*loopScreen)
	c := h.ui.win.Canvas()
	press := func(b fyne.Focusable) {
		t.Helper()
		for range 300 {
			if c.Focused() == b {
				c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
				h.settle()
				return
			}
			c.FocusNext()
		}
		t.Fatalf("Tab never reaches the button")
	}
	rounds := func() []prep.RoundType {
		var out []prep.RoundType
		for _, st := range prep.Sittings(prep.Plans(ls.slots)) {
			out = append(out, ls.slots[st.Start].Plan.Round)
		}
		return out
	}
	press(ls.moveDown[0]) // systems design after leadership
	if got := rounds(); len(got) != 4 || got[0] != prep.Leadership || got[1] != prep.SystemsDesign {
		t.Fatalf("after moving systems design down: %v", got)
	}
	// The focus stays with the round moved: Space again moves it on.
	if c.Focused() != ls.moveDown[1] {
		t.Fatalf("after the move the focus is on %v, want the moved round's Move down", c.Focused())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	h.settle()
	if got := rounds(); got[2] != prep.SystemsDesign {
		t.Fatalf("after moving systems design down again: %v", got)
	}
	press(ls.moveUp[2])
	if got := rounds(); got[1] != prep.SystemsDesign || c.Focused() != ls.moveUp[1] {
		t.Fatalf("after moving it back up: %v, focus %v", got, c.Focused())
	}
	if !h.hasText("Round 2: Systems design") {
		t.Error("the cards were not redrawn in the new order")
	}
	for len(ls.remove) > 1 {
		press(ls.remove[0])
	}
	if got := rounds(); len(got) != 1 || got[0] != prep.OrgDesign {
		t.Fatalf("after removing all but one: %v", got)
	}
	if !ls.remove[0].Disabled() || !ls.moveUp[0].Disabled() || !ls.moveDown[0].Disabled() {
		t.Error("the last round can still be removed or moved")
	}
	if ls.slots[0].Plan.BreakMinutes != 0 || h.hasText("then a 10-minute break") {
		t.Error("the only round has a break after it")
	}
	h.tap("Start the loop")
	if r := h.round(); !strings.Contains(r.heading.Text, "round 1 of 1") {
		t.Errorf("heading %q", r.heading.Text)
	}
}

// A loop saved before sittings (every slot a round of its own, no follows_on) still loads and
// resumes: the round count, the heading and the break are as they were.
func TestLoopSavedBeforeSittingsResumes(t *testing.T) {
	h := newHarness(t)
	old := []prep.LoopRound{
		{Round: prep.SystemsDesign, Minutes: 60, BreakMinutes: 10, Lead: prep.AskerIC},
		{Round: prep.Leadership, Minutes: 45, BreakMinutes: 10, Lead: prep.AskerEM},
		{Round: prep.OrgDesign, Minutes: 45, Lead: prep.AskerVP},
	}
	l := prep.Loop{ID: uuid.New(), StartedAt: h.now()}
	for i, r := range old {
		set, p, ok := prep.PickPrompt(h.ui.lib, r, nil, nil, 0)
		if !ok {
			t.Fatalf("no %s prompt", r.Round)
		}
		l.Slots = append(l.Slots, prep.LoopSlot{Plan: r, SetID: set.ID, PromptID: p.ID})
		if i == 0 {
			l.Slots[0].AttemptID = uuid.New()
		}
	}
	if err := h.store.SaveLoop(l); err != nil {
		t.Fatal(err)
	}
	h.restart()
	h.tap("Mock loop")
	if !h.hasText("A mock loop is under way: 1 of 3 rounds done.") {
		t.Fatal("the old loop is not offered")
	}
	h.tap("Continue the loop")
	if r := h.round(); !strings.Contains(r.heading.Text, "Mock loop · round 2 of 3 · led by the Engineering Manager") {
		t.Fatalf("heading %q", r.heading.Text)
	}
	h.tap("Start")
	h.typeAnswer("Resumed.")
	h.clock.advance(30 * time.Minute)
	h.scoreAndSave(3)
	if _, ok := h.ui.current.(*breakScreen); !ok || !h.hasText("Round 3 of 3 is next: Hiring and org design") {
		t.Fatalf("after round 2: %T, want the break", h.ui.current)
	}
}
