package batch

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"time"

	"github.com/fsnotify/fsnotify"
)

// resyncInterval is how often Watch rescans the folder even when it gets
// file-system events, to catch any that were dropped.
const resyncInterval = 30 * time.Second

// Watch processes every file that lands in the inbox, and those already
// there, until ctx is done; it then stops work on the files in hand,
// leaving them for the next run, and returns nil. Files are taken oldest
// first, once they have stopped growing: one at a time, or for a Grouper
// all those waiting when the last group is done (at most MaxGroup), so
// that a lone file is processed at once and a burst as a few groups. Watch
// uses file-system events unless Poll is set or events are not available
// for the folder, in which case it polls. Its error means the
// inbox could not be worked.
func (in *Inbox) Watch(ctx context.Context) error {
	w, err := in.open(ctx)
	if err != nil {
		return err
	}
	defer w.close()
	var events <-chan fsnotify.Event
	var evErrs <-chan error
	resync := resyncInterval
	if in.Poll {
		resync = in.pollInterval()
	} else if fw, err := fsnotify.NewWatcher(); err != nil {
		in.logger().Warn("no file-system events; polling the inbox", "dir", in.Dir, "error", err)
		resync = in.pollInterval()
	} else {
		defer fw.Close()
		if err := fw.Add(in.Dir); err != nil {
			in.logger().Warn("no file-system events; polling the inbox", "dir", in.Dir, "error", err)
			resync = in.pollInterval()
		} else {
			events, evErrs = fw.Events, fw.Errors
		}
	}

	// The worker takes every file queued when it is free, up to MaxGroup:
	// those that settled together go as one group, a lone one at once.
	work := make(chan []string)
	done := make(chan error, 1)
	go func() {
		for names := range work {
			done <- w.processAll(ctx, names, func(*Result) {})
		}
	}()
	defer close(work)

	// pending: files seen, waiting to settle (nil state: not yet measured).
	// queued: settled, waiting for the worker. busy: in the worker's hands.
	pending := map[string]*fileState{}
	var queue []string
	queued := map[string]bool{}
	busy := map[string]bool{}

	rescan := func() error {
		st, err := in.scan()
		if err != nil {
			return err
		}
		for name := range st {
			if pending[name] == nil && !queued[name] && !busy[name] {
				if _, ok := pending[name]; !ok {
					pending[name] = nil
				}
			}
		}
		return nil
	}
	if err := rescan(); err != nil {
		return err
	}
	settle := time.NewTicker(in.settle())
	defer settle.Stop()
	poll := time.NewTicker(resync)
	defer poll.Stop()

	for {
		var send chan []string
		var next []string
		if len(busy) == 0 && len(queue) > 0 {
			send, next = work, slices.Clone(queue[:min(len(queue), in.maxGroup())])
		}
		select {
		case <-ctx.Done():
			if len(busy) > 0 {
				<-done // the worker sees ctx and leaves its files for the next run
			}
			if err := w.j.flush(); err != nil {
				return fmt.Errorf("inbox %s: %w", in.Dir, err)
			}
			return nil
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if filepath.Dir(ev.Name) != filepath.Clean(in.Dir) {
				continue
			}
			name := filepath.Base(ev.Name)
			if Ignored(name) || queued[name] || busy[name] {
				continue
			}
			if ev.Has(fsnotify.Create) || ev.Has(fsnotify.Write) || ev.Has(fsnotify.Chmod) {
				pending[name] = nil // measure afresh: it is still changing
			}
		case err, ok := <-evErrs:
			if !ok {
				evErrs = nil
				continue
			}
			// Most likely the event queue overflowed: look at the folder itself.
			in.logger().Warn("file-system events lost; rescanning the inbox", "dir", in.Dir, "error", err)
			if err := rescan(); err != nil {
				return err
			}
		case <-poll.C:
			// Files whose filing failed get another try now and then.
			w.unstick()
			if err := rescan(); err != nil {
				return err
			}
		case <-settle.C:
			if len(pending) == 0 {
				continue
			}
			st, err := in.scan()
			if err != nil {
				return err
			}
			var ready []string
			for name, prev := range pending {
				now, ok := st[name]
				switch {
				case !ok:
					delete(pending, name)
				case prev != nil && *prev == now:
					delete(pending, name)
					ready = append(ready, name)
				default:
					pending[name] = &now
				}
			}
			sortByArrival(ready, st)
			for _, name := range ready {
				queued[name] = true
				queue = append(queue, name)
				if in.OnQueue != nil {
					in.OnQueue(1)
				}
			}
		case send <- next:
			queue = queue[len(next):]
			for _, name := range next {
				delete(queued, name)
				busy[name] = true
			}
		case err := <-done:
			clear(busy)
			if err != nil && ctx.Err() == nil {
				return err
			}
			if len(queue) == 0 {
				// Idle: save the journal's pending removals.
				if err := w.j.flush(); err != nil {
					return fmt.Errorf("inbox %s: %w", in.Dir, err)
				}
			}
		}
	}
}
