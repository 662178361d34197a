package prep

// The story bank's view the week before a loop: which competencies each story covers (the
// coverage matrix), which story to tell for a question (suggestions), and which stories are due
// to be rehearsed again (spaced review). All pure functions of the stories and their tellings.

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"
)

// DefaultMaxPerLoop is how many competencies one story may be planned for in a loop before it is
// said to carry too much. A question targets one or two competencies, so a story can answer two
// in one telling; a third means telling the same story twice to the same panel.
const DefaultMaxPerLoop = 2

// CoverageCell is one cell of the matrix: whether a story shows a competency, and whether it is
// the story planned for it.
type CoverageCell uint8

// The cells of the coverage matrix.
const (
	CellNone    CoverageCell = iota // the story does not show the competency
	CellShows                       // it does, and another story is planned for it
	CellPlanned                     // it does, and it is the story planned for the competency
)

// CoverageRow is one competency of the matrix.
type CoverageRow struct {
	ID, Label string
	Stories   int // stories that show it
	Planned   int // the column of the story planned for it; -1 for none
}

// Gap reports whether no story shows the competency.
func (r CoverageRow) Gap() bool { return r.Stories == 0 }

// CoverageColumn is one story of the matrix, with its flags.
type CoverageColumn struct {
	ID    uuid.UUID
	Title string
	When  string // "March 2023", "" when not given
	Shows int    // competencies of the model it shows
	// Planned is how many competencies the plan gives it. TooMuch: more than the loop allows.
	Planned    int
	TooMuch    bool
	Unmeasured bool // no figure behind its result
	Old        bool // more than StoryMaxAgeYears ago
	Undated    bool
}

// Flags lists the column's flags as short words, for a legend or a tooltip.
func (c *CoverageColumn) Flags() []string {
	var out []string
	if c.TooMuch {
		out = append(out, "carries too much")
	}
	if c.Unmeasured {
		out = append(out, "no measured result")
	}
	if c.Old {
		out = append(out, "over 5 years old")
	}
	if c.Undated {
		out = append(out, "no date")
	}
	return out
}

// Coverage is the matrix of competencies (rows, in the model's order) against stories (columns,
// in the order given).
type Coverage struct {
	Rows    []CoverageRow
	Columns []CoverageColumn
	Cells   [][]CoverageCell // Cells[row][column]
	// MaxPerLoop is the limit TooMuch was judged by.
	MaxPerLoop int
}

// Gaps is how many competencies no story shows.
func (c *Coverage) Gaps() int {
	n := 0
	for i := range c.Rows {
		if c.Rows[i].Gap() {
			n++
		}
	}
	return n
}

// CoverageOptions tune StoryCoverage.
type CoverageOptions struct {
	Now        time.Time // what Old is judged against
	MaxPerLoop int       // 0: DefaultMaxPerLoop
}

// StoryCoverage builds the coverage matrix. Besides which story shows which competency, it plans
// one story per competency, as a candidate would for a loop that probes every one: competencies
// with the fewest stories are planned first, each given the story with the least planned so far
// (then the more focused story, the measured one, the recent one, the earlier column). A story the
// plan cannot spare, because it alone covers several competencies, then shows as carrying too
// much. Competency IDs the model does not have count in no row (Story.Advice names them).
func StoryCoverage(model Competencies, stories []Story, opt CoverageOptions) Coverage {
	limit := opt.MaxPerLoop
	if limit <= 0 {
		limit = DefaultMaxPerLoop
	}
	cov := Coverage{Rows: make([]CoverageRow, len(model)), Columns: make([]CoverageColumn, len(stories)),
		Cells: make([][]CoverageCell, len(model)), MaxPerLoop: limit}
	row := make(map[string]int, len(model))
	for i, c := range model {
		row[c.ID] = i
		cov.Rows[i] = CoverageRow{ID: c.ID, Label: c.Name, Planned: -1}
		cov.Cells[i] = make([]CoverageCell, len(stories))
	}
	for j := range stories {
		s := &stories[j]
		col := &cov.Columns[j]
		*col = CoverageColumn{ID: s.ID, Title: s.DisplayTitle(), When: s.When(),
			Unmeasured: !s.Measured(), Old: s.Old(opt.Now), Undated: s.Year == 0}
		for _, id := range s.Competencies {
			if i, ok := row[id]; ok && cov.Cells[i][j] == CellNone {
				cov.Cells[i][j] = CellShows
				cov.Rows[i].Stories++
				col.Shows++
			}
		}
	}
	order := make([]int, len(model))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return cov.Rows[order[a]].Stories < cov.Rows[order[b]].Stories })
	for _, i := range order {
		best := -1
		for j, cell := range cov.Cells[i] {
			if cell != CellNone && (best < 0 || planBefore(&cov.Columns[j], &cov.Columns[best])) {
				best = j
			}
		}
		if best >= 0 {
			cov.Cells[i][best] = CellPlanned
			cov.Rows[i].Planned = best
			cov.Columns[best].Planned++
		}
	}
	for j := range cov.Columns {
		cov.Columns[j].TooMuch = cov.Columns[j].Planned > limit
	}
	return cov
}

// planBefore reports whether story a should take the next competency before story b (which comes
// earlier in the columns, so ties keep b).
func planBefore(a, b *CoverageColumn) bool {
	if a.Planned != b.Planned {
		return a.Planned < b.Planned
	}
	if a.Shows != b.Shows {
		return a.Shows < b.Shows
	}
	if a.Unmeasured != b.Unmeasured {
		return !a.Unmeasured
	}
	return !a.Old && b.Old
}

// StoryTelling is one time a story was told: in an attempt at a behavioural question, with that
// attempt's mean self-score (0 when unscored).
type StoryTelling struct {
	StoryID uuid.UUID
	At      time.Time
	Score   float64
}

// StoryRehearsal is what the bank shows beside a story: how often and when it was last told, how
// it scored, and when it is due to be told again.
type StoryRehearsal struct {
	Told     int
	LastTold time.Time
	Average  float64 // mean of the scored tellings; 0 when none was scored
	Due      time.Time
}

// StoryRehearsals schedules each story from its tellings (in any order) with the same SM-2 rule
// as prompts and criteria (sm2.go): a telling that scored well pushes the next rehearsal out, a
// weak or unscored one brings it back within a day.
func StoryRehearsals(tellings []StoryTelling) map[uuid.UUID]StoryRehearsal {
	sorted := slices.Clone(tellings)
	slices.SortStableFunc(sorted, func(a, b StoryTelling) int { return a.At.Compare(b.At) })
	sched := map[uuid.UUID]*sm2{}
	out := map[uuid.UUID]StoryRehearsal{}
	for _, t := range sorted {
		s := sched[t.StoryID]
		if s == nil {
			s = &sm2{}
			sched[t.StoryID] = s
		}
		s.review(t.Score, t.At)
		r := out[t.StoryID]
		r.Told++
		r.LastTold = t.At
		r.Due = s.due()
		if t.Score > 0 {
			scored := 0
			sum := 0.0
			for _, v := range s.scores {
				if v > 0 {
					scored++
					sum += v
				}
			}
			r.Average = sum / float64(scored)
		}
		out[t.StoryID] = r
	}
	return out
}

// StorySuggestion is a story offered for a question, with the question's competencies it shows.
type StorySuggestion struct {
	Story     Story
	Matches   []string // the question's competency IDs the story shows, in the question's order
	Rehearsal StoryRehearsal
}

// SuggestStories offers the stories that show any of a question's competencies: those showing
// more of them first, then the least rehearsed (told fewest times, then told longest ago, never
// told first), then by title. Rehearsing the neglected stories is the point of the order: the
// favourite story needs no more practice.
func SuggestStories(stories []Story, rehearsals map[uuid.UUID]StoryRehearsal, competencies []string) []StorySuggestion {
	var out []StorySuggestion
	for _, s := range stories {
		var matches []string
		for _, c := range competencies {
			if s.Shows(c) && !slices.Contains(matches, c) {
				matches = append(matches, c)
			}
		}
		if len(matches) > 0 {
			out = append(out, StorySuggestion{Story: s, Matches: matches, Rehearsal: rehearsals[s.ID]})
		}
	}
	slices.SortStableFunc(out, func(a, b StorySuggestion) int {
		return cmp.Or(
			cmp.Compare(len(b.Matches), len(a.Matches)),
			cmp.Compare(a.Rehearsal.Told, b.Rehearsal.Told),
			a.Rehearsal.LastTold.Compare(b.Rehearsal.LastTold),
			strings.Compare(a.Story.DisplayTitle(), b.Story.DisplayTitle()),
		)
	})
	return out
}

// DueStory is a story due for rehearsal.
type DueStory struct {
	Story     Story
	Rehearsal StoryRehearsal
	Due       time.Time // when it fell due; a story never told is due since it was ready
	Reason    string
}

// StoriesDue lists the stories due for rehearsal at now, most overdue first: a story never told
// once it has a title and a competency (it cannot be suggested before), and a told one whose SM-2
// interval has passed. A story still being written is not due.
func StoriesDue(stories []Story, rehearsals map[uuid.UUID]StoryRehearsal, now time.Time) []DueStory {
	var out []DueStory
	for _, s := range stories {
		if strings.TrimSpace(s.Title) == "" || len(s.Competencies) == 0 {
			continue
		}
		r, told := rehearsals[s.ID]
		switch {
		case !told:
			out = append(out, DueStory{Story: s, Due: s.UpdatedAt, Reason: "never told aloud"})
		case !r.Due.After(now):
			reason := "last told " + r.LastTold.Format("2 Jan")
			if r.Average > 0 && r.Average < 2.5 {
				reason += ", scored low"
			}
			out = append(out, DueStory{Story: s, Rehearsal: r, Due: r.Due, Reason: reason})
		}
	}
	slices.SortStableFunc(out, func(a, b DueStory) int { return a.Due.Compare(b.Due) })
	return out
}

// StoryTellings are the tellings recorded in attempts (in any order): each attempt that names the
// story it told, with its mean self-score.
func StoryTellings(attempts []Attempt) []StoryTelling {
	var out []StoryTelling
	for i := range attempts {
		a := &attempts[i]
		if a.StoryID != uuid.Nil {
			out = append(out, StoryTelling{StoryID: a.StoryID, At: a.FinishedAt, Score: AverageScore(a.Scores)})
		}
	}
	return out
}

// QuestionCompetencies are the competencies a question targets: those its rubric's criteria name,
// each once, in rubric order.
func QuestionCompetencies(p *Prompt) []string {
	var out []string
	for _, c := range p.Rubric {
		if c.Competency != "" && !slices.Contains(out, c.Competency) {
			out = append(out, c.Competency)
		}
	}
	return out
}
