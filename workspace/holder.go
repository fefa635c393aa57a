package workspace

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/dutymap/dutymap/index"
)

// The holder's socket. bleve lets one process at a time open an index, and
// the process that writes to a corpus holds it open for as long as it
// runs: `watch` and `serve` for days. So that others can still search, the
// holder answers them on a unix socket in the corpus directory (mode 0600:
// its user only; nothing listens on the network), one JSON request and its
// JSON answer per connection; a command that finds no holder there opens
// the corpus itself. A unix socket's path may not exceed 107 bytes; a
// corpus deeper than that gets its socket in $XDG_RUNTIME_DIR (else a
// private folder of the temporary directory) under a name made from a hash
// of the corpus's path, which every process derives alike.

const (
	socketName = "holder.sock"
	// maxSocketPath is the longest path a unix socket can have (108 bytes
	// of sun_path on Linux, 104 on the BSDs, less the terminating zero).
	maxSocketPath = 103
	// protocol is the version of the requests and answers: a holder and a
	// client of different versions of dutymap do not talk.
	protocol = 2
)

// SocketPath returns the path of the socket on which the holder of the
// corpus directory dir answers: dir/holder.sock when that is short enough
// for a socket, else a name keyed by a hash of dir's absolute, resolved
// path under $XDG_RUNTIME_DIR or the temporary directory.
func SocketPath(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	p := filepath.Join(abs, socketName)
	if len(p) <= maxSocketPath {
		return p, nil
	}
	sum := sha256.Sum256([]byte(abs))
	name := "dutymap-" + hex.EncodeToString(sum[:])[:16] + ".sock"
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && len(filepath.Join(d, name)) <= maxSocketPath {
		return filepath.Join(d, name), nil
	}
	return filepath.Join(os.TempDir(), "dutymap-"+strconv.Itoa(os.Getuid()), name), nil
}

// privateDir makes sure the folder of a socket outside the corpus is the
// user's own and closed to others: in a shared temporary directory anyone
// could have made it first.
func privateDir(dir string) error {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && filepath.Clean(d) == filepath.Clean(dir) {
		return nil
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() || fi.Mode().Perm()&0o077 != 0 || !ownedByMe(fi) {
		return fmt.Errorf("%s is not a private folder of this user; remove it", dir)
	}
	return nil
}

// request is what a client sends.
type request struct {
	Protocol int          `json:"protocol"`
	Op       string       `json:"op"` // ping, search, bodies, add
	Query    *index.Query `json:"query,omitempty"`
	Files    []Input      `json:"files,omitempty"` // files to add, with absolute paths
}

// answer is one line a holder sends: any number of progress lines, then
// one with Result or Error.
type answer struct {
	Progress *AddResult      `json:"progress,omitempty"`
	Failed   *failedFile     `json:"failed,omitempty"`
	Result   json.RawMessage `json:"result,omitempty"`
	Error    string          `json:"error,omitempty"`
	Busy     bool            `json:"busy,omitempty"` // the holder cannot take the request now
}

// failedFile is a handed-over file that could not be added.
type failedFile struct {
	Name  string `json:"name"`
	Error string `json:"error"`
}

// pong is the answer to ping: who holds the corpus.
type pong struct {
	PID  int    `json:"pid"`
	Role string `json:"role"`
	Dir  string `json:"dir"`
}

// ErrStopServing, as the cause with which Serve's context is cancelled
// (context.WithCancelCause), stops Serve gently: it listens no more, but
// lets the requests in hand finish — files handed over by another add are
// all added.
var ErrStopServing = errors.New("stop serving")

// Serve answers other processes' searches, and takes the files they hand
// over (see HandOff), on the corpus's socket until ctx ends; it then stops
// listening, removes the socket and returns nil once the requests in hand
// are done. Those stop as soon as they can (a handed-over add between two
// files), unless ctx ended with the cause ErrStopServing. Only the process
// holding the corpus can serve it, which is why a socket left by a process
// that died can be removed safely. Its error means the socket could not be
// made.
func (w *Workspace) Serve(ctx context.Context) error {
	path, err := SocketPath(w.dir)
	if err != nil {
		return fmt.Errorf("serve %s: %w", w.dir, err)
	}
	if filepath.Base(path) != socketName {
		if err := privateDir(filepath.Dir(path)); err != nil {
			return fmt.Errorf("serve %s: %w", w.dir, err)
		}
	}
	// Holding the lock, this process is the corpus's only holder: a socket
	// there is a dead holder's.
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("serve %s: %w", w.dir, err)
	}
	l, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("serve %s: %w", w.dir, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return fmt.Errorf("serve %s: %w", w.dir, err)
	}
	var wg sync.WaitGroup
	stop := context.AfterFunc(ctx, func() { l.Close() })
	defer stop()
	requests, endRequests := detach(ctx, ErrStopServing)
	defer endRequests()
	for {
		conn, err := l.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				break
			}
			// Out of file descriptors, or the like: pass, and try again.
			time.Sleep(50 * time.Millisecond)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer conn.Close()
			w.answer(requests, conn)
		}()
	}
	wg.Wait()
	l.Close()
	os.Remove(path)
	return nil
}

// answer reads one request from conn and answers it.
func (w *Workspace) answer(ctx context.Context, conn net.Conn) {
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	var req request
	if err := json.NewDecoder(bufio.NewReader(io.LimitReader(conn, 1<<20))).Decode(&req); err != nil {
		return
	}
	conn.SetReadDeadline(time.Time{})
	// A client that goes away (its user pressed Ctrl-C) stops the work it
	// asked for: it sends nothing after its request, so a read returns only
	// when it closes.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		io.Copy(io.Discard, conn)
		cancel()
	}()
	enc := json.NewEncoder(conn)
	enc.SetEscapeHTML(false)
	reply := func(v any, err error) {
		a := answer{}
		if err != nil {
			a.Error = err.Error()
		} else if a.Result, err = json.Marshal(v); err != nil {
			a.Error = err.Error()
		}
		enc.Encode(a)
	}
	if req.Protocol != protocol {
		reply(nil, fmt.Errorf("the process holding %s runs another version of dutymap (protocol %d, not %d)", w.dir, protocol, req.Protocol))
		return
	}
	switch req.Op {
	case "ping":
		reply(pong{PID: os.Getpid(), Role: w.role, Dir: w.dir}, nil)
	case "search":
		if req.Query == nil {
			reply(nil, errors.New("search without a query"))
			return
		}
		reply(w.Search(ctx, *req.Query))
	case "bodies":
		if req.Query == nil {
			reply(nil, errors.New("bodies without a query"))
			return
		}
		reply(w.Bodies(ctx, *req.Query))
	case "add":
		if a := w.Activity(); a != "" {
			enc.Encode(answer{Busy: true, Error: fmt.Sprintf("corpus %s is busy: pid %d (dutymap %s) is %s; add the files when it is done", w.dir, os.Getpid(), w.role, a)})
			return
		}
		sum, _ := w.AddFiles(ctx, req.Files, func(r AddResult, err error) {
			if err != nil {
				enc.Encode(answer{Failed: &failedFile{Name: r.Name, Error: err.Error()}})
				return
			}
			enc.Encode(answer{Progress: &r})
		})
		reply(sum, nil)
	default:
		reply(nil, fmt.Errorf("unknown request %q", req.Op))
	}
}

// AddSummary counts what adding several files did.
type AddSummary struct {
	Added, Unchanged, Completed, Failed int
}

func (s *AddSummary) count(r AddResult, err error) {
	switch {
	case err != nil:
		s.Failed++
	case r.Status == Added:
		s.Added++
	case r.Status == Completed:
		s.Completed++
	default:
		s.Unchanged++
	}
}
