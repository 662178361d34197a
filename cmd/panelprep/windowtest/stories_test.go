//go:build window

package windowtest

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/panelprep/panelprep/prep"
)

// TestStoryKeptWholeAcrossSIGKILL writes a story in the real window (Ctrl+T with the cursor in a
// text field, New story, a title, then the actions), waits until the screen says it is saved,
// types on and kills the app with SIGKILL in the middle of a word. The story read back with the
// binary's export must be whole: the title exactly, and the actions exactly as typed up to some
// point at or after what the screen had shown as saved.
func TestStoryKeptWholeAcrossSIGKILL(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := launch(t, dir)
	a.key("ctrl+f") // a text field has the focus: the shortcut must still work from there
	a.waitFor("Search with the cursor in its box", func(in Inspection) bool { return in.Screen == "*ui.searchScreen" && inEntry(in) })
	newStory(a)

	const title = "Splitting the payments on-call: one rota per service"
	a.typeText(title, 15*time.Millisecond)
	// The window may still be reading the last keys: the click must not overtake them.
	a.waitFor("the whole title on screen", func(in Inspection) bool { return in.has(title) })
	a.clickText(`What you did: "I", not "we"`)
	// Type once the actions field has the focus (TestTypingStraightAfterAClickLandsInTheFieldClicked
	// types without waiting).
	a.waitFor("the actions field focused", func(in Inspection) bool { return strings.Contains(strings.ToLower(in.Focused), "textarea") })
	const first = "I split one rota for three teams by service, and wrote the escalation path with the EMs."
	a.typeText(first, 15*time.Millisecond)
	a.waitFor("the first paragraph saved", func(in Inspection) bool {
		return in.has("with the EMs.") && in.has("All changes saved")
	})

	const more = " Then I asked each EM to own one week of review, and the pages fell from 41 to 9 a week."
	done := make(chan struct{})
	go func() { // typing goes on while the app is killed
		defer close(done)
		_, _ = a.xdotool("type", "--delay", "20", "--", more)
	}()
	time.Sleep(time.Duration(300+time.Now().UnixNano()%700) * time.Millisecond)
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.exited
	<-done

	stories := exportStories(t, dir)
	if len(stories) != 1 {
		t.Fatalf("%d stories after SIGKILL, want 1", len(stories))
	}
	st := stories[0]
	if st.Title != title {
		t.Errorf("title %q, want %q", st.Title, title)
	}
	full := first + more
	if !strings.HasPrefix(full, st.Actions) || len(st.Actions) < len(first) {
		t.Errorf("the stored actions are not what was typed, from the start up to the kill or later than the last save:\n%s",
			firstDifference(full, st.Actions))
	}
	t.Logf("typed %d characters of actions before the kill; %d stored", len(full), len(st.Actions))
}

// exportStories reads the stories of the store in dataDir back with the binary's export.
func exportStories(t *testing.T, dataDir string) []prep.Story {
	t.Helper()
	if b := exportAll(t, dataDir); b != nil {
		return b.Stories
	}
	return nil
}

// TestStoryFieldsSavedPastANumberInWords fills a story from the keyboard, Tab after Tab, with
// "4 teams" in Teams, and kills the app with SIGKILL once the situation is on screen. Every field
// typed must be in the store: while Teams held "4 teams" the editor saved nothing at all, and the
// people, budget and situation typed after it were lost to the kill.
func TestStoryFieldsSavedPastANumberInWords(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := launch(t, dir)
	newStory(a)
	const title, situation = "Platform split", "Two teams shared one on-call."
	a.typeText(title, 15*time.Millisecond)
	a.waitFor("the whole title on screen", func(in Inspection) bool { return in.has(title) })
	// Tab leads from the title through the month (left as it is) to the year, then field by field.
	for _, text := range []string{"", "2025", "Northwind", "Director", "4 teams", "40", "$4.2M", situation} {
		a.key("Tab")
		if text != "" {
			a.typeText(text, 15*time.Millisecond)
		}
	}
	// Either status: the editor before this test said "Not saved yet" for as long as Teams held words.
	in := a.waitFor("the situation on screen, and a save status", func(in Inspection) bool {
		return in.has(situation) && (in.has("All changes saved") || in.has("Not saved"))
	})
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-a.exited
	stories := exportStories(t, dir)
	if len(stories) != 1 {
		t.Fatalf("%d stories after SIGKILL, want 1", len(stories))
	}
	st := stories[0]
	if st.Title != title || st.Year != 2025 || st.Where != "Northwind" || st.Role != "Director" || st.Teams != 4 ||
		st.People != 40 || st.Budget != "$4.2M" || st.Situation != situation {
		t.Errorf("stored after SIGKILL: %+v", st)
	}
	if !in.has(`Teams: "4 teams" is saved as 4.`) {
		t.Error("the editor does not say what it saved of \"4 teams\"")
	}
}

// TestTypingStraightAfterAClickLandsInTheFieldClicked: a person clicks a story's Actions field and
// types at once. Fyne reports a click on a field that also takes double clicks only after its
// double-click wait (300 ms, longer on a busy machine); the answer editor used to take the focus
// then, so the first words went to the field focused before (seen: a story's Result began at the end
// of its People field). Here nothing waits between the click and the keys.
func TestTypingStraightAfterAClickLandsInTheFieldClicked(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a := launch(t, dir)
	newStory(a)
	const title = "Moving four teams to trunk-based delivery"
	a.typeText(title, 15*time.Millisecond)
	a.waitFor("the whole title on screen", func(in Inspection) bool { return in.has(title) })

	const actions = "I paired each EM with a release captain for a month."
	a.clickText(`What you did: "I", not "we"`)
	a.typeText(actions, 10*time.Millisecond) // at once: no wait for the focus
	a.waitFor("the actions saved", func(in Inspection) bool { return in.has("for a month.") && in.has("All changes saved") })
	a.quit()

	stories := exportStories(t, dir)
	if len(stories) != 1 {
		t.Fatalf("%d stories, want 1", len(stories))
	}
	if st := stories[0]; st.Title != title || st.Actions != actions {
		t.Errorf("typed straight after the click:\ntitle   %q\nactions %q\nwant    %q and %q", st.Title, st.Actions, title, actions)
	}
}

// newStory opens the Stories screen with Ctrl+T and starts a new story, returning once its title
// field has the keyboard.
func newStory(a *app) {
	a.t.Helper()
	a.key("ctrl+t")
	a.waitFor("the Stories screen", func(in Inspection) bool { return in.Screen == "*ui.storiesScreen" })
	a.clickText("New story")
	a.waitFor("the title field focused", func(in Inspection) bool { return inEntry(in) && in.has("All changes saved") })
}
