package data

import (
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

func TestLoopRoundTrip(t *testing.T) {
	withStore(t, func(s *Store) {
		if l, err := s.ActiveLoop(); err != nil || l != nil {
			t.Fatalf("empty store: %v %v", l, err)
		}
		old := prep.Loop{ID: uuid.New(), StartedAt: time.Now().Add(-time.Hour), Finished: true,
			Slots: []prep.LoopSlot{{Plan: prep.DefaultLoop[0], PromptID: "sd-a", AttemptID: uuid.New()}}}
		l := prep.Loop{ID: uuid.New(), StartedAt: time.Now(), Slots: []prep.LoopSlot{
			{Plan: prep.DefaultLoop[0], SetID: "s", PromptID: "sd-a"}, {Plan: prep.DefaultLoop[1], SetID: "s", PromptID: "ld-a"}}}
		for _, x := range []prep.Loop{old, l} {
			if err := s.SaveLoop(x); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.ActiveLoop()
		if err != nil || got == nil || got.ID != l.ID || got.Slots[1].PromptID != "ld-a" || got.Slots[0].Plan.Minutes != 60 {
			t.Fatalf("active loop %+v (%v)", got, err)
		}
		l.Slots[0].AttemptID = uuid.New()
		l.Slots[1].AttemptID = uuid.New()
		l.Finished = true
		if err := s.SaveLoop(l); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ActiveLoop(); got != nil {
			t.Fatalf("a finished loop is still active")
		}
	})
}
