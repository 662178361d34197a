// Package report turns a bundle into something a person reads: a self-contained HTML page, a
// Markdown file or a PDF. It works from a prep.Bundle alone, so `panelprep report BUNDLE` never
// opens a store.
//
// Every word in a bundle was typed by someone (the candidate's answers, a mentor's comments, even
// a prompt's title in a hand-edited file), so all of it is treated as untrusted text: the HTML goes
// through html/template and carries a Content-Security-Policy that forbids scripts and remote
// loads; the Markdown escapes what would otherwise become raw HTML, links or images; the PDF only
// ever draws text.
package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"github.com/google/uuid"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"

	"github.com/panelprep/panelprep/prep"
)

// Format is a report's file type.
type Format string

// The report formats.
const (
	HTML     Format = "html"
	Markdown Format = "md"
	PDF      Format = "pdf"
)

// Formats lists the formats in the order the CLI offers them.
var Formats = []Format{HTML, Markdown, PDF}

// ParseFormat accepts a format's name as a user types it.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimPrefix(s, ".")) {
	case "html", "htm":
		return HTML, nil
	case "md", "markdown":
		return Markdown, nil
	case "pdf":
		return PDF, nil
	}
	return "", fmt.Errorf("unknown report format %q (use html, md or pdf)", s)
}

// Write writes the report of b in format f. Scores add up by the competency each criterion names;
// without a model to name them (WriteWith), competencies are shown by their IDs.
func Write(w io.Writer, b *prep.Bundle, f Format) error { return WriteWith(w, b, f, nil) }

// WriteWith is Write with the competency model that names the competencies.
func WriteWith(w io.Writer, b *prep.Bundle, f Format, model prep.Competencies) error {
	v := build(b, model)
	switch f {
	case HTML:
		return writeHTML(w, v)
	case Markdown:
		return writeMarkdown(w, v)
	case PDF:
		return writePDF(w, v)
	}
	return fmt.Errorf("unknown report format %q (use html, md or pdf)", f)
}

//go:embed templates/report.html
var templates embed.FS

var htmlTemplate = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"pct": func(v float64) string { return fmt.Sprintf("%.1f", v) },
	"md":  htmlOf,
}).ParseFS(templates, "templates/report.html"))

// WriteHTML writes a self-contained HTML page: inline CSS, inline SVG charts, no scripts and no
// remote resources (its Content-Security-Policy forbids both).
func WriteHTML(w io.Writer, b *prep.Bundle) error { return writeHTML(w, build(b, nil)) }

func writeHTML(w io.Writer, v view) error {
	// Render into memory first, so a template error never leaves half a report in the file.
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("writing the HTML report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// view is the report's content, computed once for every format.
type view struct {
	Title      string
	Kind       prep.BundleKind
	KindLabel  string
	ExportedAt string
	ExportedBy string
	Attempts   []attemptView
	// Competencies adds the scores up by competency, weakest first (Unmapped last), each with its
	// criteria beneath; the chart draws them.
	Competencies []competencyView
	Chart        chart
	Orphans      []reviewView // reviews of attempts the bundle does not carry
	Stories      []storyView  // stories.go
	// StoryComments are a mentor's comments on stories (a feedback bundle; stories.go).
	StoryComments []storyCommentView
	Reviews       int
	exportedAt    time.Time // for the PDF's dates
}

type attemptView struct {
	N         int
	ID        string
	Title     string
	Meta      string // round, level, context
	Finished  string
	TimeUsed  string
	Scenario  text
	Answer    text
	FollowUps []followUpView
	Teams     [][]string // the org-design team table, header first
	// TeamsInAnswer is set when the answer already shows the team table (the app writes it into the
	// answer's "Team table" section): the report then draws it once, there, and adds only the
	// spans and paths worked out from it.
	TeamsInAnswer bool
	TeamsHeading  string
	Spans         [][]string // span of control per EM, header first
	TeamNotes     []string   // communication paths and the Director's span
	Estimates     [][]string // the estimate sheet, header first (estimates.go)
	Phases        []phaseView
	Reviewers     []string // column headings of the score table
	Scores        []scoreRow
	SelfAvg       string
	Reflection    text
	Reviews       []reviewView
	Story         string       // the story told, for a behavioural question (stories.go)
	Diagram       *diagramView // the whiteboard, nil when none was drawn (diagram.go)
}

type followUpView struct {
	Asker, AskedAt, Question string
	Answer                   text
}

type phaseView struct {
	Name, Budget, Used string
	Over               bool
}

type scoreRow struct {
	Criterion string
	Self      string   // "3" or "–"
	Evidence  string   // the passage of the answer the candidate cited for their score, or ""
	Mentor    []string // one per review, "–" where that review left the criterion out
}

type reviewView struct {
	Reviewer   string
	ReviewedAt string
	AttemptID  string
	Scores     []prep.Score
	Comment    text
	Sections   []sectionComment
}

type sectionComment struct {
	Title   string
	Comment text
}

type competencyView struct {
	criterionView // Name is the competency's
	Criteria      []criterionView
}

type criterionView struct {
	Name              string
	Self, Mentor      float64 // averages; 0 when there are none
	SelfN, MentorN    int
	SelfPct, MentorPc float64 // bar lengths as a share of the 4-point scale, 0 to 100
}

const dash = "–"

// build computes the report's content from a bundle: a header, a view of each attempt, and the
// scores added up by competency over the self-scores and every review.
func build(b *prep.Bundle, model prep.Competencies) view {
	v := header(b)
	t := newTally(model)
	for i := range b.Attempts {
		v.Attempts = append(v.Attempts, t.attempt(b, i))
	}
	for _, r := range b.AllReviews() {
		v.Reviews++
		t.review(r)
	}
	for _, r := range b.Reviews {
		v.Orphans = append(v.Orphans, reviewOf(r))
	}
	v.Competencies = t.competencies()
	rows := make([]criterionView, len(v.Competencies))
	for i, g := range v.Competencies {
		rows[i] = g.criterionView
	}
	v.Chart = newChart(rows)
	v.Stories = storyViews(b.Stories, b)
	v.StoryComments = storyCommentViews(b)
	return v
}

// header is the report's title and who exported the bundle when.
func header(b *prep.Bundle) view {
	v := view{Kind: b.Kind, ExportedBy: b.ExportedBy, ExportedAt: when(b.ExportedAt), exportedAt: b.ExportedAt}
	switch b.Kind {
	case prep.BundleFeedback:
		v.KindLabel = "Mentor feedback"
	default:
		v.KindLabel = "Practice attempts"
	}
	v.Title = fmt.Sprintf("PanelPrep: %s, %d %s", strings.ToLower(v.KindLabel), len(b.Attempts), plural(len(b.Attempts), "attempt"))
	return v
}

// scoreSum is the self-scores and mentor scores of one criterion added up.
type scoreSum struct {
	self, mentor   float64
	selfN, mentorN int
	order          int
}

// criterionKey is a criterion under its competency.
type criterionKey struct{ competency, criterion string }

// tally adds the scores up by competency, then criterion: the competency of a criterion is the one
// the attempt's own prompt names; a review of an attempt the bundle does not carry counts under
// Unmapped.
type tally struct {
	model        prep.Competencies
	sums         map[criterionKey]*scoreSum
	competencyOf map[uuid.UUID]map[string]string // attempt ID -> criterion -> competency
}

func newTally(model prep.Competencies) *tally {
	return &tally{model: model, sums: map[criterionKey]*scoreSum{}, competencyOf: map[uuid.UUID]map[string]string{}}
}

// sum is the running sum of a criterion, under Unmapped when its competency is none or unknown.
func (t *tally) sum(competency, criterion string) *scoreSum {
	if competency == "" || (t.model != nil && !t.model.Known(competency)) {
		competency = prep.Unmapped
	}
	k := criterionKey{competency, criterion}
	c := t.sums[k]
	if c == nil {
		c = &scoreSum{order: len(t.sums)}
		t.sums[k] = c
	}
	return c
}

// attempt is the view of b.Attempts[i], its self-scores added to the tally.
func (t *tally) attempt(b *prep.Bundle, i int) attemptView {
	a := &b.Attempts[i]
	av := attemptView{
		N: i + 1, ID: a.ID.String(), Title: a.Prompt.Title,
		Meta:     strings.Join(nonEmpty(a.Prompt.Round.Label(), string(a.Prompt.Level), a.Prompt.Context.Label()), " · "),
		Finished: when(a.FinishedAt), Scenario: parse(a.Prompt.Scenario), Answer: parse(a.Answer),
		Reflection: parse(a.Reflection), Story: storyTold(b, a.StoryID),
		Diagram: diagramViewOf(a.Diagram, a.DiagramSnapshots),
	}
	av.phases(a.PhaseTimes)
	av.teams(a.Teams)
	av.Estimates = estimatesTable(a.Estimates)
	for _, f := range a.FollowUps {
		av.FollowUps = append(av.FollowUps, followUpView{Asker: f.Asker.Label(), AskedAt: clock(f.AskedAt), Question: f.Question, Answer: parse(f.Answer)})
	}
	for _, r := range a.Reviews {
		av.Reviewers = append(av.Reviewers, r.Reviewer)
		av.Reviews = append(av.Reviews, reviewOf(r))
	}
	rubric := map[string]string{}
	for _, cr := range a.Prompt.Rubric {
		rubric[cr.Name] = cr.Competency
	}
	t.competencyOf[a.ID] = rubric
	for _, s := range a.Scores {
		cc := t.sum(rubric[s.Criterion], s.Criterion)
		cc.self += float64(s.Value)
		cc.selfN++
	}
	av.scores(&a.Attempt, a.Reviews)
	return av
}

// phases is the time used in each phase against its budget, and in all.
func (av *attemptView) phases(times []prep.PhaseTime) {
	var used, budget time.Duration
	for _, p := range times {
		used += p.Used
		budget += p.Budget
		av.Phases = append(av.Phases, phaseView{Name: p.Name, Budget: clock(p.Budget), Used: clock(p.Used), Over: p.Used > p.Budget})
	}
	if len(times) > 0 {
		av.TimeUsed = fmt.Sprintf("%s of %s", clock(used), clock(budget))
	}
}

// teams is an org-design answer's team table, with the spans and paths worked out from it.
func (av *attemptView) teams(teams []prep.Team) {
	if len(teams) == 0 {
		return
	}
	av.Teams, av.Spans, av.TeamNotes = teamTables(teams)
	av.TeamsInAnswer = av.Answer != nil && av.Answer.HasTeamTable()
	av.TeamsHeading = "Team table: spans and paths"
	if av.TeamsInAnswer {
		av.TeamsHeading = "Spans and paths of the team table"
	}
}

// scores is the score table: one row per rubric criterion, the self-score with its cited passage
// and each review's score.
func (av *attemptView) scores(a *prep.Attempt, reviews []prep.Review) {
	self := map[string]int{}
	cited := map[string]string{}
	for _, s := range a.Scores {
		self[s.Criterion] = s.Value
		cited[s.Criterion] = s.Evidence
	}
	for _, cr := range a.Prompt.Rubric {
		row := scoreRow{Criterion: cr.Name, Self: dash, Evidence: cited[cr.Name]}
		if s, ok := self[cr.Name]; ok {
			row.Self = fmt.Sprint(s)
		}
		for _, r := range reviews {
			m := dash
			for _, s := range r.Scores {
				if s.Criterion == cr.Name {
					m = fmt.Sprint(s.Value)
				}
			}
			row.Mentor = append(row.Mentor, m)
		}
		av.Scores = append(av.Scores, row)
	}
	if len(a.Scores) > 0 {
		av.SelfAvg = fmt.Sprintf("%.1f", prep.AverageScore(a.Scores))
	}
}

// review adds a mentor's scores to the tally.
func (t *tally) review(r prep.Review) {
	for _, s := range r.Scores {
		cc := t.sum(t.competencyOf[r.AttemptID][s.Criterion], s.Criterion)
		cc.mentor += float64(s.Value)
		cc.mentorN++
	}
}

// competencies is the tally by competency, each with its criteria beneath, weakest first as the
// progress screen lists them (where to practise next), Unmapped last.
func (t *tally) competencies() []competencyView {
	byComp := map[string]*competencyView{}
	var order []string
	for k, c := range t.sums {
		g := byComp[k.competency]
		if g == nil {
			g = &competencyView{criterionView: criterionView{Name: t.model.Label(k.competency)}}
			byComp[k.competency] = g
			order = append(order, k.competency)
		}
		g.Criteria = append(g.Criteria, averaged(k.criterion, c.self, c.selfN, c.mentor, c.mentorN))
		g.Self += c.self
		g.SelfN += c.selfN
		g.Mentor += c.mentor
		g.MentorN += c.mentorN
	}
	sort.Strings(order)
	var out []competencyView
	for _, id := range order {
		g := byComp[id]
		g.criterionView = averaged(g.Name, g.Self, g.SelfN, g.Mentor, g.MentorN)
		sort.SliceStable(g.Criteria, func(i, j int) bool {
			if wi, wj := weakness(g.Criteria[i]), weakness(g.Criteria[j]); wi != wj {
				return wi < wj
			}
			return g.Criteria[i].Name < g.Criteria[j].Name
		})
		out = append(out, *g)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ui, uj := out[i].Name == prep.UnmappedLabel, out[j].Name == prep.UnmappedLabel
		if ui != uj {
			return uj
		}
		return weakness(out[i].criterionView) < weakness(out[j].criterionView)
	})
	return out
}

// averaged is a row from sums and counts.
func averaged(name string, self float64, selfN int, mentor float64, mentorN int) criterionView {
	cv := criterionView{Name: name, SelfN: selfN, MentorN: mentorN}
	if selfN > 0 {
		cv.Self = self / float64(selfN)
	}
	if mentorN > 0 {
		cv.Mentor = mentor / float64(mentorN)
	}
	cv.SelfPct, cv.MentorPc = cv.Self*25, cv.Mentor*25
	return cv
}

// weakness ranks a criterion by the mentor's average where there is one, else the self-score.
func weakness(c criterionView) float64 {
	if c.MentorN > 0 {
		return c.Mentor
	}
	if c.SelfN > 0 {
		return c.Self
	}
	return math.Inf(1)
}

// teamTables is the team table with the arithmetic an org-design panel expects: spans of control
// and communication paths (prep.ComputeTeamStats), so a mentor sees the numbers the candidate saw.
func teamTables(teams []prep.Team) (table, spans [][]string, notes []string) {
	table = [][]string{{"Team", "Type", "EM", "Engineers"}}
	for _, t := range teams {
		table = append(table, []string{t.Name, string(t.Type), t.EM, fmt.Sprint(t.Engineers)})
	}
	st := prep.ComputeTeamStats(teams)
	spans = [][]string{{"EM", "Teams", "Reports", "Note"}}
	for _, s := range st.Spans {
		spans = append(spans, []string{s.EM, fmt.Sprint(s.Teams), fmt.Sprint(s.Reports), s.Flag})
	}
	paths := 0
	for _, p := range st.PathsPerTeam {
		paths += p
	}
	notes = append(notes, fmt.Sprintf("%d %s and %d %s: %d communication paths within the teams, against %d as one group.",
		st.Engineers, plural(st.Engineers, "engineer"), st.EMs, plural(st.EMs, "EM"), paths, st.PathsIfOneTeam))
	if st.DirectorFlag != "" {
		notes = append(notes, st.DirectorFlag+".")
	}
	return table, spans, notes
}

func reviewOf(r prep.Review) reviewView {
	rv := reviewView{Reviewer: r.Reviewer, ReviewedAt: when(r.ReviewedAt), AttemptID: r.AttemptID.String(), Scores: r.Scores, Comment: parse(r.Comment)}
	titles := make([]string, 0, len(r.SectionComments))
	for t := range r.SectionComments {
		titles = append(titles, t)
	}
	sort.Strings(titles)
	for _, t := range titles {
		rv.Sections = append(rv.Sections, sectionComment{Title: t, Comment: parse(r.SectionComments[t])})
	}
	return rv
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006, 15:04 MST")
}

// clock shows a duration as m:ss, or h:mm:ss past an hour.
func clock(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// chart is a horizontal bar chart of per-criterion averages, drawn as inline SVG by the template:
// no script, no external file, nothing a Content-Security-Policy of default-src 'none' blocks.
type chart struct {
	Width, Height int
	LabelWidth    int
	BarWidth      int // the length of a 4
	Rows          []chartRow
	Ticks         []chartTick
	AxisY         int
	HasMentor     bool
}

type chartRow struct {
	Label            string
	Title            string // full name and figures, shown as a tooltip
	Y                int
	SelfW, MentorW   int
	SelfY, MentorY   int
	SelfV, MentorV   string
	SelfX, MentorX   int // where the value label goes
	HasSelf, HasMent bool
}

type chartTick struct {
	X     int
	Label string
}

const (
	chartBarWidth  = 360
	chartRowHeight = 34
	chartTop       = 8
	// chartLabelGap is the room between a label's end and its bar (the template's dx) and at the
	// chart's left edge.
	chartLabelGap = 8
	// chartLabelMax is the widest the label column grows: a longer name is cut to fit, and the
	// row's tooltip and the table under the chart give it in full.
	chartLabelMax = 380
	// chartFontPx is the labels' font size in the template (svg text).
	chartFontPx = 12
	// chartFontSlack is how much wider than Liberation Sans (Arial's metrics) a reader's sans-serif
	// may set the same text: DejaVu Sans, the default on many Linux desktops, is 10 to 15% wider.
	chartFontSlack = 1.25
)

var (
	chartFaceOnce sync.Once
	chartFace     font.Face
)

// chartTextWidth is how wide s is set in the chart's labels, in pixels, with room for a wider font
// than the one measured. The label column was a fixed 220 px with names cut at 34 characters, and
// a long competency ("Technical judgement and architecture") still ran past the chart's left edge.
func chartTextWidth(s string) int {
	chartFaceOnce.Do(func() {
		f, err := opentype.Parse(liberationsansregular.TTF)
		if err == nil {
			chartFace, err = opentype.NewFace(f, &opentype.FaceOptions{Size: chartFontPx, DPI: 72, Hinting: font.HintingNone})
		}
		if err != nil { // the font is compiled in: this cannot happen short of a broken build
			chartFace = nil
		}
	})
	if chartFace == nil {
		return int(math.Ceil(float64(len([]rune(s))) * chartFontPx * 0.62 * chartFontSlack))
	}
	return int(math.Ceil(float64(font.MeasureString(chartFace, s)) / 64 * chartFontSlack))
}

// fitLabel is name, cut with an ellipsis to at most room pixels.
func fitLabel(name string, room int) string {
	if chartTextWidth(name) <= room {
		return name
	}
	r := []rune(name)
	for len(r) > 1 && chartTextWidth(string(r)+"…") > room {
		r = r[:len(r)-1]
	}
	return strings.TrimRight(string(r), " ,;:") + "…"
}

func newChart(cs []criterionView) chart {
	c := chart{BarWidth: chartBarWidth}
	// The label column is as wide as the longest name needs, up to chartLabelMax.
	textW := 0
	for _, cv := range cs {
		textW = max(textW, min(chartTextWidth(cv.Name), chartLabelMax))
	}
	c.LabelWidth = textW + 2*chartLabelGap
	c.Width = c.LabelWidth + chartBarWidth + 50
	for i, cv := range cs {
		y := chartTop + i*chartRowHeight
		row := chartRow{Label: fitLabel(cv.Name, chartLabelMax), Y: y + 14, SelfY: y + 3, MentorY: y + 16,
			HasSelf: cv.SelfN > 0, HasMent: cv.MentorN > 0}
		row.Title = fmt.Sprintf("%s: self %s", cv.Name, avgText(cv.Self, cv.SelfN))
		if cv.MentorN > 0 {
			row.Title += ", mentor " + avgText(cv.Mentor, cv.MentorN)
			c.HasMentor = true
		}
		row.SelfW = int(math.Round(cv.Self / 4 * chartBarWidth))
		row.MentorW = int(math.Round(cv.Mentor / 4 * chartBarWidth))
		row.SelfV, row.MentorV = fmt.Sprintf("%.1f", cv.Self), fmt.Sprintf("%.1f", cv.Mentor)
		row.SelfX, row.MentorX = c.LabelWidth+row.SelfW+4, c.LabelWidth+row.MentorW+4
		c.Rows = append(c.Rows, row)
	}
	c.AxisY = chartTop + len(cs)*chartRowHeight
	for s := 0; s <= 4; s++ {
		c.Ticks = append(c.Ticks, chartTick{X: c.LabelWidth + s*chartBarWidth/4, Label: fmt.Sprint(s)})
	}
	c.Height = c.AxisY + 20
	return c
}

func avgText(v float64, n int) string {
	return fmt.Sprintf("%.1f over %d %s", v, n, plural(n, "score"))
}

// shorten cuts s to at most n characters, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
