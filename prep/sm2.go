package prep

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Spaced practice of weak areas uses SM-2, the SuperMemo 2 algorithm: P. A. Wozniak, "Optimization of
// learning" (1990), https://super-memory.com/english/ol/sm2.htm. Each item (a prompt, or a rubric
// criterion within a round type) is reviewed whenever an attempt scores it. A self-score of 1 to 4
// becomes an SM-2 quality of 0 to 5; quality below 3 resets the item to a one-day interval, so low
// scores come back soon, while repeated good scores stretch the interval by the item's easiness
// factor, so high scores drift out.
//
// The scheduling is named for practice (PracticeItem, DueForPractice), not "review": in PanelPrep a
// review is a mentor's review of an attempt (the Review type in bundle.go).

// PracticeKind says what a practice item is.
type PracticeKind int

// The kinds of practice item. Scores are scheduled by competency; a criterion is an item of its own
// only when it has no known competency (an attempt on a set from before competencies), so that its
// scores still come back for practice rather than disappearing.
const (
	PracticePrompt PracticeKind = iota
	PracticeCriterion
	PracticeCompetency
)

// PracticeItem is one thing due for practice, with why it is suggested.
type PracticeItem struct {
	Kind       PracticeKind
	Round      RoundType // for prompts and criteria
	PromptID   string    // for prompts
	Competency string    // for competencies and story gaps: its ID
	StoryID    uuid.UUID // for stories
	Title      string    // prompt title, competency name, or criterion name
	Due        time.Time
	Interval   time.Duration
	Easiness   float64
	LastScore  float64
	Reason     string
}

// sm2 is the scheduling state of one item.
type sm2 struct {
	reps     int
	interval float64 // days
	ef       float64
	last     time.Time
	scores   []float64 // most recent last
}

// quality maps a 1-4 self-score to SM-2's 0-5 scale.
func quality(score float64) float64 { return math.Max(0, math.Min(5, (score-1)*5/3)) }

func (s *sm2) review(score float64, at time.Time) {
	if s.ef == 0 {
		s.ef = 2.5
	}
	q := quality(score)
	if q < 3 {
		s.reps, s.interval = 0, 1
	} else {
		switch s.reps {
		case 0:
			s.interval = 1
		case 1:
			s.interval = 6
		default:
			s.interval = math.Round(s.interval * s.ef)
		}
		s.reps++
	}
	s.ef = math.Max(1.3, s.ef+(0.1-(5-q)*(0.08+(5-q)*0.02)))
	s.last = at
	s.scores = append(s.scores, score)
}

func (s *sm2) due() time.Time { return s.last.Add(time.Duration(s.interval * 24 * float64(time.Hour))) }

// recentAverage is the mean of the last n scores and how many there were.
func (s *sm2) recentAverage(n int) (float64, int) {
	from := max(len(s.scores)-n, 0)
	sum := 0.0
	for _, v := range s.scores[from:] {
		sum += v
	}
	k := len(s.scores) - from
	return sum / float64(k), k
}

// DueForPractice schedules every prompt and competency in history with SM-2 and returns those due at
// now, most overdue and weakest first, at most limit of them. Each attempt is one review of each
// competency it scored, at the mean of its scores there. Scores without a competency the model
// knows are scheduled by round type and criterion name, as before competencies. history may be in
// any order.
func DueForPractice(history []AttemptSummary, model Competencies, now time.Time, limit int) []PracticeItem {
	// Oldest first, by index: sorting the summaries themselves moved 10,000 structs of a few hundred
	// bytes each, a quarter of the Today list's time.
	order := make([]int32, len(history))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int { return history[i].FinishedAt.Compare(history[j].FinishedAt) })
	ps := practiceSchedules{prompts: map[string]*sm2{}, titles: map[string]string{}, rounds: map[string]RoundType{},
		crits: map[criterionKey]*sm2{}, comps: map[string]*sm2{}, acc: newCompetencyAcc(model)}
	for _, k := range order {
		ps.review(&history[k])
	}
	out := ps.due(model, now)
	sort.Slice(out, func(i, j int) bool {
		if out[i].LastScore != out[j].LastScore {
			return out[i].LastScore < out[j].LastScore
		}
		if !out[i].Due.Equal(out[j].Due) {
			return out[i].Due.Before(out[j].Due)
		}
		return out[i].Title < out[j].Title
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// criterionKey is a criterion without a competency: scheduled by round type and name.
type criterionKey struct {
	round RoundType
	name  string
}

// competencyScore is one attempt's scores in one competency, added up.
type competencyScore struct {
	id  string
	sum float64
	n   int
}

// practiceSchedules are DueForPractice's SM-2 schedules, fed one attempt at a time, oldest first.
type practiceSchedules struct {
	prompts map[string]*sm2
	titles  map[string]string
	rounds  map[string]RoundType
	crits   map[criterionKey]*sm2
	comps   map[string]*sm2
	acc     *competencyAcc
	per     []competencyScore // the attempt's scores by competency, reused
}

// scheduleOf is k's schedule in m, a new one the first time.
func scheduleOf[K comparable](m map[K]*sm2, k K) *sm2 {
	s := m[k]
	if s == nil {
		s = &sm2{}
		m[k] = s
	}
	return s
}

// review counts one attempt: a review of its prompt at its average, of each criterion without a
// competency at its score, and of each competency it scored at the mean of its scores there.
func (ps *practiceSchedules) review(a *AttemptSummary) {
	if len(a.Scores) == 0 {
		return
	}
	scheduleOf(ps.prompts, a.PromptID).review(a.Average, a.FinishedAt)
	ps.titles[a.PromptID], ps.rounds[a.PromptID] = a.PromptTitle, a.Round
	ps.per = ps.per[:0]
	for j, s := range a.Scores {
		id := ps.acc.groupOf(a.CompetencyOf(j)).id
		if id == Unmapped {
			scheduleOf(ps.crits, criterionKey{a.Round, s.Criterion}).review(float64(s.Value), a.FinishedAt)
			continue
		}
		ps.addToCompetency(id, float64(s.Value))
	}
	for _, p := range ps.per {
		scheduleOf(ps.comps, p.id).review(p.sum/float64(p.n), a.FinishedAt)
	}
}

// addToCompetency adds a score to the attempt's sum for competency id.
func (ps *practiceSchedules) addToCompetency(id string, v float64) {
	for i := range ps.per {
		if ps.per[i].id == id {
			ps.per[i].sum += v
			ps.per[i].n++
			return
		}
	}
	ps.per = append(ps.per, competencyScore{id: id, sum: v, n: 1})
}

// due lists the prompts, criteria and competencies whose schedule is due at now, unsorted.
func (ps *practiceSchedules) due(model Competencies, now time.Time) []PracticeItem {
	var out []PracticeItem
	for id, s := range ps.prompts {
		if s.due().After(now) {
			continue
		}
		out = append(out, PracticeItem{Kind: PracticePrompt, Round: ps.rounds[id], PromptID: id, Title: ps.titles[id],
			Due: s.due(), Interval: days(s.interval), Easiness: s.ef, LastScore: s.scores[len(s.scores)-1],
			Reason: fmt.Sprintf("you scored %.1f on it %s; SM-2 brings it back after %s",
				s.scores[len(s.scores)-1], ago(now.Sub(s.last)), dayCount(s.interval))})
	}
	for k, s := range ps.crits {
		if s.due().After(now) {
			continue
		}
		avg, n := s.recentAverage(3)
		out = append(out, PracticeItem{Kind: PracticeCriterion, Round: k.round, Title: k.name,
			Due: s.due(), Interval: days(s.interval), Easiness: s.ef, LastScore: s.scores[len(s.scores)-1],
			Reason: criterionReason(k.name, avg, n, k.round)})
	}
	for id, s := range ps.comps {
		if s.due().After(now) {
			continue
		}
		avg, n := s.recentAverage(3)
		name := model.Label(id)
		out = append(out, PracticeItem{Kind: PracticeCompetency, Competency: id, Title: name,
			Due: s.due(), Interval: days(s.interval), Easiness: s.ef, LastScore: s.scores[len(s.scores)-1],
			Reason: competencyReason(avg, n)})
	}
	return out
}

// criterionReason says why a criterion is due: "averaged 1.5 over your last 3 systems design
// rounds", or "scored 1.0 in your last systems design round" (not "over your last 1 … round").
func criterionReason(name string, avg float64, n int, round RoundType) string {
	if n == 1 {
		return fmt.Sprintf("criterion %s scored %.1f in your last %s round", name, avg, strings.ToLower(round.Label()))
	}
	return fmt.Sprintf("criterion %s averaged %.1f over your last %d %s rounds", name, avg, n, strings.ToLower(round.Label()))
}

// competencyReason says why a competency is due: "averaged 1.7 over your last 3 rounds that
// scored it".
func competencyReason(avg float64, n int) string {
	if n == 1 {
		return fmt.Sprintf("scored %.1f in your last round that scored it", avg)
	}
	return fmt.Sprintf("averaged %.1f over your last %d rounds that scored it", avg, n)
}

func days(d float64) time.Duration { return time.Duration(d * 24 * float64(time.Hour)) }

func dayCount(d float64) string {
	if d == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%.0f days", d)
}

func ago(d time.Duration) string {
	switch n := int(d.Hours() / 24); {
	case n <= 0:
		return "today"
	case n == 1:
		return "yesterday"
	default:
		return fmt.Sprintf("%d days ago", n)
	}
}
