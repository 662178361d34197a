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
	ui      *UI
	backups *widget.List
	entries []BackupEntry
	status  *widget.Label
	root    fyne.CanvasObject
}

func (u *UI) showSettings() { u.show(newSettingsScreen(u)) }

func newSettingsScreen(u *UI) *settingsScreen {
	s := &settingsScreen{ui: u, status: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	prefs := u.app.Preferences()

	themeChoice := widget.NewRadioGroup(themeChoices, func(v string) {
		prefs.SetString(prefTheme, v)
		u.applyTheme()
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
		u.applyTheme()
	})
	textSize.SetSelected(current)
	appearance := widget.NewForm(widget.NewFormItem("Theme", themeChoice), widget.NewFormItem("Text size", textSize))

	dir := widget.NewLabel(u.deps.DataDir)
	dir.Wrapping = fyne.TextWrapBreak
	dir.Selectable = true
	open := widget.NewButtonWithIcon("Open folder", theme.FolderOpenIcon(), func() {
		if err := u.app.OpenURL(&url.URL{Scheme: "file", Path: u.deps.DataDir}); err != nil {
			u.showError("Could not open the folder", err)
		}
	})
	where := container.NewVBox(dir, widget.NewLabel("Move your data with --data-dir DIR or the PANELPREP_DATA environment variable."),
		container.NewHBox(open))

	objs := []fyne.CanvasObject{
		widget.NewCard("Appearance", "", appearance),
		widget.NewCard("Your data", "", where),
	}
	m := u.deps.Maintenance
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
	about := widget.NewButtonWithIcon("About PanelPrep", theme.InfoIcon(), u.showAbout)
	objs = append(objs, container.NewHBox(about), s.status)
	s.root = container.NewBorder(u.navBar("Settings"), nil, nil, nil, container.NewVScroll(container.NewVBox(objs...)))
	if m.Backups != nil {
		s.loadBackups()
	}
	return s
}

func (s *settingsScreen) backupCard() fyne.CanvasObject {
	s.backups = widget.NewList(
		func() int { return len(s.entries) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			setLabel(o.(*widget.Label), backupLine(s.entries[id]))
		})
	selected := -1
	s.backups.OnSelected = func(id widget.ListItemID) { selected = id }
	now := widget.NewButtonWithIcon("Back up now", theme.DocumentSaveIcon(), s.onBackupNow)
	restore := widget.NewButtonWithIcon("Restore selected…", theme.HistoryIcon(), func() {
		if selected < 0 || selected >= len(s.entries) {
			s.status.SetText("Choose a backup in the list first.")
			return
		}
		s.confirmRestore(s.entries[selected].Path)
	})
	fromFile := widget.NewButtonWithIcon("Restore from file…", theme.FolderOpenIcon(), s.onRestoreFromFile)
	scroll := container.NewVScroll(s.backups)
	scroll.SetMinSize(fyne.NewSize(0, 140))
	// The explanation is a wrapped label, not the card's subtitle: a subtitle does not wrap, and
	// ran past the window's right edge with larger text.
	about := widget.NewLabel("Made automatically once a day and before every import, restore and passphrase change; " +
		"daily ones kept a week, weekly ones two months.")
	about.Wrapping = fyne.TextWrapWord
	return widget.NewCard("Backups", "", container.NewBorder(about, container.NewHBox(now, restore, fromFile), nil, nil, scroll))
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
	run(&s.ui.bg, s.ui.deps.Maintenance.Backups, func(list []BackupEntry, err error) {
		if err != nil {
			s.status.SetText("Could not list your backups: " + err.Error())
			return
		}
		s.entries = list
		s.backups.Refresh()
	})
}

// onBackupNow writes a backup in the background with a progress dialog.
func (s *settingsScreen) onBackupNow() {
	busy := s.ui.busyCancellable("Backing up", "Writing a backup of everything you have written…")
	run(&s.ui.bg, s.ui.deps.Maintenance.BackupNow, func(path string, err error) {
		if busy.finish(path) {
			s.status.SetText("Backup cancelled; nothing was kept.")
			return
		}
		if err != nil {
			s.ui.showError("The backup failed", fmt.Errorf("%w. Nothing was changed; check there is free space in %s", err, s.ui.deps.DataDir))
			return
		}
		s.status.SetText("Backed up to " + path)
		s.loadBackups()
	})
}

func (s *settingsScreen) onRestoreFromFile() { s.ui.chooseFile(".backup", s.confirmRestore) }

func (s *settingsScreen) confirmRestore(path string) {
	dialog.ShowConfirm("Restore this backup?",
		fmt.Sprintf("Your data will be replaced by %s.\nYour current data is backed up and moved aside first, never deleted.", filepath.Base(path)),
		func(ok bool) {
			if ok {
				s.ui.restore(path)
			}
		}, s.ui.win)
}

// onCheck runs the data check and offers a repair when it finds something.
func (s *settingsScreen) onCheck(repair bool) {
	busy := s.ui.busy("Checking your data", "Reading every record…")
	type result struct {
		report string
		clean  bool
	}
	run(&s.ui.bg, func() (result, error) {
		r, clean, err := s.ui.deps.Maintenance.Check(repair)
		return result{r, clean}, err
	}, func(r result, err error) {
		busy.Hide()
		if err != nil {
			s.ui.showError("The check could not run", err)
			return
		}
		text := widget.NewLabel(r.report)
		text.Wrapping = fyne.TextWrapWord
		text.Selectable = true
		scroll := container.NewVScroll(text)
		scroll.SetMinSize(fyne.NewSize(560, 260))
		if r.clean {
			dialog.ShowCustom("Your data is sound", "Close", scroll, s.ui.win)
			return
		}
		dialog.ShowCustomConfirm("The check found problems", "Repair", "Close", scroll, func(ok bool) {
			if ok {
				s.onCheck(true)
			}
		}, s.ui.win)
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
