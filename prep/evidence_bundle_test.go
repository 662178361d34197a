package prep_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/panelprep/panelprep/prep"
)

// selectionOf is a stretch of answer as a selection makes one: from the middle of one word to the
// middle of a word on a later line, line breaks and all.
func selectionOf(t *testing.T, answer string) string {
	t.Helper()
	lines := strings.SplitAfter(answer, "\n")
	var first, last int = -1, -1
	for i, l := range lines {
		if utf8.RuneCountInString(strings.TrimSpace(l)) > 12 {
			if first < 0 {
				first = i
			} else {
				last = i
				break
			}
		}
	}
	if first < 0 || last < 0 {
		t.Fatalf("the sample answer has fewer than two lines of text:\n%s", answer)
	}
	start := strings.Index(answer, lines[first]) + 3
	end := strings.Index(answer, lines[last]) + 8
	return answer[start:end]
}

// TestBundleCarriesEvidence: a selected passage (mid-word to mid-word, across lines) survives
// EncodeBundle and DecodeBundle, the schema accepts it beside a score without one, and a hostile
// passage is refused, with its path, by the decoder, and where the schema can see it by the schema.
func TestBundleCarriesEvidence(t *testing.T) {
	attempts, _ := sampleBundles(t)
	a := &attempts.Attempts[0].Attempt
	if len(a.Scores) < 2 {
		t.Fatalf("the sample attempt has %d scores", len(a.Scores))
	}
	selected := selectionOf(t, a.Answer)
	cited, err := prep.CitePassage(a.Answer, selected)
	if err != nil {
		t.Fatalf("citing %q: %v", selected, err)
	}
	a.Scores[0].Evidence = cited
	doc := encode(t, attempts)
	schema := compileSchema(t)
	if err := schemaValidate(t, schema, doc); err != nil {
		t.Fatalf("the schema rejects a selected passage: %v", err)
	}
	got, err := decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	if e := got.Attempts[0].Scores[0].Evidence; e != cited {
		t.Fatalf("evidence after the round trip = %q, want %q", e, cited)
	}
	if got.Attempts[0].Scores[1].Evidence != "" {
		t.Fatal("a score without a citation gained one")
	}

	// A passage carrying its line breaks, as a hand-written bundle may: accepted by both.
	raw := mutateBundle(t, attempts, func(d map[string]any) {
		attemptAt(d, 0)["scores"].([]any)[1].(map[string]any)["evidence"] = selected
	})
	if err := schemaValidate(t, schema, raw); err != nil {
		t.Fatalf("the schema rejects a passage with its line breaks: %v", err)
	}
	if _, err := decode(raw); err != nil {
		t.Fatalf("a passage with its line breaks: %v", err)
	}

	for _, tc := range []struct {
		name, evidence, says string
		schemaRefuses        bool // the schema cannot see the answer: it refuses only what is wrong on its face
	}{
		{"not in the answer", "We doubled revenue.", "not in the answer", false},
		{"too long", strings.Repeat("x", prep.MaxEvidenceLen+1), "at most 1000", true},
		{"an escape sequence", cited[:3] + "\x1b]8;;http://evil.example\x07" + cited[3:], "control character U+001B", true},
		{"a NUL", cited + "\x00", "control character U+0000", true},
		{"a C1 control", "\u009b" + cited, "control character U+009B", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := mutateBundle(t, attempts, func(d map[string]any) {
				attemptAt(d, 0)["scores"].([]any)[1].(map[string]any)["evidence"] = tc.evidence
			})
			if err := schemaValidate(t, schema, bad); (err != nil) != tc.schemaRefuses {
				t.Errorf("schema: %v, want refused %v", err, tc.schemaRefuses)
			}
			_, err := decode(bad)
			if err == nil || !strings.Contains(err.Error(), "attempts[0].scores[1].evidence") || !strings.Contains(err.Error(), tc.says) {
				t.Fatalf("decode: %v; want attempts[0].scores[1].evidence saying %q", err, tc.says)
			}
		})
	}
}
