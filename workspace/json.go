package workspace

import (
	"context"
	"time"
	"unicode/utf8"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/org"
	"github.com/dutymap/dutymap/report"
	"github.com/dutymap/dutymap/store"
)

// The JSON that dutymap writes, in one shape everywhere: a document is the
// "document" record of the extract contract (corpus.DocumentRecord), an
// obligation its "obligation" record (corpus.ObligationRecord), with the
// names of SCHEMA.md — frequencies and deadlines as lists of records, path
// as a list, offsets in runes — unknown values null, lists never null.
// Each shape adds what its command knows beside them; docs/json.md shows
// each with an example.

// DocumentJSON is a stored document as `dutymap list --json` writes it:
// its document record, and what the store knows of it.
type DocumentJSON struct {
	corpus.DocumentRecord
	ShortID      string         `json:"short_id"` // IDs.Short
	Region       []corpus.Place `json:"region"`   // its place and the divisions above it, lowest first
	Obligations  int            `json:"obligations"`
	Hash         string         `json:"hash"` // SHA-256 of its file
	Added        time.Time      `json:"added"`
	Current      bool           `json:"current"`
	SupersededBy *string        `json:"superseded_by"` // the newer version; null if current
}

// NewDocumentJSON returns the JSON of the stored document d; ids gives its
// short ID.
func NewDocumentJSON(d store.DocEntry, ids *IDs) DocumentJSON {
	out := DocumentJSON{
		DocumentRecord: corpus.NewDocumentRecord(d.Meta()), ShortID: ids.Short(d.ID),
		Region: orNone(d.Region), Obligations: d.Obligations, Hash: d.Hash, Added: d.Added, Current: d.Current(),
	}
	if !d.Current() {
		s := d.SupersededBy
		out.SupersededBy = &s
	}
	return out
}

// InspectJSON is a document as `dutymap inspect --json` writes it: its
// document record with its outline; spans in runes of its normalised text.
type InspectJSON struct {
	corpus.DocumentRecord
	Region  []corpus.Place       `json:"region"`
	Body    corpus.SpanRecord    `json:"body"`   // the part of the text that carries the provisions
	Length  int                  `json:"length"` // runes of normalised text
	Outline []corpus.BlockRecord `json:"outline"`
}

// NewInspectJSON returns the JSON of d.
func NewInspectJSON(d *corpus.Document) InspectJSON {
	return InspectJSON{
		DocumentRecord: corpus.NewDocumentRecord(d), Region: orNone(d.Region),
		Body: corpus.NewSpanRecord(d, d.Body), Length: utf8.RuneCountInString(d.Text), Outline: corpus.NewOutlineRecords(d),
	}
}

// SearchJSON is the answer to a search as `dutymap search --json` writes
// it: the hits, best first, as obligation records, and the counts of all
// that was found by level, lead unit, period and sector.
type SearchJSON struct {
	Query  string        `json:"query"`
	Total  uint64        `json:"total"`  // obligations found
	Offset int           `json:"offset"` // hits skipped before the first given
	Cut    *string       `json:"cut"`    // Cut's notice; null when the hits are all that was found
	Hits   []HitJSON     `json:"hits"`
	Facets []index.Facet `json:"facets"`
}

// HitJSON is one obligation found: its record, its document's title,
// source, level and issuer, its score, and where the query's words matched.
type HitJSON struct {
	corpus.ObligationRecord
	Title  string        `json:"title"`
	Source string        `json:"source"`
	Level  *corpus.Level `json:"level"`
	Issuer *string       `json:"issuer"`
	Score  float64       `json:"score"`
	// Matches are the runs of Text the words matched, in runes of Text.
	Matches     []corpus.SpanRecord `json:"matches"`
	Highlighted string              `json:"highlighted"` // Text with the matches in 【】
}

// NewSearchJSON returns the JSON of res, the answer of r to q: each hit
// with the stored obligation behind it.
func NewSearchJSON(ctx context.Context, r Reader, q index.Query, res *index.Result) (SearchJSON, error) {
	out := SearchJSON{Query: q.Text, Total: res.Total, Offset: q.Offset, Hits: make([]HitJSON, 0, len(res.Hits)), Facets: make([]index.Facet, 0, len(res.Facets))}
	if c := Cut(q, res); c != "" {
		out.Cut = &c
	}
	for _, f := range res.Facets {
		if f.Terms == nil {
			f.Terms = []index.FacetTerm{}
		}
		out.Facets = append(out.Facets, f)
	}
	docs := map[string]*obligationRecords{}
	for _, h := range res.Hits {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		recs, ok := docs[h.Doc]
		if !ok {
			p, err := r.Document(h.Doc)
			if err != nil {
				return out, err
			}
			recs = newObligationRecords(p)
			docs[h.Doc] = recs
		}
		rec := recs.byID[h.ID]
		if rec == nil {
			continue // the stored document changed since it was indexed
		}
		hj := HitJSON{ObligationRecord: *rec, Title: h.Title, Source: h.Source, Score: h.Score,
			Matches: make([]corpus.SpanRecord, 0, len(h.Matches)), Highlighted: h.Highlight("【", "】")}
		if recs.doc.Level != corpus.LevelUnknown {
			l := recs.doc.Level
			hj.Level = &l
		}
		if recs.doc.Issuer != "" {
			s := recs.doc.Issuer
			hj.Issuer = &s
		}
		for _, m := range h.Matches {
			hj.Matches = append(hj.Matches, corpus.SpanRecord{
				Start: utf8.RuneCountInString(h.Text[:m.Start]), End: utf8.RuneCountInString(h.Text[:m.End]),
			})
		}
		out.Hits = append(out.Hits, hj)
	}
	return out, nil
}

// obligationRecords are the records of one document's obligations.
type obligationRecords struct {
	doc  *corpus.Document
	byID map[string]*corpus.ObligationRecord
}

func newObligationRecords(p corpus.Parsed) *obligationRecords {
	_, recs := corpus.NewRecords(p.Doc, p.Obligations)
	out := &obligationRecords{doc: p.Doc, byID: make(map[string]*corpus.ObligationRecord, len(recs))}
	for i := range recs {
		out.byID[recs[i].ID] = &recs[i]
	}
	return out
}

// recorder turns the obligations of a report into records, from the
// documents the report was made of.
type recorder struct {
	docs map[string]corpus.Parsed
	done map[string]*obligationRecords
}

func newRecorder(ps ...corpus.Parsed) *recorder {
	r := &recorder{docs: map[string]corpus.Parsed{}, done: map[string]*obligationRecords{}}
	for _, p := range ps {
		r.docs[p.Doc.ID] = p
	}
	return r
}

// of returns the record of o; nil for nil.
func (r *recorder) of(o *corpus.Obligation) *corpus.ObligationRecord {
	if o == nil {
		return nil
	}
	recs, ok := r.done[o.Doc]
	if !ok {
		p, known := r.docs[o.Doc]
		if !known {
			// Not one of the report's documents: its offsets are unknown.
			p = corpus.Parsed{Doc: &corpus.Document{ID: o.Doc}, Obligations: []corpus.Obligation{*o}}
		}
		recs = newObligationRecords(p)
		r.done[o.Doc] = recs
	}
	if rec := recs.byID[o.ID]; rec != nil {
		return rec
	}
	rec := corpus.NewObligationRecord(recs.doc, o)
	return &rec
}

func (r *recorder) all(os []*corpus.Obligation) []*corpus.ObligationRecord {
	out := make([]*corpus.ObligationRecord, 0, len(os))
	for _, o := range os {
		out = append(out, r.of(o))
	}
	return out
}

// DocInfoJSON is a document named in a diff, comparison or coverage
// report: compare.DocInfo with unknown values null, as in its record.
type DocInfoJSON struct {
	compare.DocInfo
	Title     *string       `json:"title"`
	Issuer    *string       `json:"issuer"`
	DocNumber *string       `json:"doc_number"`
	Level     *corpus.Level `json:"level"`
	PlanYear  *int          `json:"plan_year"`
}

func newDocInfoJSON(d compare.DocInfo) DocInfoJSON {
	rec := corpus.NewDocumentRecord(&corpus.Document{Title: d.Title, Issuer: d.Issuer, DocNumber: d.DocNumber, Level: d.Level, PlanYear: d.PlanYear})
	return DocInfoJSON{DocInfo: d, Title: rec.Title, Issuer: rec.Issuer, DocNumber: rec.DocNumber, Level: rec.Level, PlanYear: rec.PlanYear}
}

func docInfosJSON(ds []compare.DocInfo) []DocInfoJSON {
	out := make([]DocInfoJSON, 0, len(ds))
	for _, d := range ds {
		out = append(out, newDocInfoJSON(d))
	}
	return out
}

// DiffJSON is a diff as `dutymap diff --json` writes it: compare.DiffReport
// with its documents and obligations as records.
type DiffJSON struct {
	compare.DiffReport
	Old      DocInfoJSON           `json:"old"`
	New      DocInfoJSON           `json:"new"`
	Entries  []DiffEntryJSON       `json:"entries"`
	Sections []compare.SectionMove `json:"sections"`
}

// DiffEntryJSON is one changed duty of a DiffJSON.
type DiffEntryJSON struct {
	compare.Entry
	Old *corpus.ObligationRecord `json:"old,omitempty"`
	New *corpus.ObligationRecord `json:"new,omitempty"`
}

// NewDiffJSON returns the JSON of d, the diff of old and new.
func NewDiffJSON(d *compare.DiffReport, old, new corpus.Parsed) DiffJSON {
	rec := newRecorder(old, new)
	out := DiffJSON{DiffReport: *d, Old: newDocInfoJSON(d.Old), New: newDocInfoJSON(d.New),
		Entries: make([]DiffEntryJSON, 0, len(d.Entries)), Sections: orNone(d.Sections)}
	for _, e := range d.Entries {
		if e.Changes == nil {
			e.Changes = []compare.Change{}
		}
		out.Entries = append(out.Entries, DiffEntryJSON{Entry: e, Old: rec.of(e.Old), New: rec.of(e.New)})
	}
	return out
}

// CompareJSON is a comparison across levels as `dutymap compare --json`
// writes it: compare.LevelReport with its documents and obligations as
// records.
type CompareJSON struct {
	compare.LevelReport
	Lower  DocInfoJSON                `json:"lower"`
	Uppers []DocInfoJSON              `json:"uppers"`
	Duties []CompareDutyJSON          `json:"duties"`
	Local  []*corpus.ObligationRecord `json:"local"`
}

// CompareDutyJSON is one upper duty of a CompareJSON and what the lower
// document made of it.
type CompareDutyJSON struct {
	compare.Duty
	Upper *corpus.ObligationRecord   `json:"upper"`
	Lower []*corpus.ObligationRecord `json:"lower"`
}

// NewCompareJSON returns the JSON of c, the comparison of lower with uppers.
func NewCompareJSON(c *compare.LevelReport, lower corpus.Parsed, uppers []corpus.Parsed) CompareJSON {
	rec := newRecorder(append([]corpus.Parsed{lower}, uppers...)...)
	out := CompareJSON{LevelReport: *c, Lower: newDocInfoJSON(c.Lower), Uppers: docInfosJSON(c.Uppers),
		Duties: make([]CompareDutyJSON, 0, len(c.Duties)), Local: rec.all(c.Local)}
	for _, d := range c.Duties {
		out.Duties = append(out.Duties, CompareDutyJSON{Duty: d, Upper: rec.of(d.Upper), Lower: rec.all(d.Lower)})
	}
	return out
}

// CoverageJSON is the inspector's matrix as `dutymap coverage --json`
// writes it: compare.CoverageReport with its documents and duties as
// records.
type CoverageJSON struct {
	compare.CoverageReport
	Upper  DocInfoJSON       `json:"upper"`
	Lowers []DocInfoJSON     `json:"lowers"`
	Rows   []CoverageRowJSON `json:"rows"`
}

// CoverageRowJSON is one upper duty of a CoverageJSON across the lower
// documents.
type CoverageRowJSON struct {
	compare.CoverageRow
	Upper *corpus.ObligationRecord `json:"upper"`
}

// NewCoverageJSON returns the JSON of c, the matrix of upper over lowers.
func NewCoverageJSON(c *compare.CoverageReport, upper corpus.Parsed, lowers []corpus.Parsed) CoverageJSON {
	rec := newRecorder(append([]corpus.Parsed{upper}, lowers...)...)
	out := CoverageJSON{CoverageReport: *c, Upper: newDocInfoJSON(c.Upper), Lowers: docInfosJSON(c.Lowers),
		Rows: make([]CoverageRowJSON, 0, len(c.Rows))}
	for _, r := range c.Rows {
		out.Rows = append(out.Rows, CoverageRowJSON{CoverageRow: r, Upper: rec.of(r.Upper)})
	}
	return out
}

// DutiesJSON is a body's duties as `dutymap duties --json` writes them:
// report.DutyList with each duty as its obligation's record.
type DutiesJSON struct {
	report.DutyList
	Groups []DutyGroupJSON `json:"groups"`
}

// DutyGroupJSON is one group of a DutiesJSON: the duties due alike.
type DutyGroupJSON struct {
	report.DutyGroup
	Duties []DutyJSON `json:"duties"`
}

// DutyJSON is one duty: the obligation's record, the body's role in it and
// name as written, the task without its unit bracket, and its document.
type DutyJSON struct {
	corpus.ObligationRecord
	Role   org.Role `json:"role"`
	As     string   `json:"as"`
	Task   string   `json:"task"`
	Title  string   `json:"title"`
	Source string   `json:"source"`
}

// NewDutiesJSON returns the JSON of l.
func NewDutiesJSON(l *report.DutyList) DutiesJSON {
	out := DutiesJSON{DutyList: *l, Groups: make([]DutyGroupJSON, 0, len(l.Groups))}
	recs := map[string]*obligationRecords{}
	for _, g := range l.Groups {
		gj := DutyGroupJSON{DutyGroup: g, Duties: make([]DutyJSON, 0, len(g.Duties))}
		for i, d := range g.Duties {
			r, ok := recs[d.Doc.ID]
			if !ok {
				r = &obligationRecords{doc: d.Doc, byID: map[string]*corpus.ObligationRecord{}}
				recs[d.Doc.ID] = r
			}
			rec := r.byID[d.Obligation.ID]
			if rec == nil {
				o := corpus.NewObligationRecord(d.Doc, d.Obligation)
				rec = &o
				r.byID[o.ID] = rec
			}
			gj.Duties = append(gj.Duties, DutyJSON{ObligationRecord: *rec, Role: d.Role, As: d.As,
				Task: g.Rows[i].Task, Title: d.Doc.Title, Source: d.Doc.Source})
		}
		out.Groups = append(out.Groups, gj)
	}
	return out
}

func orNone[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
