package bot

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

func TestRepliesPingNobody(t *testing.T) {
	for name, resp := range map[string]*discordgo.InteractionResponse{
		"error":     ephemeralReply(errorText),
		"slow down": ephemeralReply(slowDownText),
		"router reply without allowed_mentions": withSafeMentions(&discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "@everyone"},
		}),
	} {
		b, err := json.Marshal(resp)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), `"allowed_mentions":{"parse":[]`) {
			t.Errorf("%s: %s lacks \"parse\":[]", name, b)
		}
	}
	// A zero MessageAllowedMentions would not do: it marshals to null.
	b, _ := json.Marshal(&discordgo.MessageAllowedMentions{})
	if !strings.Contains(string(b), `"parse":null`) {
		t.Errorf("discordgo changed: zero allowed mentions marshal to %s", b)
	}
	// The Router's own choice is kept.
	own := &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{AllowedMentions: &discordgo.MessageAllowedMentions{Users: []string{"1"}}},
	}
	if got := withSafeMentions(own); got != own {
		t.Error("withSafeMentions replaced the Router's allowed_mentions")
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(RateLimit{Commands: 2, Autocomplete: 3, Per: 10 * time.Second}, func() time.Time { return now })
	steps := []struct {
		advance      time.Duration
		user         string
		autocomplete bool
		want         bool
	}{
		{0, "a", false, true},
		{0, "a", false, true},
		{0, "a", false, false}, // burst of 2 used
		{0, "b", false, true},  // per user
		{0, "a", true, true},   // autocomplete has its own bucket
		{0, "a", true, true},
		{0, "a", true, true},
		{0, "a", true, false},
		{5 * time.Second, "a", false, true}, // one token back after half the period
		{0, "a", false, false},
		{time.Minute, "a", false, true}, // refilled (and swept)
		{0, "", false, true},            // no user: not limited
	}
	for k, s := range steps {
		now = now.Add(s.advance)
		if got := l.allow(s.user, s.autocomplete); got != s.want {
			t.Errorf("step %d (%+v): allow = %v, want %v", k, s, got, s.want)
		}
	}
	if off := newLimiter(RateLimit{Commands: -1}, time.Now); !off.allow("a", false) || !off.allow("a", false) {
		t.Error("negative Commands should disable limiting")
	}
	if d := (RateLimit{}).withDefaults(); d.Commands != 5 || d.Autocomplete != 50 || d.Per != 10*time.Second {
		t.Errorf("defaults = %+v", d)
	}
}

func TestSameCommands(t *testing.T) {
	registered := func() []*discordgo.ApplicationCommand {
		// What Discord returns: IDs, versions and filled-in defaults.
		yes, no := true, false
		cmds := testCommands()
		for _, c := range cmds {
			c.ID, c.Version, c.ApplicationID = "1", "2", "3"
			c.Type = discordgo.ChatApplicationCommand
			c.DMPermission, c.NSFW = &yes, &no
			c.IntegrationTypes = &[]discordgo.ApplicationIntegrationType{0}
		}
		// Choice values come back from JSON; reversing the order of
		// commands does not matter.
		cmds[0], cmds[1] = cmds[1], cmds[0]
		return cmds
	}
	tests := []struct {
		name   string
		change func([]*discordgo.ApplicationCommand)
		same   bool
	}{
		{"unchanged", func([]*discordgo.ApplicationCommand) {}, true},
		{"description", func(c []*discordgo.ApplicationCommand) { c[0].Description = "x" }, false},
		{"option required", func(c []*discordgo.ApplicationCommand) { c[0].Options[0].Required = false }, false},
		{"max length", func(c []*discordgo.ApplicationCommand) { c[0].Options[0].MaxLength = 50 }, false},
		{"choice value", func(c []*discordgo.ApplicationCommand) { c[1].Options[0].Choices[0].Value = "other" }, false},
		{"new command", func(c []*discordgo.ApplicationCommand) {}, false},
		{"explicit nsfw differs", func(c []*discordgo.ApplicationCommand) { yes := true; c[0].NSFW = &yes }, false},
		{"explicit contexts", func(c []*discordgo.ApplicationCommand) {
			c[0].Contexts = &[]discordgo.InteractionContextType{discordgo.InteractionContextGuild}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := testCommands()
			tt.change(want)
			if tt.name == "new command" {
				want = append(want, &discordgo.ApplicationCommand{Name: "award", Description: "Awards"})
			}
			// Round-trip through JSON like the real listing.
			var got []*discordgo.ApplicationCommand
			if err := json.Unmarshal(mustJSON(t, registered()), &got); err != nil {
				t.Fatal(err)
			}
			if same := sameCommands(got, want); same != tt.same {
				t.Errorf("sameCommands = %v, want %v", same, tt.same)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	names := map[string]bool{"film": true}
	for _, tt := range []struct {
		name, file, kind, command string
	}{
		{"command", "command", "command", "film"},
		{"autocomplete", "autocomplete", "autocomplete", "film"},
		{"component names its command in custom_id", "component", "component", "film"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var i discordgo.Interaction
			if err := json.Unmarshal(mustJSON(t, loadInteraction(t, tt.file)), &i); err != nil {
				t.Fatal(err)
			}
			ev := describe(&i, names)
			if ev.kind != tt.kind || ev.command != tt.command || ev.user != "800000000000000001" || ev.guild != "700000000000000001" {
				t.Errorf("describe = %+v", ev)
			}
		})
	}
	// Unregistered names do not become metric labels; partial data is fine.
	ev := describe(&discordgo.Interaction{Type: discordgo.InteractionApplicationCommand}, names)
	if ev.command != "unknown" || ev.kind != "command" {
		t.Errorf("partial interaction: %+v", ev)
	}
}

func TestMetricsEscapesLabels(t *testing.T) {
	m := NewMetrics(func() map[string]int { panic("database closed") })
	m.observe("command", "a\"b\\c\nd", "ok", 1500*time.Millisecond)
	var b strings.Builder
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	if !strings.Contains(text, `command="a\"b\\c\nd"`) {
		t.Errorf("label not escaped:\n%s", text)
	}
	if !strings.Contains(text, `le="1"} 0`) || !strings.Contains(text, `le="2"} 1`) {
		t.Errorf("1.5 s not in the 2 s bucket:\n%s", text)
	}
	if strings.Contains(text, "moviebot_knowledge_items") {
		t.Error("a panicking stats callback should leave the gauge out")
	}
}

func TestBackoff(t *testing.T) {
	for failures, max := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 4: 8 * time.Second, 20: 2 * time.Minute} {
		if d := backoff(time.Second, failures); d < max/2 || d > max {
			t.Errorf("backoff(%d) = %v, want within [%v, %v]", failures, d, max/2, max)
		}
	}
}
