// Command disburse pays the district's elder-care subsidies from the street
// roster workbooks in an inbox folder. See `disburse --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"disburse/internal/cli"
)

func main() {
	cleanTemp := cli.PrivateTemp() // os.Exit runs no deferred call
	// Output piped into a program that stops reading (approve | head)
	// must not kill a command between its commit and its last step (the
	// approved workbooks): the write fails with EPIPE and the command goes on.
	signal.Ignore(syscall.SIGPIPE)
	// SIGHUP (the terminal closed, an SSH session dropped, a kill -HUP
	// meant as a reload) stops as SIGTERM does: cancelled cleanly and
	// logged, where it used to end the process without a word.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	cleanTemp()
	os.Exit(code)
}
