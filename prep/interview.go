package prep

// Interviewer mode: a mentor or a peer runs a round live for a candidate. The interviewer reads
// the scenario out, keeps the clock, asks the panel's follow-ups (or skips them, or asks their
// own), scores against the rubric's anchors as they listen, and jots notes stamped with the
// round's elapsed time. The session is saved as it goes (a Saver writes it), and kept apart from
// the interviewer's own practice: it is no draft and no attempt, and appears in no history or
// statistics. At the end it becomes a Review of the candidate's attempt at the same prompt.

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// MarkKind is what became of a follow-up in a live round.
type MarkKind string

// The marks an interviewer puts on follow-ups.
const (
	MarkAsked   MarkKind = "asked"   // one of the prompt's follow-ups, asked
	MarkSkipped MarkKind = "skipped" // one of the prompt's follow-ups, left out
	MarkOwn     MarkKind = "own"     // a question of the interviewer's own
)

var markKinds = []MarkKind{MarkAsked, MarkSkipped, MarkOwn}

// FollowUpMark is a follow-up as an interviewer ran it: which one (Index in the prompt's
// follow-ups; -1 for a question of their own), who asked it, and when, in elapsed round time.
type FollowUpMark struct {
	Index    int
	Asker    Asker
	Question string
	Mark     MarkKind
	At       time.Duration
}

// TimedNote is an interviewer's note stamped with the round's elapsed time when it was begun.
type TimedNote struct {
	At   time.Duration
	Text string
}

// Limits on what a live session (and a review made from it) holds: generous for a person typing
// through a round, small enough that a hostile bundle cannot make a review of megabytes.
const (
	MaxNotes        = 500
	MaxNoteLen      = 2000 // characters
	MaxFollowUpMark = 200
	MaxQuestionLen  = 1000 // characters, for a question of the interviewer's own
)

// Interview is one live session: who runs it, the prompt as it was when it began, the clock, the
// follow-ups marked, the notes, and the scores given so far.
type Interview struct {
	ID          uuid.UUID
	Interviewer string
	SetID       string
	SetVersion  int
	Prompt      Prompt
	// LoopID groups the rounds of a mock loop the interviewer runs back to back; LoopRound is this
	// round's place in it (0-based), LoopRounds how many it has, and LoopSitting the sitting it is
	// asked in (a behavioural round's questions share one). Nil for a single round.
	LoopID      uuid.UUID
	LoopRound   int
	LoopRounds  int
	LoopSitting int
	// LoopShape names the loop's shape (a loop file's name); LoopPlan is this round's slot as
	// planned, with its weights, and LoopBands the thresholds the loop is banded by (nil: the
	// default ones). Kept with each round, so a loop resumed after the shape changed or was
	// removed is summed up as it was planned.
	LoopShape string
	LoopPlan  LoopRound
	LoopBands *BandThresholds
	Clock     ClockState
	FollowUps []FollowUpMark
	Notes     []TimedNote
	// NoteDraft is a note being typed and not yet added, with the time it was begun: kept so that
	// a crash loses no half-written note either.
	NoteDraft   string
	NoteDraftAt time.Duration
	Scores      []Score
	Comment     string // the overall comment, written at the end
	StartedAt   time.Time
	UpdatedAt   time.Time
	// ReviewID is the review this session became, once it has: saving it again replaces that
	// review rather than adding another.
	ReviewID uuid.UUID
}

// NewInterviewLoop plans a mock loop of shape for an interviewer to run: one session per round of
// the shape, in order, each on the prompt picks[i] of set sets[i], sharing a loop ID. They are all
// saved at once, so a loop resumed after a crash has its whole plan.
func NewInterviewLoop(shape *LoopShape, sets []*PracticeSet, picks []Prompt, interviewer string, now time.Time) []Interview {
	id := uuid.New()
	plan := shape.Plan()
	bands := shape.Bands
	out := make([]Interview, len(plan))
	for i := range plan {
		k, _ := SittingOf(plan, i)
		out[i] = NewInterview(sets[i], picks[i], interviewer, now)
		out[i].LoopID, out[i].LoopRound, out[i].LoopRounds, out[i].LoopSitting = id, i, len(plan), k
		out[i].LoopShape, out[i].LoopPlan, out[i].LoopBands = shape.Name, plan[i], &bands
	}
	return out
}

// NewInterview starts a session on prompt p of set.
func NewInterview(set *PracticeSet, p Prompt, interviewer string, now time.Time) Interview {
	return Interview{ID: uuid.New(), Interviewer: strings.TrimSpace(interviewer), SetID: set.ID, SetVersion: set.Version,
		Prompt: p, Clock: ClockState{Elapsed: make([]time.Duration, len(p.Phases))}, StartedAt: now, UpdatedAt: now}
}

// Clone is a copy that shares no slice with iv: the saver keeps its own.
func (iv Interview) Clone() Interview {
	iv.Clock.Elapsed = slices.Clone(iv.Clock.Elapsed)
	iv.FollowUps = slices.Clone(iv.FollowUps)
	iv.Notes = slices.Clone(iv.Notes)
	iv.Scores = slices.Clone(iv.Scores)
	if iv.LoopBands != nil {
		b := *iv.LoopBands
		iv.LoopBands = &b
	}
	iv.LoopPlan = clonePlan(iv.LoopPlan)
	return iv
}

// clonePlan is a copy of a slot's plan that shares no map.
func clonePlan(r LoopRound) LoopRound {
	if r.Competencies != nil {
		m := make(map[string]float64, len(r.Competencies))
		for k, v := range r.Competencies {
			m[k] = v
		}
		r.Competencies = m
	}
	return r
}

// InterviewSaver writes a live session as it changes.
type InterviewSaver = Saver[Interview]

// NewInterviewSaver starts a saver writing one session through save.
func NewInterviewSaver(save func(Interview) error) *InterviewSaver {
	return NewSaver(save, Interview.Clone, nil)
}

// InterviewStore keeps live sessions, apart from attempts and drafts.
type InterviewStore interface {
	SaveInterview(iv Interview) error
	// Interviews returns every stored session, most recently updated first.
	Interviews() ([]Interview, error)
	DeleteInterview(id uuid.UUID) error
}

// Finished reports whether the round's clock has been stopped for good.
func (iv *Interview) Finished() bool { return iv.Clock.Finished }

// MarkOf returns the mark on the prompt's follow-up i, if it has one.
func (iv *Interview) MarkOf(i int) (FollowUpMark, bool) {
	for _, m := range iv.FollowUps {
		if m.Index == i && m.Mark != MarkOwn {
			return m, true
		}
	}
	return FollowUpMark{}, false
}

// Mark marks the prompt's follow-up i as asked or skipped at elapsed time at. Marking it again
// replaces the mark (a follow-up skipped early may be asked later after all) and keeps its place.
func (iv *Interview) Mark(i int, kind MarkKind, at time.Duration) error {
	if i < 0 || i >= len(iv.Prompt.FollowUps) {
		return fmt.Errorf("the prompt has no follow-up %d", i+1)
	}
	if kind != MarkAsked && kind != MarkSkipped {
		return fmt.Errorf("a follow-up of the prompt is marked asked or skipped, not %q", kind)
	}
	f := iv.Prompt.FollowUps[i]
	m := FollowUpMark{Index: i, Asker: f.Asker, Question: f.Question, Mark: kind, At: at}
	for j := range iv.FollowUps {
		if iv.FollowUps[j].Index == i && iv.FollowUps[j].Mark != MarkOwn {
			iv.FollowUps[j] = m
			return nil
		}
	}
	if len(iv.FollowUps) >= MaxFollowUpMark {
		return fmt.Errorf("a round holds at most %d follow-ups", MaxFollowUpMark)
	}
	iv.FollowUps = append(iv.FollowUps, m)
	return nil
}

// AskOwn records a question of the interviewer's own, asked at at as panel member asker.
func (iv *Interview) AskOwn(question string, asker Asker, at time.Duration) error {
	question = strings.TrimSpace(question)
	switch {
	case question == "":
		return errors.New("type the question you asked first")
	case len([]rune(question)) > MaxQuestionLen:
		return fmt.Errorf("a question may be at most %d characters", MaxQuestionLen)
	case len(iv.FollowUps) >= MaxFollowUpMark:
		return fmt.Errorf("a round holds at most %d follow-ups", MaxFollowUpMark)
	}
	iv.FollowUps = append(iv.FollowUps, FollowUpMark{Index: -1, Asker: asker, Question: question, Mark: MarkOwn, At: at})
	return nil
}

// Due returns the indexes of the prompt's follow-ups whose minute has come at elapsed and that
// are not marked yet, in order: what the interviewer should ask now.
func (iv *Interview) Due(elapsed time.Duration) []int {
	var out []int
	for i, f := range iv.Prompt.FollowUps {
		if _, marked := iv.MarkOf(i); !marked && elapsed >= time.Duration(f.Minute)*time.Minute {
			out = append(out, i)
		}
	}
	return out
}

// TypeNote keeps text as the note being typed; the note's stamp is the elapsed time when its
// first character was typed, which is when what it notes was said.
func (iv *Interview) TypeNote(text string, at time.Duration) {
	if strings.TrimSpace(iv.NoteDraft) == "" {
		iv.NoteDraftAt = at
	}
	iv.NoteDraft = text
}

// AddNote adds the note being typed, stamped when it was begun, and clears it. An empty note is
// not added (and is no error: Ctrl+Enter on an empty field does nothing).
func (iv *Interview) AddNote() error {
	text := strings.TrimSpace(iv.NoteDraft)
	if text == "" {
		return nil
	}
	if n := len([]rune(text)); n > MaxNoteLen {
		return fmt.Errorf("the note is %d characters; a note may be at most %d (split it in two)", n, MaxNoteLen)
	}
	if len(iv.Notes) >= MaxNotes {
		return fmt.Errorf("a round holds at most %d notes", MaxNotes)
	}
	at := iv.NoteDraftAt
	// Notes stay in the order of their stamps even when one was begun before the last was added.
	if k := len(iv.Notes); k > 0 && at < iv.Notes[k-1].At {
		at = iv.Notes[k-1].At
	}
	iv.Notes = append(iv.Notes, TimedNote{At: at, Text: text})
	iv.NoteDraft, iv.NoteDraftAt = "", 0
	return nil
}

// SetScore gives criterion name the value v (1 to 4; 0 clears it), kept in the rubric's order.
func (iv *Interview) SetScore(name string, v int) {
	given := map[string]int{}
	for _, s := range iv.Scores {
		given[s.Criterion] = s.Value
	}
	if v == 0 {
		delete(given, name)
	} else {
		given[name] = v
	}
	iv.Scores = OrderScores(iv.Prompt.Rubric, given)
}

// ErrOtherPrompt is returned when a session is turned into a review of an attempt at another prompt.
var ErrOtherPrompt = errors.New("the attempt answers another prompt")

// Review turns the session into a review of the candidate's attempt a at the same prompt: the
// interviewer's scores, the follow-ups as marked, the timestamped notes, and a comment built from
// the overall comment, the notes and the follow-ups, so that every screen that shows a mentor's
// comment shows them too. A session reviewed before keeps its review's ID, so saving again
// replaces that review.
func (iv *Interview) Review(a *Attempt, at time.Time) (Review, error) {
	if a.Prompt.ID != iv.Prompt.ID {
		return Review{}, fmt.Errorf("%w: the round was %q, the attempt %q; choose an attempt at the same prompt", ErrOtherPrompt, iv.Prompt.Title, a.Prompt.Title)
	}
	r, err := NewReview(a, iv.Interviewer, iv.reviewScores(a), iv.ReviewComment(), nil, at)
	if err != nil {
		return Review{}, err
	}
	r.Notes, r.FollowUps = slices.Clone(iv.Notes), slices.Clone(iv.FollowUps)
	if iv.ReviewID != uuid.Nil {
		r.ID = iv.ReviewID
	}
	if problems := r.Check(a, "review"); len(problems) > 0 {
		return Review{}, &BundleError{Problems: problems}
	}
	return r, nil
}

// reviewScores are the session's scores on the criteria a's rubric has, in its order.
func (iv *Interview) reviewScores(a *Attempt) []Score {
	var out []Score
	for _, c := range a.Prompt.Rubric {
		if v, ok := ScoreOf(iv.Scores, c.Name); ok {
			out = append(out, Score{Criterion: c.Name, Value: v})
		}
	}
	return out
}

// ReviewComment is the review's comment: the overall comment, then the notes and the follow-ups
// in Markdown, each with its minute of the round.
func (iv *Interview) ReviewComment() string {
	var b strings.Builder
	if c := strings.TrimSpace(iv.Comment); c != "" {
		b.WriteString(c + "\n\n")
	}
	if len(iv.Notes) > 0 {
		b.WriteString("**Notes taken during the round**\n\n")
		for _, n := range iv.Notes {
			fmt.Fprintf(&b, "- %s: %s\n", Stamp(n.At), oneLine(n.Text))
		}
		b.WriteString("\n")
	}
	if len(iv.FollowUps) > 0 {
		b.WriteString("**Follow-ups**\n\n")
		for _, m := range iv.FollowUps {
			fmt.Fprintf(&b, "- %s: %s, %s: %s\n", Stamp(m.At), m.Mark.Label(), m.Asker.Label(), oneLine(m.Question))
		}
	}
	return strings.TrimSpace(b.String())
}

// Label is how a mark reads in a review.
func (k MarkKind) Label() string {
	switch k {
	case MarkAsked:
		return "asked"
	case MarkSkipped:
		return "skipped"
	}
	return "own question"
}

// Stamp is elapsed round time as people read it on a clock, "12:05".
func Stamp(d time.Duration) string { return shortDuration(d) }

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// PhaseTimes is the time the session spent in each phase against its budget.
func (iv *Interview) PhaseTimes() []PhaseTime {
	out := make([]PhaseTime, len(iv.Prompt.Phases))
	for i, p := range iv.Prompt.Phases {
		out[i] = PhaseTime{Name: p.Name, Budget: time.Duration(p.Minutes) * time.Minute}
		if i < len(iv.Clock.Elapsed) {
			out[i].Used = iv.Clock.Elapsed[i]
		}
	}
	return out
}

// SummariseInterviewLoop adds up the rounds of a mock loop an interviewer ran, in order, from the
// interviewer's scores: the band, and the rule that produced it, worded for the interviewer. A
// sitting's questions count together, as in the candidate's own loop.
func SummariseInterviewLoop(rounds []Interview, model Competencies) LoopSummary {
	attempts := make([]Attempt, len(rounds))
	sittings := make([]int, len(rounds))
	for i, iv := range rounds {
		attempts[i] = Attempt{ID: iv.ID, Prompt: iv.Prompt, Scores: iv.Scores, PhaseTimes: iv.PhaseTimes()}
		sittings[i] = iv.LoopSitting
		if iv.LoopRounds == 0 { // not planned as a loop: each round its own sitting
			sittings[i] = i
		}
	}
	var s LoopSummary
	if len(rounds) > 0 && rounds[0].LoopRounds > 0 {
		// A planned loop: its rounds and competencies weighed, and banded, as its shape says.
		plans := make([]LoopRound, len(rounds))
		for i, iv := range rounds {
			plans[i] = iv.LoopPlan
		}
		bands := DefaultBands
		if rounds[0].LoopBands != nil {
			bands = *rounds[0].LoopBands
		}
		s = SummariseLoopPlanned(attempts, sittings, plans, bands, model)
	} else {
		s = SummariseLoopSittings(attempts, sittings, model)
	}
	s.Rule = strings.Replace(s.Rule, "from your self-scores", "from the interviewer's scores", 1)
	return s
}
