package corpus

import "unicode/utf8"

// The records of `dutymap extract`'s JSON Lines stream (SCHEMA.md): one
// DocumentRecord per document, then one ObligationRecord per obligation.
// Offsets in records are rune offsets; unknown values are null; lists are
// never null.

// DocumentRecord is the "document" record of a Document.
type DocumentRecord struct {
	Type       string      `json:"type"` // "document"
	ID         string      `json:"id"`
	Source     string      `json:"source"`
	Part       int         `json:"part"`
	Format     string      `json:"format,omitempty"`
	Charset    string      `json:"charset,omitempty"`
	Title      *string     `json:"title"`
	Issuer     *string     `json:"issuer"`
	DocNumber  *string     `json:"doc_number"`
	Level      *Level      `json:"level"`
	Date       *string     `json:"date"`
	PlanYear   *int        `json:"plan_year"`
	Addressees []string    `json:"addressees"`
	CC         []string    `json:"cc"`
	References []RefRecord `json:"references"`
	Place      *Place      `json:"place,omitempty"`
}

// RefRecord is a reference in a DocumentRecord; Number is null when the
// document cited has none given.
type RefRecord struct {
	Title  string  `json:"title"`
	Number *string `json:"number"`
}

// FrequencyRecord is a frequency of an ObligationRecord.
type FrequencyRecord struct {
	Raw       string    `json:"raw"`
	Period    Period    `json:"period"`
	Count     int       `json:"count"`
	Qualifier Qualifier `json:"qualifier"`
	Start     int       `json:"start"` // rune offsets in the document's text
	End       int       `json:"end"`
}

// DeadlineRecord is a deadline of an ObligationRecord. Date is an ISO date,
// or "--MM-DD" when the year is anonymised or unknown.
type DeadlineRecord struct {
	Raw   string       `json:"raw"`
	Date  string       `json:"date"`
	Kind  DeadlineKind `json:"kind"`
	Month int          `json:"month,omitempty"`
	Day   int          `json:"day,omitempty"`
	Start int          `json:"start"`
	End   int          `json:"end"`
}

// ModalRecord is the modal cue of an ObligationRecord: the word as written,
// its rune offsets in the document's text and its rank (1 may … 4 must,
// emphatic, and must_not).
type ModalRecord struct {
	Cue   string `json:"cue"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Rank  int    `json:"rank"`
}

// SpanRecord is a span of a record in rune offsets of the document's text.
type SpanRecord struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// TargetRecord is a numeric target of an ObligationRecord.
type TargetRecord struct {
	Raw   string  `json:"raw"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
}

// ObligationRecord is the "obligation" record of an Obligation. Start and
// End are rune offsets of Text in the document's normalised text.
type ObligationRecord struct {
	Type        string            `json:"type"` // "obligation"
	ID          string            `json:"id"`
	Doc         string            `json:"doc"`
	Path        []string          `json:"path"`
	Heading     string            `json:"heading"`
	Text        string            `json:"text"`
	Start       int               `json:"start"`
	End         int               `json:"end"`
	Lead        []string          `json:"lead"`
	Support     []string          `json:"support"`
	Responsible []string          `json:"responsible"`
	Actors      []string          `json:"actors"`
	Units       []string          `json:"units_normalized"` // NormalizeUnit of every unit, each once
	Frequencies []FrequencyRecord `json:"frequencies"`
	Deadlines   []DeadlineRecord  `json:"deadlines"`
	Modality    Modality          `json:"modality"`
	Modal       *ModalRecord      `json:"modal"`       // the modal cue; null when there is none
	Attribution *SpanRecord       `json:"attribution"` // the attribution that names the units; null when none
	Sectors     []string          `json:"sectors"`
	Targets     []TargetRecord    `json:"targets"`
}

// NewDocumentRecord returns the record of d.
func NewDocumentRecord(d *Document) DocumentRecord {
	r := DocumentRecord{
		Type: "document", ID: d.ID, Source: d.Source, Part: d.Part, Format: d.Format, Charset: d.Charset,
		Title: strOrNil(d.Title), Issuer: strOrNil(d.Issuer), DocNumber: strOrNil(d.DocNumber), Date: strOrNil(d.Date),
		Addressees: orEmpty(d.Addressees), CC: orEmpty(d.CC), References: []RefRecord{}, Place: d.Place,
	}
	if r.Part == 0 {
		r.Part = 1
	}
	if d.Level != LevelUnknown {
		l := d.Level
		r.Level = &l
	}
	if d.PlanYear != 0 {
		y := d.PlanYear
		r.PlanYear = &y
	}
	for _, ref := range d.References {
		r.References = append(r.References, RefRecord{Title: ref.Title, Number: strOrNil(ref.Number)})
	}
	return r
}

// NewRecords returns the records of d and of its obligations obs, in order.
func NewRecords(d *Document, obs []Obligation) (DocumentRecord, []ObligationRecord) {
	idx := newRuneIndex(d.Text)
	out := make([]ObligationRecord, len(obs))
	for i := range obs {
		out[i] = newObligationRecord(idx, &obs[i])
	}
	return NewDocumentRecord(d), out
}

// NewObligationRecord returns the record of o, an obligation of d.
func NewObligationRecord(d *Document, o *Obligation) ObligationRecord {
	return newObligationRecord(newRuneIndex(d.Text), o)
}

func newObligationRecord(d *runeIndex, o *Obligation) ObligationRecord {
	r := ObligationRecord{
		Type: "obligation", ID: o.ID, Doc: o.Doc, Path: orEmpty(o.Path), Heading: o.Heading, Text: o.Text,
		Start: d.RuneOffset(o.Span.Start), End: d.RuneOffset(o.Span.End),
		Lead: orEmpty(o.Lead), Support: orEmpty(o.Support), Responsible: orEmpty(o.Responsible),
		Actors: orEmpty(o.Actors), Units: []string{},
		Frequencies: []FrequencyRecord{}, Deadlines: []DeadlineRecord{},
		Modality: o.Modality, Sectors: orEmpty(o.Sectors), Targets: []TargetRecord{},
	}
	seen := map[string]bool{}
	for _, n := range NormalizeUnits(o.Units()) {
		if !seen[n] {
			seen[n] = true
			r.Units = append(r.Units, n)
		}
	}
	if o.Modal != nil {
		r.Modal = &ModalRecord{Cue: o.Modal.Word, Start: d.RuneOffset(o.Modal.Span.Start), End: d.RuneOffset(o.Modal.Span.End), Rank: o.Modal.Rank}
	}
	if o.Attribution != nil {
		r.Attribution = &SpanRecord{Start: d.RuneOffset(o.Attribution.Start), End: d.RuneOffset(o.Attribution.End)}
	}
	for _, f := range o.Frequencies {
		r.Frequencies = append(r.Frequencies, FrequencyRecord{Raw: f.Raw, Period: f.Period, Count: f.Count, Qualifier: f.Qualifier,
			Start: d.RuneOffset(f.Span.Start), End: d.RuneOffset(f.Span.End)})
	}
	for _, x := range o.Deadlines {
		r.Deadlines = append(r.Deadlines, DeadlineRecord{Raw: x.Raw, Date: x.Date, Kind: x.Kind, Month: x.Month, Day: x.Day,
			Start: d.RuneOffset(x.Span.Start), End: d.RuneOffset(x.Span.End)})
	}
	for _, t := range o.Targets {
		r.Targets = append(r.Targets, TargetRecord{Raw: t.Raw, Value: t.Value, Unit: t.Unit})
	}
	return r
}

// BlockRecord is an outline block of a document, as `dutymap inspect
// --json` writes it: its number as written, marker, depth and lead phrase,
// and its spans in rune offsets of the document's text (see Block).
type BlockRecord struct {
	Number   string        `json:"number"`
	Marker   Marker        `json:"marker"`
	Depth    int           `json:"depth"`
	Lead     string        `json:"lead"`
	Span     SpanRecord    `json:"span"`
	LeadSpan SpanRecord    `json:"lead_span"`
	BodySpan SpanRecord    `json:"body_span"`
	Children []BlockRecord `json:"children"`
}

// NewOutlineRecords returns the records of d's outline, in reading order;
// never nil.
func NewOutlineRecords(d *Document) []BlockRecord {
	idx := newRuneIndex(d.Text)
	span := func(s Span) SpanRecord { return SpanRecord{Start: idx.RuneOffset(s.Start), End: idx.RuneOffset(s.End)} }
	var conv func([]*Block) []BlockRecord
	conv = func(bs []*Block) []BlockRecord {
		out := make([]BlockRecord, 0, len(bs))
		for _, b := range bs {
			out = append(out, BlockRecord{
				Number: b.Number, Marker: b.Marker, Depth: b.Depth, Lead: d.Slice(b.Lead),
				Span: span(b.Span), LeadSpan: span(b.Lead), BodySpan: span(b.Body), Children: conv(b.Children),
			})
		}
		return out
	}
	return conv(d.Outline)
}

// NewSpanRecord returns the record of s, a span of d's text.
func NewSpanRecord(d *Document, s Span) SpanRecord {
	return SpanRecord{Start: d.RuneOffset(s.Start), End: d.RuneOffset(s.End)}
}

// runeIndex converts byte offsets of a text to rune offsets in O(log n)
// plus a short scan, where Document.RuneOffset counts from the start.
type runeIndex struct {
	text  string
	bytes []int // byte offsets of checkpoints, on rune boundaries
	runes []int // rune offsets of the same checkpoints
}

func newRuneIndex(text string) *runeIndex {
	idx := &runeIndex{text: text, bytes: []int{0}, runes: []int{0}}
	n, last := 0, 0
	for i := range text {
		if i-last >= 512 {
			idx.bytes = append(idx.bytes, i)
			idx.runes = append(idx.runes, n)
			last = i
		}
		n++
	}
	return idx
}

// RuneOffset converts a byte offset into the text to a rune offset.
func (x *runeIndex) RuneOffset(b int) int {
	if b > len(x.text) {
		b = len(x.text)
	}
	if b < 0 {
		b = 0
	}
	lo, hi := 0, len(x.bytes)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if x.bytes[mid] <= b {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return x.runes[lo] + utf8.RuneCountInString(x.text[x.bytes[lo]:b])
}

func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
