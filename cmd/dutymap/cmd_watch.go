package main

import (
	"context"

	"github.com/spf13/cobra"
)

func (a *app) newWatchCommand() *cobra.Command {
	var opts inboxOptions
	cmd := &cobra.Command{
		Use:   "watch INBOX",
		Short: "Process every file that lands in an inbox folder, as it lands",
		Long: inboxLong + `

watch takes the files already in INBOX, then each new one, until it is
interrupted (Ctrl-C, SIGTERM); it then stops at once, leaving the file in
hand for the next start. It learns of new files from the operating system,
or with --poll by looking every few seconds, for network folders that send
no notice. While it runs, dutymap search, list and export on its corpus are
answered by it, and dutymap add hands it the files to add.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runWatch(cmd.Context(), opts, args[0])
		},
	}
	opts.register(cmd)
	cmd.Flags().BoolVar(&opts.poll, "poll", false, "look for new files every 2s instead of waiting for notices (network folders)")
	return cmd
}

func (a *app) runWatch(ctx context.Context, opts inboxOptions, inbox string) error {
	in, closeInbox, err := a.openInbox(ctx, opts, inbox, a.stderr, false, "watch")
	if err != nil {
		return err
	}
	defer closeInbox()
	in.Logger.Info("watching", "inbox", inbox, "poll", opts.poll, "settle", in.Settle.String())
	return in.Watch(ctx)
}
