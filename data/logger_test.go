package data

import (
	"bytes"
	"testing"
)

// TestBadgerCacheAdviceIsQuiet: Badger's cache-sizing advice is not printed (it reached the window
// tests' log and commands' output), while its real warnings and errors still are.
func TestBadgerCacheAdviceIsQuiet(t *testing.T) {
	var buf bytes.Buffer
	l := quietLogger{w: &buf}
	// The calls exactly as Badger's monitorCache makes them (badger/v4 db.go).
	l.Warningf("%s might be too small. Metrics: %s\n", "Block cache", "hit: 1 miss: 9")
	l.Warningf("Cache life expectancy (in seconds): %+v\n", struct{ Count int }{3})
	l.Infof("%s metrics: %s\n", "Block cache", "hit: 9")
	if buf.Len() != 0 {
		t.Fatalf("printed %q", buf.String())
	}
	l.Warningf("Truncate Needed. size: %d offset: %d\n", 100, 40)
	l.Errorf("failed to read %s\n", "000001.vlog")
	want := "badger: Truncate Needed. size: 100 offset: 40\nbadger: failed to read 000001.vlog\n"
	if buf.String() != want {
		t.Fatalf("printed %q, want %q", buf.String(), want)
	}
}
