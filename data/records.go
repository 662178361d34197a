package data

// Stored records owned by data. The store used to encode prep's structs by their JSON tags, so
// renaming or retagging a prep field would have changed the format on disk, against the rule the
// bundle code keeps for its files (a renamed Go field never changes a file format). These types
// are the format of attempt/, draft/, set/, loop/, loop-shape/, story/ and story-comment/ records (and of
// discarded/ ones, which hold a draft as it was): field for field, in the same order, with the same tags, as the prep structs had when this
// file was written, so the bytes are unchanged (TestRecordFormatUnchanged decodes records stored
// before and writes them again byte for byte). prep is free to change; a change here is a format
// change, with a schema version and a migration.
//
// Stories and story comments were stored as prep's JSON until they got theirs; the same
// fixtures test holds their bytes too. Reviews have had their own record (reviewRecord, bundle.go)
// from the start.

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
	"github.com/panelprep/panelprep/prep/estimate"
)

type attemptRecord struct {
	ID         uuid.UUID             `json:"id"`
	SetID      string                `json:"set_id"`
	SetVersion int                   `json:"set_version"`
	Prompt     promptRecord          `json:"prompt"`
	Answer     string                `json:"answer"`
	Sections   []sectionRecord       `json:"sections,omitempty"`
	Teams      []teamRecord          `json:"teams,omitempty"`
	FollowUps  []followUpReplyRecord `json:"followups,omitempty"`
	LoopID     uuid.UUID             `json:"loop_id,omitempty"` // an array: omitempty never omits it
	StoryID    uuid.UUID             `json:"story_id,omitempty"`
	PhaseTimes []phaseTimeRecord     `json:"phase_times"`
	Scores     []scoreRecord         `json:"scores"`
	Reflection string                `json:"reflection"`
	StartedAt  time.Time             `json:"started_at"`
	FinishedAt time.Time             `json:"finished_at"`
	// The whiteboard (diagramrecords.go); absent from attempts without one.
	Diagram          *diagram.Record         `json:"diagram,omitempty"`
	DiagramSnapshots []diagramSnapshotRecord `json:"diagram_snapshots,omitempty"`
	Estimates        *sheetRecord            `json:"estimates,omitempty"` // absent before the estimate sheet
}

type draftRecord struct {
	SetID      string                `json:"set_id"`
	SetVersion int                   `json:"set_version"`
	Prompt     promptRecord          `json:"prompt"`
	Answer     string                `json:"answer"`
	Structured bool                  `json:"structured,omitempty"`
	Sections   []sectionRecord       `json:"sections,omitempty"`
	Teams      []teamRecord          `json:"teams,omitempty"`
	FollowUps  []followUpReplyRecord `json:"followups,omitempty"`
	LoopID     uuid.UUID             `json:"loop_id,omitempty"`
	StoryID    uuid.UUID             `json:"story_id,omitempty"`
	Clock      clockRecord           `json:"clock"`
	Scores     []scoreRecord         `json:"scores,omitempty"`
	Reflection string                `json:"reflection,omitempty"`
	HintsShown int                   `json:"hints_shown,omitempty"`
	StartedAt  time.Time             `json:"started_at"`
	UpdatedAt  time.Time             `json:"updated_at"`
	// The whiteboard (diagramrecords.go); absent from drafts without one.
	Diagram          *diagram.Record         `json:"diagram,omitempty"`
	DiagramSnapshots []diagramSnapshotRecord `json:"diagram_snapshots,omitempty"`
	Estimates        *sheetRecord            `json:"estimates,omitempty"`
}

// sheetRecord is an estimate sheet: the rows as written, never their computed values, which a
// later version may compute better.
type sheetRecord struct {
	Rows []sheetRowRecord `json:"rows"`
}

type sheetRowRecord struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// setRecord is an imported practice set, latest version.
type setRecord struct {
	ID          string         `json:"id"`
	Title       string         `json:"title"`
	Version     int            `json:"version"`
	Author      string         `json:"author"`
	Description string         `json:"description"`
	Prompts     []promptRecord `json:"prompts"`
}

type loopRecord struct {
	ID         uuid.UUID        `json:"id"`
	Slots      []loopSlotRecord `json:"slots"`
	StartedAt  time.Time        `json:"started_at"`
	BreakUntil time.Time        `json:"break_until,omitempty"` // a struct: omitempty never omits it
	Finished   bool             `json:"finished"`
	// The loop file the loop was planned from, and its bands; absent from loops planned before
	// loop files, which band by prep.DefaultBands.
	Shape *shapeRefRecord       `json:"shape,omitempty"`
	Bands *bandThresholdsRecord `json:"bands,omitempty"`
}

type shapeRefRecord struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version int    `json:"version"`
}

type bandThresholdsRecord struct {
	LeanHire             float64 `json:"lean_hire"`
	Hire                 float64 `json:"hire"`
	StrongHire           float64 `json:"strong_hire"`
	RoundFloor           float64 `json:"round_floor"`
	StrongHireRoundFloor float64 `json:"strong_hire_round_floor"`
}

// loopShapeRecord is an imported loop file, latest version (loopshapes.go).
type loopShapeRecord struct {
	ID          string               `json:"id"`
	Name        string               `json:"name"`
	Version     int                  `json:"version"`
	Author      string               `json:"author,omitempty"`
	Description string               `json:"description,omitempty"`
	Rounds      []loopRoundRecord    `json:"rounds"`
	Bands       bandThresholdsRecord `json:"bands"`
}

type loopSlotRecord struct {
	Plan      loopRoundRecord `json:"plan"`
	SetID     string          `json:"set_id"`
	PromptID  string          `json:"prompt_id"`
	AttemptID uuid.UUID       `json:"attempt_id,omitempty"`
}

type loopRoundRecord struct {
	Round        string `json:"round"`
	Minutes      int    `json:"minutes"`
	BreakMinutes int    `json:"break_minutes"`
	Lead         string `json:"lead"`
	FollowsOn    bool   `json:"follows_on,omitempty"` // absent from loops saved before sittings
	// Absent from loops planned before loop files, and wherever a round weighs as 1.
	Weight       float64            `json:"weight,omitempty"`
	Competencies map[string]float64 `json:"competencies,omitempty"`
}

// storyRecord is one story of the story bank.
type storyRecord struct {
	ID           uuid.UUID `json:"id"`
	Title        string    `json:"title"`
	Year         int       `json:"year,omitempty"`
	Month        int       `json:"month,omitempty"`
	Where        string    `json:"where,omitempty"`
	Role         string    `json:"role,omitempty"`
	Teams        int       `json:"teams,omitempty"`
	People       int       `json:"people,omitempty"`
	Budget       string    `json:"budget,omitempty"`
	Situation    string    `json:"situation,omitempty"`
	Actions      string    `json:"actions,omitempty"`
	Result       string    `json:"result,omitempty"`
	Numbers      string    `json:"numbers,omitempty"`
	Learning     string    `json:"learning,omitempty"`
	Competencies []string  `json:"competencies,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// storyCommentRecord is a mentor's comment on a story, kept beside it.
type storyCommentRecord struct {
	ID          uuid.UUID `json:"id"`
	StoryID     uuid.UUID `json:"story_id"`
	Reviewer    string    `json:"reviewer"`
	CommentedAt time.Time `json:"commented_at"`
	Comment     string    `json:"comment"`
}

// promptRecord is the prompt snapshot kept with an attempt or a draft.
type promptRecord struct {
	ID          string            `json:"id"`
	Round       string            `json:"round"`
	Level       string            `json:"level"`
	Context     string            `json:"context"`
	Title       string            `json:"title"`
	Minutes     int               `json:"minutes"`
	Scenario    string            `json:"scenario"`
	Constraints []string          `json:"constraints"`
	Phases      []phaseRecord     `json:"phases"`
	FollowUps   []followUpRecord  `json:"followups"`
	Rubric      []criterionRecord `json:"rubric"`
	Hints       []string          `json:"hints"`
	Outline     []string          `json:"outline"`
	Tags        []string          `json:"tags"`
	Teams       []string          `json:"teams,omitempty"`
}

type phaseRecord struct {
	Name    string `json:"name"`
	Minutes int    `json:"minutes"`
}

type followUpRecord struct {
	Minute   int    `json:"minute"`
	Asker    string `json:"asker"`
	Question string `json:"question"`
}

type criterionRecord struct {
	Name       string `json:"criterion"`
	Anchor1    string `json:"anchor1"`
	Anchor2    string `json:"anchor2"`
	Anchor3    string `json:"anchor3"`
	Anchor4    string `json:"anchor4"`
	Competency string `json:"competency,omitempty"`
}

type sectionRecord struct {
	Title string `json:"title"`
	Text  string `json:"text"`
}

type teamRecord struct {
	Name      string `json:"name"`
	Type      string `json:"type"`
	EM        string `json:"em"`
	Engineers int    `json:"engineers"`
}

// followUpReplyRecord is a follow-up as it happened in a round; durations are nanoseconds of
// elapsed round time, as time.Duration encodes.
type followUpReplyRecord struct {
	Index      int           `json:"index"`
	Asker      string        `json:"asker"`
	Question   string        `json:"question"`
	AskedAt    time.Duration `json:"asked_at"`
	Answer     string        `json:"answer,omitempty"`
	AnsweredAt time.Duration `json:"answered_at,omitempty"`
}

type phaseTimeRecord struct {
	Name   string        `json:"name"`
	Budget time.Duration `json:"budget"`
	Used   time.Duration `json:"used"`
}

type scoreRecord struct {
	Criterion string `json:"criterion"`
	Value     int    `json:"value"`
	// Omitted when empty, so records from before citing are written again byte for byte.
	Evidence string `json:"evidence,omitempty"`
}

type clockRecord struct {
	Phase    int             `json:"phase"`
	Elapsed  []time.Duration `json:"elapsed"`
	Started  bool            `json:"started"`
	Running  bool            `json:"running"`
	Finished bool            `json:"finished"`
}

// encodeAttempt is the stored form of an attempt.
func encodeAttempt(a *prep.Attempt) ([]byte, error) { return json.Marshal(attemptRecordOf(a)) }

// decodeAttempt reads a stored attempt.
func decodeAttempt(b []byte) (prep.Attempt, error) {
	var r attemptRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return prep.Attempt{}, asBefore(err, "Attempt")
	}
	return r.attempt(), nil
}

// encodeDraft is the stored form of a draft, under draft/ and discarded/.
func encodeDraft(d *prep.Draft) ([]byte, error) { return json.Marshal(draftRecordOf(d)) }

// decodeDraft reads a stored draft.
func decodeDraft(b []byte) (prep.Draft, error) {
	var r draftRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return prep.Draft{}, asBefore(err, "Draft")
	}
	return r.draft(), nil
}

// encodeSet is the stored form of an imported set.
func encodeSet(set *prep.PracticeSet) ([]byte, error) {
	return json.Marshal(setRecord{ID: set.ID, Title: set.Title, Version: set.Version, Author: set.Author,
		Description: set.Description, Prompts: convert(set.Prompts, func(p prep.Prompt) promptRecord { return promptRecordOf(&p) })})
}

// decodeSet reads a stored set.
func decodeSet(b []byte) (*prep.PracticeSet, error) {
	var r setRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, asBefore(err, "PracticeSet")
	}
	return &prep.PracticeSet{ID: r.ID, Title: r.Title, Version: r.Version, Author: r.Author, Description: r.Description,
		Prompts: convert(r.Prompts, func(p promptRecord) prep.Prompt { return p.prompt() })}, nil
}

// encodeLoop is the stored form of a mock loop.
func encodeLoop(l *prep.Loop) ([]byte, error) {
	r := loopRecord{ID: l.ID, StartedAt: l.StartedAt, BreakUntil: l.BreakUntil, Finished: l.Finished,
		Slots: convert(l.Slots, func(s prep.LoopSlot) loopSlotRecord {
			return loopSlotRecord{SetID: s.SetID, PromptID: s.PromptID, AttemptID: s.AttemptID, Plan: loopRoundRecordOf(s.Plan)}
		})}
	if l.Shape != (prep.ShapeRef{}) {
		r.Shape = &shapeRefRecord{ID: l.Shape.ID, Name: l.Shape.Name, Version: l.Shape.Version}
	}
	if l.Bands != nil {
		b := bandThresholdsRecordOf(*l.Bands)
		r.Bands = &b
	}
	return json.Marshal(r)
}

// decodeLoop reads a stored mock loop.
func decodeLoop(b []byte) (prep.Loop, error) {
	var r loopRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return prep.Loop{}, asBefore(err, "Loop")
	}
	l := prep.Loop{ID: r.ID, StartedAt: r.StartedAt, BreakUntil: r.BreakUntil, Finished: r.Finished,
		Slots: convert(r.Slots, func(s loopSlotRecord) prep.LoopSlot {
			return prep.LoopSlot{SetID: s.SetID, PromptID: s.PromptID, AttemptID: s.AttemptID, Plan: s.Plan.loopRound()}
		})}
	if r.Shape != nil {
		l.Shape = prep.ShapeRef{ID: r.Shape.ID, Name: r.Shape.Name, Version: r.Shape.Version}
	}
	if r.Bands != nil {
		b := r.Bands.bands()
		l.Bands = &b
	}
	return l, nil
}

// encodeLoopShape is the stored form of an imported loop file.
func encodeLoopShape(s *prep.LoopShape) ([]byte, error) {
	return json.Marshal(loopShapeRecord{ID: s.ID, Name: s.Name, Version: s.Version, Author: s.Author, Description: s.Description,
		Rounds: convert(s.Rounds, loopRoundRecordOf), Bands: bandThresholdsRecordOf(s.Bands)})
}

// decodeLoopShape reads a stored loop file.
func decodeLoopShape(b []byte) (*prep.LoopShape, error) {
	var r loopShapeRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, asBefore(err, "LoopShape")
	}
	return &prep.LoopShape{ID: r.ID, Name: r.Name, Version: r.Version, Author: r.Author, Description: r.Description,
		Rounds: convert(r.Rounds, loopRoundRecord.loopRound), Bands: r.Bands.bands()}, nil
}

func loopRoundRecordOf(p prep.LoopRound) loopRoundRecord {
	return loopRoundRecord{Round: string(p.Round), Minutes: p.Minutes, BreakMinutes: p.BreakMinutes, Lead: string(p.Lead),
		FollowsOn: p.FollowsOn, Weight: p.Weight, Competencies: p.Competencies}
}

func (r loopRoundRecord) loopRound() prep.LoopRound {
	return prep.LoopRound{Round: prep.RoundType(r.Round), Minutes: r.Minutes, BreakMinutes: r.BreakMinutes, Lead: prep.Asker(r.Lead),
		FollowsOn: r.FollowsOn, Weight: r.Weight, Competencies: r.Competencies}
}

func bandThresholdsRecordOf(b prep.BandThresholds) bandThresholdsRecord {
	return bandThresholdsRecord{LeanHire: b.LeanHire, Hire: b.Hire, StrongHire: b.StrongHire, RoundFloor: b.RoundFloor,
		StrongHireRoundFloor: b.StrongHireRoundFloor}
}

func (r bandThresholdsRecord) bands() prep.BandThresholds {
	return prep.BandThresholds{LeanHire: r.LeanHire, Hire: r.Hire, StrongHire: r.StrongHire, RoundFloor: r.RoundFloor,
		StrongHireRoundFloor: r.StrongHireRoundFloor}
}

// encodeStory is the stored form of a story.
func encodeStory(st *prep.Story) ([]byte, error) {
	return json.Marshal(storyRecord{ID: st.ID, Title: st.Title, Year: st.Year, Month: st.Month, Where: st.Where, Role: st.Role,
		Teams: st.Teams, People: st.People, Budget: st.Budget, Situation: st.Situation, Actions: st.Actions, Result: st.Result,
		Numbers: st.Numbers, Learning: st.Learning, Competencies: st.Competencies, CreatedAt: st.CreatedAt, UpdatedAt: st.UpdatedAt})
}

// decodeStory reads a stored story.
func decodeStory(b []byte) (prep.Story, error) {
	var r storyRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return prep.Story{}, asBefore(err, "Story")
	}
	return prep.Story{ID: r.ID, Title: r.Title, Year: r.Year, Month: r.Month, Where: r.Where, Role: r.Role,
		Teams: r.Teams, People: r.People, Budget: r.Budget, Situation: r.Situation, Actions: r.Actions, Result: r.Result,
		Numbers: r.Numbers, Learning: r.Learning, Competencies: r.Competencies, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}, nil
}

// encodeStoryComment is the stored form of a mentor's comment on a story.
func encodeStoryComment(c *prep.StoryComment) ([]byte, error) {
	return json.Marshal(storyCommentRecord{ID: c.ID, StoryID: c.StoryID, Reviewer: c.Reviewer, CommentedAt: c.CommentedAt, Comment: c.Comment})
}

// decodeStoryComment reads a stored comment on a story.
func decodeStoryComment(b []byte) (prep.StoryComment, error) {
	var r storyCommentRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return prep.StoryComment{}, asBefore(err, "StoryComment")
	}
	return prep.StoryComment{ID: r.ID, StoryID: r.StoryID, Reviewer: r.Reviewer, CommentedAt: r.CommentedAt, Comment: r.Comment}, nil
}

func attemptRecordOf(a *prep.Attempt) attemptRecord {
	return attemptRecord{
		ID: a.ID, SetID: a.SetID, SetVersion: a.SetVersion, Prompt: promptRecordOf(&a.Prompt), Answer: a.Answer,
		Sections: convert(a.Sections, sectionRecordOf), Teams: convert(a.Teams, teamRecordOf),
		FollowUps: convert(a.FollowUps, followUpReplyRecordOf), LoopID: a.LoopID, StoryID: a.StoryID,
		PhaseTimes: convert(a.PhaseTimes, phaseTimeRecordOf), Scores: convert(a.Scores, scoreRecordOf),
		Reflection: a.Reflection, StartedAt: a.StartedAt, FinishedAt: a.FinishedAt,
		Diagram: diagramPtrRecordOf(a.Diagram), DiagramSnapshots: convert(a.DiagramSnapshots, diagramSnapshotRecordOf),
		Estimates: sheetRecordOf(a.Estimates),
	}
}

func (r *attemptRecord) attempt() prep.Attempt {
	return prep.Attempt{
		ID: r.ID, SetID: r.SetID, SetVersion: r.SetVersion, Prompt: r.Prompt.prompt(), Answer: r.Answer,
		Sections: convert(r.Sections, sectionRecord.section), Teams: convert(r.Teams, teamRecord.team),
		FollowUps: convert(r.FollowUps, followUpReplyRecord.reply), LoopID: r.LoopID, StoryID: r.StoryID,
		PhaseTimes: convert(r.PhaseTimes, phaseTimeRecord.phaseTime), Scores: convert(r.Scores, scoreRecord.score),
		Reflection: r.Reflection, StartedAt: r.StartedAt, FinishedAt: r.FinishedAt,
		Diagram: diagramPtr(r.Diagram), DiagramSnapshots: convert(r.DiagramSnapshots, diagramSnapshotRecord.snapshot),
		Estimates: r.Estimates.sheet(),
	}
}

func draftRecordOf(d *prep.Draft) draftRecord {
	return draftRecord{
		SetID: d.SetID, SetVersion: d.SetVersion, Prompt: promptRecordOf(&d.Prompt), Answer: d.Answer, Structured: d.Structured,
		Sections: convert(d.Sections, sectionRecordOf), Teams: convert(d.Teams, teamRecordOf),
		FollowUps: convert(d.FollowUps, followUpReplyRecordOf), LoopID: d.LoopID, StoryID: d.StoryID,
		Clock: clockRecord{Phase: d.Clock.Phase, Elapsed: d.Clock.Elapsed, Started: d.Clock.Started, Running: d.Clock.Running,
			Finished: d.Clock.Finished},
		Scores: convert(d.Scores, scoreRecordOf), Reflection: d.Reflection, HintsShown: d.HintsShown,
		StartedAt: d.StartedAt, UpdatedAt: d.UpdatedAt,
		Diagram: diagramPtrRecordOf(d.Diagram), DiagramSnapshots: convert(d.DiagramSnapshots, diagramSnapshotRecordOf),
		Estimates: sheetRecordOf(d.Estimates),
	}
}

func (r *draftRecord) draft() prep.Draft {
	c := r.Clock
	return prep.Draft{
		SetID: r.SetID, SetVersion: r.SetVersion, Prompt: r.Prompt.prompt(), Answer: r.Answer, Structured: r.Structured,
		Sections: convert(r.Sections, sectionRecord.section), Teams: convert(r.Teams, teamRecord.team),
		FollowUps: convert(r.FollowUps, followUpReplyRecord.reply), LoopID: r.LoopID, StoryID: r.StoryID,
		Clock:  prep.ClockState{Phase: c.Phase, Elapsed: c.Elapsed, Started: c.Started, Running: c.Running, Finished: c.Finished},
		Scores: convert(r.Scores, scoreRecord.score), Reflection: r.Reflection, HintsShown: r.HintsShown,
		StartedAt: r.StartedAt, UpdatedAt: r.UpdatedAt,
		Diagram: diagramPtr(r.Diagram), DiagramSnapshots: convert(r.DiagramSnapshots, diagramSnapshotRecord.snapshot),
		Estimates: r.Estimates.sheet(),
	}
}

func sheetRecordOf(s *estimate.Sheet) *sheetRecord {
	if s == nil {
		return nil
	}
	return &sheetRecord{Rows: convert(s.Rows, func(r estimate.Row) sheetRowRecord { return sheetRowRecord(r) })}
}

func (r *sheetRecord) sheet() *estimate.Sheet {
	if r == nil {
		return nil
	}
	return &estimate.Sheet{Rows: convert(r.Rows, func(r sheetRowRecord) estimate.Row { return estimate.Row(r) })}
}

func promptRecordOf(p *prep.Prompt) promptRecord {
	return promptRecord{
		ID: p.ID, Round: string(p.Round), Level: string(p.Level), Context: string(p.Context), Title: p.Title,
		Minutes: p.Minutes, Scenario: p.Scenario, Constraints: p.Constraints,
		Phases:    convert(p.Phases, func(ph prep.Phase) phaseRecord { return phaseRecord{Name: ph.Name, Minutes: ph.Minutes} }),
		FollowUps: convert(p.FollowUps, func(f prep.FollowUp) followUpRecord { return followUpRecord{f.Minute, string(f.Asker), f.Question} }),
		Rubric: convert(p.Rubric, func(c prep.Criterion) criterionRecord {
			return criterionRecord{c.Name, c.Anchor1, c.Anchor2, c.Anchor3, c.Anchor4, c.Competency}
		}),
		Hints: p.Hints, Outline: p.Outline, Tags: p.Tags, Teams: p.Teams,
	}
}

func (r *promptRecord) prompt() prep.Prompt {
	return prep.Prompt{
		ID: r.ID, Round: prep.RoundType(r.Round), Level: prep.Level(r.Level), Context: prep.Context(r.Context), Title: r.Title,
		Minutes: r.Minutes, Scenario: r.Scenario, Constraints: r.Constraints,
		Phases: convert(r.Phases, func(ph phaseRecord) prep.Phase { return prep.Phase{Name: ph.Name, Minutes: ph.Minutes} }),
		FollowUps: convert(r.FollowUps, func(f followUpRecord) prep.FollowUp {
			return prep.FollowUp{Minute: f.Minute, Asker: prep.Asker(f.Asker), Question: f.Question}
		}),
		Rubric: convert(r.Rubric, func(c criterionRecord) prep.Criterion {
			return prep.Criterion{Name: c.Name, Anchor1: c.Anchor1, Anchor2: c.Anchor2, Anchor3: c.Anchor3, Anchor4: c.Anchor4, Competency: c.Competency}
		}),
		Hints: r.Hints, Outline: r.Outline, Tags: r.Tags, Teams: r.Teams,
	}
}

func sectionRecordOf(s prep.Section) sectionRecord {
	return sectionRecord{Title: s.Title, Text: s.Text}
}
func (r sectionRecord) section() prep.Section { return prep.Section{Title: r.Title, Text: r.Text} }

func teamRecordOf(t prep.Team) teamRecord {
	return teamRecord{Name: t.Name, Type: string(t.Type), EM: t.EM, Engineers: t.Engineers}
}

func (r teamRecord) team() prep.Team {
	return prep.Team{Name: r.Name, Type: prep.TeamType(r.Type), EM: r.EM, Engineers: r.Engineers}
}

func followUpReplyRecordOf(f prep.FollowUpAnswer) followUpReplyRecord {
	return followUpReplyRecord{Index: f.Index, Asker: string(f.Asker), Question: f.Question, AskedAt: f.AskedAt,
		Answer: f.Answer, AnsweredAt: f.AnsweredAt}
}

func (r followUpReplyRecord) reply() prep.FollowUpAnswer {
	return prep.FollowUpAnswer{Index: r.Index, Asker: prep.Asker(r.Asker), Question: r.Question, AskedAt: r.AskedAt,
		Answer: r.Answer, AnsweredAt: r.AnsweredAt}
}

func phaseTimeRecordOf(p prep.PhaseTime) phaseTimeRecord {
	return phaseTimeRecord{Name: p.Name, Budget: p.Budget, Used: p.Used}
}
func (r phaseTimeRecord) phaseTime() prep.PhaseTime {
	return prep.PhaseTime{Name: r.Name, Budget: r.Budget, Used: r.Used}
}

func scoreRecordOf(s prep.Score) scoreRecord {
	return scoreRecord{Criterion: s.Criterion, Value: s.Value, Evidence: s.Evidence}
}
func (r scoreRecord) score() prep.Score {
	return prep.Score{Criterion: r.Criterion, Value: r.Value, Evidence: r.Evidence}
}

// asBefore names the record in a JSON type error as it was named before these types ("Go struct
// field Attempt.prompt.minutes"), so the check's report of a damaged record reads as it did.
func asBefore(err error, name string) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		te.Struct = name
	}
	return err
}

// convert maps a slice, keeping nil as nil: an empty list and a missing one encode differently
// ("[]" and null), and both must come back as they were stored.
func convert[T, U any](in []T, f func(T) U) []U {
	if in == nil {
		return nil
	}
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}
