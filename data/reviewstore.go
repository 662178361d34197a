package data

// The mentor's review store, kept with the practice data.
//
// Review mode keeps a candidate's attempts and the mentor's comments on them in a second Badger
// store, in <dataDir>/reviews (ReviewDir). Badger leaves subfolders of its directory alone (see
// backup.go), so the folder moves with the data directory, and is:
//
//   - encrypted exactly when the practice store is, with the same key: its key file is a copy of
//     the practice store's encryption.json, so the passphrase that opens one opens the other;
//   - in every backup of the practice store: its records follow the practice store's in the same
//     Badger stream, each key prefixed with reviewStreamPrefix, so they are sealed, checksummed and
//     restored with it (load puts them back into <restored dir>/reviews);
//   - re-encrypted with the practice store when the passphrase changes: SetPassphrase rebuilds the
//     data directory from such a backup, reviews included, and swaps it in whole.
//
// Before this, the review store was a plain sibling folder, <dataDir>-reviews, outside backups;
// OpenReviewStore moves one it finds into place (encrypting it when the practice store is
// encrypted) and deletes the plaintext copy.

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"google.golang.org/protobuf/proto"
)

// ReviewsFolder is the folder inside the data directory that holds the mentor's review store.
const ReviewsFolder = "reviews"

// ReviewDir is where review mode keeps the mentor's review store for the data directory dataDir.
func ReviewDir(dataDir string) string { return filepath.Join(dataDir, ReviewsFolder) }

// legacyReviewDir is where PanelPrep kept it before: a plain sibling folder.
func legacyReviewDir(dataDir string) string { return filepath.Clean(dataDir) + "-reviews" }

// openReviews lists the review stores OpenReviewStore opened in this process, by directory, so that
// a backup of the practice store reads an open one (Badger's lock allows one handle) rather than
// opening it again. A closed one is dropped when next looked up.
var openReviews sync.Map // string -> *Store

// OpenReviewStore opens (creating if needed) the review store of the data directory dataDir, with
// key, the practice store's key (nil when it is not encrypted). The review store is encrypted with
// the same key exactly when the practice store is: a plain one found beside an encrypted practice
// store (made by an older PanelPrep, or before the passphrase was set) is encrypted first, and a
// review store in the old place, <dataDir>-reviews, is moved into the data directory.
func OpenReviewStore(dataDir string, key []byte) (*Store, error) {
	dataDir = filepath.Clean(dataDir)
	if err := finishRekey(dataDir); err != nil {
		return nil, err
	}
	enc, err := unlockDir(dataDir, key)
	if err != nil {
		return nil, err
	}
	dir := ReviewDir(dataDir)
	if err := finishRekey(dir); err != nil {
		return nil, err
	}
	legacy := legacyReviewDir(dataDir)
	switch {
	case hasStore(dir):
		cur, err := readKeyFile(dir)
		if err != nil {
			return nil, fmt.Errorf("the review store: %w", err)
		}
		if cur == nil && enc != nil {
			if err := rebuildReviews(dir, dir, enc); err != nil {
				return nil, fmt.Errorf("encrypting the review store in %s (it is unchanged): %w", dir, err)
			}
		}
	case hasStore(legacy):
		if _, err := readKeyFile(legacy); err != nil {
			return nil, fmt.Errorf("the review store: %w", err)
		}
		if err := rebuildReviews(legacy, dir, enc); err != nil {
			return nil, fmt.Errorf("moving the review store from %s into %s (it is unchanged): %w", legacy, dir, err)
		}
		// The copy in the data directory is complete; the old one would stay readable.
		if err := os.RemoveAll(legacy); err != nil {
			return nil, fmt.Errorf("the review store was moved into %s, but its old copy %s could not be deleted (delete it yourself): %w", dir, legacy, err)
		}
	default:
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrDataDir, dir, err)
		}
		if enc != nil {
			if kf, _ := readKeyFile(dir); kf == nil {
				if err := writeKeyFile(dir, enc.params); err != nil {
					return nil, err
				}
			}
		}
	}
	s, err := OpenReviews(dir, masterOf(enc))
	if err != nil {
		return nil, err
	}
	openReviews.Store(dir, s)
	return s, nil
}

// rebuildReviews copies the plain review store in from into a new review store encrypted with enc
// (nil: plain) that takes the place of to: built beside it, with its key file, and swapped in with
// renames (finishRekey's, so a crash midway is finished by the next open). from and to may be the
// same folder. Both callers rebuild a plain store: an encrypted one is re-keyed with the practice
// store (SetPassphrase), never here.
func rebuildReviews(from, to string, enc *encKey) error {
	src, err := OpenReviews(from, nil)
	if err != nil {
		return err
	}
	defer src.Close()
	parent := filepath.Dir(to)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(to)+rekeyingInfix)
	if err != nil {
		return err
	}
	if err := copyStore(src, tmp, enc); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Rename(tmp, to+rekeyedSuffix); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	syncDir(parent)
	src.Close()
	return finishRekey(to)
}

// copyStore loads every record of src into a new review store in dir, encrypted with enc, and
// writes its key file once it is complete.
func copyStore(src *Store, dir string, enc *encKey) error {
	db, err := badger.Open(reviewOptions(storeOptions(dir, enc)))
	if err != nil {
		return err
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeStream(pw, src.db, nil)) }()
	err = db.Load(pr, 16)
	pr.CloseWithError(errors.New("the copy stopped"))
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && enc != nil {
		err = writeKeyFile(dir, enc.params)
	}
	return err
}

func reviewOptions(o badger.Options) badger.Options {
	return o.WithValueThreshold(reviewValueThreshold)
}

// reviewsForBackup returns the review store of the data directory dataDir, for a backup of the
// practice store s: the one open in this process if there is one, else opened for the backup (done
// then closes it). It returns nil when there is no review store.
func reviewsForBackup(s *Store) (rs *Store, done func(), err error) {
	dir := ReviewDir(s.dir)
	if v, ok := openReviews.Load(dir); ok {
		if rs := v.(*Store); !isClosed(rs.stop) {
			return rs, func() {}, nil
		}
		openReviews.CompareAndDelete(dir, v)
	}
	if !hasStore(dir) && !hasStore(legacyReviewDir(s.dir)) {
		return nil, func() {}, nil
	}
	rs, err = OpenReviewStore(s.dir, masterOf(s.enc))
	if err != nil {
		return nil, nil, fmt.Errorf("the review store in %s cannot be read for the backup: %w", dir, err)
	}
	return rs, func() { rs.Close() }, nil
}

// streamSplitter reads a backup stream and hands the practice store's part (practice) and the
// review store's part (reviews, keys without their prefix) to two Badger loads in turn. The review
// records come after every practice record (Store.Backup writes them last).
type streamSplitter struct {
	src     *bufio.Reader
	held    *pb.KVList // the first review list, read while the practice part was being loaded
	pending []byte
	inPart2 bool
	err     error
}

func newStreamSplitter(r io.Reader) *streamSplitter {
	return &streamSplitter{src: bufio.NewReaderSize(r, 64<<10)}
}

// next reads one list of the stream; io.EOF at its end.
func (s *streamSplitter) next() (*pb.KVList, []byte, error) {
	var n uint64
	if err := binary.Read(s.src, binary.LittleEndian, &n); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, nil, fmt.Errorf("%w: its data ends inside a record", ErrDamagedBackup)
		}
		return nil, nil, err
	}
	if n > 1<<30 {
		return nil, nil, fmt.Errorf("%w: a record list of %d bytes", ErrDamagedBackup, n)
	}
	raw := make([]byte, 8+n)
	binary.LittleEndian.PutUint64(raw, n)
	if _, err := io.ReadFull(s.src, raw[8:]); err != nil {
		return nil, nil, fmt.Errorf("%w: its data ends inside a record (%v)", ErrDamagedBackup, err)
	}
	list := &pb.KVList{}
	if err := proto.Unmarshal(raw[8:], list); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrDamagedBackup, err)
	}
	return list, raw, nil
}

func isReviewList(l *pb.KVList) bool {
	return len(l.Kv) > 0 && bytes.HasPrefix(l.Kv[0].Key, reviewStreamPrefix)
}

// practice is the practice store's part of the stream.
func (s *streamSplitter) practice() io.Reader { return splitPart{s, false} }

// reviews is the review store's part; read it after practice, to its end.
func (s *streamSplitter) reviews() io.Reader { return splitPart{s, true} }

// hasReviews reports whether the stream holds review records; call it once practice is read.
func (s *streamSplitter) hasReviews() bool { return s.held != nil }

type splitPart struct {
	s       *streamSplitter
	reviews bool
}

func (p splitPart) Read(b []byte) (int, error) {
	s := p.s
	for len(s.pending) == 0 {
		if s.err != nil {
			return 0, s.err
		}
		if !p.reviews && s.inPart2 {
			return 0, io.EOF
		}
		var list *pb.KVList
		var raw []byte
		if p.reviews && s.held != nil {
			list, s.held = s.held, nil
		} else {
			var err error
			if list, raw, err = s.next(); err != nil {
				if !errors.Is(err, io.EOF) {
					s.err = err
				}
				return 0, err
			}
		}
		if !isReviewList(list) {
			if p.reviews || s.inPart2 {
				s.err = fmt.Errorf("%w: practice records follow the review store's", ErrDamagedBackup)
				return 0, s.err
			}
			s.pending = raw
			continue
		}
		if !p.reviews {
			s.held, s.inPart2 = list, true
			return 0, io.EOF
		}
		for _, kv := range list.Kv {
			if !bytes.HasPrefix(kv.Key, reviewStreamPrefix) {
				s.err = fmt.Errorf("%w: practice records among the review store's", ErrDamagedBackup)
				return 0, s.err
			}
			kv.Key = kv.Key[len(reviewStreamPrefix):]
		}
		out, err := proto.Marshal(list)
		if err != nil {
			return 0, err
		}
		s.pending = binary.LittleEndian.AppendUint64(make([]byte, 0, 8+len(out)), uint64(len(out)))
		s.pending = append(s.pending, out...)
	}
	n := copy(b, s.pending)
	s.pending = s.pending[n:]
	return n, nil
}

// loadReviews loads the review store's part of a backup stream into a new review store in dir,
// encrypted with enc, and writes its key file.
func loadReviews(dir string, r io.Reader, enc *encKey) error {
	db, err := badger.Open(reviewOptions(storeOptions(dir, enc)))
	if err != nil {
		return fmt.Errorf("creating the restored review store: %w", err)
	}
	err = db.Load(r, 16)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && enc != nil {
		err = writeKeyFile(dir, enc.params)
	}
	if err != nil {
		return fmt.Errorf("restoring the review store: %w", err)
	}
	return nil
}
