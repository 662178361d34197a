package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/panelprep/panelprep/prep"
)

// An org-design round at the default window size keeps its answer inside the right pane however
// many teams are added and however long their names: the team table's rows once sized their
// columns to the widest cell (five columns as wide as the longest team type, then as wide as the
// longest name typed), and the Diagnosis and Proposed structure boxes ran off the right edge.
func TestTeamTableKeepsTheRoundInsideTheWindow(t *testing.T) {
	h, _, r := startRound(t, prep.OrgDesign)
	win := fyne.NewSize(1100, 760)
	h.ui.win.Resize(win)
	if r.answer.teams == nil {
		t.Fatal("an org-design round has no team table")
	}
	for range 3 {
		h.tap("Add team")
	}
	long := strings.Repeat("Carrier dispatch and live tracking ", 3)
	for i := range r.draft.Teams {
		row := r.answer.teams.rows.Objects[i].(*fyne.Container).Objects
		test.Type(row[0].(*entry), long)
		test.Type(row[2].(*entry), "Somebody with a long name, acting EM")
	}
	page := r.answer.sectionsView.(*container.Scroll)
	if got, room := page.Content.Size().Width, page.Size().Width; got > room {
		t.Fatalf("the answer's sections are laid out %v wide in a pane %v wide: the boxes are cut off at the right", got, room)
	}
	if got := r.answer.teams.root.MinSize().Width; got > page.Size().Width {
		t.Fatalf("the team table needs %v wide; the answer pane is %v", got, page.Size().Width)
	}
}
