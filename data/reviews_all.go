package data

import (
	"github.com/dgraph-io/badger/v4"

	"github.com/panelprep/panelprep/prep"
)

// AllReviews returns every mentor review in the store, for the calibration view.
func (s *Store) AllReviews() ([]prep.Review, error) {
	var out []prep.Review
	err := s.db.View(func(txn *badger.Txn) error {
		byAttempt, err := allReviews(txn)
		for _, rs := range byAttempt {
			out = append(out, rs...)
		}
		sortReviews(out)
		return err
	})
	return out, err
}
