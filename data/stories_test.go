package data

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// testStory is a whole story, as fill writes one so that backups and checks cover the kind.
func testStory(at time.Time) prep.Story {
	s := prep.NewStory(at)
	s.Title, s.Year, s.Month, s.Where = "Splitting the payments on-call", 2024, 5, "Northwind"
	s.Teams, s.People, s.Budget = 3, 27, "$3.4M"
	s.Situation, s.Actions, s.Result, s.Numbers = "One rota for three teams.", "I split it by service.", "Fewer pages.", "41 to 9 a week"
	s.Learning, s.Competencies = "Ask the EMs first.", []string{"operational-excellence", "org-design"}
	return s
}

// A story survives closing and reopening the store exactly as saved: the save is synchronous.
func TestStoryDurableAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	st := testStory(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	st.Actions = "Première ligne — I wrote it as typed.\n\n- a list\n- <b>not html</b>"
	if err := s.SaveStory(st); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = mustOpen(t, dir)
	defer s.Close()
	got, err := s.Story(st.ID)
	if err != nil || !reflect.DeepEqual(got, st) {
		t.Fatalf("after reopening: %+v, %v", got, err)
	}
}

// Check counts stories, reports one that does not decode, sits under another key or breaks the
// story rules, and a repair sets the undecodable one aside with its bytes.
func TestCheckStories(t *testing.T) {
	dir := t.TempDir()
	s := mustOpen(t, dir)
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	good := testStory(base)
	if err := s.SaveStory(good); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	garbled, moved, broken := uuid.New(), uuid.New(), testStory(base)
	broken.Month = 13
	brokenJSON, _ := json.Marshal(broken)
	goodJSON, _ := json.Marshal(good)
	rawUpdate(t, dir, func(txn *badger.Txn) error {
		for _, kv := range [][2][]byte{
			{storyKey(garbled), []byte("{\"id\": 7")},
			{storyKey(moved), goodJSON},
			{storyKey(broken.ID), brokenJSON},
		} {
			if err := txn.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		return nil
	})
	s = mustOpen(t, dir)
	defer s.Close()
	rep, err := s.Check(false)
	if err != nil {
		t.Fatal(err)
	}
	keys := problemKeys(rep)[KindStory]
	if len(keys) != 3 {
		t.Fatalf("story problems %v, want three\n%s", keys, rep)
	}
	text := rep.String()
	for _, want := range []string{"story/" + garbled.String(), "cannot be decoded", "holds story " + good.ID.String() + " under another key",
		"story.month: must be 1 to 12"} {
		if !strings.Contains(text, want) {
			t.Errorf("report does not say %q:\n%s", want, text)
		}
	}
	for _, c := range rep.Counts {
		if c.Kind == KindStory && c.Records != 4 {
			t.Errorf("%d story records counted, want 4", c.Records)
		}
	}
	if _, err := s.Stories(); err == nil || !strings.Contains(err.Error(), "panelprep check") {
		t.Errorf("listing stories over a damaged record: %v, want an error that says to run check", err)
	}
	if _, err := s.Check(true); err != nil {
		t.Fatal(err)
	}
	dump := dbContents(t, s.db)
	if _, ok := dump[string(storyKey(garbled))]; ok {
		t.Error("the undecodable story is still under story/ after a repair")
	}
	kept := false
	for k, v := range dump {
		if bytes.HasPrefix([]byte(k), damagedKind.prefix) && v == "{\"id\": 7" {
			kept = true
		}
	}
	if !kept {
		t.Error("the undecodable story's bytes were not kept under damaged/")
	}
	if list, err := s.Stories(); err != nil || len(list) != 3 {
		t.Errorf("after the repair: %d stories, %v", len(list), err)
	}
	if got := DisplayKey(storyKey(garbled)); got != "story/"+garbled.String() {
		t.Errorf("DisplayKey = %q", got)
	}
}

// An export of the history carries the story bank, one of a single attempt does not, a bank with
// no attempts still exports, and a mentor's review store imports the stories once.
func TestStoriesTravelInBundles(t *testing.T) {
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	withStore(t, func(s *Store) {
		st := testStory(base)
		if err := s.SaveStory(st); err != nil {
			t.Fatal(err)
		}
		b, err := s.ExportBundle(prep.ExportFilter{})
		if err != nil || len(b.Attempts) != 0 || len(b.Stories) != 1 {
			t.Fatalf("export of a bank with no attempts: %d attempts, %d stories, %v", len(b.Attempts), len(b.Stories), err)
		}
		a := testAttempt("p1", base, "answer")
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
		if one, err := s.ExportBundle(prep.ExportFilter{AttemptID: a.ID}); err != nil || len(one.Stories) != 0 {
			t.Errorf("export of one attempt carries %d stories, %v", len(one.Stories), err)
		}
		b, err = s.ExportBundle(prep.ExportFilter{Since: base.Add(-time.Hour)})
		if err != nil || len(b.Attempts) != 1 || len(b.Stories) != 1 || !reflect.DeepEqual(b.Stories[0], st) {
			t.Fatalf("export of the history: %d attempts, %+v, %v", len(b.Attempts), b.Stories, err)
		}

		mentor, err := OpenReviews(t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer mentor.Close()
		res, err := mentor.ImportAttempts(&b)
		if err != nil || res.StoriesAdded != 1 || !strings.Contains(res.String(), "1 story added") {
			t.Fatalf("import: %+v (%s), %v", res, res.String(), err)
		}
		if again, err := mentor.ImportAttempts(&b); err != nil || again.StoriesAdded != 0 || again.Changed() {
			t.Errorf("the same bundle twice: %+v, %v", again, err)
		}
		b.Stories[0].Learning, b.Stories[0].UpdatedAt = "Ask the EMs before the VP.", b.Stories[0].UpdatedAt.Add(time.Hour)
		if later, err := mentor.ImportAttempts(&b); err != nil || later.StoriesAdded != 1 {
			t.Errorf("a later edit of the story: %+v, %v", later, err)
		}
		if got, err := mentor.Story(st.ID); err != nil || got.Learning != "Ask the EMs before the VP." {
			t.Errorf("the mentor's copy: %+v, %v", got, err)
		}
	})
}

// A mentor comments on a story in the review store; the feedback export carries the comment, and
// the candidate's import keeps it beside the story (one on a story the candidate lacks is counted,
// not imported). Check counts and checks the records.
func TestStoryCommentsRoundTrip(t *testing.T) {
	base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	withStore(t, func(s *Store) {
		st := testStory(base)
		if err := s.SaveStory(st); err != nil {
			t.Fatal(err)
		}
		b, err := s.ExportBundle(prep.ExportFilter{})
		if err != nil {
			t.Fatal(err)
		}
		mentor, err := OpenReviews(t.TempDir(), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer mentor.Close()
		if _, err := mentor.ImportAttempts(&b); err != nil {
			t.Fatal(err)
		}
		c, err := prep.NewStoryComment(&st, "Priya", "Give the pages before and after first.", base.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if err := mentor.SaveStoryComment(c); err != nil {
			t.Fatal(err)
		}
		fb, err := mentor.ExportBundle(prep.ExportFilter{Kind: prep.BundleFeedback, ExportedBy: "Priya"})
		if err != nil || len(fb.StoryComments) != 1 || len(fb.Attempts) != 0 {
			t.Fatalf("feedback export: %+v, %v", fb, err)
		}
		stray := c
		stray.ID, stray.StoryID = uuid.New(), uuid.New()
		fb.StoryComments = append(fb.StoryComments, stray)
		res, err := s.ImportFeedback(&fb)
		if err != nil || res.StoryCommentsAdded != 1 || res.StoryCommentsMissing != 1 ||
			!strings.Contains(res.String(), "1 comment on your stories added") || !strings.Contains(res.String(), "1 comment on stories not in your data") {
			t.Fatalf("import: %+v (%s), %v", res, res.String(), err)
		}
		if again, err := s.ImportFeedback(&fb); err != nil || again.Changed() {
			t.Errorf("the same feedback twice: %+v, %v", again, err)
		}
		got, err := s.StoryComments(st.ID)
		if err != nil || len(got) != 1 || got[0] != c {
			t.Errorf("the candidate's comments: %+v, %v", got, err)
		}
		rep, err := s.Check(false)
		if err != nil || !rep.Clean() {
			t.Fatalf("check: %v\n%s", err, rep)
		}
		for _, k := range rep.Counts {
			if k.Kind == KindStoryComment && k.Records != 1 {
				t.Errorf("%d story comments counted", k.Records)
			}
		}
	})
}
