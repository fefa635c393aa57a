package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newSearchCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "search",
		Short: "(not built yet)",
		RunE: func(*cobra.Command, []string) error {
			return errors.New("search: not built yet")
		},
	}
}
