package compare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// Upper is an upper-level document found for a lower one, and why.
type Upper struct {
	Doc    *corpus.Document
	Reason string // "cited: 交政发〔2024〕1号", "吕梁市, city, 2024"
}

// FindUppers picks, among docs, the upper-level documents of lower: those
// it cites (by document number or title) whose level is above its own, and
// those whose level is above its own, whose place contains lower's place
// (the division code of one of lower's Region, or a prefix of its Place
// code) and whose plan year is lower's or the year before; of the latter,
// only the latest plan year of each issuing place is kept. Where lower's
// place is unknown, the place does not restrict; where an upper's is, only
// a citation admits it. lower itself is never returned, nor anything when
// lower's level is unknown. The result is in
// level order, lowest first, then by ID.
func FindUppers(lower *corpus.Document, docs []*corpus.Document) []Upper {
	rank := lower.Level.Rank()
	if rank == 0 {
		return nil // a document of unknown level has no uppers by level
	}
	cited := map[string]bool{}
	for _, r := range lower.References {
		if r.Number != "" {
			cited["n:"+normalize(r.Number)] = true
		}
		if r.Title != "" {
			cited["t:"+normalize(r.Title)] = true
		}
	}
	var out []Upper
	best := map[string]int{} // issuing place → latest plan year admitted
	type cand struct {
		u     Upper
		place string
		year  int
	}
	var byPlace []cand
	for _, d := range docs {
		if d.ID == lower.ID || d.Level.Rank() <= rank {
			continue
		}
		if (d.DocNumber != "" && cited["n:"+normalize(d.DocNumber)]) || (d.Title != "" && cited["t:"+normalize(d.Title)]) {
			ref := d.DocNumber
			if ref == "" {
				ref = d.Title
			}
			out = append(out, Upper{Doc: d, Reason: "cited: " + ref})
			continue
		}
		if !contains(lower, d) {
			continue
		}
		if lower.PlanYear != 0 && d.PlanYear != 0 && d.PlanYear != lower.PlanYear && d.PlanYear != lower.PlanYear-1 {
			continue
		}
		place := d.Issuer
		where := "place unknown"
		if d.Place != nil {
			place, where = d.Place.Code, d.Place.Name
		}
		if d.PlanYear > best[place] {
			best[place] = d.PlanYear
		}
		byPlace = append(byPlace, cand{Upper{Doc: d, Reason: fmt.Sprintf("%s, %s, %d", where, d.Level, d.PlanYear)}, place, d.PlanYear})
	}
	for _, c := range byPlace {
		if c.year == best[c.place] {
			out = append(out, c.u)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := out[i].Doc.Level.Rank(), out[j].Doc.Level.Rank()
		if ri != rj {
			return ri < rj
		}
		return out[i].Doc.ID < out[j].Doc.ID
	})
	return out
}

// contains reports whether upper's place contains lower's, as far as known.
func contains(lower, upper *corpus.Document) bool {
	if lower.Place == nil && len(lower.Region) == 0 {
		return true
	}
	if upper.Place == nil || upper.Place.Code == "" {
		return false
	}
	for _, p := range lower.Region {
		if p.Code == upper.Place.Code {
			return true
		}
	}
	return lower.Place != nil && lower.Place.Code != upper.Place.Code &&
		strings.HasPrefix(lower.Place.Code, upper.Place.Code)
}
