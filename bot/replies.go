package bot

import (
	"github.com/bwmarrin/discordgo"
)

// Texts of the replies the bot writes itself. They never include internal
// error details: those go to the log.
const (
	errorText    = "Sorry, something went wrong while answering that. Please try again in a moment."
	slowDownText = "You're going a little fast. Please wait a few seconds and try again."
	timeoutText  = "Sorry, that took too long to answer. Please try again later."
)

// noMentions lets a message ping nobody. A zero MessageAllowedMentions would
// marshal to "parse":null, which Discord treats as "use the defaults" (ping
// users); an empty, non-nil slice marshals to "parse":[].
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// ephemeralReply is a private message only the invoking user sees.
func ephemeralReply(content string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{
			Content:         content,
			Flags:           discordgo.MessageFlagsEphemeral,
			AllowedMentions: noMentions(),
		},
	}
}

// deferredResponse acknowledges an interaction whose answer comes later:
// type 6 for components (the answer edits their message, no loading state),
// type 5 for everything else (a "thinking…" message edited later). A type 5
// may carry only the ephemeral flag.
func deferredResponse(i *discordgo.Interaction, ephemeral bool) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionMessageComponent {
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}
	}
	r := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if ephemeral {
		r.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	return r
}

// withSafeMentions returns resp with allowed_mentions set to ping nobody when
// the Router left it unset: answers quote film text and user input, and an
// "@everyone" in a quote must not ping a server. The Router's own choice is
// kept. resp is not modified.
func withSafeMentions(resp *discordgo.InteractionResponse) *discordgo.InteractionResponse {
	if resp == nil || resp.Data == nil || resp.Data.AllowedMentions != nil {
		return resp
	}
	switch resp.Type {
	case discordgo.InteractionResponseChannelMessageWithSource, discordgo.InteractionResponseUpdateMessage:
	default:
		return resp
	}
	data := *resp.Data
	data.AllowedMentions = noMentions()
	return &discordgo.InteractionResponse{Type: resp.Type, Data: &data}
}
