package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/panelprep/panelprep/prep"
)

func (h *harness) home() *homeScreen {
	h.t.Helper()
	home, ok := h.ui.current.(*homeScreen)
	if !ok {
		h.t.Fatalf("the current screen is %T, not Practice", h.ui.current)
	}
	return home
}

// The library's filters were reset whenever the user came back to Practice from another screen.
func TestLibraryFiltersKeptWhenComingBackToPractice(t *testing.T) {
	h := newHarness(t)
	home := h.home()
	home.round.SetSelected(prep.Leadership.Label())
	home.level.SetSelected(string(prep.LevelDirector))
	test.Type(home.search, "incident")
	want := len(home.shown)
	h.tap("Progress")
	h.tap("Practice")
	home = h.home()
	if home.round.Selected != prep.Leadership.Label() || home.level.Selected != string(prep.LevelDirector) || home.search.Text != "incident" {
		t.Fatalf("filters after coming back: round %q, level %q, search %q", home.round.Selected, home.level.Selected, home.search.Text)
	}
	if len(home.shown) != want {
		t.Errorf("%d prompts shown after coming back, %d before", len(home.shown), want)
	}
}

// The Company filter offered both "Any" and "Any company"; a prompt for any company now shows
// under every company.
func TestCompanyFilterHasOneAny(t *testing.T) {
	h := newHarness(t)
	home := h.home()
	anys := 0
	for _, o := range home.context.Options {
		if o == anyFilter || o == prep.ContextAny.Label() {
			anys++
		}
	}
	if anys != 1 {
		t.Fatalf("company filter options %q: %d of them mean any", home.context.Options, anys)
	}
	var generic string
	for _, s := range h.ui.lib.Sets() {
		for _, p := range s.Prompts {
			if p.Context == prep.ContextAny {
				generic = p.Title
			}
		}
	}
	if generic == "" {
		t.Skip("no prompt for any company in the bundled sets")
	}
	home.context.SetSelected(prep.ContextFintech.Label())
	if !slices.ContainsFunc(home.shown, func(e libraryEntry) bool { return e.prompt.Title == generic }) {
		t.Errorf("%q (any company) is not listed under Fintech", generic)
	}
}

// With large text the toolbar's one row squeezed the search box to "Sea" and widened the window.
// It now flows onto more rows: the screen fits a narrow window and the search box keeps its width.
func TestPracticeToolbarReflowsWithLargeText(t *testing.T) {
	h := newHarness(t)
	h.app.Preferences().SetFloat(prefTextScale, 1.3)
	h.ui.applyTheme()
	h.tap("Practice")
	home := h.home()
	h.ui.win.Resize(fyne.NewSize(720, 700))
	if w := h.ui.win.Content().MinSize().Width; w > 720 {
		t.Errorf("the Practice screen needs %v wide at larger text: the window would widen past 720", w)
	}
	minSearch := fyne.MeasureText(home.search.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width
	if w := home.search.Size().Width; w < minSearch {
		t.Errorf("the search box is %v wide, want at least %v", w, minSearch)
	}
	inside := func(o fyne.CanvasObject) bool {
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
		return pos.X+o.Size().Width <= 720+0.5
	}
	for _, o := range []fyne.CanvasObject{home.round, home.level, home.context, home.search, home.count} {
		if !inside(o) {
			t.Errorf("%T reaches past the window's right edge", o)
		}
	}
	if h.home().list.Position().Y < 0 {
		t.Error("the list is above the screen")
	}
}

// With a history and nothing due, the Today card took 240 px to say so; it is now one line.
func TestTodayNothingDueIsOneLine(t *testing.T) {
	h := newHarness(t)
	sd := firstPrompt(h, prep.SystemsDesign)
	a := fixedAttempt(sd, h.now().Add(-time.Hour), "x", func(int) int { return 4 }) // due again tomorrow
	if err := h.store.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	// A story bank with nothing due either: one measured, recent story for every competency,
	// told well twice lately.
	st := prep.NewStory(h.now().AddDate(0, 0, -3))
	st.Title, st.Result, st.Year = "Replacing the payments EM", "attrition 18% to 7%", 2025
	for _, c := range h.model {
		st.Competencies = append(st.Competencies, c.ID)
	}
	if err := h.store.SaveStory(st); err != nil {
		t.Fatal(err)
	}
	for d := 2; d >= 1; d-- {
		told := fixedAttempt(firstPrompt(h, prep.Behavioural), h.now().AddDate(0, 0, -d), "x", func(int) int { return 4 })
		told.StoryID = st.ID
		if err := h.store.SaveAttempt(told); err != nil {
			t.Fatal(err)
		}
	}
	h.tap("Progress")
	h.tap("Practice")
	h.settle()
	home := h.home()
	if len(home.due) != 0 {
		t.Fatalf("due: %+v", home.due)
	}
	if !h.hasText("Today: nothing due for review.") {
		t.Fatal("no line saying nothing is due")
	}
	h.ui.win.Resize(fyne.NewSize(1400, 800))
	if got, most := home.today.MinSize().Height, 2*fyne.MeasureText("A", theme.TextSize(), fyne.TextStyle{}).Height+4*theme.Padding(); got > most {
		t.Errorf("the Today line is %v high, want at most %v", got, most)
	}
}

// The divider between the round's panes jumped when the disk-full message appeared (or a team was
// added, or a review opened): Fyne's split moves to fit the wider side. It now stays put, and the
// message wraps inside its pane.
func TestRoundSplitStaysWhenAMessageAppears(t *testing.T) {
	h := newHarness(t)
	h.ui.win.Resize(fyne.NewSize(1100, 760))
	h.startPrompt(h.home().shown[0].prompt.Title)
	r := h.round()
	d := fyne.CurrentApp().Driver()
	before := d.AbsolutePositionForObject(r.status).X
	r.status.SetText("Not saved: writing the draft: no space left on device (the disk is full). Your text is kept here " +
		"and saving is retried every second; free some space on the disk that holds your PanelPrep data.")
	h.ui.win.Content().Refresh()
	if after := d.AbsolutePositionForObject(r.status).X; after != before {
		t.Errorf("the answer pane moved from x=%v to x=%v when the message appeared", before, after)
	}
	if right := d.AbsolutePositionForObject(r.status).X + r.status.Size().Width; right > 1100.5 {
		t.Errorf("the message runs to x=%v, past the window's right edge", right)
	}
}
