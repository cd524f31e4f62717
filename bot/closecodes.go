package bot

import (
	"errors"
	"fmt"

	"github.com/gorilla/websocket"
)

// How close codes are observed.
//
// discordgo v0.29.0 cannot report why the gateway closed a connection: its
// listen goroutine only logs the read error and then calls reconnect(),
// which retries Open forever and never looks at the close code. A custom
// Dialer does not help either: with wss:// gorilla/websocket puts TLS on top
// of whatever net.Conn the dialer returns, so a wrapped conn only ever sees
// ciphertext, and the session's websocket.Conn (where a close handler could
// be installed) is unexported.
//
// What discordgo does expose is Open's error: Open reads HELLO and then
// READY/RESUMED itself, and when the gateway answers IDENTIFY or RESUME with
// a close frame, gorilla returns a *websocket.CloseError carrying the code,
// which Open returns unchanged. Every code that can never succeed (4004,
// 4010–4014) is about the IDENTIFY/RESUME payload, so it shows up exactly
// there. The Gateway therefore turns discordgo's reconnect loop off
// (ShouldReconnectOnError = false) and reconnects itself: on a Disconnect
// event (emitted when a live connection drops) it calls Open again, which
// resumes the session; when Open fails it inspects the close code and
// either stops with a FatalCloseError or backs off and retries. A fatal code
// sent on a live connection thus costs one more handshake, not a loop.

// Gateway close codes the bot reacts to. See Discord's "Gateway Close Event
// Codes".
const (
	closeUnknownError         = 4000
	closeAuthenticationFailed = 4004
	closeInvalidSeq           = 4007
	closeSessionTimedOut      = 4009
	closeInvalidShard         = 4010
	closeShardingRequired     = 4011
	closeInvalidAPIVersion    = 4012
	closeInvalidIntents       = 4013
	closeDisallowedIntents    = 4014
)

// fatalCloseCodes are the codes after which reconnecting can never succeed,
// with what the operator should do about them.
var fatalCloseCodes = map[int]string{
	closeAuthenticationFailed: "authentication failed: the bot token is wrong or was reset; copy the current token from the Bot page of the Discord developer portal",
	closeInvalidShard:         "invalid shard: a shard ID is not below the shard count; check the shard settings",
	closeShardingRequired:     "sharding required: the bot is in too many servers for this shard count; use a larger count or \"auto\"",
	closeInvalidAPIVersion:    "invalid API version: Discord no longer accepts the gateway version of this discordgo; upgrade discordgo",
	closeInvalidIntents:       "invalid intents: the intents value is malformed (a bug in the bot)",
	closeDisallowedIntents:    "disallowed intents: the bot asked for an intent not enabled for it in the Discord developer portal",
}

// FatalCloseError reports a gateway close code after which the bot stops
// instead of reconnecting (4004, 4010–4014).
type FatalCloseError struct {
	Shard  int    // the shard that was refused
	Code   int    // the websocket close code
	Reason string // what the code means and what to do about it
}

// Error implements error.
func (e *FatalCloseError) Error() string {
	return fmt.Sprintf("discord gateway closed shard %d with code %d, %s", e.Shard, e.Code, e.Reason)
}

// closeCode returns the websocket close code carried by err, or 0.
func closeCode(err error) int {
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return ce.Code
	}
	return 0
}

// needsNewSession reports close codes after which the session cannot be
// resumed and a fresh IDENTIFY is required.
func needsNewSession(code int) bool {
	return code == closeInvalidSeq || code == closeSessionTimedOut
}
