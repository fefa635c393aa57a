package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newAddCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "add",
		Short: "(not built yet)",
		RunE: func(*cobra.Command, []string) error {
			return errors.New("add: not built yet")
		},
	}
}
