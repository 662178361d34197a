package data

import (
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/diagram"
)

const diagramCrashChildEnv = "PANELPREP_DIAGRAM_CRASH_CHILD_DIR"

// diagramEdit is edit n (from 1) of the crash child's whiteboard session: boxes added up to 60 and
// then the oldest removed, arrows drawn up to 100 and then the oldest removed, boxes dragged,
// relabelled and re-owned. Deterministic in n, so a diagram after n edits can be drawn again.
func diagramEdit(d diagram.Diagram, n int) diagram.Op {
	switch {
	case n <= 3:
		return diagram.AddTeam([]string{"Payments", "Platform", "Risk"}[n-1])
	case n%5 == 0 || len(d.Components) < 2:
		if len(d.Components) >= 60 {
			return diagram.Delete(d.Components[0].ID)
		}
		return diagram.AddComponent(diagram.Palette[n%len(diagram.Palette)], fmt.Sprintf("box %d", n), float32(n%900), float32(n%600))
	case n%5 == 1:
		if len(d.Arrows) >= 100 {
			return diagram.Delete(d.Arrows[0].ID)
		}
		from := d.Components[n%len(d.Components)]
		to := d.Components[(n/3+1)%len(d.Components)]
		if from.ID == to.ID {
			to = d.Components[(n%len(d.Components)+1)%len(d.Components)]
		}
		return diagram.Connect(from.ID, to.ID, fmt.Sprintf("call %d", n))
	case n%5 == 2:
		c := d.Components[n%len(d.Components)]
		return diagram.MoveComponent(c.ID, c.X+3, c.Y+2)
	case n%5 == 3:
		return diagram.RelabelComponent(d.Components[n%len(d.Components)].ID, fmt.Sprintf(`svc "%d" <&>`, n))
	default:
		return diagram.SetOwner(d.Components[n%len(d.Components)].ID, []string{"", "Payments", "Platform", "Risk"}[n%4])
	}
}

// diagramAfter replays the first n edits.
func diagramAfter(t testing.TB, n int) diagram.Diagram {
	e := diagram.NewEditor(diagram.Diagram{})
	for i := 1; i <= n; i++ {
		if _, err := e.Apply(diagramEdit(e.Diagram(), i)); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
	}
	return e.Diagram()
}

// TestCrashLosesNoAcknowledgedDiagramEdit is TestCrashLosesNoAcknowledgedEdit with a whiteboard:
// a process editing a diagram (and the text beside it) through the draft saver is killed at a
// random moment; the reopened store holds the diagram of an edit at least as late as the last one
// acknowledged, exactly as that edit left it, never a mix of two.
func TestCrashLosesNoAcknowledgedDiagramEdit(t *testing.T) {
	if dir := os.Getenv(diagramCrashChildEnv); dir != "" {
		diagramCrashChild(dir) // never returns
	}
	if testing.Short() {
		t.Skip("kills 8 child processes")
	}
	const rounds = 8
	dir := t.TempDir()
	for round := range rounds {
		acked := runTestAndKill(t, "TestCrashLosesNoAcknowledgedDiagramEdit", diagramCrashChildEnv, dir,
			time.Duration(60+rand.IntN(250))*time.Millisecond)
		drafts := draftsAfterKill(t, dir, round)
		if acked == 0 {
			continue
		}
		if len(drafts) != 1 || drafts[0].Diagram == nil {
			t.Fatalf("round %d: %d drafts after SIGKILL, want 1 with a diagram", round, len(drafts))
		}
		n := len(drafts[0].Answer) // the text carries the edit number
		if n < acked {
			t.Errorf("round %d: store holds edit %d, but edit %d was acknowledged", round, n, acked)
		}
		if want := diagramAfter(t, n); !reflect.DeepEqual(*drafts[0].Diagram, want) {
			t.Errorf("round %d: the stored diagram is not the one edit %d left", round, n)
		}
		t.Logf("round %d: last acknowledged edit %d, stored %d (%d boxes, %d arrows)", round, acked, n,
			len(drafts[0].Diagram.Components), len(drafts[0].Diagram.Arrows))
	}
}

// diagramCrashChild edits a diagram as fast as it can, carrying on from the stored draft, and
// prints "ack N" once edit N is durable.
func diagramCrashChild(dir string) {
	s := openChildStore(dir, "diagram crash child")
	e := diagram.NewEditor(diagram.Diagram{})
	start := 1
	if drafts, _ := s.Drafts(); len(drafts) == 1 && drafts[0].Diagram != nil {
		e = diagram.NewEditor(*drafts[0].Diagram)
		start = len(drafts[0].Answer) + 1
	}
	saver := ackingSaver(s, start)
	prompt := prep.Prompt{ID: "crash-prompt", Title: "Crash"}
	text := strings.Repeat("x", 1<<20)
	for n := start; ; n++ {
		if _, err := e.Apply(diagramEdit(e.Diagram(), n)); err != nil {
			fmt.Fprintf(os.Stderr, "diagram crash child: edit %d: %v\n", n, err)
			os.Exit(2)
		}
		d := e.Diagram()
		saver.Update(prep.Draft{Prompt: prompt, Answer: text[:n], Diagram: &d, UpdatedAt: time.Now()})
		time.Sleep(100 * time.Microsecond)
	}
}
