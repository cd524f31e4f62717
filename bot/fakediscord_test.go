package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// fakeDiscord is a loopback stand-in for Discord: a REST API (httptest) and
// a gateway (gorilla/websocket) speaking enough of the real protocol to
// drive a real discordgo.Session. Every REST request is recorded.
//
// discordgo reads these package variables when it builds URLs (the
// Endpoint* functions it calls are closures over them, evaluated per call):
//
//	EndpointAPI          interactions/{id}/{token}/callback
//	EndpointGateway      GET /gateway (Session.Open)
//	EndpointGatewayBot   GET /gateway/bot
//	EndpointApplications applications/{app}[/guilds/{g}]/commands
//	EndpointWebhooks     webhooks/{app}/{token}[/messages/@original]
//
// The plain string ones were computed from EndpointDiscord at init, so each
// is set explicitly; use restores them when the test ends. Tests using the
// fake therefore must not run in parallel.
type fakeDiscord struct {
	t     *testing.T
	srv   *httptest.Server
	appID string

	// Settings; change them before the bot connects or under mu.
	heartbeatMS       int
	recommendedShards int
	closeOnIdentify   int  // answer IDENTIFY with this close code
	closeOnResume     int  // answer RESUME with this close code
	callbackStatus    int  // status of interaction callbacks (0: 204)
	callbackCode      int  // Discord error code in a failing callback's body
	unauthorized      bool // answer every REST request with 401, as for a bad token

	mu         sync.Mutex
	requests   []fakeRequest
	commands   map[string][]*discordgo.ApplicationCommand // by guild ID, "" = global
	identifies []fakeIdentify
	resumes    []fakeResume
	heartbeats int
	conns      []*fakeConn
	sessions   int
	shardOf    map[string][2]int // session ID → shard
}

type fakeRequest struct {
	Method, Path string
	Body         []byte
}

type fakeIdentify struct {
	Token   string  `json:"token"`
	Intents int     `json:"intents"`
	Shard   *[2]int `json:"shard"`
}

type fakeResume struct {
	Token     string `json:"token"`
	SessionID string `json:"session_id"`
	Seq       int64  `json:"seq"`
}

// fakeConn is one gateway connection as the fake sees it.
type fakeConn struct {
	ws *websocket.Conn

	wmu       sync.Mutex // serializes writes and guards the fields below
	seq       int64
	shard     [2]int
	sessionID string
	ready     bool // identified or resumed
	closed    bool
}

func newFakeDiscord(t *testing.T) *fakeDiscord {
	t.Helper()
	f := &fakeDiscord{
		t:                 t,
		appID:             "100000000000000001",
		heartbeatMS:       1000,
		recommendedShards: 1,
		commands:          make(map[string][]*discordgo.ApplicationCommand),
		shardOf:           make(map[string][2]int),
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v9/gateway", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"url": f.wsURL()})
	})
	mux.HandleFunc("GET /api/v9/gateway/bot", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		shards := f.recommendedShards
		f.mu.Unlock()
		writeJSON(w, http.StatusOK, map[string]any{
			"url":    f.wsURL(),
			"shards": shards,
			"session_start_limit": map[string]int{
				"total": 1000, "remaining": 999, "reset_after": 3600000, "max_concurrency": 1,
			},
		})
	})
	mux.HandleFunc("GET /api/v9/applications/{app}/commands", f.listCommands)
	mux.HandleFunc("PUT /api/v9/applications/{app}/commands", f.overwriteCommands)
	mux.HandleFunc("GET /api/v9/applications/{app}/guilds/{guild}/commands", f.listCommands)
	mux.HandleFunc("PUT /api/v9/applications/{app}/guilds/{guild}/commands", f.overwriteCommands)
	mux.HandleFunc("POST /api/v9/interactions/{id}/{token}/callback", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		status, code := f.callbackStatus, f.callbackCode
		f.mu.Unlock()
		if status != 0 && status != http.StatusNoContent {
			writeJSON(w, status, map[string]any{"code": code, "message": "fake error"})
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("PATCH /api/v9/webhooks/{app}/{token}/messages/{msg}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"id": "200000000000000001", "channel_id": "300000000000000001"})
	})
	mux.HandleFunc("DELETE /api/v9/webhooks/{app}/{token}/messages/{msg}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /api/v9/webhooks/{app}/{token}", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"id": "200000000000000002", "channel_id": "300000000000000001"})
	})
	// discordgo appends "/?v=9&encoding=json" to the gateway URL.
	mux.HandleFunc("GET /{$}", f.serveGateway)

	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if strings.HasPrefix(r.URL.Path, "/api/") {
			f.mu.Lock()
			f.requests = append(f.requests, fakeRequest{Method: r.Method, Path: r.URL.Path, Body: body})
			unauthorized := f.unauthorized
			f.mu.Unlock()
			if unauthorized {
				writeJSON(w, http.StatusUnauthorized, map[string]any{"code": 0, "message": "401: Unauthorized"})
				return
			}
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		f.mu.Lock()
		conns := append([]*fakeConn(nil), f.conns...)
		f.mu.Unlock()
		for _, c := range conns {
			c.ws.Close()
		}
		f.srv.Close()
	})
	f.use(t)
	return f
}

// use points discordgo's endpoint variables at the fake until t ends.
func (f *fakeDiscord) use(t *testing.T) {
	api := f.srv.URL + "/api/v9/"
	saved := []string{discordgo.EndpointAPI, discordgo.EndpointGateway, discordgo.EndpointGatewayBot,
		discordgo.EndpointApplications, discordgo.EndpointWebhooks}
	discordgo.EndpointAPI = api
	discordgo.EndpointGateway = api + "gateway"
	discordgo.EndpointGatewayBot = api + "gateway/bot"
	discordgo.EndpointApplications = api + "applications"
	discordgo.EndpointWebhooks = api + "webhooks/"
	t.Cleanup(func() {
		discordgo.EndpointAPI, discordgo.EndpointGateway, discordgo.EndpointGatewayBot,
			discordgo.EndpointApplications, discordgo.EndpointWebhooks = saved[0], saved[1], saved[2], saved[3], saved[4]
	})
}

func (f *fakeDiscord) wsURL() string {
	return "ws" + strings.TrimPrefix(f.srv.URL, "http")
}

// client and dialer reach the fake on loopback only.
func (f *fakeDiscord) client() *http.Client { return f.srv.Client() }

func (f *fakeDiscord) dialer() *websocket.Dialer {
	addr := f.srv.Listener.Addr().String()
	return &websocket.Dialer{
		HandshakeTimeout: 5 * time.Second,
		NetDialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeDiscord) listCommands(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	cmds := f.commands[r.PathValue("guild")]
	f.mu.Unlock()
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{}
	}
	writeJSON(w, http.StatusOK, cmds)
}

// overwriteCommands stores the set and answers like Discord: with IDs,
// versions and the defaults Discord fills in.
func (f *fakeDiscord) overwriteCommands(w http.ResponseWriter, r *http.Request) {
	var cmds []*discordgo.ApplicationCommand
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &cmds); err != nil || cmds == nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"code": 50035, "message": "Invalid Form Body"})
		return
	}
	yes := true
	for k, c := range cmds {
		c.ID = fmt.Sprintf("4000000000000000%02d", k)
		c.ApplicationID = r.PathValue("app")
		c.GuildID = r.PathValue("guild")
		c.Version = "500000000000000001"
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		if c.DMPermission == nil {
			c.DMPermission = &yes
		}
		if c.IntegrationTypes == nil {
			c.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{discordgo.ApplicationIntegrationGuildInstall}
		}
		if c.NSFW == nil {
			no := false
			c.NSFW = &no
		}
	}
	f.mu.Lock()
	f.commands[r.PathValue("guild")] = cmds
	f.mu.Unlock()
	writeJSON(w, http.StatusOK, cmds)
}

// serveGateway speaks the gateway protocol: HELLO, IDENTIFY → READY,
// RESUME → RESUMED, heartbeats → ACKs, and close codes on request.
func (f *fakeDiscord) serveGateway(w http.ResponseWriter, r *http.Request) {
	up := websocket.Upgrader{}
	ws, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &fakeConn{ws: ws}
	f.mu.Lock()
	f.conns = append(f.conns, c)
	hb := f.heartbeatMS
	f.mu.Unlock()
	defer func() {
		c.wmu.Lock()
		c.closed = true
		c.wmu.Unlock()
		ws.Close()
	}()

	c.send(map[string]any{"op": 10, "d": map[string]any{"heartbeat_interval": hb}})
	for {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var p struct {
			Op int             `json:"op"`
			D  json.RawMessage `json:"d"`
		}
		if json.Unmarshal(msg, &p) != nil {
			f.closeConn(c, 4002)
			return
		}
		switch p.Op {
		case 1:
			f.mu.Lock()
			f.heartbeats++
			f.mu.Unlock()
			c.send(map[string]any{"op": 11})
		case 2:
			var id fakeIdentify
			_ = json.Unmarshal(p.D, &id)
			f.mu.Lock()
			f.identifies = append(f.identifies, id)
			code := f.closeOnIdentify
			f.sessions++
			sessionID := fmt.Sprintf("session-%d", f.sessions)
			shard := [2]int{0, 1}
			if id.Shard != nil {
				shard = *id.Shard
			}
			f.shardOf[sessionID] = shard
			f.mu.Unlock()
			if code != 0 {
				f.closeConn(c, code)
				return
			}
			c.wmu.Lock()
			c.shard, c.sessionID, c.ready = shard, sessionID, true
			c.wmu.Unlock()
			c.dispatch("READY", map[string]any{
				"v":                  9,
				"session_id":         sessionID,
				"resume_gateway_url": f.wsURL(),
				"shard":              shard,
				"user":               map[string]any{"id": "600000000000000001", "username": "moviebot", "bot": true},
				"application":        map[string]any{"id": f.appID, "flags": 0},
				"guilds":             []any{},
			})
		case 6:
			var res fakeResume
			_ = json.Unmarshal(p.D, &res)
			f.mu.Lock()
			f.resumes = append(f.resumes, res)
			code := f.closeOnResume
			shard, known := f.shardOf[res.SessionID]
			f.mu.Unlock()
			if code != 0 {
				f.closeConn(c, code)
				return
			}
			if !known {
				c.send(map[string]any{"op": 9, "d": false})
				continue
			}
			c.wmu.Lock()
			c.shard, c.sessionID, c.ready, c.seq = shard, res.SessionID, true, res.Seq
			c.wmu.Unlock()
			c.dispatch("RESUMED", map[string]any{})
		}
	}
}

func (c *fakeConn) send(v any) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.WriteJSON(v)
}

func (c *fakeConn) dispatch(event string, d any) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.seq++
	_ = c.ws.WriteJSON(map[string]any{"op": 0, "t": event, "s": c.seq, "d": d})
}

// closeConn ends a connection with a close frame carrying code.
func (f *fakeDiscord) closeConn(c *fakeConn, code int) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, "fake close"), time.Now().Add(time.Second))
	c.closed = true
	c.ws.Close()
}

// dropConn ends a connection without a close frame, like a network failure.
func (f *fakeDiscord) dropConn(c *fakeConn) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.closed = true
	c.ws.Close()
}

// liveConn returns the newest open, identified connection of a shard.
func (f *fakeDiscord) liveConn(shard int) *fakeConn {
	f.mu.Lock()
	defer f.mu.Unlock()
	for k := len(f.conns) - 1; k >= 0; k-- {
		c := f.conns[k]
		c.wmu.Lock()
		ok := c.ready && !c.closed && c.shard[0] == shard
		c.wmu.Unlock()
		if ok {
			return c
		}
	}
	return nil
}

// waitLive waits for shard's connection to be identified or resumed.
func (f *fakeDiscord) waitLive(t *testing.T, shard int) *fakeConn {
	t.Helper()
	var c *fakeConn
	waitFor(t, fmt.Sprintf("shard %d to connect", shard), func() bool {
		c = f.liveConn(shard)
		return c != nil
	})
	return c
}

// sendInteraction dispatches INTERACTION_CREATE on shard's connection.
func (f *fakeDiscord) sendInteraction(t *testing.T, shard int, i map[string]any) {
	t.Helper()
	f.waitLive(t, shard).dispatch("INTERACTION_CREATE", i)
}

// requestsMatching returns the recorded requests with this method whose
// path contains part.
func (f *fakeDiscord) requestsMatching(method, part string) []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeRequest
	for _, r := range f.requests {
		if r.Method == method && strings.Contains(r.Path, part) {
			out = append(out, r)
		}
	}
	return out
}

// waitRequest waits for the n-th (1-based) request matching method and part.
func (f *fakeDiscord) waitRequest(t *testing.T, method, part string, n int) fakeRequest {
	t.Helper()
	var got []fakeRequest
	waitFor(t, fmt.Sprintf("request #%d %s %s", n, method, part), func() bool {
		got = f.requestsMatching(method, part)
		return len(got) >= n
	})
	return got[n-1]
}

func (f *fakeDiscord) snapshot() (identifies []fakeIdentify, resumes []fakeResume, heartbeats int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeIdentify(nil), f.identifies...), append([]fakeResume(nil), f.resumes...), f.heartbeats
}

// waitFor polls cond; the timeout only guards against a hung test.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
