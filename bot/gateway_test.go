package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// newTestGateway builds a Gateway wired to the fake, with test-sized
// timings. mod may change the config first.
func newTestGateway(t *testing.T, f *fakeDiscord, r Router, mod func(*GatewayConfig)) (*Gateway, *syncBuffer) {
	t.Helper()
	log, buf := testLogger(t)
	cfg := GatewayConfig{
		Token:        "test-token",
		AppID:        f.appID,
		Router:       r,
		Logger:       log,
		HTTPClient:   f.client(),
		Dialer:       f.dialer(),
		DrainTimeout: 10 * time.Second,
		DeferAfter:   time.Second, // long enough never to trigger by accident
	}
	if mod != nil {
		mod(&cfg)
	}
	g, err := NewGateway(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g.identifyInterval = time.Millisecond
	g.reconnectBackoff = 10 * time.Millisecond
	g.handshakeTimeout = 10 * time.Second
	return g, buf
}

// startGateway runs g until the returned stop function is called (or the
// test ends). stop cancels Run and returns its error; done is closed when
// Run has returned, after which stop returns at once.
func startGateway(t *testing.T, g *Gateway) (stop func() error, done <-chan struct{}) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	finished := make(chan struct{})
	var result error
	go func() {
		defer close(finished)
		result = g.Run(ctx)
	}()
	stop = func() error {
		cancel()
		select {
		case <-finished:
		case <-time.After(30 * time.Second):
			t.Error("gateway did not stop")
			return errors.New("gateway did not stop")
		}
		return result
	}
	t.Cleanup(func() { stop() })
	return stop, finished
}

func TestGatewayRegistersCommandsOnlyWhenChanged(t *testing.T) {
	f := newFakeDiscord(t)
	r := &fakeRouter{commands: testCommands(), handle: answer("hi")}

	g1, _ := newTestGateway(t, f, r, nil)
	stop, _ := startGateway(t, g1)
	f.waitLive(t, 0)
	if err := stop(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got := len(f.requestsMatching("PUT", "/applications/")); got != 1 {
		t.Fatalf("first start: %d bulk overwrites, want 1", got)
	}
	put := f.requestsMatching("PUT", "/applications/")[0]
	if want := "/api/v9/applications/" + f.appID + "/commands"; put.Path != want {
		t.Errorf("overwrite path = %s, want %s", put.Path, want)
	}

	// Same set again: Discord's copy (with its IDs and defaults) compares
	// equal, so no second overwrite.
	g2, _ := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("hi")}, nil)
	stop2, _ := startGateway(t, g2)
	waitFor(t, "second identify", func() bool { ids, _, _ := f.snapshot(); return len(ids) == 2 })
	if err := stop2(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if got := len(f.requestsMatching("PUT", "/applications/")); got != 1 {
		t.Errorf("unchanged restart: %d bulk overwrites in total, want 1", got)
	}
	if got := len(f.requestsMatching("GET", "/applications/")); got != 2 {
		t.Errorf("%d command listings, want 2 (one per start)", got)
	}

	// A changed description is an overwrite again, on the guild when asked.
	changed := testCommands()
	changed[0].Description = "Look up a film by title"
	g3, _ := newTestGateway(t, f, &fakeRouter{commands: changed, handle: answer("hi")}, func(c *GatewayConfig) {
		c.GuildID = "700000000000000001"
	})
	stop3, _ := startGateway(t, g3)
	waitFor(t, "third identify", func() bool { ids, _, _ := f.snapshot(); return len(ids) == 3 })
	if err := stop3(); err != nil {
		t.Fatalf("Run: %v", err)
	}
	puts := f.requestsMatching("PUT", "/applications/")
	if len(puts) != 2 || !strings.Contains(puts[1].Path, "/guilds/700000000000000001/commands") {
		t.Errorf("guild registration: PUT requests %v", puts)
	}
}

func TestGatewayIdentifiesWithGuildsIntentOnly(t *testing.T) {
	f := newFakeDiscord(t)
	g, _ := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("hi")}, nil)
	startGateway(t, g)
	f.waitLive(t, 0)
	waitFor(t, "a heartbeat", func() bool { _, _, hb := f.snapshot(); return hb > 0 })
	ids, _, _ := f.snapshot()
	if got, want := ids[0].Intents, int(discordgo.IntentsGuilds); got != want {
		t.Errorf("intents = %d, want %d (Guilds only)", got, want)
	}
	if ids[0].Token != "Bot test-token" {
		t.Errorf("identify token = %q, want the Bot-prefixed token", ids[0].Token)
	}
	if ids[0].Shard == nil || *ids[0].Shard != [2]int{0, 1} {
		t.Errorf("shard = %v, want [0 1]", ids[0].Shard)
	}
}

func TestGatewayAnswersInteraction(t *testing.T) {
	f := newFakeDiscord(t)
	var gotName string
	r := &fakeRouter{commands: testCommands(), handle: func(_ context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
		gotName = i.ApplicationCommandData().Name
		return answer("Fargo (1996), directed by Joel Coen @everyone")(nil, i)
	}}
	g, logs := newTestGateway(t, f, r, nil)
	stop, _ := startGateway(t, g)

	f.sendInteraction(t, 0, loadInteraction(t, "command"))
	req := f.waitRequest(t, "POST", "/callback", 1)
	if want := "/api/v9/interactions/1100000000000000001/"; !strings.HasPrefix(req.Path, want) {
		t.Errorf("callback path = %s, want prefix %s", req.Path, want)
	}
	resp := decodeResponse(t, req.Body)
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || resp.Data == nil ||
		resp.Data.Content != "Fargo (1996), directed by Joel Coen @everyone" {
		t.Errorf("callback body = %s", req.Body)
	}
	if !bytes.Contains(req.Body, []byte(`"parse":[]`)) {
		t.Errorf("callback body lacks \"parse\":[]: %s", req.Body)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if gotName != "film" {
		t.Errorf("router saw command %q, want film", gotName)
	}
	log := logs.String()
	for _, want := range []string{"interaction_id=1100000000000000001", "command=film", "user_id=800000000000000001",
		"guild_id=700000000000000001", "outcome=ok", "latency=", "shard=0"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q", want)
		}
	}
	if strings.Contains(log, "aW50ZXJhY3Rpb24") || strings.Contains(log, "test-token") {
		t.Error("log contains a token")
	}
}

func TestGatewayResumesAfterDroppedConnection(t *testing.T) {
	tests := []struct {
		name string
		drop func(f *fakeDiscord, c *fakeConn)
	}{
		{"close code 4000", func(f *fakeDiscord, c *fakeConn) { f.closeConn(c, closeUnknownError) }},
		{"dropped without close frame", func(f *fakeDiscord, c *fakeConn) { f.dropConn(c) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeDiscord(t)
			g, _ := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("still here")}, nil)
			stop, _ := startGateway(t, g)

			f.sendInteraction(t, 0, withID(loadInteraction(t, "command"), "1100000000000000010"))
			f.waitRequest(t, "POST", "/callback", 1)

			first := f.waitLive(t, 0)
			tt.drop(f, first)
			waitFor(t, "RESUME", func() bool { _, res, _ := f.snapshot(); return len(res) == 1 })
			_, resumes, _ := f.snapshot()
			if resumes[0].SessionID != "session-1" || resumes[0].Seq < 2 || resumes[0].Token != "Bot test-token" {
				t.Errorf("resume = %+v, want session-1 with the last sequence", resumes[0])
			}

			waitFor(t, "resumed connection", func() bool { c := f.liveConn(0); return c != nil && c != first })
			f.sendInteraction(t, 0, withID(loadInteraction(t, "command"), "1100000000000000011"))
			req := f.waitRequest(t, "POST", "/callback", 2)
			if !strings.Contains(req.Path, "1100000000000000011") {
				t.Errorf("second callback path = %s", req.Path)
			}
			if err := stop(); err != nil {
				t.Fatal(err)
			}
			if ids, _, _ := f.snapshot(); len(ids) != 1 {
				t.Errorf("%d identifies, want 1 (the drop must resume, not re-identify)", len(ids))
			}
		})
	}
}

func TestGatewayStopsOnFatalCloseCode(t *testing.T) {
	tests := []struct {
		code int
		want string
	}{
		{4004, "authentication failed"},
		{4010, "invalid shard"},
		{4011, "sharding required"},
		{4012, "invalid API version"},
		{4013, "invalid intents"},
		{4014, "disallowed intents"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			f := newFakeDiscord(t)
			f.closeOnIdentify = tt.code
			g, logs := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("x")}, nil)
			stop, done := startGateway(t, g)
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("Run kept going after a fatal close code")
			}
			err := stop()
			var fce *FatalCloseError
			if !errors.As(err, &fce) || fce.Code != tt.code {
				t.Fatalf("Run = %v, want a FatalCloseError with code %d", err, tt.code)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), fmt.Sprint(tt.code)) {
				t.Errorf("error %q does not explain code %d (%q)", err, tt.code, tt.want)
			}
			if ids, _, _ := f.snapshot(); len(ids) != 1 {
				t.Errorf("%d identifies, want exactly 1 (no reconnect loop)", len(ids))
			}
			if !strings.Contains(logs.String(), "stopping") {
				t.Error("no log line about stopping")
			}
		})
	}
}

// A fatal code on a live connection costs one resume attempt, not a loop.
func TestGatewayStopsOnFatalCloseCodeMidSession(t *testing.T) {
	f := newFakeDiscord(t)
	g, _ := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("x")}, nil)
	stop, done := startGateway(t, g)
	c := f.waitLive(t, 0)
	f.mu.Lock()
	f.closeOnResume = 4004
	f.mu.Unlock()
	f.closeConn(c, 4004)

	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("Run kept going after 4004")
	}
	err := stop()
	var fce *FatalCloseError
	if !errors.As(err, &fce) || fce.Code != 4004 {
		t.Fatalf("Run = %v, want FatalCloseError 4004", err)
	}
	if ids, res, _ := f.snapshot(); len(ids) != 1 || len(res) != 1 {
		t.Errorf("identifies %d, resumes %d; want 1 and 1", len(ids), len(res))
	}
}

func TestGatewayShards(t *testing.T) {
	t.Run("recommended count", func(t *testing.T) {
		f := newFakeDiscord(t)
		f.recommendedShards = 2
		g, _ := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("from a shard")}, nil)
		stop, _ := startGateway(t, g)
		f.waitLive(t, 0)
		f.waitLive(t, 1)
		ids, _, _ := f.snapshot()
		got := map[[2]int]bool{}
		for _, id := range ids {
			if id.Shard != nil {
				got[*id.Shard] = true
			}
		}
		if len(ids) != 2 || !got[[2]int{0, 2}] || !got[[2]int{1, 2}] {
			t.Errorf("identified shards %v, want [0 2] and [1 2]", got)
		}
		// Both shards deliver interactions.
		f.sendInteraction(t, 1, withID(loadInteraction(t, "command"), "1100000000000000020"))
		f.waitRequest(t, "POST", "1100000000000000020", 1)
		f.sendInteraction(t, 0, withID(loadInteraction(t, "command"), "1100000000000000021"))
		f.waitRequest(t, "POST", "1100000000000000021", 1)
		if err := stop(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("explicit count and IDs", func(t *testing.T) {
		f := newFakeDiscord(t)
		g, _ := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("x")}, func(c *GatewayConfig) {
			c.ShardCount = 3
			c.ShardIDs = []int{2}
		})
		stop, _ := startGateway(t, g)
		f.waitLive(t, 2)
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		ids, _, _ := f.snapshot()
		if len(ids) != 1 || ids[0].Shard == nil || *ids[0].Shard != [2]int{2, 3} {
			t.Errorf("identifies %+v, want one as [2 3]", ids)
		}
	})
}

func TestGatewaySurvivesPanickingHandler(t *testing.T) {
	f := newFakeDiscord(t)
	r := &fakeRouter{commands: testCommands(), handle: func(_ context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
		if i.ID == "1100000000000000030" {
			panic("nil map in the film handler")
		}
		return answer("fine")(nil, i)
	}}
	g, logs := newTestGateway(t, f, r, nil)
	stop, _ := startGateway(t, g)

	f.sendInteraction(t, 0, withID(loadInteraction(t, "command"), "1100000000000000030"))
	req := f.waitRequest(t, "POST", "/callback", 1)
	var body map[string]any
	_ = json.Unmarshal(req.Body, &body)
	data, _ := body["data"].(map[string]any)
	if body["type"] != float64(4) || data["content"] != errorText || data["flags"] != float64(64) {
		t.Errorf("panic reply = %s, want an ephemeral friendly error", req.Body)
	}
	if !bytes.Contains(req.Body, []byte(`"parse":[]`)) {
		t.Errorf("panic reply lacks \"parse\":[]: %s", req.Body)
	}
	if strings.Contains(string(req.Body), "nil map") {
		t.Error("the panic value reached the user")
	}

	// The process is still alive and answering.
	f.sendInteraction(t, 0, withID(loadInteraction(t, "command"), "1100000000000000031"))
	req = f.waitRequest(t, "POST", "/callback", 2)
	if !bytes.Contains(req.Body, []byte(`"fine"`)) {
		t.Errorf("next reply = %s", req.Body)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if log := logs.String(); !strings.Contains(log, "router panicked") || !strings.Contains(log, "outcome=panic") {
		t.Errorf("panic not logged:\n%s", log)
	}
}

func TestGatewayDefersSlowHandler(t *testing.T) {
	f := newFakeDiscord(t)
	release := make(chan struct{})
	r := &fakeRouter{commands: testCommands(), handle: func(_ context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
		<-release
		return answer("worth the wait")(nil, i)
	}}
	g, logs := newTestGateway(t, f, r, func(c *GatewayConfig) { c.DeferAfter = 20 * time.Millisecond })
	stop, _ := startGateway(t, g)

	f.sendInteraction(t, 0, loadInteraction(t, "command"))
	req := f.waitRequest(t, "POST", "/callback", 1)
	if resp := decodeResponse(t, req.Body); resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("first response = %s, want a type 5 deferral", req.Body)
	}
	if n := len(f.requestsMatching("PATCH", "/messages/@original")); n != 0 {
		t.Fatalf("%d edits before the handler finished", n)
	}
	close(release)
	edit := f.waitRequest(t, "PATCH", "/messages/@original", 1)
	if want := "/api/v9/webhooks/" + f.appID + "/"; !strings.HasPrefix(edit.Path, want) {
		t.Errorf("edit path = %s, want prefix %s", edit.Path, want)
	}
	var body map[string]any
	_ = json.Unmarshal(edit.Body, &body)
	if body["content"] != "worth the wait" || !bytes.Contains(edit.Body, []byte(`"parse":[]`)) {
		t.Errorf("edit body = %s", edit.Body)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "outcome=deferred") {
		t.Error("no deferred outcome logged")
	}
}

func TestGatewayDefersSlowComponentWithType6(t *testing.T) {
	f := newFakeDiscord(t)
	release := make(chan struct{})
	r := &fakeRouter{commands: testCommands(), handle: func(_ context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
		<-release
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseUpdateMessage,
			Data: &discordgo.InteractionResponseData{Content: "Cast of Fargo"},
		}
	}}
	g, logs := newTestGateway(t, f, r, func(c *GatewayConfig) { c.DeferAfter = 20 * time.Millisecond })
	startGateway(t, g)
	f.sendInteraction(t, 0, loadInteraction(t, "component"))
	req := f.waitRequest(t, "POST", "/callback", 1)
	if resp := decodeResponse(t, req.Body); resp.Type != discordgo.InteractionResponseDeferredMessageUpdate {
		t.Fatalf("first response = %s, want type 6", req.Body)
	}
	close(release)
	edit := f.waitRequest(t, "PATCH", "/messages/@original", 1)
	if !bytes.Contains(edit.Body, []byte("Cast of Fargo")) {
		t.Errorf("edit = %s", edit.Body)
	}
	waitFor(t, "log line", func() bool { return strings.Contains(logs.String(), "command=film") })
}

func TestGatewayDropsLateAutocomplete(t *testing.T) {
	f := newFakeDiscord(t)
	release := make(chan struct{})
	r := &fakeRouter{commands: testCommands(), handle: func(_ context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
		if i.Type == discordgo.InteractionApplicationCommandAutocomplete {
			<-release
		}
		return answer("ok")(nil, i)
	}}
	g, logs := newTestGateway(t, f, r, func(c *GatewayConfig) { c.DeferAfter = 20 * time.Millisecond })
	stop, _ := startGateway(t, g)
	f.sendInteraction(t, 0, loadInteraction(t, "autocomplete"))
	waitFor(t, "late outcome", func() bool { return strings.Contains(logs.String(), "outcome=late") })
	close(release)
	// A later command is answered; the autocomplete never was.
	f.sendInteraction(t, 0, withID(loadInteraction(t, "command"), "1100000000000000040"))
	f.waitRequest(t, "POST", "1100000000000000040", 1)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(f.requestsMatching("POST", "1100000000000000002")); n != 0 {
		t.Errorf("late autocomplete answered %d times", n)
	}
}

func TestGatewayTreatsUnknownInteractionAsFinal(t *testing.T) {
	f := newFakeDiscord(t)
	f.callbackStatus, f.callbackCode = 404, discordgo.ErrCodeUnknownInteraction
	g, logs := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("too late")}, nil)
	stop, _ := startGateway(t, g)
	f.sendInteraction(t, 0, loadInteraction(t, "command"))
	f.waitRequest(t, "POST", "/callback", 1)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(f.requestsMatching("POST", "/callback")); n != 1 {
		t.Errorf("%d callback attempts, want 1 (10062 is final)", n)
	}
	log := logs.String()
	if !strings.Contains(log, "outcome=reply_failed") || !strings.Contains(log, "discord_code=10062") || !strings.Contains(log, "final=true") {
		t.Errorf("log does not record a final 10062:\n%s", log)
	}
}

// Shutdown waits for an interaction in flight and delivers its answer
// before closing the connection.
func TestGatewayShutdownFinishesInFlight(t *testing.T) {
	f := newFakeDiscord(t)
	started := make(chan struct{})
	release := make(chan struct{})
	r := &fakeRouter{commands: testCommands(), handle: func(_ context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
		close(started)
		<-release
		return answer("last answer")(nil, i)
	}}
	g, _ := newTestGateway(t, f, r, func(c *GatewayConfig) { c.DeferAfter = 20 * time.Millisecond })
	stop, done := startGateway(t, g)
	f.sendInteraction(t, 0, loadInteraction(t, "command"))
	<-started
	f.waitRequest(t, "POST", "/callback", 1) // deferred

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	select {
	case <-done:
		t.Fatal("Run returned with an interaction in flight")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if n := len(f.requestsMatching("PATCH", "/messages/@original")); n != 1 {
		t.Errorf("%d edits delivered before Run returned, want 1", n)
	}
}

func TestNewGatewayValidates(t *testing.T) {
	r := &fakeRouter{commands: testCommands(), handle: answer("x")}
	tests := []struct {
		name string
		cfg  GatewayConfig
		want string
	}{
		{"no token", GatewayConfig{AppID: "1", Router: r}, "token"},
		{"no app", GatewayConfig{Token: "t", Router: r}, "application ID"},
		{"no router", GatewayConfig{Token: "t", AppID: "1"}, "Router"},
		{"shard out of range", GatewayConfig{Token: "t", AppID: "1", Router: r, ShardCount: 2, ShardIDs: []int{2}}, "not below"},
		{"duplicate shard", GatewayConfig{Token: "t", AppID: "1", Router: r, ShardIDs: []int{1, 1}}, "twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewGateway(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewGateway = %v, want an error about %q", err, tt.want)
			}
		})
	}
}

func TestGatewayExplainsRejectedToken(t *testing.T) {
	f := newFakeDiscord(t)
	f.unauthorized = true
	g, _ := newTestGateway(t, f, &fakeRouter{commands: testCommands(), handle: answer("x")}, nil)
	err := g.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "rejected the bot token (HTTP 401)") {
		t.Errorf("Run = %v, want a clear bad-token error", err)
	}
	if ids, _, _ := f.snapshot(); len(ids) != 0 {
		t.Errorf("%d identifies after a 401", len(ids))
	}
}
