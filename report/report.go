package report

import (
	"time"

	"github.com/dutymap/dutymap/corpus"
)

// Report is what dutymap tells about one processed document: its metadata,
// its obligations as a task breakdown table, what changed against the
// previous version, and how it stands against the upper-level documents.
// It is plain data: the caller fills the sections from whatever compares
// documents.
type Report struct {
	Source      string              `json:"source"`    // the file the document came from, as named in the inbox
	Generated   time.Time           `json:"generated"` // when the report was made
	Duplicate   bool                `json:"duplicate"` // the same bytes were already in the corpus
	Document    *corpus.Document    `json:"document"`
	Obligations []corpus.Obligation `json:"obligations"`
	Table       *Table              `json:"table"`
	// Changes compares the document with its previous version; nil when
	// the corpus holds none.
	Changes *Section `json:"changes"`
	// Upper compares the document with each upper-level document it was
	// checked against, nearest level first.
	Upper []Section `json:"upper"`
	// Notes are remarks for the reader (a step that could not run, and why).
	Notes []string `json:"notes,omitempty"`
}

// New returns the report of doc and its obligations, with its task
// breakdown table and no comparison sections.
func New(source string, doc *corpus.Document, obs []corpus.Obligation, generated time.Time) *Report {
	if obs == nil {
		obs = []corpus.Obligation{}
	}
	return &Report{
		Source:      source,
		Generated:   generated,
		Document:    doc,
		Obligations: obs,
		Table:       NewTable(doc, obs),
		Upper:       []Section{},
	}
}

// DocRef names a document another is compared with.
type DocRef struct {
	ID       string       `json:"id"`
	Title    string       `json:"title"`
	Issuer   string       `json:"issuer,omitempty"`
	Level    corpus.Level `json:"level,omitempty"`
	Date     string       `json:"date,omitempty"`
	PlanYear int          `json:"plan_year,omitempty"`
}

// RefOf returns the DocRef of d.
func RefOf(d *corpus.Document) DocRef {
	return DocRef{ID: d.ID, Title: d.Title, Issuer: d.Issuer, Level: d.Level, Date: d.Date, PlanYear: d.PlanYear}
}

// Section is the comparison of the reported document with one other: its
// previous version, or an upper-level document.
type Section struct {
	Against DocRef `json:"against"`
	Reason  string `json:"reason,omitempty"` // why Against was chosen ("cited: 交政发〔2024〕1号")
	Items   []Item `json:"items"`
}

// Item is one finding of a comparison. Kind says what happened; the kinds
// dutymap's comparisons produce are listed in KindLabel, others are shown as
// they are. Old is the obligation in the other document, New the one in the
// reported document; either is empty when the duty exists on one side only.
type Item struct {
	Kind   string `json:"kind"`
	Old    string `json:"old,omitempty"`
	New    string `json:"new,omitempty"`
	OldID  string `json:"old_id,omitempty"`
	NewID  string `json:"new_id,omitempty"`
	Detail string `json:"detail,omitempty"` // what moved: 每季度 → 每月, 6月底前 → 4月底前
}

// Count returns how many items of s have the given kind.
func (s *Section) Count(kind string) int {
	n := 0
	for _, it := range s.Items {
		if it.Kind == kind {
			n++
		}
	}
	return n
}

// KindLabel returns the Chinese label of an item kind, or kind itself when
// it is not one of the known ones: the changes a diff reports (added,
// removed, moved, reworded, frequency_tightened, deadline_earlier, …) and
// the verdicts of a cross-level comparison (carried, strengthened,
// weakened, missing, not_expected_below, local).
func KindLabel(kind string) string {
	switch kind {
	case "added":
		return "新增"
	case "removed":
		return "删除"
	case "moved":
		return "移动"
	case "reworded":
		return "改写"
	case "frequency_tightened":
		return "频次提高"
	case "frequency_loosened":
		return "频次降低"
	case "deadline_earlier":
		return "时限提前"
	case "deadline_later":
		return "时限推后"
	case "deadline_added":
		return "新增时限"
	case "deadline_removed":
		return "取消时限"
	case "units_changed":
		return "责任单位变化"
	case "modality_stricter":
		return "约束力增强"
	case "modality_looser":
		return "约束力减弱"
	case "modality_changed":
		return "约束力变化"
	case "carried":
		return "已落实"
	case "strengthened":
		return "加强"
	case "weakened":
		return "减弱"
	case "missing":
		return "缺失"
	case "local":
		return "本级新增"
	case "not_expected_below":
		return "无需下级落实"
	}
	return kind
}
