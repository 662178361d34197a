package data

import (
	"github.com/panelprep/panelprep/prep"
)

// derivedKind is a record kind computed from an attempt and kept under the attempt's own
// time-and-ID key suffix, written with the attempt in one transaction: summaries for lists and
// statistics, search texts for Search. This table is the one place that says what they are:
// saving an attempt writes each (attemptEntries), a schema upgrade that adds one derives it for
// every stored attempt (migrate.go), and Check (through its row in recordKinds, keys.go) rebuilds a
// missing or stale one and sets aside one whose attempt is gone.
type derivedKind struct {
	*recordKind        // its kind and prefix, as keys.go declares them
	usedBy      string // what misses the attempt without it
	value       func(a *prep.Attempt) []byte
	check       func(value []byte) error // says why value does not decode, nil when it does
}

var (
	derivedSummary = derivedKind{summaryKind, "history and statistics",
		func(a *prep.Attempt) []byte { return encodeSummary(a.Summary()) },
		func(v []byte) error {
			r := summaryReader{interned: map[string]string{}}
			_, err := r.decode(v)
			return err
		}}
	derivedSearchText = derivedKind{searchTextKind, "search",
		func(a *prep.Attempt) []byte { return encodeSearchText(a.SearchDoc()) },
		func(v []byte) error { _, err := decodeSearchText(v); return err }}

	derivedKinds = []derivedKind{derivedSummary, derivedSearchText}
)

// key is the record's key for an attempt/ key: the same time-and-ID suffix under its own prefix.
func (d derivedKind) key(attemptKey []byte) []byte {
	return d.like(attemptKind, attemptKey)
}

// summaryKey is the summary/ key for an attempt/ key.
func summaryKey(attemptKey []byte) []byte { return derivedSummary.key(attemptKey) }

// searchTextKey is the text/ key for an attempt/ key.
func searchTextKey(attemptKey []byte) []byte { return derivedSearchText.key(attemptKey) }
