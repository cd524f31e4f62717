package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Paths served by HTTPServer. Discord lets the application choose its
// Interactions Endpoint URL; set it to https://<your host>/interactions.
const (
	InteractionsPath = "/interactions" // POST: Discord's interaction requests
	HealthPath       = "/healthz"      // GET: 200 "ok" for load balancers
	MetricsPath      = "/metrics"      // GET: Prometheus text format
)

// DefaultMaxBodyBytes caps an interaction request body. Discord's payloads
// are a few KiB (a command with resolved users and messages stays well
// under this); the cap matters because discordgo.VerifyInteraction reads
// the whole body before checking anything.
const DefaultMaxBodyBytes = 64 << 10

// HTTPConfig configures an HTTPServer. PublicKey and Router are required.
type HTTPConfig struct {
	// PublicKey is the application's Ed25519 public key from the developer
	// portal, as 64 hex characters.
	PublicKey string

	// Token and AppID, if both set, make Run register the commands (bulk
	// overwrite, only when changed) before serving. GuildID as in
	// GatewayConfig. Answering interactions needs no token.
	Token   string
	AppID   string // application ID, with Token
	GuildID string // register on this server only; "" means global

	// Router answers the interactions.
	Router Router
	// Logger receives one line per interaction and the server's events.
	Logger *slog.Logger
	// Metrics is served on MetricsPath; nil means a private one.
	Metrics *Metrics

	// RateLimit, DeferAfter, MaxHandleTime and DrainTimeout are as in
	// GatewayConfig.
	RateLimit     RateLimit
	DeferAfter    time.Duration // 0: DefaultDeferAfter
	MaxHandleTime time.Duration // 0: DefaultMaxHandleTime
	DrainTimeout  time.Duration // 0: DefaultDrainTimeout

	// MaxBodyBytes caps request bodies; 0 means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// HTTPClient sends deferred answers and registers commands; nil means a
	// client with a 20 s timeout.
	HTTPClient *http.Client
}

// HTTPServer is the HTTP interactions endpoint: an http.Handler for
// InteractionsPath, HealthPath and MetricsPath, and a runner. It keeps no
// state shared between requests beyond metrics and the per-process rate
// limit, so any number of them can run behind a load balancer.
type HTTPServer struct {
	cfg     HTTPConfig
	key     ed25519.PublicKey
	log     *slog.Logger
	metrics *Metrics
	disp    *dispatcher
	rest    *discordgo.Session
}

// NewHTTPServer checks cfg, notably the public key (discordgo's verifier
// panics on a key that is not 32 bytes), and returns the server.
func NewHTTPServer(cfg HTTPConfig) (*HTTPServer, error) {
	key, err := ParsePublicKey(cfg.PublicKey)
	if err != nil {
		return nil, err
	}
	if cfg.Router == nil {
		return nil, errors.New("bot: HTTP server needs a Router")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics(nil)
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.DrainTimeout <= 0 {
		cfg.DrainTimeout = DefaultDrainTimeout
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 20 * time.Second}
	}
	s := &HTTPServer{
		cfg:     cfg,
		key:     key,
		log:     cfg.Logger.With("transport", "http"),
		metrics: cfg.Metrics,
		rest:    newRESTSession(cfg.Token, cfg.HTTPClient),
	}
	s.disp = newDispatcher(dispatcherConfig{
		Router:        cfg.Router,
		Logger:        s.log,
		Metrics:       cfg.Metrics,
		RateLimit:     cfg.RateLimit,
		DeferAfter:    cfg.DeferAfter,
		MaxHandleTime: cfg.MaxHandleTime,
		REST:          s.rest,
	})
	return s, nil
}

// ParsePublicKey decodes an application public key given as 64 hex
// characters.
func ParsePublicKey(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("bot: the public key must be %d hex characters (the application's PUBLIC KEY in the Discord developer portal), got %d characters", 2*ed25519.PublicKeySize, len(s))
	}
	return ed25519.PublicKey(b), nil
}

// ServeHTTP implements http.Handler.
func (s *HTTPServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case InteractionsPath:
		s.serveInteraction(w, r)
	case HealthPath:
		serveHealth(w, r)
	case MetricsPath:
		s.metrics.ServeHTTP(w, r)
	default:
		http.NotFound(w, r)
	}
}

func serveHealth(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, "ok")
}

// serveInteraction verifies, decodes and answers one interaction request.
// Discord sends requests with bad signatures on purpose and removes the
// endpoint URL if any is accepted, so verification comes before anything
// else looks at the body.
func (s *HTTPServer) serveInteraction(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		s.metrics.reject("method")
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.ContentLength > s.cfg.MaxBodyBytes {
		// Declared too large: refuse without reading a byte.
		s.metrics.reject("too_large")
		http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
		return
	}
	body := &errRecorder{ReadCloser: http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)}
	r.Body = body
	if !discordgo.VerifyInteraction(r, s.key) {
		var tooLarge *http.MaxBytesError
		if errors.As(body.err, &tooLarge) {
			// Chunked or lying about its length: MaxBytesReader stopped
			// reading at the cap and the connection will be closed.
			s.metrics.reject("too_large")
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		s.metrics.reject("bad_signature")
		http.Error(w, "invalid request signature", http.StatusUnauthorized)
		return
	}
	raw, err := io.ReadAll(r.Body) // the verified copy VerifyInteraction put back
	if err != nil {
		s.metrics.reject("read")
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	var i discordgo.Interaction
	if err := json.Unmarshal(raw, &i); err != nil {
		s.metrics.reject("bad_json")
		s.log.Warn("signed interaction is not valid JSON", "error", err.Error())
		http.Error(w, "malformed interaction", http.StatusBadRequest)
		return
	}
	if i.Type == discordgo.InteractionPing {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"type":1}`)
		return
	}
	hr := &httpResponder{w: w}
	if !s.disp.handle(&i, hr) {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	if !hr.written {
		// Unreachable by construction; never leave Discord waiting.
		http.Error(w, "no response", http.StatusInternalServerError)
	}
}

// errRecorder remembers the first read error, so a body cut by
// MaxBytesReader can be told apart from a bad signature after
// VerifyInteraction (which only returns a bool).
type errRecorder struct {
	io.ReadCloser
	err error
}

func (e *errRecorder) Read(p []byte) (int, error) {
	n, err := e.ReadCloser.Read(p)
	if err != nil && err != io.EOF && e.err == nil {
		e.err = err
	}
	return n, err
}

// httpResponder writes the first response as the HTTP response body, which
// Discord accepts in place of a callback request.
type httpResponder struct {
	w       http.ResponseWriter
	written bool
}

func (h *httpResponder) respond(_ context.Context, resp *discordgo.InteractionResponse) error {
	body, err := json.Marshal(resp)
	if err != nil {
		// Still answer, so the user sees an error rather than a failure.
		body, _ = json.Marshal(ephemeralReply(errorText))
		err = fmt.Errorf("encode response: %w", err)
	}
	h.write(body)
	return err
}

// drop answers a late or failed autocomplete with no choices: the HTTP
// request needs a response, and an empty list is what "no suggestions"
// looks like to the user.
func (h *httpResponder) drop() {
	h.write([]byte(`{"type":8,"data":{"choices":[]}}`))
}

func (h *httpResponder) write(body []byte) {
	if h.written {
		return
	}
	h.written = true
	h.w.Header().Set("Content-Type", "application/json")
	h.w.WriteHeader(http.StatusOK)
	_, _ = h.w.Write(body)
}

// Run registers the commands when Token and AppID are set, then serves on
// addr until ctx is cancelled. Shutdown stops accepting connections,
// finishes requests in progress and waits for deferred answers, all within
// DrainTimeout.
func (s *HTTPServer) Run(ctx context.Context, addr string) error {
	defer s.disp.cancel()
	if s.cfg.Token != "" && s.cfg.AppID != "" {
		if _, err := SyncCommands(ctx, s.rest, s.cfg.AppID, s.cfg.GuildID, s.cfg.Router.Commands(), s.log); err != nil {
			if ctx.Err() != nil {
				return nil // stopped while starting: not a failure
			}
			return explainREST(err)
		}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen for interactions on %s: %w", addr, err)
	}
	return s.serve(ctx, ln)
}

func (s *HTTPServer) serve(ctx context.Context, ln net.Listener) error {
	srv := newHTTPServer(s)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("serving interactions", "addr", ln.Addr().String(), "path", InteractionsPath)

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
		err = fmt.Errorf("serve interactions: %w", err)
	}
	deadline := time.Now().Add(s.cfg.DrainTimeout)
	shCtx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	if serr := srv.Shutdown(shCtx); serr != nil {
		s.log.Warn("shutdown: HTTP requests still running", "error", serr.Error())
	}
	if !s.disp.drain(max(time.Until(deadline), 0)) {
		s.log.Warn("shutdown: gave up waiting for deferred answers", "timeout", s.cfg.DrainTimeout)
	}
	s.log.Info("interactions server stopped")
	return err
}

// newHTTPServer sets timeouts so slow clients cannot hold connections: a
// handler itself takes at most the defer budget.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
}

// serveMetrics serves MetricsPath and HealthPath on addr (gateway mode). It
// returns the address actually bound and a function that stops the server.
func serveMetrics(addr string, m *Metrics, log *slog.Logger) (bound string, stop func(), err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("listen for metrics on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle(MetricsPath, m)
	mux.HandleFunc(HealthPath, serveHealth)
	srv := newHTTPServer(mux)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("metrics server failed", "error", err.Error())
		}
	}()
	log.Info("serving metrics", "addr", ln.Addr().String(), "path", MetricsPath)
	return ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		<-done
	}, nil
}
