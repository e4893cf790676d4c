package roster

import (
	"strings"
	"unicode"
)

// Field is a roster column the program understands.
type Field int

// The roster columns. FieldName and FieldID are required.
const (
	FieldNone Field = iota
	FieldSeq
	FieldStreet
	FieldCommunity
	FieldName
	FieldSex
	FieldID
	FieldBirth
	FieldDibao
	FieldTekun
	FieldHardship
	FieldSelfCare
	FieldGrade
	FieldCategory
	FieldElectricityAccount
	FieldBankAccount
	FieldDeath
	FieldRemark
	numFields
)

// headers maps each field to its standard header (first) and the aliases
// staff use, as written in the roster spec. Matching ignores spaces, line
// breaks and the width of brackets (see normalizeHeader).
var headers = [numFields][]string{
	FieldSeq:                {"序号"},
	FieldStreet:             {"街道(乡镇)", "乡镇(街道)", "街道"},
	FieldCommunity:          {"社区(村)", "村(社区)", "社区"},
	FieldName:               {"姓名"},
	FieldSex:                {"性别"},
	FieldID:                 {"公民身份号码", "身份证号码", "身份证号"},
	FieldBirth:              {"出生日期"},
	FieldDibao:              {"低保类别"},
	FieldTekun:              {"特困类别"},
	FieldHardship:           {"经济困难"},
	FieldSelfCare:           {"自理能力"},
	FieldGrade:              {"残疾等级"},
	FieldCategory:           {"残疾类别"},
	FieldElectricityAccount: {"户号"},
	FieldBankAccount:        {"银行账号"},
	FieldDeath:              {"死亡日期"},
	FieldRemark:             {"备注"},
}

// Header returns the standard header text of f, e.g. "公民身份号码".
func (f Field) Header() string {
	if f <= FieldNone || f >= numFields {
		return ""
	}
	return headers[f][0]
}

var headerIndex = func() map[string]Field {
	m := map[string]Field{}
	for f := FieldSeq; f < numFields; f++ {
		for _, h := range headers[f] {
			m[normalizeHeader(h)] = f
		}
	}
	return m
}()

// normalizeHeader removes every kind of space and line break and turns
// full-width brackets into ASCII ones.
func normalizeHeader(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
			continue
		case r == '（':
			r = '('
		case r == '）':
			r = ')'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// columns maps a header row: the 0-based column index of each field found
// (-1 when absent).
type columns [numFields]int

// matchHeader reads a candidate header row. It returns the column map and
// whether both required columns (姓名 and an ID column) are present, and
// whether the row looks like a header at all (at least one of them).
func matchHeader(cells []string) (cols columns, complete, partial bool) {
	for i := range cols {
		cols[i] = -1
	}
	for i, c := range cells {
		f, ok := headerIndex[normalizeHeader(c)]
		if ok && cols[f] < 0 {
			cols[f] = i
		}
	}
	hasName, hasID := cols[FieldName] >= 0, cols[FieldID] >= 0
	return cols, hasName && hasID, hasName || hasID
}

// columnLetter returns the Excel letter of a 0-based column index.
func columnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
