package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/org"
)

// Field names of an indexed obligation.
const (
	FieldText        = "text"        // the obligation's text, stored; searched by its cut (see analyzer.go)
	FieldDoc         = "doc"         // the Document's ID
	FieldLead        = "lead"        // the lead bodies' standard names in their place (org.Body.String)
	FieldSupport     = "support"     // the supporting bodies' standard names
	FieldResponsible = "responsible" // the responsible bodies' standard names
	FieldLeadKey     = "lead_key"    // every key (org.Body.Keys) of the lead bodies
	FieldSupportKey  = "support_key" // every key of the supporting bodies
	FieldUnitKey     = "unit_key"    // every key of the bodies of the three roles
	FieldLevel       = "level"
	FieldIssuer      = "issuer"
	FieldRegion      = "region" // GB/T 2260 codes of the issuer's place and its parents
	FieldDocNumber   = "doc_number"
	FieldSector      = "sector"
	FieldModality    = "modality"
	FieldPeriod      = "period"    // periods of the obligation's frequencies
	FieldCount       = "count"     // counts of its frequencies
	FieldPlanYear    = "plan_year" // the document's plan year
	FieldDeadline    = "deadline"  // dates of its deadlines
	FieldDate        = "date"      // the document's date
)

// The fields a text is searched by, fed from the record's cut.
const (
	fieldCut   = "cut"
	fieldWords = "words"
	fieldPairs = "pairs"
)

// schemaVersion is stored in the index; an index written with another
// version must be rebuilt.
const schemaVersion = "dutymap-index-4"

// record is what is indexed for one obligation. Fields named show_* are
// stored for display only.
type record struct {
	Text        string    `json:"text"`
	Cut         string    `json:"cut"`
	Doc         string    `json:"doc"`
	Lead        []string  `json:"lead"`
	Support     []string  `json:"support"`
	Responsible []string  `json:"responsible"`
	LeadKey     []string  `json:"lead_key"`
	SupportKey  []string  `json:"support_key"`
	UnitKey     []string  `json:"unit_key"`
	Level       string    `json:"level"`
	Issuer      string    `json:"issuer"`
	Region      []string  `json:"region"`
	DocNumber   string    `json:"doc_number"`
	Sector      []string  `json:"sector"`
	Modality    string    `json:"modality"`
	Period      []string  `json:"period"`
	Count       []float64 `json:"count"`
	PlanYear    float64   `json:"plan_year,omitempty"`
	Deadline    []string  `json:"deadline"`
	Date        string    `json:"date,omitempty"`

	ShowTitle       string `json:"show_title"`
	ShowSource      string `json:"show_source"`
	ShowPath        string `json:"show_path"`
	ShowHeading     string `json:"show_heading"`
	ShowLead        string `json:"show_lead"`
	ShowSupport     string `json:"show_support"`
	ShowResponsible string `json:"show_responsible"`
	ShowFrequency   string `json:"show_frequency"`
	ShowDeadline    string `json:"show_deadline"`
}

// showFields are the stored-only fields a hit is displayed from.
var showFields = []string{
	FieldText, FieldLevel, FieldIssuer, FieldDoc, FieldPeriod, FieldSector,
	"show_title", "show_source", "show_path", "show_heading", "show_lead",
	"show_support", "show_responsible", "show_frequency", "show_deadline",
}

// newMapping returns the index mapping: only the fields above, no _all
// field and no dynamic fields.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	for _, a := range []struct{ analyzer, tokenizer string }{{wordsAnalyzer, wordsTokenizer}, {pairsAnalyzer, pairsTokenizer}} {
		if err := im.AddCustomAnalyzer(a.analyzer, map[string]interface{}{"type": custom.Name, "tokenizer": a.tokenizer}); err != nil {
			return nil, err
		}
	}
	im.DefaultAnalyzer = keyword.Name
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	dm := mapping.NewDocumentStaticMapping()
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())

	text := mapping.NewTextFieldMapping()
	text.Index, text.Store, text.IncludeTermVectors, text.IncludeInAll, text.DocValues = false, true, false, false, false
	dm.AddFieldMappingsAt(FieldText, text)
	// One cut feeds both fields (see analyzer.go); only the pairs keep
	// positions, for phrases.
	words := mapping.NewTextFieldMapping()
	words.Name, words.Analyzer = fieldWords, wordsAnalyzer
	words.Store, words.IncludeTermVectors, words.IncludeInAll, words.DocValues = false, false, false, false
	pairs := mapping.NewTextFieldMapping()
	pairs.Name, pairs.Analyzer = fieldPairs, pairsAnalyzer
	pairs.Store, pairs.IncludeTermVectors, pairs.IncludeInAll, pairs.DocValues = false, true, false, false
	dm.AddFieldMappingsAt(fieldCut, words, pairs)

	// Fields that only filter keep no frequencies and norms: they take no
	// part in ranking, which is by the text alone, and a numeric value is
	// indexed as 16 terms, each costing 6 bytes more with them.
	kw := func(docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		f.SkipFreqNorm = true
		return f
	}
	stored := func(f *mapping.FieldMapping) *mapping.FieldMapping {
		f.Store = true
		return f
	}
	for _, name := range []string{FieldLeadKey, FieldSupportKey, FieldUnitKey, FieldRegion, FieldDocNumber, FieldModality} {
		dm.AddFieldMappingsAt(name, kw(false))
	}
	// Facet fields keep doc values (the bodies by role are counted by
	// Bodies); fields shown with a hit are stored.
	for _, name := range []string{FieldLead, FieldSupport, FieldResponsible} {
		dm.AddFieldMappingsAt(name, kw(true))
	}
	for _, name := range []string{FieldLevel, FieldPeriod, FieldSector} {
		dm.AddFieldMappingsAt(name, stored(kw(true)))
	}
	for _, name := range []string{FieldDoc, FieldIssuer} {
		dm.AddFieldMappingsAt(name, stored(kw(false)))
	}

	num := mapping.NewNumericFieldMapping()
	num.Store, num.IncludeInAll, num.DocValues, num.SkipFreqNorm = false, false, false, true
	dm.AddFieldMappingsAt(FieldCount, num)
	dm.AddFieldMappingsAt(FieldPlanYear, num)
	date := mapping.NewDateTimeFieldMapping()
	date.Store, date.IncludeInAll, date.DocValues, date.SkipFreqNorm = false, false, false, true
	date.DateFormat = "dateTimeOptional"
	dm.AddFieldMappingsAt(FieldDeadline, date)
	dm.AddFieldMappingsAt(FieldDate, date)

	for _, name := range showFields {
		if len(name) < 5 || name[:5] != "show_" {
			continue
		}
		f := mapping.NewTextFieldMapping()
		f.Index, f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, true, false, false, false
		dm.AddFieldMappingsAt(name, f)
	}
	im.DefaultMapping = dm
	return im, nil
}

// record returns what is indexed for o of d: newRecord's fields and the
// cut of its text.
func (ix *Index) record(d *corpus.Document, o *corpus.Obligation) *record {
	r := newRecord(d, o)
	r.Cut = ix.words.cutText(ix.seg, o.Text)
	return r
}

// resolver is the unit resolver that both indexing and search use, so that
// a query's terms are the keys its bodies were indexed under.
var resolver = sync.OnceValues(org.Standard)

// setUnits fills the unit fields of r from the units of o as written in d:
// the standard names of their bodies by role, and the keys of those bodies
// that a search by unit, lead or support looks up. Without a resolver (its
// embedded data failed to load, which Search then reports) the names are
// indexed as written and no keys.
func (r *record) setUnits(d *corpus.Document, o *corpus.Obligation) {
	res, err := resolver()
	unit := map[string]bool{}
	fill := func(names []string, display, keys *[]string) {
		seenName, seenKey := map[string]bool{}, map[string]bool{}
		*display = []string{}
		for _, n := range names {
			if err != nil {
				*display = append(*display, n)
				continue
			}
			b := res.Resolve(n, d)
			if s := b.String(); !seenName[s] {
				seenName[s] = true
				*display = append(*display, s)
			}
			for _, k := range b.Keys() {
				if keys != nil && !seenKey[k] {
					seenKey[k] = true
					*keys = append(*keys, k)
				}
				if !unit[k] {
					unit[k] = true
					r.UnitKey = append(r.UnitKey, k)
				}
			}
		}
	}
	fill(o.Lead, &r.Lead, &r.LeadKey)
	fill(o.Support, &r.Support, &r.SupportKey)
	fill(o.Responsible, &r.Responsible, nil)
}
