package prep

import (
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// LoopShape is a company's onsite as a loop file describes it (docs/loop-files.md): its rounds in
// order, each with its type, minutes, the panel member who leads it, the break after it, the
// competencies it weighs and its weight, and the thresholds that turn the scores into a band.
// PanelPrep ships a few (assets/loops/); a user or a mentor imports their own.
type LoopShape struct {
	ID          string
	Name        string
	Version     int
	Author      string
	Description string
	Rounds      []LoopRound
	Bands       BandThresholds
}

// DefaultLoopShapeID is the shipped shape whose rounds are DefaultLoop and whose bands are
// DefaultBands: the loop the planner offered before loop files, and still offers first.
const DefaultLoopShapeID = "director-default"

// BehaviouralSittingShapeID is the shipped shape of one behavioural round on its own (three
// questions in 45 minutes), which Practice offers beside a behavioural prompt.
const BehaviouralSittingShapeID = "behavioural-sitting"

// Plan is a copy of the shape's rounds, for a planner to change.
func (s *LoopShape) Plan() []LoopRound {
	out := make([]LoopRound, len(s.Rounds))
	for i, r := range s.Rounds {
		out[i] = r
		if r.Competencies != nil {
			out[i].Competencies = make(map[string]float64, len(r.Competencies))
			for k, v := range r.Competencies {
				out[i].Competencies[k] = v
			}
		}
	}
	return out
}

// Minutes is the length of the onsite: its rounds and the breaks between them.
func (s *LoopShape) Minutes() int {
	n := 0
	for _, r := range s.Rounds {
		n += r.Minutes + r.BreakMinutes
	}
	return n
}

// BandThresholds are the averages a loop's scores are banded by (BandRule says them in words for
// DefaultBands). Overall is the weighted average across every criterion of every round; a round is a
// sitting, its questions taken together.
type BandThresholds struct {
	LeanHire   float64 `json:"lean_hire"`   // overall average from which the band is Lean hire
	Hire       float64 `json:"hire"`        // ... Hire
	StrongHire float64 `json:"strong_hire"` // ... Strong hire
	// RoundFloor: a round averaging below it caps the band at Lean hire.
	RoundFloor float64 `json:"round_floor"`
	// StrongHireRoundFloor: Strong hire also needs every round to average at least this.
	StrongHireRoundFloor float64 `json:"strong_hire_round_floor"`
}

// DefaultBands are the thresholds the app has always banded a loop by; the shipped default loop
// file says the same.
var DefaultBands = BandThresholds{LeanHire: 2.0, Hire: 2.75, StrongHire: 3.5, RoundFloor: 2.0, StrongHireRoundFloor: 3.0}

// BandRule is the rule DefaultBands apply, as shown to the user.
var BandRule = DefaultBands.Rule()

// Band applies the thresholds to a loop's overall (weighted) average and its rounds' averages.
func (b BandThresholds) Band(overall float64, roundAverages []float64) Band {
	band := BandNoHire
	switch {
	case overall >= b.StrongHire:
		band = BandStrongHire
	case overall >= b.Hire:
		band = BandHire
	case overall >= b.LeanHire:
		band = BandLeanHire
	}
	lowest := math.Inf(1)
	for _, a := range roundAverages {
		lowest = min(lowest, a)
	}
	if lowest < b.RoundFloor && (band == BandHire || band == BandStrongHire) {
		band = BandLeanHire
	}
	if band == BandStrongHire && lowest < b.StrongHireRoundFloor {
		band = BandHire
	}
	return band
}

// Rule is the thresholds in words, for a loop that weighs every criterion alike.
func (b BandThresholds) Rule() string { return b.rule("Average across every criterion of every round") }

func (b BandThresholds) rule(average string) string {
	return "The band comes from your self-scores. " + average + ": " +
		fmt.Sprintf("below %s is No hire; %s up to %s is Lean hire; %s up to %s is Hire; %s or more is Strong hire. ",
			score(b.LeanHire), score(b.LeanHire), score(b.Hire), score(b.Hire), score(b.StrongHire), score(b.StrongHire)) +
		fmt.Sprintf("Any single round averaging below %s caps the band at Lean hire, and Strong hire also needs "+
			"every round to average %s or more: a panel rarely hires past one weak round. The questions of a "+
			"behavioural round count together, as one round.", score(b.RoundFloor), score(b.StrongHireRoundFloor))
}

// score writes a threshold as the rule always has: "2.0", "2.75", "3.5".
func score(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// LoopRule is the rule a loop planned as plan is banded by: the thresholds, and how its rounds and
// competencies are weighed when any round says so. model names the competencies.
func LoopRule(b BandThresholds, plan []LoopRound, model Competencies) string {
	var weights []string
	for k, st := range Sittings(plan) {
		r := plan[st.Start]
		if w := r.Weighting(model); w != "" {
			weights = append(weights, fmt.Sprintf("round %d (%s) %s", k+1, r.Round.Label(), w))
		}
	}
	if len(weights) == 0 {
		return b.Rule()
	}
	return b.rule("Weighted average across every criterion of every round") +
		" The loop weighs its rounds: " + strings.Join(weights, "; ") + ". A criterion counts as its round's weight " +
		"times its competency's weight in that round (1 when the round names none)."
}

// Weighting says how the round weighs its criteria, such as "counts ×2 and weighs organisation
// design ×2, hiring ×1.5", or "" for a round that weighs them all once.
func (r LoopRound) Weighting(model Competencies) string {
	var parts []string
	if w := r.RoundWeight(); w != 1 {
		parts = append(parts, "counts "+times(w))
	}
	if comps := r.focus(model); comps != "" {
		parts = append(parts, "weighs "+comps)
	}
	return strings.Join(parts, " and ")
}

func times(w float64) string { return "×" + strconv.FormatFloat(w, 'f', -1, 64) }

// focus is the competencies the round weighs, by name with their weights, heaviest first.
func (r LoopRound) focus(model Competencies) string {
	ids := make([]string, 0, len(r.Competencies))
	for id := range r.Competencies {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if a, b := r.Competencies[ids[i]], r.Competencies[ids[j]]; a != b {
			return a > b
		}
		return ids[i] < ids[j]
	})
	out := make([]string, len(ids))
	for i, id := range ids {
		name := id
		if model != nil {
			name = strings.ToLower(model.Label(id))
		}
		out[i] = name + " " + times(r.Competencies[id])
	}
	return strings.Join(out, ", ")
}

// RoundWeight is the weight of the round's criteria in the loop's average: 1 unless a loop file
// said otherwise (loops planned before loop files said nothing).
func (r LoopRound) RoundWeight() float64 {
	if r.Weight <= 0 {
		return 1
	}
	return r.Weight
}

// CriterionWeight is how much a criterion of the competency counts in this round: the round's
// weight times the competency's weight in it (1 for a competency the round does not name).
func (r LoopRound) CriterionWeight(competency string) float64 {
	w := r.RoundWeight()
	if c, ok := r.Competencies[competency]; ok && c > 0 {
		w *= c
	}
	return w
}

// Limits of a loop file: an onsite is a day at most, and a file beyond them is a mistake.
const (
	MaxLoopFileSize      = 64 << 10
	MaxLoopRounds        = 12
	MinLoopRoundMinutes  = 5
	MaxLoopRoundMinutes  = 180
	MaxLoopBreakMinutes  = 90
	MaxLoopMinutes       = 10 * 60
	MaxLoopWeight        = 5.0
	maxLoopNameChars     = 80
	maxLoopDescribeChars = 1000
)

// loopFile is the loop-file format as written; LoopShape is what it describes. Weights are pointers
// so that one left out (1) is told from one written as 0 (a mistake).
type loopFile struct {
	ID          string          `toml:"id"`
	Name        string          `toml:"name"`
	Version     int             `toml:"version"`
	Author      string          `toml:"author"`
	Description string          `toml:"description"`
	Rounds      []loopFileRound `toml:"rounds"`
	Bands       *loopFileBands  `toml:"bands"`
}

type loopFileRound struct {
	Round        RoundType          `toml:"round"`
	Minutes      int                `toml:"minutes"`
	Lead         Asker              `toml:"lead"`
	BreakMinutes int                `toml:"break_minutes"`
	FollowsOn    bool               `toml:"follows_on"`
	Weight       *float64           `toml:"weight"`
	Competencies map[string]float64 `toml:"competencies"`
}

type loopFileBands struct {
	LeanHire             *float64 `toml:"lean_hire"`
	Hire                 *float64 `toml:"hire"`
	StrongHire           *float64 `toml:"strong_hire"`
	RoundFloor           *float64 `toml:"round_floor"`
	StrongHireRoundFloor *float64 `toml:"strong_hire_round_floor"`
}

// ReadLoopShape reads one loop file from r and parses it (see ParseLoopShape); a file larger than
// MaxLoopFileSize is refused after reading one byte past the cap.
func ReadLoopShape(name string, r io.Reader, model Competencies) (*LoopShape, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxLoopFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return ParseLoopShape(name, data, model)
}

// ParseLoopShape decodes a loop file as strictly as a practice set (unknown keys, wrong types and
// bad UTF-8 are errors) and checks its content, including that each competency a round weighs is
// one of model's (nil skips that check: only for a shape checked already). On any problem it
// returns a *SetFileError listing all of them, each with its line.
func ParseLoopShape(name string, data []byte, model Competencies) (*LoopShape, error) {
	fail := func(ps ...FileProblem) (*LoopShape, error) {
		return nil, &SetFileError{File: name, Problems: ps, What: "loop file"}
	}
	if len(data) > MaxLoopFileSize {
		return fail(FileProblem{File: name, Problem: Problem{Path: "file", Message: fmt.Sprintf("is %d bytes; a loop file may be at most %d", len(data), MaxLoopFileSize)}})
	}
	var f loopFile
	md, problem := decodeTOML(name, data, &f)
	if problem != nil {
		return fail(*problem)
	}
	if out := placeProblems(name, data, md.Undecoded(), f.validate(model)); len(out) > 0 {
		return fail(out...)
	}
	return f.shape(), nil
}

// Validate reports every problem with a shape's content, as the loop-file checker would, the
// competencies aside (the model's business): the store checks a shape again before keeping it.
func (s *LoopShape) Validate() []Problem {
	f := loopFile{ID: s.ID, Name: s.Name, Version: s.Version, Author: s.Author, Description: s.Description,
		Bands: &loopFileBands{LeanHire: &s.Bands.LeanHire, Hire: &s.Bands.Hire, StrongHire: &s.Bands.StrongHire,
			RoundFloor: &s.Bands.RoundFloor, StrongHireRoundFloor: &s.Bands.StrongHireRoundFloor}}
	for _, r := range s.Rounds {
		fr := loopFileRound{Round: r.Round, Minutes: r.Minutes, Lead: r.Lead, BreakMinutes: r.BreakMinutes, FollowsOn: r.FollowsOn,
			Competencies: r.Competencies}
		if r.Weight != 0 {
			w := r.Weight
			fr.Weight = &w
		}
		f.Rounds = append(f.Rounds, fr)
	}
	return f.validate(nil)
}

func (f *loopFile) shape() *LoopShape {
	s := &LoopShape{ID: f.ID, Name: strings.TrimSpace(f.Name), Version: f.Version, Author: f.Author, Description: strings.TrimSpace(f.Description),
		Bands: BandThresholds{LeanHire: *f.Bands.LeanHire, Hire: *f.Bands.Hire, StrongHire: *f.Bands.StrongHire,
			RoundFloor: *f.Bands.RoundFloor, StrongHireRoundFloor: *f.Bands.StrongHireRoundFloor}}
	for _, r := range f.Rounds {
		lr := LoopRound{Round: r.Round, Minutes: r.Minutes, BreakMinutes: r.BreakMinutes, Lead: r.Lead, FollowsOn: r.FollowsOn}
		if r.Weight != nil && *r.Weight != 1 {
			lr.Weight = *r.Weight
		}
		if len(r.Competencies) > 0 {
			lr.Competencies = r.Competencies
		}
		s.Rounds = append(s.Rounds, lr)
	}
	return s
}

// validate reports every problem with the file's content, each at the path of its field.
func (f *loopFile) validate(model Competencies) []Problem {
	var out []Problem
	add := func(path, format string, args ...any) {
		out = append(out, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	}
	if !validID(f.ID) {
		add("id", "must be 1 to 64 characters of a-z, 0-9 and '-' (got %q)", f.ID)
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(f.Name)); {
	case n == 0:
		add("name", "is missing")
	case n > maxLoopNameChars:
		add("name", "is %d characters; a loop's name is at most %d", n, maxLoopNameChars)
	}
	if n := utf8.RuneCountInString(f.Description); n > maxLoopDescribeChars {
		add("description", "is %d characters; at most %d", n, maxLoopDescribeChars)
	}
	if f.Version < 1 {
		add("version", "must be 1 or more (got %d)", f.Version)
	}
	switch n := len(f.Rounds); {
	case n == 0:
		add("rounds", "the loop has no rounds")
	case n > MaxLoopRounds:
		add("rounds", "a loop has at most %d rounds (has %d)", MaxLoopRounds, n)
	}
	total := 0
	for i, r := range f.Rounds {
		at := fmt.Sprintf("rounds[%d]", i)
		r.validate(at, add, model)
		total += min(max(r.Minutes, 0), MaxLoopRoundMinutes) + min(max(r.BreakMinutes, 0), MaxLoopBreakMinutes)
		if i == 0 && r.FollowsOn {
			add(at+".follows_on", "the first round has no round before it to follow on")
		}
		if i > 0 && r.FollowsOn {
			prev := f.Rounds[i-1]
			if prev.Round != r.Round || prev.Lead != r.Lead {
				add(at+".follows_on", "a round that follows on continues the sitting before it, so it has the same round type and lead (%q led by %q, not %q led by %q)",
					prev.Round, prev.Lead, r.Round, r.Lead)
			}
			if !sameWeights(prev, r) {
				add(at+".follows_on", "a round that follows on is weighed as the sitting it continues: give it the same weight and competencies as the round before")
			}
			if prev.BreakMinutes != 0 {
				add(fmt.Sprintf("rounds[%d].break_minutes", i-1), "is %d, but the next round follows on in the same sitting: no break between its questions", prev.BreakMinutes)
			}
		}
		if i == len(f.Rounds)-1 && r.BreakMinutes != 0 {
			add(at+".break_minutes", "the last round has no break after it (got %d)", r.BreakMinutes)
		}
	}
	if total > MaxLoopMinutes {
		add("rounds", "rounds and breaks add up to %d minutes; an onsite is at most %d", total, MaxLoopMinutes)
	}
	if f.Bands == nil {
		add("bands", "is missing: the loop needs [bands] with lean_hire, hire, strong_hire, round_floor and strong_hire_round_floor")
	} else {
		f.Bands.validate(add)
	}
	return out
}

func (r *loopFileRound) validate(at string, add func(path, format string, args ...any), model Competencies) {
	if !r.Round.valid() {
		add(at+".round", "unknown round type %q (use %s)", r.Round, joinQuoted(RoundTypes))
	}
	if !oneOf(r.Lead, askers) {
		add(at+".lead", "unknown panel member %q (use %s)", r.Lead, joinQuoted(askers))
	}
	if r.Minutes < MinLoopRoundMinutes || r.Minutes > MaxLoopRoundMinutes {
		add(at+".minutes", "must be %d to %d (got %d)", MinLoopRoundMinutes, MaxLoopRoundMinutes, r.Minutes)
	}
	if r.BreakMinutes < 0 || r.BreakMinutes > MaxLoopBreakMinutes {
		add(at+".break_minutes", "must be 0 to %d (got %d)", MaxLoopBreakMinutes, r.BreakMinutes)
	}
	if r.Weight != nil && !(*r.Weight > 0 && *r.Weight <= MaxLoopWeight) {
		add(at+".weight", "must be more than 0 and at most %s (got %s); leave it out to count the round once", score(MaxLoopWeight), strconv.FormatFloat(*r.Weight, 'f', -1, 64))
	}
	ids := make([]string, 0, len(r.Competencies))
	for id := range r.Competencies {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		switch w := r.Competencies[id]; {
		case model != nil && !model.Known(id):
			add(at+".competencies."+id, "unknown competency %q (use %s)", id, model.use())
		case !(w > 0 && w <= MaxLoopWeight):
			add(at+".competencies."+id, "weight must be more than 0 and at most %s (got %s)", score(MaxLoopWeight), strconv.FormatFloat(w, 'f', -1, 64))
		}
	}
}

func (b *loopFileBands) validate(add func(path, format string, args ...any)) {
	fields := []struct {
		key string
		v   *float64
	}{{"lean_hire", b.LeanHire}, {"hire", b.Hire}, {"strong_hire", b.StrongHire}, {"round_floor", b.RoundFloor}, {"strong_hire_round_floor", b.StrongHireRoundFloor}}
	good := map[*float64]bool{}
	for _, f := range fields {
		switch {
		case f.v == nil:
			add("bands."+f.key, "is missing (an average self-score from 1 to 4)")
		case *f.v < 1 || *f.v > 4:
			add("bands."+f.key, "must be an average self-score from 1 to 4 (got %s)", strconv.FormatFloat(*f.v, 'f', -1, 64))
		default:
			good[f.v] = true
		}
	}
	// Each pair is compared when both of its numbers are good, so that one mistake is not
	// reported twice.
	rise := func(lower, higher *float64, lowerKey, higherKey string) {
		if good[lower] && good[higher] && *lower >= *higher {
			add("bands."+higherKey, "must be more than %s (%s): the overall thresholds rise from lean_hire to hire to strong_hire (got %s)",
				lowerKey, score(*lower), score(*higher))
		}
	}
	rise(b.LeanHire, b.Hire, "lean_hire", "hire")
	rise(b.Hire, b.StrongHire, "hire", "strong_hire")
	if good[b.RoundFloor] && good[b.StrongHireRoundFloor] && *b.StrongHireRoundFloor < *b.RoundFloor {
		add("bands.strong_hire_round_floor", "must be at least round_floor (%s): Strong hire asks more of every round, not less (got %s)",
			score(*b.RoundFloor), score(*b.StrongHireRoundFloor))
	}
}

// LoopShapeStore keeps the loop files a user or a mentor imported, so removing the file loses nothing.
type LoopShapeStore interface {
	// ImportLoopShape stores a checked shape. A shape whose ID is stored already must have a higher
	// version; otherwise it returns an error wrapping ErrLoopShapeNotNewer and changes nothing.
	ImportLoopShape(s *LoopShape) error
	// ImportedLoopShapes returns every imported shape, latest version of each, ordered by ID.
	ImportedLoopShapes() ([]*LoopShape, error)
}

// ErrLoopShapeNotNewer is returned when importing a loop file that is not newer than the stored one.
var ErrLoopShapeNotNewer = errors.New("this version of the loop file is already imported")

// ReplaceLoopShape returns shapes with s added, or replacing an older version with the same ID.
// shapes is not changed.
func ReplaceLoopShape(shapes []*LoopShape, s *LoopShape) []*LoopShape {
	out := make([]*LoopShape, 0, len(shapes)+1)
	for _, o := range shapes {
		if o.ID != s.ID {
			out = append(out, o)
		}
	}
	return append(out, s)
}

// LoopShapes is every shape the planner offers: the shipped ones first, then the imported.
func (l Library) LoopShapes() []*LoopShape {
	return append(append([]*LoopShape(nil), l.Loops...), l.ImportedLoops...)
}

// CheckLoopImport reports why a shape cannot be imported, or nil: it may not take a shipped
// shape's ID, since loops remember the shape they came from by it.
func (l Library) CheckLoopImport(s *LoopShape) error {
	for _, b := range l.Loops {
		if b.ID == s.ID {
			return fmt.Errorf("loop ID %q belongs to a loop PanelPrep ships; give your loop file its own ID", s.ID)
		}
	}
	return nil
}

// ImportLoops checks parsed shapes against the library, backs the data up once (backup may be
// nil; only when a shape passed) and stores the shapes that passed. The command line and the window
// both import through it, so the rules are the same; a shape that fails changes nothing. It
// returns the backup's path and, per shape in order, nil or why it was not imported; an error from
// the backup means nothing was imported.
func ImportLoops(store LoopShapeStore, lib Library, shapes []*LoopShape, backup func() (string, error)) (string, []error, error) {
	problems := make([]error, len(shapes))
	passed := false
	for i, s := range shapes {
		if problems[i] = lib.CheckLoopImport(s); problems[i] == nil {
			passed = true
		}
	}
	if !passed {
		return "", problems, nil
	}
	path := ""
	if backup != nil {
		var err error
		if path, err = backup(); err != nil {
			return "", problems, fmt.Errorf("backing up before the import failed, so nothing was imported: %w", err)
		}
	}
	for i, s := range shapes {
		if problems[i] == nil {
			problems[i] = store.ImportLoopShape(s)
		}
	}
	return path, problems, nil
}

// IsLoopFile reports whether a TOML file reads as a loop file rather than a practice set: it has
// rounds and no prompts at its top level. The import in the window takes either kind of file.
func IsLoopFile(data []byte) bool {
	var top map[string]any
	if _, p := decodeTOML("", data, &top); p != nil {
		return false
	}
	_, rounds := top["rounds"]
	_, prompts := top["prompts"]
	return rounds && !prompts
}

// sameWeights is whether two rounds of a file weigh their criteria alike.
func sameWeights(a, b loopFileRound) bool {
	w := func(p *float64) float64 {
		if p == nil {
			return 1
		}
		return *p
	}
	if w(a.Weight) != w(b.Weight) || len(a.Competencies) != len(b.Competencies) {
		return false
	}
	for k, v := range a.Competencies {
		if bv, ok := b.Competencies[k]; !ok || bv != v {
			return false
		}
	}
	return true
}
