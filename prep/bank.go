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

// CompetenciesFile is the competency model's file at the root of the bundled assets.
const CompetenciesFile = "competencies.toml"

// Bank is what the app ships: the competency model and the practice sets whose criteria name it.
type Bank struct {
	Competencies Competencies
	Sets         []*PracticeSet
	// Loops are the shipped loop shapes (LoopsDir), the default first.
	Loops []*LoopShape
}

// LoopsDir is the folder of the shipped loop files at the root of the bundled assets.
const LoopsDir = "loops"

// LoadBank parses the bundled assets: the competency model (CompetenciesFile at the root of fsys)
// and every practice set in dir, each checked against the model.
func LoadBank(fsys fs.FS, dir string) (*Bank, error) {
	data, err := fs.ReadFile(fsys, CompetenciesFile)
	if err != nil {
		return nil, fmt.Errorf("reading the competency model: %w", err)
	}
	model, err := ParseCompetencies(CompetenciesFile, data)
	if err != nil {
		return nil, err
	}
	sets, err := loadSets(fsys, dir, model)
	if err != nil {
		return nil, err
	}
	loops, err := loadLoopShapes(fsys, LoopsDir, model)
	if err != nil {
		return nil, err
	}
	return &Bank{Competencies: model, Sets: sets, Loops: loops}, nil
}

// loadLoopShapes parses every *.toml file in dir of fsys as a loop file, checked against model: the
// default shape first, the others by file name. IDs must be unique across files.
func loadLoopShapes(fsys fs.FS, dir string, model Competencies) ([]*LoopShape, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.toml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []*LoopShape
	var errs []error
	byID := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s, err := ParseLoopShape(name, data, model)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := byID[s.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: id: loop ID %q is already used by %s", name, s.ID, other))
			continue
		}
		byID[s.ID] = name
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID == DefaultLoopShapeID && out[j].ID != DefaultLoopShapeID })
	return out, errors.Join(errs...)
}

// LoadSets is LoadBank's practice sets.
func LoadSets(fsys fs.FS, dir string) ([]*PracticeSet, error) {
	b, err := LoadBank(fsys, dir)
	if err != nil {
		return nil, err
	}
	return b.Sets, nil
}

// loadSets parses every *.toml file in dir of fsys as a practice set. Any bad file is an error that
// names it; set IDs must be unique across files.
func loadSets(fsys fs.FS, dir string, model Competencies) ([]*PracticeSet, error) {
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
			results[i].set, results[i].err = ParseSet(name, data, model)
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

// EncodeBank writes the parsed bank in the binary form embedded as assets/bank.gob.
func EncodeBank(w io.Writer, b *Bank) error { return gob.NewEncoder(w).Encode(b) }

// DecodeBank reads the embedded bank: the competency model and the bundled sets, already parsed and
// validated when it was generated, in a few milliseconds rather than the tens that parsing their
// TOML takes at launch.
func DecodeBank(data []byte) (*Bank, error) {
	var b Bank
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&b); err != nil {
		return nil, fmt.Errorf("the embedded practice bank is damaged: %w", err)
	}
	if len(b.Competencies) == 0 {
		return nil, errors.New("the embedded practice bank has no competency model; regenerate it with go generate ./assets")
	}
	return &b, nil
}
