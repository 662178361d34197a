package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/assets"
	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
	"github.com/panelprep/panelprep/ui"
)

// TestMentorRoundTripThroughTheWindowWiring runs the candidate's and the mentor's sides through the
// same functions the window calls: export, open for review, review, export feedback, import it.
func TestMentorRoundTripThroughTheWindowWiring(t *testing.T) {
	// The bank the app decodes at launch; parsing the sets' TOML took seconds under -race.
	bank, err := prep.DecodeBank(assets.Bank)
	if err != nil {
		t.Fatal(err)
	}
	bundled := bank.Sets
	candidateDir, mentorDir, files := t.TempDir(), t.TempDir(), t.TempDir()
	cs, err := data.Open(candidateDir)
	if err != nil {
		t.Fatal(err)
	}
	attempts := preptest.Attempts(prep.Library{Bundled: bundled}, 3, time.Now().Add(-72*time.Hour), 48*time.Hour, 3)
	for _, a := range attempts {
		if err := cs.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
	}
	candidate := data.NewLive(candidateDir, cs, nil)
	defer candidate.Close()
	bundle := filepath.Join(files, "attempts.json")
	n, err := mentor(candidate).Export(ui.ExportScope{}, "json", bundle)
	if err != nil || n == 0 {
		t.Fatalf("export: %d bytes, %v", n, err)
	}
	if n, err := mentor(candidate).Export(ui.ExportScope{}, "html", filepath.Join(files, "report.html")); err != nil || n == 0 {
		t.Fatalf("html report: %v", err)
	}

	ms, err := data.Open(mentorDir)
	if err != nil {
		t.Fatal(err)
	}
	reviewer := data.NewLive(mentorDir, ms, nil)
	defer reviewer.Close()
	session, err := mentor(reviewer).OpenReview(bundle)
	if err != nil {
		t.Fatal(err)
	}
	list, err := session.Attempts()
	if err != nil || len(list) != 3 {
		t.Fatalf("review store holds %d attempts (%v)", len(list), err)
	}
	if own, _ := ms.Attempts(); len(own) != 0 {
		t.Fatal("review mode wrote the candidate's attempts into the mentor's own practice data")
	}
	a, err := session.Attempt(list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var scores []prep.Score
	for _, c := range a.Prompt.Rubric {
		scores = append(scores, prep.Score{Criterion: c.Name, Value: 1})
	}
	r, err := prep.NewReview(&a, "Sam Mentor", scores, "Lead with the decision.", nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := session.SaveReview(r); err != nil {
		t.Fatal(err)
	}
	feedback := filepath.Join(files, "feedback.json")
	if _, err := session.ExportFeedback(feedback, "Sam Mentor"); err != nil {
		t.Fatal(err)
	}
	if err := session.Close(); err != nil {
		t.Fatal(err)
	}

	summary, err := mentor(candidate).ImportFeedback(feedback)
	if err != nil {
		t.Fatal(err)
	}
	got, err := candidate.Reviews(a.ID)
	if err != nil || len(got) != 1 || got[0].Comment != "Lead with the decision." || got[0].Reviewer != "Sam Mentor" {
		t.Fatalf("reviews after import: %+v (%v); import said %q", got, err, summary)
	}
	stored, _ := cs.Attempt(a.ID)
	if stored.Scores[0].Value == 1 && a.Scores[0].Value != 1 {
		t.Fatal("the mentor's scores replaced the self-scores")
	}
	again, err := mentor(candidate).ImportFeedback(feedback)
	if err != nil || !strings.Contains(strings.ToLower(again), "already") {
		t.Errorf("importing the same feedback twice: %q (%v)", again, err)
	}
	if all, _ := candidate.AllReviews(); len(all) != 1 {
		t.Errorf("%d reviews after importing twice, want 1", len(all))
	}
}

// A mentor whose own data is encrypted opens a candidate's bundle into an encrypted review store,
// and Back up now, made while the review session is open, holds the review store too.
func TestReviewModeFollowsTheMentorsEncryption(t *testing.T) {
	bundle := filepath.Join("..", "..", "testdata", "bundles", "attempts-sample.json")
	mentorDir := filepath.Join(t.TempDir(), "PanelPrep")
	ms, err := data.Open(mentorDir)
	if err != nil {
		t.Fatal(err)
	}
	ms.Close()
	key, err := data.SetPassphrase(mentorDir, nil, "mentor pass", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if ms, err = data.OpenWithKey(mentorDir, key); err != nil {
		t.Fatal(err)
	}
	reviewer := data.NewLive(mentorDir, ms, key)
	defer reviewer.Close()
	session, err := mentor(reviewer).OpenReview(bundle)
	if err != nil {
		t.Fatal(err)
	}
	rs := session.(reviewSession)
	if !rs.Encrypted() || filepath.Dir(rs.Dir()) != mentorDir {
		t.Errorf("the review store in %s: encrypted %v", rs.Dir(), rs.Encrypted())
	}
	backup, err := maintenance(reviewer).BackupNow()
	if err != nil {
		t.Fatal(err)
	}
	if err := session.Close(); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "PanelPrep")
	res, err := data.Restore(other, backup, time.Now(), data.Secret{Passphrase: "mentor pass"})
	if err != nil {
		t.Fatal(err)
	}
	restored, err := data.OpenReviewStore(other, res.Key)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if list, err := restored.Attempts(); err != nil || len(list) != len(sampleBundle(t, bundle).Attempts) {
		t.Errorf("the restored review store holds %d attempts (%v)", len(list), err)
	}
}
