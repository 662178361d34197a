package ui

import (
	"fmt"
	"net/url"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// settingsScreen holds appearance, where the data lives, backups and the data check.
type settingsScreen struct {
	settingsDeps
	backups *widget.RadioGroup // one option per backup, its backupLine
	entries []BackupEntry
	status  *widget.Label
	root    fyne.CanvasObject
}

// settingsDeps is what the Settings screen uses, and no more.
type settingsDeps struct {
	frame frame
	win   fyne.Window // the window its dialogs open over
	prefs fyne.Preferences
	// applyTheme redraws the window in the theme and text size the preferences now hold.
	applyTheme func()
	openURL    func(*url.URL) error
	dataDir    string
	// maint is read when the screen opens: the controls it offers follow what is wired.
	maint Maintenance
	about func()
	// restore and changePassphrase stop everything that writes, swap what is behind the store
	// and open Settings again; they are the window's, since every screen's data changes.
	restore          func(path string)
	changePassphrase func(passphrase string)
}

func (u *UI) settingsDeps() settingsDeps {
	return settingsDeps{frame: u, win: u.win, prefs: u.app.Preferences(), applyTheme: u.applyTheme, openURL: u.app.OpenURL,
		dataDir: u.deps.DataDir, maint: u.deps.Maintenance, about: u.showAbout, restore: u.restore, changePassphrase: u.changePassphrase}
}

func (u *UI) showSettings() { u.show(newSettingsScreen(u.settingsDeps())) }

func newSettingsScreen(deps settingsDeps) *settingsScreen {
	s := &settingsScreen{settingsDeps: deps, status: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	prefs := s.prefs

	themeChoice := widget.NewRadioGroup(themeChoices, func(v string) {
		prefs.SetString(prefTheme, v)
		s.applyTheme()
	})
	themeChoice.Horizontal = true
	themeChoice.SetSelected(prefs.StringWithFallback(prefTheme, "System"))
	var sizeLabels []string
	current := "Normal"
	for _, ts := range textScales {
		sizeLabels = append(sizeLabels, ts.label)
		if ts.scale == prefs.FloatWithFallback(prefTextScale, 1) {
			current = ts.label
		}
	}
	textSize := widget.NewSelect(sizeLabels, func(v string) {
		for _, ts := range textScales {
			if ts.label == v {
				prefs.SetFloat(prefTextScale, ts.scale)
			}
		}
		s.applyTheme()
	})
	textSize.SetSelected(current)
	appearance := widget.NewForm(widget.NewFormItem("Theme", themeChoice), widget.NewFormItem("Text size", textSize))

	dir := widget.NewLabel(s.dataDir)
	dir.Wrapping = fyne.TextWrapBreak
	dir.Selectable = true
	open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() {
		if err := s.openURL(&url.URL{Scheme: "file", Path: s.dataDir}); err != nil {
			s.frame.showError("Could not open the folder", err)
		}
	})
	where := container.NewVBox(dir, widget.NewLabel("Move your data with --data-dir DIR or the PANELPREP_DATA environment variable."),
		container.NewHBox(open))

	objs := []fyne.CanvasObject{
		widget.NewCard("Appearance", "", appearance),
		widget.NewCard("Your data", "", where),
	}
	m := s.maint
	if m.Backups != nil {
		objs = append(objs, s.backupCard())
	}
	if m.Encrypted != nil && m.SetPassphrase != nil {
		objs = append(objs, s.encryptionCard())
	}
	if m.Check != nil {
		check := widget.NewButtonWithIcon("Check my data", theme.SearchIcon(), func() { s.onCheck(false) })
		objs = append(objs, widget.NewCard("Check", "Reads every record and checks that indexes agree", container.NewHBox(check)))
	}
	about := widget.NewButtonWithIcon("About PanelPrep", theme.InfoIcon(), s.about)
	objs = append(objs, container.NewHBox(about), s.status)
	s.root = container.NewBorder(s.frame.navBar("Settings"), nil, nil, nil, container.NewVScroll(container.NewVBox(objs...)))
	if m.Backups != nil {
		s.loadBackups()
	}
	return s
}

func (s *settingsScreen) backupCard() fyne.CanvasObject {
	// Options on the page, not a list with a scroller of its own: in a list the mouse wheel
	// scrolled the list (even one backup long) and the page stopped under the pointer. A few dozen
	// backups at most are kept (the rule below), so the page holds them all.
	s.backups = widget.NewRadioGroup(nil, nil)
	selectedIndex := func() int {
		for i, e := range s.entries {
			if backupLine(e) == s.backups.Selected {
				return i
			}
		}
		return -1
	}
	now := widget.NewButtonWithIcon("Back up now", theme.DocumentSaveIcon(), s.onBackupNow)
	restore := widget.NewButtonWithIcon("Restore selected…", theme.HistoryIcon(), func() {
		selected := selectedIndex()
		if selected < 0 {
			s.status.SetText("Choose a backup in the list first.")
			return
		}
		s.confirmRestore(s.entries[selected].Path)
	})
	fromFile := widget.NewButtonWithIcon("Restore from file…", theme.FolderOpenIcon(), s.onRestoreFromFile)
	// The explanation is a wrapped label, not the card's subtitle: a subtitle does not wrap, and
	// ran past the window's right edge with larger text.
	about := widget.NewLabel("Made automatically once a day and before every import, restore and passphrase change; " +
		"daily ones kept a week, weekly ones two months, and the last 10 you make with Back up now whatever their age.")
	about.Wrapping = fyne.TextWrapWord
	return widget.NewCard("Backups", "", container.NewBorder(about, container.NewHBox(now, restore, fromFile), nil, nil, s.backups))
}

// backupLine is one backup in the list: when, to the second (two backups of the same minute
// looked identical), why it was made, its size and its file.
func backupLine(e BackupEntry) string {
	why := e.Why
	if why == "" {
		why = "reason not recorded"
	}
	return fmt.Sprintf("%s   %s   %s   %s", e.Time.Local().Format("Mon 2 Jan 2006 15:04:05"), why, humanSize(e.Size), filepath.Base(e.Path))
}

func humanSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func (s *settingsScreen) loadBackups() {
	run(s.frame.bridge(), s.maint.Backups, func(list []BackupEntry, err error) {
		if err != nil {
			s.status.SetText("Could not list your backups: " + err.Error())
			return
		}
		s.entries = list
		options := make([]string, len(list))
		for i, e := range list {
			options[i] = backupLine(e)
		}
		s.backups.Options = options
		s.backups.Refresh()
	})
}

// onBackupNow writes a backup in the background with a progress dialog.
func (s *settingsScreen) onBackupNow() {
	busy := showBusyCancellable(s.win, "Backing up", "Writing a backup of everything you have written…")
	run(s.frame.bridge(), s.maint.BackupNow, func(path string, err error) {
		if busy.finish(path) {
			s.status.SetText("Backup cancelled; nothing was kept.")
			return
		}
		if err != nil {
			s.frame.showError("The backup failed", fmt.Errorf("%w. Nothing was changed; check there is free space in %s", err, s.dataDir))
			return
		}
		s.status.SetText("Backed up to " + path)
		s.loadBackups()
	})
}

func (s *settingsScreen) onRestoreFromFile() { chooseFile(s.win, ".backup", s.confirmRestore) }

func (s *settingsScreen) confirmRestore(path string) {
	dialog.ShowConfirm("Restore this backup?",
		fmt.Sprintf("Your data will be replaced by %s.\nYour current data is backed up and moved aside first, never deleted.", filepath.Base(path)),
		func(ok bool) {
			if ok {
				s.restore(path)
			}
		}, s.win)
}

// onCheck runs the data check and offers a repair when it finds something.
func (s *settingsScreen) onCheck(repair bool) {
	busy := showBusy(s.win, "Checking your data", "Reading every record…")
	type result struct {
		report string
		clean  bool
	}
	run(s.frame.bridge(), func() (result, error) {
		r, clean, err := s.maint.Check(repair)
		return result{r, clean}, err
	}, func(r result, err error) {
		busy.Hide()
		if err != nil {
			s.frame.showError("The check could not run", err)
			return
		}
		text := widget.NewLabel(r.report)
		text.Wrapping = fyne.TextWrapWord
		text.Selectable = true
		scroll := container.NewVScroll(text)
		scroll.SetMinSize(fyne.NewSize(560, 260))
		if r.clean {
			dialog.ShowCustom("Your data is sound", "Close", scroll, s.win)
			return
		}
		dialog.ShowCustomConfirm("The check found problems", "Repair", "Close", scroll, func(ok bool) {
			if ok {
				s.onCheck(true)
			}
		}, s.win)
	})
}

// showAbout shows the version, where the data lives, and what PanelPrep is built on.
func (u *UI) showAbout() {
	v := u.deps.Version
	if v == "" {
		v = "development build"
	}
	text := widget.NewLabel(fmt.Sprintf("PanelPrep %s\n\nRehearse the Director of Engineering interview loop offline: systems design, "+
		"leadership scenarios and org design, in front of an imagined panel.\n\nYour data: %s\n\n"+
		"Built with Fyne, Badger, gonum/plot, BurntSushi/toml and google/uuid.", v, u.deps.DataDir))
	text.Wrapping = fyne.TextWrapWord
	c := container.NewVScroll(text)
	c.SetMinSize(fyne.NewSize(480, 240))
	dialog.ShowCustom("About PanelPrep", "Close", c, u.win)
}

func (s *settingsScreen) content() fyne.CanvasObject { return s.root }
func (s *settingsScreen) leave()                     {}
