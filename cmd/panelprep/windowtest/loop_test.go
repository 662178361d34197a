//go:build window

package windowtest

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// shotsEnv, when set to a directory, keeps a screenshot of each checked screen of the loop there,
// for a person to look at.
const shotsEnv = "PANELPREP_WINDOW_SHOTS"

// TestMockLoopPlannedReorderedAndRun plans a mock loop in the window, drops two rounds and moves
// the behavioural round first with the planner's buttons, then answers its three questions: each
// opens straight after the last, with no break screen, until the break before the next round; the
// summary lists the three questions.
func TestMockLoopPlannedReorderedAndRun(t *testing.T) {
	t.Parallel()
	for _, look := range []struct{ name, theme, scale string }{{"dark", "dark", "1"}, {"light-large", "light", "1.5"}} {
		t.Run(look.name, func(t *testing.T) {
			t.Parallel()
			a := launch(t, t.TempDir(), "FYNE_THEME="+look.theme, "FYNE_SCALE="+look.scale)
			check := func(name string) {
				t.Helper()
				checkScreen(t, a, name)
				keepShot(t, a, look.name+"-"+name)
			}
			plan := func(in Inspection) bool { return in.Screen == "*ui.loopScreen" }
			a.clickText("Mock loop")
			a.waitFor("the plan", func(in Inspection) bool { return plan(in) && in.has("Round 3: Behavioural") })
			check("loop-plan")

			a.clickNth("Remove", 0) // systems design
			a.waitFor("leadership first", func(in Inspection) bool { return plan(in) && in.has("Round 1: Leadership scenario") })
			a.clickNth("Move up", 1) // behavioural
			a.waitFor("behavioural first", func(in Inspection) bool { return plan(in) && in.has("Round 1: Behavioural") })
			a.clickNth("Remove", 2) // org design
			a.waitFor("two rounds", func(in Inspection) bool { return plan(in) && !in.has("Round 3:") })
			check("loop-plan-rearranged")
			a.clickNth("Start the loop", 0)

			for q := 1; q <= 3; q++ {
				heading := fmt.Sprintf("round 1 of 2 · question %d of 3", q)
				a.waitFor(heading, func(in Inspection) bool { return in.Screen == "*ui.roundScreen" && in.has(heading) })
				if q == 1 {
					check("behavioural-question")
				}
				a.clickText("Start")
				a.waitFor("the cursor in the answer", inEntry)
				a.typeText(fmt.Sprintf("Question %d: what I did.", q), 10*time.Millisecond)
				finishRound(t, a)
				scoreEveryCriterion(t, a)
				a.clickText("Save attempt")
				if q < 3 {
					// The next question follows at once: a break screen here fails the wait.
					in := a.waitFor("the next question", func(in Inspection) bool {
						return in.Screen == "*ui.roundScreen" || in.Screen == "*ui.breakScreen"
					})
					if in.Screen == "*ui.breakScreen" {
						t.Fatalf("a break screen between questions %d and %d of the sitting", q, q+1)
					}
				}
			}
			a.waitFor("the break before leadership", func(in Inspection) bool {
				return in.Screen == "*ui.breakScreen" && in.has("Round 2 of 2 is next: Leadership scenario")
			})
			check("break-after-sitting")
			a.clickText("Start the next round")
			a.waitFor("the leadership round", func(in Inspection) bool {
				return in.Screen == "*ui.roundScreen" && in.has("round 2 of 2 · led by the Engineering Manager")
			})
			a.clickText("Start")
			a.waitFor("the cursor in the answer", inEntry)
			a.typeText("What I would do.", 10*time.Millisecond)
			finishRound(t, a)
			scoreEveryCriterion(t, a)
			a.clickText("Save attempt")
			a.waitFor("the summary listing the three questions", func(in Inspection) bool {
				return in.Screen == "*ui.loopSummaryScreen" && in.has("Round 1, Behavioural, question 3: ") && in.has("Round 2, Leadership scenario: ")
			})
			check("loop-summary")
			a.quit()
		})
	}
}

// clickNth clicks the n-th (from the top, then the left) text equal to s on the top layer,
// turning the mouse wheel over the middle of the window until that one is in view.
func (a *app) clickNth(s string, n int) {
	a.t.Helper()
	for range 20 {
		in := a.next(a.waitFor("an inspection", func(Inspection) bool { return true }))
		var all []Inspected
		for _, o := range in.Objects {
			if o.Kind == "text" && o.Layer == in.topLayer() && o.Text == s {
				all = append(all, o)
			}
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].Y != all[j].Y {
				return all[i].Y < all[j].Y
			}
			return all[i].X < all[j].X
		})
		if n < len(all) {
			o := all[n]
			if _, _, _, h := visible(o); h >= o.H {
				a.click(in, o.X+o.W/2, o.Y+o.H/2)
				return
			}
		}
		a.wheelDown(in, in.Width/2, in.Height/2, 3)
	}
	a.t.Fatalf("no %d-th %q in view after scrolling", n+1, s)
}

// keepShot saves a screenshot under $PANELPREP_WINDOW_SHOTS, when set.
func keepShot(t *testing.T, a *app, name string) {
	t.Helper()
	dir := os.Getenv(shotsEnv)
	if dir == "" {
		return
	}
	img := a.screenshot()
	f, err := os.Create(filepath.Join(dir, strings.ReplaceAll(name, "/", "-")+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
