package domain

import "testing"

// A street's name compares without the suffix staff add or leave off.
func TestStreetStem(t *testing.T) {
	for in, want := range map[string]string{
		"东街": "东街", "东街街道": "东街", "东街街道办事处": "东街", " 西街街道办 ": "西街",
		"北石店镇": "北石店", "北石店镇人民政府": "北石店", "钟家庄乡政府": "钟家庄",
		"街道": "街道", "": "",
		"南街街道 办事处": "南街", "东 街": "东街", "东乡镇": "东乡", "北石店镇政府": "北石店",
	} {
		if got := StreetStem(in); got != want {
			t.Errorf("StreetStem(%q) = %q, want %q", in, got, want)
		}
	}
}
