package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// The anchor of the benchmarks is plain bleve with its cjk analyzer
// (bigrams of Han characters) over the same records, set up as bleve needs
// it to answer the same questions: the text field stored, with the term
// vectors its phrase queries need, every other field mapped as dutymap maps
// it. Its queries are bleve's own: a match phrase per word or quoted
// phrase, and dutymap's filters and facets.

// anchorMapping is newMapping with the text field analysed by cjk instead
// of dutymap's cut, and every field keeping frequencies and norms, as bleve
// does unless told otherwise. termVectors says whether the text keeps them;
// bleve's phrase queries need them.
func anchorMapping(termVectors bool) (*mapping.IndexMappingImpl, error) {
	im, err := newMapping()
	if err != nil {
		return nil, err
	}
	dm := im.DefaultMapping
	delete(dm.Properties, FieldText)
	delete(dm.Properties, fieldCut)
	for _, p := range dm.Properties {
		for _, f := range p.Fields {
			f.SkipFreqNorm = false
		}
	}
	text := mapping.NewTextFieldMapping()
	text.Analyzer = cjk.AnalyzerName
	text.Store, text.IncludeTermVectors = true, termVectors
	text.IncludeInAll, text.DocValues = false, false
	dm.AddFieldMappingsAt(FieldText, text)
	return im, nil
}

// createAnchor returns a new, empty anchor index in dir for a bulk build.
func createAnchor(b testing.TB, dir string) *Index { return newAnchor(b, dir, true) }

// createAnchorNoVectors returns a new, empty anchor index in dir whose text
// keeps no term vectors: smaller, but unable to answer a phrase.
func createAnchorNoVectors(b testing.TB, dir string) *Index { return newAnchor(b, dir, false) }

func newAnchor(b testing.TB, dir string, termVectors bool) *Index {
	im, err := anchorMapping(termVectors)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		b.Fatal(err)
	}
	bi, err := bleve.NewUsing(dir, im, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore,
		map[string]interface{}{"unsafe_batch": true})
	if err != nil {
		b.Fatal(err)
	}
	if err := bi.SetInternal([]byte(schemaKey), []byte(schemaVersion)); err != nil {
		b.Fatal(err)
	}
	return &Index{b: bi, seg: seg(b)}
}

// closeAnchor closes an anchor index as bleve leaves it: its batches
// persisted and the files of merged segments deleted, without the merge
// into one segment that dutymap's rebuild ends with.
func closeAnchor(ix *Index) error {
	if err := ix.persist(); err != nil {
		return err
	}
	sc, err := ix.scorch()
	if err != nil {
		return err
	}
	if err := ix.settle(sc); err != nil {
		return err
	}
	return ix.b.Close()
}

// searchAnchor runs q on an anchor index as plain bleve would: each word
// and quoted phrase of q.Text a match phrase (cjk's bigrams in a row), with
// q's filters and facets as dutymap builds them, the same stored fields
// returned.
func searchAnchor(ctx context.Context, ix *Index, q Query) (uint64, error) {
	var must []query.Query
	for _, w := range splitQuery(q.Text) {
		mq := query.NewMatchPhraseQuery(w.text)
		mq.SetField(FieldText)
		must = append(must, mq)
	}
	filters := q
	filters.Text = ""
	fq, err := ix.build(filters)
	if err != nil {
		return 0, err
	}
	if _, all := fq.(*query.MatchAllQuery); !all || len(must) == 0 {
		must = append(must, fq)
	}
	req := bleve.NewSearchRequestOptions(conjunction(must), 20, 0, false)
	req.Fields = showFields
	if q.Facets {
		for _, f := range facetFields {
			req.AddFacet(f.field, bleve.NewFacetRequest(f.field, f.size))
		}
	}
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// devSentences returns the sentences of the dev set beside the repository
// (../shared/devset), none where it is missing.
func devSentences(b testing.TB) []string {
	files, _ := filepath.Glob(filepath.Join("..", "..", "shared", "devset", "*.txt"))
	if len(files) == 0 {
		b.Log("../shared/devset not found: the synthetic corpus is made of the sample corpus alone")
	}
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, sentences(string(data))...)
	}
	return out
}
