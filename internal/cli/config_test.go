package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A config's relative folders are the config file's: run from another
// working directory, the same file finds the same database (a tester's
// second directory recorded the month again in a new one). Absolute ones
// and the defaults are left as they are.
func TestConfigFoldersRelativeToTheFile(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "etc", "disburse.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("data: data\ninbox: /srv/inbox\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := ReadConfigFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "etc", "data"); cfg.Data != want {
		t.Errorf("data %q, want %q", cfg.Data, want)
	}
	if cfg.Inbox != "/srv/inbox" || cfg.Rules != "rules" {
		t.Errorf("inbox %q, rules %q: want /srv/inbox and the default rules", cfg.Inbox, cfg.Rules)
	}
	// Linked from elsewhere (/etc/disburse/disburse.yaml to the real file),
	// the same file finds the same folders.
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if cfg, err := ReadConfigFile(link); err != nil || cfg.Data != filepath.Join(dir, "etc", "data") {
		t.Errorf("through a link: data %q (%v)", cfg.Data, err)
	}
}

// zone: "" is the default zone, as when the key is left out, not UTC; a
// key misspelt is refused in Chinese, naming the file.
func TestConfigEmptyZoneAndMisspeltKey(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.yaml")
	os.WriteFile(p, []byte("zone: \"\"\n"), 0o644)
	cfg, err := ReadConfigFile(p)
	if err != nil || cfg.Zone != "Asia/Shanghai" {
		t.Errorf("zone %q, %v", cfg.Zone, err)
	}
	os.WriteFile(p, []byte("schedul: \"0 2 1 * *\"\n"), 0o644)
	if _, err := ReadConfigFile(p); err == nil || !strings.Contains(err.Error(), "配置文件 "+p+" 有误（键名拼错") {
		t.Errorf("misspelt key: %v", err)
	}
}

// Every bad setting is named in Chinese for the operator, with the English
// kept for a search.
func TestConfigErrorsInChinese(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.yaml")
	os.WriteFile(p, []byte("wait_limit: -1m\nretry_every: 0s\nlog_format: xml\n"), 0o644)
	_, err := ReadConfigFile(p)
	for _, want := range []string{"wait_limit 不能为负数", "retry_every 必须大于 0", "log_format \"xml\" 只能是 text 或 json"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("want %q in: %v", want, err)
		}
	}
}

// A config mistake is the operator's to fix, as a wrong flag: exit 2, with
// each problem's line named in Chinese (an unknown key with the keys there
// are), and a --config path that does not exist said in Chinese too.
func TestConfigMistakesExitUsage(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "c.yaml")
	os.WriteFile(p, []byte("inbox: in\nquiet_priod: 2m\nretry_every: abc\n"), 0o644)
	for _, c := range []struct {
		config string
		want   []string
	}{
		{p, []string{"第2行的键 quiet_priod 不认识（可用的键：inbox、data、rules、schedule、zone、quiet_period、wait_limit、retry_every、log_format）", "第3行写法不对"}},
		{filepath.Join(dir, "none.yaml"), []string{"读不到配置文件 " + filepath.Join(dir, "none.yaml")}},
	} {
		var out, errs strings.Builder
		code := Main(context.Background(), []string{"--config", c.config, "status"}, &out, &errs)
		if code != ExitUsage {
			t.Errorf("%s: exit %d, want %d:\n%s", c.config, code, ExitUsage, errs.String())
		}
		for _, w := range c.want {
			if !strings.Contains(errs.String(), w) {
				t.Errorf("%s: want %q in:\n%s", c.config, w, errs.String())
			}
		}
	}
}

// A command whose reader stops reading (payments … | head) ends as any
// command a pipe ends: exit 0, without an English "broken pipe" error.
func TestBrokenPipeEndsQuietly(t *testing.T) {
	h := newHarness(t, "../../fixtures/inbox/2026-11")
	h.mustRun("run", "--month", "2026-11")
	var errs strings.Builder
	code := Main(context.Background(), []string{"payments", "--month", "2026-11", "--data", h.data, "--format", "csv"}, pipeClosed{}, &errs)
	if code != ExitOK || errs.Len() != 0 {
		t.Errorf("payments into a closed pipe: exit %d:\n%s", code, errs.String())
	}
}

// pipeClosed is stdout whose reader has gone: every write fails as a
// pipe's does then, with EPIPE (SIGPIPE being ignored).
type pipeClosed struct{}

func (pipeClosed) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.EPIPE}
}

// A value refused in Chinese, which says what to write, is not followed
// by the English pointer to the help; a flag mistyped still is.
func TestUsagePointerOnlyForFlags(t *testing.T) {
	for _, c := range []struct {
		args    []string
		pointer bool
	}{
		{[]string{"run", "--month", "2026-13"}, false},
		{[]string{"run", "--bogus"}, true},
	} {
		var out, errs strings.Builder
		if code := Main(context.Background(), c.args, &out, &errs); code != ExitUsage || strings.Contains(errs.String(), "Run 'disburse --help' for usage.") != c.pointer {
			t.Errorf("%v: exit %d, want %d, the help's pointer %v:\n%s", c.args, code, ExitUsage, c.pointer, errs.String())
		}
	}
}
