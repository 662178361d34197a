package preptest

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// ReviewKeeper is the part of a practice store that keeps the mentor reviews of its attempts.
type ReviewKeeper interface {
	SaveReview(r prep.Review) error
	Reviews(attemptID uuid.UUID) ([]prep.Review, error)
	AllReviews() ([]prep.Review, error)
}

// StoreContract runs the cases every prep.Store must pass against stores made by open, each case
// on an empty store of its own: data's Badger store runs them in data's tests and MemStore in its
// own, so the in-memory store the screens are tested on keeps the real one's contract. A store
// that also keeps reviews (ReviewKeeper) runs their cases too.
func StoreContract(t *testing.T, open func(t *testing.T) prep.Store) {
	c := newContract(t, open)
	for _, tc := range []struct {
		name string
		run  func(t *testing.T)
	}{
		{"drafts: one per prompt, most recently updated first", c.drafts},
		{"a stored draft is not the caller's memory", c.storedDraftIsACopy},
		{"SaveAttempt removes the prompt's draft, and only that one", c.saveAttemptRemovesDraft},
		{"attempts: newest first, read back whole, ErrNotFound", c.attempts},
		{"discarded drafts: kept aside, newest first, restored once", c.discardedDrafts},
		{"sets: ErrSetNotNewer, latest version, ordered by ID", c.sets},
		{"loops: the latest unfinished one is active", c.loops},
		{"loop files: ErrLoopShapeNotNewer, latest version, ordered by ID", c.loopShapes},
		{"reviews: checked against their attempt, oldest first", c.reviews},
		{"live sessions: read back whole, newest first, apart from drafts and attempts", c.interviews},
	} {
		t.Run(tc.name, tc.run)
	}
	storyContract(t, open)
}

// contract is what the cases share: how to open an empty store, a practice set with two prompts
// of it, and the records made from them.
type contract struct {
	open     func(t *testing.T) prep.Store
	set      *prep.PracticeSet
	p, other prep.Prompt
	t0       time.Time
}

func newContract(t *testing.T, open func(t *testing.T) prep.Store) contract {
	set := contractSet(t)
	p := set.Prompts[0]
	other := p
	other.ID, other.Title = "contract-other-prompt", "Another prompt"
	return contract{open: open, set: set, p: p, other: other, t0: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
}

// draft is an unfinished round of p whose answer (and one section) is answer.
func (c contract) draft(p prep.Prompt, answer string, updated time.Time) prep.Draft {
	return prep.Draft{SetID: c.set.ID, SetVersion: c.set.Version, Prompt: p, Answer: answer,
		Sections: []prep.Section{{Title: "Situation", Text: answer}}, StartedAt: updated.Add(-time.Hour), UpdatedAt: updated}
}

// attempt is a finished round of p, scored on every criterion, with phase times and a follow-up.
func (c contract) attempt(p prep.Prompt, answer string, finished time.Time) prep.Attempt {
	a := prep.Attempt{ID: uuid.New(), SetID: c.set.ID, SetVersion: c.set.Version, Prompt: p, Answer: answer,
		Reflection: "What I would do differently.", StartedAt: finished.Add(-time.Hour), FinishedAt: finished,
		FollowUps: []prep.FollowUpAnswer{{Index: 0, Question: "Why?", Answer: "Because the reply says so."}}}
	for i, cr := range p.Rubric {
		a.Scores = append(a.Scores, prep.Score{Criterion: cr.Name, Value: 1 + i%4})
	}
	for _, ph := range p.Phases {
		a.PhaseTimes = append(a.PhaseTimes, prep.PhaseTime{Name: ph.Name, Budget: time.Duration(ph.Minutes) * time.Minute, Used: time.Minute})
	}
	return a
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// drafts keeps one draft per prompt, the most recently updated first.
func (c contract) drafts(t *testing.T) {
	p, other, t0 := c.p, c.other, c.t0
	s := c.open(t)
	must(t, s.SaveDraft(c.draft(p, "first words", t0)))
	must(t, s.SaveDraft(c.draft(other, "other prompt", t0.Add(time.Minute))))
	must(t, s.SaveDraft(c.draft(p, "first words, more", t0.Add(2*time.Minute)))) // replaces p's
	ds, err := s.Drafts()
	must(t, err)
	if len(ds) != 2 || ds[0].Answer != "first words, more" || ds[1].Answer != "other prompt" {
		t.Fatalf("drafts %v, want p's latest then the other prompt's", answers(ds))
	}
	if ds[0].Sections[0].Text != "first words, more" || !ds[0].UpdatedAt.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("draft read back as %+v", ds[0])
	}
	if err := s.SaveDraft(prep.Draft{Answer: "no prompt"}); err == nil {
		t.Error("a draft without a prompt ID was saved")
	}
	must(t, s.DeleteDraft(p.ID))
	must(t, s.DeleteDraft("no-such-prompt")) // not an error
	if ds, _ := s.Drafts(); len(ds) != 1 || ds[0].Prompt.ID != other.ID {
		t.Errorf("after DeleteDraft: %v", answers(ds))
	}
}

// storedDraftIsACopy: what the store keeps shares no memory with what was saved or read.
func (c contract) storedDraftIsACopy(t *testing.T) {
	p, t0 := c.p, c.t0
	s := c.open(t)
	d := c.draft(p, "as saved", t0)
	must(t, s.SaveDraft(d))
	d.Sections[0].Text = "changed after saving"
	ds, _ := s.Drafts()
	ds[0].Sections[0].Text = "changed after reading"
	if again, _ := s.Drafts(); again[0].Sections[0].Text != "as saved" {
		t.Errorf("stored draft reads %q", again[0].Sections[0].Text)
	}
}

// saveAttemptRemovesDraft: saving an attempt removes its prompt's draft and no other, and never overwrites an attempt.
func (c contract) saveAttemptRemovesDraft(t *testing.T) {
	p, other, t0 := c.p, c.other, c.t0
	s := c.open(t)
	must(t, s.SaveDraft(c.draft(p, "to be finished", t0)))
	must(t, s.SaveDraft(c.draft(other, "still going", t0)))
	a := c.attempt(p, "finished", t0.Add(time.Hour))
	must(t, s.SaveAttempt(a))
	ds, err := s.Drafts()
	must(t, err)
	if len(ds) != 1 || ds[0].Prompt.ID != other.ID {
		t.Errorf("drafts after saving the attempt: %v, want only the other prompt's", answers(ds))
	}
	if err := s.SaveAttempt(a); err == nil {
		t.Error("an attempt was saved twice under one ID: attempts are never overwritten")
	}
	if err := s.SaveAttempt(prep.Attempt{Prompt: p}); err == nil {
		t.Error("an attempt without an ID was saved")
	}
}

// attempts are listed newest first and read back whole; an unknown ID is ErrNotFound.
func (c contract) attempts(t *testing.T) {
	p, other, t0 := c.p, c.other, c.t0
	s := c.open(t)
	old, mid, newest := c.attempt(p, "old", t0), c.attempt(other, "mid", t0.Add(time.Hour)), c.attempt(p, "newest", t0.Add(2*time.Hour))
	for _, a := range []prep.Attempt{mid, newest, old} {
		must(t, s.SaveAttempt(a))
	}
	list, err := s.Attempts()
	must(t, err)
	want := []uuid.UUID{newest.ID, mid.ID, old.ID}
	if got := summaryIDs(list); !slices.Equal(got, want) {
		t.Fatalf("Attempts: %v, want newest first %v", got, want)
	}
	w := newest.Summary()
	if g := list[0]; g.PromptID != w.PromptID || g.PromptTitle != w.PromptTitle || g.Round != w.Round ||
		!g.FinishedAt.Equal(w.FinishedAt) || g.Average != w.Average || len(g.Scores) != len(w.Scores) {
		t.Errorf("summary %+v, want %+v", g, w)
	}
	docs, err := s.SearchDocs()
	must(t, err)
	if len(docs) != 3 || docs[0].ID != newest.ID || docs[2].ID != old.ID || docs[0].Fields != newest.SearchDoc().Fields {
		t.Errorf("SearchDocs: %+v", docs)
	}
	got, err := s.Attempt(mid.ID)
	must(t, err)
	if got.ID != mid.ID || got.Answer != "mid" || got.Prompt.ID != other.ID || len(got.Scores) != len(mid.Scores) ||
		len(got.PhaseTimes) != len(mid.PhaseTimes) || got.FollowUps[0].Answer != mid.FollowUps[0].Answer || !got.FinishedAt.Equal(mid.FinishedAt) {
		t.Errorf("Attempt read back as %+v", got)
	}
	if _, err := s.Attempt(uuid.New()); !errors.Is(err, prep.ErrNotFound) {
		t.Errorf("an unknown attempt: %v, want an error wrapping ErrNotFound", err)
	}
}

// discardedDrafts are kept aside newest first and restored once, never over an unfinished round.
func (c contract) discardedDrafts(t *testing.T) {
	p, other, t0 := c.p, c.other, c.t0
	s := c.open(t)
	must(t, s.SaveDraft(c.draft(p, "discard me", t0)))
	must(t, s.SaveDraft(c.draft(other, "and me", t0)))
	must(t, s.DiscardDraft(p.ID, t0.Add(time.Hour)))
	must(t, s.DiscardDraft(other.ID, t0.Add(2*time.Hour)))
	must(t, s.DiscardDraft("no-such-prompt", t0)) // not an error
	if ds, _ := s.Drafts(); len(ds) != 0 {
		t.Fatalf("discarded drafts still unfinished: %v", answers(ds))
	}
	bin, err := s.DiscardedDrafts()
	must(t, err)
	if len(bin) != 2 || bin[0].Draft.Answer != "and me" || bin[1].Draft.Answer != "discard me" || !bin[1].DiscardedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("discarded: %+v, want the latest discarded first", bin)
	}
	must(t, s.SaveDraft(c.draft(p, "a new round of p", t0.Add(3*time.Hour))))
	if err := s.RestoreDiscarded(bin[1]); !errors.Is(err, prep.ErrDraftExists) {
		t.Errorf("restoring over an unfinished round: %v, want ErrDraftExists", err)
	}
	if ds, _ := s.Drafts(); len(ds) != 1 || ds[0].Answer != "a new round of p" {
		t.Errorf("a refused restore changed the drafts: %v", answers(ds))
	}
	must(t, s.RestoreDiscarded(bin[0]))
	if ds, _ := s.Drafts(); len(ds) != 2 {
		t.Errorf("after restoring: %v", answers(ds))
	}
	if left, _ := s.DiscardedDrafts(); len(left) != 1 || left[0].Draft.Prompt.ID != p.ID {
		t.Errorf("the restored draft is still in the bin: %+v", left)
	}
	if err := s.RestoreDiscarded(bin[0]); err == nil {
		t.Error("a draft was restored twice")
	}
}

// sets: an import no newer than the stored version is refused, the latest is kept, and the sets are ordered by ID.
func (c contract) sets(t *testing.T) {
	s := c.open(t)
	v1, v2 := contractSet(t), contractSet(t)
	v2.Version = 2
	v2.Prompts[0].Scenario = "The second edition."
	second := contractSet(t)
	second.ID = "a-set-that-sorts-first"
	must(t, s.ImportSet(v1))
	if err := s.ImportSet(v1); !errors.Is(err, prep.ErrSetNotNewer) {
		t.Errorf("the same version again: %v, want ErrSetNotNewer", err)
	}
	must(t, s.ImportSet(v2))
	if err := s.ImportSet(v1); !errors.Is(err, prep.ErrSetNotNewer) {
		t.Errorf("an older version over a newer: %v, want ErrSetNotNewer", err)
	}
	must(t, s.ImportSet(second))
	bad := contractSet(t)
	bad.ID = "invalid"
	bad.Prompts[0].Phases[0].Minutes = 99
	if err := s.ImportSet(bad); err == nil {
		t.Error("an invalid set was imported")
	}
	sets, err := s.ImportedSets()
	must(t, err)
	if len(sets) != 2 || sets[0].ID != second.ID || sets[1].Version != 2 || sets[1].Prompts[0].Scenario != "The second edition." {
		t.Errorf("imported sets: %d, want the two by ID with the second edition", len(sets))
	}
}

// loops: the latest unfinished loop is the active one.
func (c contract) loops(t *testing.T) {
	p, t0, set := c.p, c.t0, c.set
	s := c.open(t)
	if l, err := s.ActiveLoop(); err != nil || l != nil {
		t.Fatalf("an empty store's active loop: %v, %v", l, err)
	}
	slot := prep.LoopSlot{SetID: set.ID, PromptID: p.ID}
	older := prep.Loop{ID: uuid.New(), Slots: []prep.LoopSlot{slot}, StartedAt: t0}
	newer := prep.Loop{ID: uuid.New(), Slots: []prep.LoopSlot{slot, slot}, StartedAt: t0.Add(time.Hour)}
	must(t, s.SaveLoop(older))
	must(t, s.SaveLoop(newer))
	if l, _ := s.ActiveLoop(); l == nil || l.ID != newer.ID || len(l.Slots) != 2 {
		t.Fatalf("active loop %+v, want the one started last", l)
	}
	newer.Finished = true
	must(t, s.SaveLoop(newer)) // replaces it
	if l, _ := s.ActiveLoop(); l == nil || l.ID != older.ID {
		t.Errorf("after finishing the latest: %+v, want the older unfinished one", l)
	}
	if err := s.SaveLoop(prep.Loop{}); err == nil {
		t.Error("a loop without an ID was saved")
	}
	// A finished loop is still read by its ID: an attempt's screen shows its sitting from it.
	if l, err := s.Loop(newer.ID); err != nil || l.ID != newer.ID || !l.Finished || len(l.Slots) != 2 {
		t.Errorf("Loop(%s) = %+v, %v; want the finished loop", newer.ID, l, err)
	}
	if _, err := s.Loop(uuid.New()); !errors.Is(err, prep.ErrNotFound) {
		t.Errorf("an unknown loop: %v, want ErrNotFound", err)
	}
}

// loopShapes: an imported loop file no newer than the stored one is refused, the latest is kept
// whole (weights and competencies too), and they are listed by ID.
func (c contract) loopShapes(t *testing.T) {
	s := c.open(t)
	shape := func(id string, version int) *prep.LoopShape {
		return &prep.LoopShape{ID: id, Name: "A company's loop", Version: version, Bands: prep.DefaultBands, Rounds: []prep.LoopRound{
			{Round: prep.SystemsDesign, Minutes: 60, Lead: prep.AskerIC, BreakMinutes: 10, Weight: 1.5,
				Competencies: map[string]float64{"technical-judgement": 2}},
			{Round: prep.Leadership, Minutes: 45, Lead: prep.AskerCEO},
		}}
	}
	if got, err := s.ImportedLoopShapes(); err != nil || len(got) != 0 {
		t.Fatalf("an empty store's loop files: %v, %v", got, err)
	}
	v1, v2 := shape("zeta-loop", 1), shape("zeta-loop", 2)
	v2.Rounds[1].Minutes = 30
	must(t, s.ImportLoopShape(v1))
	if err := s.ImportLoopShape(v1); !errors.Is(err, prep.ErrLoopShapeNotNewer) {
		t.Errorf("the same version again: %v, want ErrLoopShapeNotNewer", err)
	}
	must(t, s.ImportLoopShape(v2))
	if err := s.ImportLoopShape(v1); !errors.Is(err, prep.ErrLoopShapeNotNewer) {
		t.Errorf("an older version over a newer: %v, want ErrLoopShapeNotNewer", err)
	}
	must(t, s.ImportLoopShape(shape("alpha-loop", 1)))
	bad := shape("bad-loop", 1)
	bad.Rounds[0].Minutes = 1000
	if err := s.ImportLoopShape(bad); err == nil {
		t.Error("an invalid loop file was imported")
	}
	got, err := s.ImportedLoopShapes()
	must(t, err)
	if len(got) != 2 || got[0].ID != "alpha-loop" || !reflect.DeepEqual(got[1], v2) {
		t.Errorf("imported loop files: %+v, want alpha-loop then zeta-loop version 2 whole", got)
	}
}

// reviews are checked against their attempt and listed oldest first; a store that keeps none skips them.
func (c contract) reviews(t *testing.T) {
	p, t0 := c.p, c.t0
	s := c.open(t)
	rk, ok := s.(ReviewKeeper)
	if !ok {
		t.Skipf("%T keeps no reviews", s)
	}
	a, b := c.attempt(p, "reviewed", t0), c.attempt(p, "also reviewed", t0.Add(time.Hour))
	must(t, s.SaveAttempt(a))
	must(t, s.SaveAttempt(b))
	review := func(a prep.Attempt, at time.Time) prep.Review {
		return prep.Review{ID: uuid.New(), AttemptID: a.ID, Reviewer: "Sam", ReviewedAt: at,
			Scores: []prep.Score{{Criterion: a.Prompt.Rubric[0].Name, Value: 3}}, Comment: "Name the owner sooner."}
	}
	late, early, onB := review(a, t0.Add(3*time.Hour)), review(a, t0.Add(2*time.Hour)), review(b, t0.Add(2*time.Hour+time.Minute))
	for _, r := range []prep.Review{late, early, onB} {
		must(t, rk.SaveReview(r))
	}
	late.Comment = "Name the owner on day one."
	must(t, rk.SaveReview(late)) // replaces it
	rs, err := rk.Reviews(a.ID)
	must(t, err)
	if len(rs) != 2 || rs[0].ID != early.ID || rs[1].Comment != "Name the owner on day one." {
		t.Errorf("reviews of a: %+v, want the early one then the edited late one", rs)
	}
	all, err := rk.AllReviews()
	must(t, err)
	if len(all) != 3 || all[0].ID != early.ID || all[1].ID != onB.ID || all[2].ID != late.ID {
		t.Errorf("all reviews: %d, want the three oldest first", len(all))
	}
	if err := rk.SaveReview(review(c.attempt(p, "not stored", t0), t0)); err == nil {
		t.Error("a review of an attempt the store lacks was saved")
	}
	bad := review(a, t0)
	bad.Scores = []prep.Score{{Criterion: "Not in the rubric", Value: 3}}
	if err := rk.SaveReview(bad); err == nil {
		t.Error("a review scoring a criterion the rubric lacks was saved")
	}
}

func (c contract) interviews(t *testing.T) {
	p, t0 := c.p, c.t0
	s := c.open(t)
	older := prep.NewInterview(c.set, p, "Sam", t0)
	must(t, older.Mark(0, prep.MarkAsked, 3*time.Minute))
	must(t, older.AskOwn("And then?", prep.AskerEM, 4*time.Minute))
	older.TypeNote("Named the owner", 90*time.Second)
	must(t, older.AddNote())
	older.TypeNote("half a note", 5*time.Minute)
	older.SetScore(p.Rubric[0].Name, 3)
	older.Clock = prep.ClockState{Phase: 1, Elapsed: []time.Duration{2 * time.Minute, 3 * time.Minute}, Started: true, Running: true}
	newer := prep.NewInterview(c.set, c.other, "Sam", t0)
	newer.UpdatedAt = t0.Add(time.Minute)
	must(t, s.SaveInterview(older))
	must(t, s.SaveInterview(newer))
	got, err := s.Interviews()
	must(t, err)
	if len(got) != 2 || got[0].ID != newer.ID || got[1].ID != older.ID {
		t.Fatalf("sessions %v, want the newer then the older", got)
	}
	g := got[1]
	if len(g.Notes) != 1 || g.Notes[0] != older.Notes[0] || g.NoteDraft != "half a note" || g.NoteDraftAt != 5*time.Minute ||
		len(g.FollowUps) != 2 || g.FollowUps[1] != older.FollowUps[1] || !slices.Equal(g.Scores, older.Scores) ||
		!slices.Equal(g.Clock.Elapsed, older.Clock.Elapsed) || !g.Clock.Running || g.Prompt.Title != p.Title {
		t.Errorf("session read back as %+v, want %+v", g, older)
	}
	ds, err := s.Drafts()
	must(t, err)
	as, err := s.Attempts()
	must(t, err)
	if len(ds)+len(as) != 0 {
		t.Errorf("a live session shows as %d drafts and %d attempts", len(ds), len(as))
	}
	must(t, s.DeleteInterview(older.ID))
	if got, _ := s.Interviews(); len(got) != 1 || got[0].ID != newer.ID {
		t.Errorf("after deleting the older session: %v", got)
	}
	rk, ok := s.(ReviewKeeper)
	if !ok {
		return
	}
	a := c.attempt(p, "the candidate's own answer", t0)
	must(t, s.SaveAttempt(a))
	r, err := older.Review(&a, t0.Add(time.Hour))
	must(t, err)
	must(t, rk.SaveReview(r))
	rs, err := rk.Reviews(a.ID)
	must(t, err)
	if len(rs) != 1 || !slices.Equal(rs[0].Notes, r.Notes) || !slices.Equal(rs[0].FollowUps, r.FollowUps) {
		t.Errorf("the live review read back as %+v, want its notes and follow-ups", rs)
	}
}

func answers(ds []prep.Draft) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Answer)
	}
	return out
}

func summaryIDs(list []prep.AttemptSummary) []uuid.UUID {
	var out []uuid.UUID
	for _, a := range list {
		out = append(out, a.ID)
	}
	return out
}

// contractSet is a small valid practice set (the custom set a mentor might write), parsed afresh
// on each call so a case may change it.
func contractSet(t *testing.T) *prep.PracticeSet {
	t.Helper()
	set, err := prep.ParseSet("contract.toml", []byte(contractSetTOML), nil)
	if err != nil {
		t.Fatal(err)
	}
	return set
}

const contractSetTOML = `id = "contract-set"
title = "A set for the store contract"
version = 1
author = "A. Mentor"
description = "One leadership prompt."

[[prompts]]
id = "contract-sev1-ownership"
round = "leadership"
level = "Director"
context = "saas"
title = "A Sev-1 that exposed an ownership gap between two teams"
minutes = 30
scenario = "Checkout was down for 47 minutes. Two teams each believed the other owned the failing configuration."
constraints = ["The postmortem is due on Wednesday."]
hints = ["Who owned it on paper?"]
outline = ["Names one owner and a date."]
tags = ["incidents"]

[[prompts.phases]]
name = "Situation and task"
minutes = 10

[[prompts.phases]]
name = "Actions and results"
minutes = 20

[[prompts.followups]]
minute = 8
asker = "senior-ic"
question = "Would a technical fix have prevented this regardless of who owned it?"

[[prompts.rubric]]
criterion = "Ownership"
anchor1 = "Blames one of the teams."
anchor2 = "Assigns an owner without changing anything else."
anchor3 = "Assigns ownership and fixes the hand-off that failed."
anchor4 = "Also finds the other shared configuration with the same gap."

[[prompts.rubric]]
criterion = "Developing managers"
anchor1 = "Runs the review alone."
anchor2 = "Involves the EMs as note-takers."
anchor3 = "Has the EMs lead the review with coaching."
anchor4 = "Also sets how the two EMs resolve the next boundary question."
`
