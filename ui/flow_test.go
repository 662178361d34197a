package ui

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// fakeClock is a monotonic source the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Duration
}

func (f *fakeClock) now() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeClock) advance(d time.Duration) {
	f.mu.Lock()
	f.t += d
	f.mu.Unlock()
}

// uiQueue stands in for the UI thread's event queue: background results wait in it until the
// test goroutine runs them, as a real driver runs them on its main goroutine.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) push(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

func (q *uiQueue) take() []func() {
	q.mu.Lock()
	defer q.mu.Unlock()
	fns := q.fns
	q.fns = nil
	return fns
}

type harness struct {
	t     testing.TB
	queue uiQueue
	app   fyne.App
	store harnessStore
	// mem is the in-memory store the UI runs on, kept across restarts as a disk would be; nil for
	// a harness on a real Badger store (newBadgerHarness).
	mem   *preptest.MemStore
	dir   string
	sets  []*prep.PracticeSet
	model prep.Competencies
	loops []*prep.LoopShape // the shipped loop shapes
	clock *fakeClock
	wall  time.Time
	ui    *UI
}

// harnessStore is what the tests read and seed the store through: the screens' prep.Store, the
// mentor reviews of attempts, and the launch's question whether there is any history.
type harnessStore interface {
	prep.Store
	preptest.ReviewKeeper
	HasAttempts() (bool, error)
}

// newHarness starts the real UI on the Fyne test driver over an in-memory store that keeps
// prep.Store's contract (preptest.StoreContract runs it against data's Badger store too): the
// screens' tests need a store, not a disk.
func newHarness(t testing.TB) *harness {
	t.Helper()
	h := newUnopenedHarness(t)
	h.mem = preptest.NewMemStore()
	h.open()
	t.Cleanup(h.close)
	return h
}

// newBadgerHarness is newHarness over a real Badger store in a temp directory: for the tests of
// what only a store on disk has (backups, restore, the data check, the passphrase).
func newBadgerHarness(t testing.TB) *harness {
	t.Helper()
	h := newUnopenedHarness(t)
	h.open()
	t.Cleanup(h.close)
	return h
}

// real is the harness's Badger store, for what only a store on disk does; on an in-memory
// harness it says the test needs newBadgerHarness.
func (h *harness) real() (*data.Live, error) {
	s, ok := h.store.(*data.Live)
	if !ok {
		return nil, errors.New("this test runs on the in-memory store: backups, restore and the data check need newBadgerHarness")
	}
	return s, nil
}

// newUnopenedHarness is a harness with its app, folder, clocks and bundled sets, but no store or
// UI yet: for tests that start the UI their own way.
func newUnopenedHarness(t testing.TB) *harness {
	t.Helper()
	h := &harness{t: t, app: sharedApp(t), dir: t.TempDir(), clock: &fakeClock{t: time.Hour},
		wall: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
	// The bank the app reads at launch (assets' test keeps it in step with the set files): decoding
	// it takes milliseconds, parsing the sets' TOML took over a second per harness under -race.
	bank, err := prep.DecodeBank(assets.Bank)
	if err != nil {
		t.Fatal(err)
	}
	h.sets, h.model, h.loops = bank.Sets, bank.Competencies, bank.Loops
	return h
}

func (h *harness) open() {
	if h.mem != nil {
		h.store = h.mem
	} else {
		s, err := data.Open(h.dir)
		if err != nil {
			h.t.Fatal(err)
		}
		h.store = data.NewLive(h.dir, s, nil) // the app's store handle, as cmd wires it
	}
	s := h.store
	history, err := s.HasAttempts() // as the app asks while its store opens
	if err != nil {
		h.t.Fatal(err)
	}
	h.ui = New(h.app, Deps{Store: h.store, Bundled: h.sets, Loops: h.loops, Competencies: h.model, Clock: h.clock.now, Now: h.now, Deliver: h.queue.push,
		DataDir: h.dir, Maintenance: h.maintenance(), ExpectHistory: history})
	h.settle()
}

// settle waits for background work and runs its results on the test goroutine, until none is left.
func (h *harness) settle() {
	for {
		h.ui.bg.wait()
		fns := h.queue.take()
		if len(fns) == 0 {
			return
		}
		for _, fn := range fns {
			fn()
		}
	}
}

func (h *harness) now() time.Time { return h.wall.Add(h.clock.now()) }

// close shuts the UI down the way the app does on quit, and closes the store.
func (h *harness) close() {
	if h.ui == nil {
		return
	}
	h.settle()
	h.ui.Drain()
	h.ui.win.Close()
	if s, err := h.real(); err == nil {
		if err := s.Close(); err != nil {
			h.t.Error(err)
		}
	}
	h.ui = nil
}

// restart simulates quitting and relaunching the app on the same data.
func (h *harness) restart() {
	h.close()
	h.open()
}

// walkObjects visits o and every visible object under it, containers and widgets' renderers
// alike, depth first, until visit returns false.
func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return true
	}
	if !visit(o) {
		return false
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if !walkObjects(c, visit) {
			return false
		}
	}
	return true
}

// findUnder returns the first object under root that matches, or nil.
func findUnder(root fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	var found fyne.CanvasObject
	walkObjects(root, func(o fyne.CanvasObject) bool {
		if match(o) {
			found = o
		}
		return found == nil
	})
	return found
}

// find returns the first object under the window's content that matches.
func (h *harness) find(match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	return findUnder(h.ui.win.Content(), match)
}

func (h *harness) button(text string) *widget.Button {
	h.t.Helper()
	b, _ := h.find(func(o fyne.CanvasObject) bool {
		b, ok := o.(*widget.Button)
		return ok && b.Text == text
	}).(*widget.Button)
	if b == nil {
		h.t.Fatalf("no %q button on screen", text)
	}
	return b
}

// tap taps a button by its label and waits for any disk work it started to reach the screen.
func (h *harness) tap(text string) {
	h.t.Helper()
	test.Tap(h.button(text))
	h.settle()
}

func (h *harness) hasText(sub string) bool {
	return h.find(func(o fyne.CanvasObject) bool {
		switch v := o.(type) {
		case *widget.Label:
			return strings.Contains(v.Text, sub)
		case *widget.RichText:
			// Without the zero-width spaces that lead each word of a paragraph of several runs (byWords).
			return strings.Contains(strings.ReplaceAll(v.String(), zeroWidthSpace, ""), sub)
		case *widget.Card:
			return strings.Contains(v.Title, sub) || strings.Contains(v.Subtitle, sub)
		}
		return false
	}) != nil
}

func (h *harness) round() *roundScreen {
	h.t.Helper()
	r, ok := h.ui.current.(*roundScreen)
	if !ok {
		h.t.Fatalf("current screen is %T, want the round screen", h.ui.current)
	}
	return r
}

// startPrompt selects the prompt with the given title in the library and taps Start round.
func (h *harness) startPrompt(title string) {
	h.t.Helper()
	home, ok := h.ui.current.(*homeScreen)
	if !ok {
		h.t.Fatalf("current screen is %T, want the practice library", h.ui.current)
	}
	for i, e := range home.shown {
		if e.prompt.Title == title {
			home.list.Select(i)
			h.tap("Start round")
			return
		}
	}
	h.t.Fatalf("no prompt %q in the library list", title)
}

// typeAnswer types into the first place an answer goes: the first section, or the free text.
func (h *harness) typeAnswer(text string) {
	h.t.Helper()
	test.Type(h.round().answer.focusTarget(), text)
}

// pickScore taps the radio option for a score on the criterion's radio group.
func pickScore(t testing.TB, g *widget.RadioGroup, score int) {
	t.Helper()
	items := test.WidgetRenderer(g).Objects()
	if len(items) != 4 {
		t.Fatalf("criterion has %d options, want 4", len(items))
	}
	test.Tap(items[score-1].(fyne.Tappable))
}

func firstPrompt(h *harness, round prep.RoundType) prep.Prompt {
	for _, s := range h.sets {
		for _, p := range s.Prompts {
			if p.Round == round {
				return p
			}
		}
	}
	h.t.Fatalf("no %s prompt in the bundled sets", round)
	return prep.Prompt{}
}

func TestLibraryListsAndFilters(t *testing.T) {
	h := newHarness(t)
	home := h.ui.current.(*homeScreen)
	total := h.ui.lib.Count()
	if len(home.shown) != total || !h.hasText(fmt.Sprintf("%d of %d prompts", total, total)) {
		t.Fatalf("library shows %d of %d prompts", len(home.shown), total)
	}
	for _, r := range []prep.RoundType{prep.SystemsDesign, prep.Leadership, prep.OrgDesign} {
		home.round.SetSelected(r.Label())
		if len(home.shown) == 0 {
			t.Errorf("no %s prompts listed", r.Label())
		}
		for _, e := range home.shown {
			if e.prompt.Round != r {
				t.Errorf("filter %s shows a %s prompt", r.Label(), e.prompt.Round)
			}
		}
	}
	home.round.SetSelected(prep.SystemsDesign.Label())
	home.context.SetSelected(prep.ContextFintech.Label())
	home.level.SetSelected(string(prep.LevelDirector))
	for _, e := range home.shown {
		// a prompt for any company belongs under every company
		if (e.prompt.Context != prep.ContextFintech && e.prompt.Context != prep.ContextAny) || e.prompt.Level != prep.LevelDirector {
			t.Errorf("combined filters let through %s", e.prompt.ID)
		}
	}
	home.round.SetSelected(anyFilter)
	home.context.SetSelected(anyFilter)
	home.level.SetSelected(anyFilter)
	test.Type(home.search, "ledger")
	if len(home.shown) == 0 || len(home.shown) == total {
		t.Errorf("searching 'ledger' shows %d of %d prompts", len(home.shown), total)
	}
	home.list.Select(0)
	if h.button("Start round").Disabled() || !h.hasText("How you will be scored") {
		t.Error("selecting a prompt does not show its brief and enable Start round")
	}
	if h.hasText(home.shown[0].prompt.Outline[0]) {
		t.Error("the strong-answer outline is shown before any attempt")
	}
}

// TestMockRoundFlow walks the whole skeleton as a user would: start a round, type, move through
// phases, quit mid-round, resume, finish, score, save, and find the attempt in history.
func TestMockRoundFlow(t *testing.T) {
	h := newHarness(t)
	p := firstPrompt(h, prep.SystemsDesign)
	h.startPrompt(p.Title)

	r := h.round()
	if !h.hasText(p.Title) || !h.hasText("Constraints") {
		t.Error("round screen does not show the prompt")
	}
	if got := r.roundLeft.Text; got != "Round: 60:00 left" {
		t.Errorf("before start: %q", got)
	}
	h.tap("Show a hint")
	if !h.hasText("Hint 1: "+p.Hints[0]) || h.hasText(p.Hints[1]) {
		t.Error("the first hint is not shown on its own")
	}
	h.tap("Start")
	if !r.answer.draft.Structured || len(r.answer.sections) != 8 {
		t.Fatalf("a systems design round starts in the template's 8 sections (structured %v, %d sections)",
			r.answer.draft.Structured, len(r.answer.sections))
	}
	test.Type(r.answer.sections[0].entry, "Clarify: 2,500 auth/s peak.")
	h.clock.advance(9 * time.Minute)
	r.refresh()
	if got := r.phaseLeft.Text; got != "This phase: 1:00 over" {
		t.Errorf("a phase past its budget shows overtime: got %q", got)
	}
	h.tap("Next phase")
	test.Type(r.answer.sections[4].entry, "Ledger is append-only.")
	h.clock.advance(2 * time.Minute)
	r.refresh()
	if got := r.phaseName.Text; !strings.HasPrefix(got, "Phase 2 of 5: High-level design") {
		t.Errorf("phase label %q", got)
	}
	if got := r.roundLeft.Text; got != "Round: 49:00 left" {
		t.Errorf("round clock %q", got)
	}
	if err := r.saver.Flush(); err != nil {
		t.Fatal(err)
	}
	r.refresh()
	if r.status.Text != "All changes saved" {
		t.Errorf("status %q", r.status.Text)
	}
	drafts, err := h.store.Drafts()
	if err != nil || len(drafts) != 1 || drafts[0].Sections[0].Text != "Clarify: 2,500 auth/s peak." ||
		drafts[0].Sections[4].Text != "Ledger is append-only." {
		t.Fatalf("store holds %+v (%v); want the typed draft", drafts, err)
	}

	// Quit mid-round and relaunch: the app offers the draft, and resuming restores text and clock.
	h.restart()
	if !h.hasText("Unfinished round: " + p.Title) {
		t.Fatal("relaunch does not offer to resume the draft")
	}
	h.clock.advance(3 * time.Hour) // time while the app was closed is not counted
	h.tap("Resume")
	r = h.round()
	if r.answer.sections[0].Text() != "Clarify: 2,500 auth/s peak." || r.answer.sections[4].Text() != "Ledger is append-only." {
		t.Errorf("resumed text %q / %q", r.answer.sections[0].Text(), r.answer.sections[4].Text())
	}
	if got := r.roundLeft.Text; got != "Round: 49:00 left" {
		t.Errorf("resumed clock %q, want the elapsed time before the restart", got)
	}
	h.tap("Resume") // a resumed round waits, paused, for the candidate
	h.clock.advance(30 * time.Second)
	h.finishRound()

	s, ok := h.ui.current.(*scoreScreen)
	if !ok {
		t.Fatalf("after finish the screen is %T", h.ui.current)
	}
	if !s.save.Disabled() {
		t.Error("save is enabled before every criterion is scored")
	}
	if !h.hasText(p.Rubric[0].Name) {
		t.Error("score screen does not show the rubric")
	}
	for i := range s.choices {
		pickScore(t, s.choices[i], 1+i%4)
	}
	test.Type(s.reflection, "Spent too long clarifying.")
	if s.save.Disabled() {
		t.Fatal("save stays disabled with every criterion scored")
	}
	h.tap("Save attempt")

	const composed = "## Requirements and scale\n\nClarify: 2,500 auth/s peak.\n\n## Architecture\n\nLedger is append-only."
	list, err := h.store.Attempts()
	if err != nil || len(list) != 1 {
		t.Fatalf("store holds %d attempts (%v), want 1", len(list), err)
	}
	a, err := h.store.Attempt(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Answer != composed || a.Reflection != "Spent too long clarifying." || len(a.Sections) != 8 {
		t.Errorf("stored attempt %+v", a)
	}
	if a.PhaseTimes[0].Used != 9*time.Minute || a.PhaseTimes[1].Used != 2*time.Minute+30*time.Second {
		t.Errorf("phase times %+v", a.PhaseTimes)
	}
	for i, sc := range a.Scores {
		if sc.Value != 1+i%4 || sc.Criterion != p.Rubric[i].Name {
			t.Errorf("score %d: %+v", i, sc)
		}
	}
	if d, _ := h.store.Drafts(); len(d) != 0 {
		t.Errorf("the draft outlived its attempt: %+v", d)
	}
	if _, ok := h.ui.current.(*attemptScreen); !ok || !h.hasText("Spent too long clarifying.") || !h.hasText("Deep dive on the riskiest part: 0:00 of 15:00") {
		t.Errorf("after saving, the attempt is not shown (screen %T)", h.ui.current)
	}
	if !h.hasText("What a strong answer covers") {
		t.Error("the strong-answer outline is not shown after the attempt")
	}

	// A second attempt at the same prompt is kept beside the first, and history lists both.
	h.tap("Practice")
	h.startPrompt(p.Title)
	h.tap("Start")
	h.typeAnswer("Second go.")
	h.clock.advance(20 * time.Minute)
	h.finishRound()
	s = h.ui.current.(*scoreScreen)
	for i := range s.choices {
		pickScore(t, s.choices[i], 4)
	}
	h.tap("Save attempt")
	h.tap("History")
	hs := h.ui.current.(*historyScreen)
	if len(hs.attempts) != 2 || !h.hasText("2 attempts, newest first") {
		t.Fatalf("history lists %d attempts, want 2", len(hs.attempts))
	}
	if hs.attempts[0].Average != 4 {
		t.Errorf("newest first: top entry averages %.1f, want the second attempt's 4.0", hs.attempts[0].Average)
	}
	hs.list.Select(1)
	h.settle()
	if !h.hasText("Clarify: 2,500 auth/s peak.") || !h.hasText("Ledger is append-only.") {
		t.Error("opening the older attempt does not show its answer")
	}
}

func TestResumeAtScoringStage(t *testing.T) {
	h := newHarness(t)
	p := firstPrompt(h, prep.Leadership)
	h.startPrompt(p.Title)
	h.tap("Start")
	h.typeAnswer("Situation: Billing missed two quarters.")
	h.finishRound()
	s := h.ui.current.(*scoreScreen)
	pickScore(t, s.choices[0], 3)
	test.Type(s.reflection, "Half done")
	h.restart()
	h.tap("Resume")
	s, ok := h.ui.current.(*scoreScreen)
	if !ok {
		t.Fatalf("resuming a finished round opens %T, want the score screen", h.ui.current)
	}
	if s.choices[0].Selected == "" || s.reflection.Text() != "Half done" {
		t.Errorf("scores or reflection lost: %q %q", s.choices[0].Selected, s.reflection.Text())
	}
}

func TestDiscardDraft(t *testing.T) {
	h := newHarness(t)
	p := firstPrompt(h, prep.OrgDesign)
	h.startPrompt(p.Title)
	h.typeAnswer("notes")
	h.tap("Practice")
	h.ui.Drain() // let the round's saver finish its last write
	h.restart()
	h.tap("Discard")
	h.tapDialogButton("Discard")
	if h.hasText("Unfinished round") {
		t.Error("the discarded draft is still offered")
	}
	if d, _ := h.store.Drafts(); len(d) != 0 {
		t.Errorf("store still holds %d drafts", len(d))
	}
}
