package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// TestEncodeDoc: the record written piece by piece holds what json.Marshal
// of the whole record holds, and reads back as the document written.
func TestEncodeDoc(t *testing.T) {
	plain := parsedDoc("d-1", "某镇", "方案", "每月召开一次会议", "4月底前制定清单")
	folded := parsedDoc("d-2", "某鎮", "<b>方案</b> & \u2028", "每月召開一次會議")
	folded.Doc.Fold = strings.Repeat("x", len(folded.Doc.Text))
	none := parsedDoc("d-3", "某镇", "方案")
	for _, p := range []corpus.Parsed{plain, folded, none} {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := encodeDoc(w, p); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		rec := docRecord{Document: p.Doc, Text: p.Doc.Text, Body: p.Doc.Body, Outline: p.Doc.Outline,
			Passages: p.Doc.Passages, Tables: p.Doc.Tables, Obligations: p.Obligations}
		if p.Doc.Fold != p.Doc.Text {
			rec.Fold = p.Doc.Fold
		}
		if rec.Obligations == nil {
			rec.Obligations = []corpus.Obligation{}
		}
		whole, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		var got, want map[string]any
		if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
			t.Fatalf("%s: written record is no JSON: %v\n%s", p.Doc.ID, err, buf.Bytes())
		}
		json.Unmarshal(whole, &want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: written record\n%s\nwant the same as\n%s", p.Doc.ID, buf.Bytes(), whole)
		}
		back, err := decodeDoc(buf.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", p.Doc.ID, err)
		}
		if p.Obligations == nil {
			back.Obligations = nil
		}
		if !reflect.DeepEqual(back, p) {
			t.Errorf("%s: read back\n%+v\nwant\n%+v", p.Doc.ID, back.Doc, p.Doc)
		}
	}
}

// FuzzWriteString: a string written in pieces is the JSON string
// json.Marshal makes of it, whatever its bytes and wherever a piece ends.
func FuzzWriteString(f *testing.F) {
	f.Add("各村要每月至少召开一次安全生产例会", 4)
	f.Add("<script>&\u2028\"\\\n\x00", 1)
	f.Add("\xe4\xb8 \xff\xfe半个字", 2)
	f.Add(strings.Repeat("应急", 100), 7)
	f.Fuzz(func(t *testing.T, s string, piece int) {
		piece = 1 + abs(piece)%64
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := writeString(w, s, piece); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		want, _ := json.Marshal(s)
		if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("writeString(%q, %d) = %s, want %s", s, piece, buf.Bytes(), want)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
