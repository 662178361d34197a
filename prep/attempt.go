package prep

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep/diagram"
	"github.com/panelprep/panelprep/prep/estimate"
)

// Score is the self-score given to one rubric criterion, 1 to 4.
type Score struct {
	Criterion string `json:"criterion"`
	Value     int    `json:"value"`
	// Evidence is the passage of the answer the candidate cites for this score, so a mentor who
	// disagrees sees exactly what was claimed. Optional: attempts from before citing have none.
	Evidence string `json:"evidence,omitempty"`
}

// Draft is a round in progress: everything typed so far and the clock, saved continuously so a crash
// loses nothing. There is at most one draft per prompt.
type Draft struct {
	SetID      string           `json:"set_id"`
	SetVersion int              `json:"set_version"`
	Prompt     Prompt           `json:"prompt"` // the prompt as it was when the round started
	Answer     string           `json:"answer"` // the free-text answer
	Structured bool             `json:"structured,omitempty"`
	Sections   []Section        `json:"sections,omitempty"` // the answer by template section, when Structured
	Teams      []Team           `json:"teams,omitempty"`    // org-design team table
	FollowUps  []FollowUpAnswer `json:"followups,omitempty"`
	LoopID     uuid.UUID        `json:"loop_id,omitempty"`  // set when the round is part of a mock loop
	StoryID    uuid.UUID        `json:"story_id,omitempty"` // a behavioural answer: the story the candidate chose to tell
	Clock      ClockState       `json:"clock"`
	Scores     []Score          `json:"scores,omitempty"`
	Reflection string           `json:"reflection,omitempty"`
	HintsShown int              `json:"hints_shown,omitempty"` // how many of the prompt's hints were revealed
	StartedAt  time.Time        `json:"started_at"`            // wall clock, for display only
	UpdatedAt  time.Time        `json:"updated_at"`            // wall clock, for display only
	// Diagram is the whiteboard drawn beside the answer; nil when none was drawn.
	Diagram *diagram.Diagram `json:"diagram,omitempty"`
	// DiagramSnapshots is the diagram at the end of each phase so far: kept in the draft, so a round
	// resumed after a crash still hands every phase's snapshot to its attempt.
	DiagramSnapshots []DiagramSnapshot `json:"diagram_snapshots,omitempty"`
	// Estimates is the back-of-envelope sheet (nil: none started). Only the rows as written are
	// kept; their values are computed when shown.
	Estimates *estimate.Sheet `json:"estimates,omitempty"`
}

// DiagramSnapshot is the diagram as it stood when a phase of the round ended.
type DiagramSnapshot struct {
	Phase   string          `json:"phase"`
	At      time.Duration   `json:"at"` // elapsed round time when the phase ended
	Diagram diagram.Diagram `json:"diagram"`
}

// SnapshotDiagram records the draft's diagram as it stands at the end of phase (at: elapsed round
// time). A phase ended twice (a round finished, reopened from the score screen and finished again)
// keeps its latest snapshot. A draft without a diagram records nothing.
func (d *Draft) SnapshotDiagram(phase string, at time.Duration) {
	if d.Diagram == nil {
		return
	}
	s := DiagramSnapshot{Phase: phase, At: at, Diagram: d.Diagram.Clone()}
	for i := range d.DiagramSnapshots {
		if d.DiagramSnapshots[i].Phase == phase {
			d.DiagramSnapshots = slices.Clone(d.DiagramSnapshots) // the saver may hold the old slice
			d.DiagramSnapshots[i] = s
			return
		}
	}
	d.DiagramSnapshots = append(slices.Clip(d.DiagramSnapshots), s)
}

// Attempt is one finished answer to one prompt. Attempts are never overwritten; each has its own ID.
type Attempt struct {
	ID         uuid.UUID        `json:"id"`
	SetID      string           `json:"set_id"`
	SetVersion int              `json:"set_version"`
	Prompt     Prompt           `json:"prompt"` // the prompt text the candidate answered, kept with the attempt
	Answer     string           `json:"answer"` // the whole answer as Markdown (sections composed)
	Sections   []Section        `json:"sections,omitempty"`
	Teams      []Team           `json:"teams,omitempty"`
	FollowUps  []FollowUpAnswer `json:"followups,omitempty"`
	LoopID     uuid.UUID        `json:"loop_id,omitempty"`
	StoryID    uuid.UUID        `json:"story_id,omitempty"` // the story told, for a behavioural question
	PhaseTimes []PhaseTime      `json:"phase_times"`
	Scores     []Score          `json:"scores"`
	Reflection string           `json:"reflection"`
	StartedAt  time.Time        `json:"started_at"`
	FinishedAt time.Time        `json:"finished_at"`
	// Diagram is the whiteboard as the round ended, nil when none was drawn; DiagramSnapshots is
	// the diagram at the end of each phase, in order.
	Diagram          *diagram.Diagram  `json:"diagram,omitempty"`
	DiagramSnapshots []DiagramSnapshot `json:"diagram_snapshots,omitempty"`
	Estimates        *estimate.Sheet   `json:"estimates,omitempty"` // the draft's sheet, as it was at the end
}

// AttemptSummary is what a history list needs, without the answer text.
type AttemptSummary struct {
	ID          uuid.UUID
	PromptID    string
	PromptTitle string
	Round       RoundType
	FinishedAt  time.Time
	Average     float64 // mean self-score, 0 when unscored
	Scores      []Score
	// Competencies[i] is the competency ID of Scores[i]'s criterion, from the prompt the attempt
	// answered; "" where it has none (an attempt on a set written before competencies).
	Competencies []string
	PhaseTimes   []PhaseTime
	LoopID       uuid.UUID
}

// CompetencyOf is the competency of the i-th score, or Unmapped.
func (a *AttemptSummary) CompetencyOf(i int) string {
	if i < len(a.Competencies) && a.Competencies[i] != "" {
		return a.Competencies[i]
	}
	return Unmapped
}

// Summary returns the history-list view of an attempt.
func (a *Attempt) Summary() AttemptSummary {
	return AttemptSummary{
		ID: a.ID, PromptID: a.Prompt.ID, PromptTitle: a.Prompt.Title, Round: a.Prompt.Round,
		FinishedAt: a.FinishedAt, Average: AverageScore(a.Scores), Scores: withoutEvidence(a.Scores),
		Competencies: scoreCompetencies(a.Prompt.Rubric, a.Scores), PhaseTimes: a.PhaseTimes, LoopID: a.LoopID,
	}
}

// withoutEvidence is scores without their cited passages: a summary feeds the figures, which never
// read them, and the store's compact summary record does not keep them.
func withoutEvidence(scores []Score) []Score {
	for i := range scores {
		if scores[i].Evidence != "" {
			out := make([]Score, len(scores))
			for j, s := range scores {
				out[j] = Score{Criterion: s.Criterion, Value: s.Value}
			}
			return out
		}
	}
	return scores
}

// scoreCompetencies lines the rubric's competencies up with the scores, by criterion name; nil
// when the rubric names none, as in every attempt made before competencies existed.
func scoreCompetencies(rubric []Criterion, scores []Score) []string {
	var out []string
	for i, s := range scores {
		for _, c := range rubric {
			if c.Name == s.Criterion && c.Competency != "" {
				if out == nil {
					out = make([]string, len(scores))
				}
				out[i] = c.Competency
				break
			}
		}
	}
	return out
}

// MapCompetencies fills in the competency of every rubric criterion of the attempt's prompt
// snapshot that has none, from ix (the library's prompts, by prompt ID and criterion name). It
// reports whether anything changed and how many criteria are left without a competency: those
// count under Unmapped. A snapshot's own competencies are never replaced: they are what the
// candidate was scored against.
func (a *Attempt) MapCompetencies(ix CompetencyIndex) (changed bool, unmapped int) {
	var rubric []Criterion
	for i, c := range a.Prompt.Rubric {
		if c.Competency != "" {
			continue
		}
		id, ok := ix.Lookup(a.Prompt.ID, c.Name)
		if !ok {
			unmapped++
			continue
		}
		if rubric == nil { // copy on write: the snapshot may be shared with the caller's
			rubric = append([]Criterion(nil), a.Prompt.Rubric...)
		}
		rubric[i].Competency = id
	}
	if rubric != nil {
		a.Prompt.Rubric = rubric
	}
	return rubric != nil, unmapped
}

// AverageScore is the mean of the given scores, or 0 for none.
func AverageScore(scores []Score) float64 {
	if len(scores) == 0 {
		return 0
	}
	sum := 0
	for _, s := range scores {
		sum += s.Value
	}
	return float64(sum) / float64(len(scores))
}

// NewAttempt turns a finished draft into an attempt with a fresh ID. Every rubric criterion must be
// scored 1 to 4.
func NewAttempt(d Draft, phases []PhaseTime, finished time.Time) (Attempt, error) {
	if err := CheckScores(d.Prompt.Rubric, d.Scores); err != nil {
		return Attempt{}, err
	}
	if err := CheckEvidence(d.FullAnswer(), d.Scores); err != nil {
		return Attempt{}, err
	}
	if err := CheckDiagram(d.Diagram, d.DiagramSnapshots); err != nil {
		return Attempt{}, err
	}
	a := Attempt{
		ID: uuid.New(), SetID: d.SetID, SetVersion: d.SetVersion, Prompt: d.Prompt,
		Answer: d.FullAnswer(), Teams: d.Teams, FollowUps: d.FollowUps, LoopID: d.LoopID, StoryID: d.StoryID,
		PhaseTimes: phases, Scores: d.Scores, Reflection: d.Reflection,
		StartedAt: d.StartedAt, FinishedAt: finished, Estimates: cloneSheet(d.Estimates),
	}
	if d.Structured {
		a.Sections = d.Sections
	}
	if d.Diagram != nil && !d.Diagram.Empty() {
		c := d.Diagram.Clone()
		a.Diagram = &c
		a.DiagramSnapshots = slices.Clone(d.DiagramSnapshots)
	}
	return a, nil
}

// MaxDiagramSnapshots bounds the snapshots an attempt carries: one per phase, and no prompt has
// more phases than this.
const MaxDiagramSnapshots = 20

// CheckDiagram says what is wrong with an attempt's diagram and its snapshots, naming the first
// problem; nil for none (or no diagram).
func CheckDiagram(d *diagram.Diagram, snaps []DiagramSnapshot) error {
	if d != nil {
		if p := d.Validate(); len(p) > 0 {
			return fmt.Errorf("the diagram: %s", p[0])
		}
	}
	if len(snaps) > MaxDiagramSnapshots {
		return fmt.Errorf("the diagram has %d phase snapshots, at most %d", len(snaps), MaxDiagramSnapshots)
	}
	for i, s := range snaps {
		if n := len([]rune(s.Phase)); n > 200 {
			return fmt.Errorf("diagram snapshot %d: the phase name is %d characters, at most 200", i+1, n)
		}
		if s.At < 0 {
			return fmt.Errorf("diagram snapshot %d (%s): its time is negative", i+1, s.Phase)
		}
		if p := s.Diagram.Validate(); len(p) > 0 {
			return fmt.Errorf("diagram snapshot %d (%s): %s", i+1, s.Phase, p[0])
		}
	}
	return nil
}

// FullAnswer is the draft's answer as one Markdown text: the free text, or the sections composed,
// with the team table written into its section.
func (d *Draft) FullAnswer() string {
	if !d.Structured {
		return d.Answer
	}
	sections := append([]Section(nil), d.Sections...)
	if table := FormatTeamTable(d.Teams); table != "" {
		for i := range sections {
			if sections[i].Title == TeamTableSection {
				sections[i].Text = strings.TrimSpace(table + "\n" + sections[i].Text)
			}
		}
	}
	return ComposeAnswer(sections)
}

// ErrUnscored is returned when a criterion has no score yet.
var ErrUnscored = errors.New("every rubric criterion needs a score from 1 to 4")

// CheckScores reports whether scores cover the rubric exactly, each from 1 to 4.
func CheckScores(rubric []Criterion, scores []Score) error {
	if len(scores) != len(rubric) {
		return fmt.Errorf("%w: %d of %d scored", ErrUnscored, len(scores), len(rubric))
	}
	for i, c := range rubric {
		if scores[i].Criterion != c.Name || scores[i].Value < 1 || scores[i].Value > 4 {
			return fmt.Errorf("%w: %q is not scored", ErrUnscored, c.Name)
		}
	}
	return nil
}

// Store is what PanelPrep keeps on disk. Writes of anything the user typed are durable when they
// return.
type Store interface {
	SaveDraft(d Draft) error
	// Drafts returns every unfinished round, most recently updated first.
	Drafts() ([]Draft, error)
	DeleteDraft(promptID string) error
	DraftBin
	// SaveAttempt stores a new attempt and removes the prompt's draft in one transaction.
	SaveAttempt(a Attempt) error
	// Attempts lists every attempt, newest first.
	Attempts() ([]AttemptSummary, error)
	// SearchDocs returns every attempt's searchable text, newest first.
	SearchDocs() ([]SearchDoc, error)
	Attempt(id uuid.UUID) (Attempt, error)
	SetStore
	LoopStore
	LoopShapeStore
	StoryStore
	ReviewReader
	ReviewWriter
	InterviewStore
}

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// SetStore keeps the practice sets a user has imported, so removing the file loses nothing.
type SetStore interface {
	// ImportSet stores a validated set. A set whose ID is already stored must have a higher
	// version; otherwise ImportSet returns an error wrapping ErrSetNotNewer and changes nothing.
	ImportSet(set *PracticeSet) error
	// ImportedSets returns every imported set, latest version of each, ordered by ID.
	ImportedSets() ([]*PracticeSet, error)
}

// ErrSetNotNewer is returned when importing a set that is not newer than the stored one.
var ErrSetNotNewer = errors.New("this version of the set is already imported")

// SearchDoc is the attempt's searchable text: answer, reflection and follow-up replies.
func (a *Attempt) SearchDoc() SearchDoc {
	var replies []string
	for _, f := range a.FollowUps {
		if f.Answer != "" {
			replies = append(replies, f.Answer)
		}
	}
	return SearchDoc{ID: a.ID, PromptTitle: a.Prompt.Title, FinishedAt: a.FinishedAt,
		Fields: [3]string{a.Answer + diagramSearchText(a.Diagram), a.Reflection, strings.Join(replies, "\n")}}
}

// diagramSearchText is the diagram's words, found by a search of the answer: the whiteboard is part
// of it. Empty without a diagram, so attempts from before diagrams have the same search text.
func diagramSearchText(d *diagram.Diagram) string {
	if d == nil || d.Empty() {
		return ""
	}
	var words []string
	for _, c := range d.Components {
		if c.Label != "" {
			words = append(words, c.Label)
		}
	}
	for _, a := range d.Arrows {
		if a.Label != "" {
			words = append(words, a.Label)
		}
	}
	for _, t := range d.Teams {
		words = append(words, t.Name)
	}
	if len(words) == 0 {
		return ""
	}
	return "\n\nDiagram: " + strings.Join(words, "; ")
}

// cloneSheet is a copy of s sharing no rows with it, without the rows left blank (the one Return
// adds below the last); nil for nil or a sheet with nothing written, so an attempt never carries an
// empty sheet. A blank row has no name, so no formula refers to it: dropping it changes no value.
func cloneSheet(s *estimate.Sheet) *estimate.Sheet {
	if s == nil || s.Empty() {
		return nil
	}
	c := estimate.Sheet{}
	for _, r := range s.Rows {
		if strings.TrimSpace(r.Name) != "" || strings.TrimSpace(r.Text) != "" {
			c.Rows = append(c.Rows, r)
		}
	}
	return &c
}
