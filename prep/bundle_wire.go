package prep

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep/diagram"
	"github.com/panelprep/panelprep/prep/internal/strictjson"
)

// Wire types: the bundle's JSON, field by field. Times are RFC 3339 strings and durations whole
// milliseconds, so a person (or another program) can read the file without knowing Go.

type bundleJSON struct {
	Format     string        `json:"format"`
	Version    int           `json:"version"`
	Kind       string        `json:"kind"`
	ExportedAt string        `json:"exported_at"`
	ExportedBy string        `json:"exported_by,omitempty"`
	Attempts   []attemptJSON `json:"attempts"`
	Reviews    []reviewJSON  `json:"reviews"`
	Stories    []storyJSON   `json:"stories,omitempty"` // version 2
	// StoryComments are a mentor's comments on stories (version 2).
	StoryComments []storyCommentJSON `json:"story_comments,omitempty"`
}

type attemptJSON struct {
	ID         string          `json:"id"`
	SetID      string          `json:"set_id"`
	SetVersion int             `json:"set_version"`
	LoopID     string          `json:"loop_id,omitempty"`
	StoryID    string          `json:"story_id,omitempty"` // version 2
	Prompt     promptJSON      `json:"prompt"`
	Answer     string          `json:"answer"`
	Sections   []sectionJSON   `json:"sections,omitempty"`
	Teams      []teamJSON      `json:"teams,omitempty"`
	FollowUps  []replyJSON     `json:"followups,omitempty"`
	PhaseTimes []phaseTimeJSON `json:"phase_times"`
	Scores     []scoreJSON     `json:"scores"`
	Reflection string          `json:"reflection"`
	StartedAt  string          `json:"started_at"`
	FinishedAt string          `json:"finished_at"`
	Reviews    []reviewJSON    `json:"reviews"`
	// The whiteboard (version 4, bundle_diagram.go); absent when none was drawn.
	Diagram          diagram.Record        `json:"diagram,omitzero"`
	DiagramSnapshots []diagramSnapshotJSON `json:"diagram_snapshots,omitempty"`
	Estimates        []estimateRowJSON     `json:"estimates,omitempty"` // version 4, bundle_estimates.go
}

type promptJSON struct {
	ID          string          `json:"id"`
	Round       RoundType       `json:"round"`
	Level       Level           `json:"level"`
	Context     Context         `json:"context"`
	Title       string          `json:"title"`
	Minutes     int             `json:"minutes"`
	Scenario    string          `json:"scenario"`
	Constraints []string        `json:"constraints,omitempty"`
	Phases      []phaseJSON     `json:"phases"`
	FollowUps   []followUpJSON  `json:"followups,omitempty"`
	Rubric      []criterionJSON `json:"rubric"`
	Hints       []string        `json:"hints,omitempty"`
	Outline     []string        `json:"outline,omitempty"`
	Tags        []string        `json:"tags,omitempty"`
	Teams       []string        `json:"teams,omitempty"`
}

// These have the same fields as their prep types (Go converts between them directly); the tags are
// the format's own.
type (
	phaseJSON struct {
		Name    string `json:"name"`
		Minutes int    `json:"minutes"`
	}
	followUpJSON struct {
		Minute   int    `json:"minute"`
		Asker    Asker  `json:"asker"`
		Question string `json:"question"`
	}
	criterionJSON struct {
		Name       string `json:"criterion"`
		Anchor1    string `json:"anchor1"`
		Anchor2    string `json:"anchor2"`
		Anchor3    string `json:"anchor3"`
		Anchor4    string `json:"anchor4"`
		Competency string `json:"competency,omitempty"` // absent in bundles from before competencies
	}
	sectionJSON struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	}
	teamJSON struct {
		Name      string   `json:"name"`
		Type      TeamType `json:"type"`
		EM        string   `json:"em"`
		Engineers int      `json:"engineers"`
	}
	scoreJSON struct {
		Criterion string `json:"criterion"`
		Value     int    `json:"value"`
		Evidence  string `json:"evidence,omitempty"` // the passage cited; absent in bundles from before citing
	}
)

type replyJSON struct {
	Index        int    `json:"index"`
	Asker        Asker  `json:"asker"`
	Question     string `json:"question"`
	AskedAtMS    int64  `json:"asked_at_ms"`
	Answer       string `json:"answer,omitempty"`
	AnsweredAtMS int64  `json:"answered_at_ms,omitempty"`
}

type phaseTimeJSON struct {
	Name     string `json:"name"`
	BudgetMS int64  `json:"budget_ms"`
	UsedMS   int64  `json:"used_ms"`
}

type reviewJSON struct {
	ID              string            `json:"id"`
	AttemptID       string            `json:"attempt_id"`
	Reviewer        string            `json:"reviewer"`
	ReviewedAt      string            `json:"reviewed_at"`
	Scores          []scoreJSON       `json:"scores"`
	Comment         string            `json:"comment"`
	SectionComments map[string]string `json:"section_comments,omitempty"`
	Notes           []noteJSON        `json:"notes,omitempty"`     // version 3
	FollowUps       []markJSON        `json:"followups,omitempty"` // version 3
}

// noteJSON is an interviewer's note, stamped with the round's elapsed time.
type noteJSON struct {
	AtMS int64  `json:"at_ms"`
	Text string `json:"text"`
}

// markJSON is a follow-up as an interviewer ran it. Number is the follow-up's place in the
// prompt's list, counted from 1 as people count them, and absent for a question of their own.
type markJSON struct {
	Number   int      `json:"number,omitempty"`
	Asker    Asker    `json:"asker"`
	Question string   `json:"question"`
	Mark     MarkKind `json:"mark"`
	AtMS     int64    `json:"at_ms"`
}

func convert[From, To any](in []From, f func(From) To) []To {
	if in == nil {
		return nil
	}
	out := make([]To, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// nonNil makes required lists encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func formatTime(t time.Time) string { return t.Format(time.RFC3339Nano) }

func ms(d time.Duration) int64 { return d.Milliseconds() }

func toWire(b *Bundle) bundleJSON {
	w := bundleJSON{
		Format: BundleFormat, Version: b.wireVersion(), Kind: string(b.Kind),
		ExportedAt: formatTime(b.ExportedAt), ExportedBy: b.ExportedBy,
		Attempts:      nonNil(convert(b.Attempts, attemptToWire)),
		Reviews:       nonNil(convert(b.Reviews, reviewToWire)),
		Stories:       convert(b.Stories, storyToWire),
		StoryComments: convert(b.StoryComments, storyCommentToWire),
	}
	return w
}

func attemptToWire(a BundleAttempt) attemptJSON {
	w := attemptJSON{
		ID: a.ID.String(), SetID: a.SetID, SetVersion: a.SetVersion,
		Prompt: promptJSON{
			ID: a.Prompt.ID, Round: a.Prompt.Round, Level: a.Prompt.Level, Context: a.Prompt.Context,
			Title: a.Prompt.Title, Minutes: a.Prompt.Minutes, Scenario: a.Prompt.Scenario,
			Constraints: a.Prompt.Constraints,
			Phases:      nonNil(convert(a.Prompt.Phases, func(p Phase) phaseJSON { return phaseJSON(p) })),
			FollowUps:   convert(a.Prompt.FollowUps, func(f FollowUp) followUpJSON { return followUpJSON(f) }),
			Rubric:      nonNil(convert(a.Prompt.Rubric, func(c Criterion) criterionJSON { return criterionJSON(c) })),
			Hints:       a.Prompt.Hints, Outline: a.Prompt.Outline, Tags: a.Prompt.Tags,
			Teams: a.Prompt.Teams,
		},
		Answer:   a.Answer,
		Sections: convert(a.Sections, func(s Section) sectionJSON { return sectionJSON(s) }),
		Teams:    convert(a.Teams, func(t Team) teamJSON { return teamJSON(t) }),
		FollowUps: convert(a.FollowUps, func(f FollowUpAnswer) replyJSON {
			return replyJSON{Index: f.Index, Asker: f.Asker, Question: f.Question, AskedAtMS: ms(f.AskedAt),
				Answer: f.Answer, AnsweredAtMS: ms(f.AnsweredAt)}
		}),
		PhaseTimes: nonNil(convert(a.PhaseTimes, func(p PhaseTime) phaseTimeJSON {
			return phaseTimeJSON{Name: p.Name, BudgetMS: ms(p.Budget), UsedMS: ms(p.Used)}
		})),
		Scores:     nonNil(convert(a.Scores, func(s Score) scoreJSON { return scoreJSON(s) })),
		Reflection: a.Reflection,
		StartedAt:  formatTime(a.StartedAt), FinishedAt: formatTime(a.FinishedAt),
		Reviews:   nonNil(convert(a.Reviews, reviewToWire)),
		Estimates: estimatesToWire(a.Estimates),
	}
	if a.LoopID != uuid.Nil {
		w.LoopID = a.LoopID.String()
	}
	if a.StoryID != uuid.Nil {
		w.StoryID = a.StoryID.String()
	}
	diagramOnWire(&w, &a.Attempt)
	return w
}

func reviewToWire(r Review) reviewJSON {
	return reviewJSON{
		ID: r.ID.String(), AttemptID: r.AttemptID.String(), Reviewer: r.Reviewer, ReviewedAt: formatTime(r.ReviewedAt),
		Scores:  nonNil(convert(r.Scores, func(s Score) scoreJSON { return scoreJSON(s) })),
		Comment: r.Comment, SectionComments: r.SectionComments,
		Notes: convert(r.Notes, func(n TimedNote) noteJSON { return noteJSON{AtMS: ms(n.At), Text: n.Text} }),
		FollowUps: convert(r.FollowUps, func(m FollowUpMark) markJSON {
			w := markJSON{Asker: m.Asker, Question: m.Question, Mark: m.Mark, AtMS: ms(m.At)}
			if m.Mark != MarkOwn {
				w.Number = m.Index + 1
			}
			return w
		}),
	}
}

// parser turns wire values into domain values, noting a problem for each that does not parse. The
// paths it noted are skipped when Validate reports the same field again (as missing, say).
type parser struct {
	problems []Problem
	failed   map[string]bool
	version  int // the bundle's format version, as it says
}

func (p *parser) add(path, format string, args ...any) {
	p.problems = append(p.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	p.failed[path] = true
}

func (p *parser) uuid(path, s string) uuid.UUID {
	// uuid.Parse also takes {braces}, urn:uuid: prefixes and 32 bare hex digits; a bundle uses the
	// canonical 36-character form only, so there is one spelling of each ID.
	id, err := uuid.Parse(s)
	if err != nil || id.String() != s {
		p.add(path, "is not a UUID in its usual form, 8-4-4-4-12 lowercase hex digits (got %q)", strictjson.Clip(s))
		return uuid.Nil
	}
	return id
}

func (p *parser) time(path, s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		p.add(path, "is not an RFC 3339 time such as 2026-11-01T09:30:00Z (got %q)", strictjson.Clip(s))
		return time.Time{}
	}
	return t
}

func (p *parser) duration(path string, v int64) time.Duration {
	if v < 0 || v > maxDurationMS {
		p.add(path, "must be 0 to %d milliseconds (got %d)", int64(maxDurationMS), v)
		return 0
	}
	return time.Duration(v) * time.Millisecond
}

// maxDurationMS is a generous ceiling for a phase or follow-up time: 30 days.
const maxDurationMS = 30 * 24 * 60 * 60 * 1000

func fromWire(w *bundleJSON) (*Bundle, []Problem) {
	p := &parser{failed: map[string]bool{}, version: w.Version}
	if w.Format != BundleFormat {
		p.add("format", "must be %q (got %q)", BundleFormat, strictjson.Clip(w.Format))
	}
	if w.Version < 1 || w.Version > BundleVersion {
		p.add("version", "must be 1 to %d (got %d)", BundleVersion, w.Version)
	} else if w.Version < bundleStoriesVersion && len(w.Stories) > 0 {
		p.add("stories", "need format version %d or later (this bundle says version %d)", bundleStoriesVersion, w.Version)
	}
	if w.Version < bundleStoriesVersion && len(w.StoryComments) > 0 {
		p.add("story_comments", "need format version %d or later (this bundle says version %d)", bundleStoriesVersion, w.Version)
	}
	for i := range w.Attempts {
		if w.Version < bundleStoriesVersion && w.Attempts[i].StoryID != "" {
			p.add(fmt.Sprintf("attempts[%d].story_id", i), "needs format version %d or later (this bundle says version %d)", bundleStoriesVersion, w.Version)
		}
		if w.Version < bundleWhiteboardVersion && w.Attempts[i].Estimates != nil {
			p.add(fmt.Sprintf("attempts[%d].estimates", i), "needs format version %d or later (this bundle says version %d)", bundleWhiteboardVersion, w.Version)
		}
	}
	b := &Bundle{Kind: BundleKind(w.Kind), ExportedAt: p.time("exported_at", w.ExportedAt), ExportedBy: w.ExportedBy}
	for i, wa := range w.Attempts {
		b.Attempts = append(b.Attempts, p.attempt(fmt.Sprintf("attempts[%d]", i), &wa))
	}
	for i, wr := range w.Reviews {
		b.Reviews = append(b.Reviews, p.review(fmt.Sprintf("reviews[%d]", i), &wr))
	}
	for i, ws := range w.Stories {
		b.Stories = append(b.Stories, p.story(fmt.Sprintf("stories[%d]", i), &ws))
	}
	for i, wc := range w.StoryComments {
		b.StoryComments = append(b.StoryComments, p.storyComment(fmt.Sprintf("story_comments[%d]", i), &wc))
	}
	for _, v := range b.Validate() {
		if !p.failed[v.Path] {
			p.problems = append(p.problems, v)
		}
	}
	if len(p.problems) > 0 {
		return nil, p.problems
	}
	return b, nil
}

func (p *parser) attempt(at string, w *attemptJSON) BundleAttempt {
	wp := &w.Prompt
	a := BundleAttempt{Attempt: Attempt{
		ID: p.uuid(at+".id", w.ID), SetID: w.SetID, SetVersion: w.SetVersion,
		Prompt: Prompt{
			ID: wp.ID, Round: wp.Round, Level: wp.Level, Context: wp.Context, Title: wp.Title,
			Minutes: wp.Minutes, Scenario: wp.Scenario, Constraints: wp.Constraints,
			Phases:    convert(wp.Phases, func(x phaseJSON) Phase { return Phase(x) }),
			FollowUps: convert(wp.FollowUps, func(x followUpJSON) FollowUp { return FollowUp(x) }),
			Rubric:    convert(wp.Rubric, func(x criterionJSON) Criterion { return Criterion(x) }),
			Hints:     wp.Hints, Outline: wp.Outline, Tags: wp.Tags, Teams: wp.Teams,
		},
		Answer:     w.Answer,
		Sections:   convert(w.Sections, func(x sectionJSON) Section { return Section(x) }),
		Teams:      convert(w.Teams, func(x teamJSON) Team { return Team(x) }),
		Scores:     convert(w.Scores, func(x scoreJSON) Score { return Score(x) }),
		Reflection: w.Reflection,
		StartedAt:  p.time(at+".started_at", w.StartedAt), FinishedAt: p.time(at+".finished_at", w.FinishedAt),
		Estimates: sheetFromWire(w.Estimates),
	}}
	if w.LoopID != "" {
		a.LoopID = p.uuid(at+".loop_id", w.LoopID)
	}
	if w.StoryID != "" {
		a.StoryID = p.uuid(at+".story_id", w.StoryID)
	}
	for j, f := range w.FollowUps {
		fa := fmt.Sprintf("%s.followups[%d]", at, j)
		a.FollowUps = append(a.FollowUps, FollowUpAnswer{Index: f.Index, Asker: f.Asker, Question: f.Question,
			AskedAt: p.duration(fa+".asked_at_ms", f.AskedAtMS), Answer: f.Answer,
			AnsweredAt: p.duration(fa+".answered_at_ms", f.AnsweredAtMS)})
	}
	for j, pt := range w.PhaseTimes {
		pa := fmt.Sprintf("%s.phase_times[%d]", at, j)
		a.PhaseTimes = append(a.PhaseTimes, PhaseTime{Name: pt.Name,
			Budget: p.duration(pa+".budget_ms", pt.BudgetMS), Used: p.duration(pa+".used_ms", pt.UsedMS)})
	}
	for j, wr := range w.Reviews {
		a.Reviews = append(a.Reviews, p.review(fmt.Sprintf("%s.reviews[%d]", at, j), &wr))
	}
	p.diagram(at, w, &a.Attempt)
	return a
}

func (p *parser) review(at string, w *reviewJSON) Review {
	r := Review{
		ID: p.uuid(at+".id", w.ID), AttemptID: p.uuid(at+".attempt_id", w.AttemptID),
		Reviewer: w.Reviewer, ReviewedAt: p.time(at+".reviewed_at", w.ReviewedAt),
		Scores:  convert(w.Scores, func(x scoreJSON) Score { return Score(x) }),
		Comment: w.Comment, SectionComments: w.SectionComments,
	}
	if p.version < bundleLiveVersion {
		if len(w.Notes) > 0 {
			p.add(at+".notes", "need format version %d or later (this bundle says version %d)", bundleLiveVersion, p.version)
		}
		if len(w.FollowUps) > 0 {
			p.add(at+".followups", "need format version %d or later (this bundle says version %d)", bundleLiveVersion, p.version)
		}
	}
	for j, n := range w.Notes {
		r.Notes = append(r.Notes, TimedNote{At: p.duration(fmt.Sprintf("%s.notes[%d].at_ms", at, j), n.AtMS), Text: n.Text})
	}
	for j, m := range w.FollowUps {
		// Number 0 (absent) becomes Index -1, a question of the interviewer's own; Check says
		// whether that fits the mark.
		fm := FollowUpMark{Index: m.Number - 1, Asker: m.Asker, Question: m.Question, Mark: m.Mark,
			At: p.duration(fmt.Sprintf("%s.followups[%d].at_ms", at, j), m.AtMS)}
		r.FollowUps = append(r.FollowUps, fm)
	}
	return r
}
