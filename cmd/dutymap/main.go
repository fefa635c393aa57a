// Command dutymap reads Chinese government safety-work documents and turns
// them into obligations that can be searched, diffed and compared.
//
// Run `dutymap help` for the subcommands. Each subcommand is a thin shell
// over package workspace, in a file of its own (cmd_NAME.go): it parses
// its flags, calls the core and prints.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/dutymap/dutymap/segment"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "dutymap:", err)
		os.Exit(1)
	}
}

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

func (a *app) run(ctx context.Context, args []string) error {
	root := a.newRootCommand()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	return root.ExecuteContext(ctx)
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
		SilenceUsage:  true,
		SilenceErrors: true,
	}
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
	return root
}

func (a *app) newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dutymap's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(a.stdout, "dutymap", version)
			return err
		},
	}
}
