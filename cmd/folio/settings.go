package main

import (
	"fmt"
	"io"
	"os"

	"github.com/folio-reader/folio/config"
	"github.com/folio-reader/folio/ui"
)

// settings reads the settings file. A mistake in it stops folio with
// status 2 and one line naming the file, the line and the problem: a file
// half applied would leave the user guessing which half.
func settings(stderr io.Writer) (config.Config, bool) {
	c, err := config.Load(os.Getenv, ui.CheckKeys)
	if err != nil {
		fmt.Fprintln(stderr, "folio: "+err.Error())
		return c, false
	}
	return c, true
}
