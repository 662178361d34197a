package prep

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/google/uuid"
	"github.com/panelprep/panelprep/prep/internal/strictjson"
)

// Validate reports every problem with the bundle's content, with JSON paths. DecodeBundle and
// EncodeBundle both use it, so a bundle that encodes also decodes.
func (b *Bundle) Validate() []Problem {
	c := bundleCheck{attempts: map[uuid.UUID]int{}, reviews: map[uuid.UUID]string{}}
	c.header(b)
	for i := range b.Attempts {
		c.attempt(i, &b.Attempts[i])
	}
	for k := range b.Reviews {
		c.looseReview(k, &b.Reviews[k])
	}
	c.stories(b)
	c.storyComments(b)
	return c.problems
}

// bundleCheck is one bundle's validation: the problems found so far, and where each attempt and
// review was first seen, so a duplicate names both places.
type bundleCheck struct {
	validator
	attempts map[uuid.UUID]int    // attempt ID -> index in attempts
	reviews  map[uuid.UUID]string // review ID -> path of its first appearance
}

// header checks the bundle's kind against what it carries, and who exported it when.
func (c *bundleCheck) header(b *Bundle) {
	switch b.Kind {
	case BundleAttempts:
		if len(b.Attempts) == 0 && len(b.Stories) == 0 {
			c.add("attempts", "an attempts bundle carries at least one attempt or story")
		}
		if len(b.Reviews) > 0 {
			c.add("reviews", "an attempts bundle carries reviews only under their attempts")
		}
	case BundleFeedback:
		if len(b.AllReviews()) == 0 && len(b.StoryComments) == 0 {
			c.add("reviews", "a feedback bundle carries at least one review or comment on a story")
		}
	default:
		c.add("kind", "must be %q or %q (got %q)", BundleAttempts, BundleFeedback, strictjson.Clip(string(b.Kind)))
	}
	if b.ExportedAt.IsZero() {
		c.add("exported_at", "is missing")
	}
	if n := utf8.RuneCountInString(b.ExportedBy); n > maxNameLen {
		c.add("exported_by", "is %d characters; a name may be at most %d", n, maxNameLen)
	}
}

// attempt checks attempts[i] and the reviews carried under it.
func (c *bundleCheck) attempt(i int, a *BundleAttempt) {
	at := fmt.Sprintf("attempts[%d]", i)
	c.once(c.attempts, a.ID, i, at, "attempt", "attempts")
	c.problems = append(c.problems, a.Attempt.check(at)...)
	for j := range a.Reviews {
		r := &a.Reviews[j]
		ra := fmt.Sprintf("%s.reviews[%d]", at, j)
		c.seenReview(ra, r.ID)
		if r.AttemptID != a.ID && r.AttemptID != uuid.Nil {
			c.add(ra+".attempt_id", "is %s, but the review sits under attempt %s", r.AttemptID, a.ID)
		}
		c.problems = append(c.problems, r.Check(&a.Attempt, ra)...)
	}
}

// looseReview checks reviews[k], a review of an attempt the bundle does not carry. It runs after
// every attempt, so a review of a carried attempt is told where it belongs.
func (c *bundleCheck) looseReview(k int, r *Review) {
	ra := fmt.Sprintf("reviews[%d]", k)
	c.seenReview(ra, r.ID)
	if i, carried := c.attempts[r.AttemptID]; carried && r.AttemptID != uuid.Nil {
		c.add(ra+".attempt_id", "attempt %s is in this bundle (attempts[%d]); put its review in attempts[%d].reviews", r.AttemptID, i, i)
	}
	c.problems = append(c.problems, r.Check(nil, ra)...)
}

// once records that list[i], at path at, has ID id, reporting an ID a record of the same kind
// (what) had earlier in the list. The nil UUID is reported elsewhere, as missing.
func (c *bundleCheck) once(seen map[uuid.UUID]int, id uuid.UUID, i int, at, what, list string) {
	if first, dup := seen[id]; dup && id != uuid.Nil {
		c.add(at+".id", "%s %s appears twice (first at %s[%d])", what, id, list, first)
	} else {
		seen[id] = i
	}
}

// seenReview records where review id appears, reporting a second appearance.
func (c *bundleCheck) seenReview(at string, id uuid.UUID) {
	if id == uuid.Nil {
		return
	}
	if first, dup := c.reviews[id]; dup {
		c.add(at+".id", "review %s appears twice (first at %s)", id, first)
	} else {
		c.reviews[id] = at
	}
}

// maxNameLen caps a reviewer's or exporter's name: it is a name, not a document.
const maxNameLen = 200

type validator struct{ problems []Problem }

// reviewer checks the name of a mentor who wrote something (what: "review", "comment").
func (v *validator) reviewer(at, name, what string) {
	if strings.TrimSpace(name) == "" {
		v.add(at, "is missing: say who wrote the %s", what)
	} else if n := utf8.RuneCountInString(name); n > maxNameLen {
		v.add(at, "is %d characters; a name may be at most %d", n, maxNameLen)
	}
}

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// check reports what is wrong with an attempt as a bundle carries it. The prompt snapshot is held
// to what reports and reviews need (IDs, title, a rubric of named criteria), not to every rule a
// practice set must meet today, so an attempt at an older set still exports. Each part has its
// own helper; they run in the order of the attempt's fields, which is the order of the messages.
func (a *Attempt) check(at string) []Problem {
	v := &validator{}
	if a.ID == uuid.Nil {
		v.add(at+".id", "is missing (the nil UUID is not an attempt ID)")
	}
	if !validID(a.SetID) {
		v.add(at+".set_id", "must be 1 to 64 characters of a-z, 0-9 and '-' (got %q)", strictjson.Clip(a.SetID))
	}
	if a.SetVersion < 1 {
		v.add(at+".set_version", "must be 1 or more (got %d)", a.SetVersion)
	}
	v.promptSnapshot(&a.Prompt, at+".prompt")
	v.sections(a.Sections, at)
	v.teams(a.Teams, at)
	v.followUpAnswers(a.FollowUps, len(a.Prompt.FollowUps), at)
	v.phaseTimes(a.PhaseTimes, at)
	v.selfScores(a.Scores, a.Prompt.Rubric, at)
	v.evidence(a.Scores, a.Answer, at)
	v.diagram(a.Diagram, a.DiagramSnapshots, at)
	if a.StartedAt.IsZero() {
		v.add(at+".started_at", "is missing")
	}
	if a.FinishedAt.IsZero() {
		v.add(at+".finished_at", "is missing")
	}
	v.estimates(a.Estimates, at)
	return v.problems
}

// promptSnapshot checks the prompt an attempt carries, at pa (the attempt's path + ".prompt").
func (v *validator) promptSnapshot(p *Prompt, pa string) {
	if !validID(p.ID) {
		v.add(pa+".id", "must be 1 to 64 characters of a-z, 0-9 and '-' (got %q)", strictjson.Clip(p.ID))
	}
	if !p.Round.valid() {
		v.add(pa+".round", "unknown round type %q (use %s)", strictjson.Clip(string(p.Round)), joinQuoted(RoundTypes))
	}
	if !oneOf(p.Level, levels) {
		v.add(pa+".level", "unknown level %q (use %s)", strictjson.Clip(string(p.Level)), joinQuoted(levels))
	}
	if !oneOf(p.Context, contexts) {
		v.add(pa+".context", "unknown company context %q (use %s)", strictjson.Clip(string(p.Context)), joinQuoted(contexts))
	}
	if strings.TrimSpace(p.Title) == "" {
		v.add(pa+".title", "is missing")
	}
	// The same bound as a practice-set file (set.go): a bundle's prompt is shown in review mode, and
	// a figure past a working day is a damaged or hostile file, never a real round.
	if p.Minutes < 0 || p.Minutes > MaxRoundMinutes {
		v.add(pa+".minutes", "must be 0 to %d minutes (got %d)", MaxRoundMinutes, p.Minutes)
	}
	v.promptPhases(p.Phases, pa)
	v.promptFollowUps(p.FollowUps, pa)
	v.rubric(p.Rubric, pa)
	// The team list is shown in the whiteboard's legend and reports: the same rule as a set file.
	checkTeamNames(p.Teams, func(field, format string, args ...any) { v.add(pa+"."+field, format, args...) })
}

func (v *validator) promptPhases(phases []Phase, pa string) {
	for j, ph := range phases {
		if strings.TrimSpace(ph.Name) == "" {
			v.add(fmt.Sprintf("%s.phases[%d].name", pa, j), "is missing")
		}
		if ph.Minutes < 0 || ph.Minutes > MaxRoundMinutes {
			v.add(fmt.Sprintf("%s.phases[%d].minutes", pa, j), "must be 0 to %d minutes (got %d)", MaxRoundMinutes, ph.Minutes)
		}
	}
}

func (v *validator) promptFollowUps(followUps []FollowUp, pa string) {
	for j, f := range followUps {
		if !oneOf(f.Asker, askers) {
			v.add(fmt.Sprintf("%s.followups[%d].asker", pa, j), "unknown panel member %q (use %s)", strictjson.Clip(string(f.Asker)), joinQuoted(askers))
		}
		if f.Minute < 0 {
			v.add(fmt.Sprintf("%s.followups[%d].minute", pa, j), "must be 0 or more (got %d)", f.Minute)
		}
	}
}

// rubric checks the prompt's rubric: 1 to 6 criteria, each named once.
func (v *validator) rubric(rubric []Criterion, pa string) {
	if n := len(rubric); n < 1 || n > 6 {
		v.add(pa+".rubric", "needs 1 to 6 criteria (has %d)", n)
	}
	names := map[string]int{}
	for j, c := range rubric {
		ca := fmt.Sprintf("%s.rubric[%d].criterion", pa, j)
		if strings.TrimSpace(c.Name) == "" {
			v.add(ca, "is missing")
		} else if first, dup := names[c.Name]; dup {
			v.add(ca, "criterion %q appears twice (first at rubric[%d])", strictjson.Clip(c.Name), first)
		} else {
			names[c.Name] = j
		}
		// An ID this version does not know is kept: a newer PanelPrep may have more competencies, and
		// the statistics count such a criterion under "Unmapped".
		if c.Competency != "" && !validID(c.Competency) {
			v.add(fmt.Sprintf("%s.rubric[%d].competency", pa, j), "must be a competency ID of a-z, 0-9 and '-' (got %q)", strictjson.Clip(c.Competency))
		}
	}
}

// sections checks the answer's sections: each titled, no title twice (review comments are keyed
// by title).
func (v *validator) sections(sections []Section, at string) {
	titles := map[string]int{}
	for j, s := range sections {
		sa := fmt.Sprintf("%s.sections[%d].title", at, j)
		if strings.TrimSpace(s.Title) == "" {
			v.add(sa, "is missing")
		} else if first, dup := titles[s.Title]; dup {
			v.add(sa, "section %q appears twice (first at sections[%d])", strictjson.Clip(s.Title), first)
		} else {
			titles[s.Title] = j
		}
	}
}

func (v *validator) teams(teams []Team, at string) {
	for j, t := range teams {
		ta := fmt.Sprintf("%s.teams[%d]", at, j)
		if !oneOf(t.Type, TeamTypes) {
			v.add(ta+".type", "unknown team type %q (use %s)", strictjson.Clip(string(t.Type)), joinQuoted(TeamTypes))
		}
		if t.Engineers < 0 || t.Engineers > 10000 {
			v.add(ta+".engineers", "must be 0 to 10000 (got %d)", t.Engineers)
		}
	}
}

// followUpAnswers checks the follow-ups asked during the attempt; each points at one of the
// prompt's follow-ups, of which there are promptFollowUps.
func (v *validator) followUpAnswers(answers []FollowUpAnswer, promptFollowUps int, at string) {
	for j, f := range answers {
		fa := fmt.Sprintf("%s.followups[%d]", at, j)
		if f.Index < 0 || f.Index >= promptFollowUps {
			v.add(fa+".index", "is %d, but the prompt has %d follow-ups", f.Index, promptFollowUps)
		}
		if !oneOf(f.Asker, askers) {
			v.add(fa+".asker", "unknown panel member %q (use %s)", strictjson.Clip(string(f.Asker)), joinQuoted(askers))
		}
		if f.AskedAt < 0 {
			v.add(fa+".asked_at_ms", "must be 0 or more")
		}
		if f.AnsweredAt < 0 {
			v.add(fa+".answered_at_ms", "must be 0 or more")
		}
	}
}

func (v *validator) phaseTimes(times []PhaseTime, at string) {
	for j, pt := range times {
		pa := fmt.Sprintf("%s.phase_times[%d]", at, j)
		if strings.TrimSpace(pt.Name) == "" {
			v.add(pa+".name", "is missing")
		}
		if pt.Budget < 0 {
			v.add(pa+".budget_ms", "must be 0 or more")
		}
		if pt.Used < 0 {
			v.add(pa+".used_ms", "must be 0 or more")
		}
	}
}

// selfScores checks the candidate's own scores: none (an attempt saved before scoring existed) or
// every criterion in rubric order, as NewAttempt requires.
func (v *validator) selfScores(scores []Score, rubric []Criterion, at string) {
	if len(scores) > 0 && len(scores) != len(rubric) {
		v.add(at+".scores", "%d of the rubric's %d criteria are scored; score each once, in rubric order", len(scores), len(rubric))
	}
	for j, s := range scores {
		sa := fmt.Sprintf("%s.scores[%d]", at, j)
		if j < len(rubric) && s.Criterion != rubric[j].Name {
			v.add(sa+".criterion", "is %q, but rubric[%d] is %q", strictjson.Clip(s.Criterion), j, strictjson.Clip(rubric[j].Name))
		}
		if s.Value < 1 || s.Value > 4 {
			v.add(sa+".value", "must be 1 to 4 (got %d)", s.Value)
		}
	}
}

// evidence checks the passages the candidate cited for their scores: each must be from the answer.
func (v *validator) evidence(scores []Score, answer string, at string) {
	var norm string
	for j, s := range scores {
		if problem := evidenceProblem(answer, &norm, s.Evidence); problem != "" {
			v.add(fmt.Sprintf("%s.scores[%d].evidence", at, j), "the passage cited for %q %s", strictjson.Clip(s.Criterion), problem)
		}
	}
}

// Check reports what is wrong with a review, with paths under at. With the attempt it reviews
// (nil when that is not at hand), it also checks the scores against the attempt's rubric and the
// section comments against its sections.
func (r *Review) Check(a *Attempt, at string) []Problem {
	v := &validator{}
	if r.ID == uuid.Nil {
		v.add(at+".id", "is missing (the nil UUID is not a review ID)")
	}
	if r.AttemptID == uuid.Nil {
		v.add(at+".attempt_id", "is missing (the nil UUID is not an attempt ID)")
	}
	v.reviewer(at+".reviewer", r.Reviewer, "review")
	if r.ReviewedAt.IsZero() {
		v.add(at+".reviewed_at", "is missing")
	}
	if len(r.Scores) == 0 && strings.TrimSpace(r.Comment) == "" && len(r.SectionComments) == 0 {
		v.add(at, "the review is empty: it has no score and no comment")
	}
	v.reviewScores(r.Scores, a, at)
	v.sectionComments(r.SectionComments, a, at)
	v.notes(r.Notes, at)
	v.followUpMarks(r.FollowUps, a, at)
	sortProblems(v.problems)
	return v.problems
}

// reviewScores checks a review's scores. They follow the rubric's order, each criterion at most
// once: a subsequence of the rubric (checked only when the attempt a is at hand).
func (v *validator) reviewScores(scores []Score, a *Attempt, at string) {
	next := 0
	seen := map[string]int{}
	for j, s := range scores {
		sa := fmt.Sprintf("%s.scores[%d]", at, j)
		if s.Value < 1 || s.Value > 4 {
			v.add(sa+".value", "must be 1 to 4 (got %d)", s.Value)
		}
		if s.Evidence != "" {
			v.add(sa+".evidence", "a mentor's score cites no passage; only the candidate's own scores do")
		}
		if strings.TrimSpace(s.Criterion) == "" {
			v.add(sa+".criterion", "is missing")
			continue
		}
		if first, dup := seen[s.Criterion]; dup {
			v.add(sa+".criterion", "%q is scored twice (first at scores[%d])", strictjson.Clip(s.Criterion), first)
			continue
		}
		seen[s.Criterion] = j
		if a == nil {
			continue
		}
		if k := nextInRubric(a.Prompt.Rubric, next, s.Criterion); k >= 0 {
			next = k + 1
			continue
		}
		if idx := criterionIndex(a.Prompt.Rubric, s.Criterion); idx >= 0 {
			v.add(sa+".criterion", "%q is out of rubric order; list scores in the rubric's order", strictjson.Clip(s.Criterion))
		} else {
			v.add(sa+".criterion", "%q is not a criterion of the rubric of %q (it has %s)", strictjson.Clip(s.Criterion), strictjson.Clip(a.Prompt.Title), criterionNames(a.Prompt.Rubric))
		}
	}
}

// nextInRubric is the index of the criterion named name at or after from, or -1.
func nextInRubric(rubric []Criterion, from int, name string) int {
	for k := from; k < len(rubric); k++ {
		if rubric[k].Name == name {
			return k
		}
	}
	return -1
}

// sectionComments checks a review's comments on sections of the answer: none empty and, when the
// attempt a is at hand, each on a section it has. Map order is random; Check sorts the problems.
func (v *validator) sectionComments(comments map[string]string, a *Attempt, at string) {
	for title, comment := range comments {
		ca := fmt.Sprintf("%s.section_comments[%q]", at, strictjson.Clip(title))
		if strings.TrimSpace(comment) == "" {
			v.add(ca, "is empty")
		}
		if a != nil && !hasSection(a.Sections, title) {
			if len(a.Sections) == 0 {
				v.add(ca, "the attempt's answer has no sections; put the comment in the overall comment")
			} else {
				v.add(ca, "the attempt has no section %q", strictjson.Clip(title))
			}
		}
	}
}

func criterionIndex(rubric []Criterion, name string) int {
	for i, c := range rubric {
		if c.Name == name {
			return i
		}
	}
	return -1
}

func criterionNames(rubric []Criterion) string {
	q := make([]string, len(rubric))
	for i, c := range rubric {
		q[i] = fmt.Sprintf("%q", strictjson.Clip(c.Name))
	}
	return strings.Join(q, ", ")
}

func hasSection(sections []Section, title string) bool {
	for _, s := range sections {
		if s.Title == title {
			return true
		}
	}
	return false
}

// sortProblems orders problems by path so that map iteration cannot change the order of messages.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
}

// notes checks a live round's notes: each says something, within MaxNoteLen, and they are listed
// in the order of their stamps, as they were taken.
func (v *validator) notes(notes []TimedNote, at string) {
	if len(notes) > MaxNotes {
		v.add(at+".notes", "has %d notes; a review holds at most %d", len(notes), MaxNotes)
		return
	}
	for j, n := range notes {
		na := fmt.Sprintf("%s.notes[%d]", at, j)
		if strings.TrimSpace(n.Text) == "" {
			v.add(na+".text", "is empty")
		} else if k := utf8.RuneCountInString(n.Text); k > MaxNoteLen {
			v.add(na+".text", "is %d characters; a note may be at most %d", k, MaxNoteLen)
		}
		if j > 0 && n.At < notes[j-1].At {
			v.add(na+".at_ms", "is %d, before the note above it (%d): notes are listed in the order they were taken", n.At.Milliseconds(), notes[j-1].At.Milliseconds())
		}
	}
}

// followUpMarks checks what became of a live round's follow-ups: a known mark and panel member, a
// question, each of the prompt's follow-ups marked at most once and, with the attempt at hand,
// one the prompt has.
func (v *validator) followUpMarks(marks []FollowUpMark, a *Attempt, at string) {
	if len(marks) > MaxFollowUpMark {
		v.add(at+".followups", "has %d follow-ups; a review holds at most %d", len(marks), MaxFollowUpMark)
		return
	}
	seen := map[int]int{}
	for j, m := range marks {
		ma := fmt.Sprintf("%s.followups[%d]", at, j)
		if !oneOf(m.Mark, markKinds) {
			v.add(ma+".mark", "must be one of %s (got %q)", joinQuoted(markKinds), strictjson.Clip(string(m.Mark)))
		}
		if !oneOf(m.Asker, askers) {
			v.add(ma+".asker", "unknown panel member %q (use %s)", strictjson.Clip(string(m.Asker)), joinQuoted(askers))
		}
		if strings.TrimSpace(m.Question) == "" {
			v.add(ma+".question", "is missing")
		} else if k := utf8.RuneCountInString(m.Question); k > MaxQuestionLen {
			v.add(ma+".question", "is %d characters; a question may be at most %d", k, MaxQuestionLen)
		}
		switch {
		case m.Mark == MarkOwn && m.Index != -1:
			v.add(ma+".number", "a question of the interviewer's own has no number (got %d)", m.Index+1)
		case m.Mark != MarkOwn && m.Index < 0:
			v.add(ma+".number", "is missing: say which of the prompt's follow-ups was %s, counting from 1", m.Mark)
		case m.Mark != MarkOwn:
			if first, dup := seen[m.Index]; dup {
				v.add(ma+".number", "follow-up %d is marked twice (first at followups[%d])", m.Index+1, first)
			} else {
				seen[m.Index] = j
			}
			if a != nil && m.Index >= len(a.Prompt.FollowUps) {
				v.add(ma+".number", "is %d, but %q has %s", m.Index+1, strictjson.Clip(a.Prompt.Title), Count(len(a.Prompt.FollowUps), "follow-up"))
			}
		}
	}
}
