package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// homeScreen lists the practice prompts by round type and offers to resume an unfinished round.
type homeScreen struct {
	ui     *UI
	resume *fyne.Container // filled once the drafts have loaded
	root   fyne.CanvasObject
}

func newHomeScreen(u *UI) *homeScreen {
	h := &homeScreen{ui: u, resume: container.NewVBox()}
	sections := container.NewVBox()
	for _, round := range prep.RoundTypes {
		var rows []fyne.CanvasObject
		for _, set := range u.deps.Sets {
			for _, p := range set.Prompts {
				if p.Round == round {
					rows = append(rows, h.promptRow(set, p))
				}
			}
		}
		if len(rows) == 0 {
			continue
		}
		header := widget.NewLabelWithStyle(fmt.Sprintf("%s (%d)", round.Label(), len(rows)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		sections.Add(header)
		sections.Add(container.NewVBox(rows...))
		sections.Add(widget.NewSeparator())
	}
	h.root = container.NewBorder(
		container.NewVBox(u.navBar("Practice"), h.resume),
		nil, nil, nil,
		container.NewVScroll(sections),
	)
	h.loadDrafts()
	return h
}

func (h *homeScreen) promptRow(set *prep.PracticeSet, p prep.Prompt) fyne.CanvasObject {
	start := widget.NewButton("Start", func() { h.onStart(set, p) })
	info := widget.NewLabel(fmt.Sprintf("%s · %s · %s · %d min", p.Title, p.Level, p.Context.Label(), p.Minutes))
	info.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, nil, start, info)
}

// loadDrafts reads unfinished rounds off the UI thread and offers the newest for resumption.
func (h *homeScreen) loadDrafts() {
	run(&h.ui.bg, h.ui.deps.Store.Drafts, h.onDraftsLoaded)
}

func (h *homeScreen) onDraftsLoaded(drafts []prep.Draft, err error) {
	h.resume.RemoveAll()
	if err != nil {
		h.resume.Add(widget.NewLabel("Could not read your unfinished rounds: " + err.Error()))
		return
	}
	for _, d := range drafts {
		d := d
		msg := widget.NewLabel(fmt.Sprintf("Unfinished round: %s (last saved %s, %d characters)",
			d.Prompt.Title, d.UpdatedAt.Local().Format("Mon 2 Jan 15:04"), len([]rune(d.Answer))))
		msg.Wrapping = fyne.TextWrapWord
		resume := widget.NewButton("Resume", func() { h.ui.resume(d) })
		resume.Importance = widget.HighImportance
		discard := widget.NewButton("Discard", func() { h.onDiscard(d) })
		h.resume.Add(widget.NewCard("", "", container.NewBorder(nil, nil, nil, container.NewHBox(discard, resume), msg)))
	}
}

func (h *homeScreen) onStart(set *prep.PracticeSet, p prep.Prompt) {
	now := h.ui.deps.Now()
	h.ui.show(newRoundScreen(h.ui, prep.Draft{
		SetID: set.ID, SetVersion: set.Version, Prompt: p, StartedAt: now, UpdatedAt: now,
	}))
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

func (h *homeScreen) content() fyne.CanvasObject { return h.root }
func (h *homeScreen) leave()                     {}
