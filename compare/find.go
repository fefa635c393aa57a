package compare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// Found is a document found for another by level, and why.
type Found struct {
	Doc    *corpus.Document
	Reason string // "cited: 交政发〔2024〕1号", "吕梁市, city, 2024"
}

// UnplacedError says that a document's upper or lower documents cannot be
// chosen by place, since its place (or its level) is unknown: the caller
// must name them.
type UnplacedError struct {
	Doc  DocInfo
	What string // "place" or "level"
}

// Error names the document and asks for the documents to compare with.
func (e *UnplacedError) Error() string {
	return fmt.Sprintf("the %s of %q is unknown, so the documents above and below it cannot be chosen: name them", e.What, e.Doc.Name())
}

func info(d *corpus.Document) DocInfo {
	return DocInfo{ID: d.ID, Source: d.Source, Title: d.Title, Level: d.Level, PlanYear: d.PlanYear}
}

// placed reports whether d's place is known.
func placed(d *corpus.Document) bool {
	return d.Place != nil && d.Place.Code != "" || len(d.Region) > 0
}

// FindUppers picks, among docs, the upper-level documents of lower: those
// it cites (by document number or title) that are of a higher level and,
// where their place is known, on lower's own chain of places; and those of
// a higher level on that chain — lower's town, its county, city and
// province (lower.Region, or the prefixes of its division code) — whose
// plan year is lower's or the year before, keeping for each issuing place
// only its latest such year. lower itself is never returned. The result is
// in level order, lowest first, then by ID.
//
// Where lower's level or place is unknown, only the documents it cites
// are returned, with an *UnplacedError that asks the caller to name the
// others: a document from nowhere is not compared with every higher
// document in the corpus.
func FindUppers(lower *corpus.Document, docs []*corpus.Document) ([]Found, error) {
	rank := lower.Level.Rank()
	var err error
	switch {
	case rank == 0:
		err = &UnplacedError{Doc: info(lower), What: "level"}
	case !placed(lower):
		err = &UnplacedError{Doc: info(lower), What: "place"}
	}
	cited := citations(lower)
	var out []Found
	best := map[string]int{} // issuing place → latest plan year admitted
	type cand struct {
		f     Found
		place string
		year  int
	}
	var byPlace []cand
	for _, d := range docs {
		if d.ID == lower.ID || rank > 0 && d.Level.Rank() <= rank {
			continue
		}
		if ref, ok := cites(cited, d); ok {
			if d.Place == nil || err != nil || inPlace(lower, d) {
				out = append(out, Found{Doc: d, Reason: "cited: " + ref})
			}
			continue
		}
		if err != nil || d.Level.Rank() == 0 || d.Place == nil || !inPlace(lower, d) || !yearFits(d.PlanYear, lower.PlanYear) {
			continue
		}
		if d.PlanYear > best[d.Place.Code] {
			best[d.Place.Code] = d.PlanYear
		}
		byPlace = append(byPlace, cand{Found{Doc: d, Reason: fmt.Sprintf("%s, %s, %d", d.Place.Name, d.Level, d.PlanYear)}, d.Place.Code, d.PlanYear})
	}
	for _, c := range byPlace {
		if c.year == best[c.place] {
			out = append(out, c.f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := out[i].Doc.Level.Rank(), out[j].Doc.Level.Rank()
		if ri != rj {
			return ri < rj
		}
		return out[i].Doc.ID < out[j].Doc.ID
	})
	return out, err
}

// FindLowers picks, among docs, the lower-level documents under upper:
// those that cite it, and those of a lower level whose place lies within
// upper's (its counties, their towns) and whose plan year is upper's or the
// year after, keeping for each issuing place only its latest such year.
// The result is in level order, highest first, then by place and ID.
//
// Where upper's level or place is unknown, only the documents that cite it
// are returned, with an *UnplacedError.
func FindLowers(upper *corpus.Document, docs []*corpus.Document) ([]Found, error) {
	rank := upper.Level.Rank()
	var err error
	switch {
	case rank == 0:
		err = &UnplacedError{Doc: info(upper), What: "level"}
	case upper.Place == nil || upper.Place.Code == "":
		err = &UnplacedError{Doc: info(upper), What: "place"}
	}
	var out []Found
	best := map[string]int{}
	type cand struct {
		f     Found
		place string
		year  int
	}
	var byPlace []cand
	for _, d := range docs {
		if d.ID == upper.ID || rank > 0 && d.Level.Rank() >= rank {
			continue
		}
		if ref, ok := cites(citations(d), upper); ok {
			if err != nil || !placed(d) || inPlace(d, upper) {
				out = append(out, Found{Doc: d, Reason: "cites " + ref})
			}
			continue
		}
		if err != nil || d.Level.Rank() == 0 || !placed(d) || !inPlace(d, upper) || !yearFits(upper.PlanYear, d.PlanYear) {
			continue
		}
		place := placeCode(d)
		if d.PlanYear > best[place] {
			best[place] = d.PlanYear
		}
		byPlace = append(byPlace, cand{Found{Doc: d, Reason: fmt.Sprintf("%s, %s, %d", placeName(d), d.Level, d.PlanYear)}, place, d.PlanYear})
	}
	for _, c := range byPlace {
		if c.year == best[c.place] {
			out = append(out, c.f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := out[i].Doc.Level.Rank(), out[j].Doc.Level.Rank()
		if ri != rj {
			return ri > rj
		}
		pi, pj := placeCode(out[i].Doc), placeCode(out[j].Doc)
		if pi != pj {
			return pi < pj
		}
		return out[i].Doc.ID < out[j].Doc.ID
	})
	return out, err
}

// yearFits reports whether an upper plan of year up can govern a lower one
// of year lo: the same year or the year before, or either unknown.
func yearFits(up, lo int) bool {
	return up == 0 || lo == 0 || up == lo || up == lo-1
}

// citations returns the keys of the documents d cites.
func citations(d *corpus.Document) map[string]bool {
	cited := map[string]bool{}
	for _, r := range d.References {
		if r.Number != "" {
			cited["n:"+normalize(r.Number)] = true
		}
		if r.Title != "" {
			cited["t:"+normalize(r.Title)] = true
		}
	}
	return cited
}

// cites reports whether the citations hold d, by number or title, and
// which.
func cites(cited map[string]bool, d *corpus.Document) (string, bool) {
	switch {
	case d.DocNumber != "" && cited["n:"+normalize(d.DocNumber)]:
		return d.DocNumber, true
	case d.Title != "" && cited["t:"+normalize(d.Title)]:
		return d.Title, true
	}
	return "", false
}

// inPlace reports whether lower's place lies within upper's: upper's is one
// of lower's Region, or a prefix of lower's division code. Both must be
// known.
func inPlace(lower, upper *corpus.Document) bool {
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

func placeCode(d *corpus.Document) string {
	if d.Place != nil && d.Place.Code != "" {
		return d.Place.Code
	}
	if len(d.Region) > 0 {
		return d.Region[0].Code
	}
	return ""
}

func placeName(d *corpus.Document) string {
	if d.Place != nil && d.Place.Name != "" {
		return d.Place.Name
	}
	if len(d.Region) > 0 {
		return d.Region[0].Name
	}
	return "place unknown"
}
