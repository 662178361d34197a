package prep

import (
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Stats is what the progress screen shows, computed from attempt summaries alone so that it stays
// fast with thousands of attempts.
type Stats struct {
	Attempts int
	Weekly   []WeeklyScore // per round type and week, oldest week first
	// Competencies is the average per competency, weakest first, each with its criteria beneath;
	// scores whose criterion has no known competency are one last group, Unmapped.
	Competencies []CompetencyStat
	Criteria     []CriterionStat // every criterion on its own, weakest first
	Phases       []PhaseStat     // per round type and phase name, in phase order
	Coverage     []RoundCoverage // per round type, in RoundTypes order
	Streak       Streak
}

// WeeklyScore is the average self-score of one round type in one week (weeks start on Monday).
type WeeklyScore struct {
	Round    RoundType
	Week     time.Time // Monday 00:00 in the stats' location
	Average  float64
	Attempts int
}

// CriterionStat is the average self-score on one rubric criterion across all attempts.
type CriterionStat struct {
	Criterion string
	Average   float64
	Count     int
}

// CompetencyStat is the average self-score in one competency across all attempts, with the
// criteria that make it up.
type CompetencyStat struct {
	ID       string // the competency's ID, or Unmapped
	Name     string
	Average  float64
	Count    int             // scores
	Attempts int             // attempts with at least one score in it
	Criteria []CriterionStat // weakest first
}

// PhaseStat is the average time used in a phase against its average budget.
type PhaseStat struct {
	Round      RoundType
	Phase      string
	AvgUsed    time.Duration
	AvgBudget  time.Duration
	Count      int
	firstIndex int
}

// RoundCoverage is how much of the bank a round type's attempts have touched.
type RoundCoverage struct {
	Round     RoundType
	Attempted int // distinct prompts attempted
	Total     int // prompts of this round type in the library
}

// Streak counts consecutive days with at least one attempt.
type Streak struct {
	Current int // ending today or yesterday; 0 when the last practice was earlier
	Longest int
	Days    int // distinct days practised
}

// ComputeStats works out the progress statistics for history at now, in loc.
func ComputeStats(history []AttemptSummary, lib Library, now time.Time, loc *time.Location) Stats {
	st := Stats{Attempts: len(history)}
	type wk struct {
		round RoundType
		week  time.Time
	}
	weekSum, weekN := map[wk]float64{}, map[wk]int{}
	critSum, critN := map[string]float64{}, map[string]int{}
	type ph struct {
		round RoundType
		name  string
	}
	phases := map[ph]*PhaseStat{}
	attempted := map[RoundType]map[string]bool{}
	days := map[time.Time]bool{}
	comp := newCompetencyAcc(lib.Competencies)

	for i := range history {
		a := &history[i]
		local := a.FinishedAt.In(loc)
		day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
		days[day] = true
		if len(a.Scores) > 0 {
			k := wk{a.Round, weekStart(day)}
			weekSum[k] += a.Average
			weekN[k]++
		}
		for j, s := range a.Scores {
			critSum[s.Criterion] += float64(s.Value)
			critN[s.Criterion]++
			comp.add(i, a.CompetencyOf(j), s)
		}
		for j, pt := range a.PhaseTimes {
			k := ph{a.Round, pt.Name}
			p := phases[k]
			if p == nil {
				p = &PhaseStat{Round: a.Round, Phase: pt.Name, firstIndex: j}
				phases[k] = p
			}
			p.AvgUsed += pt.Used
			p.AvgBudget += pt.Budget
			p.Count++
		}
		if attempted[a.Round] == nil {
			attempted[a.Round] = map[string]bool{}
		}
		attempted[a.Round][a.PromptID] = true
	}

	for k, sum := range weekSum {
		st.Weekly = append(st.Weekly, WeeklyScore{Round: k.round, Week: k.week, Average: sum / float64(weekN[k]), Attempts: weekN[k]})
	}
	sort.Slice(st.Weekly, func(i, j int) bool {
		if !st.Weekly[i].Week.Equal(st.Weekly[j].Week) {
			return st.Weekly[i].Week.Before(st.Weekly[j].Week)
		}
		return roundOrder(st.Weekly[i].Round) < roundOrder(st.Weekly[j].Round)
	})
	for c, sum := range critSum {
		st.Criteria = append(st.Criteria, CriterionStat{Criterion: c, Average: sum / float64(critN[c]), Count: critN[c]})
	}
	sort.Slice(st.Criteria, func(i, j int) bool {
		if st.Criteria[i].Average != st.Criteria[j].Average {
			return st.Criteria[i].Average < st.Criteria[j].Average
		}
		return st.Criteria[i].Criterion < st.Criteria[j].Criterion
	})
	st.Competencies = comp.stats()
	for _, p := range phases {
		p.AvgUsed /= time.Duration(p.Count)
		p.AvgBudget /= time.Duration(p.Count)
		st.Phases = append(st.Phases, *p)
	}
	sort.Slice(st.Phases, func(i, j int) bool {
		a, b := st.Phases[i], st.Phases[j]
		if a.Round != b.Round {
			return roundOrder(a.Round) < roundOrder(b.Round)
		}
		if a.firstIndex != b.firstIndex {
			return a.firstIndex < b.firstIndex
		}
		return a.Phase < b.Phase
	})
	totals := map[RoundType]int{}
	for _, s := range lib.Sets() {
		for _, p := range s.Prompts {
			totals[p.Round]++
		}
	}
	for _, r := range RoundTypes {
		if totals[r] == 0 && len(attempted[r]) == 0 {
			continue
		}
		st.Coverage = append(st.Coverage, RoundCoverage{Round: r, Attempted: len(attempted[r]), Total: totals[r]})
	}
	st.Streak = computeStreak(days, now.In(loc), loc)
	return st
}

func roundOrder(r RoundType) int {
	for i, k := range RoundTypes {
		if k == r {
			return i
		}
	}
	return len(RoundTypes)
}

// weekStart is the Monday of day's week.
func weekStart(day time.Time) time.Time {
	offset := (int(day.Weekday()) + 6) % 7 // Monday = 0
	return day.AddDate(0, 0, -offset)
}

func computeStreak(days map[time.Time]bool, now time.Time, loc *time.Location) Streak {
	s := Streak{Days: len(days)}
	if len(days) == 0 {
		return s
	}
	sorted := make([]time.Time, 0, len(days))
	for d := range days {
		sorted = append(sorted, d)
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Before(sorted[j]) })
	run := 1
	s.Longest = 1
	for i := 1; i < len(sorted); i++ {
		if sorted[i-1].AddDate(0, 0, 1).Equal(sorted[i]) {
			run++
		} else {
			run = 1
		}
		s.Longest = max(s.Longest, run)
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	last := sorted[len(sorted)-1]
	if last.Equal(today) || last.Equal(today.AddDate(0, 0, -1)) {
		s.Current = run
	}
	return s
}

// SearchHit is one attempt whose answer, reflection or follow-up replies match a query.
type SearchHit struct {
	ID          uuid.UUID
	PromptTitle string
	FinishedAt  time.Time
	Field       string // "answer", "reflection" or "follow-up reply"; "story" for a story
	Story       bool   // the hit is a story of the bank (ID is the story's; FinishedAt when it was last edited)
	Passage     string // the text around the first match
	MatchStart  int    // byte offsets of the match within Passage
	MatchEnd    int
}

// SearchDoc is the searchable text of one attempt.
type SearchDoc struct {
	ID          uuid.UUID
	PromptTitle string
	FinishedAt  time.Time
	Fields      [3]string // answer, reflection, follow-up replies (a story: its text, then nothing)
	Story       bool      // a story of the bank rather than an attempt (Story.SearchDoc)
	lower       [3]string
}

var searchFields = [3]string{"answer", "reflection", "follow-up reply"}

// SearchIndex holds every attempt's text, lower-cased once, for substring search.
type SearchIndex struct{ docs []SearchDoc }

// NewSearchIndex indexes docs, newest first as given.
func NewSearchIndex(docs []SearchDoc) *SearchIndex {
	for i := range docs {
		for f := range docs[i].Fields {
			docs[i].lower[f] = strings.ToLower(docs[i].Fields[f])
		}
	}
	return &SearchIndex{docs: docs}
}

// Len is the number of attempts indexed.
func (ix *SearchIndex) Len() int { return len(ix.docs) }

// passageRadius is how much text is shown on each side of a match.
const passageRadius = 90

// Search returns up to limit attempts containing query (case-insensitive), in index order, each with
// the passage around its first match.
func (ix *SearchIndex) Search(query string, limit int) []SearchHit {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	var hits []SearchHit
	for i := range ix.docs {
		d := &ix.docs[i]
		for f := range d.lower {
			at := strings.Index(d.lower[f], q)
			if at < 0 {
				continue
			}
			hits = append(hits, makeHit(d, f, at, len(q)))
			break
		}
		if len(hits) == limit {
			break
		}
	}
	return hits
}

func makeHit(d *SearchDoc, field, at, n int) SearchHit {
	text := d.Fields[field]
	if len(d.lower[field]) != len(text) {
		text = d.lower[field] // lower-casing changed byte lengths: show the lower-cased text so offsets hold
	}
	start, end := max(at-passageRadius, 0), min(at+n+passageRadius, len(text))
	for start > 0 && !isBoundary(text, start) {
		start--
	}
	for end < len(text) && !isBoundary(text, end) {
		end++
	}
	p := text[start:end]
	prefix := ""
	if start > 0 {
		prefix = "…"
	}
	suffix := ""
	if end < len(text) {
		suffix = "…"
	}
	passage := strings.ReplaceAll(prefix+p+suffix, "\n", " ")
	label := searchFields[field]
	if d.Story {
		label = "story"
	}
	return SearchHit{ID: d.ID, PromptTitle: d.PromptTitle, FinishedAt: d.FinishedAt, Field: label, Story: d.Story,
		Passage: passage, MatchStart: len(prefix) + at - start, MatchEnd: len(prefix) + at - start + n}
}

// isBoundary reports whether i starts a UTF-8 character in s.
func isBoundary(s string, i int) bool { return i >= len(s) || s[i]&0xC0 != 0x80 }
