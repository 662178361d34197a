package data

// Live sessions an interviewer runs (prep.Interview): one interview/<uuid:16> record each, written
// synchronously on every change by the session's saver, as a draft is, because notes are typed
// text. They are a kind of their own, never drafts or attempts, so the interviewer's session
// appears in none of their own practice (history, progress, the resume list) and none of it in a
// session. Their stored format is interviewRecord, spelled out here like the other records'
// (records.go): a renamed prep field never changes what is on disk.

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

type interviewRecord struct {
	ID          uuid.UUID             `json:"id"`
	Interviewer string                `json:"interviewer"`
	SetID       string                `json:"set_id"`
	SetVersion  int                   `json:"set_version"`
	Prompt      promptRecord          `json:"prompt"`
	LoopID      uuid.UUID             `json:"loop_id,omitempty"`
	LoopRound   int                   `json:"loop_round,omitempty"`
	LoopRounds  int                   `json:"loop_rounds,omitempty"`
	LoopSitting int                   `json:"loop_sitting,omitempty"`
	LoopShape   string                `json:"loop_shape,omitempty"`
	LoopPlan    *loopRoundRecord      `json:"loop_plan,omitempty"`
	LoopBands   *bandThresholdsRecord `json:"loop_bands,omitempty"`
	Clock       clockRecord           `json:"clock"`
	FollowUps   []markRecord          `json:"followups,omitempty"`
	Notes       []noteRecord          `json:"notes,omitempty"`
	NoteDraft   string                `json:"note_draft,omitempty"`
	NoteDraftAt time.Duration         `json:"note_draft_at,omitempty"`
	Scores      []scoreRecord         `json:"scores,omitempty"`
	Comment     string                `json:"comment,omitempty"`
	StartedAt   time.Time             `json:"started_at"`
	UpdatedAt   time.Time             `json:"updated_at"`
	ReviewID    uuid.UUID             `json:"review_id,omitempty"`
}

// markRecord is a follow-up as an interviewer ran it; index -1 is a question of their own.
// Durations are nanoseconds of elapsed round time, as time.Duration encodes.
type markRecord struct {
	Index    int           `json:"index"`
	Asker    string        `json:"asker"`
	Question string        `json:"question"`
	Mark     string        `json:"mark"`
	At       time.Duration `json:"at"`
}

type noteRecord struct {
	At   time.Duration `json:"at"`
	Text string        `json:"text"`
}

func markRecordOf(m prep.FollowUpMark) markRecord {
	return markRecord{Index: m.Index, Asker: string(m.Asker), Question: m.Question, Mark: string(m.Mark), At: m.At}
}

func (r markRecord) mark() prep.FollowUpMark {
	return prep.FollowUpMark{Index: r.Index, Asker: prep.Asker(r.Asker), Question: r.Question, Mark: prep.MarkKind(r.Mark), At: r.At}
}

func noteRecordOf(n prep.TimedNote) noteRecord { return noteRecord{At: n.At, Text: n.Text} }
func (r noteRecord) note() prep.TimedNote      { return prep.TimedNote{At: r.At, Text: r.Text} }

func encodeInterview(iv *prep.Interview) ([]byte, error) {
	c := iv.Clock
	var plan *loopRoundRecord
	var bands *bandThresholdsRecord
	if iv.LoopRounds > 0 {
		p := loopRoundRecordOf(iv.LoopPlan)
		plan = &p
	}
	if iv.LoopBands != nil {
		b := bandThresholdsRecordOf(*iv.LoopBands)
		bands = &b
	}
	return json.Marshal(interviewRecord{
		LoopShape: iv.LoopShape, LoopPlan: plan, LoopBands: bands,
		ID: iv.ID, Interviewer: iv.Interviewer, SetID: iv.SetID, SetVersion: iv.SetVersion, Prompt: promptRecordOf(&iv.Prompt),
		LoopID: iv.LoopID, LoopRound: iv.LoopRound, LoopRounds: iv.LoopRounds, LoopSitting: iv.LoopSitting,
		Clock:     clockRecord{Phase: c.Phase, Elapsed: c.Elapsed, Started: c.Started, Running: c.Running, Finished: c.Finished},
		FollowUps: convert(iv.FollowUps, markRecordOf), Notes: convert(iv.Notes, noteRecordOf),
		NoteDraft: iv.NoteDraft, NoteDraftAt: iv.NoteDraftAt, Scores: convert(iv.Scores, scoreRecordOf), Comment: iv.Comment,
		StartedAt: iv.StartedAt, UpdatedAt: iv.UpdatedAt, ReviewID: iv.ReviewID,
	})
}

func decodeInterview(b []byte) (prep.Interview, error) {
	var r interviewRecord
	if err := json.Unmarshal(b, &r); err != nil {
		return prep.Interview{}, asBefore(err, "Interview")
	}
	c := r.Clock
	var plan prep.LoopRound
	if r.LoopPlan != nil {
		plan = r.LoopPlan.loopRound()
	}
	var bands *prep.BandThresholds
	if r.LoopBands != nil {
		b := r.LoopBands.bands()
		bands = &b
	}
	return prep.Interview{
		LoopShape: r.LoopShape, LoopPlan: plan, LoopBands: bands,
		ID: r.ID, Interviewer: r.Interviewer, SetID: r.SetID, SetVersion: r.SetVersion, Prompt: r.Prompt.prompt(),
		LoopID: r.LoopID, LoopRound: r.LoopRound, LoopRounds: r.LoopRounds, LoopSitting: r.LoopSitting,
		Clock:     prep.ClockState{Phase: c.Phase, Elapsed: c.Elapsed, Started: c.Started, Running: c.Running, Finished: c.Finished},
		FollowUps: convert(r.FollowUps, markRecord.mark), Notes: convert(r.Notes, noteRecord.note),
		NoteDraft: r.NoteDraft, NoteDraftAt: r.NoteDraftAt, Scores: convert(r.Scores, scoreRecord.score), Comment: r.Comment,
		StartedAt: r.StartedAt, UpdatedAt: r.UpdatedAt, ReviewID: r.ReviewID,
	}, nil
}

// SaveInterview stores a live session, replacing its earlier state. It is durable on return.
func (s *Store) SaveInterview(iv prep.Interview) error {
	if iv.ID == uuid.Nil {
		return errors.New("saving a live session: it has no ID")
	}
	v, err := encodeInterview(&iv)
	if err != nil {
		return fmt.Errorf("encoding live session %s: %w", iv.ID, err)
	}
	done := "nothing was saved, and the session as saved before is kept"
	if err := s.checkSize("the live session", len(v), done); err != nil {
		return fmt.Errorf("saving the live session on %q: %w", iv.Prompt.Title, err)
	}
	if err := ensureSpace(s.dir, uint64(len(v))); err != nil {
		return fmt.Errorf("saving the live session on %q: %w", iv.Prompt.Title, err)
	}
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set(interviewKey(iv.ID), v) }); err != nil {
		return fmt.Errorf("saving the live session on %q: %w; %s", iv.Prompt.Title, err, done)
	}
	return nil
}

// Interviews lists every live session, most recently updated first.
func (s *Store) Interviews() ([]prep.Interview, error) {
	var out []prep.Interview
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: interviewKind.prefix, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(interviewKind.prefix); it.ValidForPrefix(interviewKind.prefix); it.Next() {
			iv, err := decodeRecord(it.Item(), decodeInterview)
			if err != nil {
				return fmt.Errorf("%w; run `panelprep check` to find and set it aside", err)
			}
			out = append(out, iv)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the live sessions: %w", err)
	}
	slices.SortStableFunc(out, func(a, b prep.Interview) int { return cmp.Compare(b.UpdatedAt.UnixNano(), a.UpdatedAt.UnixNano()) })
	return out, nil
}

// DeleteInterview removes a live session; removing one that is not stored is no error.
func (s *Store) DeleteInterview(id uuid.UUID) error {
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete(interviewKey(id)) }); err != nil {
		return fmt.Errorf("deleting live session %s: %w", id, err)
	}
	return nil
}

func (c *checker) checkInterview(key, value []byte) {
	if iv, err := decodeInterview(value); err != nil {
		c.damaged(KindInterview, key, value, err)
	} else if !bytes.Equal(key, interviewKey(iv.ID)) {
		c.problem(KindInterview, key, fmt.Sprintf("holds live session %s under another key", iv.ID))
	}
}

// The live sessions through the Live handle, under its read lock.

func (l *Live) SaveInterview(iv prep.Interview) error {
	return l.write(func(s *Store) error { return s.SaveInterview(iv) })
}
func (l *Live) Interviews() ([]prep.Interview, error) { return read(l, (*Store).Interviews) }
func (l *Live) DeleteInterview(id uuid.UUID) error {
	return l.write(func(s *Store) error { return s.DeleteInterview(id) })
}
