package data

import (
	"testing"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/preptest"
)

// The Badger store keeps the store contract; the in-memory store the screens are tested on runs
// the same cases (preptest's TestMemStoreContract), so the two cannot drift apart.
func TestStoreContract(t *testing.T) {
	preptest.StoreContract(t, func(t *testing.T) prep.Store {
		s, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Error(err)
			}
		})
		return s
	})
}

// The live store, the handle the window holds, keeps the same contract through its lock.
func TestLiveStoreContract(t *testing.T) {
	preptest.StoreContract(t, func(t *testing.T) prep.Store {
		dir := t.TempDir()
		s, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		l := NewLive(dir, s, nil)
		t.Cleanup(func() {
			if err := l.Close(); err != nil {
				t.Error(err)
			}
		})
		return l
	})
}
