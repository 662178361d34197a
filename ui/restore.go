package ui

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// restore closes everything that writes to the store, restores the backup off the UI thread, and
// carries on with the same store handle, now over the restored data.
func (u *UI) restore(path string) { u.restoreWith(path, "") }

func (u *UI) restoreWith(path, passphrase string) {
	// A backup made before competencies brings back attempts to map. Until the mapping after the
	// restore is under way, what waits for it waits for this (mappingGate), so nothing adds up the
	// restored attempts half mapped; Stop halts the mapping of the data being replaced.
	var restoring chan struct{}
	if u.gate != nil {
		restoring = make(chan struct{})
		u.gate.set(restoring)
	}
	u.Stop() // rounds hand their drafts to their savers
	busy := showBusy(u.win, "Restoring", "Backing up your current data, then restoring "+filepath.Base(path)+"…")
	m := u.deps.Maintenance
	run(&u.bg, func() (struct{}, error) {
		u.savers.Wait() // every draft is written before the store closes
		return struct{}{}, m.Restore(path, passphrase)
	}, func(_ struct{}, err error) {
		busy.Hide()
		if restoring != nil {
			// Whatever the outcome: the restored data, or the data as it was, whose mapping Stop
			// halted; on data already mapped it ends at once.
			u.startMapping(u.deps.MapAttempts)
			close(restoring)
		}
		u.lib.Imported = nil
		u.loadImportedSets()
		u.showSettings()
		if err != nil && m.NeedsPassphrase != nil && m.NeedsPassphrase(err) {
			u.askBackupPassphrase(path, err)
			return
		}
		if err != nil {
			u.showError("The restore failed", fmt.Errorf("%w. Your data is as it was before", err))
			return
		}
		dialog.ShowInformation("Restored", "Your data now comes from "+filepath.Base(path)+".", u.win)
	})
}

// askBackupPassphrase asks for the passphrase of a backup the data's own does not open, and
// restores with it; why says what went wrong with the last try. Cancel leaves the data as it is.
func (u *UI) askBackupPassphrase(path string, why error) {
	pass := newPasswordEntry()
	pass.SetPlaceHolder("The backup's passphrase")
	msg := widget.NewLabel(fmt.Sprintf("%v.", why)) // it names the file and says nothing was changed
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Passphrase for this backup", "Restore", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("", msg), widget.NewFormItem("Passphrase", pass)},
		func(ok bool) {
			if ok && pass.Text != "" {
				u.restoreWith(path, pass.Text)
			}
		}, u.win)
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	u.win.Canvas().Focus(pass)
}
