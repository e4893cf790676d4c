// Package domain is the vocabulary of disburse: the payout month, the people
// on a roster with their statuses (低保, 特困, 自理能力, 残疾), the payment
// lines a run makes, the findings it holds, and the records of a run. It
// imports nothing of ours but money; every other package speaks in its terms.
package domain
