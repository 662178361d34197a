package ui

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// prefReviewer remembers the name a mentor signs reviews with.
const prefReviewer = "mentor.name"

func (u *UI) showOpenReview() { chooseFile(u.win, ".json", u.openReview) }

func (u *UI) openReview(path string) {
	busy := showBusy(u.win, "Opening the bundle", "Checking "+filepath.Base(path)+" in full before anything is written…")
	run(&u.bg, func() (ReviewSession, error) { return u.deps.Mentor.OpenReview(path) }, func(s ReviewSession, err error) {
		busy.Hide()
		if err != nil {
			u.showImportProblems(filepath.Base(path), err)
			return
		}
		u.show(newReviewScreen(u.reviewDeps(), s))
	})
}

// reviewScreen is review mode: a mentor reads each of a candidate's answers with its prompt and
// rubric, scores each criterion, comments on the whole and per section, and exports the feedback.
// The candidate's attempts live in a review store of their own, apart from the mentor's practice.
type reviewScreen struct {
	reviewDeps
	view     viewToken // this screen's time on view: its loads are dropped once the user has left
	session  ReviewSession
	list     *widget.List
	attempts []prep.AttemptSummary
	detail   *fyne.Container
	reviewer *entry
	status   *widget.Label
	root     fyne.CanvasObject

	current  prep.Attempt
	editing  uuid.UUID // the ID of the review being edited: saving again replaces it, never adds one
	choices  []*widget.RadioGroup
	comment  *textArea // the editor the answers are written in: a comment is stored as typed
	sections map[string]*textArea
}

// reviewDeps is what review mode uses, and no more.
type reviewDeps struct {
	frame frame
	win   fyne.Window // the window its dialogs open over
	prefs fyne.Preferences
	now   func() time.Time // the wall clock, for the reviews' stamps
	// closing counts the review stores closing in the background, so the app's Drain waits for them.
	closing *sync.WaitGroup
}

func (u *UI) reviewDeps() reviewDeps {
	return reviewDeps{frame: u, win: u.win, prefs: u.app.Preferences(), now: u.deps.Now, closing: &u.savers}
}

func newReviewScreen(deps reviewDeps, s ReviewSession) *reviewScreen {
	r := &reviewScreen{reviewDeps: deps, view: deps.frame.newScreenToken(), session: s, detail: container.NewVBox(widget.NewLabel("Choose an answer to review.")),
		reviewer: newEntry(), status: widget.NewLabel("")}
	r.reviewer.SetText(r.prefs.String(prefReviewer))
	r.reviewer.SetPlaceHolder("Your name, as the candidate will see it")
	r.reviewer.OnChanged = func(v string) { r.prefs.SetString(prefReviewer, v) }
	r.list = widget.NewList(
		func() int { return len(r.attempts) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			a := r.attempts[id]
			setLabel(o.(*widget.Label), fmt.Sprintf("%s · %s", a.FinishedAt.Local().Format("2 Jan"), a.PromptTitle))
		})
	r.list.OnSelected = r.onSelected
	export := widget.NewButton("Export feedback…", r.onExportFeedback)
	export.Importance = widget.HighImportance
	top := container.NewVBox(r.frame.navBar(""), bold("Review mode: a candidate's attempts, kept apart from your own practice"),
		container.NewBorder(nil, nil, widget.NewLabel("Reviewer"), export, r.reviewer), r.status)
	split := steadySplit(r.list, container.NewVScroll(r.detail), 0.3)
	r.root = container.NewBorder(top, nil, nil, nil, split)
	runFor(r.view, s.Attempts, func(list []prep.AttemptSummary, err error) {
		if err != nil {
			r.status.SetText("Could not read the bundle's attempts: " + err.Error())
			return
		}
		r.attempts = list
		r.status.SetText(prep.Count(len(list), "answer") + " to review.")
		r.list.Refresh()
	})
	return r
}

func (r *reviewScreen) onSelected(id widget.ListItemID) {
	sid := r.attempts[id].ID
	type loaded struct {
		a       prep.Attempt
		reviews []prep.Review
	}
	runFor(r.view, func() (loaded, error) {
		a, err := r.session.Attempt(sid)
		if err != nil {
			return loaded{}, err
		}
		rs, err := r.session.Reviews(sid)
		return loaded{a, rs}, err
	}, func(l loaded, err error) {
		if err != nil {
			r.status.SetText("Could not read this answer: " + err.Error())
			return
		}
		r.showAttempt(l.a, l.reviews)
	})
}

// showAttempt lays out the answer and the review form, filled from the latest review if any.
func (r *reviewScreen) showAttempt(a prep.Attempt, reviews []prep.Review) {
	r.current = a
	var last *prep.Review
	r.editing = uuid.Nil
	if len(reviews) > 0 {
		last = &reviews[len(reviews)-1]
		r.editing = last.ID
	}
	// The prompt and the answer come from the candidate's bundle: drawn by the offline Markdown
	// renderer, which never fetches an image or follows a link (ui/markdown.go).
	brief := newMarkdownText(promptMarkdown(a.Prompt))
	var answer fyne.CanvasObject = widget.NewLabel("(no answer written)")
	if strings.TrimSpace(a.Answer) != "" {
		answer = newMarkdownView(a.Answer)
	}
	objs := []fyne.CanvasObject{
		widget.NewCard("The prompt", "", brief),
		widget.NewCard("The answer", fmt.Sprintf("Self-score %.1f / 4", prep.AverageScore(a.Scores)), answer),
	}
	r.choices = nil
	for _, c := range a.Prompt.Rubric {
		meaning, g := rubricChoice(c)
		options := g.Options
		if last != nil {
			if v, ok := prep.ScoreOf(last.Scores, c.Name); ok {
				g.SetSelected(options[v-1])
			}
		}
		self, _ := prep.ScoreOf(a.Scores, c.Name)
		r.choices = append(r.choices, g)
		body := container.NewVBox(meaning, container.NewHBox(widget.NewLabel("Your score:"), g))
		// The passage the candidate cited for their own score, so a mentor who disagrees sees what was claimed.
		if ev := evidenceLabel(fmt.Sprintf("The candidate's evidence for their %d:", self), evidenceOf(a.Scores, c.Name)); ev != nil {
			body.Objects = append([]fyne.CanvasObject{ev}, body.Objects...)
		}
		objs = append(objs, widget.NewCard(c.Name, fmt.Sprintf("The candidate gave %d", self), body))
	}
	r.sections = map[string]*textArea{}
	for _, s := range a.Sections {
		if strings.TrimSpace(s.Text) == "" {
			continue
		}
		e := newMultiLineEntry()
		e.SetPlaceHolder("Comment on " + s.Title)
		if last != nil {
			e.SetText(last.SectionComments[s.Title])
		}
		r.sections[s.Title] = e
		objs = append(objs, widget.NewCard("On "+s.Title, "", e))
	}
	r.comment = newMultiLineEntry()
	r.comment.SetMinRowsVisible(4)
	r.comment.SetPlaceHolder("Your overall comment: what a panel would remember, and what to practise next")
	if last != nil {
		r.comment.SetText(last.Comment)
	}
	save := widget.NewButton("Save review", r.onSave)
	save.Importance = widget.HighImportance
	objs = append(objs, widget.NewCard("Overall", "", r.comment), container.NewHBox(save))
	r.detail.Objects = objs
	r.detail.Refresh()
}

func (r *reviewScreen) onSave() {
	var scores []prep.Score
	for i, c := range r.current.Prompt.Rubric {
		if sel := r.choices[i].Selected; sel != "" {
			v, _ := strconv.Atoi(strings.SplitN(sel, " ", 2)[0])
			scores = append(scores, prep.Score{Criterion: c.Name, Value: v})
		}
	}
	comments := map[string]string{}
	for title, e := range r.sections {
		if t := strings.TrimSpace(e.Text()); t != "" {
			comments[title] = t
		}
	}
	rev, err := prep.NewReview(&r.current, r.reviewer.Text, scores, r.comment.Text(), comments, r.now())
	if err != nil {
		r.frame.showError("The review cannot be saved yet", err)
		return
	}
	if r.editing != uuid.Nil {
		rev.ID = r.editing
	}
	r.editing = rev.ID
	run(r.frame.bridge(), func() (struct{}, error) { return struct{}{}, r.session.SaveReview(rev) }, func(_ struct{}, err error) {
		if err != nil {
			r.frame.showError("Could not save the review", err)
			return
		}
		r.status.SetText(prep.Sentence("Saved your review of " + r.current.Prompt.Title))
	})
}

func (r *reviewScreen) onExportFeedback() {
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		reviewer := r.reviewer.Text
		busy := showBusy(r.win, "Exporting feedback", "Writing "+filepath.Base(path)+"…")
		run(r.frame.bridge(), func() (int64, error) { return r.session.ExportFeedback(path, reviewer) }, func(n int64, err error) {
			busy.Hide()
			if err != nil {
				r.frame.showError("The feedback was not exported", err)
				return
			}
			dialog.ShowInformation("Feedback exported", fmt.Sprintf("Wrote %s (%s). Send it to the candidate.", path, humanSize(n)), r.win)
		})
	}, r.win)
	save.SetFileName("panelprep-feedback-" + time.Now().Format("2006-01-02") + ".json")
	save.Show()
}

func (r *reviewScreen) content() fyne.CanvasObject { return r.root }

func (r *reviewScreen) leave() {
	s := r.session
	goBackground(r.closing, func() { _ = s.Close() }) // closing writes; Drain waits for it
}
