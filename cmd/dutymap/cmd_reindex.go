package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newReindexCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "(not built yet)",
		RunE: func(*cobra.Command, []string) error {
			return errors.New("reindex: not built yet")
		},
	}
}
