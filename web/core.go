package web

import (
	"context"

	"github.com/dutymap/dutymap/compare"
	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/report"
)

// Core is what the workbench asks of the application core: exactly the
// operations its pages show, each as a user asks for it. The pages decide
// nothing about documents themselves; which documents are a document's
// upper levels, what changed between versions, whose duties a unit has —
// all that is the core's.
//
// A document that is not in the corpus is reported by an error wrapping
// fs.ErrNotExist, which the pages answer with 404. Errors that say what was
// wrong with the user's input (a file that cannot be read, a unit name that
// names no body) wrap ErrInput and are shown to the user as they are.
type Core interface {
	// Search runs a search of the corpus's obligations.
	Search(ctx context.Context, q index.Query) (*index.Result, error)
	// Table returns the task breakdown table (任务分解表) of the hits of q,
	// in their order, made from the stored obligations behind them.
	Table(ctx context.Context, q index.Query) (*report.Table, error)
	// Documents lists the stored documents, oldest first, current versions
	// and older ones alike.
	Documents(ctx context.Context) ([]Entry, error)
	// Document returns a stored document with its text, outline and
	// obligations.
	Document(ctx context.Context, id string) (corpus.Parsed, error)
	// Related returns the documents of the corpus that the document d is
	// linked to: its previous and next versions, its upper- and lower-level
	// documents and the documents its references name.
	Related(ctx context.Context, d *corpus.Document) (*Related, error)
	// Diff compares two stored versions of a document.
	Diff(ctx context.Context, oldID, newID string) (*compare.DiffReport, error)
	// Compare checks the stored document id against its upper-level
	// documents, chosen by the core, and says why each was chosen (by
	// upper document ID). A document with no upper level in the corpus is
	// an error wrapping ErrInput that says why.
	Compare(ctx context.Context, id string) (*compare.LevelReport, map[string]string, error)
	// Coverage lays the duties of the stored upper-level document id out
	// against every lower-level document of the corpus under it (the
	// inspector's matrix). A document with no lower level in the corpus is
	// an error wrapping ErrInput that says why.
	Coverage(ctx context.Context, id string) (*compare.CoverageReport, error)
	// Add stores and indexes one file, as `dutymap add` does. Its errors
	// are shown to the user as they are (see addError), except those of
	// the machine: *fs.PathError and the like.
	Add(ctx context.Context, name string, data []byte) (*Added, error)
	// MaxUpload is the largest file Add reads, in bytes.
	MaxUpload() int64
	// Bodies counts the bodies that the obligations q finds name, by role.
	Bodies(ctx context.Context, q index.Query) ([]index.BodyCount, error)
	// Duties returns the duties of a unit across the corpus, as `dutymap
	// duties` lists them.
	Duties(ctx context.Context, q DutyQuery) ([]report.Duty, error)
}

// Entry is one stored document as a listing shows it.
type Entry struct {
	// Doc holds the document's metadata; its Text, Outline and the like
	// may be empty.
	Doc          *corpus.Document
	Obligations  int
	SupersededBy string // ID of the version that replaced it; "" if current
}

// Related is what links a document to others of the corpus (see
// Core.Related). Documents carry metadata only.
type Related struct {
	Previous *corpus.Document // the version it replaced; nil if none
	Next     *corpus.Document // the version that replaced it; nil if current
	Uppers   []Upper          // its upper-level documents, nearest level first
	Lowers   []*corpus.Document
	// Cited holds, for each of the document's References in order, the ID
	// of the stored document it names, or "" when the corpus lacks it.
	Cited []string
}

// Upper is an upper-level document and why the core chose it.
type Upper struct {
	Doc *corpus.Document
	Why string
}

// Added says what Core.Add did with a file.
type Added struct {
	Docs []string // IDs of the file's documents, in file order
	New  bool     // the bytes were not stored before
}

// DutyQuery asks for the duties of one unit.
type DutyQuery struct {
	Unit   string            // as the user writes it: 市应急局, 朔州市应急管理局
	Role   string            // lead, support, responsible, or "" for any
	Filter report.DutyFilter // its Role is set from Role by the core
}
