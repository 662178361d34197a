package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// historyScreen lists every attempt, newest first.
type historyScreen struct {
	open     func(id uuid.UUID) // the attempt screen
	attempts []prep.AttemptSummary
	reviewed map[uuid.UUID]string // "Reviewed by Sam" for attempts with a mentor review
	list     *widget.List
	message  *widget.Label
	root     fyne.CanvasObject
}

func (u *UI) showHistory() {
	u.show(newHistoryScreen(u, u.deps.Store, u.mentorButtons(), u.showAttempt))
}

// newHistoryScreen lists what store holds, with the mentor round trip's buttons above the list.
func newHistoryScreen(f frame, store historyReader, mentorButtons []fyne.CanvasObject, open func(uuid.UUID)) *historyScreen {
	h := &historyScreen{open: open, message: widget.NewLabel("Loading your attempts…")}
	h.list = widget.NewList(
		func() int { return len(h.attempts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			badge := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
			badge.Importance = widget.HighImportance // the primary colour: it reads on both themes, the success green does not on white
			return container.NewBorder(nil, nil, nil, badge, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			a := h.attempts[id]
			setLabel(row.Objects[0].(*widget.Label), historyLine(a))
			setLabel(row.Objects[1].(*widget.Label), h.reviewed[a.ID])
		},
	)
	h.list.OnSelected = h.onSelected
	h.root = container.NewBorder(container.NewVBox(f.navBar("History"), container.NewHBox(mentorButtons...), h.message), nil, nil, nil, h.list)
	runFor(f.newScreenToken(), func() (historyData, error) {
		list, err := store.Attempts()
		if err != nil {
			return historyData{attempts: list}, err
		}
		// A review that cannot be read must not hide the history: the list is shown without marks.
		rs, _ := store.AllReviews()
		return historyData{attempts: list, reviewed: reviewedBy(rs)}, nil
	}, h.onLoaded)
	return h
}

type historyData struct {
	attempts []prep.AttemptSummary
	reviewed map[uuid.UUID]string
}

// reviewedBy maps each reviewed attempt to its mark in the list.
func reviewedBy(reviews []prep.Review) map[uuid.UUID]string {
	by := map[uuid.UUID][]prep.Review{}
	for _, r := range reviews {
		by[r.AttemptID] = append(by[r.AttemptID], r)
	}
	out := make(map[uuid.UUID]string, len(by))
	for id, rs := range by {
		// Short, so the row keeps room for the attempt: the first reviewer, and how many more.
		out[id] = "Reviewed by " + reviewerName(rs[0])
		if others := len(reviewers(rs)) - 1; others > 0 {
			out[id] += fmt.Sprintf(" +%d", others)
		}
	}
	return out
}

func historyLine(a prep.AttemptSummary) string {
	// The title comes last: where the row is too narrow, it is what gets cut, not the score.
	return fmt.Sprintf("%s   %s   self-score %.1f / 4   %s",
		a.FinishedAt.Local().Format("Mon 2 Jan 2006 15:04"), a.Round.Label(), a.Average, a.PromptTitle)
}

func (h *historyScreen) onLoaded(d historyData, err error) {
	if err != nil {
		h.message.SetText("Could not read your attempts: " + err.Error())
		return
	}
	list := d.attempts
	h.attempts, h.reviewed = list, d.reviewed
	switch len(list) {
	case 0:
		h.message.SetText("No attempts yet. Start a round from Practice; finished rounds appear here.")
	case 1:
		h.message.SetText("1 attempt")
	default:
		h.message.SetText(fmt.Sprintf("%d attempts, newest first", len(list)))
	}
	if n := len(d.reviewed); n > 0 && len(list) > 0 {
		h.message.SetText(h.message.Text + fmt.Sprintf("; %d reviewed by a mentor", n))
	}
	h.list.Refresh()
}

func (h *historyScreen) onSelected(id widget.ListItemID) {
	h.open(h.attempts[id].ID)
}

func (h *historyScreen) content() fyne.CanvasObject { return h.root }
func (h *historyScreen) leave()                     {}
