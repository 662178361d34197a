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
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// The format and the newest version of it that this code reads and writes.
const (
	BundleFormat  = "panelprep-bundle"
	BundleVersion = 1
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
}

// AllReviews returns every review in the bundle: those under attempts, then the others.
func (b *Bundle) AllReviews() []Review {
	var out []Review
	for _, a := range b.Attempts {
		out = append(out, a.Reviews...)
	}
	return append(out, b.Reviews...)
}

// BundleStore is what the mentor round trip needs from a store. data.Store implements it, both for
// a practice store and for a mentor's separate review store (data.OpenReviews).
type BundleStore interface {
	// ExportBundle builds a bundle of the attempts that match f, oldest first, each with its
	// stored reviews. It wraps ErrNothingToExport when none match.
	ExportBundle(f ExportFilter) (Bundle, error)
	// ImportFeedback attaches a feedback bundle's reviews to the attempts they review, matched by
	// attempt ID; reviews of attempts the store lacks are reported in the result, not imported.
	// Self-scores never change. The same feedback twice changes nothing. All or nothing.
	ImportFeedback(b *Bundle) (ImportResult, error)
	// ImportAttempts writes a bundle's attempts and their reviews into a mentor's review store.
	ImportAttempts(b *Bundle) (ImportResult, error)
	// Reviews returns the reviews of one attempt, oldest first.
	Reviews(attemptID uuid.UUID) ([]Review, error)
	// AllReviews returns every review in the store.
	AllReviews() ([]Review, error)
	// SaveReview stores a review written in review mode, replacing an earlier version of it.
	SaveReview(r Review) error
	DeleteReview(attemptID, reviewID uuid.UUID) error
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
	return r.AttemptsAdded+r.ReviewsAdded+r.ReviewsUpdated > 0
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
	parts = append(parts, Count(r.ReviewsAdded, "review")+" added")
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

// EncodeBundle writes b as an indented JSON bundle of the current format version. It refuses a
// bundle that would not decode.
func EncodeBundle(w io.Writer, b Bundle) error {
	if problems := b.Validate(); len(problems) > 0 {
		return &BundleError{Problems: problems}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // the file is data, not HTML; reports escape for their own context
	if err := enc.Encode(toWire(&b)); err != nil {
		return fmt.Errorf("writing the bundle: %w", err)
	}
	return nil
}

// DecodeBundle reads and checks a bundle in full. maxBytes caps its size (MaxBundleSize when 0 or
// less). Any problem returns an error and no bundle: a *BundleError listing every problem with its
// JSON path, or an error wrapping ErrNotBundle, ErrNewerBundle or ErrBundleTooBig.
func DecodeBundle(r io.Reader, maxBytes int64) (*Bundle, error) {
	if maxBytes <= 0 {
		maxBytes = MaxBundleSize
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading the bundle: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: it is over %d bytes, the most PanelPrep reads; export fewer attempts (by prompt or date)", ErrBundleTooBig, maxBytes)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &BundleError{Problems: []Problem{{Path: "file", Message: "is empty"}}}
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		return nil, &BundleError{Problems: []Problem{{Path: "file", Message: fmt.Sprintf("is not valid UTF-8 text (byte %d, %s)", off, lineCol(data, int64(off)))}}}
	}
	w := walker{dec: json.NewDecoder(bytes.NewReader(data)), data: data}
	w.dec.UseNumber()
	w.document(reflect.TypeFor[bundleJSON]())
	if len(w.problems) > 0 {
		if err := checkHead(data); err != nil {
			return nil, err
		}
		return nil, &BundleError{Problems: w.problems}
	}
	// The walk proved the document has exactly the shape of bundleJSON; the decoder now only fills
	// it in. DisallowUnknownFields stays on in case the two ever disagree.
	var wire bundleJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wire); err != nil {
		return nil, &BundleError{Problems: []Problem{{Path: "file", Message: err.Error()}}}
	}
	b, problems := fromWire(&wire)
	if len(problems) > 0 {
		if err := checkHead(data); err != nil {
			return nil, err
		}
		return nil, &BundleError{Problems: problems}
	}
	return b, nil
}

// checkHead reads format and version leniently, once a bundle has failed the strict checks, so
// that a newer bundle (which may have fields this version does not know) is refused for its
// version, and a file that is some other JSON is called that, rather than listed field by field.
func checkHead(data []byte) error {
	var head struct {
		Format  *string      `json:"format"`
		Version *json.Number `json:"version"`
	}
	if json.Unmarshal(data, &head) != nil {
		return nil // not an object of the right shape: the strict walk says exactly what is wrong
	}
	if head.Format == nil || *head.Format != BundleFormat {
		got := "no format field"
		if head.Format != nil {
			got = fmt.Sprintf("format %q", *head.Format)
		}
		return fmt.Errorf("%w: it has %s; a bundle starts {\"format\": %q, ...}", ErrNotBundle, got, BundleFormat)
	}
	if head.Version != nil {
		if v, err := strconv.ParseInt(head.Version.String(), 10, 64); err == nil && v > BundleVersion {
			return &newerBundleError{version: v}
		}
	}
	return nil
}

// Wire types: the bundle's JSON, field by field. Times are RFC 3339 strings and durations whole
// milliseconds, so a person (or another program) can read the file without knowing Go.

type bundleJSON struct {
	Format     string        `json:"format"`
	Version    int           `json:"version"`
	Kind       string        `json:"kind"`
	ExportedAt string        `json:"exported_at"`
	ExportedBy string        `json:"exported_by,omitempty"`
	Attempts   []attemptJSON `json:"attempts"`
	Reviews    []reviewJSON  `json:"reviews"`
}

type attemptJSON struct {
	ID         string          `json:"id"`
	SetID      string          `json:"set_id"`
	SetVersion int             `json:"set_version"`
	LoopID     string          `json:"loop_id,omitempty"`
	Prompt     promptJSON      `json:"prompt"`
	Answer     string          `json:"answer"`
	Sections   []sectionJSON   `json:"sections,omitempty"`
	Teams      []teamJSON      `json:"teams,omitempty"`
	FollowUps  []replyJSON     `json:"followups,omitempty"`
	PhaseTimes []phaseTimeJSON `json:"phase_times"`
	Scores     []scoreJSON     `json:"scores"`
	Reflection string          `json:"reflection"`
	StartedAt  string          `json:"started_at"`
	FinishedAt string          `json:"finished_at"`
	Reviews    []reviewJSON    `json:"reviews"`
}

type promptJSON struct {
	ID          string          `json:"id"`
	Round       RoundType       `json:"round"`
	Level       Level           `json:"level"`
	Context     Context         `json:"context"`
	Title       string          `json:"title"`
	Minutes     int             `json:"minutes"`
	Scenario    string          `json:"scenario"`
	Constraints []string        `json:"constraints,omitempty"`
	Phases      []phaseJSON     `json:"phases"`
	FollowUps   []followUpJSON  `json:"followups,omitempty"`
	Rubric      []criterionJSON `json:"rubric"`
	Hints       []string        `json:"hints,omitempty"`
	Outline     []string        `json:"outline,omitempty"`
	Tags        []string        `json:"tags,omitempty"`
}

// These have the same fields as their prep types (Go converts between them directly); the tags are
// the format's own.
type (
	phaseJSON struct {
		Name    string `json:"name"`
		Minutes int    `json:"minutes"`
	}
	followUpJSON struct {
		Minute   int    `json:"minute"`
		Asker    Asker  `json:"asker"`
		Question string `json:"question"`
	}
	criterionJSON struct {
		Name    string `json:"criterion"`
		Anchor1 string `json:"anchor1"`
		Anchor2 string `json:"anchor2"`
		Anchor3 string `json:"anchor3"`
		Anchor4 string `json:"anchor4"`
	}
	sectionJSON struct {
		Title string `json:"title"`
		Text  string `json:"text"`
	}
	teamJSON struct {
		Name      string   `json:"name"`
		Type      TeamType `json:"type"`
		EM        string   `json:"em"`
		Engineers int      `json:"engineers"`
	}
	scoreJSON struct {
		Criterion string `json:"criterion"`
		Value     int    `json:"value"`
	}
)

type replyJSON struct {
	Index        int    `json:"index"`
	Asker        Asker  `json:"asker"`
	Question     string `json:"question"`
	AskedAtMS    int64  `json:"asked_at_ms"`
	Answer       string `json:"answer,omitempty"`
	AnsweredAtMS int64  `json:"answered_at_ms,omitempty"`
}

type phaseTimeJSON struct {
	Name     string `json:"name"`
	BudgetMS int64  `json:"budget_ms"`
	UsedMS   int64  `json:"used_ms"`
}

type reviewJSON struct {
	ID              string            `json:"id"`
	AttemptID       string            `json:"attempt_id"`
	Reviewer        string            `json:"reviewer"`
	ReviewedAt      string            `json:"reviewed_at"`
	Scores          []scoreJSON       `json:"scores"`
	Comment         string            `json:"comment"`
	SectionComments map[string]string `json:"section_comments,omitempty"`
}

func convert[From, To any](in []From, f func(From) To) []To {
	if in == nil {
		return nil
	}
	out := make([]To, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// nonNil makes required lists encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func formatTime(t time.Time) string { return t.Format(time.RFC3339Nano) }

func ms(d time.Duration) int64 { return d.Milliseconds() }

func toWire(b *Bundle) bundleJSON {
	w := bundleJSON{
		Format: BundleFormat, Version: BundleVersion, Kind: string(b.Kind),
		ExportedAt: formatTime(b.ExportedAt), ExportedBy: b.ExportedBy,
		Attempts: nonNil(convert(b.Attempts, attemptToWire)),
		Reviews:  nonNil(convert(b.Reviews, reviewToWire)),
	}
	return w
}

func attemptToWire(a BundleAttempt) attemptJSON {
	w := attemptJSON{
		ID: a.ID.String(), SetID: a.SetID, SetVersion: a.SetVersion,
		Prompt: promptJSON{
			ID: a.Prompt.ID, Round: a.Prompt.Round, Level: a.Prompt.Level, Context: a.Prompt.Context,
			Title: a.Prompt.Title, Minutes: a.Prompt.Minutes, Scenario: a.Prompt.Scenario,
			Constraints: a.Prompt.Constraints,
			Phases:      nonNil(convert(a.Prompt.Phases, func(p Phase) phaseJSON { return phaseJSON(p) })),
			FollowUps:   convert(a.Prompt.FollowUps, func(f FollowUp) followUpJSON { return followUpJSON(f) }),
			Rubric:      nonNil(convert(a.Prompt.Rubric, func(c Criterion) criterionJSON { return criterionJSON(c) })),
			Hints:       a.Prompt.Hints, Outline: a.Prompt.Outline, Tags: a.Prompt.Tags,
		},
		Answer:   a.Answer,
		Sections: convert(a.Sections, func(s Section) sectionJSON { return sectionJSON(s) }),
		Teams:    convert(a.Teams, func(t Team) teamJSON { return teamJSON(t) }),
		FollowUps: convert(a.FollowUps, func(f FollowUpAnswer) replyJSON {
			return replyJSON{Index: f.Index, Asker: f.Asker, Question: f.Question, AskedAtMS: ms(f.AskedAt),
				Answer: f.Answer, AnsweredAtMS: ms(f.AnsweredAt)}
		}),
		PhaseTimes: nonNil(convert(a.PhaseTimes, func(p PhaseTime) phaseTimeJSON {
			return phaseTimeJSON{Name: p.Name, BudgetMS: ms(p.Budget), UsedMS: ms(p.Used)}
		})),
		Scores:     nonNil(convert(a.Scores, func(s Score) scoreJSON { return scoreJSON(s) })),
		Reflection: a.Reflection,
		StartedAt:  formatTime(a.StartedAt), FinishedAt: formatTime(a.FinishedAt),
		Reviews: nonNil(convert(a.Reviews, reviewToWire)),
	}
	if a.LoopID != uuid.Nil {
		w.LoopID = a.LoopID.String()
	}
	return w
}

func reviewToWire(r Review) reviewJSON {
	return reviewJSON{
		ID: r.ID.String(), AttemptID: r.AttemptID.String(), Reviewer: r.Reviewer, ReviewedAt: formatTime(r.ReviewedAt),
		Scores:  nonNil(convert(r.Scores, func(s Score) scoreJSON { return scoreJSON(s) })),
		Comment: r.Comment, SectionComments: r.SectionComments,
	}
}

// parser turns wire values into domain values, noting a problem for each that does not parse. The
// paths it noted are skipped when Validate reports the same field again (as missing, say).
type parser struct {
	problems []Problem
	failed   map[string]bool
}

func (p *parser) add(path, format string, args ...any) {
	p.problems = append(p.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
	p.failed[path] = true
}

func (p *parser) uuid(path, s string) uuid.UUID {
	// uuid.Parse also takes {braces}, urn:uuid: prefixes and 32 bare hex digits; a bundle uses the
	// canonical 36-character form only, so there is one spelling of each ID.
	id, err := uuid.Parse(s)
	if err != nil || id.String() != s {
		p.add(path, "is not a UUID in its usual form, 8-4-4-4-12 lowercase hex digits (got %q)", clip(s))
		return uuid.Nil
	}
	return id
}

func (p *parser) time(path, s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		p.add(path, "is not an RFC 3339 time such as 2026-11-01T09:30:00Z (got %q)", clip(s))
		return time.Time{}
	}
	return t
}

func (p *parser) duration(path string, v int64) time.Duration {
	if v < 0 || v > maxDurationMS {
		p.add(path, "must be 0 to %d milliseconds (got %d)", int64(maxDurationMS), v)
		return 0
	}
	return time.Duration(v) * time.Millisecond
}

// maxDurationMS is a generous ceiling for a phase or follow-up time: 30 days.
const maxDurationMS = 30 * 24 * 60 * 60 * 1000

// clip shortens a hostile value before it is quoted in a message.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "..."
}

func fromWire(w *bundleJSON) (*Bundle, []Problem) {
	p := &parser{failed: map[string]bool{}}
	if w.Format != BundleFormat {
		p.add("format", "must be %q (got %q)", BundleFormat, clip(w.Format))
	}
	if w.Version != BundleVersion {
		p.add("version", "must be %d (got %d)", BundleVersion, w.Version)
	}
	b := &Bundle{Kind: BundleKind(w.Kind), ExportedAt: p.time("exported_at", w.ExportedAt), ExportedBy: w.ExportedBy}
	for i, wa := range w.Attempts {
		b.Attempts = append(b.Attempts, p.attempt(fmt.Sprintf("attempts[%d]", i), &wa))
	}
	for i, wr := range w.Reviews {
		b.Reviews = append(b.Reviews, p.review(fmt.Sprintf("reviews[%d]", i), &wr))
	}
	for _, v := range b.Validate() {
		if !p.failed[v.Path] {
			p.problems = append(p.problems, v)
		}
	}
	if len(p.problems) > 0 {
		return nil, p.problems
	}
	return b, nil
}

func (p *parser) attempt(at string, w *attemptJSON) BundleAttempt {
	wp := &w.Prompt
	a := BundleAttempt{Attempt: Attempt{
		ID: p.uuid(at+".id", w.ID), SetID: w.SetID, SetVersion: w.SetVersion,
		Prompt: Prompt{
			ID: wp.ID, Round: wp.Round, Level: wp.Level, Context: wp.Context, Title: wp.Title,
			Minutes: wp.Minutes, Scenario: wp.Scenario, Constraints: wp.Constraints,
			Phases:    convert(wp.Phases, func(x phaseJSON) Phase { return Phase(x) }),
			FollowUps: convert(wp.FollowUps, func(x followUpJSON) FollowUp { return FollowUp(x) }),
			Rubric:    convert(wp.Rubric, func(x criterionJSON) Criterion { return Criterion(x) }),
			Hints:     wp.Hints, Outline: wp.Outline, Tags: wp.Tags,
		},
		Answer:     w.Answer,
		Sections:   convert(w.Sections, func(x sectionJSON) Section { return Section(x) }),
		Teams:      convert(w.Teams, func(x teamJSON) Team { return Team(x) }),
		Scores:     convert(w.Scores, func(x scoreJSON) Score { return Score(x) }),
		Reflection: w.Reflection,
		StartedAt:  p.time(at+".started_at", w.StartedAt), FinishedAt: p.time(at+".finished_at", w.FinishedAt),
	}}
	if w.LoopID != "" {
		a.LoopID = p.uuid(at+".loop_id", w.LoopID)
	}
	for j, f := range w.FollowUps {
		fa := fmt.Sprintf("%s.followups[%d]", at, j)
		a.FollowUps = append(a.FollowUps, FollowUpAnswer{Index: f.Index, Asker: f.Asker, Question: f.Question,
			AskedAt: p.duration(fa+".asked_at_ms", f.AskedAtMS), Answer: f.Answer,
			AnsweredAt: p.duration(fa+".answered_at_ms", f.AnsweredAtMS)})
	}
	for j, pt := range w.PhaseTimes {
		pa := fmt.Sprintf("%s.phase_times[%d]", at, j)
		a.PhaseTimes = append(a.PhaseTimes, PhaseTime{Name: pt.Name,
			Budget: p.duration(pa+".budget_ms", pt.BudgetMS), Used: p.duration(pa+".used_ms", pt.UsedMS)})
	}
	for j, wr := range w.Reviews {
		a.Reviews = append(a.Reviews, p.review(fmt.Sprintf("%s.reviews[%d]", at, j), &wr))
	}
	return a
}

func (p *parser) review(at string, w *reviewJSON) Review {
	return Review{
		ID: p.uuid(at+".id", w.ID), AttemptID: p.uuid(at+".attempt_id", w.AttemptID),
		Reviewer: w.Reviewer, ReviewedAt: p.time(at+".reviewed_at", w.ReviewedAt),
		Scores:  convert(w.Scores, func(x scoreJSON) Score { return Score(x) }),
		Comment: w.Comment, SectionComments: w.SectionComments,
	}
}

// Validate reports every problem with the bundle's content, with JSON paths. DecodeBundle and
// EncodeBundle both use it, so a bundle that encodes also decodes.
func (b *Bundle) Validate() []Problem {
	v := &validator{}
	switch b.Kind {
	case BundleAttempts:
		if len(b.Attempts) == 0 {
			v.add("attempts", "an attempts bundle carries at least one attempt")
		}
		if len(b.Reviews) > 0 {
			v.add("reviews", "an attempts bundle carries reviews only under their attempts")
		}
	case BundleFeedback:
		if len(b.AllReviews()) == 0 {
			v.add("reviews", "a feedback bundle carries at least one review")
		}
	default:
		v.add("kind", "must be %q or %q (got %q)", BundleAttempts, BundleFeedback, clip(string(b.Kind)))
	}
	if b.ExportedAt.IsZero() {
		v.add("exported_at", "is missing")
	}
	if n := utf8.RuneCountInString(b.ExportedBy); n > maxNameLen {
		v.add("exported_by", "is %d characters; a name may be at most %d", n, maxNameLen)
	}
	attempts := map[uuid.UUID]int{}
	reviews := map[uuid.UUID]string{}
	seenReview := func(at string, id uuid.UUID) {
		if id == uuid.Nil {
			return
		}
		if first, dup := reviews[id]; dup {
			v.add(at+".id", "review %s appears twice (first at %s)", id, first)
		} else {
			reviews[id] = at
		}
	}
	for i := range b.Attempts {
		a := &b.Attempts[i]
		at := fmt.Sprintf("attempts[%d]", i)
		if first, dup := attempts[a.ID]; dup && a.ID != uuid.Nil {
			v.add(at+".id", "attempt %s appears twice (first at attempts[%d])", a.ID, first)
		} else {
			attempts[a.ID] = i
		}
		v.problems = append(v.problems, a.Attempt.check(at)...)
		for j := range a.Reviews {
			r := &a.Reviews[j]
			ra := fmt.Sprintf("%s.reviews[%d]", at, j)
			seenReview(ra, r.ID)
			if r.AttemptID != a.ID && r.AttemptID != uuid.Nil {
				v.add(ra+".attempt_id", "is %s, but the review sits under attempt %s", r.AttemptID, a.ID)
			}
			v.problems = append(v.problems, r.Check(&a.Attempt, ra)...)
		}
	}
	for k := range b.Reviews {
		r := &b.Reviews[k]
		ra := fmt.Sprintf("reviews[%d]", k)
		seenReview(ra, r.ID)
		if i, carried := attempts[r.AttemptID]; carried && r.AttemptID != uuid.Nil {
			v.add(ra+".attempt_id", "attempt %s is in this bundle (attempts[%d]); put its review in attempts[%d].reviews", r.AttemptID, i, i)
		}
		v.problems = append(v.problems, r.Check(nil, ra)...)
	}
	return v.problems
}

// maxNameLen caps a reviewer's or exporter's name: it is a name, not a document.
const maxNameLen = 200

type validator struct{ problems []Problem }

func (v *validator) add(path, format string, args ...any) {
	v.problems = append(v.problems, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// check reports what is wrong with an attempt as a bundle carries it. The prompt snapshot is held
// to what reports and reviews need (IDs, title, a rubric of named criteria), not to every rule a
// practice set must meet today, so an attempt at an older set still exports.
func (a *Attempt) check(at string) []Problem {
	v := &validator{}
	if a.ID == uuid.Nil {
		v.add(at+".id", "is missing (the nil UUID is not an attempt ID)")
	}
	if !validID(a.SetID) {
		v.add(at+".set_id", "must be 1 to 64 characters of a-z, 0-9 and '-' (got %q)", clip(a.SetID))
	}
	if a.SetVersion < 1 {
		v.add(at+".set_version", "must be 1 or more (got %d)", a.SetVersion)
	}
	p := &a.Prompt
	pa := at + ".prompt"
	if !validID(p.ID) {
		v.add(pa+".id", "must be 1 to 64 characters of a-z, 0-9 and '-' (got %q)", clip(p.ID))
	}
	if !p.Round.valid() {
		v.add(pa+".round", "unknown round type %q (use %s)", clip(string(p.Round)), joinQuoted(RoundTypes))
	}
	if !oneOf(p.Level, levels) {
		v.add(pa+".level", "unknown level %q (use %s)", clip(string(p.Level)), joinQuoted(levels))
	}
	if !oneOf(p.Context, contexts) {
		v.add(pa+".context", "unknown company context %q (use %s)", clip(string(p.Context)), joinQuoted(contexts))
	}
	if strings.TrimSpace(p.Title) == "" {
		v.add(pa+".title", "is missing")
	}
	// The same bound as a practice-set file (set.go): a bundle's prompt is shown in review mode, and
	// a figure past a working day is a damaged or hostile file, never a real round.
	if p.Minutes < 0 || p.Minutes > MaxRoundMinutes {
		v.add(pa+".minutes", "must be 0 to %d minutes (got %d)", MaxRoundMinutes, p.Minutes)
	}
	for j, ph := range p.Phases {
		if strings.TrimSpace(ph.Name) == "" {
			v.add(fmt.Sprintf("%s.phases[%d].name", pa, j), "is missing")
		}
		if ph.Minutes < 0 || ph.Minutes > MaxRoundMinutes {
			v.add(fmt.Sprintf("%s.phases[%d].minutes", pa, j), "must be 0 to %d minutes (got %d)", MaxRoundMinutes, ph.Minutes)
		}
	}
	for j, f := range p.FollowUps {
		if !oneOf(f.Asker, askers) {
			v.add(fmt.Sprintf("%s.followups[%d].asker", pa, j), "unknown panel member %q (use %s)", clip(string(f.Asker)), joinQuoted(askers))
		}
		if f.Minute < 0 {
			v.add(fmt.Sprintf("%s.followups[%d].minute", pa, j), "must be 0 or more (got %d)", f.Minute)
		}
	}
	if n := len(p.Rubric); n < 1 || n > 6 {
		v.add(pa+".rubric", "needs 1 to 6 criteria (has %d)", n)
	}
	names := map[string]int{}
	for j, c := range p.Rubric {
		ca := fmt.Sprintf("%s.rubric[%d].criterion", pa, j)
		if strings.TrimSpace(c.Name) == "" {
			v.add(ca, "is missing")
		} else if first, dup := names[c.Name]; dup {
			v.add(ca, "criterion %q appears twice (first at rubric[%d])", clip(c.Name), first)
		} else {
			names[c.Name] = j
		}
	}
	titles := map[string]int{}
	for j, s := range a.Sections {
		sa := fmt.Sprintf("%s.sections[%d].title", at, j)
		if strings.TrimSpace(s.Title) == "" {
			v.add(sa, "is missing")
		} else if first, dup := titles[s.Title]; dup {
			v.add(sa, "section %q appears twice (first at sections[%d])", clip(s.Title), first)
		} else {
			titles[s.Title] = j
		}
	}
	for j, t := range a.Teams {
		ta := fmt.Sprintf("%s.teams[%d]", at, j)
		if !oneOf(t.Type, TeamTypes) {
			v.add(ta+".type", "unknown team type %q (use %s)", clip(string(t.Type)), joinQuoted(TeamTypes))
		}
		if t.Engineers < 0 || t.Engineers > 10000 {
			v.add(ta+".engineers", "must be 0 to 10000 (got %d)", t.Engineers)
		}
	}
	for j, f := range a.FollowUps {
		fa := fmt.Sprintf("%s.followups[%d]", at, j)
		if f.Index < 0 || f.Index >= len(p.FollowUps) {
			v.add(fa+".index", "is %d, but the prompt has %d follow-ups", f.Index, len(p.FollowUps))
		}
		if !oneOf(f.Asker, askers) {
			v.add(fa+".asker", "unknown panel member %q (use %s)", clip(string(f.Asker)), joinQuoted(askers))
		}
		if f.AskedAt < 0 {
			v.add(fa+".asked_at_ms", "must be 0 or more")
		}
		if f.AnsweredAt < 0 {
			v.add(fa+".answered_at_ms", "must be 0 or more")
		}
	}
	for j, pt := range a.PhaseTimes {
		pa := fmt.Sprintf("%s.phase_times[%d]", at, j)
		if strings.TrimSpace(pt.Name) == "" {
			v.add(pa+".name", "is missing")
		}
		if pt.Budget < 0 {
			v.add(pa+".budget_ms", "must be 0 or more")
		}
		if pt.Used < 0 {
			v.add(pa+".used_ms", "must be 0 or more")
		}
	}
	// Self-scores: none (an attempt saved before scoring existed) or every criterion in rubric
	// order, as NewAttempt requires.
	if len(a.Scores) > 0 && len(a.Scores) != len(p.Rubric) {
		v.add(at+".scores", "%d of the rubric's %d criteria are scored; score each once, in rubric order", len(a.Scores), len(p.Rubric))
	}
	for j, s := range a.Scores {
		sa := fmt.Sprintf("%s.scores[%d]", at, j)
		if j < len(p.Rubric) && s.Criterion != p.Rubric[j].Name {
			v.add(sa+".criterion", "is %q, but rubric[%d] is %q", clip(s.Criterion), j, clip(p.Rubric[j].Name))
		}
		if s.Value < 1 || s.Value > 4 {
			v.add(sa+".value", "must be 1 to 4 (got %d)", s.Value)
		}
	}
	if a.StartedAt.IsZero() {
		v.add(at+".started_at", "is missing")
	}
	if a.FinishedAt.IsZero() {
		v.add(at+".finished_at", "is missing")
	}
	return v.problems
}

// Check reports what is wrong with a review, with paths under at. With the attempt it reviews
// (nil when that is not at hand), it also checks the scores against the attempt's rubric and the
// section comments against its sections.
func (r *Review) Check(a *Attempt, at string) []Problem {
	v := &validator{}
	if r.ID == uuid.Nil {
		v.add(at+".id", "is missing (the nil UUID is not a review ID)")
	}
	if r.AttemptID == uuid.Nil {
		v.add(at+".attempt_id", "is missing (the nil UUID is not an attempt ID)")
	}
	if strings.TrimSpace(r.Reviewer) == "" {
		v.add(at+".reviewer", "is missing: say who wrote the review")
	} else if n := utf8.RuneCountInString(r.Reviewer); n > maxNameLen {
		v.add(at+".reviewer", "is %d characters; a name may be at most %d", n, maxNameLen)
	}
	if r.ReviewedAt.IsZero() {
		v.add(at+".reviewed_at", "is missing")
	}
	if len(r.Scores) == 0 && strings.TrimSpace(r.Comment) == "" && len(r.SectionComments) == 0 {
		v.add(at, "the review is empty: it has no score and no comment")
	}
	// Scores follow the rubric's order, each criterion at most once: a subsequence of the rubric.
	next := 0
	seen := map[string]int{}
	for j, s := range r.Scores {
		sa := fmt.Sprintf("%s.scores[%d]", at, j)
		if s.Value < 1 || s.Value > 4 {
			v.add(sa+".value", "must be 1 to 4 (got %d)", s.Value)
		}
		if strings.TrimSpace(s.Criterion) == "" {
			v.add(sa+".criterion", "is missing")
			continue
		}
		if first, dup := seen[s.Criterion]; dup {
			v.add(sa+".criterion", "%q is scored twice (first at scores[%d])", clip(s.Criterion), first)
			continue
		}
		seen[s.Criterion] = j
		if a == nil {
			continue
		}
		k := next
		for k < len(a.Prompt.Rubric) && a.Prompt.Rubric[k].Name != s.Criterion {
			k++
		}
		if k < len(a.Prompt.Rubric) {
			next = k + 1
			continue
		}
		if idx := criterionIndex(a.Prompt.Rubric, s.Criterion); idx >= 0 {
			v.add(sa+".criterion", "%q is out of rubric order; list scores in the rubric's order", clip(s.Criterion))
		} else {
			v.add(sa+".criterion", "%q is not a criterion of the rubric of %q (it has %s)", clip(s.Criterion), clip(a.Prompt.Title), criterionNames(a.Prompt.Rubric))
		}
	}
	for title, comment := range r.SectionComments {
		ca := fmt.Sprintf("%s.section_comments[%q]", at, clip(title))
		if strings.TrimSpace(comment) == "" {
			v.add(ca, "is empty")
		}
		if a != nil && !hasSection(a.Sections, title) {
			if len(a.Sections) == 0 {
				v.add(ca, "the attempt's answer has no sections; put the comment in the overall comment")
			} else {
				v.add(ca, "the attempt has no section %q", clip(title))
			}
		}
	}
	sortProblems(v.problems)
	return v.problems
}

func criterionIndex(rubric []Criterion, name string) int {
	for i, c := range rubric {
		if c.Name == name {
			return i
		}
	}
	return -1
}

func criterionNames(rubric []Criterion) string {
	q := make([]string, len(rubric))
	for i, c := range rubric {
		q[i] = fmt.Sprintf("%q", clip(c.Name))
	}
	return strings.Join(q, ", ")
}

func hasSection(sections []Section, title string) bool {
	for _, s := range sections {
		if s.Title == title {
			return true
		}
	}
	return false
}

// sortProblems orders problems by path so that map iteration cannot change the order of messages.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Path < ps[j].Path })
}

// walker checks a JSON document against the shape of a Go type, token by token: unknown fields,
// duplicate keys (which encoding/json silently resolves, last one wins), null, wrong types and
// numbers that are not whole or do not fit. It records each problem with its path and line, skips
// the offending value and goes on, stopping only at a syntax error or after maxWalkProblems.
type walker struct {
	dec      *json.Decoder
	data     []byte
	problems []Problem
	stopped  bool
}

const (
	maxWalkProblems = 50
	maxSkipDepth    = 64 // how deeply an unknown or mistyped value may nest before the walk gives up
)

var errStop = errors.New("walk stopped")

func (w *walker) add(path string, off int64, format string, args ...any) {
	if len(w.problems) >= maxWalkProblems {
		w.stopped = true
		return
	}
	msg := fmt.Sprintf(format, args...) + " (" + lineCol(w.data, off) + ")"
	w.problems = append(w.problems, Problem{Path: path, Message: msg})
}

func (w *walker) document(t reflect.Type) {
	if err := w.value(t, ""); err != nil {
		return
	}
	if _, err := w.dec.Token(); err != io.EOF {
		off := w.dec.InputOffset()
		w.add("file", off, "there is more after the end of the bundle's JSON object")
	}
}

func (w *walker) token() (json.Token, error) {
	tok, err := w.dec.Token()
	if err != nil {
		off := w.dec.InputOffset()
		var se *json.SyntaxError
		if errors.As(err, &se) {
			off = se.Offset
		}
		msg := err.Error()
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "the JSON ends early: the file is cut short"
		}
		w.add("file", off, "%s", strings.TrimPrefix(msg, "json: "))
		w.stopped = true
		return nil, errStop
	}
	return tok, nil
}

// value reads the next value, which should have the shape of t, at path.
func (w *walker) value(t reflect.Type, path string) error {
	if w.stopped {
		return errStop
	}
	tok, err := w.token()
	if err != nil {
		return err
	}
	off := w.dec.InputOffset() // just after the token: on the line a person would look at
	shown := path
	if shown == "" {
		shown = "bundle"
	}
	if tok == nil {
		w.add(shown, off, "must be %s, not null", describe(t))
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			w.wrongType(shown, off, t, tok)
			return w.skipRest(tok)
		}
		fields := jsonFields(t)
		seen := map[string]bool{}
		present := 0 // known fields seen
		for w.dec.More() {
			k, err := w.token()
			if err != nil {
				return err
			}
			keyOff := w.dec.InputOffset()
			key := k.(string) // the decoder only returns strings as object keys
			kp := joinPath(path, key)
			f, known := fields[key]
			switch {
			case seen[key]:
				w.add(kp, keyOff, "duplicate key %q", clip(key))
				err = w.skip()
			case !known:
				w.add(kp, keyOff, "unknown field")
				err = w.skip()
			default:
				present++
				err = w.value(f.Type, kp)
			}
			seen[key] = true
			if err != nil {
				return err
			}
		}
		if _, err := w.token(); err != nil { // '}'
			return err
		}
		// A field the encoder always writes (no omitempty) must be there: the schema requires it too.
		if present < len(fields) {
			for i := range t.NumField() {
				name, opts, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
				if !seen[name] && opts != "omitempty" {
					w.add(joinPath(path, name), w.dec.InputOffset(), "is missing")
				}
			}
		}
		return nil
	case reflect.Slice:
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			w.wrongType(shown, off, t, tok)
			return w.skipRest(tok)
		}
		for i := 0; w.dec.More(); i++ {
			if err := w.value(t.Elem(), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		_, err := w.token() // ']'
		return err
	case reflect.Map:
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			w.wrongType(shown, off, t, tok)
			return w.skipRest(tok)
		}
		seen := map[string]bool{}
		for w.dec.More() {
			k, err := w.token()
			if err != nil {
				return err
			}
			keyOff := w.dec.InputOffset()
			key := k.(string)
			kp := fmt.Sprintf("%s[%q]", path, clip(key))
			if seen[key] {
				w.add(kp, keyOff, "duplicate key %q", clip(key))
				err = w.skip()
			} else {
				err = w.value(t.Elem(), kp)
			}
			seen[key] = true
			if err != nil {
				return err
			}
		}
		_, err := w.token() // '}'
		return err
	case reflect.String:
		if _, ok := tok.(string); !ok {
			w.wrongType(shown, off, t, tok)
			return w.skipRest(tok)
		}
	case reflect.Int, reflect.Int64:
		n, ok := tok.(json.Number)
		if !ok {
			w.wrongType(shown, off, t, tok)
			return w.skipRest(tok)
		}
		if _, err := strconv.ParseInt(string(n), 10, t.Bits()); err != nil {
			if strings.ContainsAny(string(n), ".eE") {
				w.add(shown, off, "must be a whole number (got %s)", clip(string(n)))
			} else {
				w.add(shown, off, "is out of range (got %s)", clip(string(n)))
			}
		}
	default:
		panic("bundle walker: no rule for " + t.String()) // the wire types use only the kinds above
	}
	return nil
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (w *walker) wrongType(path string, off int64, t reflect.Type, tok json.Token) {
	w.add(path, off, "must be %s, not %s", describe(t), describeToken(tok))
}

// skip reads and discards one whole value.
func (w *walker) skip() error {
	tok, err := w.token()
	if err != nil {
		return err
	}
	return w.skipRest(tok)
}

// skipRest discards the rest of a value whose first token was tok.
func (w *walker) skipRest(tok json.Token) error {
	d, ok := tok.(json.Delim)
	if !ok || d == '}' || d == ']' {
		return nil
	}
	for depth := 1; depth > 0; {
		tok, err := w.token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			depth++
			if depth > maxSkipDepth {
				w.add("file", w.dec.InputOffset(), "values nest more than %d deep", maxSkipDepth)
				w.stopped = true
				return errStop
			}
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
	}
	return nil
}

func describe(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice:
		return "a list"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int64:
		return "a whole number"
	}
	return t.String()
}

func describeToken(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "a list"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true/false"
	}
	return "null"
}

// wireFields caches jsonFields: the walker asks for every object it reads.
var wireFields sync.Map // reflect.Type -> map[string]reflect.StructField

// jsonFields maps a wire struct's JSON names to its fields.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	if m, ok := wireFields.Load(t); ok {
		return m.(map[string]reflect.StructField)
	}
	out := map[string]reflect.StructField{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out[name] = f
	}
	wireFields.Store(t, out)
	return out
}

// lineCol describes a byte offset as "line L, column C" (columns count characters).
func lineCol(data []byte, off int64) string {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line := 1 + bytes.Count(before, []byte("\n"))
	col := 1 + utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])
	return fmt.Sprintf("line %d, column %d", line, col)
}
