package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/panelprep/panelprep/prep"
)

const citeAnswer = "I met the EM weekly. Incidents fell from six a month to two."

// shiftKeys presses keys with Shift held on the focused widget, as the desktop window delivers
// them: Shift's own key down first (an Entry selects only while it knows Shift is held), then each
// key as a typed key (Shift alone makes no shortcut), then Shift up.
func (h *harness) shiftKeys(keys ...fyne.KeyName) {
	h.t.Helper()
	f := h.ui.win.Canvas().Focused()
	k, ok := f.(desktop.Keyable)
	if !ok {
		h.t.Fatalf("the focused %T takes no key down", f)
	}
	k.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	for _, key := range keys {
		h.press(key, fyne.KeyModifierShift)
	}
	k.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	h.settle()
}

func repeatKey(k fyne.KeyName, n int) []fyne.KeyName {
	out := make([]fyne.KeyName, n)
	for i := range out {
		out[i] = k
	}
	return out
}

// selectFromEnd puts the cursor in the score screen's answer, moves it to the end of the text,
// back skip characters, then selects n characters before it with Shift+Left, and returns what
// that selection holds.
func (h *harness) selectFromEnd(s *scoreScreen, skip, n int) string {
	h.t.Helper()
	h.ui.win.Canvas().Focus(s.answer)
	h.press(fyne.KeyPageDown, 0)
	for range skip {
		h.press(fyne.KeyLeft, 0)
	}
	h.shiftKeys(repeatKey(fyne.KeyLeft, n)...)
	r := []rune(s.answer.Text)
	return string(r[len(r)-skip-n : len(r)-skip])
}

func (h *harness) scoreScreen() *scoreScreen {
	h.t.Helper()
	s, ok := h.ui.current.(*scoreScreen)
	if !ok {
		h.t.Fatalf("the screen is %T, want the score screen", h.ui.current)
	}
	return s
}

// A passage is selected with Shift+arrow keys in the answer and cited with Ctrl+1 while the cursor
// is still there; another is cited with a criterion's button. Both are kept in the draft across
// going back to the round and a restart, saved with the attempt, and shown on the attempt screen.
func TestScoreCitesASelectedPassage(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	h.typeAnswer(citeAnswer)
	h.finishRound()
	s := h.scoreScreen()
	if s.answer == nil || !strings.Contains(s.answer.Text, citeAnswer) {
		t.Fatalf("the score screen's answer is %v", s.answer)
	}
	if !s.evidence[0].cite.Disabled() {
		t.Error("a criterion not scored yet can already cite a passage; the citation would have no score to be kept in")
	}
	pickScore(t, s.choices[0], 3)
	h.settle()
	if s.evidence[0].cite.Disabled() || !s.evidence[1].cite.Disabled() {
		t.Fatal("scoring the first criterion did not let it, and it alone, cite")
	}

	// "a month to" from "…six a month to two.": mid-sentence, not a sentence of its own.
	want := h.selectFromEnd(s, len(" two."), len("a month to"))
	if want != "a month to" || s.answer.SelectedText() != want {
		t.Fatalf("Shift+Left selected %q, want %q", s.answer.SelectedText(), want)
	}
	if !h.hasText("Selected, 3 words: “a month to”") {
		t.Error("the line under the answer does not say what is selected")
	}
	h.press(fyne.Key1, fyne.KeyModifierShortcutDefault)
	if got := s.draft.Scores[0].Evidence; got != want {
		t.Fatalf("after Ctrl+1 the first score cites %q, want %q", got, want)
	}
	if !h.hasText("“a month to”") || !h.hasText("Cited for 1. ") {
		t.Error("the citation is not quoted under the criterion, or not confirmed under the answer")
	}

	// Back to the round and a restart: the citation is in the stored draft.
	h.tap("Back to the round")
	h.restart()
	ds, err := h.store.Drafts()
	if err != nil || len(ds) != 1 || len(ds[0].Scores) != 1 || ds[0].Scores[0].Evidence != want {
		t.Fatalf("stored draft %+v, %v", ds, err)
	}
	h.tap("Resume")
	h.finishRound()
	s = h.scoreScreen()
	if got := s.evidence[0].passage; got != want || !h.hasText("“a month to”") {
		t.Fatalf("back on the score screen the citation is %q", got)
	}
	for i := range s.choices {
		pickScore(t, s.choices[i], 2)
	}
	h.settle()
	// The whole last sentence, by keys, cited with the second criterion's button.
	sentence := h.selectFromEnd(s, 0, len("Incidents fell from six a month to two."))
	test.Tap(s.evidence[1].cite)
	h.settle()
	h.tap("Save attempt")

	list, err := h.store.Attempts()
	if err != nil || len(list) != 1 {
		t.Fatalf("%d attempts, %v", len(list), err)
	}
	a, err := h.store.Attempt(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Scores[0].Evidence != want || a.Scores[1].Evidence != sentence || a.Scores[2].Evidence != "" {
		t.Fatalf("stored scores %+v", a.Scores)
	}
	if _, ok := h.ui.current.(*attemptScreen); !ok {
		t.Fatalf("after saving: %T", h.ui.current)
	}
	for _, w := range []string{"Your evidence: “a month to”", "Your evidence: “" + sentence + "”"} {
		if !h.hasText(w) {
			t.Errorf("the attempt screen does not show %q", w)
		}
	}
	// Reopened from History, after a restart: the same.
	h.restart()
	h.ui.showAttempt(a.ID)
	h.settle()
	if !h.hasText("Your evidence: “a month to”") {
		t.Error("the reopened attempt does not show the citation")
	}
}

// The answer on the score screen cannot be changed: typed letters, editing keys, paste, cut, undo
// and deleting a word leave it as written, while moving, selecting and copying work.
func TestScoreAnswerIsReadOnlyButSelectable(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	h.typeAnswer(citeAnswer)
	h.finishRound()
	s := h.scoreScreen()
	before := s.answer.Text
	c := h.ui.win.Canvas()
	c.Focus(s.answer)
	ctrl := fyne.KeyModifierShortcutDefault
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent("PASTED")
	test.Type(s.answer, "xyz")
	for _, k := range []fyne.KeyName{fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyReturn, fyne.KeyEnter, fyne.KeyTab} {
		h.press(k, 0)
	}
	h.press(fyne.KeyV, ctrl)
	h.press(fyne.KeyBackspace, ctrl)
	h.press(fyne.KeyDelete, ctrl)
	h.ui.win.Canvas().Focus(s.answer)
	h.shiftKeys(fyne.KeyRight, fyne.KeyRight, fyne.KeyRight)
	h.press(fyne.KeyX, ctrl)
	h.press(fyne.KeyBackspace, 0)
	test.Type(s.answer, "q")
	h.press(fyne.KeyZ, ctrl)
	if s.answer.Text != before {
		t.Fatalf("the answer changed on the score screen:\n%q\nwas\n%q", s.answer.Text, before)
	}
	if s.draft.FullAnswer() != before {
		t.Fatal("the draft's answer changed")
	}
	// Select everything and copy: the clipboard gets the answer as written.
	h.press(fyne.KeyA, ctrl)
	h.press(fyne.KeyC, ctrl)
	if got := clip.Content(); got != before {
		t.Fatalf("Ctrl+A, Ctrl+C copied %q", got)
	}
	// A word at a time: Ctrl+Shift+Left selects the last word (with its full stop).
	h.press(fyne.KeyPageDown, 0)
	h.press(fyne.KeyLeft, ctrl|fyne.KeyModifierShift)
	if got := s.answer.SelectedText(); got != "two." {
		t.Fatalf("Ctrl+Shift+Left selected %q", got)
	}
	// Tab leaves the answer for the next field rather than being typed into it.
	if s.answer.AcceptsTab() {
		t.Error("the answer keeps Tab")
	}
}

// What cannot be cited is said under the answer and changes nothing: nothing selected, a criterion
// not scored, a selection over the length limit. Clear removes a citation.
func TestCiteRefusesAndClears(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	long := strings.TrimSpace(strings.Repeat("We hired two managers and moved the platform team under infrastructure. ", 20))
	h.typeAnswer(long)
	h.finishRound()
	s := h.scoreScreen()

	h.press(fyne.Key2, fyne.KeyModifierShortcutDefault)
	if !h.hasText("Score 2. " + s.draft.Prompt.Rubric[1].Name + " first") {
		t.Error("citing for a criterion not scored says nothing")
	}
	pickScore(t, s.choices[0], 4)
	h.settle()
	test.Tap(s.evidence[0].cite)
	h.settle()
	if !h.hasText("Nothing is selected in your answer") || s.draft.Scores[0].Evidence != "" {
		t.Errorf("citing with nothing selected: evidence %q", s.draft.Scores[0].Evidence)
	}
	// Everything: over 1,000 characters, refused.
	h.ui.win.Canvas().Focus(s.answer)
	h.press(fyne.KeyA, fyne.KeyModifierShortcutDefault)
	h.press(fyne.Key1, fyne.KeyModifierShortcutDefault)
	if !h.hasText("a passage may be at most 1000") || !h.hasText("Nothing was cited") || s.draft.Scores[0].Evidence != "" {
		t.Errorf("an overlong selection: evidence %q", s.draft.Scores[0].Evidence)
	}
	// A word, cited, then cleared.
	h.press(fyne.KeyPageDown, 0)
	h.press(fyne.KeyLeft, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	h.press(fyne.Key1, fyne.KeyModifierShortcutDefault)
	if s.draft.Scores[0].Evidence != "infrastructure." {
		t.Fatalf("evidence %q", s.draft.Scores[0].Evidence)
	}
	if s.evidence[0].clear.Disabled() {
		t.Fatal("Clear is disabled with a passage cited")
	}
	test.Tap(s.evidence[0].clear)
	h.settle()
	if s.draft.Scores[0].Evidence != "" || h.hasText("“infrastructure.”") {
		t.Fatalf("after Clear the score cites %q", s.draft.Scores[0].Evidence)
	}
	h.restart() // the draft saver writes on its own schedule; closing the window flushes it
	ds, err := h.store.Drafts()
	if err != nil || len(ds) != 1 || ds[0].Scores[0].Evidence != "" {
		t.Fatalf("the stored draft kept the cleared citation: %+v, %v", ds, err)
	}
}

// A citation whose passage has left the answer (edited after citing, back in the round) is
// dropped, with a word saying so, and the attempt saves.
func TestCitationOfAnEditedAnswerIsDropped(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	h.typeAnswer(citeAnswer)
	h.finishRound()
	s := h.scoreScreen()
	for i := range s.choices {
		pickScore(t, s.choices[i], 3)
	}
	h.settle()
	h.selectFromEnd(s, 0, len("two."))
	h.press(fyne.Key1, fyne.KeyModifierShortcutDefault)
	if s.draft.Scores[0].Evidence != "two." {
		t.Fatalf("evidence %q", s.draft.Scores[0].Evidence)
	}
	h.tap("Back to the round")
	r := h.round()
	e := r.answer.focusTarget()
	h.ui.win.Canvas().Focus(e)
	for range len("two.") {
		h.press(fyne.KeyBackspace, 0)
	}
	test.Type(e, "three.")
	h.finishRound()
	s = h.scoreScreen()
	if s.evidence[0].passage != "" || !h.hasText("no longer in your answer") {
		t.Fatalf("the stale citation %q is kept", s.evidence[0].passage)
	}
	h.tap("Save attempt")
	if _, ok := h.ui.current.(*attemptScreen); !ok {
		t.Fatalf("saving with a dropped citation: %T", h.ui.current)
	}
}

// The shortcuts are listed by the help overlay, one per criterion, and gone once the screen is.
func TestCiteShortcutsListedAndUnbound(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	h.typeAnswer(citeAnswer)
	h.finishRound()
	s := h.scoreScreen()
	list := s.shortcuts()
	if len(list) != len(s.draft.Prompt.Rubric) || list[0].keys() != "Ctrl+1" || !strings.Contains(list[0].label, s.draft.Prompt.Rubric[0].Name) {
		t.Fatalf("shortcuts %+v for %d criteria", list, len(s.draft.Prompt.Rubric))
	}
	for i, c := range s.draft.Prompt.Rubric {
		if b := s.evidence[i].cite; !strings.Contains(b.Text, list[i].keys()) {
			t.Errorf("criterion %d (%s): its button %q does not name its key", i+1, c.Name, b.Text)
		}
	}
	h.tap("Back to the round")
	if routeShortcut(h.round().answer.focusTarget(), list[0].fyneShortcut()) {
		t.Error("Ctrl+1 still cites after leaving the score screen")
	}
}

// A 2,000-word answer lays out and selects with the keyboard without a stall: each Shift+Down is
// a re-layout of the selection only.
func TestLongAnswerSelectsQuickly(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	long := longAnswer(2000)
	r := h.round()
	r.answer.focusTarget().SetText(long)
	h.settle()
	start := time.Now()
	h.finishRound()
	opened := time.Since(start)
	s := h.scoreScreen()
	h.ui.win.Canvas().Focus(s.answer)
	h.press(fyne.KeyPageUp, 0)
	start = time.Now()
	h.shiftKeys(repeatKey(fyne.KeyDown, 5)...)
	perKey := time.Since(start) / 5
	t.Logf("%d words: score screen opened in %v, Shift+Down %v a key", len(strings.Fields(long)), opened.Round(time.Millisecond), perKey.Round(time.Microsecond))
	sel := s.answer.SelectedText()
	if !strings.HasPrefix(sel, "## ") || len(sel) < 40 {
		t.Fatalf("five Shift+Down from the top selected %q", sel)
	}
	if perKey > 250*time.Millisecond {
		t.Errorf("Shift+Down takes %v a key in a 2,000-word answer", perKey)
	}
}

// longAnswer is an answer of about words words, in paragraphs of about a hundred, as a long
// answer is written.
func longAnswer(words int) string {
	sentence := "We moved the platform team under infrastructure, hired two managers, and halved the incident rate within two quarters."
	per := len(strings.Fields(sentence))
	var paras []string
	for n := 0; n < words; n += 100 {
		paras = append(paras, strings.TrimSpace(strings.Repeat(sentence+" ", 100/per+1)))
	}
	return strings.Join(paras, "\n\n")
}

// The mentor's review shows the passage the candidate cited beside the candidate's own score.
func TestReviewShowsTheCandidatesEvidence(t *testing.T) {
	h := newHarness(t)
	ld := firstPrompt(h, prep.Leadership)
	a := fixedAttempt(ld, h.now().Add(-time.Hour), "I met Priya weekly. Incidents fell to two.", func(int) int { return 3 })
	a.Scores[0].Evidence = "weekly. Incidents fell"
	r, _ := h.openReview(a)
	r.list.Select(0)
	h.settle()
	if !h.hasText("The candidate's evidence for their 3: “weekly. Incidents fell”") {
		t.Fatal("the review does not show the candidate's evidence")
	}
}

// With nothing written there is nothing to select: citing says so.
func TestCiteWithNothingWritten(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	h.finishRound()
	s := h.scoreScreen()
	if s.answer != nil || !h.hasText("(nothing written)") {
		t.Fatal("an empty answer is shown as selectable text")
	}
	pickScore(t, s.choices[0], 2)
	h.settle()
	h.press(fyne.Key1, fyne.KeyModifierShortcutDefault)
	if !h.hasText("Your answer has no text to cite a passage from") || s.draft.Scores[0].Evidence != "" {
		t.Fatalf("citing from an empty answer: %q", s.draft.Scores[0].Evidence)
	}
}

// The answer's right-click menu offers copying, not the Entry's Cut, Paste, Undo and Redo.
func TestScoreAnswerMenuOnlyCopies(t *testing.T) {
	h, _, _ := startRound(t, prep.Leadership)
	h.tap("Start")
	h.typeAnswer(citeAnswer)
	h.finishRound()
	s := h.scoreScreen()
	test.TapSecondary(s.answer)
	top := h.ui.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no menu on a right click")
	}
	var items []string
	walkObjects(top, func(o fyne.CanvasObject) bool {
		if txt, ok := o.(*canvas.Text); ok && txt.Text != "" {
			items = append(items, txt.Text)
		}
		return true
	})
	if strings.Join(items, ",") != "Copy,Select all" {
		t.Fatalf("the menu offers %q", items)
	}
}
