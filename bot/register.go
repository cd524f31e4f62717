package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// SyncCommands makes the application's registered command set equal to
// cmds with at most one bulk overwrite: it fetches the registered set,
// compares the fields that matter and skips the overwrite when they are
// equal (global commands are rate-limited and slow to propagate, so an
// unchanged restart should not touch them). guildID "" means global
// commands; a guild ID registers them on that server only, instantly, which
// suits a test server. It reports whether it overwrote.
//
// s must carry the bot token ("Bot …").
func SyncCommands(ctx context.Context, s *discordgo.Session, appID, guildID string, cmds []*discordgo.ApplicationCommand, log *slog.Logger) (changed bool, err error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	scope := "global"
	if guildID != "" {
		scope = "guild " + guildID
	}
	registered, err := s.ApplicationCommands(appID, guildID, discordgo.WithContext(ctx))
	if err != nil {
		return false, fmt.Errorf("list registered %s commands: %w", scope, err)
	}
	if sameCommands(registered, cmds) {
		log.Info("commands unchanged; not registering", "scope", scope, "count", len(cmds))
		return false, nil
	}
	if cmds == nil {
		cmds = []*discordgo.ApplicationCommand{} // "[]" deletes all; "null" is an error
	}
	if _, err := s.ApplicationCommandBulkOverwrite(appID, guildID, cmds, discordgo.WithContext(ctx)); err != nil {
		return false, fmt.Errorf("register %d %s commands: %w", len(cmds), scope, err)
	}
	log.Info("commands registered", "scope", scope, "count", len(cmds))
	return true, nil
}

// sameCommands compares two command sets by what a user can see or use.
// Discord adds fields of its own (id, version, application_id, defaults
// such as dm_permission or integration_types); a field the desired set
// leaves unset is not compared, so those defaults never force an overwrite.
func sameCommands(registered, desired []*discordgo.ApplicationCommand) bool {
	if len(registered) != len(desired) {
		return false
	}
	type key struct {
		typ  discordgo.ApplicationCommandType
		name string
	}
	byKey := make(map[key]*discordgo.ApplicationCommand, len(registered))
	for _, c := range registered {
		if c == nil {
			return false
		}
		byKey[key{commandType(c.Type), c.Name}] = c
	}
	for _, want := range desired {
		if want == nil {
			return false
		}
		got := byKey[key{commandType(want.Type), want.Name}]
		if got == nil || !sameCommand(got, want) {
			return false
		}
	}
	return true
}

func commandType(t discordgo.ApplicationCommandType) discordgo.ApplicationCommandType {
	if t == 0 {
		return discordgo.ChatApplicationCommand
	}
	return t
}

func sameCommand(got, want *discordgo.ApplicationCommand) bool {
	if got.Description != want.Description {
		return false
	}
	if !sameLocalizations(got.NameLocalizations, want.NameLocalizations) ||
		!sameLocalizations(got.DescriptionLocalizations, want.DescriptionLocalizations) {
		return false
	}
	// Pointer fields: compared only when the desired command sets them.
	if want.DefaultMemberPermissions != nil && (got.DefaultMemberPermissions == nil || *got.DefaultMemberPermissions != *want.DefaultMemberPermissions) {
		return false
	}
	if want.NSFW != nil && boolValue(got.NSFW) != *want.NSFW {
		return false
	}
	if want.DMPermission != nil && (got.DMPermission == nil || *got.DMPermission != *want.DMPermission) {
		return false
	}
	if want.Contexts != nil && (got.Contexts == nil || !sameSet(*got.Contexts, *want.Contexts)) {
		return false
	}
	if want.IntegrationTypes != nil && (got.IntegrationTypes == nil || !sameSet(*got.IntegrationTypes, *want.IntegrationTypes)) {
		return false
	}
	return sameOptions(got.Options, want.Options)
}

func sameOptions(got, want []*discordgo.ApplicationCommandOption) bool {
	if len(got) != len(want) {
		return false
	}
	for k := range want {
		g, w := got[k], want[k]
		if g == nil || w == nil {
			if g != w {
				return false
			}
			continue
		}
		if g.Type != w.Type || g.Name != w.Name || g.Description != w.Description ||
			g.Required != w.Required || g.Autocomplete != w.Autocomplete ||
			g.MaxValue != w.MaxValue || g.MaxLength != w.MaxLength ||
			!sameFloatPtr(g.MinValue, w.MinValue) || !sameIntPtr(g.MinLength, w.MinLength) ||
			!sameSet(g.ChannelTypes, w.ChannelTypes) ||
			!sameLocalizations(&g.NameLocalizations, &w.NameLocalizations) ||
			!sameLocalizations(&g.DescriptionLocalizations, &w.DescriptionLocalizations) ||
			!sameChoices(g.Choices, w.Choices) ||
			!sameOptions(g.Options, w.Options) {
			return false
		}
	}
	return true
}

func sameChoices(got, want []*discordgo.ApplicationCommandOptionChoice) bool {
	if len(got) != len(want) {
		return false
	}
	for k := range want {
		g, w := got[k], want[k]
		if g == nil || w == nil {
			if g != w {
				return false
			}
			continue
		}
		if g.Name != w.Name || !sameLocalizations(&g.NameLocalizations, &w.NameLocalizations) {
			return false
		}
		// Values come back from JSON as float64 or string: compare encodings.
		gv, err1 := json.Marshal(g.Value)
		wv, err2 := json.Marshal(w.Value)
		if err1 != nil || err2 != nil || !bytes.Equal(gv, wv) {
			return false
		}
	}
	return true
}

// sameLocalizations treats nil and empty maps as equal.
func sameLocalizations(a, b *map[discordgo.Locale]string) bool {
	var ma, mb map[discordgo.Locale]string
	if a != nil {
		ma = *a
	}
	if b != nil {
		mb = *b
	}
	if len(ma) != len(mb) {
		return false
	}
	for k, v := range ma {
		if w, ok := mb[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func sameSet[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func sameFloatPtr(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func sameIntPtr(a, b *int) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func boolValue(b *bool) bool { return b != nil && *b }
