package corpus

import (
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of byte offsets into a Document's Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len reports the length of the span in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether t lies entirely inside s.
func (s Span) Contains(t Span) bool { return s.Start <= t.Start && t.End <= s.End }

// Level is the administrative level of a document's issuer.
type Level string

// The levels of China's administration, lowest first. LevelUnknown is the
// empty string and is written as null in JSON.
const (
	LevelUnknown  Level = ""
	LevelTown     Level = "town"
	LevelCounty   Level = "county"
	LevelCity     Level = "city"
	LevelProvince Level = "province"
	LevelNational Level = "national"
)

// Rank orders levels from town (1) to national (5); unknown is 0.
func (l Level) Rank() int {
	switch l {
	case LevelTown:
		return 1
	case LevelCounty:
		return 2
	case LevelCity:
		return 3
	case LevelProvince:
		return 4
	case LevelNational:
		return 5
	}
	return 0
}

// Place is an administrative division from the gazetteer (GB/T 2260 code).
type Place struct {
	Code  string `json:"code"`  // division code, e.g. "511381" for 阆中市
	Name  string `json:"name"`  // full name, e.g. "阆中市"
	Level Level  `json:"level"` // the division's own level
}

// Reference is a document cited as the basis of another: 《Title》（Number）.
type Reference struct {
	Title  string `json:"title"`
	Number string `json:"number,omitempty"` // doc number; empty when not given
}

// Marker is the kind of numbering that opens an outline item.
type Marker int

// The numbering styles of Chinese official documents, outermost first as
// usually nested: 一、 （一） 1. （1） ①; MarkerHeading is a Markdown heading
// without a number. Regulations number 第一章 > 第一节 > 第一条; those markers
// come last so that stored values of the others keep their meaning.
const (
	MarkerNone         Marker = iota
	MarkerChinese             // 一、
	MarkerParenChinese        // （一） or (一)
	MarkerArabic              // 1. 1、 1， and decimal headings 1 总则, 1.1 编制目的 (nested by their count of numbers)
	MarkerParenArabic         // （1） or (1)
	MarkerCircled             // ①
	MarkerHeading             // a Markdown heading with no number of its own
	MarkerChapter             // 第一章
	MarkerSection             // 第一节
	MarkerArticle             // 第一条 or 第一條
)

// Block is one numbered item of a document's outline. Its Span runs from its
// number to the end of its last child; Lead is the item's lead phrase (the
// bold or first clause up to 。), and Body is the item's own text after the
// number, up to its first child (Body includes Lead).
type Block struct {
	Number   string   `json:"number"` // as written, without the trailing 、.: "一", "（一）", "1", "1.1", "(1)", "①"
	Marker   Marker   `json:"marker"`
	Depth    int      `json:"depth"` // 1 for top-level items
	Span     Span     `json:"span"`
	Lead     Span     `json:"lead"`
	Body     Span     `json:"body"`
	Children []*Block `json:"children,omitempty"`
}

// Document is one policy document: its normalised text, metadata and outline.
// A file may hold several Documents (Part counts them from 1).
type Document struct {
	ID      string `json:"id"`     // "d-" + hex digest of the source bytes and part
	Source  string `json:"source"` // the file name as given
	Part    int    `json:"part"`
	Format  string `json:"format"`  // txt, md, html, docx
	Charset string `json:"charset"` // utf-8, gb18030, utf-16le, utf-16be

	Title      string      `json:"title"`
	Issuer     string      `json:"issuer"`
	DocNumber  string      `json:"doc_number"`
	Level      Level       `json:"level"`
	Place      *Place      `json:"place,omitempty"`  // nil for anonymised or unknown issuers
	Region     []Place     `json:"region,omitempty"` // Place and its parents, lowest first
	Date       string      `json:"date"`             // ISO date of signing or printing; "" if unknown
	PlanYear   int         `json:"plan_year"`        // 0 if unknown
	Addressees []string    `json:"addressees"`
	CC         []string    `json:"cc"`
	References []Reference `json:"references"`

	// Text is the normalised text of this document alone; every Span of the
	// document and its obligations points into it.
	Text string `json:"-"`
	// Body is the part of Text that carries the provisions: after the title,
	// number and addressee lines, before the signature and 抄送 block.
	Body Span `json:"-"`
	// Fold is Text folded for matching: traditional characters to simplified,
	// compatibility forms to their plain ones, one rune for one rune of the
	// same encoded length, so len(Fold) == len(Text) and every Span is valid
	// in both. Rules match on Fold; what a user is shown comes from Text.
	Fold string `json:"-"`
	// Outline is the numbered tree of the document's items.
	Outline []*Block `json:"-"`
	// Passages are the runs of Body outside the outline that may carry
	// provisions — the preamble before the first item, a cover notice
	// before its attached plan, closing text after the last item — in
	// reading order. Signature blocks, metadata and attachment lists are
	// not passages.
	Passages []Span `json:"-"`
	// Tables are the document's tables (HTML <table>, docx w:tbl, pipe
	// rows) in reading order.
	Tables []Table `json:"-"`
}

// Table is a table of a document. Each row is one line of Text, its cells
// in column order; a cell merged across columns or rows repeats its span in
// every column and row it covers, so all rows of a table have the same
// number of cells. The first Header rows are header rows (0 when the table
// has none).
type Table struct {
	Span   Span  `json:"span"`
	Header int   `json:"header"`
	Rows   []Row `json:"rows"`
}

// Row is one row of a Table: its line in Text and its cells' text, trimmed.
type Row struct {
	Span  Span   `json:"span"`
	Cells []Span `json:"cells"`
}

// Matching returns the text rules match on: Fold when ingest made one,
// else Text (a Document built by hand in a test or an embedding program).
func (d *Document) Matching() string {
	if len(d.Fold) == len(d.Text) && d.Fold != "" {
		return d.Fold
	}
	return d.Text
}

// Slice returns the text of s.
func (d *Document) Slice(s Span) string { return d.Text[s.Start:s.End] }

// RuneOffset converts a byte offset into d.Text to a rune offset.
func (d *Document) RuneOffset(byteOff int) int {
	if byteOff > len(d.Text) {
		byteOff = len(d.Text)
	}
	return utf8.RuneCountInString(d.Text[:byteOff])
}

// Walk calls fn for every block of the outline in reading order, with the
// chain of its ancestors (outermost first, not including b itself). Walk stops
// early when fn returns false.
func (d *Document) Walk(fn func(b *Block, ancestors []*Block) bool) {
	var walk func(bs []*Block, anc []*Block) bool
	walk = func(bs []*Block, anc []*Block) bool {
		for _, b := range bs {
			if !fn(b, anc) {
				return false
			}
			if !walk(b.Children, append(anc[:len(anc):len(anc)], b)) {
				return false
			}
		}
		return true
	}
	walk(d.Outline, nil)
}
