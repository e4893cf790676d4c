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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	cleanTemp()
	os.Exit(code)
}
