package batch

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/internal/filelock"
	"github.com/dutymap/dutymap/internal/readcap"
)

// Processor does the work on one file of the inbox. Process must be
// idempotent (see the package documentation) and should honour ctx; an
// error fails the file, and its message goes into NAME.error.txt.
type Processor interface {
	Process(ctx context.Context, f File) (Outcome, error)
}

// ProcessorFunc adapts a function to the Processor interface.
type ProcessorFunc func(ctx context.Context, f File) (Outcome, error)

// Process calls fn(ctx, f).
func (fn ProcessorFunc) Process(ctx context.Context, f File) (Outcome, error) { return fn(ctx, f) }

// Grouper is a Processor that can also take several files as a Group,
// doing the work they share once (dutymap indexes a group's documents in
// one update rather than one per file). Run groups the files of one scan,
// Watch those that settled while it was busy; a lone file is a group of
// one, taken at once.
type Grouper interface {
	Processor
	// Group starts a group of files.
	Group() Group
}

// Group is the work on several files, in three steps: Stage, for each file
// in turn, does the file's own work (it runs within the file's time
// budget, and its error fails that file alone); Commit does the work the
// staged files share; Finish then completes each staged file and returns
// its Outcome, as Process would have. A file is filed only after Finish,
// so a run that dies before leaves every staged file in the inbox, to be
// handed over again (Resumed). Stage, Commit and Finish must be
// idempotent, as Process is.
type Group interface {
	// Stage does the work of f that needs no other file; full reports that
	// the group should be committed before another file is staged.
	Stage(ctx context.Context, f File) (full bool, err error)
	// Commit does the staged files' shared work; its error fails each of
	// them.
	Commit(ctx context.Context) error
	// Finish completes f, staged and committed.
	Finish(ctx context.Context, f File) (Outcome, error)
}

// File is one file of the inbox, handed to a Processor.
type File struct {
	Name string // the file's name in the inbox, without directory
	Path string // the file's path
	Data []byte // its contents
	// Resumed says that an earlier run began this file and died before
	// filing it: if the Processor finds the file stored under its own name,
	// that run stored it, and it is no duplicate.
	Resumed bool
}

// Outcome is what a Processor made of a file: the documents it found.
type Outcome struct {
	Documents []DocOutcome
	// Redone are the reports of other files the Processor wrote again
	// because of this one (an upper-level plan arriving after its lowers).
	Redone []string `json:",omitempty"`
}

// DocOutcome is what became of one document of a file.
type DocOutcome struct {
	ID          string // the document's ID in the corpus
	Title       string
	Obligations int    // obligations found
	Changes     int    // duties changed against the document's previous version
	Duplicate   bool   // the corpus held the same bytes already
	Report      string // the report folder written, if any
}

// Duplicate reports whether every document of the outcome was already in
// the corpus (and there was at least one).
func (o Outcome) Duplicate() bool {
	for _, d := range o.Documents {
		if !d.Duplicate {
			return false
		}
	}
	return len(o.Documents) > 0
}

// Status is the verdict on one file.
type Status string

// The verdicts: processed and filed under done/; recognised as the same
// bytes as a file already stored, and filed under done/; failed and filed
// under failed/ with its .error.txt.
const (
	StatusDone      Status = "done"
	StatusDuplicate Status = "duplicate"
	StatusFailed    Status = "failed"
)

// Result reports what became of one file.
type Result struct {
	Name     string // the file's name as it arrived
	Status   Status
	Outcome  Outcome
	Err      error         // why it failed; nil unless Status is StatusFailed
	MovedTo  string        // its path under done/ or failed/
	Duration time.Duration // from taking the file to filing it
	Resumed  bool          // an earlier run had begun it
}

// BusyError is returned by Run and Watch when another process works the
// same inbox.
type BusyError struct {
	PID int // the other process; 0 when unknown
}

func (e *BusyError) Error() string {
	if e.PID == 0 {
		return "inbox in use by another process"
	}
	return "inbox in use by pid " + strconv.Itoa(e.PID)
}

// Summary counts the verdicts of a Run.
type Summary struct {
	Done, Duplicates, Failed int
	Skipped                  int // files still being written, left for the next run
	// Stuck are files whose verdict was reached but could not be carried
	// out (the move to done/ or failed/ failed): they stay in the inbox,
	// and the next run files them without processing them again.
	Stuck int
}

// Total is the number of files filed.
func (s Summary) Total() int { return s.Done + s.Duplicates + s.Failed }

// Defaults of an Inbox's settings.
const (
	DefaultSettle       = 500 * time.Millisecond
	DefaultPollInterval = 2 * time.Second
	DefaultMaxAttempts  = 3
	// DefaultMaxGroup bounds the files of one Group; the Grouper bounds
	// what they hold (full).
	DefaultMaxGroup = 100
	DefaultMaxSize  = 64 << 20
	// DefaultTimeout is the time budget of one file: a work plan takes a
	// second or two, a very long one under a minute.
	DefaultTimeout = 5 * time.Minute
)

// ErrTimeBudget is the cause (context.Cause) of the context a Processor
// gets once the file's time budget (Inbox.Timeout) is spent, and is
// wrapped by the error of the file failed for it.
var ErrTimeBudget = errors.New("time budget exceeded")

// The folders and files batch keeps inside the inbox.
const (
	DoneDir     = "done"
	FailedDir   = "failed"
	JournalFile = ".dutymap-journal.json"
	LockFile    = ".dutymap-inbox.lock"
	ErrorSuffix = ".error.txt"
)

// Inbox processes the files that land in a folder. Dir and Processor are
// required; the zero values of the other fields mean their defaults. An
// Inbox must not be used by two Runs or Watches at once, and two processes
// must not work on the same folder.
type Inbox struct {
	Dir       string
	Processor Processor
	// Logger receives one line per file filed (and warnings); nil discards.
	Logger *slog.Logger
	// Settle is how long a file's size and modification time must stay the
	// same before it is taken (DefaultSettle).
	Settle time.Duration
	// Poll makes Watch rescan the folder every PollInterval instead of
	// waiting for file-system events, for folders that send none (network
	// shares). Watch also falls back to polling when events are unavailable.
	Poll         bool
	PollInterval time.Duration // DefaultPollInterval
	// MaxAttempts is how many times a file may be begun by runs that died
	// before it counts as the cause and is failed (DefaultMaxAttempts).
	MaxAttempts int
	// MaxSize is the largest file taken; larger ones fail (DefaultMaxSize).
	MaxSize int64
	// MaxGroup is the most files a Grouper gets in one Group
	// (DefaultMaxGroup; 1 to take the files one by one).
	MaxGroup int
	// Timeout is the time budget of one file: the Processor's context ends
	// with the cause ErrTimeBudget when it is spent, and a Processor that
	// honours it returns, failing the file with the reason
	// (DefaultTimeout; negative for none).
	Timeout time.Duration
	// OnQueue, if set, is called with the number of files found waiting
	// when Run starts, and with each file Watch queues (n = 1).
	OnQueue func(n int)
	// OnResult, if set, is called after each file is filed.
	OnResult func(Result)
}

func (in *Inbox) settle() time.Duration {
	if in.Settle > 0 {
		return in.Settle
	}
	return DefaultSettle
}

func (in *Inbox) pollInterval() time.Duration {
	if in.PollInterval > 0 {
		return in.PollInterval
	}
	return DefaultPollInterval
}

func (in *Inbox) maxAttempts() int {
	if in.MaxAttempts > 0 {
		return in.MaxAttempts
	}
	return DefaultMaxAttempts
}

func (in *Inbox) maxGroup() int {
	if in.MaxGroup > 0 {
		return in.MaxGroup
	}
	return DefaultMaxGroup
}

func (in *Inbox) maxSize() int64 {
	if in.MaxSize > 0 {
		return in.MaxSize
	}
	return DefaultMaxSize
}

func (in *Inbox) timeout() time.Duration {
	if in.Timeout != 0 {
		return in.Timeout
	}
	return DefaultTimeout
}

func (in *Inbox) logger() *slog.Logger {
	if in.Logger != nil {
		return in.Logger
	}
	return slog.New(slog.DiscardHandler)
}

// Run processes the files the inbox holds, once, and returns how they went.
// Files whose size or modification time changes during the settle interval
// are left for the next run. A file that fails is counted, not returned as
// an error: Run's error means the inbox itself could not be worked (its
// folder or journal unreadable or unwritable) or ctx ended.
func (in *Inbox) Run(ctx context.Context) (Summary, error) {
	var sum Summary
	w, err := in.open(ctx)
	if err != nil {
		return sum, err
	}
	defer w.close()
	sum = w.recovered
	first, err := in.scan()
	if err != nil {
		return sum, err
	}
	var names []string
	if len(first) > 0 {
		if err := sleep(ctx, in.settle()); err != nil {
			return sum, err
		}
		second, err := in.scan()
		if err != nil {
			return sum, err
		}
		for _, st := range first {
			now, ok := second[st.name]
			switch {
			case !ok:
			case now != st:
				sum.Skipped++
				in.logger().Warn("still being written; left for the next run", "file", st.name)
			default:
				names = append(names, st.name)
			}
		}
	}
	sortByArrival(names, first)
	if in.OnQueue != nil {
		in.OnQueue(len(names))
	}
	err = w.processAll(ctx, names, func(res *Result) {
		switch {
		case res == nil: // gone meanwhile
		case res.Status == "":
			sum.Stuck++
		default:
			sum.add(res.Status)
		}
	})
	if err != nil {
		w.j.flush() // best effort: a stale entry is dropped by the next run anyway
		return sum, err
	}
	if err := w.j.flush(); err != nil {
		return sum, fmt.Errorf("inbox %s: %w", in.Dir, err)
	}
	return sum, nil
}

func (s *Summary) add(st Status) {
	switch st {
	case StatusDone:
		s.Done++
	case StatusDuplicate:
		s.Duplicates++
	case StatusFailed:
		s.Failed++
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// fileState is what the settle check compares.
type fileState struct {
	name    string
	size    int64
	modTime time.Time
}

// scan lists the files waiting in the inbox, by name.
func (in *Inbox) scan() (map[string]fileState, error) {
	ents, err := os.ReadDir(in.Dir)
	if err != nil {
		return nil, fmt.Errorf("inbox %s: %w", in.Dir, err)
	}
	out := make(map[string]fileState, len(ents))
	for _, e := range ents {
		if !e.Type().IsRegular() || Ignored(e.Name()) {
			continue
		}
		fi, err := e.Info()
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("inbox %s: %w", in.Dir, err)
		}
		out[e.Name()] = fileState{name: e.Name(), size: fi.Size(), modTime: fi.ModTime()}
	}
	return out, nil
}

// sortByArrival orders names oldest first by modification time, then by name.
func sortByArrival(names []string, st map[string]fileState) {
	sort.Slice(names, func(i, j int) bool {
		a, b := st[names[i]], st[names[j]]
		if !a.modTime.Equal(b.modTime) {
			return a.modTime.Before(b.modTime)
		}
		return a.name < b.name
	})
}

// Ignored reports whether a file of the inbox is left alone: hidden files
// (the journal among them), and the temporary and lock files of editors,
// browsers and copy tools that are still being written (.tmp, .part,
// .crdownload, .download, .swp, ~$…).
func Ignored(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") || strings.HasPrefix(name, "~") {
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".lock":
		return true
	}
	return false
}

// worker files inbox files under one journal, holding the inbox's lock
// until close.
type worker struct {
	in   *Inbox
	j    *journal
	log  *slog.Logger
	lock *filelock.Lock
	// recovered counts the files recover filed, for Run's summary.
	recovered Summary
	// stuck holds the files whose filing failed: Run leaves them for the
	// next run; Watch tries them again when it rescans the folder.
	stuckMu sync.Mutex
	stuck   map[string]bool
}

func (w *worker) isStuck(name string) bool {
	w.stuckMu.Lock()
	defer w.stuckMu.Unlock()
	return w.stuck[name]
}

func (w *worker) setStuck(name string) {
	w.stuckMu.Lock()
	w.stuck[name] = true
	w.stuckMu.Unlock()
}

// unstick lets the stuck files be tried again.
func (w *worker) unstick() {
	w.stuckMu.Lock()
	clear(w.stuck)
	w.stuckMu.Unlock()
}

// close releases the inbox.
func (w *worker) close() error { return w.lock.Unlock() }

// open loads the journal and finishes what a run that died left half done.
func (in *Inbox) open(ctx context.Context) (*worker, error) {
	if in.Processor == nil {
		return nil, errors.New("inbox: no processor")
	}
	st, err := os.Stat(in.Dir)
	if err != nil {
		return nil, fmt.Errorf("inbox: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("inbox %s: not a folder", in.Dir)
	}
	lock, err := filelock.TryLock(filepath.Join(in.Dir, LockFile), "inbox")
	var held *filelock.HeldError
	if errors.As(err, &held) {
		return nil, &BusyError{PID: held.PID}
	}
	if err != nil {
		return nil, fmt.Errorf("inbox %s: %w", in.Dir, err)
	}
	j, err := openJournal(filepath.Join(in.Dir, JournalFile))
	if err != nil {
		lock.Unlock()
		return nil, fmt.Errorf("inbox %s: %w", in.Dir, err)
	}
	w := &worker{in: in, j: j, log: in.logger(), lock: lock, stuck: map[string]bool{}}
	if j.damaged != nil {
		w.log.Warn("journal damaged; starting a new one", "error", j.damaged)
	}
	// A run that died may have left temporary files of its atomic writes.
	for _, d := range []string{in.Dir, filepath.Join(in.Dir, FailedDir)} {
		if _, err := atomicfile.RemoveTemps(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			lock.Unlock()
			return nil, fmt.Errorf("inbox %s: %w", in.Dir, err)
		}
	}
	if err := w.recover(ctx); err != nil {
		lock.Unlock()
		return nil, err
	}
	return w, nil
}

// recover completes the entries of the journal left by a run that died:
// a verdict reached but not carried out is carried out; a file begun is
// left in the inbox, to be begun again (its attempts counted); an entry
// whose file has gone is dropped. An entry that cannot be completed is
// logged and kept for the next run: it never holds up the others.
func (w *worker) recover(ctx context.Context) error {
	for _, e := range w.j.list() {
		src := filepath.Join(w.in.Dir, e.Name)
		if e.Verdict != "" {
			if res := w.refile(e); res.Status == "" {
				w.recovered.Stuck++
			} else {
				w.recovered.add(res.Status)
			}
			continue
		}
		if _, err := os.Stat(src); errors.Is(err, fs.ErrNotExist) {
			// Filed before the run died, or taken away by someone.
			w.j.remove(e.Name)
		}
	}
	if err := w.j.flush(); err != nil {
		return fmt.Errorf("inbox %s: %w", w.in.Dir, err)
	}
	return nil
}

// task is one inbox file taken: begun in the journal and read, on its way
// to a verdict.
type task struct {
	e     *entry
	res   Result
	file  File
	start time.Time
	err   error // a failure known before processing (read, attempts)
	// staged says the file's own work is done (Group.Stage): a death of
	// the run now is not its doing, and its attempt is not counted.
	staged bool
}

// take begins the inbox file name: it returns nil and no Result when the
// file has gone or is stuck, nil and the Result when it was decided before
// and is filed now; its error means the journal could not be written.
func (w *worker) take(name string) (*task, *Result, error) {
	src := filepath.Join(w.in.Dir, name)
	fi, err := os.Stat(src)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("inbox %s: %w", w.in.Dir, err)
	}
	if w.isStuck(name) {
		return nil, nil, nil
	}
	if e := w.j.get(name); e != nil && e.Verdict != "" && e.Size == fi.Size() && e.ModTime.Equal(fi.ModTime()) {
		// Decided before, and its filing failed: file it now.
		return nil, w.refile(e), nil
	}
	t := &task{start: time.Now()}
	var resumed bool
	if t.e, resumed, err = w.j.begin(name, fi.Size(), fi.ModTime()); err != nil {
		return nil, nil, fmt.Errorf("inbox %s: %w", w.in.Dir, err)
	}
	t.res = Result{Name: name, Resumed: resumed}
	t.file = File{Name: name, Path: src, Resumed: resumed}
	if t.e.Attempts > w.in.maxAttempts() {
		t.err = fmt.Errorf("dutymap stopped %d times while processing this file; giving up on it", t.e.Attempts-1)
	} else {
		t.file.Data, t.err = readcap.ReadFile(src, w.in.maxSize())
	}
	return t, nil, nil
}

// process takes the inbox file name through the Processor and files it. It
// returns nil, nil when the file has gone; its error means the journal
// could not be written or the file could not be moved.
func (w *worker) process(ctx context.Context, name string) (*Result, error) {
	t, res, err := w.take(name)
	if t == nil || err != nil {
		return res, err
	}
	var out Outcome
	perr := t.err
	if perr == nil {
		out, perr = w.call(ctx, w.in.timeout(), func(ctx context.Context) (Outcome, error) {
			return w.in.Processor.Process(ctx, t.file)
		})
	}
	return w.conclude(ctx, t, out, perr)
}

// processAll processes the inbox files names in turn, calling done with
// each Result (nil for a file gone meanwhile), in Groups of at most
// MaxGroup files when the Processor is a Grouper. Its error, as process's,
// means the inbox could not be worked, or ctx ended.
func (w *worker) processAll(ctx context.Context, names []string, done func(*Result)) error {
	gp, ok := w.in.Processor.(Grouper)
	if !ok {
		for _, name := range names {
			if err := ctx.Err(); err != nil {
				return err
			}
			res, err := w.process(ctx, name)
			if err != nil {
				return err
			}
			done(res)
		}
		return nil
	}
	var g Group
	var staged []*task
	// commit does the staged files' shared work and files each of them; a
	// file's verdict waits for it, so none is filed before the work it
	// needs is done.
	commit := func() error {
		if len(staged) == 0 {
			return nil
		}
		_, cerr := w.call(ctx, 0, func(ctx context.Context) (Outcome, error) { return Outcome{}, g.Commit(ctx) })
		var first error
		for _, t := range staged {
			out, perr := Outcome{}, cerr
			if perr == nil && ctx.Err() == nil {
				// A run that dies while finishing the file counts against it.
				if err := w.j.resume(t.e.Name); err != nil {
					return fmt.Errorf("inbox %s: %w", w.in.Dir, err)
				}
				t.staged = false
				out, perr = w.call(ctx, 0, func(ctx context.Context) (Outcome, error) { return g.Finish(ctx, t.file) })
			}
			res, err := w.conclude(ctx, t, out, cmp.Or(perr, ctx.Err()))
			if err != nil {
				first = cmp.Or(first, err)
				continue
			}
			done(res)
		}
		g, staged = nil, nil
		return first
	}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return cmp.Or(commit(), err)
		}
		t, res, err := w.take(name)
		if err != nil {
			return cmp.Or(commit(), err)
		}
		if t == nil {
			done(res)
			continue
		}
		full, perr := false, t.err
		if perr == nil {
			if g == nil {
				g = gp.Group()
			}
			_, perr = w.call(ctx, w.in.timeout(), func(ctx context.Context) (Outcome, error) {
				var err error
				full, err = g.Stage(ctx, t.file)
				return Outcome{}, err
			})
		}
		if perr != nil {
			// The file fails alone; the staged ones go on.
			res, err := w.conclude(ctx, t, Outcome{}, perr)
			if err != nil {
				return cmp.Or(commit(), err)
			}
			done(res)
			continue
		}
		w.j.pause(t.e.Name)
		t.staged = true
		t.file.Data = nil // staged: the Group keeps what it needs
		staged = append(staged, t)
		if full || len(staged) >= w.in.maxGroup() {
			if err := commit(); err != nil {
				return err
			}
		}
	}
	return commit()
}

// conclude reaches the verdict on the file of t from what processing it
// made (out, perr) and files it. A file whose processing the end of ctx
// cut short is left in the inbox, its journal entry kept, and ctx's error
// returned.
func (w *worker) conclude(ctx context.Context, t *task, out Outcome, perr error) (*Result, error) {
	res, e, name := t.res, t.e, t.e.Name
	res.Outcome = out
	if perr != nil && ctx.Err() != nil {
		// Cancelled, not failed: leave the file and its journal entry for
		// the next run, and do not count this as an attempt (a staged
		// file's was taken back already).
		if !t.staged {
			if err := w.j.unbegin(name); err != nil {
				return nil, fmt.Errorf("inbox %s: %w", w.in.Dir, err)
			}
		}
		return nil, ctx.Err()
	}
	switch {
	case perr != nil:
		res.Status, res.Err = StatusFailed, perr
	case res.Outcome.Duplicate():
		res.Status = StatusDuplicate
	default:
		res.Status = StatusDone
	}
	if err := w.j.decide(e, res); err != nil {
		return nil, fmt.Errorf("inbox %s: %w", w.in.Dir, err)
	}
	if err := w.file(&res, e); err != nil {
		w.log.Error("file could not be filed; left in the inbox for the next run", "file", name, "status", string(res.Status), "error", err)
		w.setStuck(name)
		return &Result{Name: name}, nil
	}
	res.Duration = time.Since(t.start)
	w.report(res)
	return &res, nil
}

// refile carries out the verdict an entry records and reports the file,
// or logs why it could not and returns a Result without a Status (the
// entry kept for the next run).
func (w *worker) refile(e *entry) *Result {
	res := Result{Name: e.Name, Status: e.Verdict, Outcome: e.Outcome, Resumed: true}
	if e.Error != "" {
		res.Err = errors.New(e.Error)
	}
	if err := w.file(&res, e); err != nil {
		w.log.Error("file could not be filed; left in the inbox for the next run", "file", e.Name, "status", string(e.Verdict), "error", err)
		w.setStuck(e.Name)
		return &Result{Name: e.Name}
	}
	w.report(res)
	return &res
}

// call runs fn, a step of the Processor's work on one file, within the
// time budget d (none when 0), turning a panic into an error so that one
// bad file cannot stop the inbox.
func (w *worker) call(ctx context.Context, d time.Duration, fn func(context.Context) (Outcome, error)) (out Outcome, err error) {
	if d > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeoutCause(ctx, d, &budgetError{d})
		defer cancel()
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v\n\n%s", p, debug.Stack())
		}
		// Whatever the Processor made of its context ending, say why it did.
		if cause := context.Cause(ctx); err != nil && errors.Is(cause, ErrTimeBudget) && !errors.Is(err, ErrTimeBudget) {
			err = fmt.Errorf("%w: %w", cause, err)
		}
	}()
	return fn(ctx)
}

// budgetError is the cause of a context whose time budget is spent.
type budgetError struct{ d time.Duration }

func (e *budgetError) Error() string {
	return fmt.Sprintf("processing took longer than %v, the time budget of one file; given up on it", e.d)
}

func (e *budgetError) Is(target error) bool { return target == ErrTimeBudget }

// file carries out a verdict recorded in the journal: writes the error file
// of a failure, moves the file under done/ or failed/, and drops the entry.
// Each step can be repeated after a crash.
func (w *worker) file(res *Result, e *entry) error {
	src := filepath.Join(w.in.Dir, e.Name)
	dest := filepath.Join(w.in.Dir, filepath.FromSlash(e.Dest))
	res.MovedTo = dest
	if err := os.MkdirAll(filepath.Dir(dest), 0o755); err != nil {
		return fmt.Errorf("inbox %s: %w", w.in.Dir, err)
	}
	if res.Status == StatusFailed {
		if err := atomicfile.WriteBytes(dest+ErrorSuffix, []byte(errorText(e))); err != nil {
			return fmt.Errorf("inbox %s: %w", w.in.Dir, err)
		}
	}
	if err := os.Rename(src, dest); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("inbox %s: move %s: %w", w.in.Dir, e.Name, err)
		}
		// Moved already by a run that died before dropping the entry, or
		// taken out of the inbox by someone meanwhile.
		if _, serr := os.Stat(dest); serr != nil {
			w.log.Warn("file left the inbox before it was filed", "file", e.Name)
		}
	}
	if err := atomicfile.SyncDir(w.in.Dir); err != nil {
		return fmt.Errorf("inbox %s: %w", w.in.Dir, err)
	}
	w.j.remove(e.Name)
	return nil
}

// errorText is the content of NAME.error.txt.
func errorText(e *entry) string {
	return fmt.Sprintf("%s\n\nfile: %s\nsize: %d bytes\nfailed at: %s\n", e.Error, e.Name, e.Size, e.Decided.Format(time.RFC3339))
}

// report logs one line for a filed file and calls OnResult.
func (w *worker) report(res Result) {
	var ids, reports []string
	obligations, changes := 0, 0
	for _, d := range res.Outcome.Documents {
		ids = append(ids, d.ID)
		obligations += d.Obligations
		changes += d.Changes
		if d.Report != "" {
			reports = append(reports, d.Report)
		}
	}
	attrs := []any{"file", res.Name, "status", string(res.Status)}
	// A failed file has no documents: its line names it and says why.
	if res.Err == nil {
		attrs = append(attrs, "doc", strings.Join(ids, ","), "obligations", obligations, "changes", changes)
	}
	attrs = append(attrs,
		"seconds", float64(res.Duration.Round(time.Millisecond))/float64(time.Second),
		"moved_to", res.MovedTo,
	)
	if len(reports) > 0 {
		attrs = append(attrs, "report", strings.Join(reports, ","))
	}
	if len(res.Outcome.Redone) > 0 {
		attrs = append(attrs, "redone", strings.Join(res.Outcome.Redone, ","))
	}
	if res.Resumed {
		attrs = append(attrs, "resumed", true)
	}
	switch {
	case res.Err != nil:
		attrs = append(attrs, "error", firstLine(res.Err.Error()))
		w.log.Error("file failed", attrs...)
	case obligations == 0:
		// Not a failure (a notice may bind no one), but worth a look.
		w.log.Warn("file processed; no obligations found", attrs...)
	default:
		w.log.Info("file processed", attrs...)
	}
	if w.in.OnResult != nil {
		w.in.OnResult(res)
	}
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
