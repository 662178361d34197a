package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"
)

// exportDialogOpen finds the export dialog's radio groups and date entry on the top overlay.
func (h *harness) exportControls() (scope, format *widget.RadioGroup, since *entry) {
	h.t.Helper()
	top := h.ui.win.Canvas().Overlays().Top()
	if top == nil {
		h.t.Fatal("no dialog open")
	}
	walkObjects(top, func(o fyne.CanvasObject) bool {
		switch w := o.(type) {
		case *widget.RadioGroup:
			if scope == nil {
				scope = w
			} else {
				format = w
			}
		case *entry:
			since = w
		}
		return true
	})
	if scope == nil || format == nil || since == nil {
		h.t.Fatal("the export dialog lacks its scope, format or date")
	}
	return scope, format, since
}

// The export dialog opened on "Attempts since a date" with the date empty, and "Choose file…" then
// closed it with an error, the choices lost. It now opens on every attempt, keeps itself open with
// the reason when a choice will not do, shows its labels whole, and remembers the last choices.
func TestExportDialogDefaultsValidatesAndRemembers(t *testing.T) {
	h := newHarness(t)
	h.ui.win.Resize(fyne.NewSize(1100, 760))
	h.ui.showExport(ExportScope{})
	scope, format, since := h.exportControls()
	if scope.Selected != "Every attempt" || !since.Disabled() {
		t.Fatalf("opened on %q with the date enabled=%v; want Every attempt, the date disabled", scope.Selected, !since.Disabled())
	}
	if format.Selected != exportFormats[0].label {
		t.Errorf("format %q, want %q", format.Selected, exportFormats[0].label)
	}
	// Every label is shown whole: the format was a select cut to "Bundle for a men…".
	for _, want := range []string{"Every attempt", "Attempts since a date", "Bundle for a mentor (JSON)", "Report (PDF)"} {
		if !strings.Contains(h.overlayRichText(), want) {
			t.Errorf("the dialog does not show %q", want)
		}
	}

	scope.SetSelected("Attempts since a date")
	since.SetText("")
	h.tapDialogButton("Choose file…")
	if !strings.Contains(h.overlayText(), "Write the date to export from") {
		t.Fatalf("no reason shown for the empty date; dialog says %q", h.overlayText())
	}
	if s, _, _ := h.exportControls(); s != scope {
		t.Fatal("the export dialog closed on an empty date")
	}
	test.Type(since, "yesterday")
	h.tapDialogButton("Choose file…")
	if !strings.Contains(h.overlayText(), `"yesterday" is not a date`) {
		t.Fatalf("no reason shown for a bad date; dialog says %q", h.overlayText())
	}

	since.SetText("2026-11-01")
	format.SetSelected("Report (Markdown)")
	h.tapDialogButton("Choose file…")
	if s, _, _ := h.exportControlsIfAny(); s == scope {
		t.Fatal("the export dialog stayed open with good choices")
	}
	h.dismissDialogs()

	h.ui.showExport(ExportScope{})
	scope, format, since = h.exportControls()
	if scope.Selected != "Attempts since a date" || since.Text != "2026-11-01" || format.Selected != "Report (Markdown)" || since.Disabled() {
		t.Errorf("reopened on %q since %q (disabled %v) as %q: the last choices were not remembered", scope.Selected, since.Text, since.Disabled(), format.Selected)
	}
	h.dismissDialogs()

	// A remembered scope that is not on offer falls back: this attempt from an attempt's screen.
	h.app.Preferences().SetString(prefExportScope, scopePrompt)
	h.ui.showExport(ExportScope{Attempt: uuid.New()})
	if scope, _, _ = h.exportControls(); scope.Selected != "This attempt" {
		t.Errorf("from an attempt, with another prompt remembered: opened on %q", scope.Selected)
	}
}

// exportControlsIfAny is exportControls without failing when the top overlay is something else.
func (h *harness) exportControlsIfAny() (scope, format *widget.RadioGroup, since *entry) {
	top := h.ui.win.Canvas().Overlays().Top()
	if top == nil {
		return nil, nil, nil
	}
	walkObjects(top, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*widget.RadioGroup); ok && scope == nil {
			scope = r
		}
		return true
	})
	return scope, nil, nil
}

// overlayRichText is every text the top overlay draws, radio options included.
func (h *harness) overlayRichText() string {
	top := h.ui.win.Canvas().Overlays().Top()
	var b strings.Builder
	walkObjects(top, func(o fyne.CanvasObject) bool {
		if r, ok := o.(*widget.RadioGroup); ok {
			b.WriteString(strings.Join(r.Options, "\n") + "\n")
		}
		return true
	})
	return b.String()
}
