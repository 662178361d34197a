package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// The Practice screen's resume area: unfinished rounds to resume or discard, the drafts discarded
// in the last week to restore, and the warning before starting a round while one is unfinished.

type draftsLoaded struct {
	drafts    []prep.Draft
	discarded []prep.DiscardedDraft
}

// onShown loads the resume area once the screen before has left, so the round just left has handed
// its last words to a closing saver that loadDrafts can wait for.
func (h *homeScreen) onShown() { h.loadDrafts() }

// loadDrafts reads unfinished and discarded rounds off the UI thread. It first waits for the
// savers of rounds just left, so the banner counts the words typed last.
func (h *homeScreen) loadDrafts() {
	waits := h.closingSavers()
	store := h.store
	runFor(h.view, func() (draftsLoaded, error) {
		for _, c := range waits {
			<-c
		}
		drafts, err := store.Drafts()
		if err != nil {
			return draftsLoaded{}, err
		}
		discarded, err := store.DiscardedDrafts()
		return draftsLoaded{drafts, discarded}, err
	}, h.onDraftsLoaded)
}

func (h *homeScreen) onDraftsLoaded(l draftsLoaded, err error) {
	defer h.root.Refresh() // the banner changes the header's height: lay the screen out again
	h.resume.RemoveAll()
	h.drafts = l.drafts
	if err != nil {
		h.resume.Add(widget.NewLabel("Could not read your unfinished rounds: " + err.Error()))
		return
	}
	for _, d := range l.drafts {
		msg := widget.NewLabel(fmt.Sprintf("Unfinished round: %s (last saved %s; %s)",
			d.Prompt.Title, d.UpdatedAt.Local().Format("Mon 2 Jan 15:04"), d.Size()))
		msg.Wrapping = fyne.TextWrapWord
		resume := widget.NewButtonWithIcon("Resume", theme.MediaPlayIcon(), func() { h.resumeRound(d) })
		resume.Importance = widget.HighImportance
		discard := widget.NewButtonWithIcon("Discard", theme.DeleteIcon(), func() { h.onDiscard(d) })
		h.resume.Add(widget.NewCard("", "", container.NewBorder(nil, nil, nil, container.NewHBox(discard, resume), msg)))
	}
	if n := len(l.discarded); n > 0 {
		word := "drafts"
		if n == 1 {
			word = "draft"
		}
		note := widget.NewLabel(fmt.Sprintf("%d discarded %s from the last week, kept until a week after each was discarded.", n, word))
		note.Wrapping = fyne.TextWrapWord
		open := widget.NewButtonWithIcon("Restore a discarded draft…", theme.ContentUndoIcon(), func() { h.showDiscarded(l.discarded) })
		open.Importance = widget.LowImportance
		h.resume.Add(container.NewBorder(nil, nil, nil, open, note))
	}
}

// onDiscard asks, then moves the draft to the discarded drafts, where it is kept a week.
func (h *homeScreen) onDiscard(d prep.Draft) {
	msg := fmt.Sprintf("“%s” holds %s.\n\nIt is kept for a week: “Restore a discarded draft…” on this screen brings it back.",
		d.Prompt.Title, d.Size())
	c := dialog.NewConfirm("Discard this unfinished round?", msg, func(ok bool) {
		if ok {
			h.discard(d, nil)
		}
	}, h.win)
	c.SetConfirmText("Discard")
	c.SetDismissText("Keep it")
	c.SetConfirmImportance(widget.DangerImportance)
	c.Show()
}

// discard moves the prompt's draft aside off the UI thread, then runs then (if any) or reloads.
func (h *homeScreen) discard(d prep.Draft, then func()) {
	store, now := h.store, h.now()
	run(h.frame.bridge(), func() (struct{}, error) { return struct{}{}, store.DiscardDraft(d.Prompt.ID, now) },
		func(_ struct{}, err error) {
			if err != nil {
				h.frame.showError("Could not discard the draft", err)
				h.loadDrafts()
				return
			}
			if then != nil {
				then()
				return
			}
			h.loadDrafts()
		})
}

// showDiscarded lists the drafts discarded in the last week, each with a Restore button.
func (h *homeScreen) showDiscarded(list []prep.DiscardedDraft) {
	box := container.NewVBox()
	var dlg dialog.Dialog
	for _, x := range list {
		label := widget.NewLabel(fmt.Sprintf("%s\ndiscarded %s; %s", x.Draft.Prompt.Title,
			x.DiscardedAt.Local().Format("Mon 2 Jan 15:04"), x.Draft.Size()))
		label.Wrapping = fyne.TextWrapWord
		restore := widget.NewButtonWithIcon("Restore", theme.ContentUndoIcon(), func() {
			dlg.Hide()
			h.restoreDiscarded(x)
		})
		box.Add(container.NewBorder(nil, nil, nil, container.NewCenter(restore), label))
	}
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(520, 260))
	dlg = dialog.NewCustom("Discarded drafts", "Close", scroll, h.win)
	dlg.Show()
}

func (h *homeScreen) restoreDiscarded(x prep.DiscardedDraft) {
	store := h.store
	run(h.frame.bridge(), func() (struct{}, error) { return struct{}{}, store.RestoreDiscarded(x) },
		func(_ struct{}, err error) {
			if err != nil {
				h.frame.showError("Could not restore the draft", err)
			}
			h.loadDrafts()
		})
}

// confirmStart runs start at once when no round is unfinished. Otherwise it asks first: a round of
// the same prompt would be replaced (it is then discarded, so it is kept a week), and a round of
// another prompt is easy to forget.
func (h *homeScreen) confirmStart(p prep.Prompt, start func()) {
	if len(h.drafts) == 0 {
		start()
		return
	}
	for _, d := range h.drafts {
		if d.Prompt.ID != p.ID {
			continue
		}
		msg := widget.NewLabel(fmt.Sprintf("You have an unfinished round of “%s” (last saved %s; %s).\n\n"+
			"Resume it, or start again? Starting again discards the unfinished round; it is kept for a week and can be restored from this screen.",
			p.Title, d.UpdatedAt.Local().Format("Mon 2 Jan 15:04"), d.Size()))
		msg.Wrapping = fyne.TextWrapWord
		var dlg *dialog.CustomDialog
		resume := widget.NewButtonWithIcon("Resume it", theme.MediaPlayIcon(), func() { dlg.Hide(); h.resumeRound(d) })
		resume.Importance = widget.HighImportance
		again := widget.NewButton("Start again", func() { dlg.Hide(); h.discard(d, start) })
		cancel := widget.NewButton("Cancel", func() { dlg.Hide() })
		dlg = dialog.NewCustomWithoutButtons("This round is unfinished", msg, h.win)
		dlg.SetButtons([]fyne.CanvasObject{cancel, again, resume})
		dlg.Resize(fyne.NewSize(560, 0))
		dlg.Show()
		return
	}
	var titles []string
	for _, d := range h.drafts {
		titles = append(titles, "“"+d.Prompt.Title+"” ("+d.Size().String()+")")
	}
	c := dialog.NewConfirm("A round is unfinished", fmt.Sprintf("You have an unfinished round: %s.\n\n"+
		"Start “%s” anyway? The unfinished round stays on this screen to resume later.", strings.Join(titles, ", "), p.Title),
		func(ok bool) {
			if ok {
				start()
			}
		}, h.win)
	c.SetConfirmText("Start new round")
	c.SetDismissText("Cancel")
	c.Show()
}
