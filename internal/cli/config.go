package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

// defaultConfigFile is read when --config is not given and it exists.
const defaultConfigFile = "disburse.yaml"

// Config is the optional YAML configuration. Flags given on the command line
// win over it.
//
//	inbox: ./inbox   # folder staff drop roster workbooks in
//	data: ./data     # database, outputs, archive
//	rules: ./rules   # subsidy tables (YAML)
type Config struct {
	Inbox string `yaml:"inbox"`
	Data  string `yaml:"data"`
	Rules string `yaml:"rules"`
}

// DefaultConfig returns the folders used when neither a flag nor the config
// file names them: ./inbox, ./data and ./rules.
func DefaultConfig() Config {
	return Config{Inbox: "inbox", Data: "data", Rules: "rules"}
}

// ReadConfigFile reads path over DefaultConfig. An empty path reads
// ./disburse.yaml if it exists and returns the defaults otherwise. It returns
// an error for an unreadable file, unknown keys or an empty folder name.
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
		return cfg, fmt.Errorf("read config: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && err.Error() != "EOF" {
		return cfg, fmt.Errorf("config %s: %w", path, err)
	}
	return cfg, cfg.Validate()
}

// Validate returns an error naming each empty folder setting.
func (c Config) Validate() error {
	var errs []error
	for name, v := range map[string]string{"inbox": c.Inbox, "data": c.Data, "rules": c.Rules} {
		if v == "" {
			errs = append(errs, fmt.Errorf("config: %s must not be empty", name))
		}
	}
	return errors.Join(errs...)
}
