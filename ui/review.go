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
// rubric, scores each criterion, comments on the whole and per section, comments on the
// candidate's stories, and exports the feedback. The candidate's attempts and stories live in a
// review store of their own, apart from the mentor's practice.
type reviewScreen struct {
	reviewDeps
	view     viewToken // this screen's time on view: its loads are dropped once the user has left
	session  ReviewSession
	list     *widget.List      // the attempts, then the stories
	page     *container.Scroll // the detail's scroll; a diagram on it hands it the mouse wheel
	attempts []prep.AttemptSummary
	stories  []prep.Story
	detail   *fyne.Container
	reviewer *entry
	status   *widget.Label
	root     fyne.CanvasObject

	current  prep.Attempt
	editing  uuid.UUID // the ID of the review being edited: saving again replaces it, never adds one
	choices  []*widget.RadioGroup
	comment  *textArea // the editor the answers are written in: a comment is stored as typed
	sections map[string]*textArea

	story        prep.Story // the story open, when one is
	storyEditing uuid.UUID  // the ID of the story comment being edited: saving again replaces it
	storyComment *textArea
}

// reviewDeps is what review mode uses, and no more.
type reviewDeps struct {
	frame frame
	win   fyne.Window // the window its dialogs open over
	prefs fyne.Preferences
	now   func() time.Time  // the wall clock, for the reviews' stamps
	model prep.Competencies // names the competencies a story shows
	// closing counts the review stores closing in the background, so the app's Drain waits for them.
	closing *sync.WaitGroup
}

func (u *UI) reviewDeps() reviewDeps {
	return reviewDeps{frame: u, win: u.win, prefs: u.app.Preferences(), now: u.deps.Now, model: u.deps.Competencies, closing: &u.savers}
}

func newReviewScreen(deps reviewDeps, s ReviewSession) *reviewScreen {
	r := &reviewScreen{reviewDeps: deps, view: deps.frame.newScreenToken(), session: s, detail: container.NewVBox(widget.NewLabel("Choose an answer to review.")),
		reviewer: newEntry(), status: widget.NewLabel("")}
	r.reviewer.SetText(r.prefs.String(prefReviewer))
	r.reviewer.SetPlaceHolder("Your name, as the candidate will see it")
	r.reviewer.OnChanged = func(v string) { r.prefs.SetString(prefReviewer, v) }
	r.list = widget.NewList(
		func() int { return len(r.attempts) + len(r.stories) },
		func() fyne.CanvasObject { l := widget.NewLabel(""); l.Truncation = fyne.TextTruncateEllipsis; return l },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(r.attempts) {
				setLabel(o.(*widget.Label), "Story · "+r.stories[id-len(r.attempts)].DisplayTitle())
				return
			}
			a := r.attempts[id]
			setLabel(o.(*widget.Label), fmt.Sprintf("%s · %s", a.FinishedAt.Local().Format("2 Jan"), a.PromptTitle))
		})
	r.list.OnSelected = r.onSelected
	export := widget.NewButton("Export feedback…", r.onExportFeedback)
	export.Importance = widget.HighImportance
	top := container.NewVBox(r.frame.navBar(""), bold("Review mode: a candidate's attempts, kept apart from your own practice"),
		container.NewBorder(nil, nil, widget.NewLabel("Reviewer"), export, r.reviewer), r.status)
	r.page = container.NewVScroll(r.detail)
	split := steadySplit(r.list, r.page, 0.3)
	r.root = container.NewBorder(top, nil, nil, nil, split)
	type bundle struct {
		attempts []prep.AttemptSummary
		stories  []prep.Story
	}
	runFor(r.view, func() (bundle, error) {
		list, err := s.Attempts()
		if err != nil {
			return bundle{}, fmt.Errorf("could not read the bundle's attempts: %w", err)
		}
		stories, err := s.Stories()
		if err != nil {
			return bundle{attempts: list}, fmt.Errorf("could not read the bundle's stories: %w", err)
		}
		return bundle{list, stories}, nil
	}, func(b bundle, err error) {
		r.attempts, r.stories = b.attempts, b.stories
		r.list.Refresh()
		if err != nil {
			r.status.SetText(prep.Sentence(err.Error()))
			return
		}
		what := prep.Count(len(b.attempts), "answer")
		if len(b.stories) > 0 {
			what += " and " + prep.Count(len(b.stories), "story|stories")
			if len(r.detail.Objects) == 1 { // still the first prompt: say where the stories are
				r.detail.Objects = []fyne.CanvasObject{widget.NewLabel("Choose an answer to review, or a story (listed after the answers) to comment on.")}
				r.detail.Refresh()
			}
		}
		r.status.SetText(what + " to review.")
	})
	return r
}

func (r *reviewScreen) onSelected(id widget.ListItemID) {
	if id >= len(r.attempts) {
		r.onStorySelected(r.stories[id-len(r.attempts)])
		return
	}
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
	if card := diagramCard(a, r.page); card != nil {
		objs = append(objs, card)
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

// onStorySelected reads the mentor's comments on the story and shows it with the comment editor.
func (r *reviewScreen) onStorySelected(st prep.Story) {
	runFor(r.view, func() ([]prep.StoryComment, error) { return r.session.StoryComments(st.ID) }, func(cs []prep.StoryComment, err error) {
		if err != nil {
			r.status.SetText("Could not read your comments on this story: " + err.Error())
			return
		}
		r.showStory(st, cs)
	})
}

// showStory lays out the story as the candidate wrote it and an editor for the mentor's comment,
// filled from their latest comment on it, which saving replaces (as a review is replaced).
func (r *reviewScreen) showStory(st prep.Story, comments []prep.StoryComment) {
	r.story, r.storyEditing = st, uuid.Nil
	r.storyComment = newMultiLineEntry()
	r.storyComment.SetMinRowsVisible(6)
	r.storyComment.SetPlaceHolder("Your comment on this story: is the scope at the level, are the actions theirs, is the result measured, which questions it answers")
	objs := []fyne.CanvasObject{widget.NewCard(st.DisplayTitle(), storyFacts(&st, r.model), newMarkdownView(storyMarkdown(&st)))}
	if n := len(comments); n > 0 {
		last := comments[n-1]
		r.storyEditing = last.ID
		r.storyComment.SetText(last.Comment)
	}
	save := widget.NewButton("Save comment", r.onSaveStoryComment)
	save.Importance = widget.HighImportance
	objs = append(objs, widget.NewCard("Your comment", "Sent back with your reviews when you export the feedback", r.storyComment), container.NewHBox(save))
	r.detail.Objects = objs
	r.detail.Refresh()
}

// onSaveStoryComment checks and saves the comment as `panelprep review --story` does: signed with
// the reviewer's name, stamped to the second.
func (r *reviewScreen) onSaveStoryComment() {
	c, err := prep.NewStoryComment(&r.story, r.reviewer.Text, r.storyComment.Text(), r.now().UTC().Truncate(time.Second))
	if err != nil {
		r.frame.showError("The comment cannot be saved yet", err)
		return
	}
	if r.storyEditing != uuid.Nil {
		c.ID = r.storyEditing
	}
	r.storyEditing = c.ID
	title := r.story.DisplayTitle()
	run(r.frame.bridge(), func() (struct{}, error) { return struct{}{}, r.session.SaveStoryComment(c) }, func(_ struct{}, err error) {
		if err != nil {
			r.frame.showError("Could not save the comment", err)
			return
		}
		r.status.SetText(prep.Sentence("Saved your comment on the story “" + title + "”"))
	})
}

// storyFacts is the line under a story's title: when, where, the candidate's role and scope, and
// the competencies it is told for.
func storyFacts(st *prep.Story, model prep.Competencies) string {
	var parts []string
	for _, p := range []string{st.When(), st.Where, st.Role} {
		if strings.TrimSpace(p) != "" {
			parts = append(parts, p)
		}
	}
	if st.Teams > 0 {
		parts = append(parts, prep.Count(st.Teams, "team"))
	}
	if st.People > 0 {
		parts = append(parts, prep.Count(st.People, "person|people"))
	}
	if st.Budget != "" {
		parts = append(parts, "budget "+st.Budget)
	}
	var shows []string
	for _, id := range st.Competencies {
		shows = append(shows, model.Label(id))
	}
	if len(shows) > 0 {
		parts = append(parts, "shows "+strings.Join(shows, ", "))
	}
	return strings.Join(parts, " · ")
}

// storyMarkdown is the story's text under a heading per field, the fields left empty left out.
// The text is the candidate's: drawn by the offline Markdown renderer (ui/markdown.go).
func storyMarkdown(st *prep.Story) string {
	var b strings.Builder
	for _, f := range []struct{ name, text string }{
		{"Situation", st.Situation}, {"Actions", st.Actions}, {"Result", st.Result}, {"Numbers", st.Numbers}, {"Learning", st.Learning},
	} {
		if strings.TrimSpace(f.text) != "" {
			fmt.Fprintf(&b, "**%s**\n\n%s\n\n", f.name, f.text)
		}
	}
	if b.Len() == 0 {
		return "*(nothing written yet)*"
	}
	return b.String()
}
