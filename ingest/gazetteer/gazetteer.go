// Package gazetteer takes China's administrative divisions (GB/T 2260 codes
// to county level, statistical codes for towns and streets), embedded as a
// compact data file, and hands out lookups by name and by code with the
// chain of parents of each division.
package gazetteer

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

//go:embed divisions.tsv.gz
var divisionsGz []byte

// Division is one administrative division.
type Division struct {
	Code  string       // 2, 4, 6 or 9 digits
	Name  string       // full name, e.g. 阆中市, 水峪贯镇
	Level corpus.Level // town, county, city or province
}

// Place returns d as a corpus.Place.
func (d *Division) Place() corpus.Place {
	return corpus.Place{Code: d.Code, Name: d.Name, Level: d.Level}
}

// Gazetteer indexes the divisions by code and name. It is immutable once
// loaded and safe for concurrent use.
type Gazetteer struct {
	byCode map[string]*Division
	byName map[string][]*Division
	ends   map[string]bool // the last two characters of every name
	maxLen int             // longest name, in runes
}

// Load reads the embedded division list.
func Load() (*Gazetteer, error) {
	zr, err := gzip.NewReader(bytes.NewReader(divisionsGz))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer zr.Close()
	return read(zr)
}

func read(r io.Reader) (*Gazetteer, error) {
	g := &Gazetteer{byCode: make(map[string]*Division, 50000), byName: make(map[string][]*Division, 50000), ends: map[string]bool{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		code, name, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			return nil, fmt.Errorf("gazetteer: line %d: no tab", n)
		}
		d := &Division{Code: code, Name: name}
		switch len(code) {
		case 2:
			d.Level = corpus.LevelProvince
		case 4:
			d.Level = corpus.LevelCity
		case 6:
			d.Level = corpus.LevelCounty
		case 9:
			d.Level = corpus.LevelTown
		default:
			return nil, fmt.Errorf("gazetteer: line %d: bad code %q", n, code)
		}
		g.byCode[code] = d
		if pseudo(d) {
			continue
		}
		g.byName[name] = append(g.byName[name], d)
		if r := []rune(name); len(r) >= 2 {
			g.ends[string(r[len(r)-2:])] = true
		}
		g.maxLen = max(g.maxLen, len([]rune(name)))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return g, nil
}

// pseudo reports the placeholder divisions of the statistical codes (市辖区,
// 县, 省直辖县级行政区划) that are no places of their own.
func pseudo(d *Division) bool {
	return d.Level == corpus.LevelCity && (d.Name == "市辖区" || d.Name == "县" || strings.HasSuffix(d.Name, "直辖县级行政区划"))
}

// Lookup returns the divisions named name exactly (several places share
// names: 官桥镇 is in five provinces).
func (g *Gazetteer) Lookup(name string) []*Division { return g.byName[name] }

// EndsName reports whether some name ends with the two characters s: a
// cheap test before looking up the longer names that end there.
func (g *Gazetteer) EndsName(s string) bool { return g.ends[s] }

// ByCode returns the division with the code, nil if there is none.
func (g *Gazetteer) ByCode(code string) *Division { return g.byCode[code] }

// MaxNameLen is the length of the longest name, in runes.
func (g *Gazetteer) MaxNameLen() int { return g.maxLen }

// Parent returns the division d belongs to, skipping placeholders; nil for
// a province.
func (g *Gazetteer) Parent(d *Division) *Division {
	for _, n := range []int{6, 4, 2} {
		if n >= len(d.Code) {
			continue
		}
		p := g.byCode[d.Code[:n]]
		if p != nil && !pseudo(p) {
			return p
		}
	}
	return nil
}

// Chain returns d and its parents, lowest first.
func (g *Gazetteer) Chain(d *Division) []*Division {
	var out []*Division
	for ; d != nil; d = g.Parent(d) {
		out = append(out, d)
	}
	return out
}

// IsAncestor reports whether a is a parent (at any distance) of d.
func IsAncestor(a, d *Division) bool {
	return a != d && strings.HasPrefix(d.Code, a.Code)
}
