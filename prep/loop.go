package prep

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
)

// LoopRound is one slot of a mock onsite: the round type, its length, the break after it, and the
// panel member who leads it.
type LoopRound struct {
	Round        RoundType `json:"round"`
	Minutes      int       `json:"minutes"`
	BreakMinutes int       `json:"break_minutes"`
	Lead         Asker     `json:"lead"`
	// FollowsOn marks a slot that continues the sitting of the slot before it: the next question
	// of a behavioural round, asked straight after the last by the same interviewer. A sitting is
	// one slot and the FollowsOn slots after it; a loop saved before sittings has none, so each of
	// its slots is a sitting of its own, as it was.
	FollowsOn bool `json:"follows_on,omitempty"`
	// Weight is how much the round counts in the loop's average, from its loop file; 0 (a loop
	// planned before loop files, or a file that left it out) counts once (RoundWeight).
	Weight float64 `json:"weight,omitempty"`
	// Competencies are the competencies the round weighs, each with how much a criterion of it
	// counts in this round; a competency not named counts once.
	Competencies CompetencyWeights `json:"competencies,omitempty"`
}

// CompetencyWeights are a round's competency IDs, each with how much a criterion of it counts.
type CompetencyWeights map[string]float64

// GobEncode writes the weights in the order of their IDs: a count, then each ID (its length, its
// bytes) and weight (IEEE 754 bits), as unsigned varints. Gob writes a plain map in Go's random
// iteration order, so the same loop files gave a different assets/bank.gob at each go generate.
// (Pairs in a nested gob stream, the first way tried, took decoding the bank from 1.2 to 1.8 ms.)
func (w CompetencyWeights) GobEncode() ([]byte, error) {
	b := binary.AppendUvarint(nil, uint64(len(w)))
	for _, id := range slices.Sorted(maps.Keys(w)) {
		b = binary.AppendUvarint(b, uint64(len(id)))
		b = append(b, id...)
		b = binary.AppendUvarint(b, math.Float64bits(w[id]))
	}
	return b, nil
}

// GobDecode reads what GobEncode wrote.
func (w *CompetencyWeights) GobDecode(b []byte) error {
	bad := errors.New("competency weights: damaged")
	next := func() (uint64, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return 0, false
		}
		b = b[n:]
		return v, true
	}
	count, ok := next()
	if !ok || count > uint64(len(b)) {
		return bad
	}
	m := make(CompetencyWeights, count)
	for range count {
		size, ok := next()
		if !ok || size > uint64(len(b)) {
			return bad
		}
		id := string(b[:size])
		b = b[size:]
		bits, ok := next()
		if !ok {
			return bad
		}
		m[id] = math.Float64frombits(bits)
	}
	if len(b) != 0 {
		return bad
	}
	*w = m
	return nil
}

// BehaviouralQuestions is how many questions the default loop's behavioural round asks in its
// sitting, each about other competencies.
const BehaviouralQuestions = 3

// DefaultBreakMinutes is the break a sitting gets after it when the planner moves it off the end
// of the loop, where it had none.
const DefaultBreakMinutes = 10

// DefaultLoop is the onsite most Director loops run: systems design, a leadership scenario, a
// behavioural round of three questions back to back, and an org-design exercise, with breaks
// between the sittings.
var DefaultLoop = []LoopRound{
	{Round: SystemsDesign, Minutes: 60, BreakMinutes: 10, Lead: AskerIC},
	{Round: Leadership, Minutes: 45, BreakMinutes: 10, Lead: AskerEM},
	{Round: Behavioural, Minutes: 15, Lead: AskerEM},
	{Round: Behavioural, Minutes: 15, Lead: AskerEM, FollowsOn: true},
	{Round: Behavioural, Minutes: 15, BreakMinutes: 10, Lead: AskerEM, FollowsOn: true},
	{Round: OrgDesign, Minutes: 45, Lead: AskerVP},
}

// Sitting is one round as the panel runs it: slots Start up to (not including) End of a loop.
type Sitting struct{ Start, End int }

// Len is the number of questions in the sitting.
func (s Sitting) Len() int { return s.End - s.Start }

// Sittings groups a loop's plan into its sittings, in order.
func Sittings(plan []LoopRound) []Sitting {
	var out []Sitting
	for i, r := range plan {
		if i > 0 && r.FollowsOn && len(out) > 0 {
			out[len(out)-1].End = i + 1
			continue
		}
		out = append(out, Sitting{i, i + 1})
	}
	return out
}

// SittingOf returns the index of the sitting that holds slot i, and that sitting.
func SittingOf(plan []LoopRound, i int) (int, Sitting) {
	for k, s := range Sittings(plan) {
		if i >= s.Start && i < s.End {
			return k, s
		}
	}
	return -1, Sitting{}
}

// Plans returns the plan of each slot.
func Plans(slots []LoopSlot) []LoopRound {
	out := make([]LoopRound, len(slots))
	for i, s := range slots {
		out[i] = s.Plan
	}
	return out
}

// MoveSitting moves sitting k of the planned slots by delta places (-1 up, +1 down), keeping its
// questions together, and returns the new plan; a move past either end changes nothing.
func MoveSitting(slots []LoopSlot, k, delta int) []LoopSlot {
	groups := slotGroups(slots)
	j := k + delta
	if k < 0 || k >= len(groups) || j < 0 || j >= len(groups) {
		return slots
	}
	groups[k], groups[j] = groups[j], groups[k]
	return joinGroups(groups)
}

// RemoveSitting drops sitting k from the planned slots; the last sitting is never removed, since
// a loop needs a round.
func RemoveSitting(slots []LoopSlot, k int) []LoopSlot {
	groups := slotGroups(slots)
	if k < 0 || k >= len(groups) || len(groups) < 2 {
		return slots
	}
	return joinGroups(append(groups[:k:k], groups[k+1:]...))
}

func slotGroups(slots []LoopSlot) [][]LoopSlot {
	var out [][]LoopSlot
	for _, s := range Sittings(Plans(slots)) {
		out = append(out, append([]LoopSlot(nil), slots[s.Start:s.End]...))
	}
	return out
}

// joinGroups lays the sittings end to end with a break after each but the last: a sitting moved
// off the end gets the default break, and the one now last gets none.
func joinGroups(groups [][]LoopSlot) []LoopSlot {
	var out []LoopSlot
	for k, g := range groups {
		last := &g[len(g)-1].Plan
		switch {
		case k == len(groups)-1:
			last.BreakMinutes = 0
		case last.BreakMinutes == 0:
			last.BreakMinutes = DefaultBreakMinutes
		}
		out = append(out, g...)
	}
	return out
}

// LoopSlot is a planned round with its chosen prompt and, once done, the attempt it produced.
type LoopSlot struct {
	Plan      LoopRound `json:"plan"`
	SetID     string    `json:"set_id"`
	PromptID  string    `json:"prompt_id"`
	AttemptID uuid.UUID `json:"attempt_id,omitempty"`
}

// Done reports whether the slot's round has been answered and scored.
func (s LoopSlot) Done() bool { return s.AttemptID != uuid.Nil }

// Loop is a mock onsite in progress or finished. It is saved after every round, so a restart
// resumes it where it was.
type Loop struct {
	ID        uuid.UUID  `json:"id"`
	Slots     []LoopSlot `json:"slots"`
	StartedAt time.Time  `json:"started_at"`
	// BreakUntil is set while the candidate is between rounds; wall clock, for display only.
	BreakUntil time.Time `json:"break_until,omitempty"`
	Finished   bool      `json:"finished"`
	// Shape is the loop file the loop was planned from (its ID, name and version); empty for a
	// loop planned before loop files, which was the default loop.
	Shape ShapeRef `json:"shape,omitempty"`
	// Bands are the thresholds of that file, kept with the loop so that a newer version imported
	// meanwhile does not re-band a loop already run; nil means DefaultBands.
	Bands *BandThresholds `json:"bands,omitempty"`
}

// ShapeRef names the loop file a loop was planned from.
type ShapeRef struct {
	ID      string `json:"id,omitempty"`
	Name    string `json:"name,omitempty"`
	Version int    `json:"version,omitempty"`
}

// Thresholds are the band thresholds the loop is banded by.
func (l *Loop) Thresholds() BandThresholds {
	if l.Bands == nil {
		return DefaultBands
	}
	return *l.Bands
}

// Current returns the index of the first slot not yet done, or len(Slots) when all are.
func (l *Loop) Current() int {
	for i, s := range l.Slots {
		if !s.Done() {
			return i
		}
	}
	return len(l.Slots)
}

// LoopStore keeps mock loops.
type LoopStore interface {
	SaveLoop(l Loop) error
	// ActiveLoop returns the unfinished loop, or nil when there is none.
	ActiveLoop() (*Loop, error)
	// Loop returns the loop with the given ID, finished or not; ErrNotFound when there is none
	// (an attempt's loop abandoned before loops were kept, or from another store).
	Loop(id uuid.UUID) (Loop, error)
}

// recentRepeats is how many of the latest attempts a loop avoids repeating.
const recentRepeats = 10

// recentPrompts is the set of prompts among the recentRepeats latest attempts of history (most
// recent first, as the store lists it).
func recentPrompts(history []AttemptSummary) map[string]bool {
	recent := map[string]bool{}
	for i, a := range history {
		if i >= recentRepeats {
			break
		}
		recent[a.PromptID] = true
	}
	return recent
}

// PickPrompt chooses a prompt for a loop slot from the library: the right round type, a length
// close to the slot's, not among the recent attempts (or already in this loop), exercising the
// competencies the slot weighs (if its loop file names any), and favouring the rubric criteria the
// candidate scores lowest on. It returns false when the library has no prompt
// of that round type. seed breaks ties so that re-picking offers another prompt.
func PickPrompt(lib Library, slot LoopRound, history []AttemptSummary, exclude map[string]bool, seed int) (*PracticeSet, Prompt, bool) {
	return PickPromptAvoiding(lib, slot, history, exclude, nil, seed)
}

// PickPromptAvoiding is PickPrompt for a question of a sitting: a prompt whose rubric names one of
// the avoid competencies (those of the questions already chosen in the sitting) is taken only when
// no other is left, so that the questions of one behavioural round probe different competencies.
func PickPromptAvoiding(lib Library, slot LoopRound, history []AttemptSummary, exclude, avoid map[string]bool, seed int) (*PracticeSet, Prompt, bool) {
	recent := recentPrompts(history)
	weak := weaknesses{byCompetency: CompetencyAverages(history, lib.Competencies), byCriterion: CriterionAverages(history), model: lib.Competencies}
	type candidate struct {
		set   *PracticeSet
		p     Prompt
		score float64
	}
	var cands []candidate
	for _, set := range lib.Sets() {
		for _, p := range set.Prompts {
			if p.Round != slot.Round || exclude[p.ID] {
				continue
			}
			// Lower is better: weakness first, then length mismatch, then recency.
			score := weaknessScore(p, weak)
			score += math.Abs(float64(p.Minutes-slot.Minutes)) / 15
			if recent[p.ID] {
				score += 10
			}
			// Far above any weakness or recency: an overlapping prompt comes after every other.
			comps := PromptCompetencies(p)
			score += 100 * float64(len(overlap(comps, avoid)))
			// A loop file's round that weighs competencies wants a prompt that exercises them
			// (the CEO's strategy conversation, not a people-management scenario): each one the
			// rubric names counts for more than the whole range of weakness (scores 1 to 4), and a
			// round that weighs none (the default loop) picks as it always has.
			for c := range comps {
				if _, ok := slot.Competencies[c]; ok {
					score -= 3.5
				}
			}
			cands = append(cands, candidate{set, p, score})
		}
	}
	if len(cands) == 0 {
		return nil, Prompt{}, false
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score < cands[j].score })
	// Offer the best few in turn as the seed changes.
	best := 1
	for best < len(cands) && best < 5 && cands[best].score-cands[0].score < 0.5 {
		best++
	}
	c := cands[((seed%best)+best)%best]
	return c.set, c.p, true
}

// PromptCompetencies is the set of competencies a prompt's rubric names.
func PromptCompetencies(p Prompt) map[string]bool {
	out := map[string]bool{}
	for _, c := range p.Rubric {
		if c.Competency != "" {
			out[c.Competency] = true
		}
	}
	return out
}

func overlap(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if b[k] {
			out = append(out, k)
		}
	}
	return out
}

// PromptForCriterion picks a prompt of the round type whose rubric has the criterion, avoiding the
// most recent attempts, to practise a weak criterion.
func PromptForCriterion(lib Library, round RoundType, criterion string, history []AttemptSummary) (*PracticeSet, Prompt, bool) {
	recent := recentPrompts(history)
	var fallback *PracticeSet
	var fallbackPrompt Prompt
	for _, set := range lib.Sets() {
		for _, p := range set.Prompts {
			if p.Round != round {
				continue
			}
			for _, c := range p.Rubric {
				if strings.EqualFold(c.Name, criterion) {
					if !recent[p.ID] {
						return set, p, true
					}
					if fallback == nil {
						fallback, fallbackPrompt = set, p
					}
				}
			}
		}
	}
	return fallback, fallbackPrompt, fallback != nil
}

// weaknesses are the candidate's average self-scores, by competency and by criterion name.
type weaknesses struct {
	byCompetency map[string]float64
	byCriterion  map[string]float64 // lower-cased names
	model        Competencies
}

// weaknessScore is the mean of the candidate's average self-score on this prompt's criteria, each
// taken by its competency, so that a prompt is favoured for exercising a weak competency whatever
// its criteria are called. A criterion without a known competency falls back on its name's average
// (attempts from before competencies); one never scored counts as 2.5, the middle of the scale.
func weaknessScore(p Prompt, w weaknesses) float64 {
	if len(p.Rubric) == 0 {
		return 2.5
	}
	sum := 0.0
	for _, c := range p.Rubric {
		v, ok := 0.0, false
		if c.Competency != "" && (w.model == nil || w.model.Known(c.Competency)) {
			v, ok = w.byCompetency[c.Competency]
		}
		if !ok {
			v, ok = w.byCriterion[strings.ToLower(c.Name)]
		}
		if !ok {
			v = 2.5
		}
		sum += v
	}
	return sum / float64(len(p.Rubric))
}

// PromptForCompetency picks a prompt to practise a weak competency: one whose rubric scores it most
// (the most criteria in it), avoiding the most recent attempts.
func PromptForCompetency(lib Library, competency string, history []AttemptSummary) (*PracticeSet, Prompt, bool) {
	return mostFitting(lib, recentPrompts(history), func(p *Prompt) int {
		n := 0
		for _, c := range p.Rubric {
			if c.Competency == competency {
				n++
			}
		}
		return n
	})
}

// mostFitting is the prompt of the library with the highest fit (0: does not fit at all), one
// not among the recent prompts before any recent one, the first in the library among equals.
func mostFitting(lib Library, recent map[string]bool, fit func(*Prompt) int) (*PracticeSet, Prompt, bool) {
	var best *PracticeSet
	var bestPrompt Prompt
	bestScore := 0
	for _, set := range lib.Sets() {
		for _, p := range set.Prompts {
			n := fit(&p)
			if n == 0 {
				continue
			}
			score := n * 2 // a recent prompt is still better than none
			if !recent[p.ID] {
				score += 100
			}
			if score > bestScore {
				best, bestPrompt, bestScore = set, p, score
			}
		}
	}
	return best, bestPrompt, best != nil
}

// CriterionAverages is the mean self-score per rubric criterion name (lower-cased) over history.
func CriterionAverages(history []AttemptSummary) map[string]float64 {
	sums, counts := map[string]float64{}, map[string]int{}
	for _, a := range history {
		for _, s := range a.Scores {
			k := strings.ToLower(s.Criterion)
			sums[k] += float64(s.Value)
			counts[k]++
		}
	}
	out := make(map[string]float64, len(sums))
	for k, v := range sums {
		out[k] = v / float64(counts[k])
	}
	return out
}

// Band is the overall outcome of a mock loop.
type Band string

// The bands a hiring committee uses.
const (
	BandNoHire     Band = "No hire"
	BandLeanHire   Band = "Lean hire"
	BandHire       Band = "Hire"
	BandStrongHire Band = "Strong hire"
)

// ScoreBand applies DefaultBands (BandRule) to the per-round average self-scores of a loop, every
// criterion weighing alike. It returns the band and the overall average.
func ScoreBand(roundAverages []float64, allScores []Score) (Band, float64) {
	overall := AverageScore(allScores)
	return DefaultBands.Band(overall, roundAverages), overall
}

// LoopSummary is the end-of-loop report: per round, per competency (criteria beneath), time
// against budget, the band.
type LoopSummary struct {
	Rounds       []LoopRoundSummary
	Competencies []CompetencyStat   // weakest first, Unmapped last, weighed as Average is; Attempts counts rounds
	Criteria     []CriterionSummary // weakest first
	// Sittings are the sittings of several questions (a behavioural round), in order: the time
	// their questions took together against the sitting's slot.
	Sittings []SittingTotal
	Band     Band
	Average  float64
	Rule     string
}

// LoopRoundSummary is one round of a finished loop.
type LoopRoundSummary struct {
	Round RoundType
	Title string
	// Average is the round's average score, its criteria weighed as its plan says.
	Average float64
	// Weight is how much the round counts in the loop's average (1 unless its loop file says).
	Weight float64
	Used   time.Duration
	Budget time.Duration
}

// CriterionSummary is one criterion's average across the loop.
type CriterionSummary struct {
	Criterion string
	Average   float64
	Count     int
}

// SummariseLoop builds the report from the loop's attempts, in slot order, each a round of its
// own; model names the competencies.
func SummariseLoop(attempts []Attempt, model Competencies) LoopSummary {
	return SummariseLoopSittings(attempts, nil, model)
}

// SummariseLoopSittings is SummariseLoop where sitting[i] is the sitting of attempts[i] (nil: each
// attempt its own). The band's per-round rule takes a sitting's questions together, as the
// interviewer who asked them writes one verdict: one weak question of three does not cap the band
// on its own as a weak round does.
func SummariseLoopSittings(attempts []Attempt, sitting []int, model Competencies) LoopSummary {
	return SummariseLoopPlanned(attempts, sitting, nil, DefaultBands, model)
}

// SummariseLoopPlanned is SummariseLoopSittings for a loop planned from a loop file: plans[i] is
// the plan of attempts[i]'s slot, whose weights (RoundWeight, CriterionWeight) weigh its scores in
// its round's average and the overall one (nil, or a plan with no weights: every criterion
// alike), and bands band the result. The rule shown says both.
func SummariseLoopPlanned(attempts []Attempt, sitting []int, plans []LoopRound, bands BandThresholds, model Competencies) LoopSummary {
	var s LoopSummary
	type acc struct{ sum, weight float64 }
	var all acc
	var avgs []float64
	bySitting := map[int]*acc{}
	var sittingOrder []int
	sums, counts := map[string]float64{}, map[string]int{}
	var order []string
	comp := newCompetencyAcc(model)
	for i, a := range attempts {
		var plan LoopRound
		if i < len(plans) {
			plan = plans[i]
		}
		k := i
		if i < len(sitting) {
			k = sitting[i]
		}
		if _, ok := bySitting[k]; !ok {
			sittingOrder = append(sittingOrder, k)
			bySitting[k] = &acc{}
		}
		var round acc
		sum := a.Summary()
		for j, sc := range sum.Scores {
			c := sum.CompetencyOf(j)
			// With every weight 1 these sums are whole numbers, exact in a float64, so an unweighted
			// loop averages to the very value AverageScore gives.
			w := plan.CriterionWeight(c)
			// The competency list is weighed as the overall figure is: a round that counts double
			// counts double in the competencies it scored too.
			comp.addWeighted(i, c, sc, w)
			for _, x := range []*acc{&round, bySitting[k], &all} {
				x.sum += w * float64(sc.Value)
				x.weight += w
			}
		}
		r := LoopRoundSummary{Round: a.Prompt.Round, Title: a.Prompt.Title, Average: AverageScore(a.Scores), Weight: plan.RoundWeight()}
		if round.weight > 0 {
			r.Average = round.sum / round.weight
		}
		for _, pt := range a.PhaseTimes {
			r.Used += pt.Used
			r.Budget += pt.Budget
		}
		s.Rounds = append(s.Rounds, r)
		for _, sc := range a.Scores {
			if counts[sc.Criterion] == 0 {
				order = append(order, sc.Criterion)
			}
			sums[sc.Criterion] += float64(sc.Value)
			counts[sc.Criterion]++
		}
	}
	for _, c := range order {
		s.Criteria = append(s.Criteria, CriterionSummary{Criterion: c, Average: sums[c] / float64(counts[c]), Count: counts[c]})
	}
	sort.SliceStable(s.Criteria, func(i, j int) bool { return s.Criteria[i].Average < s.Criteria[j].Average })
	for _, k := range sittingOrder {
		avg := 0.0
		if x := bySitting[k]; x.weight > 0 {
			avg = x.sum / x.weight
		}
		avgs = append(avgs, avg)
	}
	s.Competencies = comp.weightedStats()
	s.Sittings = sittingTotals(attempts, sitting, plans)
	if all.weight > 0 {
		s.Average = all.sum / all.weight
	}
	s.Band = bands.Band(s.Average, avgs)
	s.Rule = LoopRule(bands, plans, model)
	return s
}

// String is a one-line description of a slot's plan, such as "Systems design, 60 min, led by the Senior IC".
func (r LoopRound) String() string {
	return fmt.Sprintf("%s, %d min, led by the %s", r.Round.Label(), r.Minutes, r.Lead.Label())
}
