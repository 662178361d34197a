//go:build window

package windowtest

import (
	"strings"
	"testing"
	"time"
)

// TestFinishWithTimeLeftAsksFirst: finishing a round with time left, by Ctrl+Enter from the answer
// or by the Finish and score button, asks first. Escape keeps the round, running, with the answer;
// confirming goes on to scoring.
func TestFinishWithTimeLeftAsksFirst(t *testing.T) {
	t.Parallel()
	a := launch(t, seededStore(t))
	startRound(t, a, leadershipPrompt)
	a.typeText("An answer in progress. ", 20*time.Millisecond)
	a.waitFor("the typed text", func(in Inspection) bool { return in.has("An answer in progress.") })

	requireFocusInEntry(t, a, "before Ctrl+Enter")
	a.key("ctrl+Return")
	asked := a.waitFor("Ctrl+Enter to ask before finishing or to finish", func(in Inspection) bool {
		return in.topLayer() > 0 || in.Screen != "*ui.roundScreen"
	})
	if asked.Screen != "*ui.roundScreen" || asked.topLayer() == 0 {
		t.Fatalf("Ctrl+Enter with time left went straight to %s without asking", asked.Screen)
	}
	a.key("Escape")
	kept := a.waitFor("Escape to close the question", func(in Inspection) bool { return in.topLayer() == 0 })
	if kept.Screen != "*ui.roundScreen" || !kept.has("An answer in progress.") || !kept.has("Pause") {
		t.Fatalf("after Escape the window shows %s, want the running round with its answer:\n%s", kept.Screen, kept.texts())
	}
	clock := roundClock(kept)
	a.waitFor("the round clock to keep running", func(in Inspection) bool { return roundClock(in) != clock })

	a.clickText("Finish and score")
	asked = a.waitFor("the button to ask before finishing or to finish", func(in Inspection) bool {
		return in.topLayer() > 0 || in.Screen != "*ui.roundScreen"
	})
	if asked.Screen != "*ui.roundScreen" || asked.topLayer() == 0 {
		t.Fatalf("Finish and score with time left went straight to %s without asking", asked.Screen)
	}
	a.clickText(confirmFinishLabel(t, asked))
	a.waitFor("the score screen once confirmed", func(in Inspection) bool { return in.Screen == "*ui.scoreScreen" && in.topLayer() == 0 })
	a.quit()
}

// confirmFinishLabel is the label of the confirmation dialog's button that finishes the round.
func confirmFinishLabel(t *testing.T, in Inspection) string {
	t.Helper()
	for _, o := range in.Objects {
		if o.Layer == in.topLayer() && o.Kind == "text" && strings.HasPrefix(strings.ToLower(o.Text), "finish") && len(o.Text) < 30 {
			return o.Text
		}
	}
	t.Fatalf("the confirmation has no button that finishes:\n%s", in.texts())
	return ""
}
