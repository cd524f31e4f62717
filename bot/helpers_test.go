package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// fakeRouter is a Router built from functions, so each test says what the
// command layer does.
type fakeRouter struct {
	commands []*discordgo.ApplicationCommand
	handle   func(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse
}

func (r *fakeRouter) Commands() []*discordgo.ApplicationCommand { return r.commands }

func (r *fakeRouter) Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	return r.handle(ctx, i)
}

var _ Router = (*fakeRouter)(nil)

// testCommands is a small command set like the real one.
func testCommands() []*discordgo.ApplicationCommand {
	minLen := 1
	return []*discordgo.ApplicationCommand{
		{
			Name:        "film",
			Description: "Look up a film",
			Options: []*discordgo.ApplicationCommandOption{{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         "title",
				Description:  "Film title",
				Required:     true,
				Autocomplete: true,
				MinLength:    &minLen,
				MaxLength:    100,
			}},
		},
		{
			Name:        "quote",
			Description: "A quote from a film",
			Options: []*discordgo.ApplicationCommandOption{{
				Type:        discordgo.ApplicationCommandOptionString,
				Name:        "kind",
				Description: "Kind of quote",
				Choices: []*discordgo.ApplicationCommandOptionChoice{
					{Name: "Famous", Value: "famous"},
					{Name: "Random", Value: "random"},
				},
			}},
		},
	}
}

// answer is a fixed public reply.
func answer(content string) func(context.Context, *discordgo.Interaction) *discordgo.InteractionResponse {
	return func(context.Context, *discordgo.Interaction) *discordgo.InteractionResponse {
		return &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: content},
		}
	}
}

// loadInteraction reads testdata/interactions/name.json as a generic map so
// tests can change fields before sending it.
func loadInteraction(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "interactions", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// withID gives an interaction a fresh ID and token.
func withID(m map[string]any, id string) map[string]any {
	m["id"] = id
	m["token"] = "token-" + id
	return m
}

// withUser changes the invoking member's user ID.
func withUser(m map[string]any, user string) map[string]any {
	m["member"].(map[string]any)["user"].(map[string]any)["id"] = user
	return m
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// syncBuffer is a goroutine-safe log sink: discordgo calls handlers from its
// own goroutines, so a testing.T-bound writer could be used after the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// testLogger logs at debug level into a buffer that is printed if the test
// fails, or always when SHOWLOGS is set in the environment.
func testLogger(t *testing.T) (*slog.Logger, *syncBuffer) {
	buf := &syncBuffer{}
	t.Cleanup(func() {
		if t.Failed() || os.Getenv("SHOWLOGS") != "" {
			t.Logf("log:\n%s", buf.String())
		}
	})
	return slog.New(slog.NewTextHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug})), buf
}

// response decodes an interaction response body.
func decodeResponse(t *testing.T, body []byte) discordgo.InteractionResponse {
	t.Helper()
	var r discordgo.InteractionResponse
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("decode response %s: %v", body, err)
	}
	return r
}
