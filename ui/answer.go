package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// answerPanel is where the candidate writes: one free-text editor, or the round type's template as
// sections (with a live team table for org design). Switching between the two never drops text.
//
// The panel edits the round screen's draft in place: the saver keeps its own copy of what it is
// handed (prep.Draft.Clone), so no write in flight sees a half-made edit.
type answerPanel struct {
	draft    *prep.Draft
	onChange func()

	mode     *widget.Check // "Answer in sections"; nil when the round type has no template
	free     *longEditor
	sections []*longEditor
	teams    *teamTable
	body     *fyne.Container
	root     fyne.CanvasObject

	sectionsView fyne.CanvasObject
	lastSection  *textArea // the section last given the keyboard, where a line from the workbench goes
}

func newAnswerPanel(d *prep.Draft, onChange func()) *answerPanel {
	a := &answerPanel{draft: d, onChange: onChange, body: container.NewStack()}
	a.free = newLongEditor(d.Answer, "Write your answer here. It is saved as you type.")
	a.free.OnChange = func(text string) {
		a.draft.Answer = text
		a.onChange()
	}
	if prep.Template(d.Prompt.Round) == nil {
		a.body.Objects = []fyne.CanvasObject{a.free.scroll}
		a.root = a.body
		return a
	}
	if len(d.Sections) == 0 {
		d.Sections = prep.NewSections(d.Prompt.Round)
		if d.Answer == "" && d.Clock.Elapsed == nil {
			d.Structured = true // a new round starts in sections; the user may switch
		}
	}
	a.buildSections()
	a.mode = widget.NewCheck("Answer in sections", a.onModeChanged)
	a.mode.Checked = d.Structured
	a.showMode()
	a.root = container.NewBorder(a.mode, nil, nil, nil, a.body)
	return a
}

func (a *answerPanel) buildSections() {
	box := container.NewVBox()
	a.sections, a.lastSection = nil, nil
	for i, s := range a.draft.Sections {
		e := newLongEditor(s.Text, sectionPlaceholder(s.Title))
		e.OnChange = func(text string) { a.onSectionChanged(i, text) }
		e.entry.onFocus = func() { a.lastSection = e.entry }
		if s.Title == "Estimates" && a.lastSection == nil {
			a.lastSection = e.entry // until the writer picks a section, estimates go to their own
		}
		a.sections = append(a.sections, e)
		var content fyne.CanvasObject = e.entry
		if s.Title == prep.TeamTableSection {
			a.teams = newTeamTable(a.draft, a.onChange)
			content = container.NewVBox(a.teams.root, e.entry)
		}
		box.Add(container.NewVBox(bold(s.Title), content, widget.NewSeparator()))
	}
	page := container.NewVScroll(box)
	for _, e := range a.sections {
		e.entry.scroll = page // sections scroll with the page: the wheel and the cursor move it
	}
	a.sectionsView = page
}

func sectionPlaceholder(title string) string {
	if title == prep.TeamTableSection {
		return "Notes on the table: what each team owns, where the interfaces are."
	}
	return title + "…"
}

func (a *answerPanel) onSectionChanged(i int, text string) {
	a.draft.Sections[i].Text = text
	a.onChange()
}

// onModeChanged switches between sections and free text, carrying the text across.
func (a *answerPanel) onModeChanged(structured bool) {
	if structured == a.draft.Structured {
		return
	}
	if structured {
		a.draft.Sections = prep.SplitAnswer(a.draft.Prompt.Round, a.draft.Answer)
		a.draft.Structured = true
		a.buildSections()
	} else {
		a.draft.Answer = a.draft.FullAnswer()
		a.draft.Structured = false
		a.free.setText(a.draft.Answer)
	}
	a.showMode()
	a.onChange()
}

func (a *answerPanel) showMode() {
	if a.draft.Structured {
		a.body.Objects = []fyne.CanvasObject{a.sectionsView}
	} else {
		a.body.Objects = []fyne.CanvasObject{a.free.scroll}
	}
	a.body.Refresh()
}

// insertLine puts a line (an estimate, from the workbench) into the answer at the cursor of the
// free text, or of the section last written in.
func (a *answerPanel) insertLine(line string) {
	t := a.free.entry
	if a.draft.Structured && len(a.sections) > 0 {
		t = a.sections[0].entry
		if a.lastSection != nil {
			t = a.lastSection
		}
	}
	t.insertLine(line)
}

// focusTarget is where the keyboard goes when the round starts: the first section, or the answer.
func (a *answerPanel) focusTarget() *textArea {
	if a.draft.Structured && len(a.sections) > 0 {
		return a.sections[0].entry
	}
	return a.free.entry
}

// teamTable edits an org-design answer's teams and shows spans of control and communication paths
// as the user types.
type teamTable struct {
	draft    *prep.Draft
	onChange func()
	rows     *fyne.Container
	stats    *widget.Label
	root     fyne.CanvasObject
	cols     *teamColumns // the header's and every row's columns, so that they line up
}

func newTeamTable(d *prep.Draft, onChange func()) *teamTable {
	t := &teamTable{draft: d, onChange: onChange, rows: container.NewVBox(), stats: widget.NewLabel("")}
	t.stats.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon("Add team", theme.ContentAddIcon(), t.onAdd)
	t.cols = newTeamColumns()
	header := container.New(t.cols, bold("Team"), bold("Type"), bold("EM"), bold("Engineers"), widget.NewLabel(""))
	t.root = container.NewVBox(header, t.rows, container.NewHBox(add), t.stats)
	t.rebuild()
	return t
}

func bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (t *teamTable) rebuild() {
	t.rows.RemoveAll()
	for i, team := range t.draft.Teams {
		name := newEntry()
		name.SetText(team.Name)
		name.SetPlaceHolder("Team name")
		name.OnChanged = func(s string) { t.edit(i, func(tm *prep.Team) { tm.Name = s }) }
		types := make([]string, len(prep.TeamTypes))
		for j, tt := range prep.TeamTypes {
			types[j] = string(tt)
		}
		kind := widget.NewSelect(types, nil)
		kind.SetSelected(string(team.Type))
		kind.OnChanged = func(s string) { t.edit(i, func(tm *prep.Team) { tm.Type = prep.TeamType(s) }) }
		em := newEntry()
		em.SetText(team.EM)
		em.SetPlaceHolder("EM")
		em.OnChanged = func(s string) { t.edit(i, func(tm *prep.Team) { tm.EM = s }) }
		engineers := newEntry()
		engineers.SetText(strconv.Itoa(team.Engineers))
		engineers.OnChanged = func(s string) {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil || n < 0 {
				n = 0
			}
			t.edit(i, func(tm *prep.Team) { tm.Engineers = n })
		}
		remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { t.onRemove(i) })
		t.rows.Add(container.New(t.cols, name, kind, em, engineers, container.NewHBox(remove)))
	}
	t.rows.Refresh() // Add alone does not make the window lay the rows out again
	t.showStats()
}

// edit changes team i in place (the saver holds its own copy).
func (t *teamTable) edit(i int, change func(*prep.Team)) {
	change(&t.draft.Teams[i])
	t.showStats()
	t.onChange()
}

func (t *teamTable) onAdd() {
	t.draft.Teams = append(t.draft.Teams, prep.Team{Type: prep.StreamAligned, Engineers: 6})
	t.rebuild()
	t.onChange()
}

func (t *teamTable) onRemove(i int) {
	t.draft.Teams = slices.Delete(t.draft.Teams, i, i+1)
	t.rebuild()
	t.onChange()
}

func (t *teamTable) showStats() {
	t.stats.SetText(teamStatsText(prep.ComputeTeamStats(t.draft.Teams), len(t.draft.Teams)))
}

// teamStatsText is the live arithmetic under the team table.
func teamStatsText(st prep.TeamStats, teams int) string {
	if teams == 0 {
		return "Add the teams of your proposed structure: spans of control and communication paths are worked out as you type."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s and %s in %s.\n", prep.Count(st.Engineers, "engineer"), prep.Count(st.EMs, "EM"), prep.Count(teams, "team"))
	for _, s := range st.Spans {
		flag := "within 5 to 9"
		if s.Flag != "" {
			flag = "⚠ " + s.Flag
		}
		fmt.Fprintf(&b, "%s: %s across %s, %s\n", s.EM, prep.Count(s.Reports, "report"), prep.Count(s.Teams, "team"), flag)
	}
	paths := 0
	for _, p := range st.PathsPerTeam {
		paths += p
	}
	fmt.Fprintf(&b, "Communication paths inside teams: %d in all (n(n-1)/2 per team); as one group they would be %d.",
		paths, st.PathsIfOneTeam)
	if st.DirectorFlag != "" {
		b.WriteString("\n⚠ " + st.DirectorFlag)
	}
	return b.String()
}

// teamColumns lays out the team table's header and rows in the same five columns: the type, the
// engineers and the remove button as wide as they need, the team's name and its EM sharing the
// rest. As a grid of equal columns the table was five times as wide as the longest team type, and
// the org-design answer ran past the right edge of the round screen at the default window size.
// The name and EM entries scroll their text, so they can be narrow.
type teamColumns struct {
	kind   *widget.Select // measures the type column: as wide as the longest team type
	count  *widget.Label  // measures the engineers column: as wide as its heading
	remove *widget.Button // measures the remove column
}

// teamFlexMinInText is the narrowest the name and EM columns are made, in text sizes.
const teamFlexMinInText = 4

func newTeamColumns() *teamColumns {
	types := make([]string, len(prep.TeamTypes))
	for i, tt := range prep.TeamTypes {
		types[i] = string(tt)
	}
	kind := widget.NewSelect(types, nil)
	// A Select is as wide as its placeholder, whatever it shows: measure with the longest type as
	// the placeholder, so that no type is cut.
	kind.PlaceHolder = slices.MaxFunc(types, func(a, b string) int { return cmp.Compare(len(a), len(b)) })
	return &teamColumns{kind: kind, count: bold("Engineers"), remove: widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)}
}

// widths is the width of each column for a row width.
func (c *teamColumns) widths(width float32) [5]float32 {
	pad := theme.Padding()
	w := [5]float32{0, c.kind.MinSize().Width, 0, c.count.MinSize().Width, c.remove.MinSize().Width}
	flex := max(width-w[1]-w[3]-w[4]-4*pad, 2*teamFlexMinInText*theme.TextSize())
	w[0] = flex * 0.6
	w[2] = flex - w[0]
	return w
}

func (c *teamColumns) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	w := c.widths(size.Width)
	x := float32(0)
	for i, o := range objects {
		if i >= len(w) {
			break
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w[i], size.Height))
		x += w[i] + theme.Padding()
	}
}

func (c *teamColumns) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := c.widths(0)
	var m fyne.Size
	for i, width := range w {
		m.Width += width
		if i > 0 {
			m.Width += theme.Padding()
		}
	}
	for _, o := range objects {
		m.Height = max(m.Height, o.MinSize().Height)
	}
	return m
}
