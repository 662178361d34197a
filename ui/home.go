package ui

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// homeScreen is the practice library: every prompt, filtered by round type, level, company
// context and free text, with the selected prompt's brief and a Start button. It also offers to
// resume unfinished rounds.
type homeScreen struct {
	homeDeps
	view   viewToken       // this screen's time on view: its loads are dropped once the user has left
	resume *fyne.Container // filled once the drafts have loaded (resume.go)
	drafts []prep.Draft    // the unfinished rounds, once loaded
	today  *fyne.Container // the review list, filled once the history has loaded
	due    []prep.PracticeItem
	// practise are the Today list's buttons (Practise, Rehearse, Write one), one for each item of due.
	practise []*widget.Button
	stories  []prep.Story // the story bank as the Today list was scheduled from it

	round, level, context *widget.Select
	search                *entry
	count                 *widget.Label
	outdated              *widget.Label // names the imported sets that predate competencies
	list                  *widget.List
	shown                 []libraryEntry
	detail                *widget.RichText
	start                 *widget.Button
	// sitting offers, beside a behavioural prompt, the whole behavioural round: three questions
	// in one 45-minute sitting, as panels ask them (the Mock loop planner runs it).
	sitting  *widget.Button
	selected *libraryEntry
	root     fyne.CanvasObject
}

// libraryEntry is one prompt with the set it belongs to.
type libraryEntry struct {
	set    *prep.PracticeSet
	prompt prep.Prompt
}

const anyFilter = "Any"

// libraryFilters is what the Practice screen's filters are set to: the screen is built anew each
// time the user comes back to it, and they expect to find their filters as they left them.
type libraryFilters struct {
	round, level, context, query string
}

// contextFilters are the company contexts a user can filter on. A prompt set in "any company"
// fits every one of them, so it is no choice of its own: the filter showed "Any" and "Any
// company" one under the other.
var contextFilters = []prep.Context{prep.ContextSaaS, prep.ContextEnterprise, prep.ContextFintech, prep.ContextScaleUp}

// practiceStore is the part of the store the Practice screen reads and changes: the history and
// the story bank its Today list is scheduled from, and the unfinished and discarded rounds.
type practiceStore interface {
	storyBank
	Drafts() ([]prep.Draft, error)
	DiscardedDrafts() ([]prep.DiscardedDraft, error)
	DiscardDraft(promptID string, at time.Time) error
	RestoreDiscarded(d prep.DiscardedDraft) error
}

// homeDeps is what the Practice screen uses, and no more.
type homeDeps struct {
	frame frame
	win   fyne.Window // the window its dialogs open over
	store practiceStore
	now   func() time.Time // the wall clock
	// lib is the library as it is when asked: imported sets arrive after the screen is built.
	lib func() prep.Library
	// hasHistory and filters outlive the screen, which is built anew each time the user comes
	// back: whether to keep room for Today from the first frame, and the filters as left.
	hasHistory *bool
	filters    *libraryFilters
	// closingSavers are the savers of rounds just left, still writing out (saving.go).
	closingSavers func() []chan struct{}
	// The doors: resume an unfinished round, start a new one, import a practice set.
	resumeRound func(d prep.Draft)
	startRound  func(d prep.Draft)
	importSet   func()
	// writeStory opens the Stories screen on a new story showing the competency ("" for none).
	writeStory func(competency string)
	// planSitting opens the Mock loop planner on the behavioural round on its own.
	planSitting func()
}

func (u *UI) homeDeps() homeDeps {
	return homeDeps{frame: u, win: u.win, store: u.deps.Store, now: u.deps.Now, lib: func() prep.Library { return u.lib },
		hasHistory: &u.hasHistory, filters: &u.library, closingSavers: u.closingSavers,
		resumeRound: u.resume, startRound: func(d prep.Draft) { u.show(newRoundScreen(u, d, nil)) }, importSet: u.onImportSet,
		writeStory: u.showNewStory, planSitting: func() { u.showLoopShaped(prep.BehaviouralSittingShapeID) }}
}

func newHomeScreen(deps homeDeps) *homeScreen {
	h := &homeScreen{homeDeps: deps, view: deps.frame.newScreenToken(), resume: container.NewVBox(), today: container.NewVBox()}
	if *h.hasHistory {
		h.today.Add(todayCard("Today", widget.NewLabel("Working out what is due for review…")))
	}

	rounds := []string{anyFilter}
	for _, r := range prep.RoundTypes {
		rounds = append(rounds, r.Label())
	}
	h.round = widget.NewSelect(rounds, func(string) { h.applyFilters() })
	h.level = widget.NewSelect([]string{anyFilter, string(prep.LevelEM), string(prep.LevelDirector), string(prep.LevelVP)}, func(string) { h.applyFilters() })
	contexts := []string{anyFilter}
	for _, c := range contextFilters {
		contexts = append(contexts, c.Label())
	}
	h.context = widget.NewSelect(contexts, func(string) { h.applyFilters() })
	kept := *h.filters
	for _, f := range []struct {
		s    *widget.Select
		kept string
	}{{h.round, kept.round}, {h.level, kept.level}, {h.context, kept.context}} {
		f.s.SetSelectedIndex(0)
		if f.kept != "" {
			f.s.SetSelected(f.kept)
		}
	}
	h.search = newEntry() // the window's shortcuts work while typing here (shortcuts.go)
	h.search.SetPlaceHolder("Search titles, scenarios and tags")
	h.search.SetText(kept.query)
	h.search.OnChanged = func(string) { h.applyFilters() }
	h.count = widget.NewLabel("")

	h.list = widget.NewList(
		func() int { return len(h.shown) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			meta := widget.NewLabel("")
			meta.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, meta)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			e := h.shown[id]
			rows := o.(*fyne.Container).Objects
			setLabel(rows[0].(*widget.Label), e.prompt.Title)
			setLabel(rows[1].(*widget.Label), promptMeta(e.prompt))
		},
	)
	h.list.OnSelected = h.onSelected

	h.detail = newMarkdownText("Choose a prompt to read its brief.")
	h.detail.Wrapping = fyne.TextWrapWord
	h.start = widget.NewButtonWithIcon("Start round", theme.MediaPlayIcon(), h.onStart)
	h.start.Importance = widget.HighImportance
	h.start.Disable()
	h.sitting = widget.NewButtonWithIcon("Behavioural round…", theme.MediaSkipNextIcon(), h.planSitting)
	h.sitting.Hide()

	importSet := widget.NewButtonWithIcon("Import set…", theme.FolderOpenIcon(), h.importSet)
	// The toolbar flows onto a second row when the window is narrow or the text large, the search
	// box keeping a usable width: in one row, larger text squeezed it to "Sea" and widened the window.
	filters := container.New(&flowLayout{stretch: h.search, stretchMin: h.search.PlaceHolder},
		container.NewHBox(widget.NewLabel("Round"), h.round), container.NewHBox(widget.NewLabel("Level"), h.level),
		container.NewHBox(widget.NewLabel("Company"), h.context), h.search, container.NewHBox(h.count, importSet))
	right := container.NewBorder(nil, container.NewHBox(h.start, h.sitting), nil, nil, container.NewVScroll(h.detail))
	split := steadySplit(h.list, right, 0.45)
	h.outdated = widget.NewLabel("") // which imported sets predate competencies; hidden when none
	h.outdated.Wrapping = fyne.TextWrapWord
	// Plain text: the theme's warning orange on white is below 3:1, too faint to read.
	h.outdated.Hide()
	h.root = container.NewBorder(container.NewVBox(h.frame.navBar("Practice"), h.resume, h.today, filters, h.outdated), nil, nil, nil, split)
	h.applyFilters()
	h.loadToday()
	return h
}

// todayLimit is how many review suggestions the home screen shows.
const todayLimit = 5

// todayState is what the Today list is drawn from, read and scheduled off the UI thread.
type todayState struct {
	history  []prep.AttemptSummary
	due      []prep.PracticeItem
	stories  []prep.Story
	storyErr error // the story bank could not be read: the weak areas are still shown
}

// loadToday schedules the weak areas and the stories due for review, off the UI thread.
func (h *homeScreen) loadToday() {
	now, store, model := h.now(), h.store, h.lib().Competencies
	// The list is scheduled by competency: while old attempts are being mapped, it waits for them
	// and says how far they are, and the rest of the screen is there meanwhile.
	spot, wait := h.frame.mappingWait("Today's reviews wait", "Working out what is due for review…")
	if spot != nil && *h.hasHistory {
		h.today.Objects = []fyne.CanvasObject{todayCard("Today", spot)}
	}
	// Scheduling is done off the UI thread too: over a long history it takes tens of milliseconds.
	runFor(h.view, func() (todayState, error) {
		wait()
		history, err := store.Attempts()
		if err != nil {
			return todayState{}, err
		}
		practice := prep.DueForPractice(history, model, now, todayLimit)
		bank, err := readBankFrom(store, history)
		t := todayState{history: history, due: practice, stories: bank.stories, storyErr: err}
		// A new user, with no round and no story yet, meets the library, not a list of gaps.
		if err == nil && (len(history) > 0 || len(bank.stories) > 0) {
			t.due = prep.TodayList(practice, prep.StoryPractice(model, bank.stories, bank.rehearsals, now), todayLimit)
		}
		return t, nil
	}, func(t todayState, err error) {
		if err != nil {
			h.today.Objects = []fyne.CanvasObject{todayCard("Today", widget.NewLabel("Could not read your history: "+err.Error()))}
			h.root.Refresh()
			return
		}
		h.showToday(t)
	})
}

func (h *homeScreen) showToday(t todayState) {
	defer h.root.Refresh() // the list can change the header's height: lay the screen out again
	history, due := t.history, t.due
	*h.hasHistory = len(history) > 0 || len(t.stories) > 0
	h.due, h.practise, h.stories = due, nil, t.stories
	h.today.RemoveAll()
	var storyNote fyne.CanvasObject
	if t.storyErr != nil {
		note := widget.NewLabel("Your stories could not be read, so none is listed here: " + t.storyErr.Error())
		note.Wrapping = fyne.TextWrapWord
		storyNote = note
	}
	switch {
	case len(due) > 0:
		rows := container.NewVBox()
		for _, item := range due {
			label := widget.NewLabel(todayLine(item))
			label.Wrapping = fyne.TextWrapWord
			practise := widget.NewButton(todayAction(item.Kind), func() { h.onPractise(item, history) })
			h.practise = append(h.practise, practise)
			rows.Add(container.NewBorder(nil, nil, nil, practise, label))
		}
		if storyNote != nil {
			rows.Add(storyNote)
		}
		h.today.Add(todayCard(fmt.Sprintf("Today: %d due (spaced repetition over your self-scores and your stories)", len(due)), rows))
	case storyNote != nil:
		h.today.Add(storyNote)
	case len(history) > 0:
		// One line, not a card: the card kept room for five suggestions (240 px) to say nothing.
		done := widget.NewLabel("Today: nothing due for review. A prompt or a criterion comes back here when its review " +
			"interval runs out: soon after a low self-score, later after a high one.")
		done.Wrapping = fyne.TextWrapWord
		h.today.Add(done)
	}
}

// todayCard is the Today card around content. It always keeps room for todayLimit suggestions, so
// that when a user with a history opens the home screen, the card can stand in its place from the
// first frame (the history loads just after) and the library below does not jump when it fills.
func todayCard(subtitle string, content fyne.CanvasObject) fyne.CanvasObject {
	rowHeight := widget.NewButton("Practise", nil).MinSize().Height
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, todayLimit*rowHeight+(todayLimit-1)*theme.Padding()))
	return widget.NewCard("", subtitle, container.NewStack(room, container.NewVBox(content)))
}

// todayAction is the label of an item's button: what the user does about it.
func todayAction(k prep.PracticeKind) string {
	switch k {
	case prep.PracticeStory:
		return "Rehearse"
	case prep.PracticeStoryGap:
		return "Write one"
	}
	return "Practise"
}

func todayLine(item prep.PracticeItem) string {
	switch item.Kind {
	case prep.PracticeStory:
		return prep.Sentence(fmt.Sprintf("Story “%s”: %s", item.Title, item.Reason))
	case prep.PracticeStoryGap:
		if item.Competency == "" {
			return prep.Sentence(fmt.Sprintf("%s: %s", item.Title, item.Reason))
		}
		return prep.Sentence(fmt.Sprintf("Stories for %s: %s", item.Title, item.Reason))
	}
	if item.Kind == prep.PracticeCompetency {
		return prep.Sentence(fmt.Sprintf("%s: %s", item.Title, item.Reason))
	}
	if item.Kind == prep.PracticeCriterion {
		return prep.Sentence(fmt.Sprintf("%s in %s: %s", item.Title, strings.ToLower(item.Round.Label()), item.Reason))
	}
	return prep.Sentence(fmt.Sprintf("“%s”: %s", item.Title, item.Reason))
}

// onPractise starts the suggested prompt, or a prompt that exercises the weak criterion, or a
// behavioural question to rehearse a due story with (the story chosen already), or opens a new
// story for a competency with none.
func (h *homeScreen) onPractise(item prep.PracticeItem, history []prep.AttemptSummary) {
	var set *prep.PracticeSet
	var p prep.Prompt
	ok := false
	lib := h.lib()
	switch item.Kind {
	case prep.PracticeStoryGap:
		h.writeStory(item.Competency)
		return
	case prep.PracticeStory:
		i := slices.IndexFunc(h.stories, func(s prep.Story) bool { return s.ID == item.StoryID })
		if i < 0 {
			h.frame.showError("Nothing to rehearse", fmt.Errorf("the story %q is no longer in your bank", item.Title))
			return
		}
		set, p, ok = prep.QuestionForStory(lib, &h.stories[i], history)
		if !ok {
			h.frame.showError("Nothing to rehearse", fmt.Errorf("no behavioural question in your library asks for the competencies “%s” shows; tick others on the Stories screen", item.Title))
			return
		}
		h.startWith(set, p, item.StoryID)
		return
	}
	if item.Kind == prep.PracticePrompt {
		for _, s := range lib.Sets() {
			if q, found := s.Prompt(item.PromptID); found {
				set, p, ok = s, q, true
				break
			}
		}
	} else if item.Kind == prep.PracticeCompetency {
		set, p, ok = prep.PromptForCompetency(lib, item.Competency, history)
	} else {
		set, p, ok = prep.PromptForCriterion(lib, item.Round, item.Title, history)
	}
	if !ok {
		h.frame.showError("Nothing to practise", fmt.Errorf("no prompt in your library matches %q", item.Title))
		return
	}
	h.selected = &libraryEntry{set: set, prompt: p}
	h.onStart()
}

func promptMeta(p prep.Prompt) string {
	return fmt.Sprintf("%s · %s · %s · %d min", p.Round.Label(), p.Level, p.Context.Label(), p.Minutes)
}

// applyFilters recomputes the visible prompts from the library and the filter controls.
func (h *homeScreen) applyFilters() {
	if h.count == nil || h.search == nil {
		return // still being built
	}
	*h.filters = libraryFilters{round: h.round.Selected, level: h.level.Selected, context: h.context.Selected, query: h.search.Text}
	lib := h.lib()
	query := strings.ToLower(strings.TrimSpace(h.search.Text))
	h.shown = h.shown[:0]
	for _, round := range prep.RoundTypes { // systems design first, as a loop runs them
		for _, set := range lib.Sets() {
			for _, p := range set.Prompts {
				if p.Round == round && matches(h.round.Selected, p.Round.Label()) && matches(h.level.Selected, string(p.Level)) &&
					matchesContext(h.context.Selected, p.Context) && matchesQuery(p, query) {
					h.shown = append(h.shown, libraryEntry{set: set, prompt: p})
				}
			}
		}
	}
	h.count.SetText(fmt.Sprintf("%d of %s", len(h.shown), prep.Count(lib.Count(), "prompt")))
	if h.outdated != nil {
		if note := lib.NeedingCompetenciesNote(); note != "" {
			h.outdated.SetText(note)
			h.outdated.Show()
		} else {
			h.outdated.Hide()
		}
	}
	h.list.UnselectAll()
	h.list.Refresh()
}

func matches(filter, value string) bool {
	return filter == "" || filter == anyFilter || filter == value
}

// matchesContext is whether a prompt set in context c belongs under the company filter: a prompt
// for any company belongs under every one.
func matchesContext(filter string, c prep.Context) bool {
	return c == prep.ContextAny || matches(filter, c.Label())
}

func matchesQuery(p prep.Prompt, q string) bool {
	if q == "" {
		return true
	}
	if strings.Contains(strings.ToLower(p.Title), q) || strings.Contains(strings.ToLower(p.Scenario), q) {
		return true
	}
	for _, t := range p.Tags {
		if strings.Contains(t, q) {
			return true
		}
	}
	return false
}

func (h *homeScreen) onSelected(id widget.ListItemID) {
	e := h.shown[id]
	h.selected = &e
	setMarkdown(h.detail, promptMarkdown(e.prompt)+fmt.Sprintf("\n\n*From the set “%s”, version %d.*", e.set.Title, e.set.Version))
	h.start.Enable()
	if e.prompt.Round == prep.Behavioural && h.planSitting != nil {
		h.sitting.Show()
	} else {
		h.sitting.Hide()
	}
}

func (h *homeScreen) onStart() {
	if h.selected == nil {
		return
	}
	h.startWith(h.selected.set, h.selected.prompt, uuid.Nil)
}

// startWith starts a round of p, with the story already chosen for a behavioural question (or
// none), warning first when a round is unfinished (resume.go).
func (h *homeScreen) startWith(set *prep.PracticeSet, p prep.Prompt, story uuid.UUID) {
	h.confirmStart(p, func() {
		now := h.now()
		h.startRound(prep.Draft{
			SetID: set.ID, SetVersion: set.Version, Prompt: p,
			StartedAt: now, UpdatedAt: now, StoryID: story,
		})
	})
}

// onLibraryChanged redraws the list after sets were imported.
func (h *homeScreen) onLibraryChanged() { h.applyFilters() }

func (h *homeScreen) content() fyne.CanvasObject { return h.root }
func (h *homeScreen) leave()                     {}

// flowLayout lays its objects out left to right at their minimum widths, starting a new row when
// the next one does not fit, like words in a paragraph. stretch, if it is one of them, takes the
// room left in its row, and is never narrower than the text stretchMin (an entry's placeholder). Its minimum
// width is its widest object, so it never makes the window wider; its minimum height is that of
// the rows at the width it was last given.
type flowLayout struct {
	stretch    fyne.CanvasObject
	stretchMin string
	width      float32 // the width of the last layout: the rows depend on it
}

func (f *flowLayout) minOf(o fyne.CanvasObject) fyne.Size {
	m := o.MinSize()
	if o == f.stretch {
		m.Width = max(m.Width, fyne.MeasureText(f.stretchMin, theme.TextSize(), fyne.TextStyle{}).Width+4*theme.InnerPadding())
	}
	return m
}

// rows groups the visible objects into rows for the width w.
func (f *flowLayout) rows(objects []fyne.CanvasObject, w float32) [][]fyne.CanvasObject {
	var rows [][]fyne.CanvasObject
	var row []fyne.CanvasObject
	x := float32(0)
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		ow := f.minOf(o).Width
		if len(row) > 0 && x+theme.Padding()+ow > w {
			rows, row, x = append(rows, row), nil, 0
		}
		if len(row) > 0 {
			x += theme.Padding()
		}
		row = append(row, o)
		x += ow
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

func (f *flowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	y := float32(0)
	for _, row := range f.rows(objects, size.Width) {
		used, h := float32(0), float32(0)
		for i, o := range row {
			m := f.minOf(o)
			used += m.Width
			if i > 0 {
				used += theme.Padding()
			}
			h = max(h, m.Height)
		}
		x := float32(0)
		for _, o := range row {
			m := f.minOf(o)
			w := m.Width
			if o == f.stretch {
				w += max(size.Width-used, 0)
			}
			o.Move(fyne.NewPos(x, y+(h-m.Height)/2))
			o.Resize(fyne.NewSize(w, m.Height))
			x += w + theme.Padding()
		}
		y += h + theme.Padding()
	}
}

func (f *flowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w float32
	for _, o := range objects {
		if o.Visible() {
			w = max(w, f.minOf(o).Width)
		}
	}
	width := f.width
	if width <= 0 {
		width = float32(math.MaxFloat32) // not laid out yet: one row
	}
	var h float32
	for i, row := range f.rows(objects, max(width, w)) {
		rh := float32(0)
		for _, o := range row {
			rh = max(rh, f.minOf(o).Height)
		}
		if i > 0 {
			h += theme.Padding()
		}
		h += rh
	}
	return fyne.NewSize(w, h)
}

// steadySplit is a horizontal split at offset (a proportion of the width) that stays there. Fyne's
// split moves its divider to fit the minimum width of either side, so the divider jumped when a
// team was added to the team table, a review opened or the disk-full message appeared. Each side
// here asks for no more than splitSideMinInText text sizes of width; what it holds wraps or
// scrolls within the room it is given.
func steadySplit(leading, trailing fyne.CanvasObject, offset float64) *container.Split {
	s := container.NewHSplit(container.New(narrowLayout{}, leading), container.New(narrowLayout{}, trailing))
	s.Offset = offset
	return s
}

// splitSideMinInText is the narrowest a side of a steadySplit may be made, in text sizes.
const splitSideMinInText = 12

// narrowLayout gives its objects all its room and reports at most splitSideMinInText text sizes of
// minimum width (their minimum height as it is).
type narrowLayout struct{}

func (narrowLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (narrowLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objects {
		m = m.Max(o.MinSize())
	}
	m.Width = min(m.Width, splitSideMinInText*theme.TextSize())
	return m
}
