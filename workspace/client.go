package workspace

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/store"
)

// errNoHolder is returned when no process answers on the corpus's socket.
var errNoHolder = errors.New("no process holds the corpus")

// client talks to the holder of a corpus.
type client struct {
	path string
	pid  int
	role string
}

// dial finds the holder of dir: it connects to the socket and asks who is
// there. errNoHolder when nobody answers.
func dial(ctx context.Context, dir string) (*client, error) {
	path, err := SocketPath(dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err != nil {
		return nil, errNoHolder
	}
	c := &client{path: path}
	var p pong
	if err := c.call(ctx, request{Op: "ping"}, &p, nil); err != nil {
		return nil, err
	}
	c.pid, c.role = p.PID, p.Role
	return c, nil
}

// call sends req and decodes the result into out, handing progress lines
// to progress.
func (c *client) call(ctx context.Context, req request, out any, progress func(answer)) error {
	var d net.Dialer
	dctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	conn, err := d.DialContext(dctx, "unix", c.path)
	cancel()
	if err != nil && ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		// Refused or gone: a holder that died left its socket, or none was there.
		return fmt.Errorf("%w (%v)", errNoHolder, err)
	}
	defer conn.Close()
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) })
	defer stop()
	req.Protocol = protocol
	if err := json.NewEncoder(conn).Encode(req); err != nil {
		return fmt.Errorf("%w (%v)", errNoHolder, err)
	}
	dec := json.NewDecoder(bufio.NewReader(conn))
	for {
		var a answer
		if err := dec.Decode(&a); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("the process holding the corpus stopped answering: %w", err)
		}
		switch {
		case a.Progress != nil || a.Failed != nil:
			if progress != nil {
				progress(a)
			}
			continue
		case a.Busy:
			return &BusyError{Msg: a.Error}
		case a.Error != "":
			return errors.New(a.Error)
		}
		if out == nil {
			return nil
		}
		return json.Unmarshal(a.Result, out)
	}
}

// BusyError is returned by HandOff when the holder cannot take files now
// (it is rebuilding the index), rather than keep the caller waiting.
type BusyError struct{ Msg string }

func (e *BusyError) Error() string { return e.Msg }

func (c *client) search(ctx context.Context, q index.Query) (*index.Result, error) {
	var res index.Result
	if err := c.call(ctx, request{Op: "search", Query: &q}, &res, nil); err != nil {
		return nil, err
	}
	return &res, nil
}

// HandOff gives files to the process holding the corpus dir,
// which adds them one after another, reporting each to fn as it goes (an
// AddResult, or the error that failed the file). It returns
// *store.LockedError when a process holds the corpus but takes no files
// (it answers on no socket), a *BusyError when the holder cannot take them
// now, and ok false when no process holds the corpus — the caller then
// opens it itself.
func HandOff(ctx context.Context, dir string, files []Input, fn func(AddResult, error)) (sum AddSummary, ok bool, err error) {
	c, err := dial(ctx, dir)
	if errors.Is(err, errNoHolder) {
		// A writer that has the lock but no socket yet is starting up (or
		// is an older dutymap): give it a moment before saying so.
		pid, role := store.Holder(dir)
		if pid == 0 {
			return sum, false, nil
		}
		for deadline := time.Now().Add(3 * time.Second); errors.Is(err, errNoHolder) && time.Now().Before(deadline); {
			time.Sleep(100 * time.Millisecond)
			c, err = dial(ctx, dir)
		}
		if errors.Is(err, errNoHolder) {
			if pid, _ := store.Holder(dir); pid == 0 {
				return sum, false, nil
			}
			return sum, false, fmt.Errorf("%w, which takes no files; try again when it is done", &store.LockedError{Dir: dir, PID: pid, Role: role})
		}
	}
	if err != nil {
		return sum, false, err
	}
	// The holder runs elsewhere: it reads the files by absolute path, and
	// records them under the names they were given here.
	abs := make([]Input, len(files))
	for i, in := range files {
		p, err := filepath.Abs(in.Path)
		if err != nil {
			return sum, true, err
		}
		abs[i] = Input{Name: in.Name, Path: p}
	}
	err = c.call(ctx, request{Op: "add", Files: abs}, &sum, func(a answer) {
		if a.Failed != nil {
			fn(AddResult{Name: a.Failed.Name}, errors.New(a.Failed.Error))
			return
		}
		fn(*a.Progress, nil)
	})
	return sum, true, err
}
