// Package money holds the exact decimal arithmetic of payouts: the conversion
// of an annual amount into monthly amounts by cumulative rounding, and the
// text and integer forms in which amounts are stored and printed.
//
// Amounts are github.com/shopspring/decimal values, never float64. Yuan
// amounts are rounded half-up to 0.01 yuan (one fen).
package money
