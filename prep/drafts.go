package prep

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// KeepDiscarded is how long a discarded draft stays recoverable. Discarding is one click on a
// banner; a week covers "I did not mean that" and the next weekly review of one's practice.
const KeepDiscarded = 7 * 24 * time.Hour

// DiscardedDraft is an unfinished round the user discarded, kept for KeepDiscarded.
type DiscardedDraft struct {
	Draft       Draft
	DiscardedAt time.Time // wall clock, for display and for the key it is kept under
}

// DraftBin keeps discarded drafts for a while, so a discard can be undone.
type DraftBin interface {
	// DiscardDraft moves the prompt's draft to the discarded drafts, in one transaction, where it
	// expires after KeepDiscarded. A prompt with no draft is not an error.
	DiscardDraft(promptID string, at time.Time) error
	// DiscardedDrafts lists the discarded drafts still kept, most recently discarded first.
	DiscardedDrafts() ([]DiscardedDraft, error)
	// RestoreDiscarded puts a discarded draft back as its prompt's unfinished round. It returns an
	// error wrapping ErrDraftExists, and changes nothing, when that prompt has a draft already.
	RestoreDiscarded(d DiscardedDraft) error
}

// ErrDraftExists is returned when restoring a draft over a prompt's unfinished round.
var ErrDraftExists = fmt.Errorf("this prompt has an unfinished round already")

// Clone returns a copy of d that shares no slice that a screen edits with d: the sections, the
// team table, the replies to the panel, the scores, the clock's phase times, the diagram and the
// estimate sheet's rows. This is the draft's
// copy-on-write rule in one place: the saver keeps a clone of what it is handed, so the screen that
// owns the draft edits it in place. The prompt is shared: a draft never changes its prompt.
func (d Draft) Clone() Draft {
	d.Sections = slices.Clone(d.Sections)
	d.Teams = slices.Clone(d.Teams)
	d.FollowUps = slices.Clone(d.FollowUps)
	d.Scores = slices.Clone(d.Scores)
	d.Clock.Elapsed = slices.Clone(d.Clock.Elapsed)
	if d.Diagram != nil {
		c := d.Diagram.Clone()
		d.Diagram = &c
	}
	d.DiagramSnapshots = slices.Clone(d.DiagramSnapshots) // each snapshot's diagram is never edited
	if d.Estimates != nil {
		sheet := d.Estimates.Clone()
		d.Estimates = &sheet
	}
	return d
}

// DraftSize is what an unfinished round holds, counted as the user wrote it.
type DraftSize struct {
	Characters int // in the answer (every section, or the free text) and the replies to the panel
	Sections   int // sections with text, when answered in sections
	Teams      int // rows of the team table
	Replies    int // follow-ups answered
	Components int // boxes on the whiteboard
	Estimates  int // rows of the estimate sheet with something written in them
}

// Size counts what the draft holds. The free text and the sections are counted by the mode the
// draft is in: the other one may hold text from before the user switched, which is not the answer.
func (d *Draft) Size() DraftSize {
	var s DraftSize
	if d.Structured {
		for _, sec := range d.Sections {
			if n := utf8.RuneCountInString(strings.TrimSpace(sec.Text)); n > 0 {
				s.Characters += n
				s.Sections++
			}
		}
		s.Teams = len(d.Teams)
	} else {
		s.Characters = utf8.RuneCountInString(strings.TrimSpace(d.Answer))
	}
	for _, f := range d.FollowUps {
		if n := utf8.RuneCountInString(strings.TrimSpace(f.Answer)); n > 0 {
			s.Characters += n
			s.Replies++
		}
	}
	if d.Diagram != nil {
		s.Components = len(d.Diagram.Components)
	}
	if d.Estimates != nil {
		for _, r := range d.Estimates.Rows {
			if strings.TrimSpace(r.Name) != "" || strings.TrimSpace(r.Text) != "" {
				s.Estimates++
			}
		}
	}
	return s
}

// Empty says whether nothing has been written.
func (s DraftSize) Empty() bool {
	return s.Characters == 0 && s.Teams == 0 && s.Components == 0 && s.Estimates == 0
}

// String is the size as the resume banner says it: "1,204 characters in 3 sections, 4 teams,
// 2 replies to the panel".
func (s DraftSize) String() string {
	if s.Empty() {
		return "nothing written yet"
	}
	var parts []string
	if s.Characters > 0 {
		chars := groupThousands(s.Characters) + " characters"
		if s.Characters == 1 {
			chars = "1 character"
		}
		if s.Sections > 0 {
			chars += " in " + Count(s.Sections, "section")
		}
		parts = append(parts, chars)
	}
	if s.Teams > 0 {
		parts = append(parts, Count(s.Teams, "team")+" in the table")
	}
	if s.Replies > 0 {
		parts = append(parts, Count(s.Replies, "reply|replies")+" to the panel")
	}
	if s.Components > 0 {
		parts = append(parts, "a diagram of "+Count(s.Components, "component"))
	}
	if s.Estimates > 0 {
		parts = append(parts, Count(s.Estimates, "estimate"))
	}
	return strings.Join(parts, ", ")
}

func groupThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
