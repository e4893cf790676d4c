package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"disburse/internal/schedule"
)

// defaultConfigFile is read when --config is not given and it exists.
const defaultConfigFile = "disburse.yaml"

// Config is the optional YAML configuration. Flags given on the command line
// win over it. Durations are written like 2m, 30m, 1h.
//
//	inbox: /srv/disburse/inbox   # folder staff drop roster workbooks in
//	data: /srv/disburse/data     # database, outputs, archive
//	rules: /srv/disburse/rules   # subsidy tables (YAML)
//	schedule: "0 2 1 * *"        # serve: minute hour day month weekday
//	zone: Asia/Shanghai          # serve: zone of the schedule and of payout months
//	quiet_period: 2m             # serve: a file must be unchanged this long
//	wait_limit: 30m              # serve: how long to wait for files still being copied
//	retry_every: 1m              # serve: how often to look again while waiting
//	log_format: json             # text or json
type Config struct {
	Inbox       string        `yaml:"inbox"`
	Data        string        `yaml:"data"`
	Rules       string        `yaml:"rules"`
	Schedule    string        `yaml:"schedule"`
	Zone        string        `yaml:"zone"`
	QuietPeriod time.Duration `yaml:"quiet_period"`
	WaitLimit   time.Duration `yaml:"wait_limit"`
	RetryEvery  time.Duration `yaml:"retry_every"`
	LogFormat   string        `yaml:"log_format"`
}

// DefaultConfig returns the settings used when neither a flag nor the config
// file gives one: ./inbox, ./data, ./rules; 02:00 on the 1st of each month in
// Asia/Shanghai; a 2-minute quiet period, waiting at most 30 minutes and
// looking again every minute.
func DefaultConfig() Config {
	return Config{
		Inbox: "inbox", Data: "data", Rules: "rules",
		Schedule: schedule.DefaultSpec, Zone: schedule.DefaultZone,
		QuietPeriod: 2 * time.Minute, WaitLimit: 30 * time.Minute, RetryEvery: time.Minute,
	}
}

// ReadConfigFile reads path over DefaultConfig. An empty path reads
// ./disburse.yaml if it exists and returns the defaults otherwise. A
// relative inbox, data or rules folder in the file is taken relative to the
// file's folder, the real file's when path is a link (the defaults stay
// relative to the working directory). It returns
// an error for an unreadable file, unknown keys, or a setting Validate
// refuses.
func ReadConfigFile(path string) (Config, error) {
	cfg := DefaultConfig()
	explicit := path != ""
	if !explicit {
		path = defaultConfigFile
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("读不到配置文件 %s（请检查 --config 给出的路径）：%w", path, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
		return cfg, fmt.Errorf("配置文件 %s 有误（键名拼错、或值的写法不对，如时长应写 10m、2h）：%s: %w", path, yamlProblems(err), err)
	}
	if cfg.Zone == "" { // zone: "" given: the default, as when the key is left out
		cfg.Zone = schedule.DefaultZone
	}
	// A folder the file gives relative is relative to the file: the same
	// config run from another directory must find the same database, or
	// it would record the month again in a new one.
	var given struct {
		Inbox string `yaml:"inbox"`
		Data  string `yaml:"data"`
		Rules string `yaml:"rules"`
	}
	_ = yaml.Unmarshal(b, &given) // decoded strictly above
	dir := filepath.Dir(path)
	if real, err := filepath.EvalSymlinks(path); err == nil {
		dir = filepath.Dir(real) // a config linked from /etc is the real file's
	}
	for _, f := range []struct {
		given string
		to    *string
	}{{given.Inbox, &cfg.Inbox}, {given.Data, &cfg.Data}, {given.Rules, &cfg.Rules}} {
		if f.given != "" && !filepath.IsAbs(f.given) {
			*f.to = filepath.Join(dir, f.given)
		}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fmt.Errorf("配置文件 %s 有误：%w", path, err)
	}
	return cfg, nil
}

// yamlProblems says in Chinese what the YAML decoder found in a config
// file, each problem with its line (第3行), before the decoder's own English
// text: an unknown key is named with the keys Config knows. It is for the
// operator, who reads Chinese first.
func yamlProblems(err error) string {
	var te *yaml.TypeError
	var texts []string
	if errors.As(err, &te) {
		texts = te.Errors
	} else {
		texts = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var out []string
	for _, t := range texts {
		where := ""
		if m := yamlLine.FindStringSubmatch(t); m != nil {
			where = "第" + m[1] + "行"
			t = t[len(m[0]):]
		}
		if m := yamlUnknownKey.FindStringSubmatch(t); m != nil {
			out = append(out, where+"的键 "+m[1]+" 不认识（可用的键："+strings.Join(configKeys(), "、")+"）")
			continue
		}
		if where == "" {
			where = "文件"
		}
		out = append(out, where+"写法不对")
	}
	return strings.Join(out, "；")
}

var (
	yamlLine       = regexp.MustCompile(`^line (\d+): `)
	yamlUnknownKey = regexp.MustCompile(`^field (\S+) not found in type`)
)

// configKeys returns the keys a config file may give, in Config's order.
func configKeys() []string {
	t := reflect.TypeFor[Config]()
	keys := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		keys = append(keys, t.Field(i).Tag.Get("yaml"))
	}
	return keys
}

// Validate returns an error naming each bad setting: an empty folder, a
// schedule or zone that does not parse, a negative duration, an unknown log
// format.
func (c Config) Validate() error {
	var errs []error
	for _, f := range []struct{ name, v string }{{"inbox", c.Inbox}, {"data", c.Data}, {"rules", c.Rules}} {
		if f.v == "" {
			errs = append(errs, fmt.Errorf("%s 不能为空（must not be empty）", f.name))
		}
	}
	if _, err := schedule.Parse(c.Schedule, c.Zone); err != nil {
		errs = append(errs, err)
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{{"quiet_period", c.QuietPeriod}, {"wait_limit", c.WaitLimit}, {"retry_every", c.RetryEvery}} {
		if d.v < 0 {
			errs = append(errs, fmt.Errorf("%s 不能为负数（must not be negative）", d.name))
		}
	}
	if c.RetryEvery == 0 {
		errs = append(errs, errors.New("retry_every 必须大于 0（must be more than 0）"))
	}
	if c.LogFormat != "" && c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log_format %q 只能是 text 或 json（want text or json）", c.LogFormat))
	}
	return errors.Join(errs...)
}
