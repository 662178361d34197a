package markdown_test

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/panelprep/panelprep/prep"
	"github.com/panelprep/panelprep/prep/markdown"
)

func firstBlock(t *testing.T, s string) (ast.Node, markdown.Doc) {
	t.Helper()
	d := markdown.Parse(s)
	if d.Empty() {
		t.Fatalf("%q parsed to nothing", s)
	}
	return d.Root.FirstChild(), d
}

// Plain text reads as a reader sees it: escapes and references resolved, emphasis gone, code,
// raw HTML, links and images as typed, the writer's line breaks kept.
func TestPlain(t *testing.T) {
	for in, want := range map[string]string{
		"**bold** and *it* \\*star\\* &amp; &#233;": "bold and it *star* & é",
		"`a &amp; \\*b`":                              "a &amp; \\*b",
		"one\r\ntwo  \nthree":                         "one\ntwo\nthree",
		"<b onclick=x>raw</b> <https://x.example>":    "<b onclick=x>raw</b> <https://x.example>",
		"[text *em*](http://h/p \"t\") ![alt](i.png)": "[text em](http://h/p \"t\") ![alt](i.png)",
	} {
		n, d := firstBlock(t, in)
		if got := markdown.Plain(n, d.Src); got != want {
			t.Errorf("Plain(%q) = %q, want %q", in, got, want)
		}
	}
	// Of a link itself, its text alone.
	n, d := firstBlock(t, "[the *text*](http://h/)")
	if got := markdown.Plain(n.FirstChild(), d.Src); got != "the text" {
		t.Errorf("a link's own text is %q", got)
	}
}

func TestTeamTable(t *testing.T) {
	teams := []prep.Team{{Name: "Payments | core", Type: prep.StreamAligned, EM: "Ana", Engineers: 6}}
	d := markdown.Parse("## Team table\n\n" + prep.FormatTeamTable(teams) + "\nNotes.")
	if !d.HasTeamTable() {
		t.Fatal("the team table the app writes is not recognised")
	}
	if markdown.Parse("| A | B |\n| - | - |\n| 1 | 2 |").HasTeamTable() || markdown.Parse("Team | Type").HasTeamTable() {
		t.Error("another table, or no table, taken for the team table")
	}
	if markdown.Parse(" \n\t\n").Empty() != true {
		t.Error("white space is not empty")
	}
	// A pipe in a team's name stays in its cell.
	rows := markdown.TableRows(d.Root.FirstChild().NextSibling().(*east.Table), d.Src)
	if len(rows) != 2 || strings.Join(rows[1], ",") != "Payments | core,stream-aligned,Ana,6" {
		t.Errorf("the team table reads back as %q", rows)
	}
}
