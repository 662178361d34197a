package ui

import (
	"fmt"
	"image/color"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// Mentor is the round trip with a mentor, wired by cmd to the store and the report writers. Any
// field may be nil; its controls are then hidden.
type Mentor struct {
	// Export writes the attempts in scope to path as a bundle ("json") or a report ("html", "md",
	// "pdf") and returns the file's size.
	Export func(scope ExportScope, format, path string) (int64, error)
	// ImportFeedback attaches a mentor's reviews from a feedback bundle and says what it did.
	ImportFeedback func(path string) (string, error)
	// OpenReview opens a candidate's bundle for review, in a store kept apart from practice data.
	OpenReview func(path string) (ReviewSession, error)
	// ReadBundle reads and checks a bundle file in full; WriteBundle writes one and returns its
	// size. Interviewer mode reads the candidate's attempts and writes its feedback with them.
	ReadBundle  func(path string) (*prep.Bundle, error)
	WriteBundle func(path string, b prep.Bundle) (int64, error)
}

// ExportScope chooses attempts to export; the zero value is every attempt.
type ExportScope struct {
	Attempt uuid.UUID
	Prompt  string
	Since   time.Time
}

// ReviewSession is a mentor's review store: a candidate's attempts and stories, and the mentor's
// reviews of the attempts and comments on the stories.
type ReviewSession interface {
	Attempts() ([]prep.AttemptSummary, error)
	Attempt(id uuid.UUID) (prep.Attempt, error)
	Reviews(attempt uuid.UUID) ([]prep.Review, error)
	SaveReview(r prep.Review) error
	// The candidate's stories, as their bundle carried them, and the mentor's comments on them:
	// saved beside the story (which never changes) and exported with the reviews.
	Stories() ([]prep.Story, error)
	StoryComments(storyID uuid.UUID) ([]prep.StoryComment, error)
	SaveStoryComment(c prep.StoryComment) error
	// ExportFeedback writes the reviews as a feedback bundle for the candidate.
	ExportFeedback(path, reviewer string) (int64, error)
	Close() error
}

func (u *UI) export(s ExportScope, format, path string) {
	busy := showBusyCancellable(u.win, "Exporting", "Writing "+filepath.Base(path)+"…")
	run(&u.bg, func() (int64, error) {
		if u.gate != nil {
			u.gate.wait() // a report adds scores up by competency: wait for old attempts to be mapped
		}
		return u.deps.Mentor.Export(s, format, path)
	}, func(n int64, err error) {
		written := path
		if err != nil {
			written = ""
		}
		if busy.finish(written) {
			return
		}
		if err != nil {
			u.showError("The export failed", err)
			return
		}
		dialog.ShowInformation("Exported", fmt.Sprintf("Wrote %s (%s).", path, humanSize(n)), u.win)
	})
}

// chooseFile asks for a file with one of the extensions and hands its path to then. The dialog's
// reader is closed unread: the work that follows opens the file itself, off the UI thread.
func chooseFile(w fyne.Window, ext string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// showImportFeedback attaches a mentor's feedback bundle.
func (u *UI) showImportFeedback() { chooseFile(u.win, ".json", u.importFeedback) }

func (u *UI) importFeedback(path string) {
	busy := showBusy(u.win, "Importing feedback", "Checking "+filepath.Base(path)+" in full before anything is written…")
	run(&u.bg, func() (string, error) { return u.deps.Mentor.ImportFeedback(path) }, func(summary string, err error) {
		busy.Hide()
		if err != nil {
			u.showImportProblems(filepath.Base(path), err)
			return
		}
		dialog.ShowInformation("Feedback imported", summary, u.win)
	})
}

// reviewerName is how a review is signed, with a stand-in for an unsigned one.
func reviewerName(r prep.Review) string {
	if strings.TrimSpace(r.Reviewer) == "" {
		return "Your mentor"
	}
	return r.Reviewer
}

// reviewBadge says who reviewed an attempt ("Reviewed by Sam, 3 Dec 2026"), or "" for none.
func reviewBadge(reviews []prep.Review) string {
	if len(reviews) == 0 {
		return ""
	}
	last := reviews[len(reviews)-1]
	return fmt.Sprintf("Reviewed by %s, %s", strings.Join(reviewers(reviews), " and "), last.ReviewedAt.Local().Format("2 Jan 2006"))
}

// reviewers are the names that signed the reviews, each once, in order.
func reviewers(reviews []prep.Review) []string {
	var names []string
	seen := map[string]bool{}
	for _, r := range reviews {
		if n := reviewerName(r); !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return names
}

// scoreColumnWidth is the width of a score column in the scores card: the columns line up under
// their headings whatever the criterion's name.
const scoreColumnWidth = 120

// scoresCard sets the self-score per criterion beside each mentor's, as a table: a row per
// criterion, a column for you and one per review, and under each row what your score meant.
func scoresCard(a prep.Attempt, reviews []prep.Review) fyne.CanvasObject {
	cell := func(text string, style fyne.TextStyle, imp widget.Importance) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignCenter, style)
		l.Truncation = fyne.TextTruncateEllipsis
		l.Importance = imp
		width := canvas.NewRectangle(color.Transparent)
		width.SetMinSize(fyne.NewSize(scoreColumnWidth, 0))
		return container.NewStack(width, l)
	}
	row := func(name fyne.CanvasObject, cells ...fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, container.NewHBox(cells...), name)
	}
	head := []fyne.CanvasObject{cell("You", fyne.TextStyle{Bold: true}, widget.MediumImportance)}
	for _, r := range reviews {
		head = append(head, cell(reviewerName(r), fyne.TextStyle{Bold: true}, widget.HighImportance))
	}
	box := container.NewVBox(row(bold("Criterion"), head...), widget.NewSeparator())
	for _, c := range a.Prompt.Rubric {
		self, ok := prep.ScoreOf(a.Scores, c.Name)
		cells := []fyne.CanvasObject{cell(scoreText(self, ok), fyne.TextStyle{}, widget.MediumImportance)}
		for _, r := range reviews {
			v, ok := prep.ScoreOf(r.Scores, c.Name)
			cells = append(cells, cell(scoreText(v, ok), fyne.TextStyle{Bold: ok}, widget.HighImportance))
		}
		name := widget.NewLabel(c.Name)
		name.Wrapping = fyne.TextWrapWord
		box.Add(row(name, cells...))
		if ok {
			meant := widget.NewLabelWithStyle(fmt.Sprintf("Your %d: %s", self, c.Anchor(self)), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
			meant.Wrapping = fyne.TextWrapWord
			box.Add(meant)
			if ev := evidenceLabel("Your evidence:", evidenceOf(a.Scores, c.Name)); ev != nil {
				box.Add(ev)
			}
		}
	}
	subtitle := "Your self-scores, with what each meant"
	if len(reviews) > 0 {
		subtitle = "Your self-scores beside your mentor's, never replaced by them"
	}
	return widget.NewCard("Scores", subtitle, box)
}

func scoreText(v int, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%d / 4", v)
}

// reviewsCard shows what the mentors wrote about an attempt: the overall comment and the comment
// on each section, as Markdown. Their scores are in the scores card, beside the self-scores.
func reviewsCard(a prep.Attempt, reviews []prep.Review) fyne.CanvasObject {
	box := container.NewVBox()
	for i, r := range reviews {
		if i > 0 {
			box.Add(widget.NewSeparator())
		}
		box.Add(bold(fmt.Sprintf("%s, %s", reviewerName(r), r.ReviewedAt.Local().Format("2 Jan 2006"))))
		if strings.TrimSpace(r.Comment) != "" {
			box.Add(newMarkdownView(r.Comment))
		}
		for _, sec := range a.Sections {
			if c := r.SectionComments[sec.Title]; strings.TrimSpace(c) != "" {
				box.Add(widget.NewLabelWithStyle("On "+sec.Title+":", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
				box.Add(newMarkdownView(c))
			}
		}
		if strings.TrimSpace(r.Comment) == "" && len(r.SectionComments) == 0 {
			box.Add(widget.NewLabel("(scores only, no comment)"))
		}
	}
	return widget.NewCard("Mentor comments", "", box)
}

// calibrationCard compares self-scores with mentor scores, criterion by criterion (a chart, and
// the same as text beneath it for screen readers) and over time.
func calibrationCard(c *calibrationView) fyne.CanvasObject {
	var b strings.Builder
	b.WriteString("Per competency, with its criteria beneath, on the attempts your mentors reviewed (largest gap first):\n")
	for _, g := range c.rows {
		fmt.Fprintf(&b, "%s: you %.1f, mentor %.1f (%s, %s)\n", g.Criterion, g.Self, g.Mentor, gapWords(g.Gap()), prep.Count(g.Count, "score"))
		for _, r := range g.Criteria {
			fmt.Fprintf(&b, "    %s: you %.1f, mentor %.1f (%s)\n", r.Criterion, r.Self, r.Mentor, gapWords(r.Gap()))
		}
	}
	b.WriteString("\nOver time (your score minus your mentor's):\n")
	for _, p := range c.points {
		fmt.Fprintf(&b, "%s: %+.1f over %s\n", p.Month.Format("January 2006"), p.Gap, prep.Count(p.Count, "score"))
	}
	l := widget.NewLabel(strings.TrimSpace(b.String()))
	l.Wrapping = fyne.TextWrapWord
	return widget.NewCard("Calibration: you against your mentors", "", container.NewVBox(c.box, l))
}

func gapWords(g float64) string {
	switch {
	case g >= 0.25:
		return fmt.Sprintf("you score yourself %.1f higher", g)
	case g <= -0.25:
		return fmt.Sprintf("you score yourself %.1f lower", -g)
	}
	return "in step"
}

// mentorButtons are the History screen's doors to the mentor round trip.
func (u *UI) mentorButtons() []fyne.CanvasObject {
	m := u.deps.Mentor
	var out []fyne.CanvasObject
	if m.Export != nil {
		out = append(out, widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), func() { u.showExport(ExportScope{}) }))
	}
	if m.ImportFeedback != nil {
		out = append(out, widget.NewButtonWithIcon("Import mentor feedback…", theme.DownloadIcon(), u.showImportFeedback))
	}
	if m.OpenReview != nil {
		out = append(out, widget.NewButtonWithIcon("Review a candidate's bundle…", theme.DocumentIcon(), u.showOpenReview))
	}
	out = append(out, widget.NewButtonWithIcon("Interview a candidate…", theme.AccountIcon(), u.showInterviewer))
	return out
}
