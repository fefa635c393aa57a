package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dutymap/dutymap/internal/atomicfile"
	"github.com/dutymap/dutymap/internal/fsname"
)

// entry is the journal's record of one in-flight file.
type entry struct {
	Name     string    `json:"name"`
	Size     int64     `json:"size"`
	ModTime  time.Time `json:"mod_time"`
	Started  time.Time `json:"started"`
	Attempts int       `json:"attempts"` // runs that have begun this file
	// Set once the verdict is reached, before the file is moved.
	Verdict Status    `json:"verdict,omitempty"`
	Dest    string    `json:"dest,omitempty"` // slash path under the inbox: done/NAME, failed/NAME (2).txt
	Error   string    `json:"error,omitempty"`
	Outcome Outcome   `json:"outcome"`
	Decided time.Time `json:"decided,omitzero"`
}

// journal is the set of in-flight files of an inbox, kept in a JSON file
// that is rewritten whole (temporary file, sync, rename) on every change.
type journal struct {
	path  string
	mu    sync.Mutex
	m     map[string]*entry
	dirty bool // m holds changes not yet saved (see remove)
	// damaged is why the journal found was unreadable and set aside; nil
	// when it was fine.
	damaged error
}

// journalFile is the journal's JSON form.
type journalFile struct {
	Version  int      `json:"version"`
	InFlight []*entry `json:"in_flight"`
}

func openJournal(p string) (*journal, error) {
	j := &journal{path: p, m: map[string]*entry{}}
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return j, nil
	}
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	var jf journalFile
	if err := json.Unmarshal(data, &jf); err != nil {
		// Written only by rename, the journal is whole or absent; this one was
		// damaged by something else. Keep it for a look and start afresh: at
		// worst a file begun before is reported as a duplicate of itself.
		aside := p + ".damaged"
		if rerr := os.Rename(p, aside); rerr != nil {
			return nil, fmt.Errorf("journal %s: %w (and cannot move it aside: %v)", p, err, rerr)
		}
		j.damaged = fmt.Errorf("journal %s: %w; moved to %s", p, err, filepath.Base(aside))
		return j, nil
	}
	for _, e := range jf.InFlight {
		if validEntry(e) {
			j.m[e.Name] = e
		}
	}
	return j, nil
}

// validEntry reports whether e names a file of the inbox itself and, if
// it has a destination, one directly under done/ or failed/: a journal
// edited by hand must not make batch move files elsewhere.
func validEntry(e *entry) bool {
	plain := func(name string) bool {
		return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, `/\`) && !strings.ContainsRune(name, 0)
	}
	if e == nil || !plain(e.Name) {
		return false
	}
	if e.Dest == "" {
		return e.Verdict == ""
	}
	dir, name, ok := strings.Cut(e.Dest, "/")
	return ok && plain(name) && (dir == DoneDir || dir == FailedDir) &&
		(e.Verdict == StatusDone || e.Verdict == StatusDuplicate || e.Verdict == StatusFailed)
}

// get returns a copy of name's entry; nil when there is none.
func (j *journal) get(name string) *entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	e := j.m[name]
	if e == nil {
		return nil
	}
	c := *e
	return &c
}

// list returns the entries by name.
func (j *journal) list() []*entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := make([]*entry, 0, len(j.m))
	for _, e := range j.m {
		c := *e
		out = append(out, &c)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}

// save writes the journal; the caller holds mu. An empty journal is a
// removed file, so that an idle inbox holds nothing of ours but done/,
// failed/ and the lock file.
func (j *journal) save() error {
	j.dirty = false
	if len(j.m) == 0 {
		if err := os.Remove(j.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("journal: %w", err)
		}
		return atomicfile.SyncDir(filepath.Dir(j.path))
	}
	jf := journalFile{Version: 1}
	for _, e := range j.m {
		jf.InFlight = append(jf.InFlight, e)
	}
	sort.Slice(jf.InFlight, func(a, b int) bool { return jf.InFlight[a].Name < jf.InFlight[b].Name })
	data, err := json.MarshalIndent(jf, "", "  ")
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if err := atomicfile.WriteBytes(j.path, data); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	return nil
}

// begin records that name is being processed and returns its entry, and
// whether an earlier run began the same file: one in the journal with the
// same size and modification time. Its attempts go up by one.
func (j *journal) begin(name string, size int64, mod time.Time) (*entry, bool, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e := j.m[name]
	resumed := e != nil && e.Size == size && e.ModTime.Equal(mod)
	if !resumed {
		e = &entry{Name: name, Size: size, ModTime: mod}
		j.m[name] = e
	}
	e.Attempts++
	e.Started = time.Now().UTC()
	e.Verdict, e.Dest, e.Error, e.Outcome = "", "", "", Outcome{}
	c := *e
	return &c, resumed, j.save()
}

// unbegin takes back the attempt begin counted, for a file left unfinished
// because the run was cancelled. The entry stays: the Processor may have
// stored the file already, and the next run must know it resumes it.
func (j *journal) unbegin(name string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	e := j.m[name]
	if e == nil {
		return nil
	}
	if e.Attempts > 0 {
		e.Attempts--
	}
	return j.save()
}

// pause takes back the attempt begin counted once the file's own work is
// done (Group.Stage) while it waits for the others of its group: a run
// that dies meanwhile does not count against it. The change is saved with
// the next begin, so that a run dying while it stages the next file
// blames that file alone.
func (j *journal) pause(name string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if e := j.m[name]; e != nil && e.Attempts > 0 {
		e.Attempts--
		j.dirty = true
	}
}

// resume counts the attempt pause took back again, and saves it, before
// the rest of the file's work (Group.Finish): a run that dies then counts
// against it.
func (j *journal) resume(name string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	e := j.m[name]
	if e == nil {
		return nil
	}
	e.Attempts++
	return j.save()
}

// decide records the verdict on e's file and where it goes, choosing a
// name under done/ or failed/ that neither an existing file nor another
// entry has taken. It updates e in place. A failure is saved before the file
// moves, so that a restart writes the same error file and moves the file
// to failed/ without processing it again; a success need not be: a restart
// hands the file to the Processor again, which finds it stored already.
func (j *journal) decide(e *entry, res Result) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	dir := DoneDir
	if res.Status == StatusFailed {
		dir = FailedDir
	}
	inbox := filepath.Dir(j.path)
	if err := os.MkdirAll(filepath.Join(inbox, dir), 0o755); err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	taken := map[string]bool{}
	for _, o := range j.m {
		if o.Name != e.Name && o.Dest != "" {
			taken[o.Dest] = true
		}
	}
	ext := path.Ext(e.Name)
	stem := strings.TrimSuffix(e.Name, ext)
	for n := 1; ; n++ {
		// NAME (2).txt and NAME.error.txt beside it must fit the file
		// system's limit on a name, however long NAME is.
		name := e.Name
		if n > 1 {
			name = stem + " (" + strconv.Itoa(n) + ")" + ext
		}
		cand := dir + "/" + fsname.Fit(name, fsname.Max-len(ErrorSuffix))
		if taken[cand] {
			continue
		}
		p := filepath.Join(inbox, filepath.FromSlash(cand))
		if _, err := os.Lstat(p); err == nil {
			continue
		}
		if _, err := os.Lstat(p + ErrorSuffix); err == nil {
			continue
		}
		e.Dest = cand
		break
	}
	e.Verdict, e.Outcome, e.Decided = res.Status, res.Outcome, time.Now().UTC()
	e.Error = ""
	if res.Err != nil {
		e.Error = res.Err.Error()
	}
	c := *e
	j.m[e.Name] = &c
	if res.Status != StatusFailed {
		j.dirty = true
		return nil
	}
	return j.save()
}

// remove drops name's entry: its file is filed. The change is saved with
// the next begin or flush: a run that dies before then leaves an entry
// whose file has left the inbox, which the next run drops.
func (j *journal) remove(name string) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, ok := j.m[name]; ok {
		delete(j.m, name)
		j.dirty = true
	}
}

// flush saves the changes not saved yet.
func (j *journal) flush() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !j.dirty {
		return nil
	}
	return j.save()
}
