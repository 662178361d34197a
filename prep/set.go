// Package prep is PanelPrep's domain: practice sets and their prompts, rubrics, the round clock,
// drafts, attempts and self-scores, and the store interfaces the rest of the app implements.
// It imports neither Fyne nor Badger, so everything here is tested with plain `go test`.
package prep

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/panelprep/panelprep/prep/internal/strictjson"
)

// RoundType is the kind of interview round a prompt rehearses.
type RoundType string

// The rounds of a Director of Engineering loop, plus the short panel-preparation prompts.
// A behavioural prompt is one "tell me about a time…" question, answered from the candidate's own
// past; a leadership prompt is a hypothetical ("what do you do?").
const (
	SystemsDesign RoundType = "systems-design"
	Leadership    RoundType = "leadership"
	OrgDesign     RoundType = "org-design"
	Behavioural   RoundType = "behavioural"
	PanelPrep     RoundType = "panel-prep"
)

// RoundTypes lists the round types in the order the app shows them.
var RoundTypes = []RoundType{SystemsDesign, Leadership, OrgDesign, Behavioural, PanelPrep}

// Label is the round type as a person reads it.
func (r RoundType) Label() string {
	switch r {
	case SystemsDesign:
		return "Systems design"
	case Leadership:
		return "Leadership scenario"
	case OrgDesign:
		return "Hiring and org design"
	case Behavioural:
		return "Behavioural"
	case PanelPrep:
		return "Panel preparation"
	}
	return string(r)
}

func (r RoundType) valid() bool {
	for _, k := range RoundTypes {
		if r == k {
			return true
		}
	}
	return false
}

// Level is the seniority a prompt and its rubric anchors are written for.
type Level string

// Levels a prompt can target.
const (
	LevelEM       Level = "EM"
	LevelDirector Level = "Director"
	LevelVP       Level = "VP"
)

var levels = []Level{LevelEM, LevelDirector, LevelVP}

// Context is the kind of company a prompt is set in; the right answer changes with it.
type Context string

// Company contexts.
const (
	ContextSaaS       Context = "saas"
	ContextEnterprise Context = "enterprise"
	ContextFintech    Context = "fintech"
	ContextScaleUp    Context = "scale-up"
	ContextAny        Context = "any"
)

var contexts = []Context{ContextSaaS, ContextEnterprise, ContextFintech, ContextScaleUp, ContextAny}

// Label is the context as a person reads it.
func (c Context) Label() string {
	switch c {
	case ContextSaaS:
		return "SaaS"
	case ContextEnterprise:
		return "Enterprise"
	case ContextFintech:
		return "Fintech"
	case ContextScaleUp:
		return "Scale-up"
	case ContextAny:
		return "Any company"
	}
	return string(c)
}

// Asker is the panel member who asks a follow-up.
type Asker string

// The panel of a Director loop. The CTO and the CEO sit on VP-level loops, so that the VP of
// Engineering need not play them.
const (
	AskerVP  Asker = "vp-engineering"
	AskerEM  Asker = "engineering-manager"
	AskerIC  Asker = "senior-ic"
	AskerCTO Asker = "cto"
	AskerCEO Asker = "ceo"
)

var askers = []Asker{AskerVP, AskerEM, AskerIC, AskerCTO, AskerCEO}

// Label is the panel member's role as shown in an interjection.
func (a Asker) Label() string {
	switch a {
	case AskerVP:
		return "VP of Engineering"
	case AskerEM:
		return "Engineering Manager" // a title, capitalised like "Senior IC" and "VP of Engineering"
	case AskerIC:
		return "Senior IC"
	case AskerCTO:
		return "CTO"
	case AskerCEO:
		return "CEO"
	}
	return string(a)
}

// PracticeSet is a versioned collection of prompts, bundled or imported.
type PracticeSet struct {
	ID          string   `toml:"id" json:"id"`
	Title       string   `toml:"title" json:"title"`
	Version     int      `toml:"version" json:"version"`
	Author      string   `toml:"author" json:"author"`
	Description string   `toml:"description" json:"description"`
	Prompts     []Prompt `toml:"prompts" json:"prompts"`
}

// Prompt is one practice question with everything a mock round needs.
type Prompt struct {
	ID          string      `toml:"id" json:"id"`
	Round       RoundType   `toml:"round" json:"round"`
	Level       Level       `toml:"level" json:"level"`
	Context     Context     `toml:"context" json:"context"`
	Title       string      `toml:"title" json:"title"`
	Minutes     int         `toml:"minutes" json:"minutes"`
	Scenario    string      `toml:"scenario" json:"scenario"`
	Constraints []string    `toml:"constraints" json:"constraints"`
	Phases      []Phase     `toml:"phases" json:"phases"`
	FollowUps   []FollowUp  `toml:"followups" json:"followups"`
	Rubric      []Criterion `toml:"rubric" json:"rubric"`
	Hints       []string    `toml:"hints" json:"hints"`
	Outline     []string    `toml:"outline" json:"outline"`
	Tags        []string    `toml:"tags" json:"tags"`
	// Teams are the teams that own or border the scenario's system ("Checkout", "Fraud & risk"):
	// the whiteboard offers them first when the candidate names who owns each component. Optional.
	Teams []string `toml:"teams" json:"teams,omitempty"`
}

// MaxRoundMinutes bounds a round's length and each phase's: a round longer than a working day (8
// hours) is a typing mistake, and the bound keeps every sum of minutes far from overflowing.
const MaxRoundMinutes = 8 * 60

// Phase is one timed stage of a round, such as "Clarify" or "Deep dive".
type Phase struct {
	Name    string `toml:"name" json:"name"`
	Minutes int    `toml:"minutes" json:"minutes"`
}

// FollowUp is a question a panel member interjects at a given minute of the round.
type FollowUp struct {
	Minute   int    `toml:"minute" json:"minute"`
	Asker    Asker  `toml:"asker" json:"asker"`
	Question string `toml:"question" json:"question"`
}

// Criterion is one rubric line with what a 1, 2, 3 and 4 look like at the prompt's level.
// Competency is the ID of the competency (assets/competencies.toml) the criterion's score counts
// towards; criteria written before competencies existed have none and count under "Unmapped".
type Criterion struct {
	Name       string `toml:"criterion" json:"criterion"`
	Anchor1    string `toml:"anchor1" json:"anchor1"`
	Anchor2    string `toml:"anchor2" json:"anchor2"`
	Anchor3    string `toml:"anchor3" json:"anchor3"`
	Anchor4    string `toml:"anchor4" json:"anchor4"`
	Competency string `toml:"competency" json:"competency,omitempty"`
}

// Anchor returns the description of the given score (1 to 4), or "" outside that range.
func (c Criterion) Anchor(score int) string {
	switch score {
	case 1:
		return c.Anchor1
	case 2:
		return c.Anchor2
	case 3:
		return c.Anchor3
	case 4:
		return c.Anchor4
	}
	return ""
}

// Prompt returns the prompt with the given ID.
func (s *PracticeSet) Prompt(id string) (Prompt, bool) {
	for _, p := range s.Prompts {
		if p.ID == id {
			return p, true
		}
	}
	return Prompt{}, false
}

// Problem is one thing wrong with a practice set: where it is and what is wrong.
// Path names the field the way the file does: "prompts[3].rubric[1].anchor2".
type Problem struct {
	Path    string
	Message string
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// Validate reports every problem with the set's content. A set with no problems is safe to run.
func (s *PracticeSet) Validate() []Problem {
	var out []Problem
	add := func(path, format string, args ...any) {
		out = append(out, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if !validID(s.ID) {
		add("id", "must be 1 to 64 characters of a-z, 0-9 and '-' (got %q)", s.ID)
	}
	if strings.TrimSpace(s.Title) == "" {
		add("title", "is missing")
	}
	if s.Version < 1 {
		add("version", "must be 1 or more (got %d)", s.Version)
	}
	if len(s.Prompts) == 0 {
		add("prompts", "the set has no prompts")
	}
	seen := map[string]int{}
	for i, p := range s.Prompts {
		at := fmt.Sprintf("prompts[%d]", i)
		if first, dup := seen[p.ID]; dup && p.ID != "" {
			add(at+".id", "duplicate prompt ID %q (first used by prompts[%d])", p.ID, first)
		} else {
			seen[p.ID] = i
		}
		out = append(out, p.validate(at)...)
	}
	return out
}

func (p *Prompt) validate(at string) []Problem {
	var out []Problem
	add := func(field, format string, args ...any) {
		out = append(out, Problem{Path: at + "." + field, Message: fmt.Sprintf(format, args...)})
	}
	p.checkHeader(add)
	p.checkPhases(add)
	p.checkFollowUps(add)
	p.checkRubric(add)
	checkTeamNames(p.Teams, add)
	return out
}

// addProblem records a problem with a field of the prompt being checked.
type addProblem func(field, format string, args ...any)

// checkHeader checks the prompt's ID, kind, text and length.
func (p *Prompt) checkHeader(add addProblem) {
	if !validID(p.ID) {
		add("id", "must be 1 to 64 characters of a-z, 0-9 and '-' (got %q)", p.ID)
	}
	if !p.Round.valid() {
		add("round", "unknown round type %q (use %s)", p.Round, joinQuoted(RoundTypes))
	}
	if !oneOf(p.Level, levels) {
		add("level", "unknown level %q (use %s)", p.Level, joinQuoted(levels))
	}
	if !oneOf(p.Context, contexts) {
		add("context", "unknown company context %q (use %s)", p.Context, joinQuoted(contexts))
	}
	if strings.TrimSpace(p.Title) == "" {
		add("title", "is missing")
	}
	if strings.TrimSpace(p.Scenario) == "" {
		add("scenario", "is missing")
	}
	if p.Minutes < 1 {
		add("minutes", "the round needs a length in minutes (got %d)", p.Minutes)
	} else if p.Minutes > MaxRoundMinutes {
		add("minutes", "a round is at most %d minutes, a working day (got %d)", MaxRoundMinutes, p.Minutes)
	}
}

// checkPhases checks each phase and that their minutes add up to the round's.
func (p *Prompt) checkPhases(add addProblem) {
	if len(p.Phases) == 0 {
		add("phases", "the round has no phases")
	}
	// Each phase is checked against the same bound, and the sum stops growing once past it, so no
	// number in the file can make it wrap round to the round's length.
	sum, phasesOK := 0, true
	for j, ph := range p.Phases {
		if strings.TrimSpace(ph.Name) == "" {
			add(fmt.Sprintf("phases[%d].name", j), "is missing")
		}
		switch {
		case ph.Minutes < 1:
			add(fmt.Sprintf("phases[%d].minutes", j), "must be 1 or more (got %d)", ph.Minutes)
			phasesOK = false
		case ph.Minutes > MaxRoundMinutes:
			add(fmt.Sprintf("phases[%d].minutes", j), "a phase is at most %d minutes, a working day (got %d)", MaxRoundMinutes, ph.Minutes)
			phasesOK = false
		case sum <= MaxRoundMinutes:
			sum += ph.Minutes
		}
	}
	if len(p.Phases) == 0 || !phasesOK || p.Minutes < 1 || p.Minutes > MaxRoundMinutes || sum == p.Minutes {
		return
	}
	if sum > MaxRoundMinutes {
		add("phases", "phase minutes sum to more than %d but the round is %d minutes", MaxRoundMinutes, p.Minutes)
	} else {
		add("phases", "phase minutes sum to %d but the round is %d minutes", sum, p.Minutes)
	}
}

// checkFollowUps checks who asks each follow-up, what, and that it falls inside the round.
func (p *Prompt) checkFollowUps(add addProblem) {
	for j, f := range p.FollowUps {
		fa := fmt.Sprintf("followups[%d]", j)
		if !oneOf(f.Asker, askers) {
			add(fa+".asker", "unknown panel member %q (use %s)", f.Asker, joinQuoted(askers))
		}
		if strings.TrimSpace(f.Question) == "" {
			add(fa+".question", "is missing")
		}
		if f.Minute < 0 || (p.Minutes > 0 && f.Minute >= p.Minutes) {
			add(fa+".minute", "minute %d is outside the %d-minute round", f.Minute, p.Minutes)
		}
	}
}

// checkRubric checks the number of criteria and each one's name, competency ID and anchors.
func (p *Prompt) checkRubric(add addProblem) {
	if n := len(p.Rubric); n < 1 || n > 6 {
		add("rubric", "needs 1 to 6 criteria (has %d)", n)
	}
	for j, c := range p.Rubric {
		ca := fmt.Sprintf("rubric[%d]", j)
		if strings.TrimSpace(c.Name) == "" {
			add(ca+".criterion", "is missing")
		}
		// Whether the ID names a known competency is the model's business (CheckCompetencies): a
		// set or a bundle from a newer PanelPrep may name one this version does not have.
		if c.Competency != "" && !validID(c.Competency) {
			add(ca+".competency", "must be a competency ID of a-z, 0-9 and '-' (got %q)", c.Competency)
		}
		for s := 1; s <= 4; s++ {
			if strings.TrimSpace(c.Anchor(s)) == "" {
				add(fmt.Sprintf("%s.anchor%d", ca, s), "criterion %q has no anchor for a score of %d", c.Name, s)
			}
		}
	}
}

// MaxPromptTeams and MaxTeamNameLen bound a prompt's team list: enough for the teams one scenario
// involves, and names short enough to sit in a diagram's legend.
const (
	MaxPromptTeams = 8
	MaxTeamNameLen = 40
)

// checkTeamNames checks a prompt's team list: at most MaxPromptTeams names, each 1 to MaxTeamNameLen
// characters, none written twice (ignoring case and surrounding space, as a reader would).
func checkTeamNames(teams []string, add addProblem) {
	if len(teams) > MaxPromptTeams {
		add("teams", "lists %d teams; a prompt may name at most %d", len(teams), MaxPromptTeams)
	}
	seen := map[string]int{}
	for j, t := range teams {
		at := fmt.Sprintf("teams[%d]", j)
		name := strings.TrimSpace(t)
		switch n := utf8.RuneCountInString(t); {
		case name == "":
			add(at, "a team name is empty")
			continue
		case n > MaxTeamNameLen:
			add(at, "team name %q is %d characters; at most %d", strictjson.Clip(name), n, MaxTeamNameLen)
		}
		key := strings.ToLower(name)
		if first, dup := seen[key]; dup {
			add(at, "team %q is listed twice (first as teams[%d])", strictjson.Clip(name), first)
			continue
		}
		seen[key] = j
	}
}

func validID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

func oneOf[T comparable](v T, all []T) bool {
	for _, a := range all {
		if v == a {
			return true
		}
	}
	return false
}

func joinQuoted[T ~string](all []T) string {
	q := make([]string, len(all))
	for i, a := range all {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, ", ")
}
