package ui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"
	"gonum.org/v1/plot/vg"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
	"github.com/panelprep/panelprep/prep/preptest"
)

// seedAttempts stores n seeded attempts finishing over the 30 days before the harness's clock.
func (h *harness) seedAttempts(n int) []prep.Attempt {
	h.t.Helper()
	attempts := preptest.Attempts(h.ui.lib, n, h.now().AddDate(0, 0, -30), 29*24*time.Hour, 7)
	for _, a := range attempts {
		if err := h.store.SaveAttempt(a); err != nil {
			h.t.Fatal(err)
		}
	}
	return attempts
}

// fixedAttempt is an attempt with chosen scores, for tests that need exact figures.
func fixedAttempt(p prep.Prompt, at time.Time, answer string, score func(i int) int) prep.Attempt {
	a := prep.Attempt{ID: uuid.New(), SetID: "s", SetVersion: 1, Prompt: p, Answer: answer, FinishedAt: at,
		StartedAt: at.Add(-time.Hour), Reflection: "Reflection for " + at.Format("2 Jan")}
	for i, c := range p.Rubric {
		a.Scores = append(a.Scores, prep.Score{Criterion: c.Name, Value: score(i)})
	}
	for _, ph := range p.Phases {
		a.PhaseTimes = append(a.PhaseTimes, prep.PhaseTime{Name: ph.Name, Budget: time.Duration(ph.Minutes) * time.Minute,
			Used: time.Duration(ph.Minutes)*time.Minute + 30*time.Second})
	}
	return a
}

func TestProgressScreenGolden(t *testing.T) {
	h := newHarness(t)
	sd, ld := firstPrompt(h, prep.SystemsDesign), firstPrompt(h, prep.Leadership)
	for i, a := range []prep.Attempt{
		fixedAttempt(sd, h.now().AddDate(0, 0, -15), "one", func(i int) int { return 1 + i%2 }),
		fixedAttempt(ld, h.now().AddDate(0, 0, -8), "two", func(i int) int { return 2 }),
		fixedAttempt(sd, h.now().AddDate(0, 0, -1), "three", func(i int) int { return 3 + i%2 }),
	} {
		a.ID = uuid.MustParse("00000000-0000-4000-8000-00000000000" + string(rune('1'+i)))
		if err := h.store.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	h.tap("Progress")
	if !h.hasText("3 attempts. Current streak: 1 day. Longest: 1 day. Days practised: 3.") {
		t.Error("the streak line is missing")
	}
	if !h.hasText("Systems design: 1.4 in the week of 2 Nov 2026, 3.4 in the week of 16 Nov 2026 (up 2.0 over 2 weeks with practice).") {
		t.Error("the weekly summary is missing or wrong")
	}
	h.ui.win.Resize(fyne.NewSize(900, 1400))
	test.AssertRendersToMarkup(t, "progress.xml", h.ui.win.Canvas())
}

// The Today list suggests the competency a weak criterion counts towards, named as the model names
// it, and Practise opens a prompt that scores that competency.
func TestTodayListSuggestsWeakCompetencies(t *testing.T) {
	h := newHarness(t)
	sd := firstPrompt(h, prep.SystemsDesign)
	// Every criterion of the weak competency is scored 1, every other 4.
	weak := sd.Rubric[len(sd.Rubric)-1].Competency
	if weak == "" {
		t.Fatalf("the first systems-design prompt names no competency for %q", sd.Rubric[len(sd.Rubric)-1].Name)
	}
	for d := 5; d >= 3; d-- {
		a := fixedAttempt(sd, h.now().AddDate(0, 0, -d), "x", func(i int) int {
			if sd.Rubric[i].Competency == weak {
				return 1
			}
			return 4
		})
		if err := h.store.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	h.restart()
	home := h.ui.current.(*homeScreen)
	var item *prep.PracticeItem
	for i := range home.due {
		if home.due[i].Kind == prep.PracticeCompetency && home.due[i].Competency == weak {
			item = &home.due[i]
		}
		if home.due[i].Kind == prep.PracticeCriterion {
			t.Errorf("criterion %q is due on its own, though its competency is known", home.due[i].Title)
		}
	}
	if item == nil {
		t.Fatalf("%q is not due today: %+v", weak, home.due)
	}
	name := h.model.Label(weak)
	want := "averaged 1.0 over your last 3 rounds that scored it"
	if item.Title != name || item.Reason != want || !h.hasText(name+": "+want) {
		t.Errorf("item %q: %q, want %q: %q", item.Title, item.Reason, name, want)
	}
	for i, d := range home.due {
		if d.Competency == weak {
			test.Tap(home.practise[i])
			break
		}
	}
	r := h.round()
	found := false
	for _, c := range r.draft.Prompt.Rubric {
		found = found || c.Competency == weak
	}
	if !found {
		t.Errorf("Practise opened %q, which does not score %q", r.draft.Prompt.Title, weak)
	}
}

func TestCompareTwoAttempts(t *testing.T) {
	h := newHarness(t)
	ld := firstPrompt(h, prep.Leadership)
	older := fixedAttempt(ld, h.now().AddDate(0, 0, -7), "I met Priya weekly.", func(int) int { return 2 })
	newer := fixedAttempt(ld, h.now().AddDate(0, 0, -1), "I met Priya weekly and agreed three expectations.", func(i int) int { return 2 + i%3 })
	newer.PhaseTimes[0].Used = 3 * time.Minute
	for _, a := range []prep.Attempt{older, newer} {
		if err := h.store.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	h.ui.showAttempt(newer.ID)
	h.settle()
	pick, ok := h.ui.current.(*attemptScreen).compare.Objects[0].(*widget.Select)
	if !ok || len(pick.Options) != 1 {
		t.Fatal("the attempt screen does not offer the other attempt to compare")
	}
	pick.SetSelected(pick.Options[0])
	h.settle()
	if _, ok := h.ui.current.(*compareScreen); !ok {
		t.Fatalf("screen %T", h.ui.current)
	}
	want := ld.Rubric[1].Name + ": 2 → 3 (+1)"
	if !h.hasText(want) || !h.hasText(ld.Rubric[0].Name+": 2 → 2 (no change)") {
		t.Errorf("score changes missing %q", want)
	}
	if !h.hasText(ld.Phases[0].Name + ": 5:30 → 3:00 of 5:00 (−2:30)") {
		t.Error("time change missing")
	}
	added := h.find(func(o fyne.CanvasObject) bool {
		rt, ok := o.(*widget.RichText)
		if !ok {
			return false
		}
		for _, s := range rt.Segments {
			if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold && strings.Contains(ts.Text, "agreed three expectations.") {
				return true
			}
		}
		return false
	})
	if added == nil || !h.hasText("5 words added, 1 removed") {
		t.Error("the added words are not highlighted")
	}
}

// Two attempts with whiteboards: the compare screen lists what the later one added, removed and
// re-owned.
func TestCompareListsDiagramChanges(t *testing.T) {
	h := newHarness(t)
	sd := firstPrompt(h, prep.SystemsDesign)
	older := fixedAttempt(sd, h.now().AddDate(0, 0, -7), "A ledger.", func(int) int { return 2 })
	newer := fixedAttempt(sd, h.now().AddDate(0, 0, -1), "A ledger with an outbox.", func(int) int { return 3 })
	teams := []diagram.Team{{Name: "Ledger", Colour: "#0072b2"}, {Name: "Platform", Colour: "#e69f00"}}
	older.Diagram = &diagram.Diagram{Version: 1, Teams: teams, Components: []diagram.Component{
		{ID: "c1", Kind: diagram.Service, Label: "Ledger API", Team: "Ledger"}, {ID: "c2", Kind: diagram.Database, Label: "Postgres"}}}
	newer.Diagram = &diagram.Diagram{Version: 1, Teams: teams, Components: []diagram.Component{
		{ID: "c1", Kind: diagram.Service, Label: "Ledger API", Team: "Platform"}, {ID: "c2", Kind: diagram.Queue, Label: "Outbox"}},
		Arrows: []diagram.Arrow{{ID: "a1", From: "c1", To: "c2", Label: "async event"}}}
	for _, a := range []prep.Attempt{older, newer} {
		if err := h.store.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	h.ui.showCompare(older.ID, newer.ID)
	h.settle()
	for _, want := range []string{"Added (2):", `Queue / stream "Outbox"`, "arrow Ledger API → Outbox (async event)",
		"Removed (1):", `Database "Postgres"`, "Re-owned (1):", "Ledger API: Ledger → Platform"} {
		if !h.hasText(want) {
			t.Errorf("the compare screen does not show %q", want)
		}
	}
}

func TestSearchShowsPassages(t *testing.T) {
	h := newHarness(t)
	h.seedAttempts(40)
	ld := firstPrompt(h, prep.Leadership)
	special := fixedAttempt(ld, h.now().Add(-time.Hour), strings.Repeat("Context first. ", 20)+"We adopted a release train every Tuesday."+strings.Repeat(" More detail.", 20), func(int) int { return 3 })
	if err := h.store.SaveAttempt(special); err != nil {
		t.Fatal(err)
	}
	h.tap("Search")
	s := h.ui.current.(*searchScreen)
	if !h.hasText("41 attempts indexed") {
		t.Fatalf("index message %q", s.message.Text)
	}
	// The query field has the focus: typing straight away searches.
	focused := h.ui.win.Canvas().Focused()
	if focused == nil {
		t.Fatal("nothing has the focus on the Search screen")
	}
	test.Type(focused, "release train every tuesday")
	if len(s.hits) != 1 || s.hits[0].ID != special.ID {
		t.Fatalf("hits %+v", s.hits)
	}
	rt := h.find(func(o fyne.CanvasObject) bool {
		r, ok := o.(*widget.RichText)
		return ok && strings.Contains(r.String(), "release train every Tuesday") && strings.HasPrefix(r.String(), "…")
	})
	if rt == nil {
		t.Fatal("the passage around the match is not shown")
	}
	s.list.Select(0)
	h.settle()
	if _, ok := h.ui.current.(*attemptScreen); !ok {
		t.Fatal("selecting a hit does not open its attempt")
	}
}

// For a user with a history, the home screen keeps room for the Today list from its first frame:
// a placeholder card stands in while the history loads, and the library below stays where it is
// when the suggestions arrive. A new user gets no card.
func TestTodayCardKeepsItsRoomWhileTheHistoryLoads(t *testing.T) {
	h := newHarness(t)
	h.ui.win.Resize(fyne.NewSize(1800, 900)) // wide enough that no suggestion wraps to a second line
	if home := h.ui.current.(*homeScreen); len(home.today.Objects) != 0 {
		t.Fatalf("a new user's home screen has a Today card: %v", home.today.Objects)
	}
	// Prompts of three rounds, so that more than todayLimit prompts and competencies fall due.
	prompts := []prep.Prompt{firstPrompt(h, prep.SystemsDesign), firstPrompt(h, prep.OrgDesign), firstPrompt(h, prep.Leadership)}
	for d := 9; d >= 3; d-- {
		a := fixedAttempt(prompts[d%3], h.now().AddDate(0, 0, -d), "x", func(i int) int { return 1 + i%2 })
		if err := h.store.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	h.restart()
	h.ui.win.Resize(fyne.NewSize(1800, 900))
	h.ui.showHome() // the first frame: nothing loaded yet
	home := h.ui.current.(*homeScreen)
	listAt := func() float32 { return fyne.CurrentApp().Driver().AbsolutePositionForObject(home.list).Y }
	before := listAt()
	if !h.hasText("Working out what is due for review…") {
		t.Fatal("no placeholder in the Today card while the history loads")
	}
	h.settle()
	if len(home.due) != todayLimit {
		t.Fatalf("%d items due, want %d", len(home.due), todayLimit)
	}
	if h.hasText("Working out what is due for review…") {
		t.Error("the placeholder is still shown after the history loaded")
	}
	if after := listAt(); after != before {
		t.Errorf("the library moved from y=%v to y=%v when the Today list arrived", before, after)
	}
}

// With mentor reviews in the store, the Progress screen ends with the calibration card: a chart of
// self-scores against the mentors' per criterion, and the same as text.
func TestProgressShowsCalibrationAgainstMentors(t *testing.T) {
	h := newHarness(t)
	ld := firstPrompt(h, prep.Leadership)
	first := ld.Rubric[0].Name
	for d := 6; d >= 2; d -= 2 {
		a := fixedAttempt(ld, h.now().AddDate(0, 0, -d), "answer", func(int) int { return 4 })
		if err := h.store.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
		r, err := prep.NewReview(&a, "Sam (mentor)", []prep.Score{{Criterion: first, Value: 2}}, "Tighter, please.", nil, h.now())
		if err != nil {
			t.Fatal(err)
		}
		if err := h.store.SaveReview(r); err != nil {
			t.Fatal(err)
		}
	}
	h.tap("Progress")
	if !h.hasText("Calibration: you against your mentors") {
		t.Fatal("no calibration card")
	}
	// By competency first (the first criterion's, or Unmapped for a set without them), the
	// criterion beneath it.
	group := h.model.Label(ld.Rubric[0].Competency) + ": you 4.0, mentor 2.0 (you score yourself 2.0 higher, 3 scores)"
	want := group + "\n    " + first + ": you 4.0, mentor 2.0 (you score yourself 2.0 higher)"
	if !h.hasText(want) {
		t.Errorf("the calibration text lacks %q", want)
	}
	h.settle()
	box := h.chartBox("calibration")
	if box == nil {
		t.Fatal("no calibration chart")
	}
	if box.img.Image == nil {
		t.Fatal("the calibration chart was not drawn")
	}
}

// chartBox finds the chart of that name on the screen.
func (h *harness) chartBox(name string) *chartBox {
	o := h.find(func(o fyne.CanvasObject) bool { b, ok := o.(*chartBox); return ok && b.name == name })
	if o == nil {
		return nil
	}
	return o.(*chartBox)
}

// The charts fill the width they are given, at the theme's text size: they were fixed 5.2-inch
// pictures, most of a wide window empty beside them and their type tiny on a large screen. When
// the window or the text size changes they are drawn again, off the UI thread.
func TestProgressChartsFillTheirWidthAndFollowTheTextSize(t *testing.T) {
	h := newHarness(t)
	h.seedAttempts(12)
	h.ui.win.Resize(fyne.NewSize(1400, 900))
	h.tap("Progress")
	h.settle()
	box := h.chartBox("competencies")
	if box == nil {
		t.Fatal("no competencies chart")
	}
	check := func(when string) {
		t.Helper()
		h.settle()
		w, img := box.Size().Width, box.img.Image
		if img == nil {
			t.Fatalf("%s: not drawn", when)
		}
		if got := float32(img.Bounds().Dx()); got < w-1 || got > w+1 {
			t.Errorf("%s: the chart is drawn %v px wide in a box %v wide", when, got, w)
		}
		if got, want := box.MinSize().Height, float32(box.chart.Height(vg.Length(theme.TextSize()))); got != want {
			t.Errorf("%s: %v high, want %v at text size %v", when, got, want, theme.TextSize())
		}
	}
	check("at 1400 wide")
	if w := box.Size().Width; w < 1000 {
		t.Errorf("in a 1400-wide window the chart is only %v wide", w)
	}
	h.ui.win.Resize(fyne.NewSize(900, 900))
	check("at 900 wide")
	small := box.MinSize().Height
	h.app.Preferences().SetFloat(prefTextScale, 1.3)
	h.ui.applyTheme()
	h.ui.current.content().Refresh()
	check("with larger text")
	if box.MinSize().Height <= small {
		t.Errorf("larger text did not make the chart taller (%v, was %v)", box.MinSize().Height, small)
	}
}

// The chart colours come from the theme and every bar stands out from the background in both
// variants: the budget and mentor bars were the separator's colour, black on dark and pale grey
// on light.
func TestChartColoursContrastInBothThemes(t *testing.T) {
	h := newHarness(t)
	for _, pref := range []string{"Light", "Dark"} {
		h.app.Preferences().SetString(prefTheme, pref)
		h.ui.applyTheme()
		p := h.ui.chartPalette()
		bars := map[string]color.Color{"reference (budget, mentor)": p.Reference}
		for i, c := range p.Series[:3] {
			bars[fmt.Sprintf("series %d", i)] = c
		}
		for name, c := range bars {
			if r := contrast(c, p.Background); r < 3 {
				t.Errorf("%s theme: %s bars contrast %.2f:1 with the background, want 3:1 or more", pref, name, r)
			}
		}
	}
}

// A passage that spans a line break of the answer is shown on one run of lines, its match intact.
func TestHighlightedPassageKeepsOneRunOfLines(t *testing.T) {
	p := "ship it on a release train\nevery Tuesday"
	start := strings.Index(p, "release train")
	segs := highlighted(p, start, start+len("release train"))
	var texts []string
	for _, s := range segs {
		texts = append(texts, s.(*widget.TextSegment).Text)
	}
	if strings.Join(texts, "|") != "ship it on a |release train| every Tuesday" {
		t.Errorf("segments %q", texts)
	}
}

// Progress adds scores up by competency first: a chart and a list, weakest first, each competency
// opening onto its criteria. An attempt on a set from before competencies is not dropped: it shows
// under Unmapped, which says why.
func TestProgressByCompetency(t *testing.T) {
	h := newHarness(t)
	p := firstPrompt(h, prep.OrgDesign)
	p.Rubric = append([]prep.Criterion(nil), p.Rubric...)
	for i := range p.Rubric {
		p.Rubric[i].Competency = "org-design"
	}
	p.Rubric[0].Competency = "hiring"
	legacy := firstPrompt(h, prep.Leadership)
	legacy.ID = "from-an-old-set"
	legacy.Rubric = append([]prep.Criterion(nil), legacy.Rubric...)
	for i := range legacy.Rubric {
		legacy.Rubric[i].Competency = ""
	}
	for _, a := range []prep.Attempt{
		fixedAttempt(p, h.now().AddDate(0, 0, -2), "answer", func(i int) int { return min(i+1, 4) }), // hiring 1, org design 2 to 4
		fixedAttempt(legacy, h.now().AddDate(0, 0, -1), "answer", func(int) int { return 3 }),
	} {
		if err := h.store.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	h.tap("Progress")
	h.settle()
	if h.chartBox("competencies") == nil {
		t.Fatal("no competencies chart")
	}
	o := h.find(func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Accordion); return ok })
	if o == nil {
		t.Fatal("no list of competencies")
	}
	acc := o.(*widget.Accordion)
	var titles []string
	for _, it := range acc.Items {
		titles = append(titles, it.Title)
	}
	if len(titles) != 3 || !strings.HasPrefix(titles[0], "1.0  Hiring and talent  (1 score, 1 attempt)") ||
		!strings.Contains(titles[1], "Organisation design") || !strings.HasPrefix(titles[2], "3.0  Unmapped") {
		t.Fatalf("competencies listed %q, want hiring (weakest), organisation design, then Unmapped", titles)
	}
	acc.Open(0)
	if d := acc.Items[0].Detail.(*widget.Label).Text; !strings.Contains(d, "1.0  "+p.Rubric[0].Name+" (1 score)") {
		t.Errorf("hiring opens onto %q, want its criterion", d)
	}
	if d := acc.Items[2].Detail.(*widget.Label).Text; !strings.Contains(d, "1 attempt on prompts whose criteria name no competency") {
		t.Errorf("Unmapped says %q", d)
	}
	if !h.hasText("Unmapped: " + prep.Count(len(legacy.Rubric), "score") + " from 1 attempt whose criteria name no competency") {
		t.Error("the summary beneath the chart does not count the unmapped scores")
	}
}

// A theme switched while Progress is on view redraws its charts in the new colours: the box
// redrew only when its size changed, so the chart kept the old theme's background.
func TestProgressChartFollowsTheTheme(t *testing.T) {
	h := newHarness(t)
	h.seedAttempts(12)
	h.app.Preferences().SetString(prefTheme, "Dark")
	h.ui.applyTheme()
	h.tap("Progress")
	h.settle()
	box := h.chartBox("competencies")
	if box == nil || box.img.Image == nil {
		t.Fatal("no competencies chart drawn")
	}
	corner := func() color.Color { return box.img.Image.At(1, 1) }
	dark := corner()
	h.app.Preferences().SetString(prefTheme, "Light")
	h.ui.applyTheme()
	box.Refresh() // what Fyne does to every widget on a theme change
	h.settle()
	light := h.app.Settings().Theme().Color(theme.ColorNameBackground, h.app.Settings().ThemeVariant())
	if got := corner(); contrast(got, light) > 1.05 {
		t.Errorf("after switching to the light theme the chart's background is %v (it was %v), want the light background %v", got, dark, light)
	}
}
