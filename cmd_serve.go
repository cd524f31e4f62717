package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"moviebot/bot"
	"moviebot/config"
)

func init() {
	extraCommands["serve"] = runServe
	runDefault = func(ctx context.Context, e *env) error {
		// With Discord credentials the bot runs; without, the console opens
		// on the bundled knowledge base.
		if e.getenv("DISCORD_TOKEN") != "" || e.getenv("MOVIEBOT_HTTP") != "" || e.getenv("MOVIEBOT_CONFIG") != "" {
			return runServe(ctx, nil, e)
		}
		return runConsole(ctx, nil, e)
	}
}

// runServe implements `moviebot serve [flags]`: the bot on Discord, through
// the gateway or, with --http ADDR, as an HTTP interactions endpoint.
func runServe(ctx context.Context, args []string, e *env) error {
	cfg, err := config.Load(args, e.getenv)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(e.stdout, config.Usage())
		return flag.ErrHelp
	}
	if err != nil {
		return err
	}
	log := cfg.NewLogger(e.stderr)
	started := time.Now()
	router, st, done, err := newRouter(ctx, cfg.DB, e, log)
	if err != nil {
		return fmt.Errorf("MOVIEBOT_DB: %w", err)
	}
	defer done()
	live, limit := settleMemory(e.getenv)
	stats, _ := st.Stats(ctx)
	log.Info("knowledge base loaded", "path", st.Path(), "films", stats["films"], "people", stats["people"], "quotes", stats["quotes"], "took", time.Since(started).Round(time.Millisecond),
		"heap_mb", live>>20, "memory_limit_mb", limit>>20)
	log.Info("starting", "mode", cfg.Mode(), "config", cfg)

	metrics := bot.NewMetrics(func() map[string]int {
		c, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s, _ := st.Stats(c)
		return s
	})
	rl := bot.RateLimit{Commands: cfg.RateLimit.Commands, Per: cfg.RateLimit.Per}
	if cfg.Mode() == config.ModeHTTP {
		srv, err := bot.NewHTTPServer(bot.HTTPConfig{
			PublicKey: cfg.PublicKey, Token: cfg.Token, AppID: cfg.AppID, GuildID: cfg.GuildID,
			Router: router, Logger: log, Metrics: metrics, RateLimit: rl,
			DeferAfter: cfg.DeferAfter, DrainTimeout: cfg.ShutdownTimeout,
		})
		if err != nil {
			return err
		}
		err = srv.Run(ctx, cfg.HTTPAddr)
		if errors.Is(err, syscall.EADDRINUSE) {
			return fmt.Errorf("MOVIEBOT_HTTP=%s: that address is already in use; choose another port or stop the program using it", cfg.HTTPAddr)
		}
		return err
	}
	g, err := bot.NewGateway(bot.GatewayConfig{
		Token: cfg.Token, AppID: cfg.AppID, GuildID: cfg.GuildID,
		ShardCount: cfg.Shards, ShardIDs: cfg.ShardIDs, MetricsAddr: cfg.MetricsAddr,
		Router: router, Logger: log, Metrics: metrics, RateLimit: rl,
		DeferAfter: cfg.DeferAfter, DrainTimeout: cfg.ShutdownTimeout,
	})
	if err != nil {
		return err
	}
	return g.Run(ctx)
}

// settleMemory runs after the knowledge base is loaded. It returns to the
// system what loading freed, and, unless GOMEMLIMIT says otherwise, sets a
// soft memory limit a quarter above the live heap (at least 64 MiB above),
// so that while serving the collector keeps the process near what it needs
// instead of letting garbage grow the heap to twice that.
func settleMemory(getenv func(string) string) (live uint64, limit int64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	live = m.HeapAlloc
	limit = -1
	if getenv("GOMEMLIMIT") == "" {
		limit = int64(live + max(live/4, 64<<20))
		debug.SetMemoryLimit(limit)
	}
	debug.FreeOSMemory()
	return live, limit
}
