// Package data is PanelPrep's Badger store: it implements prep.Store on an embedded database in the
// user's data directory.
//
// # Key layout
//
// Every key starts with a one-word prefix naming the record kind; keys sort the way they are read.
// Every kind is declared once, beside this layout in keys.go, with its prefix and the shape of what
// follows it: the code that writes and reads records builds and parses its keys through that
// declaration, migrations scan by it, and Check and DisplayKey read the same rows through the
// recordKinds table.
//
//	meta/schema                        -> uint32 big-endian: the schema version of this store
//	meta/competency-map                -> the fingerprint of the criterion-to-competency mapping the
//	                                      stored attempts were last mapped through (competencies.go)
//	draft/<promptID>                   -> JSON prep.Draft: the round in progress for that prompt
//	attempt/<finished:8><uuid:16>      -> JSON prep.Attempt; finished is Unix nanoseconds, big-endian,
//	                                      so a reverse scan lists attempts newest first
//	attempt-id/<uuid:16>               -> the attempt/ key of that attempt (lookup by ID)
//	summary/<finished:8><uuid:16>      -> prep.AttemptSummary in a compact binary form (summary.go):
//	                                      what lists and statistics need, without the answer and the
//	                                      prompt snapshot (schema 2)
//	text/<finished:8><uuid:16>         -> the attempt's searchable text in a compact binary form
//	                                      (searchtext.go): answer, reflection, follow-up replies
//	                                      (schema 3)
//	set/<setID>                        -> JSON prep.PracticeSet: the latest imported version of a set
//	loop/<uuid:16>                     -> JSON prep.Loop: a mock loop, finished or not
//	loop-shape/<shapeID>               -> JSON prep.LoopShape: the latest imported version of a loop
//	                                      file (loopshapes.go); the shipped ones are in the binary
//	story/<uuid:16>                    -> JSON storyRecord (records.go): one story of the story bank (stories.go)
//	story-comment/<story:16><id:16>    -> JSON storyCommentRecord: a mentor's comment on a story, kept
//	                                      beside it (storycomments.go)
//	review/<attempt:16><review:16>     -> JSON review (bundle.go): a mentor's review of an attempt, kept
//	                                      beside it; never changes the attempt, its self-scores or summary
//	interview/<uuid:16>                -> JSON prep.Interview: a live round an interviewer runs for a
//	                                      candidate (interviews.go); no draft, no attempt, in no
//	                                      statistics
//	discarded/<at:8><promptID>         -> JSON prep.Draft: an unfinished round the user discarded at
//	                                      (Unix nanoseconds, big-endian); written with a TTL of
//	                                      prep.KeepDiscarded (a week), listed in the Practice screen's
//	                                      resume area to restore, and in backups until it expires
//	                                      (discarded.go)
//	damaged/<moved:8><original key>    -> the bytes of a record that did not decode, set aside by
//	                                      `panelprep check --repair` (moved: Unix nanoseconds,
//	                                      big-endian); never read, kept so no user data is deleted
//
// Backups live in <dataDir>/backups/ (backup.go); Badger ignores the subfolder. An encrypted store
// has its key file, <dataDir>/encryption.json, beside its files (crypt.go).
package data

import (
	"bytes"
	"encoding/binary"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// The record kinds, in key-layout order. Their prefix bytes are the stored format: a changed byte
// makes every existing store unreadable, so they never change (TestKeyPrefixBytes pins them; a new
// kind gets a new prefix and a schema version, as summary/ and text/ did in migrate.go). No prefix
// starts another, so a key belongs to exactly one kind whatever order they are tried in.
var (
	schemaKind     = &recordKind{kind: KindMeta, prefix: []byte("meta/schema"), exact: true} // the one key of its kind
	mappingKind    = &recordKind{kind: KindMapping, prefix: []byte("meta/competency-map"), exact: true, note: "which mapping to competencies the attempts went through"}
	draftKind      = &recordKind{kind: KindDraft, prefix: []byte("draft/"), shape: shapePlain}
	attemptKind    = &recordKind{kind: KindAttempt, prefix: []byte("attempt/"), shape: shapeTimeID}
	attemptIDKind  = &recordKind{kind: KindAttemptID, prefix: []byte("attempt-id/"), shape: shapeID}
	summaryKind    = &recordKind{kind: KindSummary, prefix: []byte("summary/"), shape: shapeTimeID}
	searchTextKind = &recordKind{kind: KindText, prefix: []byte("text/"), shape: shapeTimeID}
	setKind        = &recordKind{kind: KindSet, prefix: []byte("set/"), shape: shapePlain}
	loopKind       = &recordKind{kind: KindLoop, prefix: []byte("loop/"), shape: shapeID}
	// Imported loop files (loopshapes.go); "loop/" does not start "loop-shape/", nor the reverse.
	loopShapeKind = &recordKind{kind: KindLoopShape, prefix: []byte("loop-shape/"), shape: shapePlain, note: "imported loop files"}
	storyKind     = &recordKind{kind: KindStory, prefix: []byte("story/"), shape: shapeID} // stories.go
	// A mentor's comments on stories (storycomments.go); keys <story:16><comment:16>.
	storyCommentKind = &recordKind{kind: KindStoryComment, prefix: []byte("story-comment/"), shape: shapePlain, note: "a mentor's comments on stories"}
	// Live sessions an interviewer runs (interviews.go).
	interviewKind = &recordKind{kind: KindInterview, prefix: []byte("interview/"), shape: shapeID, note: "live rounds run as an interviewer"}
	// A mentor's reviews of attempts (bundle.go), each beside the attempt it reviews.
	reviewKind = &recordKind{kind: KindReview, prefix: []byte("review/"), shape: shapeIDs, note: "a mentor's reviews of attempts"}
	// Its keys are <at:8><promptID>, shown as plain bytes (quoted) as they always have been.
	discardedKind = &recordKind{kind: KindDiscarded, prefix: []byte("discarded/"), shape: shapePlain, note: "discarded drafts, kept a week to restore"}
	damagedKind   = &recordKind{kind: KindDamaged, prefix: []byte("damaged/"), shape: shapeTimeKey, note: "set aside by a repair; kept, not read"}
	otherKind     = &recordKind{kind: KindOther, note: "not known to this version; not checked"}

	// reviewStreamPrefix starts no key in a store: it marks the review store's records in a backup
	// stream (reviewstore.go), where they follow the practice store's. "review/" keys of the
	// practice store do not start with it.
	reviewStreamPrefix = []byte("reviewstore/")
)

// The record kinds a Report counts, in key-layout order (the order of recordKinds).
const (
	KindMeta         = "meta" // the schema version record
	KindMapping      = "competency-map"
	KindDraft        = "draft"
	KindAttempt      = "attempt"
	KindAttemptID    = "attempt-id"
	KindSummary      = "summary"
	KindText         = "text" // search text
	KindSet          = "set"
	KindLoop         = "loop"
	KindLoopShape    = "loop-shape" // imported loop files
	KindStory        = "story"
	KindStoryComment = "story-comment"
	KindInterview    = "interview" // live rounds run as an interviewer (interviews.go)
	KindReview       = "review"    // counted under KindOther before it had its row
	KindDiscarded    = "discarded" // drafts the user discarded, kept a week to restore (discarded.go)
	KindDamaged      = "damaged"   // records set aside by an earlier repair; not problems
	KindOther        = "other"     // keys this version does not know; not checked
)

// recordKind is one kind of record: its prefix and the shape of the rest of its keys. Writing and
// reading build and parse keys through it (the methods below), so a key is laid out in one place.
type recordKind struct {
	kind   string
	prefix []byte // nil matches every key: only otherKind has none
	exact  bool   // the kind is this one key, not every key under it
	shape  keyShape
	note   string // said after the count in Report.String; "" for none
}

// keyShape is what follows a kind's prefix in its keys, as DisplayKey decodes it for people. A key
// whose length does not fit its shape is shown as plain bytes.
type keyShape int

const (
	shapePlain   keyShape = iota // text (a prompt or set ID), shown as it is, or quoted if not printable
	shapeTimeID                  // <time:8><uuid:16>: Unix nanoseconds, big-endian, and an ID
	shapeID                      // <uuid:16>
	shapeTimeKey                 // <time:8><the original key>: when a repair set the record aside
	shapeIDs                     // <uuid:16><uuid:16>: the record's owner, then its own ID
)

// key is the kind's key with parts after its prefix: the one key of an exact kind when there are
// none.
func (k *recordKind) key(parts ...[]byte) []byte {
	b := bytes.Clone(k.prefix)
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// textKey is the key <prefix><s>, for the kinds keyed by a prompt or set ID.
func (k *recordKind) textKey(s string) []byte { return k.key([]byte(s)) }

// idKey is the key <prefix><id:16> of a shapeID kind.
func (k *recordKind) idKey(id uuid.UUID) []byte { return k.key(id[:]) }

// timeKey is the key <prefix><t:8><rest>: t in Unix nanoseconds, big-endian, so keys sort by time.
func (k *recordKind) timeKey(t time.Time, rest []byte) []byte {
	return k.key(binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano())), rest)
}

// suffix is what follows the kind's prefix in key.
func (k *recordKind) suffix(key []byte) []byte { return key[len(k.prefix):] }

// like is the key of this kind with the suffix of key, a key of kind from: a derived record and its
// attempt share their time-and-ID suffix.
func (k *recordKind) like(from *recordKind, key []byte) []byte { return k.key(from.suffix(key)) }

// The keys of each kind, built only through the rows above.

func draftKey(promptID string) []byte  { return draftKind.textKey(promptID) }
func setKey(id string) []byte          { return setKind.textKey(id) }
func loopKey(id uuid.UUID) []byte      { return loopKind.idKey(id) }
func loopShapeKey(id string) []byte    { return loopShapeKind.textKey(id) }
func storyKey(id uuid.UUID) []byte     { return storyKind.idKey(id) }
func interviewKey(id uuid.UUID) []byte { return interviewKind.idKey(id) }
func attemptIDKey(id uuid.UUID) []byte {
	return attemptIDKind.idKey(id)
}

// attemptKey is attempt/<finished:8><uuid:16>: a reverse scan lists attempts newest first.
func attemptKey(a *prep.Attempt) []byte { return attemptKind.timeKey(a.FinishedAt, a.ID[:]) }

// discardedKey is the key of a draft the user discarded at at, kept for prep.KeepDiscarded:
// discarded/<discarded:8><promptID> (Unix nanoseconds, big-endian, so a reverse scan lists the
// latest first); the value is the draft's JSON, exactly as it was under draft/. Each is written
// with Badger's TTL, so it disappears by itself after a week; until then it is in every backup.
func discardedKey(at time.Time, promptID string) []byte {
	return discardedKind.timeKey(at, []byte(promptID))
}

// damagedKey is where a repair sets aside the record under key, moved at moved.
func damagedKey(moved time.Time, key []byte) []byte { return damagedKind.timeKey(moved, key) }

// reviewKey is review/<attempt:16><review:16>; reviewPrefix the start every review of an attempt
// shares.
func reviewKey(attemptID, reviewID uuid.UUID) []byte {
	return append(reviewPrefix(attemptID), reviewID[:]...)
}

func reviewPrefix(attemptID uuid.UUID) []byte { return reviewKind.key(attemptID[:]) }

// kindRow is a row of recordKinds: a kind, and how Check reads its records.
type kindRow struct {
	*recordKind
	// check decodes one record and notes its problems; nil: the record is counted, never read.
	check func(c *checker, key, value []byte)
}

// recordKinds lists every kind in key-layout order, which is the order of Report.Counts and of
// its problems. This table is the one list of them for Check: it tells a key's kind by it
// (kindOf), decodes and checks each record with its check, and reports the counts in its order
// with its notes; DisplayKey shows its keys by their shape. The derived kinds' own table
// (derived.go) says how summaries and search texts are built; their rows here point at it.
var recordKinds = []kindRow{
	{schemaKind, (*checker).checkMeta},
	{mappingKind, nil},
	{draftKind, (*checker).checkDraft},
	{attemptKind, (*checker).checkAttempt},
	{attemptIDKind, (*checker).checkIndexEntry},
	{summaryKind, derivedSummary.checkRecord},
	{searchTextKind, derivedSearchText.checkRecord},
	{setKind, (*checker).checkSet},
	{loopKind, (*checker).checkLoop},
	{loopShapeKind, (*checker).checkLoopShape},
	{storyKind, (*checker).checkStory},
	{storyCommentKind, (*checker).checkStoryComment},
	{interviewKind, (*checker).checkInterview},
	{reviewKind, (*checker).checkReview},
	{discardedKind, (*checker).checkDiscarded},
	{damagedKind, nil},
	{otherKind, nil},
}

// kindOf is the row of recordKinds a key belongs to.
func kindOf(key []byte) kindRow {
	for _, k := range recordKinds {
		if k.exact && bytes.Equal(key, k.prefix) || !k.exact && bytes.HasPrefix(key, k.prefix) {
			return k
		}
	}
	panic("unreachable: the last row of recordKinds matches every key")
}
