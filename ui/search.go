package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"github.com/panelprep/panelprep/prep"
)

// searchScreen finds text across every answer, reflection and follow-up reply, and every story of
// the bank, showing the passage around each match. The index is built off the UI thread when the
// screen opens.
type searchScreen struct {
	index   *prep.SearchIndex
	stories int // stories in the index, which lists them first
	query   *entry
	message *widget.Label
	hits    []prep.SearchHit
	list    *widget.List
	root    fyne.CanvasObject
}

// searchLimit caps the hits listed; a query that matches more is worth narrowing.
const searchLimit = 200

// showSearch opens Search with the query field focused: Ctrl+F then typing searches at once.
func (u *UI) showSearch() {
	s := newSearchScreen(u, u.deps.Store, u.showAttempt, u.showStory)
	u.show(s)
	u.win.Canvas().Focus(s.query)
}

// newSearchScreen searches what store holds; open shows the attempt of a hit.
func newSearchScreen(f frame, store interface {
	SearchDocs() ([]prep.SearchDoc, error)
	Stories() ([]prep.Story, error)
}, open, openStory func(uuid.UUID)) *searchScreen {
	s := &searchScreen{query: newEntry(), message: widget.NewLabel("Reading your attempts…")}
	s.query.SetPlaceHolder("Search your answers, reflections and follow-up replies")
	s.query.OnChanged = func(string) { s.onQuery() }
	s.list = widget.NewList(
		func() int { return len(s.hits) },
		func() fyne.CanvasObject {
			title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			title.Truncation = fyne.TextTruncateEllipsis
			passage := widget.NewRichText()
			passage.Wrapping = fyne.TextWrapWord
			return container.NewVBox(title, passage)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			h := s.hits[id]
			rows := o.(*fyne.Container).Objects
			line := fmt.Sprintf("%s · %s · in the %s", h.FinishedAt.Local().Format("2 Jan 2006"), h.PromptTitle, h.Field)
			if h.Story {
				line = fmt.Sprintf("Your story · %s · edited %s", h.PromptTitle, h.FinishedAt.Local().Format("2 Jan 2006"))
			}
			setLabel(rows[0].(*widget.Label), line)
			rt := rows[1].(*widget.RichText)
			rt.Segments = highlighted(h.Passage, h.MatchStart, h.MatchEnd)
			rt.Refresh()
			s.list.SetItemHeight(id, o.MinSize().Height)
		},
	)
	s.list.OnSelected = func(id widget.ListItemID) {
		if h := s.hits[id]; h.Story {
			openStory(h.ID)
		} else {
			open(h.ID)
		}
	}
	s.root = container.NewBorder(container.NewVBox(f.navBar("Search"), s.query, s.message), nil, nil, nil, s.list)
	type found struct {
		docs    []prep.SearchDoc
		stories int
	}
	runFor(f.newScreenToken(), func() (found, error) {
		docs, err := store.SearchDocs()
		if err != nil {
			return found{}, err
		}
		// Stories first: a dozen of the candidate's own, ahead of hundreds of answers. A story bank
		// that cannot be read leaves the answers searchable.
		stories, _ := store.Stories()
		all := make([]prep.SearchDoc, 0, len(stories)+len(docs))
		for i := range stories {
			all = append(all, stories[i].SearchDoc())
		}
		return found{append(all, docs...), len(stories)}, nil
	}, func(r found, err error) {
		if err != nil {
			s.message.SetText("Could not read your attempts: " + err.Error())
			return
		}
		s.index, s.stories = prep.NewSearchIndex(r.docs), r.stories
		s.onQuery()
	})
	return s
}

// highlighted shows a passage with its match in bold, on one run of lines: the answer's own line
// breaks become spaces (byte for byte, so the match offsets still hold).
func highlighted(p string, start, end int) []widget.RichTextSegment {
	p = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, p)
	seg := func(t string, bold bool) *widget.TextSegment {
		st := widget.RichTextStyleInline
		st.TextStyle.Bold = bold
		if bold {
			st.ColorName = "primary"
		}
		return &widget.TextSegment{Text: t, Style: st}
	}
	return []widget.RichTextSegment{seg(p[:start], false), seg(p[start:end], true), seg(p[end:], false)}
}

func (s *searchScreen) onQuery() {
	if s.index == nil {
		return
	}
	s.hits = s.index.Search(s.query.Text, searchLimit)
	switch {
	case s.query.Text == "" && s.stories > 0:
		s.message.SetText(fmt.Sprintf("%d attempts and %s indexed. Type to search.", s.index.Len()-s.stories, prep.Count(s.stories, "story|stories")))
	case s.query.Text == "":
		s.message.SetText(fmt.Sprintf("%d attempts indexed. Type to search.", s.index.Len()))
	case len(s.hits) == 0:
		s.message.SetText("No attempt mentions “" + s.query.Text + "”.")
	case len(s.hits) == searchLimit:
		s.message.SetText(fmt.Sprintf("The first %d matches, newest first; add words to narrow it.", searchLimit))
	case s.stories > 0:
		s.message.SetText(prep.Count(len(s.hits), "match|matches") + ": your stories first, then answers newest first")
	default:
		s.message.SetText(prep.Count(len(s.hits), "attempt") + ", newest first")
	}
	s.list.UnselectAll()
	s.list.Refresh()
}

func (s *searchScreen) content() fyne.CanvasObject { return s.root }
func (s *searchScreen) leave()                     {}
