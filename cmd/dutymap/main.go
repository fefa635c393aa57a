// Command dutymap reads Chinese government safety-work documents and turns
// them into obligations that can be searched, diffed and compared.
//
// Run `dutymap help` for the subcommands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
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
// error that makes the run fail; it is what main calls and what tests call.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	root := newRootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return root.ExecuteContext(ctx)
}

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "dutymap",
		Short: "Turn Chinese safety-work documents into searchable obligations",
		Long: `dutymap reads town, county and city 安全生产 work plans, notices and 工作要点
(text, Markdown, HTML, .docx; UTF-8, GB18030 or UTF-16), finds their obligations
with lead and supporting units, frequencies and deadlines, and lets you search,
diff and compare them. With no files given, commands that read documents use the
sample corpus shipped inside the binary.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(
		newVersionCommand(),
		newInspectCommand(),
		newExtractCommand(),
		newAddCommand(),
		newListCommand(),
		newSearchCommand(),
		newReindexCommand(),
		newDiffCommand(),
		newCompareCommand(),
		newCoverageCommand(),
		newWatchCommand(),
		newRunCommand(),
		newExportCommand(),
		newDutiesCommand(),
		newUnitsCommand(),
		newCalendarCommand(),
		newServeCommand(),
	)
	return root
}

func newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dutymap's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), "dutymap", version)
			return err
		},
	}
}
