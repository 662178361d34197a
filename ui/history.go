package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// historyScreen lists every attempt, newest first.
type historyScreen struct {
	ui       *UI
	attempts []prep.AttemptSummary
	list     *widget.List
	message  *widget.Label
	root     fyne.CanvasObject
}

func newHistoryScreen(u *UI) *historyScreen {
	h := &historyScreen{ui: u, message: widget.NewLabel("Loading your attempts…")}
	h.list = widget.NewList(
		func() int { return len(h.attempts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			setLabel(o.(*widget.Label), historyLine(h.attempts[id]))
		},
	)
	h.list.OnSelected = h.onSelected
	h.root = container.NewBorder(container.NewVBox(u.navBar("History"), container.NewHBox(u.mentorButtons()...), h.message), nil, nil, nil, h.list)
	run(&u.bg, u.deps.Store.Attempts, h.onLoaded)
	return h
}

func historyLine(a prep.AttemptSummary) string {
	return fmt.Sprintf("%s   %s   %s   self-score %.1f / 4",
		a.FinishedAt.Local().Format("Mon 2 Jan 2006 15:04"), a.Round.Label(), a.PromptTitle, a.Average)
}

func (h *historyScreen) onLoaded(list []prep.AttemptSummary, err error) {
	if err != nil {
		h.message.SetText("Could not read your attempts: " + err.Error())
		return
	}
	h.attempts = list
	switch len(list) {
	case 0:
		h.message.SetText("No attempts yet. Start a round from Practice; finished rounds appear here.")
	case 1:
		h.message.SetText("1 attempt")
	default:
		h.message.SetText(fmt.Sprintf("%d attempts, newest first", len(list)))
	}
	h.list.Refresh()
}

func (h *historyScreen) onSelected(id widget.ListItemID) {
	h.ui.show(newAttemptScreen(h.ui, h.attempts[id].ID))
}

func (h *historyScreen) content() fyne.CanvasObject { return h.root }
func (h *historyScreen) leave()                     {}
