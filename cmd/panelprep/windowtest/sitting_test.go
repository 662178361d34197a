//go:build window

package windowtest

import (
	"fmt"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// sittingShape is the shipped loop of one behavioural round (assets/loops/behavioural-sitting.toml).
const sittingShape = "Behavioural round on its own: three questions in 45 minutes"

// TestBehaviouralSittingClockInTheWindow plans the behavioural round on its own in the planner and
// answers two of its questions with real keys, the clock sixty times as fast: the round screen
// shows the sitting's 45 minutes counting down beside the question's own clock, standing still
// while paused; question 2 opens straight after question 1 with the sitting's clock where question
// 1 left it; after a SIGKILL and a restart question 2 shows the sitting's time from what was
// stored, question 1's time and question 2's own clock added up.
func TestBehaviouralSittingClockInTheWindow(t *testing.T) {
	t.Parallel()
	for _, look := range []struct{ name, theme, scale string }{{"dark", "dark", "1"}, {"light-large", "light", "1.5"}} {
		t.Run(look.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			env := []string{"FYNE_THEME=" + look.theme, "FYNE_SCALE=" + look.scale, "PANELPREP_CLOCK_SPEED=60"}
			a := launch(t, dir, env...)
			a.clickText("Mock loop")
			a.waitFor("the plan", func(in Inspection) bool { return in.Screen == "*ui.loopScreen" && in.has("Round 3: Behavioural") })
			a.clickText("Director of Engineering: the usual onsite") // the loop shape list
			a.waitFor("the list of shapes", func(in Inspection) bool { return in.topLayer() > 0 && in.has(sittingShape) })
			a.clickText(sittingShape)
			a.waitFor("the sitting planned", func(in Inspection) bool {
				return in.Screen == "*ui.loopScreen" && in.topLayer() == 0 && in.has("3 questions back to back in 45 minutes") && !in.has("Round 2:")
			})
			a.clickNth("Start the loop", 0)

			q1 := a.waitFor("question 1", func(in Inspection) bool {
				return in.Screen == "*ui.roundScreen" && in.has("question 1 of 3 · 45:00 left of 45:00")
			})
			if _, _, ok := clocks(q1); !ok {
				t.Fatalf("question 1 shows no sitting clock beside its own")
			}
			checkScreen(t, a, "sitting-question-1")
			keepShot(t, a, look.name+"-sitting-question-1")
			a.clickText("Start")
			a.waitFor("the cursor in the answer", inEntry)
			a.typeText("The reorg I led.", 10*time.Millisecond)
			a.waitFor("five minutes of the sitting gone", func(in Inspection) bool {
				_, sit, ok := clocks(in)
				return ok && sit <= 40*time.Minute
			})
			a.key("ctrl+p")
			paused := a.waitFor("the round paused", func(in Inspection) bool { return in.has("Resume") })
			own, sit, _ := clocks(paused)
			// While paused both clocks stand still, and the sitting has spent what the question has.
			time.Sleep(2 * time.Second) // two minutes at this speed
			in := a.next(paused)
			if own2, sit2, _ := clocks(in); own2 != own || sit2 != sit {
				t.Fatalf("paused, the clocks moved: question %s → %s, sitting %s → %s", own, own2, sit, sit2)
			}
			q1Used := 45*time.Minute - sit
			keepShot(t, a, look.name+"-sitting-paused")
			finishRound(t, a)
			scoreEveryCriterion(t, a)
			a.clickText("Save attempt")

			// Question 2 at once, no break screen, its sitting clock where question 1 left it.
			want := fmt.Sprintf("question 2 of 3 · %s left of 45:00", clockText(sit))
			in = a.waitFor(want, func(in Inspection) bool {
				if in.Screen == "*ui.breakScreen" {
					t.Fatal("a break screen between questions 1 and 2 of the sitting")
				}
				return in.Screen == "*ui.roundScreen" && in.has(want)
			})
			q2Budget, _, _ := clocks(in) // the question's own length, before its start
			checkScreen(t, a, "sitting-question-2")
			keepShot(t, a, look.name+"-sitting-question-2")
			a.clickText("Start")
			a.waitFor("the cursor in the answer", inEntry)
			a.typeText("The hiring plan.", 10*time.Millisecond)
			a.waitFor("question 2 three minutes in, the sitting carrying on", func(in Inspection) bool {
				own, sit, ok := clocks(in)
				return ok && q2Budget-own >= 3*time.Minute && sit < 45*time.Minute-q1Used-2*time.Minute
			})
			a.waitFor("the draft saved", func(in Inspection) bool { return in.has("All changes saved") })
			if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			<-a.exited

			a = launch(t, dir, env...)
			a.clickText("Mock loop")
			a.clickText("Continue the loop")
			in = a.waitFor("question 2 again", func(in Inspection) bool {
				return in.Screen == "*ui.roundScreen" && in.has("question 2 of 3 ·") && in.has("Resume")
			})
			own, sit, ok := clocks(in)
			if !ok {
				t.Fatal("question 2 after the restart shows no sitting clock")
			}
			// From the store: question 1's time (its attempt) and question 2's own (its draft). Each
			// clock rounds to the second on its own, so they may differ by one.
			if spent := q2Budget - own; (45*time.Minute - sit - q1Used - spent).Abs() > time.Second {
				t.Errorf("after the restart the sitting shows %s left: question 1 took %s and question 2 %s, so %s",
					clockText(sit), clockText(q1Used), clockText(spent), clockText(45*time.Minute-q1Used-spent))
			}
			keepShot(t, a, look.name+"-sitting-resumed")
			a.quit()
		})
	}
}

var (
	sittingLine  = regexp.MustCompile(`question \d of \d · (\d+):(\d\d) left of 45:00`)
	questionLine = regexp.MustCompile(`^Question: (\d+):(\d\d) left$`)
)

// clocks reads the question's own time left and the sitting's from the round screen.
func clocks(in Inspection) (question, sitting time.Duration, ok bool) {
	var q, s bool
	for _, o := range in.Objects {
		if o.Kind != "text" {
			continue
		}
		if m := sittingLine.FindStringSubmatch(o.Text); m != nil {
			sitting, s = minSec(m[1], m[2]), true
		}
		if m := questionLine.FindStringSubmatch(o.Text); m != nil {
			question, q = minSec(m[1], m[2]), true
		}
	}
	return question, sitting, q && s
}

func minSec(m, s string) time.Duration {
	mm, _ := strconv.Atoi(m)
	ss, _ := strconv.Atoi(s)
	return time.Duration(mm)*time.Minute + time.Duration(ss)*time.Second
}

// clockText writes d as the clocks do, "27:40".
func clockText(d time.Duration) string {
	return fmt.Sprintf("%d:%02d", int(d/time.Minute), int(d%time.Minute/time.Second))
}
