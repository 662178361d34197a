package prep

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// setShelf is the SetStore contract reduced to what SetImport uses: it keeps what it is given and
// refuses a version that is not newer, as data's store does.
type setShelf struct{ sets map[string]*PracticeSet }

func (s *setShelf) ImportSet(set *PracticeSet) error {
	if old, ok := s.sets[set.ID]; ok && old.Version >= set.Version {
		return ErrSetNotNewer
	}
	s.sets[set.ID] = set
	return nil
}

func (s *setShelf) ImportedSets() ([]*PracticeSet, error) { return nil, nil }

func readTestSet(t *testing.T, name string) *PracticeSet {
	t.Helper()
	f, err := os.Open("../testdata/sets/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set, err := ReadSet(name, f, testModel)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return set
}

func TestSetImportChecksEverySetBeforeTheBackup(t *testing.T) {
	v1 := readTestSet(t, "custom-v1.toml")
	clash := *v1 // another set claiming the same prompt IDs
	clash.ID = "someone-elses-set"
	backups := 0
	shelf := &setShelf{sets: map[string]*PracticeSet{}}
	im := &SetImport{Store: shelf, Backup: func() (string, error) { backups++; return "backup-1", nil }}

	path, problems, err := im.Run([]*PracticeSet{v1, &clash})
	if err != nil || path != "backup-1" || backups != 1 {
		t.Fatalf("Run = %q, %v; %d backups; want one backup and no error", path, err, backups)
	}
	if problems[0] != nil || problems[1] == nil || !strings.Contains(problems[1].Error(), "already used by the set") {
		t.Fatalf("problems = %v; want the second set refused for reusing the first one's prompt IDs", problems)
	}
	if len(shelf.sets) != 1 || len(im.Library.Imported) != 1 {
		t.Errorf("stored %d sets, library has %d imported; want the first set only", len(shelf.sets), len(im.Library.Imported))
	}

	// Nothing passes the checks: no backup is taken for an import that writes nothing.
	if _, problems, err := im.Run([]*PracticeSet{&clash}); err != nil || problems[0] == nil || backups != 1 {
		t.Errorf("a refused set: problems %v, err %v, %d backups; want it refused with no new backup", problems, err, backups)
	}
	// The same version again is refused by the store, and the library is unchanged.
	if _, problems, _ := im.Run([]*PracticeSet{v1}); !errors.Is(problems[0], ErrSetNotNewer) {
		t.Errorf("re-importing version 1: %v, want ErrSetNotNewer", problems[0])
	}
	{
		v2 := readTestSet(t, "custom-v2.toml")
		if _, problems, _ := im.Run([]*PracticeSet{v2}); problems[0] != nil || im.Library.Imported[0].Version != 2 {
			t.Errorf("importing version 2: %v; library holds version %d", problems[0], im.Library.Imported[0].Version)
		}
	}
}

func TestSetImportBackupFailureImportsNothing(t *testing.T) {
	shelf := &setShelf{sets: map[string]*PracticeSet{}}
	im := &SetImport{Store: shelf, Backup: func() (string, error) { return "", errors.New("disk full") }}
	_, _, err := im.Run([]*PracticeSet{readTestSet(t, "custom-v1.toml")})
	if err == nil || !strings.Contains(err.Error(), "nothing was imported") || len(shelf.sets) != 0 {
		t.Fatalf("err = %v, %d sets stored; want a backup error and nothing stored", err, len(shelf.sets))
	}
}

func TestReadSetRefusesAnOversizedFileUnread(t *testing.T) {
	big := strings.NewReader(strings.Repeat("#", MaxSetFileSize+10))
	if _, err := ReadSet("huge.toml", big, testModel); err == nil {
		t.Fatal("a file over the cap was accepted")
	}
	if big.Len() != 9 {
		t.Errorf("%d bytes left unread, want 9: ReadSet must stop one byte past the cap", big.Len())
	}
}
