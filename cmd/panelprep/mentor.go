package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/ui"
)

// mentor wires the mentor round trip in the window to the live store. The review store (a
// candidate's attempts, opened by a mentor, and the mentor's comments) sits in the data directory,
// encrypted with the same key when the mentor's own data is, and is part of its backups.
func mentor(l *data.Live) ui.Mentor {
	return ui.Mentor{
		Export: func(scope ui.ExportScope, format, path string) (int64, error) {
			b, err := l.ExportBundle(data.ExportFilter{AttemptID: scope.Attempt, PromptID: scope.Prompt, Since: scope.Since})
			if err != nil {
				return 0, err
			}
			return writeExport(path, format, &b)
		},
		ImportFeedback: func(path string) (string, error) {
			b, err := decodeBundleFile(path)
			if err != nil {
				return "", err
			}
			res, err := l.ImportFeedback(b)
			return res.String(), err
		},
		OpenReview: func(path string) (ui.ReviewSession, error) {
			b, err := decodeBundleFile(path)
			if err != nil {
				return nil, err
			}
			rs, err := l.OpenReviewStore() // see the note on mentor
			if err != nil {
				return nil, err
			}
			if _, err := rs.ImportAttempts(b); err != nil {
				rs.Close()
				return nil, err
			}
			return reviewSession{rs}, nil
		},
		ReadBundle:  decodeBundleFile,
		WriteBundle: func(path string, b prep.Bundle) (int64, error) { return writeExport(path, "json", &b) },
	}
}

// reviewSession is a mentor's review store, as the review screen uses it.
type reviewSession struct{ *data.Store }

func (r reviewSession) ExportFeedback(path, reviewer string) (int64, error) {
	b, err := r.ExportBundle(data.ExportFilter{Kind: prep.BundleFeedback, ExportedBy: reviewer})
	if err != nil {
		return 0, err
	}
	return writeExport(path, "json", &b)
}

// decodeBundleFile reads and strictly decodes a bundle file, refusing an oversized one unread.
func decodeBundleFile(path string) (*prep.Bundle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := prep.DecodeBundle(f, prep.MaxBundleSize)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(path), err)
	}
	return b, nil
}

// writeExport writes a bundle or a report to path, atomically, and returns its size.
func writeExport(path, format string, b *prep.Bundle) (int64, error) {
	out, err := render(b, format)
	if err != nil {
		return 0, err
	}
	if err := writeFileAtomic(path, out); err != nil {
		return 0, err
	}
	return int64(len(out)), nil
}
