package workspace

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/extract"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/ingest/gazetteer"
	"github.com/dutymap/dutymap/report"
)

// divisions is the gazetteer, loaded once: it is immutable.
var divisions = sync.OnceValues(gazetteer.Load)

// CheckQuery returns q ready to search the corpus r, or the reasons it
// could match nothing, each an *index.QueryError (joined): the filters the
// index checks itself (index.Query.Check); a sector outside the vocabulary
// (extract.Sectors); a region the gazetteer does not know; an issuer that
// starts no stored document's issuer. The region may be given by a
// division's full name (山西省, 交城县) or its code, also in the six- and
// twelve-digit forms (140000, 141122103000); the query gets the code the
// index holds, which finds the documents of that division and of every
// division under it. A name that several divisions share is refused, with
// their codes.
func CheckQuery(r Reader, q index.Query) (index.Query, error) {
	errs := []error{q.Check()}
	bad := func(field, value, format string, args ...any) {
		errs = append(errs, &index.QueryError{Field: field, Value: value, Reason: fmt.Sprintf(format, args...)})
	}
	if q.Sector != "" && !slices.Contains(extract.Sectors(), q.Sector) {
		bad("sector", q.Sector, "want one of %s", strings.Join(extract.Sectors(), ", "))
	}
	if q.Region = strings.TrimSpace(q.Region); q.Region != "" {
		code, err := regionCode(q.Region)
		if err != nil {
			errs = append(errs, err)
		}
		q.Region = code
	}
	if q.Issuer = strings.TrimSpace(q.Issuer); q.Issuer != "" {
		issuers, err := Issuers(r)
		if err != nil {
			return q, err
		}
		if !slices.ContainsFunc(issuers, func(s string) bool { return strings.HasPrefix(s, q.Issuer) }) {
			bad("issuer", q.Issuer, "no document of %s has an issuer that starts so; issuers: %s", r.Dir(), listSome(issuers, 12))
		}
	}
	return q, errors.Join(errs...)
}

var digits = regexp.MustCompile(`^[0-9]+$`)

// regionCode returns the gazetteer's code of the division s names.
func regionCode(s string) (string, error) {
	g, err := divisions()
	if err != nil {
		return "", err
	}
	bad := func(format string, args ...any) error {
		return &index.QueryError{Field: "region", Value: s, Reason: fmt.Sprintf(format, args...)}
	}
	if digits.MatchString(s) {
		code := s
		switch {
		case len(code) == 12 && strings.HasSuffix(code, "000"):
			code = code[:9]
		case len(code) == 6:
			// 140000 is 山西省, 140600 朔州市: the gazetteer keeps 14 and 1406.
			for len(code) > 2 && strings.HasSuffix(code, "00") {
				code = code[:len(code)-2]
			}
		}
		if g.ByCode(code) == nil {
			return "", bad("no division has this code (GB/T 2260: 14 or 140000 山西省, 141122 交城县)")
		}
		return code, nil
	}
	ds := g.Lookup(s)
	switch len(ds) {
	case 0:
		return "", bad("no division is named so; give a full name (山西省, 交城县, 水峪贯镇) or a code (141122)")
	case 1:
		return ds[0].Code, nil
	}
	var places []string
	for _, d := range ds {
		var chain []string
		for _, p := range g.Chain(d) {
			chain = append(chain, p.Name)
		}
		places = append(places, d.Code+" "+strings.Join(chain, " < "))
	}
	return "", bad("%d divisions are named so; give the code of one: %s", len(ds), listSome(places, 10))
}

// Issuers returns the issuers of the documents of r as written, each once,
// sorted.
func Issuers(r Reader) ([]string, error) {
	list, err := r.List()
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, d := range list {
		if d.Issuer != "" && !seen[d.Issuer] {
			seen[d.Issuer] = true
			out = append(out, d.Issuer)
		}
	}
	sort.Strings(out)
	return out, nil
}

// listSome joins the first n of ss with 、, saying how many more there are.
func listSome(ss []string, n int) string {
	if len(ss) == 0 {
		return "none"
	}
	if len(ss) <= n {
		return strings.Join(ss, "、")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(ss[:n], "、"), len(ss)-n)
}

// Cut returns the notice that res, the answer to q, holds only some of the
// obligations found — "result cut at 1000 of 1364 obligations", or from an
// offset "obligations 11–20 of 1364" — and "" when it holds them all.
func Cut(q index.Query, res *index.Result) string {
	shown := uint64(len(res.Hits))
	switch {
	case res.Total == 0 || q.Offset == 0 && shown >= res.Total:
		return ""
	case q.Offset == 0:
		return fmt.Sprintf("result cut at %d of %d obligations", shown, res.Total)
	case shown == 0:
		return fmt.Sprintf("no obligations from %d on, of %d", q.Offset+1, res.Total)
	}
	return fmt.Sprintf("obligations %d–%d of %d", q.Offset+1, uint64(q.Offset)+shown, res.Total)
}

// SearchTasks searches r with q and returns the task breakdown table of the
// hits, in order of relevance, made from the stored obligations behind
// them (`dutymap export QUERY`), with Cut's notice when the table holds
// only some of what was found. q is checked first (CheckQuery).
func SearchTasks(ctx context.Context, r Reader, q index.Query) (tab *report.Table, cut string, err error) {
	q, err = CheckQuery(r, q)
	if err != nil {
		return nil, "", err
	}
	tab, res, err := searchTable(ctx, r, q)
	if err != nil {
		return nil, "", err
	}
	return tab, Cut(q, res), nil
}

// searchTable is SearchTable, returning the search's result too.
func searchTable(ctx context.Context, r Reader, q index.Query) (*report.Table, *index.Result, error) {
	res, err := r.Search(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	docs := map[string]corpus.Parsed{}
	tab := &report.Table{Title: "检索：" + q.Text}
	for _, h := range res.Hits {
		p, ok := docs[h.Doc]
		if !ok {
			if p, err = r.Document(h.Doc); err != nil {
				return nil, nil, err
			}
			docs[h.Doc] = p
		}
		for _, o := range p.Obligations {
			if o.ID == h.ID {
				tab.Add(p.Doc, o)
				break
			}
		}
	}
	return tab, res, nil
}
