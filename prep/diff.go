package prep

import "unicode"

// DiffKind says whether a piece of text is in both versions, only the newer or only the older.
type DiffKind int

// Diff kinds.
const (
	DiffSame DiffKind = iota
	DiffAdded
	DiffRemoved
)

// DiffPart is a run of words with one kind.
type DiffPart struct {
	Kind DiffKind
	Text string
}

// maxDiffCells bounds the word-by-word table: past it the changed middle is shown as removed and
// added whole, which is still correct, only coarser.
const maxDiffCells = 4 << 20

// DiffWords compares two texts word by word (whitespace kept with the word before it) and returns
// the parts of both in order: same, removed from old, added in new.
func DiffWords(old, new string) []DiffPart {
	a, b := tokens(old), tokens(new)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []DiffPart
	add := func(k DiffKind, s string) {
		if s == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Kind == k {
			out[n-1].Text += s
			return
		}
		out = append(out, DiffPart{k, s})
	}
	for _, t := range a[:pre] {
		add(DiffSame, t)
	}
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	if len(ma)*len(mb) > maxDiffCells {
		for _, t := range ma {
			add(DiffRemoved, t)
		}
		for _, t := range mb {
			add(DiffAdded, t)
		}
	} else {
		lcsDiff(ma, mb, add)
	}
	for _, t := range a[len(a)-suf:] {
		add(DiffSame, t)
	}
	return out
}

// lcsDiff emits the longest-common-subsequence alignment of a and b.
func lcsDiff(a, b []string, add func(DiffKind, string)) {
	n, m := len(a), len(b)
	// l[i][j] is the LCS length of a[i:] and b[j:], stored flat.
	l := make([]int32, (n+1)*(m+1))
	at := func(i, j int) int { return i*(m+1) + j }
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[at(i, j)] = l[at(i+1, j+1)] + 1
			} else {
				l[at(i, j)] = max(l[at(i+1, j)], l[at(i, j+1)])
			}
		}
	}
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			add(DiffSame, a[i])
			i, j = i+1, j+1
		case l[at(i+1, j)] >= l[at(i, j+1)]:
			add(DiffRemoved, a[i])
			i++
		default:
			add(DiffAdded, b[j])
			j++
		}
	}
	for ; i < n; i++ {
		add(DiffRemoved, a[i])
	}
	for ; j < m; j++ {
		add(DiffAdded, b[j])
	}
}

// tokens splits text into words, each carrying the whitespace that follows it.
func tokens(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if inSpace && !space {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
