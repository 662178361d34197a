package prep

import (
	"fmt"
	"strconv"
	"strings"
)

// The progress charts each carry a plain-text summary: read by screen readers, and printed in
// reports where a chart cannot be.

// WeeklySummary describes the weekly average self-score per round type.
func (st Stats) WeeklySummary() string {
	if len(st.Weekly) == 0 {
		return "No scored attempts yet: weekly averages appear after your first scored round."
	}
	var lines []string
	for _, r := range RoundTypes {
		var first, last *WeeklyScore
		weeks := 0
		for i := range st.Weekly {
			if st.Weekly[i].Round != r {
				continue
			}
			if first == nil {
				first = &st.Weekly[i]
			}
			last = &st.Weekly[i]
			weeks++
		}
		if first == nil {
			continue
		}
		if weeks == 1 {
			lines = append(lines, fmt.Sprintf("%s: %.1f in the week of %s.", r.Label(), last.Average, last.Week.Format("2 Jan 2006")))
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: %.1f in the week of %s, %.1f in the week of %s (%s over %d weeks with practice).",
			r.Label(), first.Average, first.Week.Format("2 Jan 2006"), last.Average, last.Week.Format("2 Jan 2006"),
			trend(last.Average-first.Average), weeks))
	}
	return strings.Join(lines, "\n")
}

func trend(d float64) string {
	switch {
	case d >= 0.05:
		return fmt.Sprintf("up %.1f", d)
	case d <= -0.05:
		return fmt.Sprintf("down %.1f", -d)
	}
	return "level"
}

// CriteriaSummary names the weakest and strongest criteria.
func (st Stats) CriteriaSummary(n int) string {
	if len(st.Criteria) == 0 {
		return "No criteria scored yet."
	}
	var weak []string
	for i := 0; i < len(st.Criteria) && i < n; i++ {
		c := st.Criteria[i]
		weak = append(weak, fmt.Sprintf("%s %.1f (%s)", c.Criterion, c.Average, Count(c.Count, "score")))
	}
	best := st.Criteria[len(st.Criteria)-1]
	return fmt.Sprintf("Weakest: %s. Strongest: %s %.1f.", strings.Join(weak, "; "), best.Criterion, best.Average)
}

// CompetencySummary names the weakest and strongest competencies, and says how many scores could
// not be mapped to one.
func (st Stats) CompetencySummary(n int) string {
	var mapped []CompetencyStat
	var unmapped *CompetencyStat
	for i, c := range st.Competencies {
		if c.ID == Unmapped {
			unmapped = &st.Competencies[i]
			continue
		}
		mapped = append(mapped, c)
	}
	var parts []string
	switch len(mapped) {
	case 0:
	case 1:
		c := mapped[0]
		parts = append(parts, fmt.Sprintf("%s %.1f (%s).", c.Name, c.Average, Count(c.Count, "score")))
	default:
		var weak []string
		for i := 0; i < len(mapped)-1 && i < n; i++ { // the strongest is named on its own
			c := mapped[i]
			weak = append(weak, fmt.Sprintf("%s %.1f (%s)", c.Name, c.Average, Count(c.Count, "score")))
		}
		best := mapped[len(mapped)-1]
		parts = append(parts, fmt.Sprintf("Weakest: %s. Strongest: %s %.1f.", strings.Join(weak, "; "), best.Name, best.Average))
	}
	if unmapped != nil {
		parts = append(parts, fmt.Sprintf("Unmapped: %s from %s whose criteria name no competency (sets made before competencies).",
			Count(unmapped.Count, "score"), Count(unmapped.Attempts, "attempt")))
	}
	if len(parts) == 0 {
		return "No competencies scored yet."
	}
	return strings.Join(parts, " ")
}

// PhaseSummary lists the phases that run most over their budget, on average; phases within their
// budget are never listed as over it.
func (st Stats) PhaseSummary(n int) string {
	if len(st.Phases) == 0 {
		return "No timed phases yet."
	}
	type over struct {
		p     PhaseStat
		ratio float64
	}
	var overs []over
	for _, p := range st.Phases {
		if p.AvgBudget > 0 && p.AvgUsed > p.AvgBudget {
			overs = append(overs, over{p, float64(p.AvgUsed) / float64(p.AvgBudget)})
		}
	}
	if len(overs) == 0 {
		return "Every phase within its budget, on average."
	}
	for i := 1; i < len(overs); i++ { // insertion sort: a handful of phases, most over first
		for j := i; j > 0 && overs[j].ratio > overs[j-1].ratio; j-- {
			overs[j], overs[j-1] = overs[j-1], overs[j]
		}
	}
	var parts []string
	for i := 0; i < len(overs) && i < n; i++ {
		o := overs[i]
		parts = append(parts, fmt.Sprintf("%s in %s: %s used of %s (%.0f%%)", o.p.Phase, strings.ToLower(o.p.Round.Label()),
			fmtMin(o.p.AvgUsed.Minutes()), fmtMin(o.p.AvgBudget.Minutes()), 100*o.ratio))
	}
	head := "Phases furthest over budget, on average: "
	if len(overs) == 1 {
		head = "The one phase over budget, on average: "
	}
	return head + strings.Join(parts, "; ") + "."
}

func fmtMin(m float64) string { return fmt.Sprintf("%.1f min", m) }

// CoverageSummary says how much of the bank each round type has touched.
func (st Stats) CoverageSummary() string {
	var parts []string
	for _, c := range st.Coverage {
		parts = append(parts, fmt.Sprintf("%s %d of %d", c.Round.Label(), c.Attempted, c.Total))
	}
	if len(parts) == 0 {
		return "The library is empty."
	}
	return "Prompts attempted: " + strings.Join(parts, "; ") + "."
}

// StreakSummary describes the practice streak.
func (st Stats) StreakSummary() string {
	s := st.Streak
	if s.Days == 0 {
		return "No practice yet."
	}
	return fmt.Sprintf("Current streak: %s. Longest: %s. Days practised: %s.",
		Count(s.Current, "day"), Count(s.Longest, "day"), Number(s.Days))
}

// Count is n and the noun, in the plural unless n is 1: "1 prompt", "3 prompts", "0 teams". Every
// count shown to a person goes through it, so no screen says "1 prompts" or "team(s)". Nouns whose
// plural is not the noun and an "s" ("person") are given as "person|people".
func Count(n int, noun string) string {
	one, many, irregular := strings.Cut(noun, "|")
	if !irregular {
		many = one + "s"
	}
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return Number(n) + " " + many
}

// Number writes n with its thousands grouped, "10,000", as the rest of the app's English text does;
// "10000 attempts" on the Progress screen read as a code, not a count.
func Number(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

// Sentence ends s with a full stop unless it already ends in one, a question or an exclamation
// mark: a prompt titled "Do you create a platform team?" is not followed by ".".
func Sentence(s string) string {
	s = strings.TrimRight(s, " ")
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".?!…") || strings.HasSuffix(s, "…") {
		return s
	}
	return s + "."
}
