package prep_test

import (
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// TestBundleCarriesEvidence: a cited passage survives EncodeBundle and DecodeBundle, the schema
// accepts it beside a score without one, and a passage not in the answer is refused with its path.
func TestBundleCarriesEvidence(t *testing.T) {
	attempts, _ := sampleBundles(t)
	a := &attempts.Attempts[0].Attempt
	passages := prep.Passages(a.Answer)
	if len(passages) < 2 || len(a.Scores) < 2 {
		t.Fatalf("the sample attempt has %d passages and %d scores", len(passages), len(a.Scores))
	}
	a.Scores[0].Evidence = passages[1]
	doc := encode(t, attempts)
	if err := schemaValidate(t, compileSchema(t), doc); err != nil {
		t.Fatalf("the schema rejects a cited passage: %v", err)
	}
	got, err := decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	if e := got.Attempts[0].Scores[0].Evidence; e != passages[1] {
		t.Fatalf("evidence after the round trip = %q, want %q", e, passages[1])
	}
	if got.Attempts[0].Scores[1].Evidence != "" {
		t.Fatal("a score without a citation gained one")
	}

	bad := mutateBundle(t, attempts, func(d map[string]any) {
		attemptAt(d, 0)["scores"].([]any)[1].(map[string]any)["evidence"] = "We doubled revenue."
	})
	if err := schemaValidate(t, compileSchema(t), bad); err != nil {
		t.Fatalf("the schema cannot see the answer, so it should accept any short passage: %v", err)
	}
	_, err = decode(bad)
	if err == nil || !strings.Contains(err.Error(), "attempts[0].scores[1].evidence") || !strings.Contains(err.Error(), "not in the answer") {
		t.Fatalf("a passage not in the answer: %v", err)
	}

	long := mutateBundle(t, attempts, func(d map[string]any) {
		attemptAt(d, 0)["scores"].([]any)[1].(map[string]any)["evidence"] = strings.Repeat("x", prep.MaxEvidenceLen+1)
	})
	if schemaValidate(t, compileSchema(t), long) == nil {
		t.Fatal("the schema accepts an overlong passage")
	}
}
