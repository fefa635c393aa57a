// Command dutymap reads Chinese government safety-work documents and turns
// them into obligations that can be searched, diffed and compared.
//
// Run `dutymap help` for the subcommands. Each subcommand is a thin shell
// over package workspace, in a file of its own (cmd_NAME.go): it parses
// its flags, calls the core and prints.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/segment"
	"github.com/dutymap/dutymap/workspace"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exit(os.Stderr, err))
}

// exit prints what made the run fail, if anything, to stderr and returns
// the exit status: 0 for success, 2 for a command line that cannot run
// (with the command's usage line), 1 for a run that failed.
func exit(stderr io.Writer, err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s: %v\nusage: %s\n(%s --help says more)\n", ue.cmd.CommandPath(), ue, ue.cmd.UseLine(), ue.cmd.CommandPath())
		return 2
	}
	fmt.Fprintln(stderr, "dutymap:", err)
	return 1
}

// usageError is a command line that cannot run: an unknown command or
// flag, a flag value outside its choices, the wrong number of arguments.
type usageError struct {
	cmd *cobra.Command // the command it concerns, set by app.run
	err error
}

// usage returns a usage error saying what is wrong.
func usage(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// Error says what is wrong, without the command's name (exit prints it).
func (e *usageError) Error() string {
	msg := e.err.Error()
	if e.cmd != nil {
		msg = strings.TrimPrefix(msg, e.cmd.Name()+": ")
	}
	return msg
}

func (e *usageError) Unwrap() error { return e.err }

// Run runs dutymap with args (without the program name) and returns the
// error that makes the run fail; it is what main calls.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return newApp(stdin, stdout, stderr, sync.OnceValues(segment.New)).run(ctx, args)
}

// app is what every command gets: the process's streams and its
// segmenter, loaded once, when a command first needs it (a search that a
// holder answers never does).
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	segmenter      func() (*segment.Segmenter, error)
}

func newApp(stdin io.Reader, stdout, stderr io.Writer, seg func() (*segment.Segmenter, error)) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr, segmenter: seg}
}

// run runs the command line args. An error that is the command line's
// fault — cobra's (unknown flag, wrong number of arguments), a filter
// outside its vocabulary (*index.QueryError), or one a command says is
// (usage) — comes back as a *usageError naming the command.
func (a *app) run(ctx context.Context, args []string) error {
	root := a.newRootCommand()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return nil
	}
	var ue *usageError
	var qe *index.QueryError
	switch {
	case errors.As(err, &ue):
		if ue.cmd == nil {
			ue.cmd = cmd
		}
		return err
	case errors.As(err, &qe):
		return &usageError{cmd: cmd, err: err}
	}
	return err
}

// usageArgs makes the argument checks of cmd and its subcommands return
// usage errors, and unknown flags too.
func usageArgs(cmd *cobra.Command) {
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return &usageError{cmd: c, err: err} })
	for _, c := range cmd.Commands() {
		if check := c.Args; check != nil {
			c.Args = func(c *cobra.Command, args []string) error {
				if err := check(c, args); err != nil {
					return &usageError{cmd: c, err: err}
				}
				return nil
			}
		}
		usageArgs(c)
	}
}

func (a *app) newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "dutymap",
		Short: "Turn Chinese safety-work documents into searchable obligations",
		Long: `dutymap reads town, county and city 安全生产 work plans, notices and 工作要点
(text, Markdown, HTML, .docx; UTF-8, GB18030 or UTF-16), finds their obligations
with lead and supporting units, frequencies and deadlines, and lets you search,
diff and compare them. With no files given, extract and inspect read the sample
corpus shipped inside the binary; with no corpus of your own yet, the commands
that read a corpus use a corpus of the samples.`,
		Version:       workspace.Version(),
		SilenceUsage:  true,
		SilenceErrors: true,
		// Runnable, so that an unknown command is a usage error of ours.
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			msg := fmt.Sprintf("unknown command %q", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += "; did you mean " + strings.Join(s, " or ") + "?"
			}
			return usage("%s", msg)
		},
	}
	root.SuggestionsMinimumDistance = 2
	root.SetVersionTemplate("dutymap {{.Version}}\n")
	root.AddCommand(
		a.newVersionCommand(),
		a.newInspectCommand(),
		a.newExtractCommand(),
		a.newAddCommand(),
		a.newListCommand(),
		a.newSearchCommand(),
		a.newReindexCommand(),
		a.newDiffCommand(),
		a.newCompareCommand(),
		a.newWatchCommand(),
		a.newRunCommand(),
		a.newExportCommand(),
		a.newDutiesCommand(),
		a.newUnitsCommand(),
		a.newCalendarCommand(),
		a.newCoverageCommand(),
		a.newServeCommand(),
	)
	usageArgs(root)
	return root
}

func (a *app) newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dutymap's version and the revision it was built from",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(a.stdout, "dutymap", workspace.Version())
			return err
		},
	}
}
