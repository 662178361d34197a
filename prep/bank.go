package prep

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"sync"
)

// LoadSets parses every *.toml file in dir of fsys as a practice set. Any bad file is an error that
// names it; set IDs must be unique across files.
func LoadSets(fsys fs.FS, dir string) ([]*PracticeSet, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.toml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	// Parse the files in parallel: decoding TOML is most of a launch's wait for the library.
	type parsed struct {
		set *PracticeSet
		err error
	}
	results := make([]parsed, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				results[i].err = err
				return
			}
			results[i].set, results[i].err = ParseSet(name, data)
		}()
	}
	wg.Wait()
	var sets []*PracticeSet
	var errs []error
	byID := map[string]string{}
	for i, r := range results {
		if r.err != nil {
			errs = append(errs, r.err)
			continue
		}
		if other, dup := byID[r.set.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: id: set ID %q is already used by %s", names[i], r.set.ID, other))
			continue
		}
		byID[r.set.ID] = names[i]
		sets = append(sets, r.set)
	}
	return sets, errors.Join(errs...)
}

// EncodeBank writes parsed practice sets in the binary form embedded as assets/bank.gob.
func EncodeBank(w io.Writer, sets []*PracticeSet) error { return gob.NewEncoder(w).Encode(sets) }

// DecodeBank reads the embedded bank: the bundled sets, already parsed and validated when it was
// generated, in a few milliseconds rather than the tens that parsing their TOML takes at launch.
func DecodeBank(b []byte) ([]*PracticeSet, error) {
	var sets []*PracticeSet
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&sets); err != nil {
		return nil, fmt.Errorf("the embedded practice bank is damaged: %w", err)
	}
	return sets, nil
}
