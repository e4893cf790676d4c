package rmb

import (
	"errors"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

func TestCapital(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		// Zero and amounts under one yuan.
		{"0", "人民币零元整"},
		{"0.00", "人民币零元整"},
		{"0.01", "人民币壹分"},
		{"0.05", "人民币伍分"},
		{"0.10", "人民币壹角"},
		{"0.15", "人民币壹角伍分"},
		{"0.99", "人民币玖角玖分"},
		// Small integers; a leading ten is 壹拾.
		{"1", "人民币壹元整"},
		{"10", "人民币壹拾元整"},
		{"11", "人民币壹拾壹元整"},
		{"15", "人民币壹拾伍元整"},
		{"20", "人民币贰拾元整"},
		{"100", "人民币壹佰元整"},
		{"101", "人民币壹佰零壹元整"},
		{"110", "人民币壹佰壹拾元整"},
		{"1000", "人民币壹仟元整"},
		{"1000.00", "人民币壹仟元整"},
		{"1001", "人民币壹仟零壹元整"},
		{"1010", "人民币壹仟零壹拾元整"},
		{"1409", "人民币壹仟肆佰零玖元整"},
		// 角 and 分 (spec examples).
		{"1409.50", "人民币壹仟肆佰零玖元伍角"},
		{"1409.05", "人民币壹仟肆佰零玖元零伍分"},
		{"6007.14", "人民币陆仟零柒元壹角肆分"},
		{"107000.53", "人民币壹拾万柒仟元零伍角叁分"},
		{"10.05", "人民币壹拾元零伍分"},
		{"10.50", "人民币壹拾元零伍角"},
		{"1.5", "人民币壹元伍角"},
		// 万 and 亿 sections and zeros across their boundaries.
		{"10000", "人民币壹万元整"},
		{"10001", "人民币壹万零壹元整"},
		{"100000", "人民币壹拾万元整"},
		{"100009", "人民币壹拾万零玖元整"},
		{"150000", "人民币壹拾伍万元整"},
		{"1000100", "人民币壹佰万零壹佰元整"},
		{"10001000", "人民币壹仟万壹仟元整"},
		{"10050000", "人民币壹仟零伍万元整"},
		{"100000000", "人民币壹亿元整"},
		{"100000001", "人民币壹亿零壹元整"},
		{"100001000", "人民币壹亿零壹仟元整"},
		{"100010000", "人民币壹亿零壹万元整"},
		{"100000010000", "人民币壹仟亿零壹万元整"},
		{"123456789.12", "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"},
		{"999999999999.99", "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
		// Trailing zeros beyond 分 do not change the value.
		{"12.300", "人民币壹拾贰元叁角"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Capital(decimal.RequireFromString(tt.in))
			if err != nil {
				t.Fatalf("Capital(%s) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Capital(%s) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestCapitalErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"-0.01", ErrNegative},
		{"-100", ErrNegative},
		{"1.234", ErrPrecision},
		{"0.001", ErrPrecision},
		{"1000000000000", ErrTooLarge},
		{"1000000000000.01", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Capital(decimal.RequireFromString(tt.in))
			if !errors.Is(err, tt.want) {
				t.Fatalf("Capital(%s) = %q, %v; want error %v", tt.in, got, err, tt.want)
			}
			if got != "" {
				t.Errorf("Capital(%s) returned %q with an error", tt.in, got)
			}
		})
	}
}

func ExampleCapital() {
	for _, s := range []string{"107000.53", "1409.50", "0.05", "10050000"} {
		text, err := Capital(decimal.RequireFromString(s))
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(text)
	}
	_, err := Capital(decimal.RequireFromString("-1"))
	fmt.Println(err)
	// Output:
	// 人民币壹拾万柒仟元零伍角叁分
	// 人民币壹仟肆佰零玖元伍角
	// 人民币伍分
	// 人民币壹仟零伍万元整
	// rmb: -1: amount is negative
}
