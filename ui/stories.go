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
	loading    bool   // the editor is being filled: its change handlers must not save
	invalid    string // why the latest edit was not handed to the saver; "" when it was
	// openOnLoad is the story to open once the bank is read (from a search hit), or uuid.Nil.
	openOnLoad uuid.UUID
	// newOnLoad starts a new story once the bank is read (from the Today list), showing the
	// competency newFor unless it is "".
	newOnLoad bool
	newFor    string

	list      *widget.List
	message   *widget.Label
	status    *widget.Label
	advice    *widget.Label
	comments  *widget.Label   // a mentor's comments on the open story
	editor    *fyne.Container // the form; hidden while no story is open
	empty     *widget.Label
	fields    storyFields
	tabs      *container.AppTabs
	matrix    *container.Scroll
	stopTick  func()
	root      fyne.CanvasObject
	left      bool
	deleteBtn *widget.Button
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
	title, year, where, role, teams, people, budget *entry
	month                                           *widget.Select
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
		message: widget.NewLabel("Loading your stories…"), status: widget.NewLabel(""), advice: widget.NewLabel(""),
		empty: widget.NewLabel("Choose a story on the left, or start a new one. Every field is saved as you type.")}
	s.advice.Wrapping = fyne.TextWrapWord
	s.comments = widget.NewLabel("")
	s.comments.Wrapping = fyne.TextWrapWord
	s.comments.Importance = widget.HighImportance
	s.comments.Hide()
	s.advice.Importance = widget.WarningImportance
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
	line := func(placeholder string) *entry {
		e := newEntry()
		e.SetPlaceHolder(placeholder)
		e.OnChanged = func(string) { s.onEdited() }
		return e
	}
	text := func(placeholder string, rows int) *textArea {
		t := newTextArea(placeholder)
		t.SetMinRowsVisible(rows)
		t.OnChanged = func(string) { s.onEdited() }
		return t
	}
	f.title = line("A title you will recognise: \"Replacing the payments EM mid-quarter\"")
	f.month = widget.NewSelect(months, func(string) { s.onEdited() })
	f.year = line("Year, e.g. 2024")
	f.where = line("Company")
	f.role = line("Your role then")
	f.teams = line("Teams")
	f.people = line("People")
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
	head := container.NewBorder(nil, nil, nil, s.deleteBtn, s.status)
	s.editor = container.NewBorder(container.NewVBox(head, s.advice, s.comments), nil, nil, nil, container.NewVScroll(form))
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
	s.cur, s.invalid = id, ""
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
func (s *storiesScreen) onEdited() {
	if s.loading || s.cur < 0 {
		return
	}
	st := &s.stories[s.cur]
	f := &s.fields
	var bad []string
	number := func(e *entry, what string, into *int) {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			*into = 0
			return
		}
		n, err := strconv.Atoi(strings.ReplaceAll(t, ",", ""))
		if err != nil || n < 0 {
			bad = append(bad, fmt.Sprintf("%s must be a whole number (%q is kept as %d until it is one)", what, t, *into))
			return
		}
		*into = n
	}
	st.Title = f.title.Text
	st.Month = max(f.month.SelectedIndex(), 0)
	number(f.year, "The year", &st.Year)
	st.Where, st.Role, st.Budget = f.where.Text, f.role.Text, f.budget.Text
	number(f.teams, "Teams", &st.Teams)
	number(f.people, "People", &st.People)
	st.Situation, st.Actions, st.Result = f.situation.Text(), f.actions.Text(), f.result.Text()
	st.Numbers, st.Learning = f.numbers.Text(), f.learning.Text()
	st.Competencies = st.Competencies[:0]
	for _, name := range f.competencies.Selected {
		for _, c := range s.model {
			if c.Name == name {
				st.Competencies = append(st.Competencies, c.ID)
			}
		}
	}
	if now := s.now(); now.After(st.CreatedAt) {
		st.UpdatedAt = now
	}
	// A field past its limit (a 300-character title, a month without a year) is not handed to the
	// saver, which would only retry it: the editor says what to change, and keeps the text.
	if problems := st.Check("story"); len(problems) > 0 || len(bad) > 0 {
		for _, p := range problems {
			bad = append(bad, storyProblem(p))
		}
		s.invalid = "Not saved yet: " + strings.Join(bad, "; ") + ". The version saved before is kept."
		s.showSaveStatus()
		s.showAdvice(st)
		return
	}
	s.invalid = ""
	s.saver.Update(*st)
	s.showSaveStatus()
	s.showAdvice(st)
	s.list.RefreshItem(s.cur)
}

// storyProblem says a check's problem in the editor's words: the field, not the JSON path.
func storyProblem(p prep.Problem) string {
	field := strings.TrimPrefix(p.Path, "story.")
	if i := strings.IndexByte(field, '['); i > 0 {
		field = field[:i]
	}
	return field + " " + p.Message
}

func (s *storiesScreen) showAdvice(st *prep.Story) {
	advice := st.Advice(s.model, s.now())
	if len(advice) == 0 {
		setLabel(s.advice, "Ready to tell.")
		s.advice.Importance = widget.SuccessImportance
	} else {
		setLabel(s.advice, strings.Join(advice, "\n"))
		s.advice.Importance = widget.WarningImportance
	}
	s.advice.Refresh()
}

func (s *storiesScreen) showSaveStatus() {
	if s.saver == nil {
		return
	}
	text, importance := "All changes saved", widget.LowImportance
	switch err := s.saver.Err(); {
	case s.invalid != "":
		text, importance = s.invalid, widget.DangerImportance
	case err != nil:
		text, importance = "Not saved: "+err.Error()+". Your text is kept here and saving is retried every second.", widget.DangerImportance
	case s.saver.Pending():
		text, importance = "Saving…", widget.MediumImportance
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
