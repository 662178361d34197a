package data

import (
	"errors"
	"fmt"
)

// ErrTooBig means a record (an answer, a draft, a review, an attempt in a bundle) is larger than the
// store can keep. It is checked before anything is written, so nothing is changed.
var ErrTooBig = errors.New("too big to keep")

// recordLimit is the largest record the store takes: Badger refuses a value larger than one
// value-log file (16 MB with options), with a message of its own and a hex dump of the value.
func (s *Store) recordLimit() int64 { return s.db.Opts().ValueLogFileSize }

// checkSize refuses a record of n bytes, described by what ("the review of attempt …"), when it is
// larger than the store takes. done says what was not done ("nothing was saved").
func (s *Store) checkSize(what string, n int, done string) error {
	if limit := s.recordLimit(); int64(n) > limit {
		return fmt.Errorf("%w: %s is %s, and PanelPrep keeps records of at most %s; %s. Shorten it (a long text is better attached as a file it links to)",
			ErrTooBig, what, megabytes(int64(n)), megabytes(limit), done)
	}
	return nil
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }
