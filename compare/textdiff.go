package compare

import "strings"

// Op is the kind of one run of a text diff.
type Op string

// The runs of a text diff: kept, only in the old text, only in the new.
const (
	Equal  Op = "="
	Delete Op = "-"
	Insert Op = "+"
)

// Edit is one run of a text diff.
type Edit struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// Range is a half-open range [Start, End) of rune offsets into a text.
type Range struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// maxEditDistance bounds the work (and the O(D²) memory) of DiffText: texts
// further apart than this many inserted and deleted runes are shown as
// replaced whole.
const maxEditDistance = 1000

// DiffText returns the rune-level edits that turn old into new: the shortest
// edit script (Myers), with one-rune islands of equal text between changes
// folded into the changes so that a reader sees words, not confetti.
// Joining the Equal and Delete runs gives old; Equal and Insert give new.
func DiffText(old, new string) []Edit {
	a, b := []rune(old), []rune(new)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out []Edit
	push := func(op Op, rs []rune) {
		if len(rs) == 0 {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += string(rs)
			return
		}
		out = append(out, Edit{Op: op, Text: string(rs)})
	}
	push(Equal, a[:pre])
	for _, e := range myers(a[pre:len(a)-suf], b[pre:len(b)-suf]) {
		push(e.Op, []rune(e.Text))
	}
	push(Equal, a[len(a)-suf:])
	return cleanup(out)
}

// myers returns the edit script between a and b in order.
func myers(a, b []rune) []Edit {
	n, m := len(a), len(b)
	if n == 0 || m == 0 || n+m > maxEditDistance*4 {
		return []Edit{{Delete, string(a)}, {Insert, string(b)}}
	}
	max := n + m
	if max > maxEditDistance {
		max = maxEditDistance
	}
	off := max + 1
	v := make([]int, 2*max+3)
	var trace [][]int
	found := -1
	for d := 0; d <= max && found < 0; d++ {
		// Keep the frontier this step reads: diagonals -d-1 … d+1.
		trace = append(trace, append([]int(nil), v[off-d-1:off+d+2]...))
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || (k != d && v[off+k-1] < v[off+k+1]) {
				x = v[off+k+1]
			} else {
				x = v[off+k-1] + 1
			}
			y := x - k
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			v[off+k] = x
			if x >= n && y >= m {
				found = d
				break
			}
		}
	}
	if found < 0 {
		return []Edit{{Delete, string(a)}, {Insert, string(b)}}
	}
	// Walk back through the saved frontiers.
	var rev []Edit
	x, y := n, m
	for d := found; d > 0; d-- {
		pv := trace[d]
		k := x - y
		var pk int
		if k == -d || (k != d && pv[k-1+d+1] < pv[k+1+d+1]) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := pv[pk+d+1]
		// The move of step d starts at (sx, sy), then follows a snake.
		sx, sy := px, px-pk
		if pk == k+1 {
			sy++
		} else {
			sx++
		}
		for x > sx && y > sy {
			rev = append(rev, Edit{Equal, string(a[x-1])})
			x--
			y--
		}
		if pk == k+1 {
			rev = append(rev, Edit{Insert, string(b[y-1])})
			y--
		} else {
			rev = append(rev, Edit{Delete, string(a[x-1])})
			x--
		}
	}
	for x > 0 && y > 0 {
		rev = append(rev, Edit{Equal, string(a[x-1])})
		x--
		y--
	}
	out := make([]Edit, 0, len(rev))
	for i := len(rev) - 1; i >= 0; i-- {
		if n := len(out); n > 0 && out[n-1].Op == rev[i].Op {
			out[n-1].Text += rev[i].Text
			continue
		}
		out = append(out, rev[i])
	}
	return out
}

// cleanup folds one-rune Equal runs that sit between two changes into them,
// and orders each change as its deletion before its insertion.
func cleanup(es []Edit) []Edit {
	for {
		changed := false
		for i := 1; i+1 < len(es); i++ {
			if es[i].Op != Equal || len([]rune(es[i].Text)) > 1 || es[i-1].Op == Equal || es[i+1].Op == Equal {
				continue
			}
			es[i] = Edit{Delete, es[i].Text}
			es = append(es[:i+1], append([]Edit{{Insert, es[i].Text}}, es[i+1:]...)...)
			changed = true
			break
		}
		es = regroup(es)
		if !changed {
			return es
		}
	}
}

// regroup merges every maximal run of changes into one Delete then one Insert.
func regroup(es []Edit) []Edit {
	var out []Edit
	var del, ins strings.Builder
	flush := func() {
		if del.Len() > 0 {
			out = append(out, Edit{Delete, del.String()})
		}
		if ins.Len() > 0 {
			out = append(out, Edit{Insert, ins.String()})
		}
		del.Reset()
		ins.Reset()
	}
	for _, e := range es {
		switch e.Op {
		case Delete:
			del.WriteString(e.Text)
		case Insert:
			ins.WriteString(e.Text)
		default:
			flush()
			if n := len(out); n > 0 && out[n-1].Op == Equal {
				out[n-1].Text += e.Text
			} else {
				out = append(out, e)
			}
		}
	}
	flush()
	return out
}

// Marks returns the changed ranges of a diff: rune offsets of the Delete runs
// in the old text and of the Insert runs in the new text.
func Marks(es []Edit) (old, new []Range) {
	var po, pn int
	for _, e := range es {
		n := len([]rune(e.Text))
		switch e.Op {
		case Equal:
			po += n
			pn += n
		case Delete:
			old = append(old, Range{po, po + n})
			po += n
		case Insert:
			new = append(new, Range{pn, pn + n})
			pn += n
		}
	}
	return old, new
}
