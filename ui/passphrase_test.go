package ui

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestUnlockAllowsThreeTries(t *testing.T) {
	a := testApp(t)
	var mu sync.Mutex
	var tried []string
	inline := func(work func() error, then func(error)) { then(work()) }
	w := askPassphrase(a, nil, "/data", func(p string) error {
		mu.Lock()
		tried = append(tried, p)
		mu.Unlock()
		var err error
		if p != "correct horse battery" {
			err = errors.New("the passphrase is wrong")
		}
		return err
	}, inline)
	var pass *entry
	var status *widget.Label
	for _, o := range w.Content().(*fyne.Container).Objects {
		switch v := o.(type) {
		case *entry:
			pass = v
		case *widget.Label:
			if v.Text == "" {
				status = v
			}
		}
	}
	try := func(p string) {
		test.Type(pass, p)
		pass.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	try("wrong one")
	if !strings.Contains(status.Text, "2 of 3 tries left") {
		t.Fatalf("after one wrong passphrase: %q", status.Text)
	}
	try("wrong two")
	try("wrong three")
	if !strings.Contains(status.Text, "last of 3 tries") || !pass.Disabled() {
		t.Fatalf("after three wrong passphrases: %q (entry disabled %v)", status.Text, pass.Disabled())
	}
	mu.Lock()
	defer mu.Unlock()
	if len(tried) != 3 {
		t.Fatalf("unlock called %d times", len(tried))
	}
	// A fresh window, the right passphrase: it closes, handing over to the app.
	w = askPassphrase(a, nil, "/data", func(p string) error { return nil }, inline)
	for _, o := range w.Content().(*fyne.Container).Objects {
		if e, ok := o.(*entry); ok {
			test.Type(e, "correct horse battery")
			e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}
	}
	for _, open := range a.Driver().AllWindows() {
		if open == w {
			t.Error("the unlock window stays open after the right passphrase")
		}
	}
}
