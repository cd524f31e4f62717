// Package bot connects the command layer to Discord. It owns every
// *discordgo.Session and HTTP server of the program and offers two
// transports over one handling core:
//
//   - Gateway: a websocket connection per shard (see Gateway).
//   - HTTPServer: an HTTP interactions endpoint (see HTTPServer).
//
// Discord delivers interactions to exactly one of them: once an Interactions
// Endpoint URL is set in the developer portal, the gateway stops receiving
// them. Both transports run every interaction through the same dispatcher,
// which recovers panics, rate-limits users, defers slow answers, logs one
// structured line and records metrics.
//
// The package imports neither the command layer nor the knowledge base; it
// declares the Router interface it consumes.
package bot

import (
	"context"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Router is what the transports need from the command layer.
type Router interface {
	// Commands returns the full application command set to register.
	Commands() []*discordgo.ApplicationCommand
	// Handle answers one interaction (application command, autocomplete,
	// message component). It never touches the network and returns the
	// complete response; it may be slow (then the transport defers).
	Handle(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse
}

// EphemeralDeferrer may be implemented by a Router that wants some slow
// answers to stay private. A deferred response fixes the visibility of the
// final message (Discord cannot make an existing message ephemeral), so the
// transport asks before it defers. Routers that do not implement it get
// public deferrals.
type EphemeralDeferrer interface {
	DeferEphemeral(i *discordgo.Interaction) bool
}

// Defaults shared by both transports.
const (
	// DefaultDeferAfter is how long a Router may think before the transport
	// sends a deferred response. Discord allows 3 s for the first response;
	// 2 s leaves room for the REST round trip.
	DefaultDeferAfter = 2 * time.Second
	// DefaultMaxHandleTime bounds one Router call. The interaction token lives
	// 15 minutes; a handler slower than this is considered stuck.
	DefaultMaxHandleTime = 2 * time.Minute
	// DefaultDrainTimeout bounds how long shutdown waits for interactions
	// already being answered.
	DefaultDrainTimeout = 10 * time.Second
)

// firstResponseWindow is Discord's deadline for the first response to an
// interaction (discordgo.InteractionDeadline); afterwards the token is dead.
const firstResponseWindow = discordgo.InteractionDeadline
