package ui

import (
	"fyne.io/fyne/v2"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// frame is what a screen gets from the window it is shown in, and no more: the navigation bar,
// the way to another screen, a place to say what failed, and the token its loads carry
// (bridge.go). *UI is the frame. A screen holds it beside the narrow part of the store it reads
// and the doors it opens, rather than the whole UI and its Deps.
type frame interface {
	navBar(current string) fyne.CanvasObject
	show(s screen)
	showError(title string, err error)
	newScreenToken() viewToken
	// bridge is where a screen starts background work whose result is not only its own (a save
	// whose error is shown wherever the user is): run(f.bridge(), work, then).
	bridge() *background
	// mappingWait is for a screen that adds scores up by competency: a placeholder showing how far
	// the mapping of old attempts is, and a wait for it to end (mapping.go); nil and a wait that
	// returns at once when none is under way.
	mappingWait(what, loading string) (spot fyne.CanvasObject, wait func())
}

var _ frame = (*UI)(nil)

// attemptReader is the part of the store the screens that show finished attempts read.
type attemptReader interface {
	Attempt(id uuid.UUID) (prep.Attempt, error)
}

// attemptStore is what the attempt screen reads: the attempt, its reviews, and the other attempts
// it could be compared with.
type attemptStore interface {
	attemptReader
	Reviews(attemptID uuid.UUID) ([]prep.Review, error)
	Attempts() ([]prep.AttemptSummary, error)
	// Loop reads the mock loop an attempt was made in, for the time of its sitting.
	Loop(id uuid.UUID) (prep.Loop, error)
}

// historyReader is what lists of attempts read: every attempt's summary and every mentor review.
type historyReader interface {
	Attempts() ([]prep.AttemptSummary, error)
	AllReviews() ([]prep.Review, error)
}

// showAttempt opens one finished attempt.
func (u *UI) showAttempt(id uuid.UUID) {
	var export func(ExportScope)
	if u.deps.Mentor.Export != nil {
		export = u.showExport
	}
	u.show(newAttemptScreen(u, u.deps.Store, id, u.showCompare, export))
}

// showCompare sets two attempts of one prompt side by side.
func (u *UI) showCompare(older, newer uuid.UUID) {
	u.show(newCompareScreen(u, u.deps.Store, older, newer))
}
