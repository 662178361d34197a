package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/data"
	"github.com/panelprep/panelprep/prep"
)

// maintenance wires Settings to the harness's real store, as cmd does for the app.
func (h *harness) maintenance() Maintenance {
	return Maintenance{
		BackupNow: func() (string, error) {
			s, err := h.real()
			if err != nil {
				return "", err
			}
			return s.BackupNow(h.now())
		},
		Backups: func() ([]BackupEntry, error) {
			list, err := data.ListBackups(data.BackupsDir(h.dir))
			out := make([]BackupEntry, len(list))
			for i, b := range list {
				out[i] = BackupEntry{Path: b.Path, Time: b.Time, Size: b.Size, Why: b.Reason.Describe()}
			}
			return out, err
		},
		Restore: func(path, passphrase string) error {
			s, err := h.real()
			if err != nil {
				return err
			}
			return s.Restore(path, passphrase, h.now())
		},
		NeedsPassphrase: func(err error) bool {
			return errors.Is(err, data.ErrPassphraseNeeded) || errors.Is(err, data.ErrWrongPassphrase)
		},
		Check: func(repair bool) (string, bool, error) {
			s, err := h.real()
			if err != nil {
				return "", false, err
			}
			r, err := s.Check(repair)
			return r.String(), r.Clean(), err
		},
	}
}

// tapDialogButton taps a button in the topmost dialog.
func (h *harness) tapDialogButton(text string) {
	h.t.Helper()
	test.Tap(h.dialogButton(text))
	h.settle()
}

func TestSettingsThemeAndTextSize(t *testing.T) {
	h := newHarness(t)
	h.tap("Settings")
	radio := h.find(func(o fyne.CanvasObject) bool { _, ok := o.(*widget.RadioGroup); return ok }).(*widget.RadioGroup)
	radio.SetSelected("Dark")
	th := h.app.Settings().Theme()
	if th.Color(theme.ColorNameBackground, theme.VariantLight) != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Error("choosing Dark does not make the app dark")
	}
	sel := h.find(func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Select); return ok }).(*widget.Select)
	sel.SetSelected("Larger")
	if got := h.app.Settings().Theme().Size(theme.SizeNameText); got != theme.DefaultTheme().Size(theme.SizeNameText)*1.3 {
		t.Errorf("text size %v after choosing Larger", got)
	}
	h.restart()
	if h.app.Preferences().String(prefTheme) != "Dark" || h.app.Settings().Theme().Size(theme.SizeNameText) == theme.DefaultTheme().Size(theme.SizeNameText) {
		t.Error("appearance is not remembered across a restart")
	}
	h.tap("Settings")
	if !h.hasText(h.dir) {
		t.Error("Settings does not show where the data lives")
	}
}

func TestRecoveryWindowRunsItsAction(t *testing.T) {
	a := testApp(t)
	called := make(chan struct{})
	showRecovery(a, nil, "PanelPrep cannot open its data", "The store is damaged.", "Restore the latest backup", func() error {
		close(called)
		return nil
	}, func(work func() error, then func(error)) { then(work()) })
	var btn *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == "Restore the latest backup" {
				btn = v
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
		}
	}
	for _, w := range a.Driver().AllWindows() {
		walk(w.Content())
	}
	if btn == nil {
		t.Fatal("no restore button")
	}
	test.Tap(btn)
	select {
	case <-called:
	case <-time.After(5 * time.Second):
		t.Fatal("the action did not run")
	}
}

func TestSettingsBackupRestoreAndCheck(t *testing.T) {
	h := newBadgerHarness(t) // backups and restore: a store on disk
	ld := firstPrompt(h, prep.Leadership)
	kept := fixedAttempt(ld, h.now().Add(-time.Hour), "kept", func(int) int { return 3 })
	if err := h.store.SaveAttempt(kept); err != nil {
		t.Fatal(err)
	}
	h.tap("Settings")
	s := h.ui.current.(*settingsScreen)
	h.tap("Back up now")
	if len(s.entries) != 1 || !strings.Contains(s.status.Text, "Backed up to") {
		t.Fatalf("after Back up now: %d backups, status %q", len(s.entries), s.status.Text)
	}
	later := fixedAttempt(ld, h.now(), "made after the backup", func(int) int { return 2 })
	if err := h.store.SaveAttempt(later); err != nil {
		t.Fatal(err)
	}
	s.backups.SetSelected(backupLine(s.entries[0]))
	h.tap("Restore selected…")
	h.tapDialogButton("Yes")
	if !strings.Contains(h.overlayText(), "Your data now comes from") {
		t.Fatalf("no confirmation after the restore: %q", h.overlayText())
	}
	h.dismissDialogs()
	list, err := h.ui.deps.Store.Attempts()
	if err != nil || len(list) != 1 || list[0].ID != kept.ID {
		t.Fatalf("after restoring: %d attempts (%v), want only the one backed up", len(list), err)
	}
	h.tap("Check my data")
	if text := h.overlayText(); !strings.Contains(text, "Your data is sound") {
		t.Fatalf("the check shows %q", text)
	}
	h.dismissDialogs()
}

func TestCancelledBackupKeepsNoFile(t *testing.T) {
	h := newBadgerHarness(t) // backups and restore: a store on disk
	h.tap("Settings")
	s := h.ui.current.(*settingsScreen)
	test.Tap(h.button("Back up now")) // no settle: the backup is still under way
	h.tapDialogButton("Cancel")
	if !strings.Contains(s.status.Text, "Backup cancelled") {
		t.Fatalf("status %q", s.status.Text)
	}
	list, _ := data.ListBackups(data.BackupsDir(h.dir))
	if len(list) != 0 {
		t.Errorf("a cancelled backup left %d files", len(list))
	}
}

// A backup encrypted under another passphrase (one set before a change, or on another computer)
// is restored from Settings by giving that passphrase: the first try says what is needed, a wrong
// passphrase changes nothing and asks again, the right one restores.
func TestRestoreAsksForTheBackupsPassphrase(t *testing.T) {
	h := newBadgerHarness(t) // backups and restore: a store on disk
	ld := firstPrompt(h, prep.Leadership)
	other := t.TempDir()
	st, err := data.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	elsewhere := fixedAttempt(ld, h.now().Add(-48*time.Hour), "written on the old laptop", func(int) int { return 3 })
	if err := st.SaveAttempt(elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	key, err := data.SetPassphrase(other, nil, "old laptop words", h.now())
	if err != nil {
		t.Fatal(err)
	}
	st, err = data.OpenWithKey(other, key)
	if err != nil {
		t.Fatal(err)
	}
	backup, err := st.BackupNow(h.now())
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	here := fixedAttempt(ld, h.now().Add(-time.Hour), "written here", func(int) int { return 2 })
	if err := h.store.SaveAttempt(here); err != nil {
		t.Fatal(err)
	}

	h.tap("Settings")
	h.ui.current.(*settingsScreen).confirmRestore(backup)
	h.tapDialogButton("Yes")
	if text := h.overlayText(); !strings.Contains(text, "the backup is encrypted; enter its passphrase") || !strings.Contains(text, "nothing was changed") {
		t.Fatalf("the first try does not ask for the backup's passphrase: %q", text)
	}
	h.typeInDialog("not the words")
	h.tapDialogButton("Restore")
	if text := h.overlayText(); !strings.Contains(text, "the passphrase is wrong for this backup") {
		t.Fatalf("a wrong passphrase is not explained: %q", text)
	}
	if list, err := h.ui.deps.Store.Attempts(); err != nil || len(list) != 1 || list[0].ID != here.ID {
		t.Fatalf("a wrong passphrase changed the data: %d attempts (%v)", len(list), err)
	}
	h.typeInDialog("old laptop words")
	h.tapDialogButton("Restore")
	if text := h.overlayText(); !strings.Contains(text, "Your data now comes from") {
		t.Fatalf("no confirmation after the restore: %q", text)
	}
	h.dismissDialogs()
	list, err := h.ui.deps.Store.Attempts()
	if err != nil || len(list) != 1 || list[0].ID != elsewhere.ID {
		t.Fatalf("after restoring: %d attempts (%v), want the old laptop's", len(list), err)
	}
	if h.ui.deps.Maintenance.Encrypted != nil && h.ui.deps.Maintenance.Encrypted() {
		t.Error("restoring into plain data turned encryption on")
	}
}

// typeInDialog types into the first entry of the topmost dialog.
func (h *harness) typeInDialog(text string) {
	h.t.Helper()
	var e *entry
	if top := h.ui.win.Canvas().Overlays().Top(); top != nil {
		e, _ = findUnder(top, func(o fyne.CanvasObject) bool { _, ok := o.(*entry); return ok }).(*entry)
	}
	if e == nil {
		h.t.Fatal("no entry in the dialog")
	}
	e.SetText(text)
}

// The mouse wheel over the backups scrolls the Settings page: the backups were a list with a
// scroller of its own, which took the wheel (even one backup long) and the page stopped under the
// pointer.
func TestWheelOverBackupsScrollsThePage(t *testing.T) {
	h := newBadgerHarness(t) // backups: a store on disk
	h.ui.win.Resize(fyne.NewSize(900, 420))
	h.tap("Settings")
	s := h.ui.current.(*settingsScreen)
	h.tap("Back up now")
	h.settle()
	if len(s.entries) != 1 {
		t.Fatalf("after Back up now: %d backups", len(s.entries))
	}
	page, _ := findUnder(s.root, func(o fyne.CanvasObject) bool { _, ok := o.(*container.Scroll); return ok }).(*container.Scroll)
	if page == nil {
		t.Fatal("the Settings page does not scroll")
	}
	page.ScrollToOffset(fyne.NewPos(0, 0))
	c := h.ui.win.Canvas()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.backups)
	if at.Y > c.Size().Height-10 {
		page.ScrollToOffset(fyne.NewPos(0, at.Y-c.Size().Height/2))
		at = fyne.CurrentApp().Driver().AbsolutePositionForObject(s.backups)
	}
	before := page.Offset.Y
	test.Scroll(c, at.Add(fyne.NewPos(20, 5)), 0, -60)
	if page.Offset.Y == before {
		t.Errorf("the wheel over the backups did not scroll the page (offset %v)", page.Offset.Y)
	}
}
