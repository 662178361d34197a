//go:build window

package windowtest

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// checkScreen checks what the window shows now, by what the window reports drawing and by a
// screenshot of it:
//   - no visible widget the window has never drawn (a container filled after the first frame and
//     never laid out again);
//   - every text has a size, lies inside the window, and is not cut off by a scroll that cannot
//     scroll that way (a label wider than the vertical scroll holding it);
//   - no two texts overlap;
//   - the screenshot's pixels under every text and image of the top layer are not all one colour:
//     the window really drew them;
//   - the window fits the display, and the app's log is empty.
//
// Content that loads in the background (charts, lists) may take a moment to appear: the checks
// are repeated for up to settleTime before a problem counts. It saves the screenshot under
// testdata/failed when something is wrong.
func checkScreen(t *testing.T, a *app, name string) Inspection {
	t.Helper()
	var in Inspection
	var img image.Image
	var problems []string
	deadline := time.Now().Add(settleTime)
	for {
		in, img = a.frame()
		problems = screenProblems(in, img)
		if len(problems) == 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(300 * time.Millisecond)
	}
	if lines := a.logProblems(); len(lines) > 0 {
		problems = append(problems, "the app logged:\n\t"+strings.Join(lines, "\n\t"))
	}
	if len(problems) > 0 {
		saved := saveFailed(t, name, img)
		t.Errorf("%s (%s): %d problems (screenshot: %s):\n%s", name, in.Screen, len(problems), saved, strings.Join(problems, "\n"))
	}
	return in
}

// settleTime is how long a screen may take to show what it loads in the background.
const settleTime = 4 * time.Second

// frame returns a screenshot and the window's inspection of the same frame. The inspection is
// written a fifth of a second apart from the screenshot, so both are taken until the layout is the
// same before and after the screenshot.
func (a *app) frame() (Inspection, image.Image) {
	a.t.Helper()
	before := a.next(a.waitFor("an inspection", func(Inspection) bool { return true }))
	for try := 0; ; try++ {
		img := a.screenshot()
		in := a.next(before)
		if layout(in) == layout(before) || try == 5 {
			return in, img
		}
		before = in
	}
}

// layout is the geometry of what the window shows, without the texts (a running clock changes
// its text five times a second but not the layout).
func layout(in Inspection) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %v %v\n", in.Screen, in.Width, in.Height)
	for _, o := range in.Objects {
		fmt.Fprintf(&b, "%s %s %d %.0f %.0f %.0f %.0f\n", o.Kind, o.Type, o.Layer, o.X, o.Y, o.W, o.H)
	}
	return b.String()
}

func screenProblems(in Inspection, img image.Image) []string {
	var problems []string
	bounds := img.Bounds()
	scale := in.Scale
	if scale == 0 {
		scale = 1
	}
	if w, h := int(math.Round(float64(in.Width*scale))), int(math.Round(float64(in.Height*scale))); absInt(w-bounds.Dx()) > 2 || absInt(h-bounds.Dy()) > 2 {
		problems = append(problems, fmt.Sprintf("the canvas is %dx%d pixels but the window %dx%d", w, h, bounds.Dx(), bounds.Dy()))
	}
	texts, top := 0, in.topLayer()
	const slack = 1 // canvas units: rounding of positions
	for _, o := range in.Objects {
		what := fmt.Sprintf("%s %q in %s at (%.0f,%.0f) size %.0fx%.0f", o.Kind, o.Text, o.Type, o.X, o.Y, o.W, o.H)
		if o.Kind == "unrendered" {
			problems = append(problems, "never drawn: "+what)
			continue
		}
		if o.Kind == "text" {
			texts++
			if o.W <= 0 || o.H <= 0 {
				problems = append(problems, "no size: "+what)
				continue
			}
		}
		o = glyphs(o)
		x, y, w, h := visible(o)
		if w <= 0 || h <= 0 {
			continue // scrolled out of view
		}
		if x < -slack || y < -slack || x+w > in.Width+slack || y+h > in.Height+slack {
			problems = append(problems, fmt.Sprintf("beyond the window's edge (%.0fx%.0f): %s", in.Width, in.Height, what))
		}
		if o.Kind == "text" && o.Clip != nil {
			c := *o.Clip
			switch {
			case o.Scroll == "vertical" && (o.X < c[0]-slack || o.X+o.W > c[0]+c[2]+slack):
				problems = append(problems, fmt.Sprintf("cut off at the side of a vertical scroll (%.0f to %.0f): %s", c[0], c[0]+c[2], what))
			case o.Scroll == "horizontal" && (o.Y < c[1]-slack || o.Y+o.H > c[1]+c[3]+slack):
				problems = append(problems, fmt.Sprintf("cut off at the top or bottom of a horizontal scroll: %s", what))
			}
		}
		if o.Layer == top && w*scale >= 3 && h*scale >= 3 && uniform(img, x*scale, y*scale, w*scale, h*scale) {
			problems = append(problems, "not drawn (the window shows one flat colour there): "+what)
		}
	}
	problems = append(problems, overlaps(in)...)
	if texts == 0 {
		problems = append(problems, "the screen shows no text at all")
	}
	return problems
}

// overlaps reports texts of one layer drawn over each other.
func overlaps(in Inspection) []string {
	var out []string
	var shown []Inspected
	for _, o := range in.Objects {
		if o = glyphs(o); o.Kind == "text" && visibleArea(o) > 0 {
			shown = append(shown, o)
		}
	}
	for i, a := range shown {
		for _, b := range shown[i+1:] {
			if a.Layer != b.Layer {
				continue
			}
			ax, ay, aw, ah := visible(a)
			bx, by, bw, bh := visible(b)
			ow := min(ax+aw, bx+bw) - max(ax, bx)
			oh := min(ay+ah, by+bh) - max(ay, by)
			// A few units of overlap is line spacing; a third of the smaller text is text over text.
			if ow > 2 && oh > 2 && ow*oh > min(aw*ah, bw*bh)/3 {
				out = append(out, fmt.Sprintf("texts overlap: %q at (%.0f,%.0f) and %q at (%.0f,%.0f)", a.Text, a.X, a.Y, b.Text, b.X, b.Y))
			}
		}
	}
	return out
}

// uniform reports whether every pixel of the rectangle (in pixels) has the same colour.
func uniform(img image.Image, x, y, w, h float32) bool {
	r := image.Rect(int(x), int(y), int(x+w), int(y+h)).Intersect(img.Bounds())
	if r.Empty() {
		return false // beyond the screenshot: reported as beyond the window's edge
	}
	first := img.At(r.Min.X, r.Min.Y)
	fr, fg, fb, _ := first.RGBA()
	for py := r.Min.Y; py < r.Max.Y; py++ {
		for px := r.Min.X; px < r.Max.X; px++ {
			cr, cg, cb, _ := img.At(px, py).RGBA()
			if cr != fr || cg != fg || cb != fb {
				return false
			}
		}
	}
	return true
}

func absInt(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// saveFailed keeps a screenshot of a failed check under testdata/failed (ignored by git).
func saveFailed(t *testing.T, name string, img image.Image) string {
	dir := filepath.Join("testdata", "failed")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err.Error()
	}
	path := filepath.Join(dir, strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()+"-"+name)+".png")
	f, err := os.Create(path)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		return err.Error()
	}
	return path
}

// TestEveryScreenIsDrawn visits every screen of the app on a store with a history, in the dark
// theme at normal text size and in the light theme at one and a half times, and checks each with
// checkScreen.
func TestEveryScreenIsDrawn(t *testing.T) {
	t.Parallel()
	for _, look := range []struct{ name, theme, scale string }{{"dark", "dark", "1"}, {"light-large", "light", "1.5"}} {
		t.Run(look.name, func(t *testing.T) {
			t.Parallel()
			dir := seededStore(t)
			a := launch(t, dir, "FYNE_THEME="+look.theme, "FYNE_SCALE="+look.scale)
			tour(t, a)
			a.quit()
			if lines := a.logProblems(); len(lines) > 0 {
				t.Errorf("the app logged:\n%s", strings.Join(lines, "\n"))
			}
		})
	}
}

// tour visits every screen and dialog, by clicking as a user does.
func tour(t *testing.T, a *app) {
	screen := func(s string) func(Inspection) bool { return func(in Inspection) bool { return in.Screen == s } }
	checkScreen(t, a, "practice")

	for _, d := range []struct{ button, screen string }{
		{"Mock loop", "*ui.loopScreen"}, {"Progress", "*ui.progressScreen"}, {"History", "*ui.historyScreen"},
		{"Search", "*ui.searchScreen"}, {"Settings", "*ui.settingsScreen"}, {"Stories", "*ui.storiesScreen"},
	} {
		a.clickText(d.button)
		a.waitFor(d.button, screen(d.screen))
		checkScreen(t, a, strings.ToLower(strings.ReplaceAll(d.button, " ", "-")))
	}

	// Search with results.
	a.key("ctrl+f")
	a.waitFor("Search with the cursor in its box", func(in Inspection) bool { return in.Screen == "*ui.searchScreen" && inEntry(in) })
	a.typeText("ledger", 30*time.Millisecond)
	a.waitFor("search results", func(in Inspection) bool { return strings.Count(in.texts(), "ledger") > 2 })
	checkScreen(t, a, "search-results")

	// An attempt from the history and its export dialog (the comparison: TestCompareScreenIsDrawn).
	a.clickText("History")
	a.waitFor("History", screen("*ui.historyScreen"))
	a.clickFirstRow()
	a.waitFor("an attempt", screen("*ui.attemptScreen"))
	checkScreen(t, a, "attempt")
	a.clickText("Export this attempt…")
	a.waitFor("the export dialog", func(in Inspection) bool { return in.topLayer() > 0 })
	checkScreen(t, a, "export-dialog")
	a.clickText("Cancel")
	a.waitFor("the export dialog to close", func(in Inspection) bool { return in.topLayer() == 0 })

	// A round: the prompt's brief, the round running, the shortcuts, finishing, scoring.
	a.clickText("Practice")
	a.waitFor("Practice", screen("*ui.homeScreen"))
	a.clickText("Search titles")
	a.typeText(leadershipPrompt, 10*time.Millisecond)
	a.clickText(leadershipPrompt)
	a.waitFor("the prompt's brief", func(in Inspection) bool { return !in.has("Choose a prompt to read its brief") })
	checkScreen(t, a, "practice-brief")
	a.clickText("Start round")
	a.waitFor("the round", screen("*ui.roundScreen"))
	a.clickText("Start")
	a.waitFor("the cursor in the answer", inEntry)
	a.typeText("A first line of the answer.", 20*time.Millisecond)
	checkScreen(t, a, "round")
	a.key("ctrl+slash")
	a.waitFor("the shortcuts list", func(in Inspection) bool { return in.topLayer() > 0 })
	checkScreen(t, a, "shortcuts-list")
	a.clickText("Close")
	a.waitFor("the shortcuts list to close", func(in Inspection) bool { return in.topLayer() == 0 })
	a.clickText("Finish and score")
	in := a.waitFor("the question before finishing", func(in Inspection) bool { return in.topLayer() > 0 })
	checkScreen(t, a, "finish-question")
	a.clickText(confirmFinishLabel(t, in))
	a.waitFor("the score screen", screen("*ui.scoreScreen"))
	checkScreen(t, a, "score")

	// Back to Practice by keyboard from a screen that loads nothing: no button animates and no late
	// result arrives, so nothing but the home screen itself redraws the window once its Today list
	// and resume banner have loaded. (Any redraw paints the whole window, which would hide a
	// container that grew without telling the window.)
	a.key("ctrl+l")
	a.waitFor("Mock loop", screen("*ui.loopScreen"))
	time.Sleep(time.Second)
	a.key("ctrl+h")
	a.waitFor("Practice", screen("*ui.homeScreen"))
	checkScreen(t, a, "practice-again")
}
