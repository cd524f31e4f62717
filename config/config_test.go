package config

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const testKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// envMap is an env lookup backed by a map.
func envMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// writeFile writes a config file into a temp dir and returns its path.
func writeFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "moviebot.conf")
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefaults(t *testing.T) {
	c, err := Load(nil, envMap(map[string]string{"DISCORD_TOKEN": "tok", "DISCORD_APP_ID": "123"}))
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Token: "tok", AppID: "123", LogLevel: slog.LevelInfo, LogFormat: "text",
		RateLimit: RateLimit{Commands: 5, Per: 10 * time.Second}, DeferAfter: 2 * time.Second, ShutdownTimeout: 10 * time.Second,
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("Load = %#v\nwant    %#v", *c, *want)
	}
	if c.Mode() != ModeGateway {
		t.Errorf("mode = %s", c.Mode())
	}
}

func TestPrecedence(t *testing.T) {
	file := writeFile(t, `# moviebot settings
DISCORD_TOKEN=file-token
DISCORD_APP_ID = 111
MOVIEBOT_DB="/var/lib/moviebot/file.db"
MOVIEBOT_LOG_LEVEL=debug

MOVIEBOT_GUILD='222'
`)
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		check func(*Config) string
	}{
		{"file over defaults", nil, map[string]string{"MOVIEBOT_CONFIG": file}, func(c *Config) string {
			return fmt.Sprint(c.Token, " ", c.AppID, " ", c.DB, " ", c.LogLevel, " ", c.GuildID, " ", c.File)
		}},
		{"env over file", nil, map[string]string{"MOVIEBOT_CONFIG": file, "MOVIEBOT_DB": "env.db", "DISCORD_TOKEN": "env-token"}, func(c *Config) string {
			return fmt.Sprint(c.Token, " ", c.DB, " ", c.LogLevel)
		}},
		{"flag over env", []string{"--db", "flag.db", "--log-level=warn"}, map[string]string{"MOVIEBOT_CONFIG": file, "MOVIEBOT_DB": "env.db"}, func(c *Config) string {
			return fmt.Sprint(c.DB, " ", c.LogLevel, " ", c.Token)
		}},
		{"--config over MOVIEBOT_CONFIG", []string{"--config", file}, map[string]string{"MOVIEBOT_CONFIG": "/does/not/exist"}, func(c *Config) string {
			return c.Token
		}},
		{"empty env is unset", nil, map[string]string{"MOVIEBOT_CONFIG": file, "MOVIEBOT_DB": ""}, func(c *Config) string {
			return c.DB
		}},
	}
	want := []string{
		"file-token 111 /var/lib/moviebot/file.db DEBUG 222 " + file,
		"env-token env.db DEBUG",
		"flag.db WARN file-token",
		"file-token",
		"/var/lib/moviebot/file.db",
	}
	for k, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(tt.args, envMap(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if got := tt.check(c); got != want[k] {
				t.Errorf("got %q, want %q", got, want[k])
			}
		})
	}
}

func TestParsedValues(t *testing.T) {
	c, err := Load([]string{
		"--shards=8", "--shard-ids", "0, 2-4", "--rate-limit", "3/1m", "--defer-after", "1500ms",
		"--shutdown-timeout", "30s", "--metrics", ":9090", "--log-format", "JSON",
	}, envMap(map[string]string{"DISCORD_TOKEN": "Bot tok", "DISCORD_APP_ID": "123"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Shards != 8 || !reflect.DeepEqual(c.ShardIDs, []int{0, 2, 3, 4}) || c.RateLimit != (RateLimit{3, time.Minute}) ||
		c.DeferAfter != 1500*time.Millisecond || c.ShutdownTimeout != 30*time.Second || c.MetricsAddr != ":9090" || c.LogFormat != "json" {
		t.Errorf("parsed %s", c)
	}
	c, err = Load([]string{"--rate-limit=off", "--shards=auto"}, envMap(map[string]string{
		"MOVIEBOT_HTTP": ":8080", "DISCORD_PUBLIC_KEY": strings.ToUpper(testKey),
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Mode() != ModeHTTP || c.RateLimit.Commands >= 0 || c.Shards != 0 || c.PublicKey != testKey {
		t.Errorf("parsed %s", c)
	}
}

func TestErrors(t *testing.T) {
	gateway := map[string]string{"DISCORD_TOKEN": "tok", "DISCORD_APP_ID": "123"}
	httpMode := map[string]string{"MOVIEBOT_HTTP": ":8080", "DISCORD_PUBLIC_KEY": testKey}
	with := func(base map[string]string, kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for k := 0; k < len(kv); k += 2 {
			m[kv[k]] = kv[k+1]
		}
		return m
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		file string // config file content, if any
		want string // the one line expected
	}{
		{"missing token in gateway mode", nil, map[string]string{"DISCORD_APP_ID": "123"}, "", "DISCORD_TOKEN is not set: the gateway mode needs the bot token"},
		{"missing app ID in gateway mode", nil, map[string]string{"DISCORD_TOKEN": "t"}, "", "DISCORD_APP_ID is not set"},
		{"token with spaces", nil, with(gateway, "DISCORD_TOKEN", "abc def"), "", "DISCORD_TOKEN contains spaces"},
		{"app ID not numeric", nil, with(gateway, "DISCORD_APP_ID", "my-bot"), "", `DISCORD_APP_ID="my-bot" (from environment): must be the numeric application ID`},
		{"guild not numeric", []string{"--guild", "test"}, gateway, "", `MOVIEBOT_GUILD="test" (from flag --guild): must be a numeric server ID`},
		{"missing public key in HTTP mode", nil, map[string]string{"MOVIEBOT_HTTP": ":8080"}, "", "DISCORD_PUBLIC_KEY is not set: the HTTP mode"},
		{"public key too short", nil, with(httpMode, "DISCORD_PUBLIC_KEY", testKey[:60]), "", "DISCORD_PUBLIC_KEY=\"" + testKey[:60] + "\" (from environment): must be 64 hex characters"},
		{"public key not hex", nil, with(httpMode, "DISCORD_PUBLIC_KEY", strings.Repeat("x", 64)), "", "must be 64 hex characters"},
		{"bad listen address", nil, with(httpMode, "MOVIEBOT_HTTP", "8080"), "", `MOVIEBOT_HTTP="8080" (from environment): must be a listen address like :8080`},
		{"metrics in HTTP mode", []string{"--metrics=:9090"}, httpMode, "", "MOVIEBOT_METRICS=\":9090\" (from flag --metrics): only used in gateway mode"},
		{"token without app ID in HTTP mode", nil, with(httpMode, "DISCORD_TOKEN", "t"), "", "DISCORD_APP_ID is not set: registering commands"},
		{"shards not a number", []string{"--shards", "many"}, gateway, "", `MOVIEBOT_SHARDS="many" (from flag --shards): must be a positive whole number or auto`},
		{"shards negative", nil, with(gateway, "MOVIEBOT_SHARDS", "-2"), "", "must be a positive whole number or auto"},
		{"shard ID not below count", []string{"--shards=2", "--shard-ids=1,2"}, gateway, "", "MOVIEBOT_SHARD_IDS=\"1,2\" (from flag --shard-ids): shard 2 is not below the shard count 2"},
		{"shard IDs without count", []string{"--shard-ids=0"}, gateway, "", "needs an explicit MOVIEBOT_SHARDS count"},
		{"shard ID garbage", []string{"--shards=4", "--shard-ids=0,x"}, gateway, "", `"x" is not a shard ID or range`},
		{"shard ID twice", []string{"--shards=4", "--shard-ids=0-2,1"}, gateway, "", "shard 1 is listed twice"},
		{"shard range backwards", []string{"--shards=4", "--shard-ids=3-1"}, gateway, "", "runs backwards"},
		{"log level", nil, with(gateway, "MOVIEBOT_LOG_LEVEL", "loud"), "", "MOVIEBOT_LOG_LEVEL=\"loud\" (from environment): must be debug, info, warn or error"},
		{"log format", nil, with(gateway, "MOVIEBOT_LOG_FORMAT", "xml"), "", "must be text or json"},
		{"rate limit", nil, with(gateway, "MOVIEBOT_RATE_LIMIT", "5"), "", "MOVIEBOT_RATE_LIMIT=\"5\" (from environment): must be COUNT/PERIOD like 5/10s"},
		{"rate limit period", nil, with(gateway, "MOVIEBOT_RATE_LIMIT", "5/soon"), "", "the period after / must be a positive duration"},
		{"bad duration", nil, with(gateway, "MOVIEBOT_DEFER_AFTER", "2"), "", "MOVIEBOT_DEFER_AFTER=\"2\" (from environment): must be a duration like 2s"},
		{"defer past Discord's deadline", nil, with(gateway, "MOVIEBOT_DEFER_AFTER", "3s"), "", "below 3s"},
		{"bad shutdown timeout", nil, with(gateway, "MOVIEBOT_SHUTDOWN_TIMEOUT", "forever"), "", "MOVIEBOT_SHUTDOWN_TIMEOUT=\"forever\" (from environment): must be a duration"},
		{"unknown key in file", nil, gateway, "DISCORD_TOKEN=x\nMOVIEBOT_SHARD=2\n", `line 2: unknown key "MOVIEBOT_SHARD"`},
		{"line without =", nil, gateway, "# comment\nMOVIEBOT_DB\n", "line 2: expected KEY=value"},
		{"key twice in file", nil, gateway, "MOVIEBOT_DB=a\nMOVIEBOT_DB=b\n", "line 2: MOVIEBOT_DB is already set on line 1"},
		{"config key in file", nil, gateway, "MOVIEBOT_CONFIG=other.conf\n", "MOVIEBOT_CONFIG cannot be set inside a config file"},
		{"bad value in file names the line", nil, gateway, "MOVIEBOT_SHARDS=lots\n", `MOVIEBOT_SHARDS="lots" (from config file `},
		{"missing config file", []string{"--config", "/no/such/moviebot.conf"}, gateway, "", "MOVIEBOT_CONFIG: cannot read the config file"},
		{"unknown flag", []string{"--shard=2"}, gateway, "", "flag provided but not defined: -shard (run with -h to list the settings)"},
		{"stray argument", []string{"serve"}, gateway, "", `unexpected argument "serve"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := tt.env
			if tt.file != "" {
				env = with(env, "MOVIEBOT_CONFIG", writeFile(t, tt.file))
			}
			c, err := Load(tt.args, envMap(env))
			if err == nil {
				t.Fatalf("Load succeeded: %s", c)
			}
			msg := err.Error()
			if strings.Count(msg, "\n") != 0 {
				t.Errorf("want exactly one line, got:\n%s", msg)
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q\nwant it to contain %q", msg, tt.want)
			}
			if strings.Contains(msg, "abc def") {
				t.Error("the token was echoed")
			}
		})
	}
}

func TestSeveralMistakesOneLineEach(t *testing.T) {
	_, err := Load([]string{"--log-level=loud", "--shards=x"}, envMap(nil))
	if err == nil {
		t.Fatal("Load succeeded")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != 4 { // token, app ID, shards, log level
		t.Errorf("got %d lines, want 4:\n%s", len(lines), err)
	}
}

func TestHelp(t *testing.T) {
	_, err := Load([]string{"-h"}, envMap(nil))
	if !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("Load(-h) = %v, want flag.ErrHelp", err)
	}
	for _, s := range settings {
		if !strings.Contains(err.Error(), s.key) || !strings.Contains(err.Error(), "--"+s.flag) {
			t.Errorf("usage lacks %s / --%s", s.key, s.flag)
		}
	}
}

func TestSecretsRedacted(t *testing.T) {
	c, err := Load(nil, envMap(map[string]string{"DISCORD_TOKEN": "super-secret-token", "DISCORD_APP_ID": "123"}))
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "config", c)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("config", "config", *c)
	for _, out := range []string{c.String(), fmt.Sprintf("%v %+v %#v %s", c, *c, *c, c), logged.String()} {
		if strings.Contains(out, "super-secret-token") {
			t.Errorf("token leaked: %s", out)
		}
		if !strings.Contains(out, "token") || !strings.Contains(out, "set") {
			t.Errorf("output does not say the token is set: %s", out)
		}
	}
	if c2 := (Config{}); !strings.Contains(c2.String(), "token=not set") {
		t.Errorf("unset token: %s", c2.String())
	}
}

func TestNewLogger(t *testing.T) {
	var b bytes.Buffer
	c := &Config{LogFormat: "json", LogLevel: slog.LevelWarn}
	log := c.NewLogger(&b)
	log.Info("hidden")
	log.Warn("shown")
	if out := b.String(); strings.Contains(out, "hidden") || !strings.Contains(out, `"msg":"shown"`) {
		t.Errorf("logger output %q", out)
	}
}
