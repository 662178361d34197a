package prep

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
)

// LoadSets parses every *.toml file in dir of fsys as a practice set. Any bad file is an error that
// names it; set IDs must be unique across files.
func LoadSets(fsys fs.FS, dir string) ([]*PracticeSet, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.toml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var sets []*PracticeSet
	var errs []error
	byID := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		set, err := ParseSet(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := byID[set.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: id: set ID %q is already used by %s", name, set.ID, other))
			continue
		}
		byID[set.ID] = name
		sets = append(sets, set)
	}
	return sets, errors.Join(errs...)
}
