package domain

import "testing"

// Certificates differing only in case, width, spaces or separators have
// one key; those differing in a letter or digit do not.
func TestCertificateKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"ZS001", "zs001"},
		{"ZS001", "ZS-001"},
		{"ZS004", "ZS 004"},
		{"No.5", "NO.5"},
		{"No.5", "NO 5"},
		{"No.5", "№5"},
		{"ZS001", "ZS_001"},
		{"ZS001", "ＺＳ００１"},
		{"ZS001", "ｚｓ－００１"},
		{"ZS001", "ZS—001"},
		{"ZS001", "ZS–001"},
		{"ZS001", "ZS·001"},
		{"ZS001", "ZS/001"},
		{"ZS001", " ZS\u3000001 "},
		{"晋护证2026-001", "晋护证 2026001"},
		{"HL(2026)7", "HL（2026）7"},
	} {
		if ka, kb := CertificateKey(c.a), CertificateKey(c.b); ka != kb || ka == "" {
			t.Errorf("CertificateKey(%q) = %q, CertificateKey(%q) = %q: want one non-empty key", c.a, ka, c.b, kb)
		}
	}
	for _, c := range []struct{ a, b string }{
		{"ZS001", "ZS01"},
		{"ZS001", "ZS0010"},
		{"ZS001", "ZT001"},
		{"晋护证001", "晋培证001"},
	} {
		if CertificateKey(c.a) == CertificateKey(c.b) {
			t.Errorf("CertificateKey(%q) = CertificateKey(%q): want them apart", c.a, c.b)
		}
	}
	for _, s := range []string{"", "-", " — ", "/", "．"} {
		if k := CertificateKey(s); k != "" {
			t.Errorf("CertificateKey(%q) = %q, want empty", s, k)
		}
	}
}
