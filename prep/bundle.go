package prep

// Bundles: the file a candidate sends a mentor (kind "attempts") and the mentor sends back (kind
// "feedback"). The format is JSON, versioned and self-describing; docs/bundle.schema.json is its
// JSON Schema, and the field names below are the format: they are spelled out in wire types of
// their own, so that renaming a Go field can never change a file silently.
//
// A bundle crosses a trust boundary, so DecodeBundle is strict: a size cap, UTF-8 only, no unknown
// fields, no duplicate keys, no null, whole numbers where numbers are counted, nothing after the
// document, and every ID, time and score checked. Every problem is reported with its JSON path
// (attempts[3].scores[1].value) so a person editing a file by hand can find it.

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// The format and the newest version of it that this code reads and writes.
const (
	BundleFormat  = "panelprep-bundle"
	BundleVersion = 4 // 2 added stories (bundle_story.go), 3 a live round's notes and follow-up marks in reviews, 4 the whiteboard in attempts: the diagram (bundle_diagram.go) and the estimate sheet (bundle_estimates.go); a bundle is written in the lowest version that holds it
)

// MaxBundleSize is the default cap on a bundle file: about 7,000 attempts of typical length, far
// more than a mentor is sent, and small enough to hold in memory twice while decoding.
const MaxBundleSize = 64 << 20

// BundleKind says which way a bundle travels.
type BundleKind string

// The two kinds of bundle.
const (
	// BundleAttempts goes from a candidate to a mentor: attempts, with any earlier reviews.
	BundleAttempts BundleKind = "attempts"
	// BundleFeedback comes back from a mentor: reviews, usually with the attempts they review.
	BundleFeedback BundleKind = "feedback"
)

// Review is a mentor's review of one attempt. It never changes the attempt's self-scores: it is
// kept beside them.
type Review struct {
	ID         uuid.UUID
	AttemptID  uuid.UUID
	Reviewer   string
	ReviewedAt time.Time
	// Scores are per rubric criterion, 1 to 4, in rubric order; a criterion the mentor could not
	// judge may be left out.
	Scores  []Score
	Comment string // the overall comment (Markdown)
	// SectionComments maps a section title of a structured answer to the mentor's comment on it.
	SectionComments map[string]string
	// Notes and FollowUps come from a live round an interviewer ran (interview.go): the notes
	// stamped with the round's elapsed time, and what became of each follow-up. Empty for a
	// review written after the fact.
	Notes     []TimedNote
	FollowUps []FollowUpMark
}

// NewReview returns a review of a with a fresh ID, checked against the attempt's rubric and
// sections. It is what a review screen saves.
func NewReview(a *Attempt, reviewer string, scores []Score, comment string, sectionComments map[string]string, at time.Time) (Review, error) {
	r := Review{ID: uuid.New(), AttemptID: a.ID, Reviewer: strings.TrimSpace(reviewer), ReviewedAt: at,
		Scores: scores, Comment: comment, SectionComments: sectionComments}
	if problems := r.Check(a, "review"); len(problems) > 0 {
		return Review{}, &BundleError{Problems: problems}
	}
	return r, nil
}

// BundleAttempt is an attempt as a bundle carries it, with the reviews of it that travel along.
type BundleAttempt struct {
	Attempt
	Reviews []Review
}

// Bundle is the content of a bundle file.
type Bundle struct {
	Kind       BundleKind
	ExportedAt time.Time
	ExportedBy string // optional: the candidate's or mentor's name as they chose to give it
	Attempts   []BundleAttempt
	// Reviews are reviews of attempts the bundle does not carry (a feedback bundle that leaves out
	// the answers). A review of a carried attempt sits in that attempt's Reviews instead.
	Reviews []Review
	// Stories are the candidate's story bank (an attempts bundle only).
	Stories []Story
	// StoryComments are a mentor's comments on the candidate's stories (a feedback bundle only).
	StoryComments []StoryComment
}

// AllReviews returns every review in the bundle: those under attempts, then the others.
func (b *Bundle) AllReviews() []Review {
	var out []Review
	for _, a := range b.Attempts {
		out = append(out, a.Reviews...)
	}
	return append(out, b.Reviews...)
}

// ReviewWriter stores a mentor's review of an attempt the store holds (replacing an earlier
// version of it), checked against that attempt: review mode's store, and the practice store an
// interviewer attaches a live round's review to.
type ReviewWriter interface {
	SaveReview(r Review) error
}

// ReviewReader reads the mentor reviews a store holds: the screens show them beside attempts, in
// History and in Progress.
type ReviewReader interface {
	// Reviews returns the reviews of one attempt, oldest first.
	Reviews(attemptID uuid.UUID) ([]Review, error)
	// AllReviews returns every review in the store.
	AllReviews() ([]Review, error)
}

// ExportFilter says which attempts a store exports, and how the bundle is labelled. The zero
// filter exports every attempt as an attempts bundle.
type ExportFilter struct {
	AttemptID uuid.UUID // just this attempt
	PromptID  string    // the attempts at this prompt: its history
	Since     time.Time // attempts finished at or after this time
	// Kind is BundleAttempts (the default: for a mentor) or BundleFeedback (from a review store,
	// back to the candidate: only attempts that have a review).
	Kind       BundleKind
	ExportedBy string
}

// ImportResult says what an import did.
type ImportResult struct {
	AttemptsAdded   int // ImportAttempts: attempts written
	AttemptsPresent int // ImportAttempts: attempts already in the store, left as they were
	ReviewsAdded    int
	ReviewsUpdated  int // a later edit (same review ID, later reviewed_at) of a review imported before
	ReviewsPresent  int // already imported (the same review, or an older edit of it): nothing written
	StoriesAdded    int // ImportAttempts: stories written, new or a later edit of one imported before
	// StoryCommentsAdded are a mentor's comments on stories written; StoryCommentsMissing those on
	// stories the store does not hold (not imported).
	StoryCommentsAdded, StoryCommentsMissing int
	// Missing lists the attempts that reviews in the bundle refer to but the store does not hold.
	// Their reviews are not imported, and the attempts are not created.
	Missing []MissingAttempt
}

// MissingAttempt is an attempt a bundle's reviews refer to that the store does not have.
type MissingAttempt struct {
	AttemptID uuid.UUID
	Title     string // the prompt's title, when the bundle carries the attempt
	Reviews   int
}

// Changed reports whether the import wrote anything.
func (r ImportResult) Changed() bool {
	return r.AttemptsAdded+r.ReviewsAdded+r.ReviewsUpdated+r.StoriesAdded+r.StoryCommentsAdded > 0
}

// String says what happened in a line: "3 attempts added, 2 reviews added, 1 already imported".
func (r ImportResult) String() string {
	var parts []string
	if r.AttemptsAdded+r.AttemptsPresent > 0 {
		parts = append(parts, Count(r.AttemptsAdded, "attempt")+" added")
		if r.AttemptsPresent > 0 {
			parts = append(parts, fmt.Sprintf("%d already here", r.AttemptsPresent))
		}
	}
	if r.StoriesAdded > 0 {
		parts = append(parts, Count(r.StoriesAdded, "story|stories")+" added")
	}
	parts = append(parts, Count(r.ReviewsAdded, "review")+" added")
	if r.StoryCommentsAdded > 0 {
		parts = append(parts, Count(r.StoryCommentsAdded, "comment")+" on your stories added")
	}
	if r.StoryCommentsMissing > 0 {
		parts = append(parts, Count(r.StoryCommentsMissing, "comment")+" on stories not in your data (not imported)")
	}
	if r.ReviewsUpdated > 0 {
		parts = append(parts, fmt.Sprintf("%d updated", r.ReviewsUpdated))
	}
	if r.ReviewsPresent > 0 {
		parts = append(parts, fmt.Sprintf("%d already imported", r.ReviewsPresent))
	}
	if n := len(r.Missing); n > 0 {
		parts = append(parts, Count(n, "attempt")+" not in your data (not imported)")
	}
	return strings.Join(parts, ", ")
}

// ErrNothingToExport is wrapped when no attempt matches an export's filter.
var ErrNothingToExport = errors.New("nothing to export")

// ErrWrongBundleKind is wrapped when a bundle of one kind is offered to the other kind's import.
var ErrWrongBundleKind = errors.New("wrong kind of bundle")

// ErrImportTooBig is wrapped when a bundle's records do not fit in the one transaction an import
// writes them in; nothing is imported.
var ErrImportTooBig = errors.New("the bundle is too big to import in one step")

// ErrNewerBundle is wrapped by the error for a bundle written by a newer PanelPrep.
var ErrNewerBundle = errors.New("bundle is from a newer PanelPrep")

// ErrNotBundle is wrapped by the error for a file that is not a PanelPrep bundle at all.
var ErrNotBundle = errors.New("not a PanelPrep bundle")

// ErrBundleTooBig is wrapped by the error for a bundle over the size cap.
var ErrBundleTooBig = errors.New("bundle is too big")

type newerBundleError struct{ version int64 }

func (e *newerBundleError) Error() string {
	return fmt.Sprintf("bundle format version %d is newer than this PanelPrep reads (%d); update PanelPrep", e.version, BundleVersion)
}

func (e *newerBundleError) Is(target error) bool { return target == ErrNewerBundle }

// BundleError carries every problem found in a bundle, each with its JSON path.
type BundleError struct {
	Problems []Problem
}

// maxListedProblems is how many problems an error message lists; the rest are counted.
const maxListedProblems = 30

func (e *BundleError) Error() string {
	var b strings.Builder
	if len(e.Problems) == 1 {
		b.WriteString("the bundle is not valid: ")
		b.WriteString(e.Problems[0].String())
		return b.String()
	}
	fmt.Fprintf(&b, "the bundle is not valid (%d problems):", len(e.Problems))
	for i, p := range e.Problems {
		if i == maxListedProblems {
			fmt.Fprintf(&b, "\n... and %d more", len(e.Problems)-i)
			break
		}
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}
