package data

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// recordFixtures are stored records as the store wrote them before data had record types of its
// own (the prep structs encoded by their JSON tags), read back from a real Badger store. They pin
// the format: a renamed prep field must never change what is on disk.
const (
	attemptFixture        = "testdata/records/attempt.json"
	draftFixture          = "testdata/records/draft.json"
	minimalAttemptFixture = "testdata/records/attempt-minimal.json" // nil lists, zero IDs and times
	minimalDraftFixture   = "testdata/records/draft-minimal.json"
	setFixture            = "testdata/records/set.json"
	loopFixture           = "testdata/records/loop.json"
	// Stories and their comments were stored as prep's JSON until they had records of their own.
	storyFixture        = "testdata/records/story.json"
	minimalStoryFixture = "testdata/records/story-minimal.json"
	storyCommentFixture = "testdata/records/story-comment.json"
	// An attempt and a draft with a whiteboard and its snapshots, written by the store before the
	// store and bundles shared one JSON form of a diagram: they pin that form on disk.
	diagramAttemptFixture = "testdata/records/attempt-diagram.json"
	diagramDraftFixture   = "testdata/records/draft-diagram.json"
)

// fixtureDiagramSnapshots are a whiteboard's snapshots at the end of two phases, the first of an
// empty diagram.
func fixtureDiagramSnapshots() []prep.DiagramSnapshot {
	return []prep.DiagramSnapshot{{Phase: "Clarify", At: 9*time.Minute + 500*time.Millisecond},
		{Phase: "Design", At: 41 * time.Minute, Diagram: preptest.FormatDiagram()}}
}

func fixtureDiagramAttempt() prep.Attempt {
	a := fixtureAttempt()
	a.ID = uuid.MustParse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4c")
	d := preptest.FormatDiagram()
	a.Diagram, a.DiagramSnapshots = &d, fixtureDiagramSnapshots()
	return a
}

func fixtureDiagramDraft() prep.Draft {
	d := fixtureDraft()
	d.Prompt.ID = "sd-ledger-diagram"
	dg := preptest.FormatDiagram()
	d.Diagram, d.DiagramSnapshots = &dg, fixtureDiagramSnapshots()
	return d
}

// fixtureStory is a story with every field set.
func fixtureStory() prep.Story {
	return prep.Story{
		ID: uuid.MustParse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"), Title: "Splitting the payments on-call", Year: 2024, Month: 5,
		Where: "Northwind", Role: "Director of Engineering", Teams: 3, People: 27, Budget: "$3.4M",
		Situation: "One rota for three teams.", Actions: "I split it by service.", Result: "Fewer pages.",
		Numbers: "41 to 9 pages a week", Learning: "Ask the EMs first.", Competencies: []string{"operational-excellence", "org-design"},
		CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 123, time.UTC), UpdatedAt: time.Date(2026, 11, 26, 19, 0, 0, 456, time.UTC),
	}
}

// minimalStory leaves everything optional out, as a story just begun.
func minimalStory() prep.Story {
	return prep.Story{ID: uuid.MustParse("0c0ffee0-0000-4000-8000-000000000002"), Title: "Begun", Year: 2025,
		CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}
}

// fixtureStoryComment is a mentor's comment on fixtureStory.
func fixtureStoryComment() prep.StoryComment {
	return prep.StoryComment{ID: uuid.MustParse("bbbbbbbb-cccc-4ddd-8eee-ffffffffffff"), StoryID: fixtureStory().ID, Reviewer: "Sam",
		CommentedAt: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC), Comment: "Lead with the **number**."}
}

// fixtureSet is an imported set of two prompts, every field set.
func fixtureSet() prep.PracticeSet {
	p := fixturePrompt()
	p.FollowUps[0].Asker = prep.AskerVP // a set is validated before it is stored
	q := p
	q.ID, q.Title, q.Tags = "sd-ledger-2", "The same ledger, later", nil
	return prep.PracticeSet{ID: "acme-loop", Title: "Acme's loop", Version: 2, Author: "Priya", Description: "Their onsite.",
		Prompts: []prep.Prompt{p, q}}
}

// fixtureLoop is a mock loop with one round done and one to come.
func fixtureLoop() prep.Loop {
	return prep.Loop{
		ID: uuid.MustParse("11111111-2222-4333-8444-555555555555"),
		Slots: []prep.LoopSlot{
			{Plan: prep.LoopRound{Round: prep.SystemsDesign, Minutes: 60, BreakMinutes: 10, Lead: prep.AskerIC}, SetID: "systems-design",
				PromptID: "sd-ledger", AttemptID: uuid.MustParse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b")},
			{Plan: prep.LoopRound{Round: prep.OrgDesign, Minutes: 45, Lead: prep.AskerVP}, SetID: "org-design", PromptID: "od-1"},
		},
		StartedAt:  time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC),
		BreakUntil: time.Date(2026, 11, 26, 10, 10, 0, 0, time.UTC),
	}
}

// minimalAttempt and minimalDraft leave every list nil: stored as null, they must come back nil.
func minimalAttempt() prep.Attempt {
	return prep.Attempt{ID: uuid.MustParse("0c0ffee0-0000-4000-8000-000000000001"), Prompt: prep.Prompt{ID: "p"}}
}

func minimalDraft() prep.Draft { return prep.Draft{Prompt: prep.Prompt{ID: "p"}} }

// fixturePrompt fills every field of a prompt snapshot.
func fixturePrompt() prep.Prompt {
	return prep.Prompt{
		ID: "sd-ledger", Round: prep.SystemsDesign, Level: prep.LevelDirector, Context: prep.ContextSaaS,
		Title: "A ledger behind card authorisations", Minutes: 60, Scenario: "You lead three teams.",
		Constraints: []string{"p99 under 150 ms", "never lose a movement"},
		Phases:      []prep.Phase{{Name: "Clarify", Minutes: 10}, {Name: "Design", Minutes: 50}},
		FollowUps:   []prep.FollowUp{{Minute: 12, Asker: prep.Asker("vp"), Question: "What breaks first?"}},
		Rubric: []prep.Criterion{
			{Name: "Requirements", Anchor1: "a1", Anchor2: "a2", Anchor3: "a3", Anchor4: "a4", Competency: "technical-judgement"},
			{Name: "Teams", Anchor1: "b1", Anchor2: "b2", Anchor3: "b3", Anchor4: "b4"},
		},
		Hints: []string{"Start from the money."}, Outline: []string{"Double entry."}, Tags: []string{"fintech", "ledger"},
	}
}

func fixtureAttempt() prep.Attempt {
	at := time.Date(2026, 11, 26, 19, 0, 0, 123456789, time.UTC)
	return prep.Attempt{
		ID: uuid.MustParse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"), SetID: "systems-design", SetVersion: 3,
		Prompt: fixturePrompt(), Answer: "## Requirements\nMoney first.",
		Sections:   []prep.Section{{Title: "Requirements", Text: "Money first."}, {Title: "Team table", Text: ""}},
		Teams:      []prep.Team{{Name: "Ledger", Type: prep.PlatformTeam, EM: "Priya", Engineers: 6}},
		FollowUps:  []prep.FollowUpAnswer{{Index: 0, Asker: prep.Asker("vp"), Question: "What breaks first?", AskedAt: 12 * time.Minute, Answer: "The ledger.", AnsweredAt: 13 * time.Minute}},
		LoopID:     uuid.MustParse("11111111-2222-4333-8444-555555555555"),
		StoryID:    uuid.MustParse("aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"),
		PhaseTimes: []prep.PhaseTime{{Name: "Clarify", Budget: 10 * time.Minute, Used: 11*time.Minute + 3*time.Second}},
		Scores:     []prep.Score{{Criterion: "Requirements", Value: 3}, {Criterion: "Teams", Value: 2}},
		Reflection: "Too long on context.", StartedAt: at.Add(-time.Hour), FinishedAt: at,
	}
}

func fixtureDraft() prep.Draft {
	at := time.Date(2026, 11, 26, 18, 30, 0, 5, time.UTC)
	a := fixtureAttempt()
	return prep.Draft{
		SetID: a.SetID, SetVersion: a.SetVersion, Prompt: a.Prompt, Answer: "free text", Structured: true,
		Sections: a.Sections, Teams: a.Teams, FollowUps: a.FollowUps, LoopID: a.LoopID, StoryID: a.StoryID,
		Clock:  prep.ClockState{Phase: 1, Elapsed: []time.Duration{10 * time.Minute, 90 * time.Second}, Started: true, Running: true},
		Scores: a.Scores, Reflection: "so far", HintsShown: 1, StartedAt: at.Add(-30 * time.Minute), UpdatedAt: at,
	}
}

// TestWriteRecordFixtures writes the fixtures from a real store, when asked to. They were written
// once, by the store as it was before records.go (stories and their comments: before they had
// records of their own); writing them again with a later store proves nothing, so only a missing
// fixture is written.
func TestWriteRecordFixtures(t *testing.T) {
	if os.Getenv("PANELPREP_WRITE_RECORD_FIXTURES") == "" {
		t.Skip("set PANELPREP_WRITE_RECORD_FIXTURES=1 to write the record fixtures")
	}
	withStore(t, func(s *Store) {
		a, d := fixtureAttempt(), fixtureDraft()
		if err := s.SaveAttempt(a); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveDraft(d); err != nil {
			t.Fatal(err)
		}
		ma, md := minimalAttempt(), minimalDraft()
		if err := s.SaveAttempt(ma); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveDraft(md); err != nil {
			t.Fatal(err)
		}
		set, loop := fixtureSet(), fixtureLoop()
		if err := s.ImportSet(&set); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveLoop(loop); err != nil {
			t.Fatal(err)
		}
		st, mst, sc := fixtureStory(), minimalStory(), fixtureStoryComment()
		for _, st := range []prep.Story{st, mst} {
			if err := s.SaveStory(st); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SaveStoryComment(sc); err != nil {
			t.Fatal(err)
		}
		da, dd := fixtureDiagramAttempt(), fixtureDiagramDraft()
		if err := s.SaveAttempt(da); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveDraft(dd); err != nil {
			t.Fatal(err)
		}
		for path, key := range map[string][]byte{attemptFixture: attemptKey(&a), draftFixture: draftKey(d.Prompt.ID),
			minimalAttemptFixture: attemptKey(&ma), minimalDraftFixture: draftKey(md.Prompt.ID),
			setFixture: setKey(set.ID), loopFixture: loopKey(loop.ID),
			storyFixture: storyKey(st.ID), minimalStoryFixture: storyKey(mst.ID), storyCommentFixture: storyCommentKey(sc.StoryID, sc.ID),
			diagramAttemptFixture: attemptKey(&da), diagramDraftFixture: draftKey(dd.Prompt.ID)} {
			if _, err := os.Stat(filepath.FromSlash(path)); err == nil && os.Getenv("PANELPREP_WRITE_RECORD_FIXTURES") != "all" {
				continue // written before, by the store of its time: keep it (=all writes them all again)
			}
			var v []byte
			err := s.db.View(func(txn *badger.Txn) error {
				item, err := txn.Get(key)
				if err != nil {
					return err
				}
				v, err = item.ValueCopy(nil)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.FromSlash(path), v, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
}

// The records stored before data had record types of its own decode to the same attempt and draft,
// and are written again byte for byte.
func TestRecordFormatUnchanged(t *testing.T) {
	for _, c := range []struct {
		path   string
		want   any
		decode func([]byte) (any, error)
		encode func() ([]byte, error)
	}{
		{attemptFixture, fixtureAttempt(),
			func(b []byte) (any, error) { return decodeAttempt(b) },
			func() ([]byte, error) { a := fixtureAttempt(); return encodeAttempt(&a) }},
		{draftFixture, fixtureDraft(),
			func(b []byte) (any, error) { return decodeDraft(b) },
			func() ([]byte, error) { d := fixtureDraft(); return encodeDraft(&d) }},
		{setFixture, fixtureSet(),
			func(b []byte) (any, error) { s, err := decodeSet(b); return *s, err },
			func() ([]byte, error) { s := fixtureSet(); return encodeSet(&s) }},
		{loopFixture, fixtureLoop(),
			func(b []byte) (any, error) { return decodeLoop(b) },
			func() ([]byte, error) { l := fixtureLoop(); return encodeLoop(&l) }},
		{minimalAttemptFixture, minimalAttempt(),
			func(b []byte) (any, error) { return decodeAttempt(b) },
			func() ([]byte, error) { a := minimalAttempt(); return encodeAttempt(&a) }},
		{minimalDraftFixture, minimalDraft(),
			func(b []byte) (any, error) { return decodeDraft(b) },
			func() ([]byte, error) { d := minimalDraft(); return encodeDraft(&d) }},
		{storyFixture, fixtureStory(),
			func(b []byte) (any, error) { return decodeStory(b) },
			func() ([]byte, error) { st := fixtureStory(); return encodeStory(&st) }},
		{minimalStoryFixture, minimalStory(),
			func(b []byte) (any, error) { return decodeStory(b) },
			func() ([]byte, error) { st := minimalStory(); return encodeStory(&st) }},
		{storyCommentFixture, fixtureStoryComment(),
			func(b []byte) (any, error) { return decodeStoryComment(b) },
			func() ([]byte, error) { c := fixtureStoryComment(); return encodeStoryComment(&c) }},
		{diagramAttemptFixture, fixtureDiagramAttempt(),
			func(b []byte) (any, error) { return decodeAttempt(b) },
			func() ([]byte, error) { a := fixtureDiagramAttempt(); return encodeAttempt(&a) }},
		{diagramDraftFixture, fixtureDiagramDraft(),
			func(b []byte) (any, error) { return decodeDraft(b) },
			func() ([]byte, error) { d := fixtureDiagramDraft(); return encodeDraft(&d) }},
	} {
		stored, err := os.ReadFile(filepath.FromSlash(c.path))
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.decode(stored)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s decodes to\n%+v\nwant\n%+v", c.path, got, c.want)
		}
		again, err := c.encode()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, stored) {
			t.Errorf("%s is written differently now:\n%s\nwas\n%s", c.path, again, stored)
		}
	}
}

// A record whose field has the wrong type is reported as it was before records.go: the error
// names the prep type the record used to decode into.
func TestRecordTypeErrorReadsAsBefore(t *testing.T) {
	_, err := decodeAttempt([]byte(`{"prompt":{"minutes":"sixty"}}`))
	if err == nil || !strings.Contains(err.Error(), "Go struct field Attempt.prompt.minutes of type int") {
		t.Errorf("attempt: %v", err)
	}
	_, err = decodeDraft([]byte(`{"answer":7}`))
	if err == nil || !strings.Contains(err.Error(), "Go struct field Draft.answer of type string") {
		t.Errorf("draft: %v", err)
	}
	_, err = decodeStory([]byte(`{"year":"2024"}`))
	if err == nil || !strings.Contains(err.Error(), "Go struct field Story.year of type int") {
		t.Errorf("story: %v", err)
	}
	_, err = decodeDraft([]byte(`{"diagram":{"components":[{"x":"left"}]}}`))
	if err == nil || !strings.Contains(err.Error(), "Go struct field Draft.diagram.components.x of type float32") {
		t.Errorf("draft's diagram: %v", err)
	}
	_, err = decodeStoryComment([]byte(`{"comment":[]}`))
	if err == nil || !strings.Contains(err.Error(), "Go struct field StoryComment.comment of type string") {
		t.Errorf("story comment: %v", err)
	}
}

// Every field of an attempt, a draft, a set, a loop, a story and a story comment, at any depth, survives the store's records: a field
// added to prep and not to records.go would be lost on every save, and this fails first.
func TestRecordsKeepEveryField(t *testing.T) {
	var a prep.Attempt
	fillAll(t, reflect.ValueOf(&a).Elem(), "Attempt")
	b, err := encodeAttempt(&a)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := decodeAttempt(b); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("an attempt with every field set comes back as\n%+v (%v)\nwant\n%+v", got, err, a)
	}
	var set prep.PracticeSet
	fillAll(t, reflect.ValueOf(&set).Elem(), "PracticeSet")
	if b, err := encodeSet(&set); err != nil {
		t.Fatal(err)
	} else if got, err := decodeSet(b); err != nil || !reflect.DeepEqual(*got, set) {
		t.Errorf("a set with every field set comes back as\n%+v (%v)\nwant\n%+v", got, err, set)
	}
	var l prep.Loop
	fillAll(t, reflect.ValueOf(&l).Elem(), "Loop")
	if b, err := encodeLoop(&l); err != nil {
		t.Fatal(err)
	} else if got, err := decodeLoop(b); err != nil || !reflect.DeepEqual(got, l) {
		t.Errorf("a loop with every field set comes back as\n%+v (%v)\nwant\n%+v", got, err, l)
	}
	var d prep.Draft
	fillAll(t, reflect.ValueOf(&d).Elem(), "Draft")
	b, err = encodeDraft(&d)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := decodeDraft(b); err != nil || !reflect.DeepEqual(got, d) {
		t.Errorf("a draft with every field set comes back as\n%+v (%v)\nwant\n%+v", got, err, d)
	}
	var st prep.Story
	fillAll(t, reflect.ValueOf(&st).Elem(), "Story")
	if b, err := encodeStory(&st); err != nil {
		t.Fatal(err)
	} else if got, err := decodeStory(b); err != nil || !reflect.DeepEqual(got, st) {
		t.Errorf("a story with every field set comes back as\n%+v (%v)\nwant\n%+v", got, err, st)
	}
	var c prep.StoryComment
	fillAll(t, reflect.ValueOf(&c).Elem(), "StoryComment")
	if b, err := encodeStoryComment(&c); err != nil {
		t.Fatal(err)
	} else if got, err := decodeStoryComment(b); err != nil || !reflect.DeepEqual(got, c) {
		t.Errorf("a story comment with every field set comes back as\n%+v (%v)\nwant\n%+v", got, err, c)
	}
}

// fillAll sets every field under v to a value that is not its zero (lists of one), so a field a
// conversion drops shows as a difference.
func fillAll(t *testing.T, v reflect.Value, path string) {
	t.Helper()
	switch v.Interface().(type) {
	case time.Time:
		v.Set(reflect.ValueOf(time.Date(2026, 11, 26, 19, 0, 0, 7, time.UTC)))
		return
	case uuid.UUID:
		v.Set(reflect.ValueOf(uuid.MustParse("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b")))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			fillAll(t, v.Field(i), path+"."+v.Type().Field(i).Name)
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillAll(t, s.Index(0), path+"[0]")
		v.Set(s)
	case reflect.String:
		v.SetString("x" + path)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(len(path)))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(len(path)) + 0.5)
	case reflect.Map:
		m := reflect.MakeMapWithSize(v.Type(), 1)
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fillAll(t, k, path+".key")
		fillAll(t, e, path+"[key]")
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillAll(t, p.Elem(), path)
		v.Set(p)
	default:
		t.Fatalf("%s: fillAll does not know how to fill a %s", path, v.Kind())
	}
}

// BenchmarkRecords compares the records' encoding and decoding of a 2 KB-answer attempt with its
// floor, the prep struct encoded by its own tags as the store did before records.go.
func BenchmarkRecords(b *testing.B) {
	a := fixtureAttempt()
	a.Answer = strings.Repeat("We split the ledger from the authorisation path. ", 42)[:2048]
	stored, err := encodeAttempt(&a)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encode-prep-json", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(&a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode-record", func(b *testing.B) {
		for b.Loop() {
			if _, err := encodeAttempt(&a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode-prep-json", func(b *testing.B) {
		for b.Loop() {
			var got prep.Attempt
			if err := json.Unmarshal(stored, &got); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode-record", func(b *testing.B) {
		for b.Loop() {
			if _, err := decodeAttempt(stored); err != nil {
				b.Fatal(err)
			}
		}
	})
}
