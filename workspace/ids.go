package workspace

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dutymap/dutymap/store"
)

// A document's ID is "d-", the start of its file's hash, "-" and its part
// number: d-89b60e396344-2. Its short ID keeps only as much of the hash as
// tells the file apart from the others of the corpus, at least minShort
// digits: d-89b60e-2.
var idPattern = regexp.MustCompile(`^d-([0-9a-f]+)-([0-9]+)$`)

// minPrefix is the fewest hash digits a start of an ID must give, as git
// asks of a commit's: fewer would name half the corpus.
const minPrefix = 4

// minShort is the fewest hash digits a short ID shows: enough that short
// IDs rarely grow as a corpus does (16 million values).
const minShort = 6

// ErrNoDocument is returned (wrapped) by IDs.Resolve for a string that is
// no stored document's ID nor the start of one.
var ErrNoDocument = errors.New("no stored document")

// AmbiguousError is returned by IDs.Resolve for a prefix that starts
// several documents' IDs.
type AmbiguousError struct {
	Prefix  string
	Matches []store.DocEntry // the documents it could name, in corpus order
	short   func(string) string
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s names %d documents; give more of the ID:", e.Prefix, len(e.Matches))
	for i, d := range e.Matches {
		if i == 10 {
			fmt.Fprintf(&b, " …")
			break
		}
		fmt.Fprintf(&b, " %s (%s)", e.short(d.ID), docName(d.Meta()))
	}
	return b.String()
}

// IDs resolves the IDs of the documents of a corpus as people give them —
// whole, shortened (IDs.Short) or by their start, as git takes a commit's
// — and gives each document its short ID.
type IDs struct {
	dir   string // the corpus, for messages
	list  []store.DocEntry
	short map[string]string // by ID
}

// IDsOf returns the IDs of the documents of the corpus r, every version
// (the replaced ones too).
func IDsOf(r Reader) (*IDs, error) {
	list, err := r.List()
	if err != nil {
		return nil, err
	}
	x := NewIDs(list)
	x.dir = r.Dir()
	return x, nil
}

// NewIDs returns the IDs of the documents of list (store.List).
func NewIDs(list []store.DocEntry) *IDs {
	x := &IDs{list: list, short: make(map[string]string, len(list))}
	var hashes []string
	seen := map[string]bool{}
	for _, d := range list {
		if m := idPattern.FindStringSubmatch(d.ID); m != nil && !seen[m[1]] {
			seen[m[1]] = true
			hashes = append(hashes, m[1])
		}
	}
	n := uniqueLen(hashes)
	for _, d := range list {
		x.short[d.ID] = d.ID
		if m := idPattern.FindStringSubmatch(d.ID); m != nil && len(m[1]) > n {
			x.short[d.ID] = "d-" + m[1][:n] + "-" + m[2]
		}
	}
	return x
}

// uniqueLen returns the shortest length, minShort at least, at which the
// starts of the hashes differ.
func uniqueLen(hashes []string) int {
	for n := minShort; ; n++ {
		seen := make(map[string]bool, len(hashes))
		ok := true
		for _, h := range hashes {
			k := h[:min(n, len(h))]
			if seen[k] {
				ok = false
				break
			}
			seen[k] = true
		}
		if ok {
			return n
		}
	}
}

// Short returns the short ID of the stored document id: d-89b60e-2; the
// ID itself when it has no such form or is not stored.
func (x *IDs) Short(id string) string {
	if s, ok := x.short[id]; ok {
		return s
	}
	return id
}

// Resolve returns the stored document s names: its whole ID, its short ID
// (d-89b60e-2, or with more of the hash), or the start of exactly one
// document's ID, four hash digits at least, the "d-" optional (d-c1b4,
// c1b427). A start shared by
// several documents is an *AmbiguousError listing them; a string that
// names none is ErrNoDocument (wrapped).
func (x *IDs) Resolve(s string) (store.DocEntry, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return store.DocEntry{}, fmt.Errorf("%w: no ID given", ErrNoDocument)
	}
	for _, d := range x.list {
		if d.ID == s {
			return d, nil
		}
	}
	full := s
	if !strings.HasPrefix(full, "d-") {
		full = "d-" + full
	}
	var matches []store.DocEntry
	if m := idPattern.FindStringSubmatch(full); m != nil {
		// A short ID: the start of the hash and the part number.
		for _, d := range x.list {
			if dm := idPattern.FindStringSubmatch(d.ID); dm != nil && strings.HasPrefix(dm[1], m[1]) && dm[2] == m[2] {
				matches = append(matches, d)
			}
		}
	}
	if len(matches) == 0 && len(full) >= len("d-")+minPrefix {
		for _, d := range x.list {
			if strings.HasPrefix(d.ID, full) {
				matches = append(matches, d)
			}
		}
	}
	switch len(matches) {
	case 0:
		if x.dir != "" {
			return store.DocEntry{}, fmt.Errorf("%w with the ID %s in %s", ErrNoDocument, s, x.dir)
		}
		return store.DocEntry{}, fmt.Errorf("%w with the ID %s", ErrNoDocument, s)
	case 1:
		return matches[0], nil
	}
	return store.DocEntry{}, &AmbiguousError{Prefix: s, Matches: matches, short: x.Short}
}
