package preptest

import (
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// The in-memory store keeps the store contract that data's Badger store keeps
// (data's TestStoreContract runs the same cases).
func TestMemStoreContract(t *testing.T) {
	StoreContract(t, func(*testing.T) prep.Store { return NewMemStore() })
}
