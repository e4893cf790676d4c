// Package store keeps the record of every run in one SQLite database
// (modernc.org/sqlite, pure Go): the run, its input files, its payment lines
// and its findings, written in one transaction so a run is recorded whole or
// not at all. Amounts are stored as exact decimal text and as integer
// hundredths (fen for yuan), never as floating point.
//
// The schema is created by numbered migrations embedded in the binary and
// applied in order, each inside a transaction.
package store
