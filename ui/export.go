package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"
)

var exportFormats = []struct{ label, format, ext string }{
	{"Bundle for a mentor (JSON)", "json", ".json"},
	{"Report (HTML)", "html", ".html"},
	{"Report (Markdown)", "md", ".md"},
	{"Report (PDF)", "pdf", ".pdf"},
}

// The export dialog remembers its last choices (preferences: how the dialog is set, not user data).
const (
	prefExportScope  = "export.scope"  // one of the scope keys below
	prefExportSince  = "export.since"  // YYYY-MM-DD
	prefExportFormat = "export.format" // a format of exportFormats
)

// Export scopes, as remembered and as shown.
const (
	scopeAll     = "all"
	scopeSince   = "since"
	scopePrompt  = "prompt"
	scopeAttempt = "attempt"
)

var scopeLabels = map[string]string{
	scopeAll:     "Every attempt",
	scopeSince:   "Attempts since a date",
	scopePrompt:  "This prompt's attempts",
	scopeAttempt: "This attempt",
}

// dateLayout is how the dialog reads and writes dates.
const dateLayout = "2006-01-02"

// exportDialog asks what to export and in which format, then where.
type exportDialog struct {
	win    fyne.Window // the window it opens over
	prefs  fyne.Preferences
	now    func() time.Time // the wall clock: the default date, and no date after it
	export func(s ExportScope, format, path string)
	preset ExportScope
	keys   []string // the scopes on offer, in the order shown
	scope  *widget.RadioGroup
	since  *entry
	format *widget.RadioGroup
	err    *widget.Label
	form   *widget.Form
	d      dialog.Dialog
}

// showExport asks what to export and where, then writes it off the UI thread with progress shown.
// It opens on the last choices made, or on every attempt (this attempt, from an attempt's screen)
// as a bundle for a mentor. A choice it cannot use keeps the dialog open and says why: it used to
// close, the choices lost, after "Attempts since a date" with no date.
func (u *UI) showExport(preset ExportScope) {
	showExportDialog(u.win, u.app.Preferences(), u.deps.Now, u.export, preset)
}

// showExportDialog opens the dialog over win; export writes what was chosen where it was asked.
func showExportDialog(win fyne.Window, prefs fyne.Preferences, now func() time.Time, export func(ExportScope, string, string), preset ExportScope) {
	e := &exportDialog{win: win, prefs: prefs, now: now, export: export, preset: preset, keys: []string{scopeAll, scopeSince}}
	if preset.Prompt != "" {
		e.keys = append(e.keys, scopePrompt)
	}
	if preset.Attempt != uuid.Nil {
		e.keys = append(e.keys, scopeAttempt)
	}
	var labels []string
	for _, k := range e.keys {
		labels = append(labels, scopeLabels[k])
	}
	e.err = widget.NewLabel("")
	e.err.Importance = widget.DangerImportance
	e.err.Wrapping = fyne.TextWrapWord
	e.err.Hide()
	e.since = newEntry()
	e.since.SetPlaceHolder("YYYY-MM-DD")
	e.since.SetText(prefs.StringWithFallback(prefExportSince, now().AddDate(0, -1, 0).Format(dateLayout)))
	e.scope = widget.NewRadioGroup(labels, func(string) { e.onScopeChanged() })
	e.scope.Required = true
	e.scope.SetSelected(scopeLabels[e.initialScope(prefs.StringWithFallback(prefExportScope, ""))])
	var formats []string
	for _, f := range exportFormats {
		formats = append(formats, f.label)
	}
	e.format = widget.NewRadioGroup(formats, nil)
	e.format.Required = true
	e.format.SetSelected(exportFormats[0].label)
	last := prefs.StringWithFallback(prefExportFormat, exportFormats[0].format)
	for _, f := range exportFormats {
		if f.format == last {
			e.format.SetSelected(f.label)
		}
	}

	choose := widget.NewButtonWithIcon("Choose file…", theme.DocumentSaveIcon(), e.onChoose)
	choose.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { e.d.Hide() })
	e.form = widget.NewForm(widget.NewFormItem("Export", e.scope), widget.NewFormItem("Since", e.since), widget.NewFormItem("As", e.format))
	body := container.NewVBox(e.form, e.err, container.NewHBox(layout.NewSpacer(), cancel, choose))
	e.d = dialog.NewCustomWithoutButtons("Export attempts", body, win)
	e.onScopeChanged()
	e.d.Show()
}

// initialScope is the remembered scope when it is on offer; else this attempt, when there is
// one; else every attempt.
func (e *exportDialog) initialScope(remembered string) string {
	for _, k := range e.keys {
		if k == remembered {
			return k
		}
	}
	if e.preset.Attempt != uuid.Nil {
		return scopeAttempt
	}
	return scopeAll
}

func (e *exportDialog) scopeKey() string {
	for _, k := range e.keys {
		if scopeLabels[k] == e.scope.Selected {
			return k
		}
	}
	return scopeAll
}

// onScopeChanged enables the date only for the scope that reads it.
func (e *exportDialog) onScopeChanged() {
	if e.scopeKey() == scopeSince {
		e.since.Enable()
	} else {
		e.since.Disable()
	}
	if e.form != nil {
		e.form.Refresh() // the "Since" label is drawn dim with its entry disabled, and back
	}
	e.err.Hide()
}

// choices reads the dialog: the scope and the format's index, or, as a sentence for the user,
// what is wrong with them.
func (e *exportDialog) choices() (ExportScope, int, string) {
	var s ExportScope
	switch e.scopeKey() {
	case scopeSince:
		text := strings.TrimSpace(e.since.Text)
		if text == "" {
			return s, 0, "Write the date to export from, as YYYY-MM-DD (for example 2026-11-01), or choose Every attempt."
		}
		t, err := time.ParseInLocation(dateLayout, text, time.Local)
		if err != nil {
			return s, 0, fmt.Sprintf("%q is not a date PanelPrep reads: write it as YYYY-MM-DD, for example 2026-11-01.", text)
		}
		if t.After(e.now()) {
			return s, 0, fmt.Sprintf("%s is in the future, so no attempt is that recent: choose an earlier date.", text)
		}
		s.Since = t
	case scopePrompt:
		s.Prompt = e.preset.Prompt
	case scopeAttempt:
		s.Attempt = e.preset.Attempt
	}
	for i, f := range exportFormats {
		if f.label == e.format.Selected {
			return s, i, ""
		}
	}
	return s, 0, "Choose a format to export as."
}

// onChoose checks the choices, remembers them, and asks where to write the file. Cancelling that
// brings this dialog back as it was.
func (e *exportDialog) onChoose() {
	s, fi, problem := e.choices()
	if problem != "" {
		e.err.SetText(problem)
		e.err.Show()
		return
	}
	f := exportFormats[fi]
	prefs := e.prefs
	prefs.SetString(prefExportScope, e.scopeKey())
	prefs.SetString(prefExportFormat, f.format)
	if t := strings.TrimSpace(e.since.Text); t != "" {
		prefs.SetString(prefExportSince, t)
	}
	e.d.Hide()
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			e.d.Show()
			return
		}
		path := w.URI().Path()
		w.Close() // the export writes the file itself, atomically
		e.export(s, f.format, path)
	}, e.win)
	save.SetFileName("panelprep-" + e.now().Format(dateLayout) + f.ext)
	save.Show()
}
