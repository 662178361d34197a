package data

import (
	"reflect"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// The store's statistics by competency, added up from the summary records in place, are those
// computed from the decoded summaries: every competency of the model, Unmapped for a criterion
// with none, for an ID the model does not have and for a summary in format 1 (written before
// competencies), the criteria beneath each, and the number of attempts in each.
func TestCompetencyTalliesMatchTheStatistics(t *testing.T) {
	withStore(t, func(s *Store) {
		day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		mapped := func(finished time.Time, comps ...string) prep.Attempt {
			a := legacyAttempt("p", finished)
			a.Prompt.Rubric = append([]prep.Criterion(nil), a.Prompt.Rubric...)
			for i := range comps {
				a.Prompt.Rubric[i].Competency = comps[i]
			}
			return a
		}
		attempts := []prep.Attempt{
			mapped(day, "delivery", "operational-excellence"),
			mapped(day.Add(time.Hour), "delivery", "delivery"), // one attempt, two scores in one group
			mapped(day.Add(2*time.Hour), "delivery"),           // the second criterion unmapped
			mapped(day.Add(3*time.Hour), "from-a-newer-model"), // unknown: Unmapped
			legacyAttempt("old", day.Add(4*time.Hour)),
		}
		attempts[1].Scores = []prep.Score{{Criterion: "Ownership", Value: 1}, {Criterion: "Delivery plan", Value: 4}}
		for _, a := range attempts {
			if err := s.SaveAttempt(a); err != nil {
				t.Fatal(err)
			}
		}
		// A summary still in format 1, as a store mid-upgrade holds it.
		old := legacyAttempt("format-1", day.Add(5*time.Hour))
		if err := s.SaveAttempt(old); err != nil {
			t.Fatal(err)
		}
		if err := s.db.Update(func(txn *badger.Txn) error {
			return txn.Set(summaryKey(attemptKey(&old)), encodeSummaryV1(old.Summary()))
		}); err != nil {
			t.Fatal(err)
		}
		history, err := s.Attempts()
		if err != nil {
			t.Fatal(err)
		}
		want := prep.ComputeStats(history, prep.Library{Competencies: testCompetencies}, day.Add(24*time.Hour), time.UTC).Competencies
		tallies, err := s.CompetencyTallies(testCompetencies)
		if err != nil {
			t.Fatal(err)
		}
		got := prep.CompetencyStatsOf(tallies, testCompetencies)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("from the records in place:\n%+v\nfrom the decoded summaries:\n%+v", got, want)
		}
		if len(got) != 3 || got[2].ID != prep.Unmapped || got[2].Attempts != 4 {
			t.Errorf("want delivery, operational excellence and Unmapped over 4 attempts: %+v", got)
		}
	})
}
