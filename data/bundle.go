package data

// Bundles in and out of the store: export attempts for a mentor, import a mentor's feedback, and,
// in a mentor's separate review store, import a candidate's attempts.
//
// Reviews are stored under review/<attemptUUID:16><reviewUUID:16> (the key layout is in keys.go):
// a mentor's review of an attempt, kept beside it; the attempt record, its self-scores and its
// summary are never touched.
//
// Imports check the whole bundle (and each review against the stored attempt it belongs to)
// before writing anything, then write in one transaction: a bundle is imported completely or not
// at all. A bundle too big for one Badger transaction is refused with a message, never written in
// part.
//
// Review mode. A mentor opens a candidate's bundle into a second store in its own directory,
// ReviewDir(dataDir), opened with OpenReviewStore (reviewstore.go: encrypted like the practice
// store, and part of its backups); the GUI keeps it open beside the practice store while the
// mentor reviews. The mentor's own practice history, statistics and spaced review never see a
// candidate's attempts, and the candidate's attempts can be cleared by deleting that directory.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// The bundle types live in prep, which builds and checks bundles without a store; these names keep
// data's API whole for callers that already use them.
type (
	// ExportFilter is prep.ExportFilter.
	ExportFilter = prep.ExportFilter
	// ImportResult is prep.ImportResult.
	ImportResult = prep.ImportResult
	// MissingAttempt is prep.MissingAttempt.
	MissingAttempt = prep.MissingAttempt
)

// Errors of exports and imports; see prep.
var (
	ErrNothingToExport      = prep.ErrNothingToExport
	ErrWrongBundleKind      = prep.ErrWrongBundleKind
	ErrBundleTooBigForStore = prep.ErrImportTooBig
)

// reviewRecord is how a review is stored: its own JSON, so that a change to prep.Review cannot
// silently change records already on disk.
type reviewRecord struct {
	ID              uuid.UUID         `json:"id"`
	AttemptID       uuid.UUID         `json:"attempt_id"`
	Reviewer        string            `json:"reviewer"`
	ReviewedAt      time.Time         `json:"reviewed_at"`
	Scores          []scoreRecord     `json:"scores"`
	Comment         string            `json:"comment"`
	SectionComments map[string]string `json:"section_comments,omitempty"`
	// A live round's notes and follow-up marks (interviews.go); omitted when empty, so reviews
	// written after the fact are stored byte for byte as before.
	Notes     []noteRecord `json:"notes,omitempty"`
	FollowUps []markRecord `json:"followups,omitempty"`
}

func encodeReview(r *prep.Review) []byte {
	v, err := json.Marshal(reviewRecord{ID: r.ID, AttemptID: r.AttemptID, Reviewer: r.Reviewer, ReviewedAt: r.ReviewedAt,
		Scores: convert(r.Scores, scoreRecordOf), Comment: r.Comment, SectionComments: r.SectionComments,
		Notes: convert(r.Notes, noteRecordOf), FollowUps: convert(r.FollowUps, markRecordOf)})
	if err != nil {
		panic(fmt.Sprintf("encoding review %s: %v", r.ID, err)) // plain data: cannot fail
	}
	return v
}

func decodeReview(item *badger.Item) (prep.Review, error) {
	var rec reviewRecord
	if err := decode(item, &rec); err != nil {
		return prep.Review{}, err
	}
	return rec.review(), nil
}

func (rec *reviewRecord) review() prep.Review {
	return prep.Review{ID: rec.ID, AttemptID: rec.AttemptID, Reviewer: rec.Reviewer, ReviewedAt: rec.ReviewedAt,
		Scores: convert(rec.Scores, scoreRecord.score), Comment: rec.Comment, SectionComments: rec.SectionComments,
		Notes: convert(rec.Notes, noteRecord.note), FollowUps: convert(rec.FollowUps, markRecord.mark)}
}

// checkReview is Check's test of a review/ record: it decodes and sits under its attempt's ID and
// its own. Whether it still fits its attempt's rubric was checked when it was saved or imported;
// the attempt never changes after.
func (c *checker) checkReview(key, value []byte) {
	var rec reviewRecord
	if err := json.Unmarshal(value, &rec); err != nil {
		c.damaged(KindReview, key, value, err)
		return
	}
	if !bytes.Equal(key, reviewKey(rec.AttemptID, rec.ID)) {
		c.problem(KindReview, key, fmt.Sprintf("holds review %s of attempt %s under another key", rec.ID, rec.AttemptID))
	}
}

// OpenReviews opens (creating if needed) a review store in dir, with key as OpenWithKey takes it
// (nil for a plain store). It is a Store like any other, with one difference in its options:
// attempt records go to Badger's value log rather than its LSM tree, so that one transaction
// (which an import must be) holds a whole bundle of a thousand attempts. With the practice store's
// options a transaction takes about 1.25 MB of records, some 150 attempts; here it takes over
// 2,000 (TestImportTransactionLimits).
func OpenReviews(dir string, key []byte) (*Store, error) {
	return openStore(dir, key, reviewOptions)
}

// reviewValueThreshold: values this size or larger (every attempt record, with its prompt
// snapshot) are kept in the value log. A transaction's limit then counts only their pointers.
const reviewValueThreshold = 1 << 10

// ExportBundle builds a bundle of the attempts that match f, oldest first, each with the reviews
// stored for it. The bundle is validated before it is returned.
func (s *Store) ExportBundle(f prep.ExportFilter) (prep.Bundle, error) {
	if f.Kind == "" {
		f.Kind = prep.BundleAttempts
	}
	x := bundleExport{f: f, b: prep.Bundle{Kind: f.Kind, ExportedAt: time.Now().UTC().Truncate(time.Second), ExportedBy: strings.TrimSpace(f.ExportedBy)}}
	if err := s.db.View(x.read); err != nil {
		return prep.Bundle{}, fmt.Errorf("exporting from %s: %w", s.dir, err)
	}
	b := x.b
	if len(b.Attempts) == 0 && len(b.Stories) == 0 && len(b.StoryComments) == 0 {
		what := "no attempts match"
		if f.Kind == prep.BundleFeedback {
			what = "no reviewed attempts match"
		}
		return prep.Bundle{}, fmt.Errorf("%w: %s", prep.ErrNothingToExport, what)
	}
	if problems := b.Validate(); len(problems) > 0 {
		return prep.Bundle{}, fmt.Errorf("a stored record cannot be exported (run panelprep check): %w", &prep.BundleError{Problems: problems})
	}
	return b, nil
}

// bundleExport is one ExportBundle's bundle as it reads the store.
type bundleExport struct {
	f       prep.ExportFilter
	b       prep.Bundle
	reviews map[uuid.UUID][]prep.Review // every review, by attempt
}

// read fills the bundle inside one transaction: the stories and their comments, then the attempt
// f names or every attempt that matches f.
func (x *bundleExport) read(txn *badger.Txn) error {
	var err error
	if x.reviews, err = allReviews(txn); err != nil {
		return err
	}
	if x.b.Stories, err = exportStories(txn, x.f); err != nil {
		return err
	}
	if x.b.StoryComments, err = exportStoryComments(txn, x.f); err != nil {
		return err
	}
	if x.f.AttemptID != uuid.Nil {
		a, err := attemptIn(txn, x.f.AttemptID)
		if err != nil {
			return err
		}
		if x.matches(a.Prompt.ID, a.FinishedAt) {
			x.add(a)
		}
		return nil
	}
	return x.readMatching(txn)
}

// matches says whether an attempt at promptID finished at finished passes the filter.
func (x *bundleExport) matches(promptID string, finished time.Time) bool {
	return (x.f.PromptID == "" || promptID == x.f.PromptID) && !finished.Before(x.f.Since)
}

// add puts an attempt in the bundle with its reviews; a feedback bundle carries only reviewed
// attempts, built as `panelprep review` builds them.
func (x *bundleExport) add(a prep.Attempt) {
	rs := x.reviews[a.ID]
	if x.f.Kind == prep.BundleFeedback {
		for _, r := range rs {
			x.b.AddReview(a, r)
		}
		return
	}
	x.b.Attempts = append(x.b.Attempts, prep.BundleAttempt{Attempt: a, Reviews: rs})
}

// readMatching adds every attempt that matches the filter, oldest first. Summaries say which
// attempts match without decoding the answers of those that do not.
func (x *bundleExport) readMatching(txn *badger.Txn) error {
	start := summaryKind.key()
	if x.f.Since.UnixNano() > 0 { // keys hold unsigned nanoseconds: an earlier date seeks from the start
		start = summaryKind.timeKey(x.f.Since, nil)
	}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: summaryKind.prefix}) // read in place, as Attempts does
	defer it.Close()
	r := summaryReader{interned: map[string]string{}}
	for it.Seek(start); it.ValidForPrefix(summaryKind.prefix); it.Next() {
		var sum prep.AttemptSummary
		err := it.Item().Value(func(v []byte) error {
			var err error
			sum, err = r.decode(v)
			return err
		})
		if err != nil {
			return fmt.Errorf("record %s is damaged (run panelprep check): %w", DisplayKey(it.Item().Key()), err)
		}
		if !x.matches(sum.PromptID, sum.FinishedAt) {
			continue
		}
		item, err := txn.Get(attemptKind.like(summaryKind, it.Item().Key()))
		if err != nil {
			return fmt.Errorf("attempt %s: its summary has no attempt record (run panelprep check): %w", sum.ID, err)
		}
		a, err := decodeRecord(item, decodeAttempt)
		if err != nil {
			return err
		}
		x.add(a)
	}
	return nil
}

// attemptIn reads one attempt by ID inside a transaction.
func attemptIn(txn *badger.Txn, id uuid.UUID) (prep.Attempt, error) {
	var a prep.Attempt
	item, err := txn.Get(attemptIDKey(id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return a, fmt.Errorf("attempt %s: %w", id, prep.ErrNotFound)
	}
	if err != nil {
		return a, err
	}
	k, err := item.ValueCopy(nil)
	if err != nil {
		return a, err
	}
	if item, err = txn.Get(k); err != nil {
		return a, fmt.Errorf("attempt %s: the index points at a missing record: %w", id, err)
	}
	return decodeRecord(item, decodeAttempt)
}

// allReviews reads every review, by attempt, oldest first.
func allReviews(txn *badger.Txn) (map[uuid.UUID][]prep.Review, error) {
	out := map[uuid.UUID][]prep.Review{}
	it := txn.NewIterator(badger.IteratorOptions{Prefix: reviewKind.prefix, PrefetchValues: true, PrefetchSize: 64})
	defer it.Close()
	for it.Seek(reviewKind.prefix); it.ValidForPrefix(reviewKind.prefix); it.Next() {
		r, err := decodeReview(it.Item())
		if err != nil {
			return nil, err
		}
		out[r.AttemptID] = append(out[r.AttemptID], r)
	}
	for _, rs := range out {
		sortReviews(rs)
	}
	return out, nil
}

func sortReviews(rs []prep.Review) {
	sort.Slice(rs, func(i, j int) bool {
		if !rs[i].ReviewedAt.Equal(rs[j].ReviewedAt) {
			return rs[i].ReviewedAt.Before(rs[j].ReviewedAt)
		}
		return bytes.Compare(rs[i].ID[:], rs[j].ID[:]) < 0
	})
}

// Reviews returns the reviews of one attempt, oldest first.
func (s *Store) Reviews(attemptID uuid.UUID) ([]prep.Review, error) {
	var out []prep.Review
	p := reviewPrefix(attemptID)
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: p, PrefetchValues: true, PrefetchSize: 16})
		defer it.Close()
		for it.Seek(p); it.ValidForPrefix(p); it.Next() {
			r, err := decodeReview(it.Item())
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the reviews of attempt %s: %w", attemptID, err)
	}
	sortReviews(out)
	return out, nil
}

// SaveReview stores a review the mentor wrote in review mode, replacing an earlier version of the
// same review. It is checked against the attempt it reviews, which must be in this store.
func (s *Store) SaveReview(r prep.Review) error {
	v := encodeReview(&r)
	if err := s.checkSize(fmt.Sprintf("the review of attempt %s (its comments and scores)", r.AttemptID), len(v), "nothing was saved"); err != nil {
		return fmt.Errorf("saving review %s: %w", r.ID, err)
	}
	err := s.db.Update(func(txn *badger.Txn) error {
		a, err := attemptIn(txn, r.AttemptID)
		if err != nil {
			return err
		}
		if problems := r.Check(&a, "review"); len(problems) > 0 {
			return &prep.BundleError{Problems: problems}
		}
		return txn.Set(reviewKey(r.AttemptID, r.ID), v)
	})
	if err != nil {
		return fmt.Errorf("saving review %s: %w", r.ID, err)
	}
	return nil
}

// DeleteReview removes one review, if it is there.
func (s *Store) DeleteReview(attemptID, reviewID uuid.UUID) error {
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Delete(reviewKey(attemptID, reviewID)) }); err != nil {
		return fmt.Errorf("deleting review %s: %w", reviewID, err)
	}
	return nil
}

// ImportFeedback attaches the reviews in a feedback bundle to the attempts they review, matched by
// attempt ID. Reviews of attempts this store does not hold are reported in the result, not
// imported; the attempts are not created. Self-scores are never changed: reviews are stored
// beside the attempts. Importing the same feedback again changes nothing; a later edit of a review
// (same review ID, later reviewed_at) replaces the earlier one.
//
// The whole bundle is checked first (each review against the stored attempt's rubric and
// sections); any problem imports nothing.
func (s *Store) ImportFeedback(b *prep.Bundle) (prep.ImportResult, error) {
	if b.Kind != prep.BundleFeedback {
		return prep.ImportResult{}, fmt.Errorf("%w: this is an %q bundle (a candidate's answers), not a mentor's feedback; a mentor opens it in review mode", prep.ErrWrongBundleKind, b.Kind)
	}
	return s.importBundle(b, false)
}

// ImportAttempts writes the attempts a bundle carries, with their reviews, into this store: a
// mentor's review store (OpenReviews), never a candidate's practice store. Attempts already here
// are left as they are; reviews are imported as ImportFeedback imports them.
func (s *Store) ImportAttempts(b *prep.Bundle) (prep.ImportResult, error) {
	return s.importBundle(b, true)
}

// placedReview is a review with where it sits in the bundle, for messages.
type placedReview struct {
	path    string
	review  *prep.Review
	carried *prep.Attempt // the attempt as the bundle carries it, if it does
}

func (s *Store) importBundle(b *prep.Bundle, withAttempts bool) (prep.ImportResult, error) {
	if problems := b.Validate(); len(problems) > 0 {
		return prep.ImportResult{}, &prep.BundleError{Problems: problems}
	}
	in, err := s.encodeImport(b, withAttempts)
	if err != nil {
		return prep.ImportResult{}, err
	}
	var it *importTxn
	err = s.db.Update(func(txn *badger.Txn) error {
		it = &importTxn{importing: in, txn: txn, here: map[uuid.UUID]*prep.Attempt{}}
		return it.run()
	})
	if errors.Is(err, badger.ErrTxnTooBig) {
		size := 0
		for _, kv := range it.writes {
			size += len(kv[0]) + len(kv[1])
		}
		return prep.ImportResult{}, fmt.Errorf("%w: it holds %d attempts and %d reviews (%.1f MB of records), more than one import can write here at once; nothing was imported. Ask for a smaller export (panelprep export --since DATE or --prompt ID)",
			prep.ErrImportTooBig, len(b.Attempts), len(in.placed), float64(size)/1e6)
	}
	if err != nil {
		return prep.ImportResult{}, fmt.Errorf("importing into %s: %w", s.dir, err)
	}
	return it.res, nil
}

// importing is a checked bundle ready to import: its reviews with where each sits, and every record
// it may write, encoded and measured before the transaction, which only reads, compares and writes.
type importing struct {
	b            *prep.Bundle
	withAttempts bool
	placed       []placedReview
	newAttempts  [][][2][]byte // per attempt, its records; nil unless withAttempts
	encoded      [][]byte      // per placed review, its record
}

// encodeImport encodes what importing b may write and refuses it, naming the record, when one is
// too large for Badger (which would refuse it only inside the transaction, with its own message).
func (s *Store) encodeImport(b *prep.Bundle, withAttempts bool) (*importing, error) {
	in := &importing{b: b, withAttempts: withAttempts}
	for i := range b.Attempts {
		a := &b.Attempts[i]
		for j := range a.Reviews {
			in.placed = append(in.placed, placedReview{fmt.Sprintf("attempts[%d].reviews[%d]", i, j), &a.Reviews[j], &a.Attempt})
		}
	}
	for k := range b.Reviews {
		in.placed = append(in.placed, placedReview{fmt.Sprintf("reviews[%d]", k), &b.Reviews[k], nil})
	}
	if withAttempts {
		in.newAttempts = make([][][2][]byte, len(b.Attempts))
		for i := range b.Attempts {
			in.newAttempts[i] = attemptEntries(&b.Attempts[i].Attempt)
		}
	}
	in.encoded = make([][]byte, len(in.placed))
	for i, p := range in.placed {
		in.encoded[i] = encodeReview(p.review)
	}
	const notImported = "nothing was imported"
	for i := range in.newAttempts {
		for _, kv := range in.newAttempts[i] {
			if err := s.checkSize(fmt.Sprintf("attempts[%d] of the bundle (attempt %s)", i, b.Attempts[i].ID), len(kv[1]), notImported); err != nil {
				return nil, err
			}
		}
	}
	for i, p := range in.placed {
		if err := s.checkSize(fmt.Sprintf("%s of the bundle (a review of attempt %s)", p.path, p.review.AttemptID), len(in.encoded[i]), notImported); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// importTxn is one try of an import's transaction (Badger may run it again on a conflict, so it
// starts from nothing each time): what it found, and what it will write.
type importTxn struct {
	*importing
	txn      *badger.Txn
	res      prep.ImportResult
	writes   [][2][]byte
	here     map[uuid.UUID]*prep.Attempt // attempts in the store (or about to be), by ID
	problems []prep.Problem
}

// run matches the bundle against the store and writes what is new, all or nothing.
func (it *importTxn) run() error {
	if err := it.attempts(); err != nil {
		return err
	}
	if err := it.reviews(); err != nil {
		return err
	}
	if len(it.problems) > 0 {
		return &prep.BundleError{Problems: it.problems}
	}
	if it.withAttempts {
		stories, n, err := importStories(it.txn, it.b.Stories)
		if err != nil {
			return err
		}
		it.writes, it.res.StoriesAdded = append(it.writes, stories...), n
	}
	comments, added, elsewhere, err := importStoryComments(it.txn, it.b.StoryComments)
	if err != nil {
		return err
	}
	it.writes, it.res.StoryCommentsAdded, it.res.StoryCommentsMissing = append(it.writes, comments...), added, elsewhere
	for _, kv := range it.writes {
		if err := it.txn.Set(kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// attempts finds each of the bundle's attempts in the store: a new one is written (into a review
// store), one already here must answer the same prompt.
func (it *importTxn) attempts() error {
	for i := range it.b.Attempts {
		ba := &it.b.Attempts[i]
		stored, err := attemptIn(it.txn, ba.ID)
		switch {
		case errors.Is(err, prep.ErrNotFound):
			if it.withAttempts {
				it.writes = append(it.writes, it.newAttempts[i]...)
				it.res.AttemptsAdded++
				it.here[ba.ID] = &ba.Attempt
			}
		case err != nil:
			return err
		default:
			if stored.Prompt.ID != ba.Prompt.ID {
				it.problems = append(it.problems, prep.Problem{Path: fmt.Sprintf("attempts[%d].prompt.id", i),
					Message: fmt.Sprintf("attempt %s answers %q in this bundle but %q in your data: the bundle was not made from this attempt", ba.ID, ba.Prompt.ID, stored.Prompt.ID)})
			}
			if it.withAttempts {
				it.res.AttemptsPresent++
			}
			it.here[ba.ID] = &stored
		}
	}
	return nil
}

// reviews files each review under its attempt: new ones are written, a later version replaces an
// earlier one, and reviews of attempts this store lacks are counted, not imported.
func (it *importTxn) reviews() error {
	missing := map[uuid.UUID]int{} // index into res.Missing
	for i, p := range it.placed {
		r := p.review
		a, ok, err := it.attemptOf(p)
		if err != nil {
			return err
		}
		if !ok {
			k, seen := missing[r.AttemptID]
			if !seen {
				k = len(it.res.Missing)
				missing[r.AttemptID] = k
				m := prep.MissingAttempt{AttemptID: r.AttemptID}
				if p.carried != nil {
					m.Title = p.carried.Prompt.Title
				}
				it.res.Missing = append(it.res.Missing, m)
			}
			it.res.Missing[k].Reviews++
			continue
		}
		it.problems = append(it.problems, r.Check(a, p.path)...)
		if err := it.review(r, it.encoded[i]); err != nil {
			return err
		}
	}
	return nil
}

// attemptOf is the attempt a review reviews: one the bundle carries or the store holds.
func (it *importTxn) attemptOf(p placedReview) (*prep.Attempt, bool, error) {
	if a, ok := it.here[p.review.AttemptID]; ok || p.carried != nil {
		return a, ok, nil
	}
	stored, err := attemptIn(it.txn, p.review.AttemptID)
	if errors.Is(err, prep.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	it.here[p.review.AttemptID] = &stored
	return &stored, true, nil
}

// review writes one review if it is new or a later version of the one stored.
func (it *importTxn) review(r *prep.Review, encoded []byte) error {
	key := reviewKey(r.AttemptID, r.ID)
	item, err := it.txn.Get(key)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		it.res.ReviewsAdded++
		it.writes = append(it.writes, [2][]byte{key, encoded})
	case err != nil:
		return err
	default:
		old, err := decodeReview(item)
		if err != nil {
			return err
		}
		if bytes.Equal(encodeReview(&old), encoded) || !r.ReviewedAt.After(old.ReviewedAt) {
			it.res.ReviewsPresent++
			return nil
		}
		it.res.ReviewsUpdated++
		it.writes = append(it.writes, [2][]byte{key, encoded})
	}
	return nil
}
