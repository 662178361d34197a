// Package data is PanelPrep's Badger store: it implements prep.Store on an embedded database in the
// user's data directory.
//
// # Key layout
//
// Every key starts with a one-word prefix naming the record kind; keys sort the way they are read.
// Every prefix is declared once, beside this layout in keys.go, and every record kind Check counts
// is a row of the recordKinds table there.
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
//	story/<uuid:16>                    -> JSON prep.Story: one story of the story bank (stories.go)
//	review/<attempt:16><review:16>     -> JSON review (bundle.go): a mentor's review of an attempt, kept
//	                                      beside it; never changes the attempt, its self-scores or summary
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

import "bytes"

// The key prefixes, in key-layout order. Their bytes are the stored format: a changed byte makes
// every existing store unreadable, so they never change (TestKeyPrefixBytes pins them; a new kind
// gets a new prefix and a schema version, as summary/ and text/ did in migrate.go). No prefix starts
// another, so a key belongs to exactly one kind whatever order they are tried in.
var (
	keySchema        = []byte("meta/schema") // the one key of its kind, not a prefix
	keyCompetencyMap = []byte("meta/competency-map")
	prefixDraft      = []byte("draft/")
	prefixAttempt    = []byte("attempt/")
	prefixAttemptID  = []byte("attempt-id/")
	prefixSummary    = []byte("summary/")
	prefixSearchText = []byte("text/")
	prefixSet        = []byte("set/")
	prefixLoop       = []byte("loop/")
	prefixStory      = []byte("story/")  // stories.go
	prefixReview     = []byte("review/") // bundle.go
	prefixDiscarded  = []byte("discarded/")
	prefixDamaged    = []byte("damaged/")

	// reviewStreamPrefix starts no key in a store: it marks the review store's records in a backup
	// stream (reviewstore.go), where they follow the practice store's. "review/" keys of the
	// practice store do not start with it.
	reviewStreamPrefix = []byte("reviewstore/")
)

// The record kinds a Report counts, in key-layout order (the order of recordKinds).
const (
	KindMeta      = "meta" // the schema version record
	KindMapping   = "competency-map"
	KindDraft     = "draft"
	KindAttempt   = "attempt"
	KindAttemptID = "attempt-id"
	KindSummary   = "summary"
	KindText      = "text" // search text
	KindSet       = "set"
	KindLoop      = "loop"
	KindStory     = "story"
	KindDiscarded = "discarded" // drafts the user discarded, kept a week to restore (discarded.go)
	KindDamaged   = "damaged"   // records set aside by an earlier repair; not problems
	KindOther     = "other"     // keys this version does not know; not checked
)

// recordKind is one kind of record as Check sees it. This table is the one list of them: Check
// tells a key's kind by it (kindOf), decodes and checks each record with its check, and reports
// the counts in its order with its notes; DisplayKey shows its keys by its shape. The derived kinds' own table (derived.go) says how
// summaries and search texts are built; their rows here point at it.
type recordKind struct {
	kind   string
	prefix []byte // nil matches every key: only the last row, KindOther, has none
	exact  bool   // the kind is this one key, not every key under it
	shape  keyShape
	note   string // said after the count in Report.String; "" for none
	// check decodes one record and notes its problems; nil: the record is counted, never read.
	check func(c *checker, key, value []byte)
}

// keyShape is what follows a kind's prefix in its keys, as DisplayKey decodes it for people. A key
// whose length does not fit its shape is shown as plain bytes.
type keyShape int

const (
	shapePlain   keyShape = iota // text (a prompt or set ID), shown as it is, or quoted if not printable
	shapeTimeID                  // <time:8><uuid:16>: Unix nanoseconds, big-endian, and an ID
	shapeID                      // <uuid:16>
	shapeTimeKey                 // <time:8><the original key>: when a repair set the record aside
)

// recordKinds lists every kind in key-layout order, which is the order of Report.Counts and of
// its problems. review/ records (bundle.go) have no row of their own yet: Check counts them under
// KindOther, as it always has.
var recordKinds = []recordKind{
	{kind: KindMeta, prefix: keySchema, exact: true, check: (*checker).checkMeta},
	{kind: KindMapping, prefix: keyCompetencyMap, exact: true, note: "which mapping to competencies the attempts went through"},
	{kind: KindDraft, prefix: prefixDraft, check: (*checker).checkDraft},
	{kind: KindAttempt, prefix: prefixAttempt, shape: shapeTimeID, check: (*checker).checkAttempt},
	{kind: KindAttemptID, prefix: prefixAttemptID, shape: shapeID, check: (*checker).checkIndexEntry},
	{kind: KindSummary, prefix: prefixSummary, shape: shapeTimeID, check: derivedSummary.checkRecord},
	{kind: KindText, prefix: prefixSearchText, shape: shapeTimeID, check: derivedSearchText.checkRecord},
	{kind: KindSet, prefix: prefixSet, check: (*checker).checkSet},
	{kind: KindLoop, prefix: prefixLoop, shape: shapeID, check: (*checker).checkLoop},
	{kind: KindStory, prefix: prefixStory, shape: shapeID, check: (*checker).checkStory},
	// Its keys are <at:8><promptID>, shown as plain bytes (quoted) as they always have been.
	{kind: KindDiscarded, prefix: prefixDiscarded, note: "discarded drafts, kept a week to restore",
		check: (*checker).checkDiscarded},
	{kind: KindDamaged, prefix: prefixDamaged, shape: shapeTimeKey, note: "set aside by a repair; kept, not read"},
	{kind: KindOther, note: "not known to this version; not checked"},
}

// kindOf is the row of recordKinds a key belongs to.
func kindOf(key []byte) recordKind {
	for _, k := range recordKinds {
		if k.exact && bytes.Equal(key, k.prefix) || !k.exact && bytes.HasPrefix(key, k.prefix) {
			return k
		}
	}
	panic("unreachable: the last row of recordKinds matches every key")
}
