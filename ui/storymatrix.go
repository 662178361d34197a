package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/panelprep/panelprep/prep"
)

// The coverage matrix: competencies as rows, stories as columns, read at a glance the week before
// a loop. A filled cell is the story planned for that competency, an outlined one another story
// that shows it; a row with no story is red at its end, a story's flags stand under its title.
// prep.StoryCoverage computes it all; this file only draws.

// Sizes of the grid, in Fyne units (FYNE_SCALE scales them with the text).
const (
	matrixLabelWidth = 300
	matrixColWidth   = 140
	matrixCountWidth = 120
	matrixCellHeight = 30
)

// columnsLayout places its objects side by side at fixed widths, each as tall as the row.
type columnsLayout struct{ widths []float32 }

func (l columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := l.widths[min(i, len(l.widths)-1)]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w-2, size.Height))
		x += w
	}
}

func (l columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		w += l.widths[min(i, len(l.widths)-1)]
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

func (s *storiesScreen) showMatrix() {
	cov := prep.StoryCoverage(s.model, s.stories, prep.CoverageOptions{Now: s.now()})
	s.matrix.Content = matrixView(cov)
	s.matrix.Refresh()
}

// matrixView draws a coverage matrix.
func matrixView(cov prep.Coverage) fyne.CanvasObject {
	if len(cov.Rows) == 0 {
		return widget.NewLabel("The competency model is missing, so there is nothing to cover.")
	}
	widths := []float32{matrixLabelWidth}
	for range cov.Columns {
		widths = append(widths, matrixColWidth)
	}
	widths = append(widths, matrixCountWidth)
	row := func(objs ...fyne.CanvasObject) *fyne.Container {
		return container.New(columnsLayout{widths}, objs...)
	}
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	col := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }

	out := container.NewVBox(widget.NewLabelWithStyle(coverageSummary(cov), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(cov.Columns) == 0 {
		out.Add(widget.NewLabel("No stories yet: every competency is a gap. Write one on the Stories tab."))
	}

	// Header: the stories, numbered, with their flags under them.
	head := []fyne.CanvasObject{widget.NewLabelWithStyle("Competency", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	flags := []fyne.CanvasObject{widget.NewLabel("")}
	for j, c := range cov.Columns {
		t := widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", j+1, c.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		t.Truncation = fyne.TextTruncateEllipsis
		head = append(head, t)
		flags = append(flags, flagLines(columnFlags(c), col))
	}
	head = append(head, widget.NewLabelWithStyle("Stories", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	flags = append(flags, widget.NewLabel(""))
	out.Add(row(head...))
	out.Add(row(flags...))

	for i, r := range cov.Rows {
		cells := []fyne.CanvasObject{rowLabel(r.Label)}
		for j := range cov.Columns {
			cells = append(cells, matrixCell(cov.Cells[i][j], col))
		}
		count := canvas.NewText(prep.Count(r.Stories, "story|stories"), col(theme.ColorNameForeground))
		if r.Gap() {
			// The light theme's red is 3.7:1 on white: taken towards the text colour, as the flags are.
			count.Text, count.Color, count.TextStyle = "no story", legibleOn(col(theme.ColorNameError), col(theme.ColorNameBackground), col(theme.ColorNameForeground), 4.5), fyne.TextStyle{Bold: true}
		}
		cells = append(cells, container.NewCenter(count))
		out.Add(row(cells...))
	}
	out.Add(widget.NewSeparator())
	// The columns' titles are cut to fit; here they are whole, with what each story is flagged for.
	for j, c := range cov.Columns {
		line := fmt.Sprintf("%d. %s", j+1, c.Title)
		if c.When != "" {
			line += " (" + c.When + ")"
		}
		if f := c.Flags(); len(f) > 0 {
			line += ": " + strings.Join(f, ", ")
		}
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		out.Add(l)
	}
	legend := widget.NewLabel(fmt.Sprintf("Filled: the story planned for that competency in a loop. Outlined: another story that shows it. "+
		"A story planned for more than %d competencies carries too much: one loop would hear it twice.", cov.MaxPerLoop))
	legend.Wrapping = fyne.TextWrapWord
	out.Add(legend)
	return out
}

func rowLabel(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// matrixCell is one cell: filled in the primary colour for the planned story, outlined for another
// that shows the competency, empty otherwise. Each also carries a mark, so it reads without colour.
func matrixCell(c prep.CoverageCell, col func(fyne.ThemeColorName) color.Color) fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = 4
	bg.StrokeWidth = 1
	bg.StrokeColor = col(theme.ColorNameSeparator)
	mark := canvas.NewText("", col(theme.ColorNameForeground))
	mark.TextStyle = fyne.TextStyle{Bold: true}
	switch c {
	case prep.CellPlanned:
		bg.FillColor = col(theme.ColorNamePrimary)
		bg.StrokeColor = col(theme.ColorNamePrimary)
		mark.Text, mark.Color = "●", col(theme.ColorNameForegroundOnPrimary)
	case prep.CellShows:
		bg.StrokeColor = col(theme.ColorNamePrimary)
		bg.StrokeWidth = 2
		mark.Text, mark.Color = "○", col(theme.ColorNamePrimary)
	}
	box := container.NewStack(bg, container.NewCenter(mark))
	return container.New(&minHeight{matrixCellHeight}, box)
}

// minHeight gives its one object at least h of height, and all the room it is given.
type minHeight struct{ h float32 }

func (l *minHeight) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 3))
		o.Resize(fyne.NewSize(size.Width, size.Height-6))
	}
}

func (l *minHeight) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, l.h)
}

// flagLines are a story's flags under its title, or "no flags", at the body text's size: in the
// caption size, a green "ok" on the light theme's white was 1.5:1 and 11 units high, hard to find
// under a column. The theme's red and green are taken towards the text colour until they contrast
// with the background by 4.5:1 (WCAG's figure for text), as the charts' bars are (progress.go).
func flagLines(flags []string, col func(fyne.ThemeColorName) color.Color) *fyne.Container {
	bg, fg := col(theme.ColorNameBackground), col(theme.ColorNameForeground)
	line := func(text string, c fyne.ThemeColorName) *canvas.Text {
		t := canvas.NewText(text, legibleOn(col(c), bg, fg, 4.5))
		t.TextSize = theme.TextSize()
		return t
	}
	box := container.NewVBox()
	for _, f := range flags {
		box.Add(line(f, theme.ColorNameError))
	}
	if len(box.Objects) == 0 {
		box.Add(line("no flags", theme.ColorNameSuccess))
	}
	return box
}

// columnFlags are a story's flags as short words for the matrix's header; at the body text's size
// each fits the matrixColWidth of its column.
func columnFlags(c prep.CoverageColumn) []string {
	var out []string
	if c.TooMuch {
		out = append(out, fmt.Sprintf("carries too much (%d)", c.Planned))
	}
	if c.Unmeasured {
		out = append(out, "no numbers")
	}
	if c.Old {
		out = append(out, "over 5 years")
	}
	if c.Undated {
		out = append(out, "no date")
	}
	return out
}

// coverageSummary is the matrix's headline: how many gaps and flags there are.
func coverageSummary(cov prep.Coverage) string {
	var tooMuch, unmeasured, old int
	for _, c := range cov.Columns {
		if c.TooMuch {
			tooMuch++
		}
		if c.Unmeasured {
			unmeasured++
		}
		if c.Old {
			old++
		}
	}
	parts := []string{
		fmt.Sprintf("%d of %d competencies have a story", len(cov.Rows)-cov.Gaps(), len(cov.Rows)),
	}
	if tooMuch > 0 {
		parts = append(parts, prep.Count(tooMuch, "story|stories")+" carrying too much")
	}
	if unmeasured > 0 {
		parts = append(parts, fmt.Sprintf("%d without a measured result", unmeasured))
	}
	if old > 0 {
		parts = append(parts, fmt.Sprintf("%d over five years old", old))
	}
	return strings.Join(parts, " · ")
}
