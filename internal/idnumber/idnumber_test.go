package idnumber

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckChar(t *testing.T) {
	// Numbers whose check characters are known: the example of
	// GB 11643-1999 Annex A and numbers taken from the acceptance rosters.
	cases := map[string]byte{
		"11010519491231002": 'X', // GB 11643-1999 example
		"44052418800101001": '4',
		"14050219420420648": '1',
		"14052519500624542": 'X',
		"41080219361108074": '8',
	}
	for body, want := range cases {
		got, err := CheckChar(body)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("CheckChar(%s) = %c, want %c", body, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	cases := []struct {
		in      string
		want    ID
		wantErr error
	}{
		{"11010519491231002X", "11010519491231002X", nil},
		{"11010519491231002x", "11010519491231002X", nil},
		{"11010519491231002×", "11010519491231002X", nil}, // the multiplication sign, typed for X
		{"110105194912310×21", "", ErrCharacters},
		{"\u3000 140502194204206481 ", "140502194204206481", nil},
		{"１４０５０２１９４２０４２０６４８１", "140502194204206481", nil},
		{"1405021942 0420 6481", "140502194204206481", nil},
		{"", "", ErrEmpty},
		{"   ", "", ErrEmpty},
		{"14050219420420648", "", ErrLength},
		{"1405021942042064811", "", ErrLength},
		{"1.40502195711201E+17", "", ErrLength},
		{"14050219420420648A", "", ErrCharacters},
		{"1405021942042X6481", "", ErrCharacters},
		{"140502194202306481", "", ErrBirthDate}, // 30 February
		{"140502194213016481", "", ErrBirthDate}, // month 13
		{"140502194204206482", "", ErrChecksum},
		{"110105194912310020", "", ErrChecksum},
	}
	for _, c := range cases {
		got, err := Parse(c.in)
		if !errors.Is(err, c.wantErr) || (c.wantErr == nil && err != nil) {
			t.Errorf("Parse(%q) error = %v, want %v", c.in, err, c.wantErr)
		}
		if got != c.want {
			t.Errorf("Parse(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIDParts(t *testing.T) {
	id, err := Parse("140502194204206481")
	if err != nil {
		t.Fatal(err)
	}
	if got := id.Birth().Format("2006-01-02"); got != "1942-04-20" {
		t.Errorf("Birth = %s", got)
	}
	if id.Male() {
		t.Error("sequence 648 is even: a woman")
	}
	if got := id.Masked(); got != "140502********6481" {
		t.Errorf("Masked = %s", got)
	}
	if got := Mask("12345"); got != "*****" {
		t.Errorf("Mask short = %s", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"140502194204206481", "11010519491231002X", "１４０", "1.4E+17", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := Parse(s)
		if err != nil {
			return
		}
		if len(id) != Length {
			t.Fatalf("accepted %q as %q", s, id)
		}
		want, cerr := CheckChar(string(id[:17]))
		if cerr != nil || want != id[17] {
			t.Fatalf("accepted %q with a wrong check character", s)
		}
		if again, err := Parse(string(id)); err != nil || again != id {
			t.Fatalf("not idempotent: %q -> %q, %v", id, again, err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Parse("14052519500624542X"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestUpgrade15(t *testing.T) {
	// 140502420420648 is 140502 19420420 648 in the old form.
	id, err := Upgrade15("140502420420648")
	if err != nil || id != "140502194204206481" {
		t.Errorf("Upgrade15 = %q, %v", id, err)
	}
	for _, bad := range []string{"14050242042064", "140502421320648", "14050242042064A"} {
		if _, err := Upgrade15(bad); err == nil {
			t.Errorf("Upgrade15(%q) accepted", bad)
		}
	}
}

// Of reads an ID cell as a run does: 18 characters as they are, 15 digits
// converted, a 残疾人证号 cut to its ID, anything else only normalized.
func TestOf(t *testing.T) {
	for in, want := range map[string]string{
		"140502194204206481":   "140502194204206481",
		" 14052519500624542x":  "14052519500624542X",
		"140502420420648":      "140502194204206481",
		"１４０５０２４２０４２０６４８":      "140502194204206481",
		"14050219420420648152": "140502194204206481",
		"140502421320648":      "140502421320648",    // no 13th month: not converted
		"140502194204206482":   "140502194204206482", // wrong check character: no person
		"":                     "",
	} {
		if got := Of(in); got != want {
			t.Errorf("Of(%q) = %q, want %q", in, got, want)
		}
	}
}

// Read says how it found the ID, and why it found none: a 15-digit number
// with no such date is Upgrade15's ErrBirthDate, not a length.
func TestRead(t *testing.T) {
	for _, c := range []struct {
		in   string
		id   ID
		form Form
		err  error
	}{
		{"14052519500624542x", "14052519500624542X", Written, nil},
		{"140502420420648", "140502194204206481", Upgraded, nil},
		{"14050219420420648152", "140502194204206481", FromCard, nil},
		{"140502421320648", "", Written, ErrBirthDate},
		{"1405021942042064", "", Written, ErrLength},
	} {
		id, form, card, err := Read(c.in)
		if id != c.id || form != c.form || !errors.Is(err, c.err) || (form == FromCard) != (card.ID != "") {
			t.Errorf("Read(%q) = %q, %d, %+v, %v; want %q, %d, %v", c.in, id, form, card, err, c.id, c.form, c.err)
		}
	}
}

func TestDisabilityCard(t *testing.T) {
	c, err := ParseDisabilityCard("14050219420420648152")
	if err != nil || c.ID != "140502194204206481" || c.Category != "智力" || c.Grade != 2 {
		t.Errorf("card %+v %v", c, err)
	}
	for _, bad := range []string{"14050219420420648182", "14050219420420648155", "14050219420420648252", "140502194204206481"} {
		if _, err := ParseDisabilityCard(bad); err == nil {
			t.Errorf("ParseDisabilityCard(%q) accepted", bad)
		}
	}
	if id, err := Parse("1405-0219-4204-2064-81"); err != nil || id != "140502194204206481" {
		t.Errorf("hyphens: %q %v", id, err)
	}
}

// Every defect Parse reports is described in Chinese for staff.
func TestDescribe(t *testing.T) {
	for raw, want := range map[string]string{
		"":                   "身份证号为空",
		"14050219420420648":  "应为18位，这里是17位",
		"140502420420648":    "15位旧身份证号",
		"1405021942042064A1": "第17位「A」是字母，不是数字：身份证号只能是数字",
		"14050219420420648？": "第18位「？」不是数字", // 18 characters: not "应为18位，这里是18位"
		"14050219420420６4八1": "第17位「八」不是数字",
		// O for 0 looks the same in most fonts: staff are told which.
		"1405021936O8085714":  "第11位「O」是字母，不是数字（字母O与数字0相像）",
		"14050219360808571X4": "应为18位",
		"1405X2193608085714":  "第5位「X」是字母，不是数字",
		// Every one, not one a month: 14050219410822Ol60 was held twice.
		"14050219410822Ol60": "第15位「O」是字母，不是数字（字母O与数字0相像），第16位「l」是字母，不是数字（字母l与数字1相像）：",
		"140502194213206481": "出生日期（第7-14位）不存在",
		"140502194204206482": "校验位（最后一位）不对",
	} {
		_, err := Parse(raw)
		if got := Describe(err, raw); err == nil || !strings.Contains(got, want) {
			t.Errorf("Describe(Parse(%q)) = %q (error %v), want it to say %q", raw, got, err, want)
		}
	}
	if Describe(nil, "140502194204206481") != "" {
		t.Error("a valid number is described")
	}
}

// A number cell's exponent text gives the whole number and how many of its
// digits the text holds; other text is not a number so written.
func TestNumberDigits(t *testing.T) {
	for _, c := range []struct {
		in    string
		whole string
		kept  int
		ok    bool
	}{
		{"1.40521E+17", "140521000000000000", 6, true},
		{"1.405021940020202e+17", "140502194002020200", 15, true},
		{"1.40502E+14", "140502000000000", 6, true},
		{"140502194204206481", "", 0, false},
		{"-1.4E+17", "", 0, false},
		{"1.5E-3", "", 0, false},
	} {
		whole, kept, ok := NumberDigits(c.in)
		if whole != c.whole || kept != c.kept || ok != c.ok {
			t.Errorf("%s: %q %d %v, want %q %d %v", c.in, whole, kept, ok, c.whole, c.kept, c.ok)
		}
	}
}
