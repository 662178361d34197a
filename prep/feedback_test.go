package prep

import (
	"reflect"
	"testing"

	"github.com/google/uuid"
)

func TestOrderScoresFollowsTheRubric(t *testing.T) {
	rubric := []Criterion{{Name: "Diagnosis"}, {Name: "Plan"}, {Name: "Risks"}}
	got := OrderScores(rubric, map[string]int{"Risks": 2, "Zeta": 1, "Diagnosis": 4, "Alpha": 3})
	want := []Score{{Criterion: "Diagnosis", Value: 4}, {Criterion: "Risks", Value: 2}, {Criterion: "Alpha", Value: 3}, {Criterion: "Zeta", Value: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("OrderScores = %v, want %v (rubric order, then unknown names sorted)", got, want)
	}
}

func TestAddReviewKeepsOneEntryPerAttempt(t *testing.T) {
	a1, a2 := Attempt{ID: uuid.New()}, Attempt{ID: uuid.New()}
	var b Bundle
	b.AddReview(a1, Review{ID: uuid.New(), AttemptID: a1.ID})
	b.AddReview(a2, Review{ID: uuid.New(), AttemptID: a2.ID})
	b.AddReview(a1, Review{ID: uuid.New(), AttemptID: a1.ID})
	if len(b.Attempts) != 2 || len(b.Attempts[0].Reviews) != 2 || len(b.Attempts[1].Reviews) != 1 {
		t.Fatalf("attempts %d, reviews %d and %d; want 2 attempts, the first with both of its reviews",
			len(b.Attempts), len(b.Attempts[0].Reviews), len(b.Attempts[1].Reviews))
	}
}
