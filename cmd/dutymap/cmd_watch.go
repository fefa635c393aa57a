package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"
)

func newWatchCommand() *cobra.Command {
	var opts inboxOptions
	cmd := &cobra.Command{
		Use:   "watch INBOX",
		Short: "Process every file that lands in an inbox folder, as it lands",
		Long: inboxLong + `

watch takes the files already in INBOX, then each new one, until it is
interrupted (Ctrl-C, SIGTERM); it then finishes the file in hand. It learns of
new files from the operating system, or with --poll by looking every few
seconds, for network folders that send no notice.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runWatch(cmd.Context(), opts, args[0], cmd.ErrOrStderr())
		},
	}
	opts.register(cmd)
	cmd.Flags().BoolVar(&opts.poll, "poll", false, "look for new files every 2s instead of waiting for notices (network folders)")
	return cmd
}

func runWatch(ctx context.Context, opts inboxOptions, inbox string, stderr io.Writer) error {
	in, closeInbox, err := openInbox(ctx, opts, inbox, stderr, false)
	if err != nil {
		return err
	}
	defer closeInbox()
	in.Logger.Info("watching", "inbox", inbox, "poll", opts.poll, "settle", in.Settle.String())
	return in.Watch(ctx)
}
