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

// onImportSet asks for a practice-set file, or a loop file, and imports it.
func (u *UI) onImportSet() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError("Could not open the file", err)
			return
		}
		if r == nil {
			return // cancelled
		}
		u.importSet(r.URI().Name(), func() (io.ReadCloser, error) { return r, nil })
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".toml"}))
	d.Show()
}

// importSetFile imports the practice set in the named file (what the file dialog does for a path).
// The file is opened off the UI thread, like everything else the import reads.
func (u *UI) importSetFile(path string) {
	u.importSet(path, func() (io.ReadCloser, error) { return os.Open(path) })
}

// importSet reads, checks and stores a practice set, or a loop file (a mentor sends one with a
// set), off the UI thread, through prep.SetImport or prep.ImportLoops (the same rules as the
// command line). The file is checked in full before anything is written; a file with any problem
// changes nothing and the user sees every problem the checker found.
func (u *UI) importSet(name string, open func() (io.ReadCloser, error)) {
	im := &prep.SetImport{Store: u.deps.Store, Library: prep.Library{Bundled: u.lib.Bundled, Imported: u.lib.Imported, Competencies: u.lib.Competencies,
		Loops: u.lib.Loops, ImportedLoops: u.lib.ImportedLoops}, Backup: u.deps.Maintenance.BackupNow}
	if b := u.deps.Maintenance.BackupBeforeImport; b != nil {
		im.Backup = b
	}
	type imported struct {
		loop  bool // the file read as a loop file
		set   *prep.PracticeSet
		shape *prep.LoopShape
	}
	run(&u.bg, func() (imported, error) {
		r, err := open()
		if err != nil {
			return imported{}, err
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, prep.MaxSetFileSize+1))
		if err != nil {
			return imported{}, fmt.Errorf("reading %s: %w", name, err)
		}
		if prep.IsLoopFile(data) {
			shape, err := prep.ParseLoopShape(name, data, im.Library.Competencies)
			if err != nil {
				return imported{loop: true}, err
			}
			_, problems, err := prep.ImportLoops(u.deps.Store, im.Library, []*prep.LoopShape{shape}, im.Backup)
			if err == nil {
				err = problems[0]
			}
			return imported{loop: true, shape: shape}, err
		}
		set, err := prep.ParseSet(name, data, im.Library.Competencies)
		if err != nil {
			return imported{}, err
		}
		_, problems, err := im.Run([]*prep.PracticeSet{set})
		if err == nil {
			err = problems[0]
		}
		return imported{set: set}, err
	}, func(got imported, err error) {
		if err != nil {
			what := "practice set"
			if got.loop {
				what = "loop file"
			}
			u.showImportProblemsOf(name, what, err)
			return
		}
		if sh := got.shape; sh != nil {
			u.lib.ImportedLoops = prep.ReplaceLoopShape(u.lib.ImportedLoops, sh)
			dialog.ShowInformation("Loop file imported",
				fmt.Sprintf("“%s” version %d: %d rounds, %d minutes with breaks. Mock loop now offers it as a loop shape.",
					sh.Name, sh.Version, len(prep.Sittings(sh.Rounds)), sh.Minutes()), u.win)
			return
		}
		set := got.set
		u.lib.Imported = prep.ReplaceSet(u.lib.Imported, set)
		if u.mapping != nil {
			// A newer version of a set may name the competencies of criteria that had none: the
			// attempts at its prompts are mapped now, behind the window, not at the next start.
			u.startMapping(u.deps.MapAttempts)
		}
		if h, ok := u.current.(*homeScreen); ok {
			h.onLibraryChanged()
			if u.mapping != nil {
				h.loadToday() // drawn from those attempts as they were: again once they are mapped
			}
		}
		dialog.ShowInformation("Practice set imported",
			fmt.Sprintf("“%s” version %d: %s now in your library.", set.Title, set.Version, prep.Count(len(set.Prompts), "prompt")), u.win)
	})
}

// showImportProblems lists what is wrong with a rejected practice set or bundle.
func (u *UI) showImportProblems(name string, err error) {
	u.showImportProblemsOf(name, "practice set", err)
}

// showImportProblemsOf lists what is wrong with a rejected file, one line per problem; what is the
// kind of file it was taken for.
func (u *UI) showImportProblemsOf(name, what string, err error) {
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
	dialog.ShowCustom("The "+what+" was not imported", "Close", container.NewBorder(intro, nil, nil, nil, scroll), u.win)
}
