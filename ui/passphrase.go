package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// unlockTries is how many passphrases PanelPrep accepts before it asks the user to quit and think.
const unlockTries = 3

// AskPassphrase shows the unlock form for an encrypted store in w (nil: a new window) and runs the app. unlock runs off
// the UI thread with each passphrase; when it succeeds the window closes (unlock opens whatever
// comes next). After three wrong passphrases only Quit is left. On the headless test driver it
// returns at once, leaving the window for the test.
func AskPassphrase(app fyne.App, w fyne.Window, dataDir string, unlock func(passphrase string) error) {
	askPassphrase(app, w, dataDir, unlock, offThread).ShowAndRun()
}

// askPassphrase builds the unlock window; run decides where unlock runs (tests run it inline).
func askPassphrase(app fyne.App, w fyne.Window, dataDir string, unlock func(passphrase string) error, run func(work func() error, then func(error))) fyne.Window {
	w = windowOr(app, w, "Unlock PanelPrep")
	pass := newPasswordEntry()
	pass.SetPlaceHolder("Passphrase")
	msg := widget.NewLabel(fmt.Sprintf("Your PanelPrep data in %s is encrypted. Enter your passphrase to open it.", dataDir))
	msg.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	tries := 0
	var open *widget.Button
	submit := func() {
		if pass.Text == "" {
			return
		}
		open.Disable()
		status.SetText("Unlocking…")
		p := pass.Text
		run(func() error { return unlock(p) }, func(err error) {
			if err == nil {
				w.Close()
				return
			}
			tries++
			pass.SetText("")
			if tries >= unlockTries {
				status.SetText(fmt.Sprintf("%v. That was the last of %d tries: quit, and start PanelPrep again when you have the passphrase.", err, unlockTries))
				pass.Disable()
				return
			}
			status.SetText(fmt.Sprintf("%v. %d of %d tries left.", err, unlockTries-tries, unlockTries))
			open.Enable()
		})
	}
	pass.OnSubmitted = func(string) { submit() }
	open = widget.NewButton("Unlock", submit)
	open.Importance = widget.HighImportance
	quit := widget.NewButton("Quit", func() { app.Quit() })
	w.SetContent(container.NewVBox(msg, pass, status, container.NewHBox(open, quit)))
	w.Resize(fyne.NewSize(520, 220))
	w.Canvas().Focus(pass)
	return w
}

// encryptionCard offers to set, change or remove the passphrase that encrypts the data.
func (s *settingsScreen) encryptionCard() fyne.CanvasObject {
	m := s.maint
	on := m.Encrypted()
	state := "Your data is not encrypted. Anyone who can read your files can read your answers, your backups and, from review mode, the candidates' answers and your comments on them."
	set := widget.NewButton("Set a passphrase…", s.askNewPassphrase)
	objs := []fyne.CanvasObject{}
	if on {
		state = "Your data is encrypted with your passphrase: your attempts, drafts and backups, and in review mode the candidates' answers and your comments on them. PanelPrep asks for it when it starts. Files you export (bundles for a mentor, feedback, reports) are not encrypted."
		set.SetText("Change the passphrase…")
		off := widget.NewButton("Remove encryption…", func() {
			dialog.ShowConfirm("Remove encryption?", "Your data will be stored without encryption.", func(ok bool) {
				if ok {
					s.changePassphrase("")
				}
			}, s.win)
		})
		objs = append(objs, off)
	}
	label := widget.NewLabel(state)
	label.Wrapping = fyne.TextWrapWord
	return widget.NewCard("Encryption", "", container.NewVBox(label, container.NewHBox(append([]fyne.CanvasObject{set}, objs...)...)))
}

// passphraseDialogWidth is the width of the passphrase dialogs, in text sizes: room for a
// passphrase of a few words.
const passphraseDialogWidth = 34

// minPassphrase is the shortest passphrase accepted: long enough to resist guessing offline.
const minPassphrase = 10

func (s *settingsScreen) askNewPassphrase() {
	p1, p2 := newPasswordEntry(), newPasswordEntry()
	p1.SetPlaceHolder(fmt.Sprintf("At least %d characters; a few words", minPassphrase))
	p2.SetPlaceHolder("The same again")
	form := []*widget.FormItem{widget.NewFormItem("New passphrase", p1), widget.NewFormItem("Again", p2)}
	d := dialog.NewForm("Encrypt your data", "Encrypt", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		switch {
		case len([]rune(p1.Text)) < minPassphrase:
			s.frame.showError("Passphrase too short", fmt.Errorf("use at least %d characters; a few words are easier to remember than symbols", minPassphrase))
		case p1.Text != p2.Text:
			s.frame.showError("The passphrases differ", fmt.Errorf("type the same passphrase twice"))
		default:
			s.changePassphrase(p1.Text)
		}
	}, s.win)
	// A password entry is only as wide as its eye button unless it is given room: the dialog,
	// sized to its content, drew both fields zero-width.
	d.Resize(fyne.NewSize(passphraseDialogWidth*theme.TextSize(), 0))
	d.Show()
	s.win.Canvas().Focus(p1)
}

// changePassphrase re-encrypts the data (or removes encryption for an empty passphrase) off the UI
// thread, after everything that writes has finished.
func (u *UI) changePassphrase(passphrase string) {
	u.Stop()
	busy := showBusy(u.win, "Encrypting", "Rewriting your data with the new passphrase…")
	run(&u.bg, func() (struct{}, error) {
		u.savers.Wait()
		return struct{}{}, u.deps.Maintenance.SetPassphrase(passphrase)
	}, func(_ struct{}, err error) {
		busy.Hide()
		u.showSettings()
		if err != nil {
			u.showError("The passphrase was not changed", fmt.Errorf("%w. Your data is as it was", err))
			return
		}
		msg := "Your data is now encrypted. Keep the passphrase safe: without it the data cannot be read."
		if passphrase == "" {
			msg = "Your data is no longer encrypted."
		}
		dialog.ShowInformation("Done", msg, u.win)
	})
}
