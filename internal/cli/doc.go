// Package cli is the disburse command line: one file per subcommand (run,
// payments, rules), the configuration, the logger and the single place where
// errors become exit codes. Each command's work is a plain function that the
// tests call directly.
package cli
