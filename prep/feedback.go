package prep

import "sort"

// A mentor's review reaches the candidate in a feedback bundle, whichever way it was written: in
// review mode (a review store exports it) or with `panelprep review` (added to a file). Both build
// the bundle with these two functions, so the feedback file is the same either way.

// OrderScores returns the scores given by criterion name in the rubric's order, whatever order
// they were given in; names the rubric lacks follow, sorted, so NewReview can name each one.
func OrderScores(rubric []Criterion, given map[string]int) []Score {
	left := make(map[string]int, len(given))
	for k, v := range given {
		left[k] = v
	}
	var out []Score
	for _, c := range rubric {
		if v, ok := left[c.Name]; ok {
			out = append(out, Score{Criterion: c.Name, Value: v})
			delete(left, c.Name)
		}
	}
	extra := make([]string, 0, len(left))
	for name := range left {
		extra = append(extra, name)
	}
	sort.Strings(extra)
	for _, name := range extra {
		out = append(out, Score{Criterion: name, Value: left[name]})
	}
	return out
}

// AddReview adds r, a review of a, to a feedback bundle: beside the attempt's earlier reviews when
// the bundle already carries it, else with the attempt, so the candidate can match it.
func (b *Bundle) AddReview(a Attempt, r Review) {
	for i := range b.Attempts {
		if b.Attempts[i].ID == a.ID {
			b.Attempts[i].Reviews = append(b.Attempts[i].Reviews, r)
			return
		}
	}
	b.Attempts = append(b.Attempts, BundleAttempt{Attempt: a, Reviews: []Review{r}})
}
