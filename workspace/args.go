package workspace

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// ArgKind says what a command-line argument names.
type ArgKind int

// The kinds of argument, in the order Resolve tries them.
const (
	ArgPath   ArgKind = iota + 1 // an existing file or folder
	ArgStdin                     // "-": standard input
	ArgStored                    // a stored document, by its ID or the start of it
	ArgQuery                     // none of those: words to search for
)

// Arg is a command-line argument resolved (Resolve).
type Arg struct {
	Kind ArgKind
	Text string // as given
	// Path is the file or folder of an ArgPath; Part, when not 0, the one
	// document of the file it names (FILE#2).
	Path string
	Part int
	// ID is the stored document of an ArgStored, its whole ID.
	ID string
}

// Stdin is the argument that names standard input.
const Stdin = "-"

// NotFoundError is returned by Resolve for an argument that looks like a
// path — it holds a path separator or ends in a document's extension —
// but names no file: a mistyped name, not words to search for.
type NotFoundError struct{ Arg string }

func (e *NotFoundError) Error() string { return e.Arg + ": no such file or folder" }

// NotDocumentError is returned by ResolveDocument for an argument that is
// neither a file nor a stored document.
type NotDocumentError struct {
	Arg    string
	Corpus string // the corpus it was looked up in; "" if there is none
}

func (e *NotDocumentError) Error() string {
	msg := e.Arg + ": no such file, nor a stored document"
	if e.Corpus != "" {
		msg = fmt.Sprintf("%s: no such file, nor a document stored in %s (see dutymap list)", e.Arg, e.Corpus)
	}
	if m := tooShortID.FindStringSubmatch(e.Arg); m != nil && len(m[1]) < minPrefix {
		// A start git would refuse too: say so rather than let it read as
		// a document that is not there.
		msg += fmt.Sprintf("; the start of an ID needs %d digits of its hash at least", minPrefix)
	}
	return msg
}

// tooShortID matches what reads as the start of an ID ("d-" and hash
// digits, maybe its part): d-99f, d-99f-1.
var tooShortID = regexp.MustCompile(`^d-([0-9a-f]+)(?:-[0-9]*)?$`)

var partSuffix = regexp.MustCompile(`#([0-9]+)$`)

// knownExtensions are the endings that make an argument a file name:
// those of the formats dutymap reads (Extensions) and of the office files
// people try to give it.
var knownExtensions = append(Extensions(), ".doc", ".wps", ".pdf", ".rtf", ".xls", ".xlsx", ".csv", ".json", ".jsonl")

// LooksLikePath reports whether arg reads as a file name rather than
// words: it holds a path separator or ends in a known extension.
func LooksLikePath(arg string) bool {
	if strings.ContainsRune(arg, '/') || strings.ContainsRune(arg, filepath.Separator) {
		return true
	}
	return slices.Contains(knownExtensions, strings.ToLower(filepath.Ext(arg)))
}

// Resolve decides what the command-line argument arg names, in one order
// for every command: an existing file or folder (FILE#N: document N of the
// file), "-" for standard input, else a stored document — its whole ID,
// its short ID or the start of exactly one ID (IDs.Resolve) — else the
// words of a query. An argument that looks like a path (LooksLikePath)
// but names nothing is a *NotFoundError, never a query; so is a start of
// IDs shared by several documents an *AmbiguousError, never a query.
//
// ids returns the corpus's IDs; it is called only when arg is neither a
// path nor "-", so that a command given files opens no corpus. It may
// return nil IDs (no corpus): arg is then a query.
func Resolve(arg string, ids func() (*IDs, error)) (Arg, error) {
	a := Arg{Text: arg}
	if arg == Stdin {
		a.Kind = ArgStdin
		return a, nil
	}
	if _, err := os.Stat(arg); err == nil {
		a.Kind, a.Path = ArgPath, arg
		return a, nil
	}
	if m := partSuffix.FindStringSubmatch(arg); m != nil {
		p := strings.TrimSuffix(arg, m[0])
		if _, err := os.Stat(p); err == nil {
			a.Kind, a.Path = ArgPath, p
			a.Part, _ = strconv.Atoi(m[1])
			return a, nil
		}
	}
	if LooksLikePath(arg) {
		return a, &NotFoundError{Arg: arg}
	}
	x, err := ids()
	if err != nil {
		return a, err
	}
	if x != nil {
		d, err := x.Resolve(arg)
		var amb *AmbiguousError
		switch {
		case err == nil:
			a.Kind, a.ID = ArgStored, d.ID
			return a, nil
		case errors.As(err, &amb):
			return a, err
		case !errors.Is(err, ErrNoDocument):
			return a, err
		}
	}
	a.Kind = ArgQuery
	return a, nil
}

// ResolveDocument is Resolve for a command that reads documents and
// searches for none (extract, inspect, diff, compare, coverage): an
// argument that is neither a path, "-", nor a stored document is a
// *NotDocumentError.
func ResolveDocument(arg string, ids func() (*IDs, error)) (Arg, error) {
	var x *IDs
	a, err := Resolve(arg, func() (*IDs, error) {
		var err error
		x, err = ids()
		return x, err
	})
	if err != nil || a.Kind != ArgQuery {
		return a, err
	}
	e := &NotDocumentError{Arg: arg}
	if x != nil {
		e.Corpus = x.dir
	}
	return a, e
}
