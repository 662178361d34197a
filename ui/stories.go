package ui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// storiesScreen is the story bank: a list of the candidate's stories beside the story being
// written, and, on its second tab, the coverage matrix (storymatrix.go). Every field is saved as
// typed, through a saver of the open story's own (prep.StorySaver), like a round's draft: the disk
// is never waited on, and what the saver still holds is written out when another story is opened
// or the screen is left.
type storiesScreen struct {
	storiesDeps
	frame frame
	token viewToken // this screen's, for the work its handlers start

	stories    []prep.Story // as listed, most recently updated first
	rehearsals map[uuid.UUID]prep.StoryRehearsal
	cur        int // index in stories of the story open in the editor; -1 for none
	saver      *prep.StorySaver
	loading    bool // the editor is being filled: its change handlers must not save
	// held is true while a field's text is not saved as typed ("forty" in People): the notes say
	// which, and the save status does not claim that all is saved.
	held bool
	// openOnLoad is the story to open once the bank is read (from a search hit), or uuid.Nil.
	openOnLoad uuid.UUID
	// newOnLoad starts a new story once the bank is read (from the Today list), showing the
	// competency newFor unless it is "".
	newOnLoad bool
	newFor    string

	list       *widget.List
	message    *widget.Label
	status     *widget.Label
	notes      *widget.Label // what of the latest edit is not saved as typed, and why
	checklist  storyChecklist
	unknown    *widget.Label   // competencies of the open story this version does not know
	comments   *widget.Label   // a mentor's comments on the open story
	editor     *fyne.Container // the form; hidden while no story is open
	formScroll *container.Scroll
	empty      *widget.Label
	fields     storyFields
	tabs       *container.AppTabs
	matrix     *container.Scroll
	stopTick   func()
	root       fyne.CanvasObject
	left       bool
	deleteBtn  *widget.Button
}

// storiesDeps are what the Stories screen needs of the app, and nothing more.
type storiesDeps struct {
	store storyBank
	model prep.Competencies
	now   func() time.Time
	win   fyne.Window            // for the focus and the delete dialog
	tick  func(fn func()) func() // UI.tickEvery: redraws the save status
	// writeOut runs fn off the UI thread as a saver's last write, which quitting waits for
	// (UI.writeOut).
	writeOut func(fn func())
}

// storyFields are the editor's widgets, one per field of prep.Story.
type storyFields struct {
	title, year, where, role, teams, people, budget *storyEntry
	month                                           *storySelect
	situation, actions, result, numbers, learning   *textArea
	competencies                                    *widget.CheckGroup
}

// months are the choices of the month field; the first is "no month".
var months = []string{"Month not given", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

func (u *UI) showStories() { u.showStory(uuid.Nil) }

// showStory opens the Stories screen with one story open in the editor (none for uuid.Nil).
func (u *UI) showStory(id uuid.UUID) {
	s := u.newStories()
	s.openOnLoad = id
	u.show(s)
}

// showNewStory opens the Stories screen on a new story, already showing the competency (none for "").
func (u *UI) showNewStory(competency string) {
	s := u.newStories()
	s.newOnLoad, s.newFor = true, competency
	u.show(s)
}

func (u *UI) newStories() *storiesScreen {
	return newStoriesScreen(u, storiesDeps{store: u.deps.Store, model: u.deps.Competencies, now: u.deps.Now,
		win: u.win, tick: u.tickEvery, writeOut: u.writeOut})
}

// writeOut runs fn, a saver's last write, off the UI thread; Drain waits for it, and a read of the
// drafts waits for it too (closingSavers), as it does for the round's saver.
func (u *UI) writeOut(fn func()) {
	done := make(chan struct{})
	u.closing = append(u.closing, done)
	goBackground(&u.savers, func() {
		defer close(done)
		fn()
	})
}

func newStoriesScreen(f frame, d storiesDeps) *storiesScreen {
	s := &storiesScreen{storiesDeps: d, frame: f, token: f.newScreenToken(), cur: -1,
		message: widget.NewLabel("Loading your stories…"), status: widget.NewLabel(""), notes: widget.NewLabel(""),
		unknown: widget.NewLabel(""),
		empty:   widget.NewLabel("Choose a story on the left, or start a new one. Every field is saved as you type.")}
	// The status and the notes wrap: a note naming two fields was one line 1,500 pixels long, which
	// widened the window for good (Fyne never makes a window smaller again).
	s.status.Wrapping = fyne.TextWrapWord
	s.notes.Wrapping = fyne.TextWrapWord
	s.notes.Hide()
	s.unknown.Wrapping = fyne.TextWrapWord
	s.unknown.Importance = widget.WarningImportance
	s.unknown.Hide()
	s.comments = widget.NewLabel("")
	s.comments.Wrapping = fyne.TextWrapWord
	s.comments.Importance = widget.HighImportance
	s.comments.Hide()
	s.status.Importance = widget.LowImportance
	s.empty.Wrapping = fyne.TextWrapWord
	s.message.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(
		func() int { return len(s.stories) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			meta := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
			meta.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(title, meta)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			st := &s.stories[id]
			setLabel(box.Objects[0].(*widget.Label), st.DisplayTitle())
			setLabel(box.Objects[1].(*widget.Label), storyListLine(st, s.now())+" · "+rehearsalText(s.rehearsals[st.ID]))
		},
	)
	s.list.OnSelected = s.onSelected
	s.buildEditor()

	newBtn := widget.NewButton("New story", s.onNew)
	newBtn.Importance = widget.HighImportance
	left := container.NewBorder(container.NewVBox(newBtn, s.message), nil, nil, nil, s.list)
	right := container.NewStack(container.NewVBox(s.empty), s.editor)
	split := container.NewHSplit(left, right)
	split.Offset = 0.28
	s.matrix = container.NewScroll(widget.NewLabel(""))
	s.tabs = container.NewAppTabs(
		container.NewTabItem("Stories", split),
		container.NewTabItem("Coverage", s.matrix),
	)
	s.tabs.OnSelected = func(t *container.TabItem) {
		if t.Text == "Coverage" {
			s.showMatrix()
		}
	}
	s.root = container.NewBorder(f.navBar("Stories"), nil, nil, nil, s.tabs)
	s.stopTick = d.tick(s.showSaveStatus)
	runFor(s.token, func() (bankState, error) { return readBank(d.store) }, s.onLoaded)
	return s
}

func (s *storiesScreen) buildEditor() {
	f := &s.fields
	line := func(placeholder string) *storyEntry {
		e := newStoryEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { s.onEdited() }
		e.onFocus = func() { s.reveal(e) }
		return e
	}
	text := func(placeholder string, rows int) *textArea {
		t := newTextArea(placeholder)
		t.SetMinRowsVisible(rows)
		t.OnChanged = func(string) { s.onEdited() }
		t.onFocus = func() { s.reveal(t) }
		return t
	}
	f.title = line("A title you will recognise: \"Replacing the payments EM mid-quarter\"")
	f.month = newStorySelect(months, func(string) { s.onEdited() })
	f.month.onFocus = func() { s.reveal(f.month) }
	f.year = line("Year, e.g. 2024")
	f.where = line("Company")
	f.role = line("Your role then")
	f.teams = line("Teams, e.g. 4")
	f.people = line("People, e.g. 40")
	f.budget = line("Budget, e.g. $4.2M")
	f.situation = text("The situation: what was at stake, for whom, by when.", 3)
	f.actions = text("What you did: \"I\", not \"we\"; your reasoning, the choices you made and refused.", 4)
	f.result = text("The result, front-loaded.", 2)
	f.numbers = text("The numbers behind it: lead time 9 days to 3; attrition 18% to 7%.", 2)
	f.learning = text("What you learned, or would do differently.", 2)
	f.competencies = widget.NewCheckGroup(nil, func([]string) { s.onEdited() })
	for _, c := range s.model {
		f.competencies.Options = append(f.competencies.Options, c.Name)
	}
	f.competencies.Horizontal = false

	when := container.NewGridWithColumns(2, f.month, f.year)
	scope := container.NewGridWithColumns(3, f.teams, f.people, f.budget)
	form := widget.NewForm(
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("When", when),
		widget.NewFormItem("Where", f.where),
		widget.NewFormItem("Role", f.role),
		widget.NewFormItem("Scope", scope),
		widget.NewFormItem("Situation", f.situation),
		widget.NewFormItem("Actions", f.actions),
		widget.NewFormItem("Result", f.result),
		widget.NewFormItem("Numbers", f.numbers),
		widget.NewFormItem("Learning", f.learning),
		widget.NewFormItem("Shows", f.competencies),
	)
	s.deleteBtn = widget.NewButton("Delete story", s.onDelete)
	s.deleteBtn.Importance = widget.DangerImportance
	// Above the form only what does not change height while the story is typed: the checklist
	// keeps its items and ticks them. The save status and the notes on fields, which come and go
	// with each key, are below it, where they shorten the form's view from the bottom instead of
	// moving its fields under the mouse.
	s.checklist = newStoryChecklist()
	s.formScroll = container.NewVScroll(form)
	foot := container.NewBorder(nil, nil, nil, container.NewVBox(s.deleteBtn), container.NewVBox(readable(s.status), s.notes))
	s.editor = container.NewBorder(container.NewVBox(s.checklist.box, s.unknown, s.comments), foot, nil, nil, s.formScroll)
	s.editor.Hide()
}

func (s *storiesScreen) content() fyne.CanvasObject { return s.root }

func (s *storiesScreen) onLoaded(b bankState, err error) {
	if err != nil && b.stories == nil {
		s.message.SetText("Your stories could not be read: " + err.Error())
		s.message.Importance = widget.DangerImportance
		s.message.Refresh()
		return
	}
	s.stories, s.rehearsals = b.stories, b.rehearsals
	s.showCount()
	s.list.Refresh()
	if i := slices.IndexFunc(s.stories, func(st prep.Story) bool { return st.ID == s.openOnLoad }); i >= 0 {
		s.list.Select(i)
		s.list.ScrollTo(i)
	}
	if s.newOnLoad {
		s.newOnLoad = false
		s.onNew()
		if c, ok := s.model.Find(s.newFor); ok {
			s.fields.competencies.SetSelected([]string{c.Name}) // saved as a tick by hand would be
		}
	}
}

func (s *storiesScreen) showCount() {
	s.message.SetText(storyHeadline(s.stories, s.rehearsals, s.now()))
}

// storyListLine is the second line of a story in the list: when, where, and what it still lacks.
func storyListLine(st *prep.Story, now time.Time) string {
	parts := []string{}
	if w := st.When(); w != "" {
		parts = append(parts, w)
	}
	if st.Where != "" {
		parts = append(parts, st.Where)
	}
	parts = append(parts, prep.Count(len(st.Competencies), "competency|competencies"))
	if !st.Measured() {
		parts = append(parts, "no numbers")
	}
	if st.Old(now) {
		parts = append(parts, "over 5 years old")
	}
	return strings.Join(parts, " · ")
}

func (s *storiesScreen) onNew() {
	s.closeSaver()
	s.cur = -1
	s.list.UnselectAll()
	st := prep.NewStory(s.now())
	s.stories = append([]prep.Story{st}, s.stories...)
	s.showCount()
	s.list.Refresh()
	s.list.Select(0) // opens it, with a saver that writes it at once
	s.saver.Update(s.stories[0])
	s.showSaveStatus()
	s.win.Canvas().Focus(s.fields.title)
}

func (s *storiesScreen) onSelected(id widget.ListItemID) {
	if id == s.cur {
		return
	}
	picked := s.stories[id].ID
	s.closeSaver() // may drop a blank story from the list, moving the others up
	id = slices.IndexFunc(s.stories, func(st prep.Story) bool { return st.ID == picked })
	s.list.Select(id) // a no-op when the list still shows it selected there
	if s.saver != nil {
		return // the list had lost its selection, and selecting again opened the story
	}
	s.cur = id
	s.saver = prep.NewStorySaver(s.store.SaveStory)
	s.fill(&s.stories[id])
	s.empty.Hide()
	s.editor.Show()
	s.showSaveStatus()
	s.loadComments(s.stories[id].ID)
}

// loadComments shows a mentor's comments on the open story, read in the background.
func (s *storiesScreen) loadComments(id uuid.UUID) {
	if s.comments.Visible() {
		s.comments.Hide()
		s.editor.Refresh()
	}
	store := s.store
	runFor(s.token, func() ([]prep.StoryComment, error) { return store.StoryComments(id) }, func(cs []prep.StoryComment, err error) {
		if s.cur < 0 || s.stories[s.cur].ID != id {
			return // another story is open by now
		}
		var lines []string
		for _, c := range cs {
			lines = append(lines, fmt.Sprintf("%s, %s: %s", c.Reviewer, c.CommentedAt.Local().Format("2 Jan"), c.Comment))
		}
		if err != nil {
			lines = append(lines, "The mentor's comments could not be read: "+err.Error())
		}
		if len(lines) > 0 {
			s.comments.SetText(strings.Join(lines, "\n"))
			s.comments.Show()
			s.editor.Refresh() // the header above the form grew: the window lays it out again only when told
		}
	})
}

// fill puts a story into the editor without saving it back.
func (s *storiesScreen) fill(st *prep.Story) {
	s.loading = true
	defer func() { s.loading = false }()
	f := &s.fields
	f.title.SetText(st.Title)
	f.month.SetSelectedIndex(st.Month)
	f.year.SetText(numberText(st.Year))
	f.where.SetText(st.Where)
	f.role.SetText(st.Role)
	f.teams.SetText(numberText(st.Teams))
	f.people.SetText(numberText(st.People))
	f.budget.SetText(st.Budget)
	f.situation.SetText(st.Situation)
	f.actions.SetText(st.Actions)
	f.result.SetText(st.Result)
	f.numbers.SetText(st.Numbers)
	f.learning.SetText(st.Learning)
	var names []string
	for _, id := range st.Competencies {
		if c, ok := s.model.Find(id); ok {
			names = append(names, c.Name)
		}
	}
	f.competencies.SetSelected(names)
	s.setNotes(nil, false)
	s.showAdvice(st)
}

func numberText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// onEdited takes every field into the open story and hands it to the saver: called on every key
// typed, so it does no disk work and nothing in proportion to the bank.
//
// Every field is saved as typed, whatever another field holds. A field the store cannot take as
// typed keeps, in the story saved, its version saved before ("forty" in People, a year of "20"
// while 2024 is typed, a 201st character of the title), and a note says so; "4 teams" is saved as
// 4. Refusing the whole story for one such field, as the editor did, left every field typed after
// it unsaved, and lost it in a crash.
func (s *storiesScreen) onEdited() {
	if s.loading || s.cur < 0 {
		return
	}
	before := s.stories[s.cur] // as handed to the saver last, or as read from the store
	st := before.Clone()
	f := &s.fields
	var notes []string
	held := false
	number := func(e *storyEntry, what, example string, saved int) int {
		n, ok, exact := parseCount(e.Text)
		switch {
		case !ok:
			held = true
			notes = append(notes, fmt.Sprintf("%s: %q is not saved: write it in figures, e.g. %s.", what, strings.TrimSpace(e.Text), example))
			return saved
		case !exact:
			notes = append(notes, fmt.Sprintf("%s: %q is saved as %d.", what, strings.TrimSpace(e.Text), n))
		}
		return n
	}
	st.Title = f.title.Text
	st.Month = max(f.month.SelectedIndex(), 0)
	st.Year = number(f.year, "The year", "2024", before.Year)
	st.Where, st.Role, st.Budget = f.where.Text, f.role.Text, f.budget.Text
	st.Teams = number(f.teams, "Teams", "4", before.Teams)
	st.People = number(f.people, "People", "40", before.People)
	st.Situation, st.Actions, st.Result = f.situation.Text(), f.actions.Text(), f.result.Text()
	st.Numbers, st.Learning = f.numbers.Text(), f.learning.Text()
	st.Competencies = s.ticked(before.Competencies)
	if now := s.now(); now.After(st.CreatedAt) {
		st.UpdatedAt = now
	}
	// A year out of range is most often one being typed ("20" on the way to 2024).
	if slices.ContainsFunc(st.Check("story"), func(p prep.Problem) bool { return p.Path == "story.year" }) {
		st.Year = before.Year
		held = true
		notes = append(notes, fmt.Sprintf("The year: %q is not saved yet: a year from 1950 to 2200.", strings.TrimSpace(f.year.Text)))
	}
	if st.Month != 0 && st.Year == 0 {
		st.Month = 0 // a month is stored with its year only
		held = true
		notes = append(notes, "The month is saved once the year is given.")
	}
	for _, p := range st.Check("story") {
		field := storyField(p)
		if !keepSaved(&st, &before, field) {
			continue
		}
		held = true
		notes = append(notes, fmt.Sprintf("Not saved: %s (the %s saved before is kept).", storyProblem(p), field))
	}
	if problems := st.Check("story"); len(problems) > 0 {
		// Not a field's text (an ID, a date): nothing typed can mend it, and nothing is saved.
		for _, p := range problems {
			notes = append(notes, "Not saved: "+storyProblem(p)+".")
		}
		s.setNotes(notes, true)
		s.showSaveStatus()
		return
	}
	s.stories[s.cur] = st
	if o, ok := s.win.Canvas().Focused().(fyne.CanvasObject); ok {
		s.reveal(o) // a competency's box, ticked from the keyboard
	}
	s.setNotes(notes, held)
	s.saver.Update(st)
	s.showSaveStatus()
	s.showAdvice(&st)
	s.list.RefreshItem(s.cur)
}

// ticked is the competencies ticked in the editor, after those of saved this version does not
// know (a story written with a newer model): the editor has no box for them, and an edit must not
// drop them.
func (s *storiesScreen) ticked(saved []string) []string {
	var out []string
	for _, id := range saved {
		if _, ok := s.model.Find(id); !ok {
			out = append(out, id)
		}
	}
	for _, name := range s.fields.competencies.Selected {
		for _, c := range s.model {
			if c.Name == name {
				out = append(out, c.ID)
			}
		}
	}
	return out
}

// parseCount reads a number field: "" is 0; "4" and "1,200" are numbers as typed (exact); "4 teams"
// or "about 40" give their first figure, not exact; "forty" is not a number (ok false).
func parseCount(text string) (n int, ok, exact bool) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, true, true
	}
	start := strings.IndexFunc(t, func(r rune) bool { return r >= '0' && r <= '9' })
	if start < 0 {
		return 0, false, false
	}
	end := start
	for end < len(t) && (t[end] >= '0' && t[end] <= '9' || t[end] == ',' && end+1 < len(t) && t[end+1] >= '0' && t[end+1] <= '9') {
		end++
	}
	n, err := strconv.Atoi(strings.ReplaceAll(t[start:end], ",", ""))
	if err != nil {
		return 0, false, false // more digits than an int holds
	}
	return n, true, start == 0 && end == len(t)
}

// storyField is the field of the story a problem is about: "title" for story.title, "competencies"
// for story.competencies[3].
func storyField(p prep.Problem) string {
	field := strings.TrimPrefix(p.Path, "story.")
	if i := strings.IndexByte(field, '['); i > 0 {
		field = field[:i]
	}
	return field
}

// keepSaved puts back into st the field of saved, reporting false for a part of the story that is
// not a field typed in the editor.
func keepSaved(st, saved *prep.Story, field string) bool {
	switch field {
	case "title":
		st.Title = saved.Title
	case "year":
		st.Year = saved.Year
	case "month":
		st.Month = saved.Month
	case "where":
		st.Where = saved.Where
	case "role":
		st.Role = saved.Role
	case "teams":
		st.Teams = saved.Teams
	case "people":
		st.People = saved.People
	case "budget":
		st.Budget = saved.Budget
	case "situation":
		st.Situation = saved.Situation
	case "actions":
		st.Actions = saved.Actions
	case "result":
		st.Result = saved.Result
	case "numbers":
		st.Numbers = saved.Numbers
	case "learning":
		st.Learning = saved.Learning
	case "competencies":
		st.Competencies = slices.Clone(saved.Competencies)
	default:
		return false
	}
	return true
}

// setNotes shows what of the latest edit is not saved as typed; held says some typed text is not
// saved at all (rather than saved as a number read from words).
func (s *storiesScreen) setNotes(notes []string, held bool) {
	s.held = held
	text := strings.Join(notes, "\n")
	importance := widget.WarningImportance
	if held {
		importance = widget.DangerImportance
	}
	if text == s.notes.Text && importance == s.notes.Importance && s.notes.Visible() == (text != "") {
		return
	}
	s.notes.Text, s.notes.Importance = text, importance
	if text == "" {
		s.notes.Hide()
	} else {
		s.notes.Show()
	}
	s.notes.Refresh()
	s.editor.Refresh() // the foot changed height: the window lays it out again only when told
}

// reveal scrolls the form so that o, a field of it, is in view.
func (s *storiesScreen) reveal(o fyne.CanvasObject) { scrollIntoView(s.formScroll, o, o) }

// storyProblem says a check's problem in the editor's words: the field, not the JSON path.
func storyProblem(p prep.Problem) string {
	return storyField(p) + " " + p.Message
}

func (s *storiesScreen) showAdvice(st *prep.Story) {
	s.checklist.show(st.Checklist(s.now()))
	var unknown []string
	for _, c := range st.Competencies {
		if _, ok := s.model.Find(c); !ok {
			unknown = append(unknown, strconv.Quote(c))
		}
	}
	text := ""
	if len(unknown) > 0 {
		text = "This version does not know the competencies " + strings.Join(unknown, ", ") + ": they are kept with the story but count nowhere."
	}
	if text != s.unknown.Text {
		s.unknown.SetText(text)
		s.unknown.Show()
		if text == "" {
			s.unknown.Hide()
		}
		s.editor.Refresh()
	}
}

func (s *storiesScreen) showSaveStatus() {
	if s.saver == nil {
		return
	}
	text, importance := "All changes saved", widget.LowImportance
	switch err := s.saver.Err(); {
	case err != nil:
		text, importance = "Not saved: "+err.Error()+". Your text is kept here and saving is retried every second.", widget.DangerImportance
	case s.saver.Pending():
		text, importance = "Saving…", widget.MediumImportance
	case s.held:
		text = "Everything else is saved"
	}
	// Called on every tick and key: redraw only on a change.
	if text != s.status.Text || importance != s.status.Importance {
		s.status.Text, s.status.Importance = text, importance
		s.status.Refresh()
	}
}

// closeSaver hands the open story's saver to the background to write out what it holds. A story
// left blank (New story tapped by mistake) is deleted rather than kept as an empty column of the
// matrix.
func (s *storiesScreen) closeSaver() {
	if s.saver == nil {
		return
	}
	saver := s.saver
	s.saver = nil
	var blank *prep.Story
	if s.cur >= 0 && s.cur < len(s.stories) && s.stories[s.cur].Blank() {
		st := s.stories[s.cur]
		blank = &st
		if !s.left {
			s.stories = append(s.stories[:s.cur], s.stories[s.cur+1:]...)
			s.cur = -1
			s.list.UnselectAll()
			s.showCount()
			s.list.Refresh()
		}
	}
	store := s.store
	s.writeOut(func() {
		_ = saver.Close() // a failed last write leaves the version saved before
		if blank != nil {
			_ = store.DeleteStory(blank.ID) // nothing in it is lost; if it stays, it is listed next time
		}
	})
}

func (s *storiesScreen) onDelete() {
	if s.cur < 0 {
		return
	}
	st := s.stories[s.cur]
	dialog.ShowConfirm("Delete this story?",
		fmt.Sprintf("%q and everything written in it will be deleted. Backups made before now keep it.", st.DisplayTitle()),
		func(ok bool) {
			if !ok {
				return
			}
			saver := s.saver
			s.saver = nil
			store := s.store
			runFor(s.token, func() (struct{}, error) {
				if saver != nil {
					_ = saver.Close() // the last write first, so it cannot bring the story back
				}
				return struct{}{}, store.DeleteStory(st.ID)
			}, func(_ struct{}, err error) {
				if err != nil {
					s.frame.showError("The story could not be deleted", err)
					return
				}
				s.removeFromList(st)
			})
		}, s.win)
}

func (s *storiesScreen) removeFromList(st prep.Story) {
	for i := range s.stories {
		if s.stories[i].ID == st.ID {
			s.stories = append(s.stories[:i], s.stories[i+1:]...)
			break
		}
	}
	s.cur = -1
	s.list.UnselectAll()
	s.editor.Hide()
	s.empty.Show()
	s.showCount()
	s.list.Refresh()
}

func (s *storiesScreen) leave() {
	if s.left {
		return
	}
	s.left = true
	s.stopTick()
	s.closeSaver()
}
