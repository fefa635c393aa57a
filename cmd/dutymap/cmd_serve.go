package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/web"
)

// serveOptions are the flags of `dutymap serve`.
type serveOptions struct {
	inboxOptions
	addr  string
	inbox string
}

func (a *app) newServeCommand() *cobra.Command {
	var opts serveOptions
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web workbench: search, documents, diffs, comparisons, uploads",
		Long: `serve opens the corpus and answers the workbench's pages in the browser, in
Chinese: a search of the obligations with filters and facet counts, each
document with its obligations marked in the text, what changed against its
previous version, how it carries its upper levels' duties, the matrix of a
document's lower levels, an upload form, the bodies of the corpus and the
duties of each; every result can be exported (任务分解表 .xlsx and .csv).

serve holds the corpus while it runs: dutymap search, list and export on it
are answered by serve, and dutymap add hands it the files. With --inbox it
also processes every file that lands in that folder, as dutymap watch does.

It listens on this machine only (127.0.0.1:8080) unless --addr says
otherwise; the workbench has no login, so another address prints a warning.`,
		Example: `  dutymap serve
  dutymap serve --corpus /data/plans --inbox /data/inbox
  dutymap serve --addr 0.0.0.0:8080   # reachable from other machines`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runServe(cmd.Context(), opts, nil)
		},
	}
	opts.register(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.addr, "addr", "127.0.0.1:8080", "address to listen on, host:port")
	f.StringVar(&opts.inbox, "inbox", "", "also process the files that land in this folder, as dutymap watch does")
	f.BoolVar(&opts.poll, "poll", false, "with --inbox: look for new files every 2s instead of waiting for notices")
	return cmd
}

// runServe serves the workbench until ctx ends, then lets the requests in
// hand finish. listening, when set, is told the address once the server
// listens (tests listen on port 0).
func (a *app) runServe(ctx context.Context, opts serveOptions, listening func(addr string)) error {
	host, _, err := net.SplitHostPort(opts.addr)
	if err != nil {
		return fmt.Errorf("serve: --addr %s: want host:port, such as 127.0.0.1:8080", opts.addr)
	}
	loopback := web.Loopback(host)
	if !loopback {
		fmt.Fprintf(a.stderr, "dutymap: warning: serving on %s, which other machines may reach; the workbench has no login: whoever reaches it can read the corpus and add files\n", opts.addr)
	}
	w, err := a.openWorkspace(ctx, opts.corpus, "serve")
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer w.Close()
	stop := a.hold(ctx, w) // others' searches and adds go through this process
	defer stop()

	logger := slog.New(slog.NewTextHandler(a.stderr, nil))
	srv, err := web.New(web.FromWorkspace(w), web.Options{Loopback: loopback, Logger: logger})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 2)
	go func() { errc <- hs.Serve(ln) }()
	watching := make(chan struct{})
	if opts.inbox == "" {
		close(watching)
	} else {
		in, err := a.inboxOf(w, opts.inboxOptions, opts.inbox, a.stderr, false)
		if err != nil {
			hs.Close()
			return fmt.Errorf("serve: %w", err)
		}
		go func() {
			defer close(watching)
			if err := in.Watch(ctx); err != nil {
				errc <- err
			}
		}()
	}
	fmt.Fprintf(a.stderr, "dutymap: workbench at http://%s/ (corpus %s)\n", ln.Addr(), w.Dir())
	if listening != nil {
		listening(ln.Addr().String())
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
		// The server or the inbox stopped on its own: stop the other.
	}
	cancel()
	shut, done := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer done()
	if serr := hs.Shutdown(shut); err == nil && serr != nil {
		err = serr
	}
	<-watching // the inbox lets go of the file in hand before the corpus closes
	if errors.Is(err, http.ErrServerClosed) || errors.Is(err, context.Canceled) {
		err = nil
	}
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
