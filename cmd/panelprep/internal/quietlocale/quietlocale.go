// Package quietlocale keeps Fyne from logging "Error parsing user locale C" on every start when
// the locale is C or POSIX with an encoding (LANG=C.UTF-8, the default of many containers, ssh
// sessions and cron). Fyne's lang package reads the locale in its init, through go-locale, which
// turns "C.UTF-8" into the language "C"; golang.org/x/text refuses it, and Fyne logs three lines
// to stderr before main runs, even for `panelprep --version`.
//
// Its init sets LANGUAGE=en for such a locale, which go-locale reads instead (gettext ignores
// LANGUAGE under the C locale, so programs PanelPrep starts see no change). It runs before Fyne's:
// Go initialises the package that sorts first by import path among those whose imports are done;
// this one imports only os, and Fyne's lang imports log (which imports os and sorts after
// "github.com/..."), so this init has run before lang's can. TestCommandsPrintOnlyTheirOutput
// checks it on the built binary.
package quietlocale

import "os"

func init() {
	if needsEnglish(os.Getenv) {
		os.Setenv("LANGUAGE", "en")
	}
}

// needsEnglish reports whether the locale go-locale would read from the environment names no
// language: the first of LC_ALL, LC_MESSAGES and LANG that is set is C or POSIX with a suffix
// (exactly "C" or "POSIX", go-locale treats as no locale), and LANGUAGE does not name one instead.
func needsEnglish(getenv func(string) string) bool {
	v := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v = getenv(name); v != "" {
			break
		}
	}
	if v == "" || v == "C" || v == "POSIX" {
		return false
	}
	if getenv("LANGUAGE") != "" {
		return false // go-locale reads it first; a bad one is the user's to fix
	}
	lang := v
	for i, r := range v {
		if r == '_' || r == '.' || r == '@' || r == '-' {
			lang = v[:i]
			break
		}
	}
	if len(lang) < 2 || len(lang) > 3 { // x/text takes ISO 639 codes, not "POSIX"
		return true
	}
	for _, r := range lang {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return true
		}
	}
	return false
}
