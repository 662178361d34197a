package ui

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showBusy shows a progress dialog for work that takes a moment and cannot safely be stopped half-way
// (a restore, an import: they change the store in one step).
func showBusy(w fyne.Window, title, message string) dialog.Dialog {
	bar := widget.NewProgressBarInfinite()
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(widget.NewLabel(message), bar), w)
	d.Show()
	return d
}

// cancellable is a progress dialog with a Cancel button, for work whose only effect is a new file
// (a backup, an export): cancelling closes the dialog at once, and when the work finishes its file
// is removed instead of kept.
type cancellable struct {
	d         dialog.Dialog
	done      bool // the work finished first: closing the dialog is not a cancel
	cancelled bool
}

func showBusyCancellable(w fyne.Window, title, message string) *cancellable {
	c := &cancellable{}
	bar := widget.NewProgressBarInfinite()
	c.d = dialog.NewCustom(title, "Cancel", container.NewVBox(widget.NewLabel(message), bar), w)
	c.d.SetOnClosed(func() {
		if !c.done {
			c.cancelled = true
		}
	})
	c.d.Show()
	return c
}

// finish closes the dialog when the work ends; it reports whether the user had cancelled, in which
// case the file the work wrote (if any) is removed.
func (c *cancellable) finish(path string) (cancelled bool) {
	if c.cancelled {
		if path != "" {
			_ = os.Remove(path)
		}
		return true
	}
	c.done = true
	c.d.Hide()
	return false
}
