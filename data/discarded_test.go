package data

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// A discarded draft leaves draft/ for discarded/, whole, with a week's TTL; it is in a backup, and
// it can be restored, but never over a draft the prompt has again.
func TestDiscardedDraftIsKeptAWeekAndRestores(t *testing.T) {
	withStore(t, func(s *Store) {
		d := prep.Draft{Prompt: testPrompt("p1"), Structured: true,
			Sections: []prep.Section{{Title: "Diagnosis", Text: "Two teams own one queue."}},
			Teams:    []prep.Team{{Name: "Dispatch", EM: "Ana", Engineers: 6}}}
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
		before := time.Now()
		if err := s.DiscardDraft("p1", at); err != nil {
			t.Fatal(err)
		}
		if drafts, _ := s.Drafts(); len(drafts) != 0 {
			t.Fatalf("the discarded draft is still offered: %d", len(drafts))
		}
		list, err := s.DiscardedDrafts()
		if err != nil || len(list) != 1 || !list[0].DiscardedAt.Equal(at) || list[0].Draft.Sections[0].Text != "Two teams own one queue." ||
			list[0].Draft.Teams[0].Name != "Dispatch" {
			t.Fatalf("discarded drafts: %+v, %v", list, err)
		}
		// The check knows the record kind: counted as discarded, decoded, no problem.
		rep, err := s.Check(false)
		if err != nil || !rep.Clean() {
			t.Fatalf("check after a discard: %v\n%s", err, rep.String())
		}
		for _, c := range rep.Counts {
			if c.Kind == KindDiscarded && c.Records != 1 || c.Kind == KindOther && c.Records != 0 {
				t.Errorf("check counts %d %s records", c.Records, c.Kind)
			}
		}
		// Kept a week, and no longer.
		_ = s.db.View(func(txn *badger.Txn) error {
			item, err := txn.Get(discardedKey(at, "p1"))
			if err != nil {
				t.Fatal(err)
			}
			exp := time.Unix(int64(item.ExpiresAt()), 0)
			if exp.Before(before.Add(prep.KeepDiscarded-time.Minute)) || exp.After(time.Now().Add(prep.KeepDiscarded+time.Minute)) {
				t.Errorf("a discarded draft expires at %v, want a week from now", exp)
			}
			return nil
		})
		// In a backup.
		var b bytes.Buffer
		if err := s.Backup(&b); err != nil {
			t.Fatal(err)
		}
		dst := t.TempDir()
		if err := restoreIntoEmpty(dst, &b); err != nil {
			t.Fatal(err)
		}
		r, err := Open(dst)
		if err != nil {
			t.Fatal(err)
		}
		if list, err := r.DiscardedDrafts(); err != nil || len(list) != 1 {
			t.Errorf("the backup's discarded drafts: %d, %v", len(list), err)
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		// Not over a new draft of the same prompt.
		if err := s.SaveDraft(prep.Draft{Prompt: testPrompt("p1"), Answer: "A new round."}); err != nil {
			t.Fatal(err)
		}
		if err := s.RestoreDiscarded(list[0]); !errors.Is(err, prep.ErrDraftExists) {
			t.Fatalf("restoring over a draft: %v", err)
		}
		if drafts, _ := s.Drafts(); len(drafts) != 1 || drafts[0].Answer != "A new round." {
			t.Fatalf("a refused restore changed the draft: %+v", drafts)
		}
		if err := s.DeleteDraft("p1"); err != nil {
			t.Fatal(err)
		}
		if err := s.RestoreDiscarded(list[0]); err != nil {
			t.Fatal(err)
		}
		drafts, _ := s.Drafts()
		if len(drafts) != 1 || drafts[0].Sections[0].Text != "Two teams own one queue." {
			t.Fatalf("restored drafts: %+v", drafts)
		}
		if list, _ := s.DiscardedDrafts(); len(list) != 0 {
			t.Fatalf("a restored draft is still listed as discarded: %d", len(list))
		}
		if err := s.DiscardDraft("nothing-here", at); err != nil {
			t.Fatalf("discarding a prompt with no draft: %v", err)
		}
	})
}
