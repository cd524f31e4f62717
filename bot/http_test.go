package bot

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// httpFixture is an HTTPServer with a real Ed25519 key pair.
type httpFixture struct {
	srv  *HTTPServer
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
	logs *syncBuffer
}

func newHTTPFixture(t *testing.T, r Router, mod func(*HTTPConfig)) *httpFixture {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	log, buf := testLogger(t)
	cfg := HTTPConfig{
		PublicKey:  hex.EncodeToString(pub),
		Router:     r,
		Logger:     log,
		Metrics:    NewMetrics(func() map[string]int { return map[string]int{"films": 120, "quotes": 3400} }),
		DeferAfter: time.Second,
	}
	if mod != nil {
		mod(&cfg)
	}
	srv, err := NewHTTPServer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.disp.drain(10 * time.Second) })
	return &httpFixture{srv: srv, pub: pub, priv: priv, logs: buf}
}

// signed builds a POST /interactions request signed like Discord signs.
func (f *httpFixture) signed(body []byte) *http.Request {
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	sig := ed25519.Sign(f.priv, append([]byte(ts), body...))
	r := httptest.NewRequest(http.MethodPost, InteractionsPath, bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	r.Header.Set("X-Signature-Timestamp", ts)
	return r
}

func (f *httpFixture) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	f.srv.ServeHTTP(w, r)
	return w
}

func TestHTTPPing(t *testing.T) {
	f := newHTTPFixture(t, &fakeRouter{commands: testCommands(), handle: answer("x")}, nil)
	w := f.do(f.signed(mustJSON(t, loadInteraction(t, "ping"))))
	if w.Code != http.StatusOK || strings.TrimSpace(w.Body.String()) != `{"type":1}` {
		t.Errorf("PING = %d %q, want 200 {\"type\":1}", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
}

func TestHTTPCommandAnsweredInline(t *testing.T) {
	f := newHTTPFixture(t, &fakeRouter{commands: testCommands(), handle: answer("Fargo (1996)")}, nil)
	w := f.do(f.signed(mustJSON(t, loadInteraction(t, "command"))))
	if w.Code != http.StatusOK {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	resp := decodeResponse(t, w.Body.Bytes())
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data.Content != "Fargo (1996)" {
		t.Errorf("body = %s", w.Body)
	}
	if !strings.Contains(w.Body.String(), `"parse":[]`) {
		t.Errorf("body lacks \"parse\":[]: %s", w.Body)
	}
}

func TestHTTPRejectsBadRequests(t *testing.T) {
	r := &fakeRouter{commands: testCommands(), handle: func(context.Context, *discordgo.Interaction) *discordgo.InteractionResponse {
		panic("a rejected request reached the router")
	}}
	f := newHTTPFixture(t, r, nil)
	body := mustJSON(t, loadInteraction(t, "command"))
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)

	tests := []struct {
		name   string
		req    func() *http.Request
		status int
	}{
		{"missing signature", func() *http.Request {
			r := f.signed(body)
			r.Header.Del("X-Signature-Ed25519")
			return r
		}, 401},
		{"missing timestamp", func() *http.Request {
			r := f.signed(body)
			r.Header.Del("X-Signature-Timestamp")
			return r
		}, 401},
		{"malformed hex", func() *http.Request {
			r := f.signed(body)
			r.Header.Set("X-Signature-Ed25519", strings.Repeat("zz", ed25519.SignatureSize))
			return r
		}, 401},
		{"short signature", func() *http.Request {
			r := f.signed(body)
			r.Header.Set("X-Signature-Ed25519", r.Header.Get("X-Signature-Ed25519")[:64])
			return r
		}, 401},
		{"wrong key", func() *http.Request {
			r := f.signed(body)
			ts := r.Header.Get("X-Signature-Timestamp")
			r.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(otherKey, append([]byte(ts), body...))))
			return r
		}, 401},
		{"tampered body", func() *http.Request {
			r := f.signed(body)
			tampered := bytes.Replace(body, []byte("Fargo"), []byte("Fargp"), 1)
			r.Body = io.NopCloser(bytes.NewReader(tampered))
			return r
		}, 401},
		{"tampered timestamp", func() *http.Request {
			r := f.signed(body)
			ts, _ := strconv.ParseInt(r.Header.Get("X-Signature-Timestamp"), 10, 64)
			r.Header.Set("X-Signature-Timestamp", strconv.FormatInt(ts+1, 10))
			return r
		}, 401},
		{"GET", func() *http.Request { return httptest.NewRequest(http.MethodGet, InteractionsPath, nil) }, 405},
		{"malformed JSON with a valid signature", func() *http.Request { return f.signed([]byte(`{"type":2,"data":`)) }, 400},
		{"unknown path", func() *http.Request { return httptest.NewRequest(http.MethodPost, "/interaction", nil) }, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := f.do(tt.req())
			if w.Code != tt.status {
				t.Errorf("status = %d (%s), want %d", w.Code, strings.TrimSpace(w.Body.String()), tt.status)
			}
		})
	}
}

// countingReader is an endless body that counts what was read from it.
type countingReader struct{ n atomic.Int64 }

func (c *countingReader) Read(p []byte) (int, error) {
	for k := range p {
		p[k] = 'a'
	}
	c.n.Add(int64(len(p)))
	return len(p), nil
}

func TestHTTPRefusesOversizedBody(t *testing.T) {
	const limit = 1 << 10
	f := newHTTPFixture(t, &fakeRouter{commands: testCommands(), handle: answer("x")}, func(c *HTTPConfig) {
		c.MaxBodyBytes = limit
	})

	t.Run("unknown length", func(t *testing.T) {
		body := &countingReader{}
		r := f.signed(nil)
		r.Body = io.NopCloser(body)
		r.ContentLength = -1
		w := f.do(r)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("status = %d, want 413", w.Code)
		}
		// MaxBytesReader stops one byte past the cap.
		if got := body.n.Load(); got > limit+512 {
			t.Errorf("read %d bytes of an endless body, want about %d", got, limit)
		}
	})
	t.Run("declared length", func(t *testing.T) {
		body := &countingReader{}
		r := f.signed(nil)
		r.Body = io.NopCloser(io.LimitReader(body, 10<<20))
		r.ContentLength = 10 << 20
		w := f.do(r)
		if w.Code != http.StatusRequestEntityTooLarge {
			t.Errorf("status = %d, want 413", w.Code)
		}
		if got := body.n.Load(); got != 0 {
			t.Errorf("read %d bytes of a body declared too large, want 0", got)
		}
	})
}

func TestNewHTTPServerRejectsBadPublicKey(t *testing.T) {
	r := &fakeRouter{commands: testCommands(), handle: answer("x")}
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	good := hex.EncodeToString(pub)
	for name, key := range map[string]string{
		"empty":     "",
		"not hex":   strings.Repeat("g", 64),
		"too short": good[:62],
		"too long":  good + "00",
		"odd":       good[:63],
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if v := recover(); v != nil {
					t.Fatalf("panicked: %v", v)
				}
			}()
			_, err := NewHTTPServer(HTTPConfig{PublicKey: key, Router: r})
			if err == nil || !strings.Contains(err.Error(), "64 hex characters") {
				t.Errorf("NewHTTPServer(%q) = %v, want a clear key error", key, err)
			}
		})
	}
	if _, err := NewHTTPServer(HTTPConfig{PublicKey: good, Router: r}); err != nil {
		t.Errorf("good key: %v", err)
	}
}

func TestHTTPHealthz(t *testing.T) {
	f := newHTTPFixture(t, &fakeRouter{commands: testCommands(), handle: answer("x")}, nil)
	w := f.do(httptest.NewRequest(http.MethodGet, HealthPath, nil))
	if w.Code != http.StatusOK || w.Body.String() != "ok" {
		t.Errorf("healthz = %d %q", w.Code, w.Body)
	}
}

func TestHTTPMetrics(t *testing.T) {
	f := newHTTPFixture(t, &fakeRouter{commands: testCommands(), handle: answer("x")}, nil)
	for k := range 3 {
		cmd := withID(loadInteraction(t, "command"), "11000000000000001"+strconv.Itoa(k))
		if w := f.do(f.signed(mustJSON(t, cmd))); w.Code != http.StatusOK {
			t.Fatalf("command %d: %d", k, w.Code)
		}
	}
	bad := f.signed(mustJSON(t, loadInteraction(t, "command")))
	bad.Header.Del("X-Signature-Ed25519")
	f.do(bad)

	w := f.do(httptest.NewRequest(http.MethodGet, MetricsPath, nil))
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Fatalf("metrics = %d %q", w.Code, w.Header().Get("Content-Type"))
	}
	text := w.Body.String()
	for _, want := range []string{
		"# TYPE moviebot_interactions_total counter\n",
		`moviebot_interactions_total{type="command",command="film",outcome="ok"} 3` + "\n",
		"# TYPE moviebot_interaction_duration_seconds histogram\n",
		`moviebot_interaction_duration_seconds_bucket{command="film",le="+Inf"} 3` + "\n",
		`moviebot_interaction_duration_seconds_count{command="film"} 3` + "\n",
		`moviebot_interaction_duration_seconds_sum{command="film"} `,
		`moviebot_http_rejected_total{reason="bad_signature"} 1` + "\n",
		"# TYPE moviebot_knowledge_items gauge\n",
		`moviebot_knowledge_items{kind="films"} 120` + "\n",
		`moviebot_knowledge_items{kind="quotes"} 3400` + "\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %q:\n%s", want, text)
		}
	}
}

func TestHTTPRateLimit(t *testing.T) {
	f := newHTTPFixture(t, &fakeRouter{commands: testCommands(), handle: answer("Fargo")}, func(c *HTTPConfig) {
		c.RateLimit = RateLimit{Commands: 2, Per: time.Hour}
	})
	send := func(id, user string) *httptest.ResponseRecorder {
		return f.do(f.signed(mustJSON(t, withUser(withID(loadInteraction(t, "command"), id), user))))
	}
	for _, id := range []string{"1100000000000000101", "1100000000000000102"} {
		if w := send(id, "800000000000000001"); !strings.Contains(w.Body.String(), "Fargo") {
			t.Fatalf("command within the limit: %s", w.Body)
		}
	}
	w := send("1100000000000000103", "800000000000000001")
	var body map[string]any
	_ = json.Unmarshal(w.Body.Bytes(), &body)
	data, _ := body["data"].(map[string]any)
	if w.Code != http.StatusOK || body["type"] != float64(4) || data["content"] != slowDownText || data["flags"] != float64(64) {
		t.Errorf("over the limit: %d %s, want an ephemeral slow-down reply", w.Code, w.Body)
	}
	if !strings.Contains(w.Body.String(), `"parse":[]`) {
		t.Errorf("slow-down reply lacks \"parse\":[]: %s", w.Body)
	}
	// Other users and autocomplete have their own buckets.
	if w := send("1100000000000000104", "800000000000000002"); !strings.Contains(w.Body.String(), "Fargo") {
		t.Errorf("another user was limited: %s", w.Body)
	}
	ac := withID(loadInteraction(t, "autocomplete"), "1100000000000000105")
	if w := f.do(f.signed(mustJSON(t, ac))); !strings.Contains(w.Body.String(), "Fargo") {
		t.Errorf("autocomplete was limited with commands: %s", w.Body)
	}
	if !strings.Contains(f.logs.String(), "outcome=rate_limited") {
		t.Error("rate limiting not logged")
	}
}

func TestHTTPDefersSlowCommand(t *testing.T) {
	fd := newFakeDiscord(t)
	release := make(chan struct{})
	r := &fakeRouter{commands: testCommands(), handle: func(_ context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
		<-release
		return answer("a slow answer")(nil, i)
	}}
	f := newHTTPFixture(t, r, func(c *HTTPConfig) {
		c.DeferAfter = 20 * time.Millisecond
		c.HTTPClient = fd.client()
	})
	w := f.do(f.signed(mustJSON(t, loadInteraction(t, "command"))))
	if resp := decodeResponse(t, w.Body.Bytes()); w.Code != http.StatusOK || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response = %d %s, want type 5", w.Code, w.Body)
	}
	close(release)
	edit := fd.waitRequest(t, "PATCH", "/webhooks/"+fd.appID+"/", 1)
	if !strings.HasSuffix(edit.Path, "/messages/@original") || !bytes.Contains(edit.Body, []byte("a slow answer")) ||
		!bytes.Contains(edit.Body, []byte(`"parse":[]`)) {
		t.Errorf("edit = %s %s", edit.Path, edit.Body)
	}
	if n := len(fd.requestsMatching("POST", "/callback")); n != 0 {
		t.Errorf("%d callback requests; the HTTP response is the first response", n)
	}
}

func TestHTTPLateAutocompleteGetsNoChoices(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	r := &fakeRouter{commands: testCommands(), handle: func(context.Context, *discordgo.Interaction) *discordgo.InteractionResponse {
		<-release
		return nil
	}}
	f := newHTTPFixture(t, r, func(c *HTTPConfig) { c.DeferAfter = 20 * time.Millisecond })
	w := f.do(f.signed(mustJSON(t, loadInteraction(t, "autocomplete"))))
	if w.Code != http.StatusOK || w.Body.String() != `{"type":8,"data":{"choices":[]}}` {
		t.Errorf("late autocomplete = %d %s", w.Code, w.Body)
	}
}

func TestHTTPPanickingRouter(t *testing.T) {
	r := &fakeRouter{commands: testCommands(), handle: func(context.Context, *discordgo.Interaction) *discordgo.InteractionResponse {
		panic("boom")
	}}
	f := newHTTPFixture(t, r, nil)
	w := f.do(f.signed(mustJSON(t, loadInteraction(t, "command"))))
	if !strings.Contains(w.Body.String(), errorText) || !strings.Contains(w.Body.String(), `"flags":64`) {
		t.Errorf("panic reply = %s", w.Body)
	}
}

// Run serves on a real listener and stops cleanly, registering commands
// first when it has a token.
func TestHTTPServerRun(t *testing.T) {
	fd := newFakeDiscord(t)
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	log, _ := testLogger(t)
	srv, err := NewHTTPServer(HTTPConfig{
		PublicKey:  hex.EncodeToString(pub),
		Token:      "test-token",
		AppID:      fd.appID,
		Router:     &fakeRouter{commands: testCommands(), handle: answer("over HTTP")},
		Logger:     log,
		HTTPClient: fd.client(),
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ln, err := listenLoopback()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.serve(ctx, ln) }()

	body := mustJSON(t, loadInteraction(t, "command"))
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, "http://"+ln.Addr().String()+InteractionsPath, bytes.NewReader(body))
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	req.Header.Set("X-Signature-Timestamp", ts)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(got, []byte("over HTTP")) {
		t.Errorf("response = %s", got)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop")
	}

	// Run itself: registers, then fails clearly on a bad address.
	err = srv.Run(context.Background(), "256.0.0.1:bad")
	if err == nil || !strings.Contains(err.Error(), "listen for interactions") {
		t.Errorf("Run on a bad address = %v", err)
	}
	if n := len(fd.requestsMatching("PUT", "/applications/")); n != 1 {
		t.Errorf("%d command overwrites, want 1", n)
	}
}

func listenLoopback() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

func TestServeMetrics(t *testing.T) {
	log, _ := testLogger(t)
	m := NewMetrics(func() map[string]int { return map[string]int{"films": 7} })
	addr, stop, err := serveMetrics("127.0.0.1:0", m, log)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	for path, want := range map[string]string{
		MetricsPath: `moviebot_knowledge_items{kind="films"} 7`,
		HealthPath:  "ok",
	} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d %q, want %q", path, resp.StatusCode, body, want)
		}
	}
	if _, _, err := serveMetrics(addr, m, log); err == nil || !strings.Contains(err.Error(), "listen for metrics") {
		t.Errorf("second listener on %s: %v", addr, err)
	}
}

// ephemeralRouter asks for private deferrals.
type ephemeralRouter struct{ *fakeRouter }

func (ephemeralRouter) DeferEphemeral(*discordgo.Interaction) bool { return true }

func TestHTTPLateAnswers(t *testing.T) {
	slow := func(resp *discordgo.InteractionResponse) (*fakeRouter, chan struct{}) {
		release := make(chan struct{})
		return &fakeRouter{commands: testCommands(), handle: func(context.Context, *discordgo.Interaction) *discordgo.InteractionResponse {
			<-release
			return resp
		}}, release
	}
	private := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "just for you", Flags: discordgo.MessageFlagsEphemeral},
	}
	tests := []struct {
		name        string
		interaction string
		router      func(*fakeRouter) Router
		first       string // first response body
		method      string // the follow-up request
		path        string
		body        []string
	}{
		{
			name:        "component answered with a new message: follow-up keeps its flags",
			interaction: "component",
			router:      func(r *fakeRouter) Router { return r },
			first:       `{"type":6}`,
			method:      "POST", path: "/webhooks/100000000000000001/aW50ZXJhY3Rpb246MTEwMDAwMDAwMDAwMDAwMDAwMzpmYWtldG9rZW4",
			body: []string{`"content":"just for you"`, `"flags":64`, `"parse":[]`},
		},
		{
			name:        "router asks for a private deferral",
			interaction: "command",
			router:      func(r *fakeRouter) Router { return ephemeralRouter{r} },
			first:       `{"type":5,"data":{"tts":false,"content":"","components":null,"embeds":null,"flags":64}}`,
			method:      "PATCH", path: "/messages/@original",
			body: []string{`"content":"just for you"`, `"parse":[]`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fd := newFakeDiscord(t)
			r, release := slow(private)
			f := newHTTPFixture(t, tt.router(r), func(c *HTTPConfig) {
				c.DeferAfter = 20 * time.Millisecond
				c.HTTPClient = fd.client()
			})
			w := f.do(f.signed(mustJSON(t, loadInteraction(t, tt.interaction))))
			if got := w.Body.String(); got != tt.first {
				t.Errorf("first response = %s, want %s", got, tt.first)
			}
			close(release)
			req := fd.waitRequest(t, tt.method, tt.path, 1)
			for _, want := range tt.body {
				if !bytes.Contains(req.Body, []byte(want)) {
					t.Errorf("%s %s body %s lacks %s", req.Method, req.Path, req.Body, want)
				}
			}
		})
	}
}
