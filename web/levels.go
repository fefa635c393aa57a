package web

import (
	"net/http"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
)

// verdictOrder is the order the compare page lists verdicts in.
var verdictOrder = []compare.Verdict{compare.Missing, compare.Weakened, compare.Strengthened, compare.Carried, compare.NotExpected}

// dutyView is one upper-level duty and what the lower document made of it.
type dutyView struct {
	Upper    *corpus.Obligation
	Text     string // the duty's words in the upper obligation
	UpperURL string
	Lower    []lowerView
	Verdict  string
	Label    string
	Reasons  []reasonView
}

// lowerView is a lower obligation, with the words of it that carry the
// upper duty when they are not all of it.
type lowerView struct {
	Ob      *corpus.Obligation
	Matched string
	URL     string
}

// reasonView is one field in which the lower duty differs: its change's
// kind and label, and what changed (频次 每月 → 每季度).
type reasonView struct {
	Kind, Label, Text string
}

// upperView is an upper document the lower one was checked against.
type upperView struct {
	compare.DocInfo
	Why string
}

// sectionView is the tally of one section of an upper document.
type sectionView struct {
	compare.SectionTally
	Upper string // the upper document's name
}

// verdictCount is one verdict's count, with the link showing it alone.
type verdictCount struct {
	Verdict, Label string
	Count          int
	URL            string
}

// comparePage is the data of the compare page.
type comparePage struct {
	ID       string
	Report   *compare.LevelReport
	Uppers   []upperView
	Counts   []verdictCount
	Verdict  string // the verdict shown alone; "" for all
	Sections []sectionView
	Duties   []dutyView
	Local    []lowerView
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := checkID(id); err != nil {
		s.fail(w, r, err)
		return
	}
	verdict := r.URL.Query().Get("verdict")
	if verdict != "" && verdict != string(compare.Local) && !containsVerdict(verdictOrder, compare.Verdict(verdict)) {
		s.fail(w, r, badInput(http.StatusBadRequest, "对照结论 %q 无效", verdict))
		return
	}
	lr, why, err := s.core.Compare(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := comparePage{ID: id, Report: lr, Verdict: verdict}
	names := map[string]string{}
	for _, u := range lr.Uppers {
		p.Uppers = append(p.Uppers, upperView{DocInfo: u, Why: why[u.ID]})
		names[u.ID] = u.Name()
	}
	base := "/doc/" + id + "/compare"
	counts := map[compare.Verdict]int{
		compare.Carried: lr.Total.Carried, compare.Strengthened: lr.Total.Strengthened,
		compare.Weakened: lr.Total.Weakened, compare.Missing: lr.Total.Missing,
		compare.NotExpected: lr.Total.NotExpected, compare.Local: len(lr.Local),
	}
	for _, v := range append(verdictOrder, compare.Local) {
		p.Counts = append(p.Counts, verdictCount{Verdict: string(v), Label: kindName(string(v)), Count: counts[v], URL: base + "?verdict=" + string(v)})
	}
	for _, st := range lr.Sections {
		p.Sections = append(p.Sections, sectionView{SectionTally: st, Upper: names[st.Doc]})
	}
	if verdict != string(compare.Local) {
		for _, d := range lr.Duties {
			if verdict != "" && string(d.Verdict) != verdict {
				continue
			}
			v := dutyView{Upper: d.Upper, Text: d.Text, UpperURL: obligationURL(d.Doc, d.Upper.ID), Verdict: string(d.Verdict),
				Label: kindName(string(d.Verdict))}
			if v.Text == "" {
				v.Text = d.Upper.Text
			}
			for i, lo := range d.Lower {
				lv := lowerView{Ob: lo, URL: obligationURL(lr.Lower.ID, lo.ID)}
				if i < len(d.Matched) && d.Matched[i] != lo.Text {
					lv.Matched = d.Matched[i]
				}
				v.Lower = append(v.Lower, lv)
			}
			for _, r := range d.Reasons {
				v.Reasons = append(v.Reasons, reasonView{Kind: string(r.Kind), Label: kindName(string(r.Kind)), Text: r.String()})
			}
			p.Duties = append(p.Duties, v)
		}
	}
	if verdict == "" || verdict == string(compare.Local) {
		for _, lo := range lr.Local {
			p.Local = append(p.Local, lowerView{Ob: lo, URL: obligationURL(lr.Lower.ID, lo.ID)})
		}
	}
	s.render(w, r, http.StatusOK, "compare", "上级对照："+lr.Lower.Name(), "docs", p)
}

func containsVerdict(vs []compare.Verdict, v compare.Verdict) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
