package prep

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestPassagesSplitsSentencesParagraphsAndItems(t *testing.T) {
	answer := "## Approach\n\nWe shard by tenant. Each shard\nholds 50k tenants!\n\n" +
		"- Hire two EMs.\n- Move the platform team\n  under infra.\n\n| a | b |\n|---|---|\n\n> Quoted line.\n> Second line.\n\nWe shard by tenant."
	got := Passages(answer)
	want := []string{"We shard by tenant.", "Each shard holds 50k tenants!", "Hire two EMs.",
		"Move the platform team under infra.", "Quoted line.", "Second line."}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Passages =\n%q\nwant\n%q", got, want)
	}
	// Every passage passes the check it is offered for.
	for _, p := range got {
		if err := CheckEvidence(answer, []Score{{Criterion: "c", Value: 3, Evidence: p}}); err != nil {
			t.Errorf("passage %q refused: %v", p, err)
		}
	}
	if Passages("  \n\n") != nil {
		t.Error("a blank answer has passages")
	}
}

func TestPassagesCutsAnOverlongSentenceSoItStillMatches(t *testing.T) {
	answer := strings.Repeat("word ", 400) + "end."
	got := Passages(answer)
	if len(got) != 1 || len([]rune(got[0])) > MaxEvidenceLen {
		t.Fatalf("Passages gave %d passages, the first %d runes", len(got), len([]rune(got[0])))
	}
	if err := CheckEvidence(answer, []Score{{Criterion: "c", Value: 2, Evidence: got[0]}}); err != nil {
		t.Fatal(err)
	}
}

func TestCheckEvidence(t *testing.T) {
	answer := "We shard by tenant.\nEach shard holds\n50k tenants."
	ok := []Score{{Criterion: "Scale", Value: 3, Evidence: "Each shard   holds 50k tenants."}, {Criterion: "Cost", Value: 2}}
	if err := CheckEvidence(answer, ok); err != nil {
		t.Fatalf("a passage from the answer (wrapped differently) was refused: %v", err)
	}
	bad := []Score{{Criterion: "Scale", Value: 3, Evidence: "We shard by tenant."}, {Criterion: "Cost", Value: 2, Evidence: "We saved $2M."}}
	err := CheckEvidence(answer, bad)
	if !errors.Is(err, ErrEvidence) || !strings.Contains(err.Error(), `"Cost"`) || !strings.Contains(err.Error(), "not in the answer") {
		t.Fatalf("CheckEvidence = %v, want the Cost citation named as not in the answer", err)
	}
	long := []Score{{Criterion: "Scale", Value: 3, Evidence: strings.Repeat("x", MaxEvidenceLen+1)}}
	if err := CheckEvidence(strings.Repeat("x", MaxEvidenceLen+5), long); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Fatalf("an overlong passage: %v", err)
	}
}

func TestNewAttemptRefusesEvidenceNotInTheAnswer(t *testing.T) {
	d := Draft{Prompt: Prompt{Rubric: []Criterion{{Name: "Scale"}}}, Answer: "We shard by tenant."}
	d.Scores = []Score{{Criterion: "Scale", Value: 3, Evidence: "We shard by tenant."}}
	a, err := NewAttempt(d, nil, d.StartedAt)
	if err != nil || a.Scores[0].Evidence != "We shard by tenant." {
		t.Fatalf("NewAttempt = %+v, %v", a.Scores, err)
	}
	d.Scores[0].Evidence = "We never sharded."
	if _, err := NewAttempt(d, nil, d.StartedAt); !errors.Is(err, ErrEvidence) {
		t.Fatalf("NewAttempt with a passage not in the answer: %v", err)
	}
}
