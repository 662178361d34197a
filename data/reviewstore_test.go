package data

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

const (
	candidateAnswer = "CANDIDATE-ANSWER-7f3a: I would split the platform team"
	mentorComment   = "MENTOR-COMMENT-91bc: say the numbers first"
)

// fillReviews puts a candidate's attempt and the mentor's review of it into the review store.
func fillReviews(t *testing.T, rs *Store) prep.Review {
	t.Helper()
	a := testAttempt("p-cand", time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC), candidateAnswer)
	if err := rs.SaveAttempt(a); err != nil {
		t.Fatal(err)
	}
	r, err := prep.NewReview(&a, "Priya", []prep.Score{{Criterion: "Ownership", Value: 2}}, mentorComment, nil, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := rs.SaveReview(r); err != nil {
		t.Fatal(err)
	}
	return r
}

// holding returns the files under dir whose bytes contain s.
func holding(t *testing.T, dir, s string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(s)) {
				found = append(found, path)
			}
		}
		return nil
	})
	return found
}

// checkReviews opens the review store of dataDir with key and checks it holds the review.
func checkReviews(t *testing.T, dataDir string, key []byte, want prep.Review) {
	t.Helper()
	rs, err := OpenReviewStore(dataDir, key)
	if err != nil {
		t.Fatalf("opening the review store of %s: %v", dataDir, err)
	}
	defer rs.Close()
	got, err := rs.Reviews(want.AttemptID)
	if err != nil || len(got) != 1 || got[0].Comment != mentorComment {
		t.Fatalf("the review store of %s holds %+v (%v)", dataDir, got, err)
	}
	a, err := rs.Attempt(want.AttemptID)
	if err != nil || a.Answer != candidateAnswer {
		t.Fatalf("the review store of %s: attempt %v", dataDir, err)
	}
	if rs.Encrypted() != (key != nil) {
		t.Errorf("the review store of %s: encrypted %v with key %v", dataDir, rs.Encrypted(), key != nil)
	}
}

// The mentor's review store (a candidate's answers and the mentor's comments) is encrypted with
// the practice store's key, lives in the data directory, and is in its backups: a restore brings
// it back, still encrypted. Before, it was a plain folder beside the data directory, readable by
// anyone, and no backup held it.
func TestReviewStoreIsEncryptedAndBackedUp(t *testing.T) {
	dataDir, key, _ := encryptedStore(t, "correct horse")
	rs, err := OpenReviewStore(dataDir, key)
	if err != nil {
		t.Fatal(err)
	}
	r := fillReviews(t, rs)

	// The daily backup, made while the review store is open in review mode.
	practice := mustOpenKey(t, dataDir, key)
	backup, err := practice.BackupNow(time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC))
	practice.Close()
	rs.Close()
	if err != nil {
		t.Fatal(err)
	}
	if dir := ReviewDir(dataDir); filepath.Dir(dir) != dataDir {
		t.Errorf("the review store is in %s, outside the data directory", dir)
	}
	for _, s := range []string{candidateAnswer, mentorComment} {
		if f := holding(t, filepath.Dir(dataDir), s); len(f) > 0 {
			t.Errorf("%q is readable in %v", s, f)
		}
	}
	checkReviews(t, dataDir, key, r)

	// Restored on another computer with the passphrase alone: the reviews come back, encrypted.
	other := filepath.Join(t.TempDir(), "PanelPrep")
	res, err := Restore(other, backup, time.Now(), Secret{Passphrase: "correct horse"})
	if err != nil {
		t.Fatal(err)
	}
	checkReviews(t, other, res.Key, r)
	if f := holding(t, filepath.Dir(other), mentorComment); len(f) > 0 {
		t.Errorf("the restored review store is readable: %v", f)
	}
	// The practice store restored from it holds none of the review store's records.
	s := mustOpenKey(t, other, res.Key)
	defer s.Close()
	if rs, err := s.Reviews(r.AttemptID); err != nil || len(rs) != 0 {
		t.Errorf("the restored practice store holds the mentor's reviews: %v %v", rs, err)
	}
	if _, err := s.Attempt(r.AttemptID); err == nil {
		t.Error("the restored practice store holds the candidate's attempt")
	}
}

// Changing the passphrase re-encrypts the review store with the practice store; removing it leaves
// both plain.
func TestPassphraseChangeCarriesTheReviewStore(t *testing.T) {
	dataDir, key, _ := encryptedStore(t, "first")
	rs, err := OpenReviewStore(dataDir, key)
	if err != nil {
		t.Fatal(err)
	}
	r := fillReviews(t, rs)
	rs.Close()
	key2, err := SetPassphrase(dataDir, key, "second", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	checkReviews(t, dataDir, key2, r)
	if _, err := OpenReviewStore(dataDir, key); err == nil {
		t.Error("the old passphrase still opens the review store")
	}
	if _, err := SetPassphrase(dataDir, key2, "", time.Now()); err != nil {
		t.Fatal(err)
	}
	checkReviews(t, dataDir, nil, r)
}

// A plain review store an older PanelPrep left beside the data directory is moved into it, and
// encrypted when the practice store is; no plaintext copy stays behind.
func TestOldPlainReviewStoreIsMovedAndEncrypted(t *testing.T) {
	dataDir, key, _ := encryptedStore(t, "pass")
	old, err := OpenReviews(dataDir+"-reviews", nil)
	if err != nil {
		t.Fatal(err)
	}
	r := fillReviews(t, old)
	old.Close()

	checkReviews(t, dataDir, key, r)
	if _, err := os.Stat(dataDir + "-reviews"); !os.IsNotExist(err) {
		t.Errorf("the old review store is still there: %v", err)
	}
	if f := holding(t, filepath.Dir(dataDir), mentorComment); len(f) > 0 {
		t.Errorf("the review store is readable: %v", f)
	}

	// A plain review store in the data directory (the passphrase set by an older PanelPrep) is
	// encrypted when it is opened.
	plainData := filepath.Join(t.TempDir(), "PanelPrep")
	p := mustOpen(t, plainData)
	p.Close()
	prs, err := OpenReviewStore(plainData, nil)
	if err != nil {
		t.Fatal(err)
	}
	r = fillReviews(t, prs)
	prs.Close()
	// Encrypt the practice store only, as an older SetPassphrase did: move the review store out and back.
	tmp := filepath.Join(t.TempDir(), "r")
	if err := os.Rename(ReviewDir(plainData), tmp); err != nil {
		t.Fatal(err)
	}
	k, err := SetPassphrase(plainData, nil, "pass", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, ReviewDir(plainData)); err != nil {
		t.Fatal(err)
	}
	checkReviews(t, plainData, k, r)
	if f := holding(t, filepath.Dir(plainData), mentorComment); len(f) > 0 {
		t.Errorf("the review store is readable: %v", f)
	}
}
