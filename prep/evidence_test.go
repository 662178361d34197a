package prep

import (
	"errors"
	"strings"
	"testing"
)

// citedAnswer is an answer in Markdown, as a candidate types it: a heading, wrapped paragraphs, a
// list, a table and a letter beyond ASCII.
const citedAnswer = "## Approach\n\nWe shard by tenant. Each shard\nholds 50k tenants!\n\n" +
	"- Hire two EMs.\n- Move the platform team\n  under infra.\n\n| team | EMs |\n|---|---|\n| Payments | 2 |\n\n" +
	"The café team keeps **on-call** as is."

func TestCitePassage(t *testing.T) {
	for _, tc := range []struct {
		name, selected, want string
		err                  error
		says                 string
	}{
		{name: "a whole sentence", selected: "We shard by tenant.", want: "We shard by tenant."},
		{name: "a few words mid-sentence", selected: "shard by", want: "shard by"},
		{name: "part of a word, widened to the word", selected: "enan", want: "tenant."},
		{name: "starting and ending inside words", selected: "hard by tenan", want: "shard by tenant."},
		{name: "whole words where they also stand inside a word", selected: "shard", want: "shard"},
		{name: "across a line wrap, collapsed to one line", selected: "Each shard\nholds 50k", want: "Each shard holds 50k"},
		{name: "across paragraphs", selected: "tenants!\n\n- Hire two", want: "tenants! - Hire two"},
		{name: "list items with their markers", selected: "- Hire two EMs.\n- Move the platform team\n  under", want: "- Hire two EMs. - Move the platform team under"},
		{name: "table cells and Markdown marks", selected: "| Payments | 2 |", want: "| Payments | 2 |"},
		{name: "emphasis marks kept as typed", selected: "keeps **on-call**", want: "keeps **on-call**"},
		{name: "beyond ASCII", selected: "café", want: "café"},
		{name: "trimmed", selected: " \n We shard\t", want: "We shard"},
		{name: "the whole answer", selected: citedAnswer, want: normaliseSpace(citedAnswer)},
		{name: "nothing", selected: "", err: ErrNothingSelected},
		{name: "only white space", selected: " \n\t ", err: ErrNothingSelected},
		{name: "not in the answer", selected: "We shard by region.", err: ErrEvidence, says: "not in the answer"},
		{name: "words of the answer in another order", selected: "tenant by shard", err: ErrEvidence, says: "not in the answer"},
		{name: "a control character", selected: "We shard\x1b[2J by tenant.", err: ErrEvidence, says: "control character U+001B"},
		{name: "a NUL", selected: "shard\x00", err: ErrEvidence, says: "control character U+0000"},
		{name: "a C1 control", selected: "shard\u0085", err: ErrEvidence, says: "control character U+0085"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CitePassage(citedAnswer, tc.selected)
			if tc.err == nil {
				if err != nil || got != tc.want {
					t.Fatalf("CitePassage(%q) = %q, %v; want %q", tc.selected, got, err, tc.want)
				}
				if err := CheckEvidence(citedAnswer, []Score{{Criterion: "c", Value: 3, Evidence: got}}); err != nil {
					t.Fatalf("the cited passage %q is refused by the check that guards saving: %v", got, err)
				}
				return
			}
			if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.says) || got != "" {
				t.Fatalf("CitePassage(%q) = %q, %v; want %v saying %q", tc.selected, got, err, tc.err, tc.says)
			}
		})
	}
}

func TestCitePassageLength(t *testing.T) {
	answer := strings.Repeat("word ", 400)
	exact := strings.Repeat("x", MaxEvidenceLen)
	if got, err := CitePassage(exact+" y", exact); err != nil || got != exact {
		t.Fatalf("a passage of exactly %d characters: %q, %v", MaxEvidenceLen, got[:10], err)
	}
	_, err := CitePassage(answer, strings.TrimSpace(answer))
	if !errors.Is(err, ErrEvidence) || !strings.Contains(err.Error(), "is 1999 characters; a passage may be at most 1000") {
		t.Fatalf("an overlong selection: %v", err)
	}
	// The length counts characters, not bytes: 1000 letters of two bytes each are one passage.
	wide := strings.Repeat("é", MaxEvidenceLen)
	if _, err := CitePassage(wide, wide); err != nil {
		t.Fatalf("1000 two-byte letters: %v", err)
	}
}

func TestCheckEvidence(t *testing.T) {
	answer := "We shard by tenant.\nEach shard holds\n50k tenants."
	for _, tc := range []struct {
		name   string
		scores []Score
		says   string // "" for none
	}{
		{"none cited", []Score{{Criterion: "Scale", Value: 3}, {Criterion: "Cost", Value: 2}}, ""},
		{"wrapped differently", []Score{{Criterion: "Scale", Value: 3, Evidence: "Each shard   holds 50k tenants."}}, ""},
		{"a line break kept", []Score{{Criterion: "Scale", Value: 3, Evidence: "holds\n50k"}}, ""},
		{"mid-sentence", []Score{{Criterion: "Scale", Value: 3, Evidence: "by tenant. Each"}}, ""},
		{"only white space is no citation", []Score{{Criterion: "Scale", Value: 3, Evidence: " \n "}}, ""},
		{"second not in the answer", []Score{{Criterion: "Scale", Value: 3, Evidence: "We shard by tenant."}, {Criterion: "Cost", Value: 2, Evidence: "We saved $2M."}},
			`"Cost" is not in the answer`},
		{"overlong", []Score{{Criterion: "Scale", Value: 3, Evidence: strings.Repeat("x", MaxEvidenceLen+1)}}, "at most 1000"},
		{"escape sequence", []Score{{Criterion: "Scale", Value: 3, Evidence: "tenant.\x1b[31m"}}, "control character U+001B"},
		{"a lone NEL is not white space to skip", []Score{{Criterion: "Scale", Value: 3, Evidence: "\u0085"}}, "control character U+0085"},
		{"DEL", []Score{{Criterion: "Scale", Value: 3, Evidence: "tenant\x7f"}}, "control character U+007F"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckEvidence(answer, tc.scores)
			switch {
			case tc.says == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.says != "" && (!errors.Is(err, ErrEvidence) || !strings.Contains(err.Error(), tc.says)):
				t.Fatalf("CheckEvidence = %v, want ErrEvidence saying %q", err, tc.says)
			}
		})
	}
}

func TestNewAttemptRefusesEvidenceNotInTheAnswer(t *testing.T) {
	d := Draft{Prompt: Prompt{Rubric: []Criterion{{Name: "Scale"}}}, Answer: "We shard by tenant."}
	d.Scores = []Score{{Criterion: "Scale", Value: 3, Evidence: "shard by"}}
	a, err := NewAttempt(d, nil, d.StartedAt)
	if err != nil || a.Scores[0].Evidence != "shard by" {
		t.Fatalf("NewAttempt = %+v, %v", a.Scores, err)
	}
	d.Scores[0].Evidence = "We never sharded."
	if _, err := NewAttempt(d, nil, d.StartedAt); !errors.Is(err, ErrEvidence) {
		t.Fatalf("NewAttempt with a passage not in the answer: %v", err)
	}
}

// TestCitedPassageIsWholeWords: a selection that starts or stops inside a word is widened to the
// word, and one that also stands in the answer as whole words is taken as those.
func TestCitedPassageIsWholeWords(t *testing.T) {
	const answer = "Attention to detail: ten weeks, then a retention plan."
	for selected, want := range map[string]string{
		"ten":              "ten",         // whole in "to ten weeks", though "Attention" holds it first
		"tten":             "Attention",   // only inside a word
		"eeks, the":        "weeks, then", // both ends inside words, the comma kept
		"detail: ten":      "detail: ten", // already whole words, with their punctuation
		"plan":             "plan.",       // the full stop comes with the word
		"to detail: ten w": "to detail: ten weeks,",
	} {
		got, err := CitePassage(answer, selected)
		if err != nil || got != want {
			t.Errorf("CitePassage(%q) = %q, %v; want %q", selected, got, err, want)
		}
	}
}
