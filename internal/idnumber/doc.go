// Package idnumber validates the 18-character citizen identity number
// (公民身份号码) of GB 11643-1999: 6 digits of region, 8 digits of birth date
// (YYYYMMDD), 3 digits of sequence (odd for men, even for women) and a check
// character computed by ISO 7064 MOD 11-2 (0-9 or X).
package idnumber
