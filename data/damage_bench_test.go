package data

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"
	badgeropts "github.com/dgraph-io/badger/v4/options"
)

// BenchmarkOpenVerify10k is what checking the tables costs on a store of 10,000 attempts, beside
// Badger's checksum modes (badger.Options.ChecksumVerificationMode). "badger-no-check" is the open
// as it was before (no check, NoVerification), the floor. The store now opens with OnBlockRead
// after checkFiles (damage.go): "first" verifies every block (the first open of new tables),
// "again" only the footers and indexes of tables verified before (every other open). OnTableRead
// verifies every block at every open, and drops a damaged table rather than failing. The reads
// compare NoVerification with OnBlockRead.
func BenchmarkOpenVerify10k(b *testing.B) {
	s, _, attempts := settledStore10k(b)
	dir := s.dir
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	noCheck := func(string, *encKey) error { return nil }
	// The first open of these tables: nothing verified before, so every block is.
	firstCheck := func(dir string, enc *encKey) error {
		if err := os.Remove(filepath.Join(dir, verifiedName)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		return checkFiles(dir, enc)
	}
	open := func(b *testing.B, check func(string, *encKey) error, mode badgeropts.ChecksumVerificationMode) *Store {
		b.Helper()
		checkFilesBeforeOpen = check
		defer func() { checkFilesBeforeOpen = checkFiles }()
		s, err := openStore(dir, nil, func(o badger.Options) badger.Options { return o.WithChecksumVerificationMode(mode) })
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	for _, c := range []struct {
		name  string
		check func(string, *encKey) error
		mode  badgeropts.ChecksumVerificationMode
	}{
		{"open/badger-no-check", noCheck, badgeropts.NoVerification},
		{"open/checkFiles-first+OnBlockRead", firstCheck, badgeropts.OnBlockRead},
		{"open/checkFiles-again+OnBlockRead", checkFiles, badgeropts.OnBlockRead},
		{"open/badger-OnTableRead", noCheck, badgeropts.OnTableRead},
		{"open/badger-OnBlockRead", noCheck, badgeropts.OnBlockRead},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := open(b, c.check, c.mode).Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// Reads: listing every summary (the home and progress screens) and reading 100 whole attempts
	// at random (the history screen), on a store just opened, so blocks come from disk once.
	for _, mode := range []struct {
		name string
		mode badgeropts.ChecksumVerificationMode
	}{{"NoVerification", badgeropts.NoVerification}, {"OnBlockRead", badgeropts.OnBlockRead}} {
		b.Run("read/list-all+100-attempts/"+mode.name, func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			for b.Loop() {
				b.StopTimer()
				s := open(b, noCheck, mode.mode)
				b.StartTimer()
				if list, err := s.Attempts(); err != nil || len(list) != len(attempts) {
					b.Fatal(len(list), err)
				}
				for range 100 {
					if _, err := s.Attempt(attempts[rng.IntN(len(attempts))].ID); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}
