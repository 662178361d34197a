package ui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// loopScreen plans a mock onsite: the rounds of a loop shape (the default loop, another shipped one
// or an imported loop file), each with a prompt picked from the bank (avoiding recent repeats, favouring weak criteria) or chosen by hand. When a loop is already
// under way it offers to continue it instead.
type loopScreen struct {
	frame frame
	view  viewToken // this screen's time on view: its loads are dropped once the user has left
	store interface {
		prep.LoopStore
		Attempts() ([]prep.AttemptSummary, error)
	}
	now func() time.Time
	// library is the library as it is when asked: the imported sets arrive after launch.
	library func() prep.Library
	// continueLoop runs a loop from its first unfinished round (looprun.go).
	continueLoop func(prep.Loop)

	history []prep.AttemptSummary
	// historyRead says history is read, for the picks: read after the mapping of old attempts
	// when one is under way, since the picks favour the weakest competencies.
	historyRead bool
	// waiting and waitMapping are mappingWait's, asked when the screen was made.
	waiting     fyne.CanvasObject
	waitMapping func()
	// shape is the loop file the plan starts from: its rounds, weights and bands (nil before the
	// first plan). The planner's changes to the rounds keep its weights and bands.
	shape *prep.LoopShape
	// startShape is the ID of the shape the first plan is made from; "" for the default loop.
	startShape string
	// shapePick chooses the shape, shipped or imported; as last drawn, for the tests.
	shapePick *widget.Select
	slots     []prep.LoopSlot
	seeds     []int
	// The planner's buttons per sitting, as last drawn, for the tests.
	moveUp, moveDown, remove []*widget.Button
	body                     *fyne.Container
	scroll                   *container.Scroll
	cards                    []fyne.CanvasObject // one per sitting, as last drawn
	root                     fyne.CanvasObject
}

func (u *UI) showLoop() { u.showLoopShaped("") }

// showLoopShaped opens the planner on the loop shape with this ID ("" or an unknown one: the
// default loop); a loop under way is offered first, as always.
func (u *UI) showLoopShaped(shapeID string) {
	u.show(newLoopScreen(u, u.deps.Store, u.deps.Now, func() prep.Library { return u.lib },
		func(l prep.Loop) { newLoopRun(u.loopDeps(), l).continueLoop() }, shapeID))
}

func newLoopScreen(f frame, store interface {
	prep.LoopStore
	Attempts() ([]prep.AttemptSummary, error)
}, now func() time.Time, library func() prep.Library, continueLoop func(prep.Loop), shapeID string) *loopScreen {
	s := &loopScreen{frame: f, view: f.newScreenToken(), store: store, now: now, library: library, continueLoop: continueLoop,
		startShape: shapeID, body: container.NewVBox(widget.NewLabel("Planning your loop…"))}
	s.scroll = container.NewVScroll(s.body)
	s.root = container.NewBorder(f.navBar("Mock loop"), nil, nil, nil, s.scroll)
	type loaded struct {
		active  *prep.Loop
		history []prep.AttemptSummary
		read    bool
	}
	// A loop under way is offered at once; only a new plan's picks wait for a mapping under way.
	s.waiting, s.waitMapping = f.mappingWait("The plan picks prompts for your weakest competencies, so it waits", "Planning your loop…")
	mapping := s.waiting != nil
	runFor(s.view, func() (loaded, error) {
		active, err := store.ActiveLoop()
		if err != nil || active != nil || mapping {
			return loaded{active: active}, err
		}
		history, err := store.Attempts()
		return loaded{active, history, true}, err
	}, func(l loaded, err error) {
		if err != nil {
			s.body.Objects = []fyne.CanvasObject{widget.NewLabel("Could not read your loops and attempts: " + err.Error())}
			s.body.Refresh()
			return
		}
		s.history, s.historyRead = l.history, l.read
		if l.active != nil {
			s.showActive(*l.active)
			return
		}
		s.planWhenRead()
	})
	return s
}

// planWhenRead plans once the history is read: after the mapping of old attempts when one is
// under way, saying meanwhile how far it is where the plan will be.
func (s *loopScreen) planWhenRead() {
	if s.historyRead {
		s.plan()
		return
	}
	if s.waiting != nil {
		s.body.Objects = []fyne.CanvasObject{s.waiting}
		s.body.Refresh()
	}
	store, wait := s.store, s.waitMapping
	runFor(s.view, func() ([]prep.AttemptSummary, error) {
		wait()
		return store.Attempts()
	}, func(history []prep.AttemptSummary, err error) {
		if err != nil {
			s.body.Objects = []fyne.CanvasObject{widget.NewLabel("Could not read your attempts: " + err.Error())}
			s.body.Refresh()
			return
		}
		s.history, s.historyRead = history, true
		s.plan()
	})
}

// showActive offers to continue or abandon the loop in progress.
func (s *loopScreen) showActive(l prep.Loop) {
	cur, done := l.Current(), 0
	sittings := prep.Sittings(prep.Plans(l.Slots))
	for _, st := range sittings {
		if st.End <= cur {
			done++
		}
	}
	msg := widget.NewLabel(fmt.Sprintf("A mock loop is under way: %d of %d rounds done.", done, len(sittings)))
	cont := widget.NewButtonWithIcon("Continue the loop", theme.MediaPlayIcon(), func() { s.continueLoop(l) })
	cont.Importance = widget.HighImportance
	abandon := widget.NewButton("Abandon it and plan a new one", func() {
		l.Finished = true
		run(s.frame.bridge(), func() (struct{}, error) { return struct{}{}, s.store.SaveLoop(l) },
			func(_ struct{}, err error) {
				if err != nil {
					s.frame.showError("Could not abandon the loop", err)
					return
				}
				s.planWhenRead()
			})
	})
	s.body.Objects = []fyne.CanvasObject{msg, container.NewHBox(cont, abandon)}
	s.body.Refresh()
}

// plan picks a prompt for every round of the chosen shape (at first the default loop, the first
// the library offers) and shows the plan.
func (s *loopScreen) plan() {
	if s.shape == nil {
		s.shape = defaultShape(s.library())
		for _, sh := range s.library().LoopShapes() {
			if sh.ID == s.startShape {
				s.shape = sh
			}
		}
	}
	plan := s.shape.Plan()
	s.slots = make([]prep.LoopSlot, len(plan))
	s.seeds = make([]int, len(plan))
	for i, r := range plan {
		s.slots[i].Plan = r
		s.pick(i)
	}
	s.render()
}

// defaultShape is the shape the planner starts from: the shipped default loop, or (a library
// without shapes, as in tests of other screens) DefaultLoop with DefaultBands.
func defaultShape(lib prep.Library) *prep.LoopShape {
	for _, sh := range lib.LoopShapes() {
		if sh.ID == prep.DefaultLoopShapeID {
			return sh
		}
	}
	return &prep.LoopShape{ID: prep.DefaultLoopShapeID, Name: "Director of Engineering: the usual onsite", Version: 1,
		Rounds: prep.DefaultLoop, Bands: prep.DefaultBands}
}

// onShapeChosen plans afresh from the shape the user chose by name.
func (s *loopScreen) onShapeChosen(name string) {
	for _, sh := range s.library().LoopShapes() {
		if shapeLabel(s.library(), sh) == name && sh != s.shape {
			s.shape = sh
			s.plan()
			return
		}
	}
}

// shapeLabel is how the planner lists a shape: its name, marked when the user imported it.
func shapeLabel(lib prep.Library, sh *prep.LoopShape) string {
	for _, im := range lib.ImportedLoops {
		if im == sh {
			return sh.Name + " (imported)"
		}
	}
	return sh.Name
}

// shapeCard offers the shapes to start from, and says what the chosen one is.
func (s *loopScreen) shapeCard() fyne.CanvasObject {
	lib := s.library()
	var names []string
	for _, sh := range lib.LoopShapes() {
		names = append(names, shapeLabel(lib, sh))
	}
	s.shapePick = widget.NewSelect(names, nil)
	s.shapePick.PlaceHolder = "Choose a loop…"
	s.shapePick.SetSelected(shapeLabel(lib, s.shape))
	s.shapePick.OnChanged = s.onShapeChosen // after SetSelected: drawing the choice plans nothing
	about := widget.NewLabel(s.shape.Description)
	about.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(s.shapePick)
	if s.shape.Description != "" {
		box.Add(about)
	}
	minutes := fmt.Sprintf("%d minutes with breaks", s.shape.Minutes())
	if len(prep.Sittings(s.shape.Rounds)) == 1 { // a round on its own has no break
		minutes = fmt.Sprintf("%d minutes", s.shape.Minutes())
	}
	return widget.NewCard("Loop shape", fmt.Sprintf("%s, %s; imported loop files are listed too",
		prep.Count(len(prep.Sittings(s.shape.Rounds)), "round"), minutes), box)
}

// pick chooses slot i's prompt, excluding the prompts of the other slots and, within a sitting of
// several questions, the competencies the sitting's other questions already ask about.
func (s *loopScreen) pick(i int) {
	exclude, avoid := map[string]bool{}, map[string]bool{}
	_, sitting := prep.SittingOf(prep.Plans(s.slots), i)
	for j, sl := range s.slots {
		if j == i || sl.PromptID == "" {
			continue
		}
		exclude[sl.PromptID] = true
		if j >= sitting.Start && j < sitting.End {
			if p, ok := promptByID(s.library(), sl.SetID, sl.PromptID); ok {
				for c := range prep.PromptCompetencies(p) {
					avoid[c] = true
				}
			}
		}
	}
	set, p, ok := prep.PickPromptAvoiding(s.library(), s.slots[i].Plan, s.history, exclude, avoid, s.seeds[i])
	if ok {
		s.slots[i].SetID, s.slots[i].PromptID = set.ID, p.ID
	}
}

func (s *loopScreen) render() {
	intro := widget.NewLabel("A mock onsite: the rounds run back to back with breaks between, and each round is led by a " +
		"different member of the panel. The behavioural round asks several questions in one sitting, each about other " +
		"competencies, with no break between them. Prompts are picked from the bank, avoiding your recent attempts and " +
		"favouring the competencies you score lowest on. Change, reorder or drop any of them before you start.")
	intro.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{intro, s.shapeCard()}
	sittings := prep.Sittings(prep.Plans(s.slots))
	s.moveUp, s.moveDown, s.remove, s.cards = nil, nil, nil, nil
	for k, st := range sittings {
		s.cards = append(s.cards, s.sittingCard(k, len(sittings), st))
	}
	objs = append(objs, s.cards...)
	rule := widget.NewLabel(prep.LoopRule(s.shape.Bands, prep.Plans(s.slots), s.library().Competencies))
	rule.Wrapping = fyne.TextWrapWord
	start := widget.NewButtonWithIcon("Start the loop", theme.MediaPlayIcon(), s.onStart)
	start.Importance = widget.HighImportance
	for _, sl := range s.slots {
		if sl.PromptID == "" {
			start.Disable()
		}
	}
	objs = append(objs, widget.NewCard("How the loop is banded", "", rule), container.NewHBox(start))
	s.body.Objects = objs
	s.body.Refresh()
}

// sittingCard is one round of the plan: its questions (one for most rounds), and the buttons that
// move it or drop it. Buttons take the keyboard's focus like any other, so Tab reaches them.
func (s *loopScreen) sittingCard(k, n int, st prep.Sitting) fyne.CanvasObject {
	first := s.slots[st.Start].Plan
	up := widget.NewButtonWithIcon("Move up", theme.MoveUpIcon(), func() {
		s.rearrange(prep.MoveSitting(s.slots, k, -1))
		s.refocus(k-1, s.moveUp, s.moveDown)
	})
	down := widget.NewButtonWithIcon("Move down", theme.MoveDownIcon(), func() {
		s.rearrange(prep.MoveSitting(s.slots, k, +1))
		s.refocus(k+1, s.moveDown, s.moveUp)
	})
	remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() {
		s.rearrange(prep.RemoveSitting(s.slots, k))
		s.refocus(min(k, len(s.remove)-1), s.remove, s.moveUp, s.moveDown)
	})
	if k == 0 {
		up.Disable()
	}
	if k == n-1 {
		down.Disable()
	}
	if n == 1 {
		remove.Disable() // a loop needs a round
	}
	s.moveUp, s.moveDown, s.remove = append(s.moveUp, up), append(s.moveDown, down), append(s.remove, remove)
	minutes := 0
	for i := st.Start; i < st.End; i++ {
		minutes += s.slots[i].Plan.Minutes
	}
	sub := fmt.Sprintf("%d minutes, led by the %s", minutes, first.Lead.Label())
	if st.Len() > 1 {
		// The sitting's slot, which its clock counts down on the round screen (sittingclock.go);
		// each question's own minutes are on its row.
		sub = fmt.Sprintf("%d questions back to back in %d minutes, led by the %s", st.Len(), minutes, first.Lead.Label())
	}
	if b := s.slots[st.End-1].Plan.BreakMinutes; b > 0 {
		sub += fmt.Sprintf(", then a %d-minute break", b)
	}

	rows := container.NewVBox()
	if w := first.Weighting(s.library().Competencies); w != "" {
		// In the card, not its subtitle: a subtitle does not wrap, and a long one widened the window.
		weighs := widget.NewLabelWithStyle("In the band, this round "+w+".", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		weighs.Wrapping = fyne.TextWrapWord
		rows.Add(weighs)
	}
	for i := st.Start; i < st.End; i++ {
		rows.Add(s.slotRow(i, st))
	}
	rows.Add(container.NewHBox(up, down, remove))
	return widget.NewCard(fmt.Sprintf("Round %d: %s", k+1, first.Round.Label()), sub, rows)
}

// rearrange takes the planner's new order of sittings.
func (s *loopScreen) rearrange(slots []prep.LoopSlot) {
	// The seeds follow their slots: a question re-picked by hand keeps its choice.
	seeds := map[string]int{}
	for i, sl := range s.slots {
		seeds[sl.PromptID] = s.seeds[i]
	}
	s.slots, s.seeds = slots, make([]int, len(slots))
	for i, sl := range slots {
		s.seeds[i] = seeds[sl.PromptID]
	}
	s.render()
}

// refocus gives the keyboard focus back after the cards are redrawn (their buttons are new, and
// the focus was lost with the old ones): to the first enabled of the given buttons of sitting k,
// so that a keyboard user pressing Move down again moves the same round on.
func (s *loopScreen) refocus(k int, choices ...[]*widget.Button) {
	c := fyne.CurrentApp().Driver().CanvasForObject(s.root)
	if c == nil || k < 0 {
		return
	}
	for _, bs := range choices {
		if k < len(bs) && !bs[k].Disabled() {
			c.Focus(bs[k])
			s.scrollIntoView(k)
			return
		}
	}
}

// scrollIntoView scrolls the plan so that sitting k's card, whose buttons are at its foot, is in
// view: Fyne does not follow the focus, and a round moved down the plan from the keyboard took its
// focused button below the window's edge. It goes by the card's place in the plan, which the
// layout has just set: a new button's place on the canvas is only known once it has been drawn.
func (s *loopScreen) scrollIntoView(k int) {
	if k >= len(s.cards) {
		return
	}
	s.scroll.Refresh() // the plan was just redrawn: size it, or the scroll sees nothing to scroll
	card := s.cards[k]
	top, height := card.Position().Y, card.Size().Height
	view, off, pad := s.scroll.Size().Height, s.scroll.Offset.Y, theme.Padding()
	switch {
	case top+height > off+view || height > view: // the foot first, where the buttons are
		off = top + height - view + pad
	case top < off:
		off = top - pad
	default:
		return
	}
	s.scroll.ScrollToOffset(fyne.NewPos(s.scroll.Offset.X, max(off, 0)))
}

// slotRow is one question of a sitting: its prompt and the ways to change it.
func (s *loopScreen) slotRow(i int, st prep.Sitting) fyne.CanvasObject {
	sl := s.slots[i]
	title := "No prompt of this round type in your library"
	if p, ok := promptByID(s.library(), sl.SetID, sl.PromptID); ok {
		title = fmt.Sprintf("%s (%s · %s · %d min)", p.Title, p.Level, p.Context.Label(), p.Minutes)
	}
	label := widget.NewLabel(title)
	label.Wrapping = fyne.TextWrapWord
	another := widget.NewButtonWithIcon("Pick another", theme.ViewRefreshIcon(), func() {
		s.seeds[i]++
		s.pick(i)
		s.render()
	})
	var options []string
	ids := map[string][2]string{}
	for _, set := range s.library().Sets() {
		for _, p := range set.Prompts {
			if p.Round == sl.Plan.Round {
				options = append(options, p.Title)
				ids[p.Title] = [2]string{set.ID, p.ID}
			}
		}
	}
	byHand := widget.NewSelect(options, func(t string) {
		if id, ok := ids[t]; ok && id[1] != s.slots[i].PromptID {
			s.slots[i].SetID, s.slots[i].PromptID = id[0], id[1]
			s.render()
		}
	})
	byHand.PlaceHolder = "Choose by hand…"
	if st.Len() > 1 {
		// The competencies show that the sitting's questions do not overlap.
		var comps []string
		if p, ok := promptByID(s.library(), sl.SetID, sl.PromptID); ok {
			for c := range prep.PromptCompetencies(p) {
				comps = append(comps, s.library().Competencies.Label(c))
			}
		}
		sort.Strings(comps)
		text := fmt.Sprintf("Question %d: %s", i-st.Start+1, title)
		if len(comps) > 0 {
			text += "\nCompetencies: " + strings.Join(comps, ", ")
		}
		label.SetText(text)
	}
	return container.NewBorder(nil, nil, nil, container.NewHBox(another, byHand), label)
}

func (s *loopScreen) onStart() {
	bands := s.shape.Bands
	l := prep.Loop{ID: uuid.New(), Slots: append([]prep.LoopSlot(nil), s.slots...), StartedAt: s.now(),
		Shape: prep.ShapeRef{ID: s.shape.ID, Name: s.shape.Name, Version: s.shape.Version}, Bands: &bands}
	run(s.frame.bridge(), func() (struct{}, error) { return struct{}{}, s.store.SaveLoop(l) },
		func(_ struct{}, err error) {
			if err != nil {
				s.frame.showError("Could not start the loop", err)
				return
			}
			if !s.view.onView() {
				return // the user went elsewhere: the loop is saved, and Mock loop offers to continue it
			}
			s.continueLoop(l)
		})
}

func (s *loopScreen) content() fyne.CanvasObject { return s.root }
func (s *loopScreen) leave()                     {}

// promptByID finds a prompt in the library.
func (u *UI) promptByID(setID, promptID string) (prep.Prompt, bool) {
	return promptByID(u.lib, setID, promptID)
}

// promptByID finds a prompt in lib.
func promptByID(lib prep.Library, setID, promptID string) (prep.Prompt, bool) {
	for _, set := range lib.Sets() {
		if set.ID == setID {
			return set.Prompt(promptID)
		}
	}
	return prep.Prompt{}, false
}
