package report

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// Headers returns the column titles of the task breakdown table, in order:
// 序号, 工作任务, 牵头单位, 配合单位, 频次, 完成时限, 出处.
func Headers() []string {
	return []string{"序号", "工作任务", "牵头单位", "配合单位", "频次", "完成时限", "出处"}
}

// Row is one line of the task breakdown table: one obligation.
type Row struct {
	No        int      `json:"no"`        // 序号, from 1
	Task      string   `json:"task"`      // 工作任务: the obligation's text without its unit bracket
	Lead      []string `json:"lead"`      // 牵头单位: lead units, or the responsible ones when none is called lead
	Support   []string `json:"support"`   // 配合单位
	Frequency string   `json:"frequency"` // 频次, as written (每月至少召开一次)
	Deadline  string   `json:"deadline"`  // 完成时限, as written with the date (4月底前（2024-04-30）)
	Source    string   `json:"source"`    // 出处: 《title》 and the item number path
	Doc       string   `json:"doc"`       // the Document's ID
	ID        string   `json:"id"`        // the Obligation's ID
}

// Cells returns the row's values as the table shows them, one per header.
func (r Row) Cells() []string {
	return []string{
		strconv.Itoa(r.No), r.Task, strings.Join(r.Lead, "、"), strings.Join(r.Support, "、"),
		r.Frequency, r.Deadline, r.Source,
	}
}

// Table is a task breakdown table: rows numbered from 1 in the order added.
// The zero value is an empty table ready to use.
type Table struct {
	Title string `json:"title"` // shown in the file's properties; may be empty
	Rows  []Row  `json:"rows"`
}

// NewTable returns the task breakdown table of doc's obligations, in their
// order. doc may be nil, as for Add.
func NewTable(doc *corpus.Document, obs []corpus.Obligation) *Table {
	t := &Table{}
	if doc != nil {
		t.Title = doc.Title
	}
	t.Add(doc, obs...)
	return t
}

// Add appends a row for each obligation of doc, numbering on from the last row.
// doc may be nil when the obligations' document is unknown; 出处 then names
// only the item path.
func (t *Table) Add(doc *corpus.Document, obs ...corpus.Obligation) {
	for i := range obs {
		t.Rows = append(t.Rows, newRow(len(t.Rows)+1, doc, &obs[i]))
	}
}

func newRow(no int, doc *corpus.Document, o *corpus.Obligation) Row {
	lead := o.Lead
	if len(lead) == 0 {
		lead = o.Responsible
	}
	r := Row{
		No:        no,
		Task:      taskText(o),
		Lead:      nonNil(lead),
		Support:   nonNil(o.Support),
		Frequency: frequencyText(o.Frequencies),
		Deadline:  deadlineText(o.Deadlines),
		Doc:       o.Doc,
		ID:        o.ID,
	}
	var src strings.Builder
	if doc != nil && doc.Title != "" {
		src.WriteString("《" + doc.Title + "》")
	}
	src.WriteString(PathText(o.Path))
	r.Source = src.String()
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// taskText is the obligation's text without its attribution bracket
// ((牵头单位:…), (责任单位:…;配合单位:…)), before or after its closing 。:
// the units it names have their own columns. The bracket is the span
// extract found (Obligation.Attribution), so nested brackets inside it
// (市委党校(行政学院)) go with it and a bracket-like aside of the task stays;
// the spaces it leaves before a closing 。 go too. A bracket outside the
// text (one closing a passage of several obligations) leaves the text as
// it is.
func taskText(o *corpus.Obligation) string {
	t := o.Text
	if a := o.Attribution; a != nil && o.Span.End-o.Span.Start == len(t) {
		s, e := a.Start-o.Span.Start, a.End-o.Span.Start
		if 0 <= s && s < e && e <= len(t) && utf8.RuneStart(t[s]) && (e == len(t) || utf8.RuneStart(t[e])) {
			t = strings.TrimRightFunc(t[:s], unicode.IsSpace) + strings.TrimLeftFunc(t[e:], unicode.IsSpace)
		}
	}
	return strings.TrimSpace(t)
}

// periodNames are how a Frequency's period reads after 每.
var periodNames = map[corpus.Period]string{
	corpus.PeriodDay: "日", corpus.PeriodWeek: "周", corpus.PeriodMonth: "月",
	corpus.PeriodQuarter: "季度", corpus.PeriodHalfYear: "半年", corpus.PeriodYear: "年",
}

// frequencyText joins the frequencies as written; one with no text of its own
// is rendered from its fields (FrequencyLabel).
func frequencyText(fs []corpus.Frequency) string {
	parts := make([]string, 0, len(fs))
	for _, f := range fs {
		if f.Raw != "" {
			parts = append(parts, f.Raw)
			continue
		}
		parts = append(parts, FrequencyLabel(f))
	}
	return strings.Join(parts, "；")
}

// FrequencyLabel writes a frequency from what it means rather than how it
// is written: 每月1次, 每季度至少1次, 每年至多2次 (每两月 is 每年6次).
func FrequencyLabel(f corpus.Frequency) string {
	q := ""
	switch f.Qualifier {
	case corpus.AtLeast:
		q = "至少"
	case corpus.AtMost:
		q = "至多"
	}
	return "每" + periodNames[f.Period] + q + strconv.Itoa(f.Count) + "次"
}

// FrequencyLabels returns the FrequencyLabel of each of fs, in order, each
// label once: two phrases that mean the same (每月召开一次 and 每月一次) are
// one frequency.
func FrequencyLabels(fs []corpus.Frequency) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		if l := FrequencyLabel(f); !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// DeadlineLabel writes a deadline as written with its date:
// 4月底前（2024-04-30）; the date alone when nothing was written, the words
// alone when they give no date.
func DeadlineLabel(d corpus.Deadline) string {
	switch {
	case d.Raw == "":
		return d.Date
	case d.Date == "":
		return d.Raw
	}
	return d.Raw + "（" + d.Date + "）"
}

// deadlineText joins the deadlines as written, each with its date.
func deadlineText(ds []corpus.Deadline) string {
	parts := make([]string, 0, len(ds))
	for _, d := range ds {
		parts = append(parts, DeadlineLabel(d))
	}
	return strings.Join(parts, "；")
}

// PathText writes an item path as the document numbers it: 一、（一）1.（1）.
// A decimal heading's number holds its parents' (2 › 2.2), so only the
// deepest is written: 2.2（1）.
func PathText(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if i+1 < len(path) && strings.HasPrefix(path[i+1], p+".") {
			continue
		}
		b.WriteString(p)
		r, _ := utf8.DecodeRuneInString(p)
		switch {
		case r == '（' || r == '(' || (r >= '①' && r <= '⑳'):
		case strings.Contains(p, "."):
			b.WriteString(" ")
		case r >= '0' && r <= '9':
			b.WriteString(".")
		default:
			b.WriteString("、")
		}
	}
	return strings.TrimRight(b.String(), " ")
}
