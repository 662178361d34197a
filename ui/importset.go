package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// onImportSet asks for a practice-set file and imports it.
func (u *UI) onImportSet() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError("Could not open the file", err)
			return
		}
		if r == nil {
			return // cancelled
		}
		u.importSet(r.URI().Name(), r)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".toml"}))
	d.Show()
}

// importSetFile imports the practice set in the named file (what the file dialog does for a path).
func (u *UI) importSetFile(path string) {
	f, err := os.Open(path)
	if err != nil {
		u.showError("Could not open the file", err)
		return
	}
	u.importSet(path, f)
}

// importSet reads, checks and stores a practice set off the UI thread. The file is checked in full
// before anything is written; a file with any problem changes nothing and the user sees every
// problem the checker found.
func (u *UI) importSet(name string, r io.ReadCloser) {
	lib := prep.Library{Bundled: u.lib.Bundled, Imported: u.lib.Imported}
	store, backup := u.deps.Store, u.deps.Maintenance.BackupNow
	if b := u.deps.Maintenance.BackupBeforeImport; b != nil {
		backup = b
	}
	run(&u.bg, func() (*prep.PracticeSet, error) {
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, prep.MaxSetFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		set, err := prep.ParseSet(name, data)
		if err != nil {
			return nil, err
		}
		if err := lib.CheckImport(set); err != nil {
			return nil, err
		}
		if backup != nil { // a backup before every import, so an import can always be undone
			if _, err := backup(); err != nil {
				return nil, fmt.Errorf("backing up before the import failed, so nothing was imported: %w", err)
			}
		}
		return set, store.ImportSet(set)
	}, func(set *prep.PracticeSet, err error) {
		if err != nil {
			u.showImportProblems(name, err)
			return
		}
		u.lib.Imported = replaceSet(u.lib.Imported, set)
		if h, ok := u.current.(*homeScreen); ok {
			h.onLibraryChanged()
		}
		dialog.ShowInformation("Practice set imported",
			fmt.Sprintf("“%s” version %d: %s now in your library.", set.Title, set.Version, prep.Count(len(set.Prompts), "prompt")), u.win)
	})
}

// replaceSet returns sets with set added, or replacing an older version with the same ID.
func replaceSet(sets []*prep.PracticeSet, set *prep.PracticeSet) []*prep.PracticeSet {
	out := make([]*prep.PracticeSet, 0, len(sets)+1)
	for _, s := range sets {
		if s.ID != set.ID {
			out = append(out, s)
		}
	}
	return append(out, set)
}

// showImportProblems lists what is wrong with a rejected file, one line per problem.
func (u *UI) showImportProblems(name string, err error) {
	text := err.Error()
	var fe *prep.SetFileError
	if errors.As(err, &fe) {
		lines := make([]string, len(fe.Problems))
		for i, p := range fe.Problems {
			lines[i] = p.String()
		}
		text = strings.Join(lines, "\n")
	}
	msg := widget.NewLabel(text)
	msg.Wrapping = fyne.TextWrapWord
	msg.Selectable = true
	scroll := container.NewVScroll(msg)
	scroll.SetMinSize(fyne.NewSize(560, 220))
	intro := widget.NewLabel(fmt.Sprintf("Nothing was imported from %s. Fix these problems and import it again:", name))
	intro.Wrapping = fyne.TextWrapWord
	dialog.ShowCustom("The practice set was not imported", "Close", container.NewBorder(intro, nil, nil, nil, scroll), u.win)
}
