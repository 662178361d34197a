package data

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNotRegularFile means a file PanelPrep was asked to write exists and is something else: a
// device such as /dev/null, a named pipe, a socket or a folder. Writing it atomically would rename
// a new regular file over it, replacing the device node or pipe, so it is refused.
var ErrNotRegularFile = errors.New("exists and is not a regular file")

// WriteFileAtomic writes a file through fill: to a temporary file in the same folder, synced, then
// renamed over path, and the folder synced so the rename survives a power cut. path is therefore
// either absent, its old contents, or complete. A path that exists and is not a regular file (a
// device, a pipe, a folder) is refused before anything is written, with an error wrapping
// ErrNotRegularFile; a symbolic link to a regular file is written through, to the file it names.
// Every export, report, review file, backup and key file of PanelPrep is written with it.
func WriteFileAtomic(path string, fill func(io.Writer) error) error {
	target, err := regularTarget(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	f, err := os.CreateTemp(dir, tempPrefix+"*"+tempSuffix)
	if err != nil {
		return err
	}
	tmp := f.Name()
	bw := bufio.NewWriterSize(f, 256<<10)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(dir)
	return nil
}

// regularTarget is the file a write to path replaces: path itself, or the file a symbolic link at
// path points to. It refuses anything that exists and is not a regular file.
func regularTarget(path string) (string, error) {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil
	}
	if err != nil {
		return "", err
	}
	target := path
	if info.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); err != nil {
			if errors.Is(err, fs.ErrNotExist) { // a link to a file not made yet
				return "", fmt.Errorf("%s is a link to a file that does not exist; give the file's own name: %w", path, err)
			}
			return "", err
		}
		if info, err = os.Stat(target); err != nil {
			return "", err
		}
	}
	if !info.Mode().IsRegular() {
		return "", fmt.Errorf("%s %w (it is %s); give the name of a file to write, nothing was changed", path, ErrNotRegularFile, fileKind(info.Mode()))
	}
	return target, nil
}

func fileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}
