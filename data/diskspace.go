package data

import (
	"errors"
	"fmt"
)

// MinFreeBytes is the free space the store needs before it writes. Badger writes its memtables and
// new tables through memory-mapped files; on a full disk such a write does not fail, it kills the
// process with SIGBUS (seen in PanelPrep's disk-full test). So the store refuses to write, with a
// plain error, while the disk is close to full: enough room for a memtable flush (8 MB) and a new
// memtable and value-log file, with margin.
const MinFreeBytes = 64 << 20

// ErrDiskFull means the disk holding the data has too little free space to write safely.
var ErrDiskFull = errors.New("the disk holding your data is full")

// ensureSpace returns ErrDiskFull (wrapped with the figures) when dir's filesystem is nearly full.
func ensureSpace(dir string, need uint64) error {
	free, err := freeBytes(dir)
	if err != nil {
		return nil // cannot tell: let the write try
	}
	if free < MinFreeBytes+need {
		return fmt.Errorf("%w: %d MB free where PanelPrep needs %d MB to write safely; free some space and your work is saved as soon as there is room",
			ErrDiskFull, free>>20, (MinFreeBytes+need)>>20)
	}
	return nil
}
