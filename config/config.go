// Package config reads moviebot's settings from flags, environment
// variables and an optional KEY=value file, with that precedence over the
// defaults, and checks them so that every mistake is reported as one line
// naming the setting and what to do.
//
// Only main reads the configuration; the other packages take plain values.
package config

import (
	"bufio"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Modes the bot runs in: exactly one transport receives interactions.
const (
	// ModeGateway connects to Discord's gateway (the default).
	ModeGateway = "gateway"
	// ModeHTTP serves an HTTP interactions endpoint (MOVIEBOT_HTTP set).
	ModeHTTP = "http"
)

// Config is the complete configuration of a moviebot process.
type Config struct {
	Token     string // DISCORD_TOKEN: bot token (secret)
	AppID     string // DISCORD_APP_ID: application ID
	PublicKey string // DISCORD_PUBLIC_KEY: Ed25519 key, 64 hex characters

	DB       string // MOVIEBOT_DB: knowledge base file; "" means the bundled one
	HTTPAddr string // MOVIEBOT_HTTP: listen address; selects ModeHTTP
	GuildID  string // MOVIEBOT_GUILD: register commands on this server only

	Shards      int    // MOVIEBOT_SHARDS: total shards; 0 means Discord's recommendation
	ShardIDs    []int  // MOVIEBOT_SHARD_IDS: shards run here; nil means all
	MetricsAddr string // MOVIEBOT_METRICS: gateway mode /metrics listen address

	LogLevel  slog.Level // MOVIEBOT_LOG_LEVEL
	LogFormat string     // MOVIEBOT_LOG_FORMAT: "text" or "json"

	RateLimit       RateLimit     // MOVIEBOT_RATE_LIMIT
	DeferAfter      time.Duration // MOVIEBOT_DEFER_AFTER
	ShutdownTimeout time.Duration // MOVIEBOT_SHUTDOWN_TIMEOUT

	// File is the config file that was read, if any.
	File string
}

// RateLimit is the per-user command limit: Commands per Per. Commands < 0
// means no limit (MOVIEBOT_RATE_LIMIT=off).
type RateLimit struct {
	Commands int           // burst per user; < 0 disables the limit
	Per      time.Duration // period in which a full burst refills
}

// Mode reports which transport the configuration selects.
func (c *Config) Mode() string {
	if c.HTTPAddr != "" {
		return ModeHTTP
	}
	return ModeGateway
}

// setting describes one configuration key.
type setting struct {
	key   string // environment variable and config file key
	flag  string
	def   string
	usage string
}

// settings is the table of every key, in help order.
var settings = []setting{
	{"DISCORD_TOKEN", "token", "", "bot token (gateway mode; in HTTP mode only to register commands); prefer the environment or the config file to a flag, which other users can see"},
	{"DISCORD_APP_ID", "app-id", "", "application ID (gateway mode; HTTP mode with a token)"},
	{"DISCORD_PUBLIC_KEY", "public-key", "", "application public key, 64 hex characters (HTTP mode)"},
	{"MOVIEBOT_DB", "db", "", "knowledge base file (default: the bundled knowledge base)"},
	{"MOVIEBOT_HTTP", "http", "", "listen address for the HTTP interactions endpoint, e.g. :8080; selects HTTP mode"},
	{"MOVIEBOT_GUILD", "guild", "", "register commands on this server only (instant; for testing)"},
	{"MOVIEBOT_SHARDS", "shards", "auto", "total number of gateway shards, or auto for Discord's recommendation"},
	{"MOVIEBOT_SHARD_IDS", "shard-ids", "", "shards this process runs, e.g. 0,1 or 0-3 (default all; needs an explicit shard count)"},
	{"MOVIEBOT_METRICS", "metrics", "", "gateway mode: listen address for /metrics and /healthz"},
	{"MOVIEBOT_LOG_LEVEL", "log-level", "info", "debug, info, warn or error"},
	{"MOVIEBOT_LOG_FORMAT", "log-format", "text", "text or json"},
	{"MOVIEBOT_RATE_LIMIT", "rate-limit", "5/10s", "commands per user and period, e.g. 5/10s, or off"},
	{"MOVIEBOT_DEFER_AFTER", "defer-after", "2s", "answer time after which the bot defers its reply"},
	{"MOVIEBOT_SHUTDOWN_TIMEOUT", "shutdown-timeout", "10s", "how long shutdown waits for answers in progress"},
}

// configKey names the config file; it is read from the flag or the
// environment only.
const configKey, configFlag = "MOVIEBOT_CONFIG", "config"

// value is a resolved setting with where it came from, for error messages.
type value struct {
	s      string
	source string // "" for defaults
}

// Load reads the configuration. args are the command-line arguments without
// the program name; env looks up environment variables (os.Getenv in
// production). Precedence: flags, then environment, then the config file
// (--config or MOVIEBOT_CONFIG), then defaults. The error, if any, has one
// line per mistake. With -h or --help it returns an error wrapping
// flag.ErrHelp whose text is the usage.
func Load(args []string, env func(string) string) (*Config, error) {
	if env == nil {
		env = func(string) string { return "" }
	}
	fs := flag.NewFlagSet("moviebot", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	flags := make(map[string]*string, len(settings))
	for _, s := range settings {
		flags[s.key] = fs.String(s.flag, "", "")
	}
	configPath := fs.String(configFlag, "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, fmt.Errorf("%w\n%s", flag.ErrHelp, Usage())
		}
		return nil, fmt.Errorf("%v (run with -h to list the settings)", err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q: settings are flags like --db=FILE (run with -h to list them)", fs.Arg(0))
	}
	setFlags := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { setFlags[f.Name] = true })

	file := ""
	if setFlags[configFlag] {
		file = *configPath
	} else {
		file = env(configKey)
	}
	var fileValues map[string]value
	if file != "" {
		var err error
		if fileValues, err = readFile(file); err != nil {
			return nil, err
		}
	}

	vals := make(map[string]value, len(settings))
	for _, s := range settings {
		switch {
		case setFlags[s.flag]:
			vals[s.key] = value{*flags[s.key], "flag --" + s.flag}
		case env(s.key) != "":
			vals[s.key] = value{env(s.key), "environment"}
		case fileValues[s.key].source != "":
			vals[s.key] = fileValues[s.key]
		default:
			vals[s.key] = value{s.def, ""}
		}
	}
	c, errs := parse(vals)
	c.File = file
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// readFile parses KEY=value lines; blank lines and lines starting with #
// are ignored, and a value may be quoted with " or '.
func readFile(path string) (map[string]value, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the config file: %v", configKey, err)
	}
	defer f.Close()
	known := make(map[string]bool, len(settings))
	for _, s := range settings {
		known[s.key] = true
	}
	vals := map[string]value{}
	lines := map[string]int{}
	var errs []error
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		where := fmt.Sprintf("config file %s line %d", path, n)
		key, val, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s: expected KEY=value, got %q", where, line))
			continue
		case key == configKey:
			errs = append(errs, fmt.Errorf("%s: %s cannot be set inside a config file; remove the line", where, configKey))
			continue
		case !known[key]:
			errs = append(errs, fmt.Errorf("%s: unknown key %q; remove it or fix its spelling (run with -h to list the keys)", where, key))
			continue
		case lines[key] != 0:
			errs = append(errs, fmt.Errorf("%s: %s is already set on line %d; keep one", where, key, lines[key]))
			continue
		}
		lines[key] = n
		vals[key] = value{unquote(strings.TrimSpace(val)), where}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: cannot read the config file %s: %v", configKey, path, err))
	}
	return vals, errors.Join(errs...)
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}

var snowflake = regexp.MustCompile(`^[0-9]{1,20}$`)

// parse converts and checks the resolved values, collecting every mistake.
func parse(vals map[string]value) (*Config, []error) {
	var errs []error
	bad := func(key, format string, a ...any) {
		v := vals[key]
		from := ""
		if v.source != "" {
			from = " (from " + v.source + ")"
		}
		errs = append(errs, fmt.Errorf("%s=%q%s: %s", key, v.s, from, fmt.Sprintf(format, a...)))
	}
	missing := func(key, format string, a ...any) {
		errs = append(errs, fmt.Errorf("%s is not set: %s", key, fmt.Sprintf(format, a...)))
	}
	get := func(key string) string { return strings.TrimSpace(vals[key].s) }

	c := &Config{
		Token:       get("DISCORD_TOKEN"),
		AppID:       get("DISCORD_APP_ID"),
		PublicKey:   strings.ToLower(get("DISCORD_PUBLIC_KEY")),
		DB:          get("MOVIEBOT_DB"),
		HTTPAddr:    get("MOVIEBOT_HTTP"),
		GuildID:     get("MOVIEBOT_GUILD"),
		MetricsAddr: get("MOVIEBOT_METRICS"),
	}
	mode := c.Mode()

	if t := strings.TrimPrefix(c.Token, "Bot "); strings.ContainsAny(t, " \t\r\n") {
		// Not echoing the value: it is a secret.
		errs = append(errs, fmt.Errorf("DISCORD_TOKEN contains spaces: paste the token alone, as shown on the Bot page of the Discord developer portal"))
	}
	if c.AppID != "" && !snowflake.MatchString(c.AppID) {
		bad("DISCORD_APP_ID", "must be the numeric application ID from the developer portal")
	}
	if c.GuildID != "" && !snowflake.MatchString(c.GuildID) {
		bad("MOVIEBOT_GUILD", "must be a numeric server ID (enable Developer Mode, then Copy Server ID)")
	}
	if c.PublicKey != "" {
		if b, err := hex.DecodeString(c.PublicKey); err != nil || len(b) != 32 {
			bad("DISCORD_PUBLIC_KEY", "must be 64 hex characters (the PUBLIC KEY on the General Information page of the developer portal), got %d characters", len(c.PublicKey))
		}
	}

	switch mode {
	case ModeGateway:
		if c.Token == "" {
			missing("DISCORD_TOKEN", "the gateway mode needs the bot token (or set MOVIEBOT_HTTP to serve the HTTP interactions endpoint instead)")
		}
		if c.AppID == "" {
			missing("DISCORD_APP_ID", "the gateway mode needs the application ID to register commands")
		}
	case ModeHTTP:
		if c.PublicKey == "" {
			missing("DISCORD_PUBLIC_KEY", "the HTTP mode (MOVIEBOT_HTTP) needs the application's public key to verify requests")
		}
		if c.Token != "" && c.AppID == "" {
			missing("DISCORD_APP_ID", "registering commands with DISCORD_TOKEN needs the application ID")
		}
		if c.MetricsAddr != "" {
			bad("MOVIEBOT_METRICS", "only used in gateway mode; in HTTP mode /metrics is served on MOVIEBOT_HTTP, so remove it")
		}
	}
	for _, key := range []string{"MOVIEBOT_HTTP", "MOVIEBOT_METRICS"} {
		if addr := get(key); addr != "" {
			if _, port, err := net.SplitHostPort(addr); err != nil || !isPort(port) {
				bad(key, "must be a listen address like :8080 or 127.0.0.1:8080")
			}
		}
	}

	switch s := strings.ToLower(get("MOVIEBOT_SHARDS")); s {
	case "auto", "0", "":
		c.Shards = 0
	default:
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1<<16 {
			bad("MOVIEBOT_SHARDS", "must be a positive whole number or auto")
		} else {
			c.Shards = n
		}
	}
	if s := get("MOVIEBOT_SHARD_IDS"); s != "" {
		ids, err := parseShardIDs(s)
		switch {
		case err != nil:
			bad("MOVIEBOT_SHARD_IDS", "%v; write IDs and ranges like 0,1 or 0-3", err)
		case c.Shards == 0:
			bad("MOVIEBOT_SHARD_IDS", "needs an explicit MOVIEBOT_SHARDS count, so that every process splitting the shards agrees on it")
		default:
			for _, id := range ids {
				if id >= c.Shards {
					bad("MOVIEBOT_SHARD_IDS", "shard %d is not below the shard count %d (IDs start at 0)", id, c.Shards)
					break
				}
			}
			c.ShardIDs = ids
		}
	}

	switch s := strings.ToLower(get("MOVIEBOT_LOG_LEVEL")); s {
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "info":
		c.LogLevel = slog.LevelInfo
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		bad("MOVIEBOT_LOG_LEVEL", "must be debug, info, warn or error")
	}
	switch s := strings.ToLower(get("MOVIEBOT_LOG_FORMAT")); s {
	case "text", "json":
		c.LogFormat = s
	default:
		bad("MOVIEBOT_LOG_FORMAT", "must be text or json")
	}

	if rl, err := parseRateLimit(get("MOVIEBOT_RATE_LIMIT")); err != nil {
		bad("MOVIEBOT_RATE_LIMIT", "%v", err)
	} else {
		c.RateLimit = rl
	}
	if d, err := time.ParseDuration(get("MOVIEBOT_DEFER_AFTER")); err != nil {
		bad("MOVIEBOT_DEFER_AFTER", "must be a duration like 2s or 1500ms")
	} else if d <= 0 || d >= 3*time.Second {
		bad("MOVIEBOT_DEFER_AFTER", "must be above 0 and below 3s, Discord's deadline for the first reply (2s leaves time to send it)")
	} else {
		c.DeferAfter = d
	}
	if d, err := time.ParseDuration(get("MOVIEBOT_SHUTDOWN_TIMEOUT")); err != nil {
		bad("MOVIEBOT_SHUTDOWN_TIMEOUT", "must be a duration like 10s or 1m")
	} else if d <= 0 {
		bad("MOVIEBOT_SHUTDOWN_TIMEOUT", "must be above 0")
	} else {
		c.ShutdownTimeout = d
	}
	return c, errs
}

func isPort(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && n <= 65535
}

// parseShardIDs reads "0,2,4-7" into sorted, distinct IDs.
func parseShardIDs(s string) ([]int, error) {
	var ids []int
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		switch {
		case err1 != nil || err2 != nil || a < 0:
			return nil, fmt.Errorf("%q is not a shard ID or range", part)
		case b < a:
			return nil, fmt.Errorf("range %q runs backwards", part)
		case b-a > 1<<16:
			return nil, fmt.Errorf("range %q is too large", part)
		}
		for id := a; id <= b; id++ {
			if slices.Contains(ids, id) {
				return nil, fmt.Errorf("shard %d is listed twice", id)
			}
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// parseRateLimit reads "5/10s" or "off".
func parseRateLimit(s string) (RateLimit, error) {
	if strings.EqualFold(s, "off") {
		return RateLimit{Commands: -1}, nil
	}
	n, per, ok := strings.Cut(s, "/")
	count, err := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err != nil || count < 1 {
		return RateLimit{}, errors.New("must be COUNT/PERIOD like 5/10s (a positive count), or off")
	}
	d, err := time.ParseDuration(strings.TrimSpace(per))
	if err != nil || d <= 0 {
		return RateLimit{}, errors.New("the period after / must be a positive duration like 10s")
	}
	return RateLimit{Commands: count, Per: d}, nil
}

// Usage is the help text listing every setting.
func Usage() string {
	var b strings.Builder
	b.WriteString("Usage: moviebot [flags]\n\n")
	b.WriteString("Every setting is a flag, an environment variable or a line KEY=value in the\n")
	b.WriteString("config file, in that order of precedence. Without MOVIEBOT_HTTP the bot\n")
	b.WriteString("connects to the gateway; with it, it serves POST /interactions.\n\n")
	fmt.Fprintf(&b, "  --%s FILE  (%s)\n      config file of KEY=value lines, # starts a comment line\n", configFlag, configKey)
	for _, s := range settings {
		def := ""
		if s.def != "" {
			def = " [default " + s.def + "]"
		}
		fmt.Fprintf(&b, "  --%s  (%s)%s\n      %s\n", s.flag, s.key, def, s.usage)
	}
	return b.String()
}

// String describes the configuration for humans, without secrets.
func (c Config) String() string {
	var b strings.Builder
	for k, a := range c.attrs() {
		if k > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%v", a.Key, a.Value)
	}
	return b.String()
}

// GoString keeps %#v from printing the token.
func (c Config) GoString() string { return "config.Config{" + c.String() + "}" }

// LogValue implements slog.LogValuer, without secrets.
func (c Config) LogValue() slog.Value { return slog.GroupValue(c.attrs()...) }

func (c Config) attrs() []slog.Attr {
	secret := func(s string) string {
		if s == "" {
			return "not set"
		}
		return "set"
	}
	shards := "auto"
	if c.Shards > 0 {
		shards = strconv.Itoa(c.Shards)
	}
	ids := "all"
	if c.ShardIDs != nil {
		parts := make([]string, len(c.ShardIDs))
		for k, id := range c.ShardIDs {
			parts[k] = strconv.Itoa(id)
		}
		ids = strings.Join(parts, ",")
	}
	rate := "off"
	if c.RateLimit.Commands >= 0 {
		rate = fmt.Sprintf("%d/%s", c.RateLimit.Commands, c.RateLimit.Per)
	}
	return []slog.Attr{
		slog.String("mode", c.Mode()),
		slog.String("token", secret(c.Token)),
		slog.String("app_id", c.AppID),
		slog.String("public_key", secret(c.PublicKey)),
		slog.String("db", c.DB),
		slog.String("http", c.HTTPAddr),
		slog.String("guild", c.GuildID),
		slog.String("shards", shards),
		slog.String("shard_ids", ids),
		slog.String("metrics", c.MetricsAddr),
		slog.String("log_level", c.LogLevel.String()),
		slog.String("log_format", c.LogFormat),
		slog.String("rate_limit", rate),
		slog.Duration("defer_after", c.DeferAfter),
		slog.Duration("shutdown_timeout", c.ShutdownTimeout),
		slog.String("config_file", c.File),
	}
}

// NewLogger returns the logger the configuration asks for, writing to w.
func (c *Config) NewLogger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
