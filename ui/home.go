package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// homeScreen is the practice library: every prompt, filtered by round type, level, company
// context and free text, with the selected prompt's brief and a Start button. It also offers to
// resume unfinished rounds.
type homeScreen struct {
	ui     *UI
	resume *fyne.Container // filled once the drafts have loaded
	today  *fyne.Container // the review list, filled once the history has loaded
	due    []prep.ReviewItem
	// practise are the Today list's Practise buttons, one for each item of due.
	practise []*widget.Button

	round, level, context *widget.Select
	search                *widget.Entry
	count                 *widget.Label
	list                  *widget.List
	shown                 []libraryEntry
	detail                *widget.RichText
	start                 *widget.Button
	selected              *libraryEntry
	root                  fyne.CanvasObject
}

// libraryEntry is one prompt with the set it belongs to.
type libraryEntry struct {
	set    *prep.PracticeSet
	prompt prep.Prompt
}

const anyFilter = "Any"

func newHomeScreen(u *UI) *homeScreen {
	h := &homeScreen{ui: u, resume: container.NewVBox(), today: container.NewVBox()}
	if u.hasHistory {
		h.today.Add(todayCard("Today", widget.NewLabel("Working out what is due for review…")))
	}

	rounds := []string{anyFilter}
	for _, r := range prep.RoundTypes {
		rounds = append(rounds, r.Label())
	}
	h.round = widget.NewSelect(rounds, func(string) { h.applyFilters() })
	h.level = widget.NewSelect([]string{anyFilter, string(prep.LevelEM), string(prep.LevelDirector), string(prep.LevelVP)}, func(string) { h.applyFilters() })
	contexts := []string{anyFilter}
	for _, c := range []prep.Context{prep.ContextSaaS, prep.ContextEnterprise, prep.ContextFintech, prep.ContextScaleUp, prep.ContextAny} {
		contexts = append(contexts, c.Label())
	}
	h.context = widget.NewSelect(contexts, func(string) { h.applyFilters() })
	for _, s := range []*widget.Select{h.round, h.level, h.context} {
		s.SetSelectedIndex(0)
	}
	h.search = widget.NewEntry()
	h.search.SetPlaceHolder("Search titles, scenarios and tags")
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

	h.detail = widget.NewRichTextFromMarkdown("Choose a prompt to read its brief.")
	h.detail.Wrapping = fyne.TextWrapWord
	h.start = widget.NewButtonWithIcon("Start round", theme.MediaPlayIcon(), h.onStart)
	h.start.Importance = widget.HighImportance
	h.start.Disable()

	importSet := widget.NewButtonWithIcon("Import set…", theme.FolderOpenIcon(), u.onImportSet)
	filters := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel("Round"), h.round, widget.NewLabel("Level"), h.level, widget.NewLabel("Company"), h.context),
		container.NewHBox(h.count, importSet), h.search)
	right := container.NewBorder(nil, container.NewHBox(h.start), nil, nil, container.NewVScroll(h.detail))
	split := container.NewHSplit(h.list, right)
	split.Offset = 0.45
	h.root = container.NewBorder(container.NewVBox(u.navBar("Practice"), h.resume, h.today, filters), nil, nil, nil, split)
	h.applyFilters()
	h.loadDrafts()
	h.loadToday()
	return h
}

// todayLimit is how many review suggestions the home screen shows.
const todayLimit = 5

// loadToday schedules the weak areas due for review, off the UI thread.
func (h *homeScreen) loadToday() {
	now := h.ui.deps.Now()
	run(&h.ui.bg, func() ([]prep.AttemptSummary, error) { return h.ui.deps.Store.Attempts() },
		func(history []prep.AttemptSummary, err error) {
			if err != nil {
				h.today.Objects = []fyne.CanvasObject{todayCard("Today", widget.NewLabel("Could not read your history: "+err.Error()))}
				h.root.Refresh()
				return
			}
			h.showToday(history, prep.DueForReview(history, now, todayLimit))
		})
}

func (h *homeScreen) showToday(history []prep.AttemptSummary, due []prep.ReviewItem) {
	defer h.root.Refresh() // the list can change the header's height: lay the screen out again
	h.ui.hasHistory = len(history) > 0
	h.due, h.practise = due, nil
	h.today.RemoveAll()
	switch {
	case len(due) > 0:
		rows := container.NewVBox()
		for _, item := range due {
			label := widget.NewLabel(todayLine(item))
			label.Wrapping = fyne.TextWrapWord
			practise := widget.NewButton("Practise", func() { h.onPractise(item, history) })
			h.practise = append(h.practise, practise)
			rows.Add(container.NewBorder(nil, nil, nil, practise, label))
		}
		h.today.Add(todayCard(fmt.Sprintf("Today: %d due for review (spaced repetition over your self-scores)", len(due)), rows))
	case len(history) > 0:
		done := widget.NewLabel("You are up to date. A prompt or a rubric criterion comes back here when its review " +
			"interval runs out: soon after a low self-score, later after a high one.")
		done.Wrapping = fyne.TextWrapWord
		h.today.Add(todayCard("Today: nothing due for review", done))
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

func todayLine(item prep.ReviewItem) string {
	if item.Kind == prep.ReviewCriterion {
		return fmt.Sprintf("%s in %s: %s.", item.Title, strings.ToLower(item.Round.Label()), item.Reason)
	}
	return fmt.Sprintf("%s: %s.", item.Title, item.Reason)
}

// onPractise starts the suggested prompt, or a prompt that exercises the weak criterion.
func (h *homeScreen) onPractise(item prep.ReviewItem, history []prep.AttemptSummary) {
	var set *prep.PracticeSet
	var p prep.Prompt
	ok := false
	if item.Kind == prep.ReviewPrompt {
		for _, s := range h.ui.lib.Sets() {
			if q, found := s.Prompt(item.PromptID); found {
				set, p, ok = s, q, true
				break
			}
		}
	} else {
		set, p, ok = prep.PromptForCriterion(h.ui.lib, item.Round, item.Title, history)
	}
	if !ok {
		h.ui.showError("Nothing to practise", fmt.Errorf("no prompt in your library matches %q", item.Title))
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
	query := strings.ToLower(strings.TrimSpace(h.search.Text))
	h.shown = h.shown[:0]
	for _, round := range prep.RoundTypes { // systems design first, as a loop runs them
		for _, set := range h.ui.lib.Sets() {
			for _, p := range set.Prompts {
				if p.Round == round && matches(h.round.Selected, p.Round.Label()) && matches(h.level.Selected, string(p.Level)) &&
					matches(h.context.Selected, p.Context.Label()) && matchesQuery(p, query) {
					h.shown = append(h.shown, libraryEntry{set: set, prompt: p})
				}
			}
		}
	}
	h.count.SetText(fmt.Sprintf("%d of %d prompts", len(h.shown), h.ui.lib.Count()))
	h.list.UnselectAll()
	h.list.Refresh()
}

func matches(filter, value string) bool {
	return filter == "" || filter == anyFilter || filter == value
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
	h.detail.ParseMarkdown(promptMarkdown(e.prompt) + fmt.Sprintf("\n\n*From the set “%s”, version %d.*", e.set.Title, e.set.Version))
	h.start.Enable()
}

// loadDrafts reads unfinished rounds off the UI thread and offers each for resumption.
func (h *homeScreen) loadDrafts() {
	run(&h.ui.bg, h.ui.deps.Store.Drafts, h.onDraftsLoaded)
}

func (h *homeScreen) onDraftsLoaded(drafts []prep.Draft, err error) {
	defer h.root.Refresh() // the banner changes the header's height: lay the screen out again
	h.resume.RemoveAll()
	if err != nil {
		h.resume.Add(widget.NewLabel("Could not read your unfinished rounds: " + err.Error()))
		return
	}
	for _, d := range drafts {
		msg := widget.NewLabel(fmt.Sprintf("Unfinished round: %s (last saved %s, %d characters)",
			d.Prompt.Title, d.UpdatedAt.Local().Format("Mon 2 Jan 15:04"), len([]rune(d.Answer))))
		msg.Wrapping = fyne.TextWrapWord
		resume := widget.NewButton("Resume", func() { h.ui.resume(d) })
		resume.Importance = widget.HighImportance
		discard := widget.NewButton("Discard", func() { h.onDiscard(d) })
		h.resume.Add(widget.NewCard("", "", container.NewBorder(nil, nil, nil, container.NewHBox(discard, resume), msg)))
	}
}

func (h *homeScreen) onStart() {
	if h.selected == nil {
		return
	}
	now := h.ui.deps.Now()
	h.ui.show(newRoundScreen(h.ui, prep.Draft{
		SetID: h.selected.set.ID, SetVersion: h.selected.set.Version, Prompt: h.selected.prompt,
		StartedAt: now, UpdatedAt: now,
	}, nil))
}

func (h *homeScreen) onDiscard(d prep.Draft) {
	run(&h.ui.bg, func() (struct{}, error) { return struct{}{}, h.ui.deps.Store.DeleteDraft(d.Prompt.ID) },
		func(_ struct{}, err error) {
			if err != nil {
				h.ui.showError("Could not discard the draft", err)
			}
			h.loadDrafts()
		})
}

// onLibraryChanged redraws the list after sets were imported.
func (h *homeScreen) onLibraryChanged() { h.applyFilters() }

func (h *homeScreen) content() fyne.CanvasObject { return h.root }
func (h *homeScreen) leave()                     {}
