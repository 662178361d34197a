package data

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// releaseTablePages asks Linux to page out this process's mappings of the table files (*.sst) of
// the store in dir. Badger maps every table into memory (MAP_SHARED, read-only); a backup reads
// each page of each table once, and those pages then stay counted in the app's resident size (50
// MB more on a store of 10,000 attempts, BenchmarkDailyBackupMemory) until memory runs short.
//
// MADV_PAGEOUT (Linux 5.4) keeps the contents: a page read again comes back from the file. It is
// used rather than MADV_DONTNEED because a table Badger closes between reading /proc/self/maps and
// the call may have its addresses reused by the Go heap, which DONTNEED would zero; PAGEOUT would
// at worst swap those pages out. Errors (an older kernel, a range gone) are ignored: this only
// trims resident memory.
func releaseTablePages(dir string) {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return
	}
	defer f.Close()
	prefix := []byte(filepath.Clean(dir) + string(filepath.Separator))
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// start-end perms offset dev inode path
		fields := bytes.Fields(sc.Bytes())
		if len(fields) < 6 {
			continue
		}
		path := fields[5]
		if !bytes.HasPrefix(path, prefix) || !bytes.HasSuffix(path, []byte(".sst")) || bytes.IndexByte(path[len(prefix):], '/') >= 0 {
			continue
		}
		span := bytes.SplitN(fields[0], []byte("-"), 2)
		if len(span) != 2 {
			continue
		}
		start, err1 := strconv.ParseUint(string(span[0]), 16, 64)
		end, err2 := strconv.ParseUint(string(span[1]), 16, 64)
		if err1 != nil || err2 != nil || end <= start {
			continue
		}
		unix.Syscall(unix.SYS_MADVISE, uintptr(start), uintptr(end-start), unix.MADV_PAGEOUT)
	}
}
