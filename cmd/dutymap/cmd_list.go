package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "(not built yet)",
		RunE: func(*cobra.Command, []string) error {
			return errors.New("list: not built yet")
		},
	}
}
