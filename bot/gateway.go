package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// GatewayConfig configures a Gateway. Token, AppID and Router are required.
type GatewayConfig struct {
	// Token is the bot token, with or without the "Bot " prefix.
	Token string
	// AppID is the application ID, used to register commands.
	AppID string
	// GuildID, if set, registers the commands on that server only: they
	// appear instantly, which suits a test server. Empty means global.
	GuildID string

	// ShardCount is the total number of shards; 0 asks Discord for its
	// recommendation (GET /gateway/bot).
	ShardCount int
	// ShardIDs are the shards this process runs; nil means all of them.
	// Splitting the IDs over processes or machines splits a big bot.
	ShardIDs []int

	// MetricsAddr, if set, serves GET /metrics and GET /healthz there.
	MetricsAddr string

	// Router answers the interactions.
	Router Router
	// Logger receives one line per interaction and the connection events.
	Logger *slog.Logger
	// Metrics is served on MetricsAddr; nil means a private one.
	Metrics *Metrics

	// RateLimit is the per-user limit; the zero value means the defaults.
	RateLimit RateLimit
	// DeferAfter is the budget before a deferred response; 0 means
	// DefaultDeferAfter.
	DeferAfter time.Duration
	// MaxHandleTime bounds one Router call; 0 means DefaultMaxHandleTime.
	MaxHandleTime time.Duration
	// DrainTimeout bounds the wait for in-flight interactions at shutdown;
	// 0 means DefaultDrainTimeout.
	DrainTimeout time.Duration

	// HTTPClient is used for REST calls; nil means a client with a 20 s
	// timeout.
	HTTPClient *http.Client
	// Dialer opens gateway websockets; nil means gorilla's defaults.
	Dialer *websocket.Dialer
}

// Gateway runs the bot over Discord's gateway: one discordgo.Session per
// shard, each identifying as [id, count] with only the Guilds intent, and
// every INTERACTION_CREATE answered through the dispatcher.
type Gateway struct {
	cfg  GatewayConfig
	log  *slog.Logger
	disp *dispatcher
	rest *discordgo.Session // REST with the bot token, shared by all shards

	// identifyInterval spaces IDENTIFYs of one rate-limit bucket; Discord
	// allows max_concurrency identifies per 5 s. Tests shorten it.
	identifyInterval time.Duration
	// handshakeTimeout bounds one Open: discordgo reads HELLO and READY with
	// no deadline, so a silent server would hang it forever.
	handshakeTimeout time.Duration
	// reconnectBackoff is the first delay after a failed connection attempt.
	reconnectBackoff time.Duration
}

// NewGateway checks cfg and returns a Gateway ready to Run.
func NewGateway(cfg GatewayConfig) (*Gateway, error) {
	if strings.TrimSpace(strings.TrimPrefix(cfg.Token, "Bot ")) == "" {
		return nil, errors.New("bot: gateway needs a bot token")
	}
	if cfg.AppID == "" {
		return nil, errors.New("bot: gateway needs the application ID")
	}
	if cfg.Router == nil {
		return nil, errors.New("bot: gateway needs a Router")
	}
	if cfg.ShardCount < 0 {
		return nil, fmt.Errorf("bot: shard count %d is negative", cfg.ShardCount)
	}
	if err := checkShardIDs(cfg.ShardIDs, cfg.ShardCount); err != nil {
		return nil, err
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics(nil)
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = DefaultDrainTimeout
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 20 * time.Second}
	}
	if cfg.Dialer == nil {
		cfg.Dialer = &websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: 45 * time.Second}
	}
	g := &Gateway{
		cfg:              cfg,
		log:              cfg.Logger.With("transport", "gateway"),
		rest:             newRESTSession(cfg.Token, cfg.HTTPClient),
		identifyInterval: 5 * time.Second,
		handshakeTimeout: 30 * time.Second,
		reconnectBackoff: time.Second,
	}
	g.disp = newDispatcher(dispatcherConfig{
		Router:        cfg.Router,
		Logger:        g.log,
		Metrics:       cfg.Metrics,
		RateLimit:     cfg.RateLimit,
		DeferAfter:    cfg.DeferAfter,
		MaxHandleTime: cfg.MaxHandleTime,
		REST:          g.rest,
	})
	return g, nil
}

// checkShardIDs validates shard IDs against a count (0: not known yet).
func checkShardIDs(ids []int, count int) error {
	seen := make(map[int]bool, len(ids))
	for _, id := range ids {
		switch {
		case id < 0:
			return fmt.Errorf("bot: shard ID %d is negative", id)
		case count > 0 && id >= count:
			return fmt.Errorf("bot: shard ID %d is not below the shard count %d", id, count)
		case seen[id]:
			return fmt.Errorf("bot: shard ID %d is listed twice", id)
		}
		seen[id] = true
	}
	return nil
}

// newRESTSession returns a session used only for REST calls. An empty token
// is fine for interaction webhooks, which authenticate with the
// interaction's own token.
func newRESTSession(token string, client *http.Client) *discordgo.Session {
	if token != "" && !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, _ := discordgo.New(token) // New never fails
	s.Client = client
	s.StateEnabled = false
	s.ShouldReconnectOnError = false
	s.LogLevel = -1 // errors are returned and logged by the caller, structured
	return s
}

// Run registers the commands if they changed, connects the shards and
// answers interactions until ctx is cancelled (then it stops taking new
// interactions, waits for those in flight up to DrainTimeout and closes the
// connections) or a shard meets a close code that can never succeed, which
// it returns as a *FatalCloseError. Run may be called once.
func (g *Gateway) Run(ctx context.Context) error {
	defer g.disp.cancel()

	if g.cfg.MetricsAddr != "" {
		_, stopMetrics, err := serveMetrics(g.cfg.MetricsAddr, g.cfg.Metrics, g.log)
		if err != nil {
			return err
		}
		defer stopMetrics()
	}

	if _, err := SyncCommands(ctx, g.rest, g.cfg.AppID, g.cfg.GuildID, g.cfg.Router.Commands(), g.log); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while starting: not a failure
		}
		return explainREST(err)
	}

	gb, err := g.rest.GatewayBot(discordgo.WithContext(ctx))
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return explainREST(fmt.Errorf("get gateway info: %w", err))
	}
	count := g.cfg.ShardCount
	if count == 0 {
		count = max(gb.Shards, 1)
	}
	ids := g.cfg.ShardIDs
	if ids == nil {
		for id := range count {
			ids = append(ids, id)
		}
	}
	if err := checkShardIDs(ids, count); err != nil {
		return err
	}
	if gb.SessionStartLimit.Total > 0 && gb.SessionStartLimit.Remaining < len(ids) {
		g.log.Warn("few gateway session starts left today; identifies may be refused",
			"remaining", gb.SessionStartLimit.Remaining, "reset_after_ms", gb.SessionStartLimit.ResetAfter)
	}
	g.log.Info("starting shards", "shard_count", count, "shard_ids", ids, "max_concurrency", gb.SessionStartLimit.MaxConcurrency)

	runCtx, stopShards := context.WithCancel(ctx)
	defer stopShards()
	gate := newIdentifyGate(max(gb.SessionStartLimit.MaxConcurrency, 1), g.identifyInterval)
	shards := make([]*shard, len(ids))
	fatal := make(chan error, len(ids))
	var wg sync.WaitGroup
	for k, id := range ids {
		sh := g.newShard(id, count, gate)
		shards[k] = sh
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := sh.run(runCtx); err != nil {
				fatal <- err
			}
		}()
	}

	var runErr error
	select {
	case <-ctx.Done():
		g.log.Info("shutting down")
	case runErr = <-fatal:
		g.log.Error("stopping: gateway refused the bot for good", "error", runErr)
	}
	stopShards()
	wg.Wait() // shard loops have stopped reconnecting

	if !g.disp.drain(g.cfg.DrainTimeout) {
		g.log.Warn("shutdown: gave up waiting for interactions in flight", "timeout", g.cfg.DrainTimeout)
	}
	var cw sync.WaitGroup
	for _, sh := range shards {
		cw.Add(1)
		go func() { // discordgo's Close waits 1 s per session: close them together
			defer cw.Done()
			sh.close()
		}()
	}
	cw.Wait()
	g.log.Info("gateway stopped")
	return runErr
}

// explainREST adds the likely cause to a 401 from Discord's REST API.
func explainREST(err error) error {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode == http.StatusUnauthorized {
		return fmt.Errorf("discord rejected the bot token (HTTP 401); copy the current token from the Bot page of the Discord developer portal: %w", err)
	}
	return err
}

// identifyGate spaces IDENTIFYs: Discord allows max_concurrency of them per
// interval, one per bucket shard_id % max_concurrency.
type identifyGate struct {
	interval time.Duration
	buckets  []chan time.Time // each holds the bucket's last identify time
}

func newIdentifyGate(maxConcurrency int, interval time.Duration) *identifyGate {
	g := &identifyGate{interval: interval, buckets: make([]chan time.Time, maxConcurrency)}
	for k := range g.buckets {
		g.buckets[k] = make(chan time.Time, 1)
		g.buckets[k] <- time.Time{}
	}
	return g
}

// wait blocks until shard id may identify, or ctx ends.
func (g *identifyGate) wait(ctx context.Context, id int) error {
	b := g.buckets[id%len(g.buckets)]
	var last time.Time
	select {
	case last = <-b:
	case <-ctx.Done():
		return ctx.Err()
	}
	if d := time.Until(last.Add(g.interval)); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			b <- last
			return ctx.Err()
		}
	}
	b <- time.Now()
	return nil
}

// shard supervises the connection of one shard. discordgo's own reconnect
// loop is off (see closecodes.go); run reconnects, resumes and stops.
type shard struct {
	g     *Gateway
	id    int
	count int
	gate  *identifyGate
	log   *slog.Logger

	dropped chan struct{} // a Disconnect event was seen; buffered 1

	mu      sync.Mutex
	sess    *discordgo.Session
	rawConn net.Conn // the latest TCP connection, to cut a stuck handshake
}

func (g *Gateway) newShard(id, count int, gate *identifyGate) *shard {
	return &shard{
		g:       g,
		id:      id,
		count:   count,
		gate:    gate,
		log:     g.log.With("shard", id),
		dropped: make(chan struct{}, 1),
	}
}

// newSession builds a fresh session for this shard; opening it identifies.
func (sh *shard) newSession() *discordgo.Session {
	cfg := sh.g.cfg
	s := newRESTSession(cfg.Token, cfg.HTTPClient)
	s.ShouldReconnectVoiceOnSessionError = false
	s.Identify.Intents = discordgo.IntentsGuilds // no privileged intents
	s.ShardID, s.ShardCount = sh.id, sh.count
	s.Identify.Shard = &[2]int{sh.id, sh.count} // discordgo omits it when count is 1
	s.Dialer = sh.dialer(cfg.Dialer)
	s.AddHandler(func(_ *discordgo.Session, ic *discordgo.InteractionCreate) {
		defer func() {
			if v := recover(); v != nil { // discordgo would let it end the process
				sh.log.Error("interaction handler panicked", "panic", fmt.Sprint(v))
			}
		}()
		if ic == nil || ic.Interaction == nil {
			return
		}
		sh.g.disp.handle(ic.Interaction, gatewayResponder{rest: sh.g.rest, i: ic.Interaction}, "shard", sh.id)
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
		select {
		case sh.dropped <- struct{}{}:
		default:
		}
	})
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
		sh.log.Info("gateway ready", "guilds", len(r.Guilds))
	})
	s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) {
		sh.log.Info("gateway session resumed")
	})
	sh.mu.Lock()
	sh.sess = s
	sh.mu.Unlock()
	return s
}

// dialer wraps base so that the shard knows its current TCP connection.
func (sh *shard) dialer(base *websocket.Dialer) *websocket.Dialer {
	d := *base
	netDial := base.NetDialContext
	if netDial == nil {
		if base.NetDial != nil {
			nd := base.NetDial
			netDial = func(_ context.Context, network, addr string) (net.Conn, error) { return nd(network, addr) }
		} else {
			netDial = (&net.Dialer{}).DialContext
		}
	}
	d.NetDial = nil
	d.NetDialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := netDial(ctx, network, addr)
		if err == nil {
			sh.mu.Lock()
			sh.rawConn = c
			sh.mu.Unlock()
		}
		return c, err
	}
	return &d
}

// run keeps the shard connected until ctx ends (nil) or the gateway closes
// it with a code that can never succeed (*FatalCloseError).
func (sh *shard) run(ctx context.Context) error {
	sess := sh.newSession()
	fresh := true // the next Open identifies rather than resumes
	failures := 0
	for {
		if fresh {
			if sh.gate.wait(ctx, sh.id) != nil {
				return nil
			}
		}
		err := sh.open(ctx, sess)
		if ctx.Err() != nil {
			return nil
		}
		if err == nil || errors.Is(err, discordgo.ErrWSAlreadyOpen) {
			// ErrWSAlreadyOpen: a stale Disconnect from the previous
			// connection; the session is in fact connected.
			failures, fresh = 0, false
			select {
			case <-ctx.Done():
				return nil
			case <-sh.dropped:
				sh.log.Warn("gateway connection lost; resuming")
				continue
			}
		}
		code := closeCode(err)
		if reason, ok := fatalCloseCodes[code]; ok {
			return &FatalCloseError{Shard: sh.id, Code: code, Reason: reason}
		}
		if needsNewSession(code) {
			// discordgo keeps the session ID and sequence in unexported
			// fields: a new Session is the way to start over.
			sess = sh.newSession()
			fresh = true
		}
		failures++
		wait := backoff(sh.g.reconnectBackoff, failures)
		sh.log.Warn("gateway connection failed; retrying", "error", err.Error(), "close_code", code, "retry_in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// open runs sess.Open, cutting the TCP connection if the handshake outlives
// handshakeTimeout or ctx (Open has no deadline and holds the session lock).
func (sh *shard) open(ctx context.Context, sess *discordgo.Session) error {
	// Forget a stale drop signal: from here on only this connection counts.
	select {
	case <-sh.dropped:
	default:
	}
	done := make(chan error, 1)
	go func() { done <- sess.Open() }()
	t := time.NewTimer(sh.g.handshakeTimeout)
	defer t.Stop()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	case <-t.C:
	}
	sh.mu.Lock()
	if sh.rawConn != nil {
		sh.rawConn.Close()
	}
	sh.mu.Unlock()
	err := <-done
	if err == nil && ctx.Err() == nil {
		err = errors.New("gateway handshake timed out")
	}
	return err
}

// close closes the shard's current session (sends a close frame).
func (sh *shard) close() {
	sh.mu.Lock()
	s := sh.sess
	sh.mu.Unlock()
	if s != nil {
		_ = s.Close()
	}
}

// backoff doubles from base per failure up to two minutes, with jitter so
// many shards or processes do not reconnect in step.
func backoff(base time.Duration, failures int) time.Duration {
	d := base
	for range failures - 1 {
		d *= 2
		if d >= 2*time.Minute {
			d = 2 * time.Minute
			break
		}
	}
	return d/2 + rand.N(d/2+1)
}

// gatewayResponder sends the first response through the REST callback
// endpoint, the only way to answer an interaction received on the gateway.
type gatewayResponder struct {
	rest *discordgo.Session
	i    *discordgo.Interaction
}

// respond never retries: a 429 sleep or a second attempt would only miss
// the 3 s window or hit 40060 (already acknowledged).
func (r gatewayResponder) respond(ctx context.Context, resp *discordgo.InteractionResponse) error {
	return r.rest.InteractionRespond(r.i, resp,
		discordgo.WithRetryOnRatelimit(false), discordgo.WithRestRetries(0), discordgo.WithContext(ctx))
}

func (gatewayResponder) drop() {}
