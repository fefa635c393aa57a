package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newInspectCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "inspect",
		Short: "(not built yet)",
		RunE: func(*cobra.Command, []string) error {
			return errors.New("inspect: not built yet")
		},
	}
}
