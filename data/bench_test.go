package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// BenchmarkAutosave compares one autosave of a 2 KB answer with the floor under it, a raw write
// plus fsync of the same bytes in the same directory. Goal: autosave within 1.5 times the floor.
func BenchmarkAutosave(b *testing.B) {
	answer := strings.Repeat("Diagnose first: spans of 23 and 17 are far past 5 to 9. ", 40)[:2048]
	draft := prep.Draft{Prompt: testPrompt("bench"), Answer: answer}

	b.Run("raw-write-fsync", func(b *testing.B) {
		dir := b.TempDir()
		f, err := os.OpenFile(filepath.Join(dir, "raw"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		bytes := []byte(answer)
		b.SetBytes(int64(len(bytes)))
		for b.Loop() {
			if _, err := f.Write(bytes); err != nil {
				b.Fatal(err)
			}
			if err := f.Sync(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("store-SaveDraft", func(b *testing.B) {
		s, err := Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.SetBytes(int64(len(answer)))
		for b.Loop() {
			if err := s.SaveDraft(draft); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("saver-Update-Flush", func(b *testing.B) {
		s, err := Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		saver := prep.NewDraftSaver(s.SaveDraft, nil)
		defer saver.Close()
		b.SetBytes(int64(len(answer)))
		for b.Loop() {
			saver.Update(draft)
			if err := saver.Flush(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
