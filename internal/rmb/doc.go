// Package rmb writes an amount in yuan as the Chinese capital amount (大写金额)
// required on Chinese financial forms, following 《支付结算办法》 附件一
// 《正确填写票据和结算凭证的基本规定》: digits 零壹贰叁肆伍陆柒捌玖, units
// 拾佰仟万亿 then 元角分, "人民币" directly before the amount, 整 after 元 when
// there are no 角 and 分, and one 零 for each run of zeros inside the amount.
//
// It is pure and exact: amounts are shopspring decimals and are never
// converted through float64.
package rmb
