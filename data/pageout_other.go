//go:build !linux

package data

// releaseTablePages pages out the store's mapped tables on Linux (pageout_linux.go); elsewhere the
// system reclaims them when it needs the memory.
func releaseTablePages(string) {}
