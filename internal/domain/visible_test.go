package domain

import "testing"

// Characters that look like a space, or like nothing, are named; ordinary
// text and the ASCII space are not touched.
func TestShowInvisible(t *testing.T) {
	for in, want := range map[string]string{
		"银行账号「6217\u00a00066」只能是数字": "银行账号「6217〔不换行空格 U+00A0〕0066」只能是数字",
		"城市\u3000低保":                "城市〔全角空格 U+3000〕低保",
		"6217\u200b0066":            "6217〔零宽空格 U+200B〕0066",
		"a\tb\nc":                   "a〔制表符 U+0009〕b〔换行符 U+000A〕c",
		"x\u2007y":                  "x〔不可见字符 U+2007〕y",
		"x\u3164y":                  "x〔不可见字符 U+3164〕y",
		"请写成 1946-03-05 或设置为日期格式": "请写成 1946-03-05 或设置为日期格式",
		"阿依古丽·买买提":                "阿依古丽·买买提",
		"":                        "",
	} {
		got := ShowInvisible(in)
		if got != want {
			t.Errorf("ShowInvisible(%q) = %q, want %q", in, got, want)
		}
		if again := ShowInvisible(got); again != got {
			t.Errorf("ShowInvisible twice changed %q to %q", got, again)
		}
	}
}
