package report

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/ingest"
	"github.com/dutymap/dutymap/org"
	"github.com/dutymap/dutymap/samples"
	"github.com/dutymap/dutymap/segment"
	"github.com/xuri/excelize/v2"
)

// htmlTags are the elements report.html is made of (its template's); any
// other tag in a report would be markup let through from a document.
var htmlTags = map[string]bool{"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
	"h1": true, "h2": true, "h3": true, "p": true, "span": true, "dl": true, "dt": true, "dd": true,
	"table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true}

var tagPattern = regexp.MustCompile(`<\s*/?\s*([A-Za-z][A-Za-z0-9]*)`)

// injections are what a hostile or careless document may hold: markup, a
// spreadsheet formula, iCalendar structure, line breaks of every kind.
var injections = []string{
	`<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `"><a href="javascript:alert(1)">`,
	`=HYPERLINK("http://example.com","点击")`, `+1+2`, `-2+3`, `@SUM(A1:A2)`, "\t=1",
	"END:VEVENT\r\nBEGIN:VEVENT", "\r", "\u2028", "\x00",
}

var (
	fuzzSegOnce sync.Once
	fuzzSeg     *segment.Segmenter
	fuzzSegErr  error
)

// FuzzWriters writes the report, the duty table as .xlsx and the calendar
// of the duties of any text run through ingest and extract: no writer may
// panic or fail, report.html holds only its own elements (all of the
// document's text escaped), no cell of the workbook is a formula, and the
// calendar's lines are CRLF-ended, at most 75 octets, one VEVENT per
// event. Seeds are the openings of the samples, bare and with the injections above in
// headings, duties and units.
func FuzzWriters(f *testing.F) {
	err := fs.WalkDir(samples.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := fs.ReadFile(samples.FS(), p)
		text := string(b)
		if len(text) > 3000 { // the title, issuer and first sections: quick to run
			text = text[:strings.LastIndexByte(text[:3000], '\n')+1]
		}
		f.Add(text)
		at := strings.Index(text, "每")
		if at < 0 {
			at = len(text) / 2
		}
		var head strings.Builder
		for _, inj := range injections {
			head.WriteString("一、" + inj + "\n各单位要每月开展一次" + inj + "检查。（牵头单位：" + inj + "）\n")
		}
		f.Add(head.String() + text[:at] + strings.Join(injections, "") + text[at:])
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	fuzzSegOnce.Do(func() { fuzzSeg, fuzzSegErr = segment.New() })
	if fuzzSegErr != nil {
		f.Fatal(fuzzSegErr)
	}
	ex := extract.New(fuzzSeg)
	stamp := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		docs, err := ingest.Parse("plan.txt", []byte(text))
		if err != nil || len(docs) == 0 {
			return
		}
		doc := docs[0]
		doc.Source = "plan.txt"
		obs := ex.Extract(doc)

		var page bytes.Buffer
		if err := New(doc.Source, doc, obs, stamp).WriteHTML(&page); err != nil {
			t.Fatalf("WriteHTML: %v", err)
		}
		for _, m := range tagPattern.FindAllStringSubmatch(page.String(), -1) {
			if !htmlTags[strings.ToLower(m[1])] {
				t.Fatalf("report.html holds the element %q from the document", m[0])
			}
		}

		var book bytes.Buffer
		if err := NewTable(doc, obs).WriteXLSX(&book); err != nil {
			t.Fatalf("WriteXLSX: %v", err)
		}
		checkNoFormula(t, book.Bytes())

		duties := make([]Duty, len(obs))
		for i := range obs {
			duties[i] = Duty{Doc: doc, Obligation: &obs[i], Role: org.Responsible, As: "应急站"}
		}
		cal := NewCalendar(doc.Title, duties)
		var ics bytes.Buffer
		if err := cal.WriteICS(&ics, stamp); err != nil {
			t.Fatalf("WriteICS: %v", err)
		}
		out := ics.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatal("calendar does not end with CRLF")
		}
		for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if strings.ContainsAny(line, "\r\n") || len(line) > 75 {
				t.Fatalf("calendar line %q: a bare line break or longer than 75 octets", line)
			}
		}
		if n := strings.Count(out, "\r\nBEGIN:VEVENT\r\n"); n != len(cal.Events) {
			t.Fatalf("%d VEVENTs for %d events", n, len(cal.Events))
		}
	})
}

// checkNoFormula fails t if any cell of any sheet of the workbook is a
// formula.
func checkNoFormula(t *testing.T, data []byte) {
	t.Helper()
	book, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the workbook written does not open: %v", err)
	}
	defer book.Close()
	for _, sheet := range book.GetSheetList() {
		rows, err := book.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := book.GetCellFormula(sheet, cell); formula != "" {
					t.Fatalf("%s!%s is the formula %q", sheet, cell, formula)
				}
			}
		}
	}
}
