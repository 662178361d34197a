package data

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/panelprep/panelprep/prep"
)

// BenchmarkSaveDraftWithDiagram saves a draft holding a 2 KB answer and a 60-component, 100-arrow
// whiteboard through the real store, and in the same loop (timer stopped) the same draft with the
// text alone: text-ms is the text-only save, x-text the diagram draft's time over it. Goal (issue
// 16): at most 1.5x. The -snapshots row carries the diagram at the end of three earlier phases too,
// as a draft late in a round does.
func BenchmarkSaveDraftWithDiagram(b *testing.B) {
	answer := strings.Repeat("Diagnose first: spans of 23 and 17 are far past 5 to 9. ", 40)[:2048]
	text := prep.Draft{Prompt: testPrompt("bench"), Answer: answer}
	dg := testDiagram(b, 60)
	for len(dg.Arrows) < 100 { // testDiagram chains its boxes (59 arrows): cross-link to 100
		i := len(dg.Arrows)
		dg.Arrows = append(dg.Arrows, dg.Arrows[0])
		dg.Arrows[i].ID = "x" + dg.Components[i%60].ID
		dg.Arrows[i].From, dg.Arrows[i].To = dg.Components[i%60].ID, dg.Components[(i+30)%60].ID
	}
	if p := dg.Validate(); p != nil {
		b.Fatal(p)
	}
	withDiagram := text
	withDiagram.Diagram = &dg
	withSnapshots := withDiagram
	for _, phase := range []string{"Clarify", "High-level design", "Deep dive"} {
		withSnapshots.DiagramSnapshots = append(withSnapshots.DiagramSnapshots, prep.DiagramSnapshot{Phase: phase, Diagram: dg})
	}
	for _, c := range []struct {
		name  string
		draft prep.Draft
	}{{"text-only", text}, {"diagram-60x100", withDiagram}, {"diagram-60x100-snapshots", withSnapshots}} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			s, err := Open(filepath.Join(dir, "store"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			enc, err := encodeDraft(&c.draft)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(enc)))
			textOnly := floor{name: "text"}
			alone := text
			alone.Prompt.ID = "bench-text" // its own record, so the two saves never overwrite each other
			for b.Loop() {
				if err := s.SaveDraft(c.draft); err != nil {
					b.Fatal(err)
				}
				textOnly.measure(b, func() error { return s.SaveDraft(alone) })
			}
			textOnly.report(b)
		})
	}
}
