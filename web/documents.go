package web

import (
	"net/http"
	"sort"
)

// documentsPage is the data of the list of documents.
type documentsPage struct {
	Entries []Entry
	All     bool // superseded versions are listed too
	Hidden  int  // superseded versions left out
}

func (s *Server) documents(w http.ResponseWriter, r *http.Request) {
	all := r.URL.Query().Get("all") == "1"
	es, err := s.core.Documents(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := documentsPage{All: all}
	for _, e := range es {
		if e.SupersededBy != "" && !all {
			p.Hidden++
			continue
		}
		p.Entries = append(p.Entries, e)
	}
	// Highest level first, then the newest: how a policy library lists.
	sort.SliceStable(p.Entries, func(i, j int) bool {
		a, b := p.Entries[i].Doc, p.Entries[j].Doc
		if ra, rb := a.Level.Rank(), b.Level.Rank(); ra != rb {
			return ra > rb
		}
		return a.Date > b.Date
	})
	s.render(w, r, http.StatusOK, "documents", "文件库", "docs", p)
}
