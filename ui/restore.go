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
	u.Stop() // rounds hand their drafts to their savers
	busy := showBusy(u.win, "Restoring", "Backing up your current data, then restoring "+filepath.Base(path)+"…")
	m := u.deps.Maintenance
	run(&u.bg, func() (struct{}, error) {
		u.savers.Wait() // every draft is written before the store closes
		return struct{}{}, m.Restore(path, passphrase)
	}, func(_ struct{}, err error) {
		busy.Hide()
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
