package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"disburse/internal/domain"
)

// BenchmarkAccountsOfOthers looks up 100,000 claims, one in a hundred of
// another person's account, against a month of 100,000 listings.
func BenchmarkAccountsOfOthers(b *testing.B) {
	const n = 100000
	ctx := context.Background()
	db := tempDB(b)
	rec := record()
	rec.Run.Month = domain.Month{Year: 2026, Month: time.October}
	claims := make([]AccountClaim, n)
	for i := range n {
		id := fmt.Sprintf("1405021940%08d", i)
		account := fmt.Sprintf("6217%015d", (i*7919)%n)
		rec.Listings = append(rec.Listings, domain.Listing{Person: &domain.Person{ID: id, Name: "某", BankAccount: account}})
		claims[i] = AccountClaim{account, id}
		if i%100 == 0 {
			claims[i].ID = "new" + id
		}
	}
	start := time.Now()
	if _, err := db.SaveRun(ctx, rec, false, nil); err != nil {
		b.Fatal(err)
	}
	b.Logf("recorded %d listings in %v", n, time.Since(start))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		got, err := db.AccountsOfOthers(ctx, Others{Month: nov}, claims)
		if err != nil || len(got) != n/100 {
			b.Fatalf("%d found, %v", len(got), err)
		}
	}
}
