package commands

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

// parsedOpt is an option as ParseChatInput should produce it.
type parsedOpt struct {
	name    string
	value   any
	focused bool
}

func TestParseChatInput(t *testing.T) {
	r := newTestRouter(t)
	cases := []struct {
		name         string
		line         string
		autocomplete bool
		command      string
		opts         []parsedOpt
		err          string
	}{
		{name: "options in the order typed", line: "/quote search:prickly pear film:leaving las vegas",
			command: "quote", opts: []parsedOpt{{"search", "prickly pear", false}, {"film", "leaving las vegas", false}}},
		{name: "options in the other order", line: "/quote film:leaving las vegas search:prickly pear",
			command: "quote", opts: []parsedOpt{{"film", "leaving las vegas", false}, {"search", "prickly pear", false}}},
		{name: "a value with colons", line: "/quote search:time: the end",
			command: "quote", opts: []parsedOpt{{"search", "time: the end", false}}},
		{name: "a value with colons before another option", line: "/quote search:note to self: stop film:fargo",
			command: "quote", opts: []parsedOpt{{"search", "note to self: stop", false}, {"film", "fargo", false}}},
		{name: "an option name inside a word is text", line: "/quote search:profilm:x",
			command: "quote", opts: []parsedOpt{{"search", "profilm:x", false}}},
		{name: "head text fills the first string option", line: "/movie fargo",
			command: "movie", opts: []parsedOpt{{"film", "fargo", false}}},
		{name: "head text then an option", line: "/cast leaving las vegas character:the landlord",
			command: "cast", opts: []parsedOpt{{"film", "leaving las vegas", false}, {"character", "the landlord", false}}},
		{name: "command and option names in any case", line: "  /MOVIE Film:Fargo  ",
			command: "movie", opts: []parsedOpt{{"film", "Fargo", false}}},
		{name: "boolean true", line: "/plot film:fargo spoilers:true",
			command: "plot", opts: []parsedOpt{{"film", "fargo", false}, {"spoilers", true, false}}},
		{name: "boolean yes/no", line: "/plot spoilers:No film:fargo",
			command: "plot", opts: []parsedOpt{{"spoilers", false, false}, {"film", "fargo", false}}},
		{name: "boolean nonsense", line: "/plot film:fargo spoilers:maybe", err: "spoilers: wants true or false"},
		{name: "choices by name, any case", line: "/review film:fargo site:rotten tomatoes kind:Critic",
			command: "review", opts: []parsedOpt{{"film", "fargo", false}, {"site", "Rotten Tomatoes", false}, {"kind", "critic", false}}},
		{name: "an unknown option is part of the value before it", line: "/movie film:fargo director:coen",
			command: "movie", opts: []parsedOpt{{"film", "fargo director:coen", false}}},
		{name: "unknown command", line: "/boxoffice fargo", err: "unknown command /boxoffice; the commands are /movie"},
		{name: "not a command", line: "movie fargo", err: "a command starts with /"},
		{name: "text for a command without string options", line: "/help me", err: "/help takes no text of its own"},
		{name: "no options at all", line: "/help", command: "help"},
		{name: "autocomplete focuses the only option", line: "/cast film:leav", autocomplete: true,
			command: "cast", opts: []parsedOpt{{"film", "leav", true}}},
		{name: "autocomplete focuses the last option typed", line: "/cast film:fargo character:mar", autocomplete: true,
			command: "cast", opts: []parsedOpt{{"film", "fargo", false}, {"character", "mar", true}}},
		{name: "autocomplete of head text", line: "/movie lea", autocomplete: true,
			command: "movie", opts: []parsedOpt{{"film", "lea", true}}},
		{name: "autocomplete without an option", line: "/movie", autocomplete: true, err: "autocomplete needs an option"},
		// Characters whose lower case has another length in UTF-8 (the
		// Kelvin sign lowers to "k", "Ⱥ" to a longer "ⱥ") must not shift
		// where options start.
		{name: "text that shrinks when lowered", line: "/quote search:\u212a\u212a\u212a film:fargo",
			command: "quote", opts: []parsedOpt{{"search", "\u212a\u212a\u212a", false}, {"film", "fargo", false}}},
		{name: "text that grows when lowered", line: "/quote search:ȺȺȺȺȺȺ film:fargo",
			command: "quote", opts: []parsedOpt{{"search", "ȺȺȺȺȺȺ", false}, {"film", "fargo", false}}},
		{name: "head text that grows when lowered", line: "/cast ȺȺȺȺȺȺȺȺ character:sera",
			command: "cast", opts: []parsedOpt{{"film", "ȺȺȺȺȺȺȺȺ", false}, {"character", "sera", false}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var i *discordgo.Interaction
			var err error
			func() {
				defer func() {
					if p := recover(); p != nil {
						err = fmt.Errorf("panic: %v", p)
					}
				}()
				i, err = r.ParseChatInput(c.line, c.autocomplete)
			}()
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want one containing %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseChatInput(%q): %v", c.line, err)
			}
			wantType := discordgo.InteractionApplicationCommand
			if c.autocomplete {
				wantType = discordgo.InteractionApplicationCommandAutocomplete
			}
			if i.Type != wantType {
				t.Errorf("type = %v, want %v", i.Type, wantType)
			}
			if i.User == nil || i.User.ID != TerminalUser || i.ChannelID != TerminalChannel {
				t.Errorf("identity = %+v in %q, want the terminal user and channel", i.User, i.ChannelID)
			}
			data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
			if !ok {
				t.Fatalf("data is %T", i.Data)
			}
			if data.Name != c.command {
				t.Errorf("command = %q, want %q", data.Name, c.command)
			}
			var got []parsedOpt
			for _, o := range data.Options {
				got = append(got, parsedOpt{o.Name, o.Value, o.Focused})
			}
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", c.opts) {
				t.Errorf("options = %+v, want %+v", got, c.opts)
			}
			for _, o := range data.Options {
				for _, d := range r.byName[data.Name].def.Options {
					if d.Name == o.Name && d.Type != o.Type {
						t.Errorf("option %s has type %v, want %v", o.Name, o.Type, d.Type)
					}
				}
			}
		})
	}
}

// TestTerminalSession drives the router the way the console does: typed
// lines, numbered buttons, and "it" remembered across lines.
func TestTerminalSession(t *testing.T) {
	r := newTestRouter(t)
	ctx := context.Background()
	say := func(line string, autocomplete bool) *discordgo.InteractionResponse {
		t.Helper()
		i, err := r.ParseChatInput(line, autocomplete)
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		resp := r.Handle(ctx, i)
		for _, p := range checkResponse(resp) {
			t.Errorf("%s: %s", line, p)
		}
		return resp
	}
	for _, c := range []struct {
		line         string
		autocomplete bool
		want         []string
	}{
		{"/ask question:who played marge in fargo", false, []string{"Marge Gunderson was played by Frances McDormand"}},
		{"/ask question:who directed it", false, []string{"Fargo (1996) was directed by Joel Coen"}},
		{"/quote search:prickly pear film:leaving las vegas", false, []string{"I'm like a prickly pear"}},
		{"/ask how long is it", false, []string{"Leaving Las Vegas (1995) runs 1h 51m"}},
		{"/plot fargo spoilers:true", false, []string{"How it ends (spoilers)", "||"}},
		{"/review film:leaving las vegas site:imdb kind:user", false, []string{"IMDb (user)"}},
		{"/movie leavng", true, []string{" 1. Leaving Las Vegas (1995)\n"}},
		{"/movie zzqqxx", true, []string{"(no suggestions)"}},
	} {
		text := Render(say(c.line, c.autocomplete))
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: reply lacks %q:\n%s", c.line, w, text)
			}
		}
	}

	// Pressing the numbered button turns the page.
	resp := say("/cast fargo", false)
	text := Render(resp)
	if !strings.Contains(text, "[1] Next ▶  (type the number to press)\n") {
		t.Fatalf("first cast page lacks the Next button:\n%s", text)
	}
	next := Render(r.Handle(ctx, ButtonInteraction(Buttons(resp)[0].CustomID)))
	if !strings.Contains(next, "Page 2 of 2") || !strings.Contains(next, "[1] ◀ Previous  (type the number to press)") {
		t.Errorf("after Next:\n%s", next)
	}
}

func TestRender(t *testing.T) {
	cases := []struct {
		name string
		resp *discordgo.InteractionResponse
		want string
	}{
		{"nil", nil, ""},
		{"pong", &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, "pong\n"},
		{"ephemeral error, escapes undone", ephemeral("I don't know a film called “zq\\*\\*zq \\|\\|x\\|\\| @\u200beveryone”."),
			"(only you can see this)\nI don't know a film called “zq**zq ||x|| @everyone”.\n"},
		{"no suggestions", &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}, "(no suggestions)\n"},
		{"suggestions", &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult,
			Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{
				{Name: "Fargo (1996)", Value: "Fargo (1996)"}, {Name: "Leaving Las Vegas (1995)", Value: "Leaving Las Vegas (1995)"}}}},
			" 1. Fargo (1996)\n 2. Leaving Las Vegas (1995)\n"},
		{"embed with fields, spoilers and buttons", embedReply(&discordgo.MessageEmbed{
			Title:       "Plot: Fargo (1996)",
			Description: "**Jerry** sells cars\\.",
			Fields: []*discordgo.MessageEmbedField{
				{Name: "How it ends (spoilers)", Value: "||Marge \\*wins\\*.||\nline two"},
			},
			Footer: &discordgo.MessageEmbedFooter{Text: "Sources: Wikipedia"},
		}, discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "◀ Previous", CustomID: "cast:1:-1", Disabled: true},
			discordgo.Button{Label: "Next ▶", CustomID: "cast:1:1"},
			discordgo.Button{Label: "Another", CustomID: "quote:1::2"},
		}}),
			"Plot: Fargo (1996)\n==================\nJerry sells cars.\n\nHow it ends (spoilers):\n  ||Marge *wins*.||\n  line two\n\n-- Sources: Wikipedia\n[1] Next ▶  [2] Another  (type the number to press)\n"},
		{"embed with an author", embedReply(&discordgo.MessageEmbed{Author: &discordgo.MessageEmbedAuthor{Name: "Roger Ebert"}, Description: "Four stars."}),
			"Roger Ebert\nFour stars.\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Render(c.resp); got != c.want {
				t.Errorf("Render:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// TestRenderRealReplies renders a few real replies and checks that what a
// terminal user reads is the text without Markdown.
func TestRenderRealReplies(t *testing.T) {
	r := newTestRouter(t)
	ctx := context.Background()
	for _, c := range []struct {
		line string
		want []string
	}{
		{"/movie fargo", []string{"Fargo (1996)\n============\n", "Directed by:\n  Joel Coen\n", "-- Sources: "}},
		{"/awards leaving las vegas", []string{"Awards: Leaving Las Vegas (1995)\n", "🏆 Won Best Actor — Nicolas Cage"}},
		{"/movie las vegas story", []string{"(only you can see this)\n", "Did you mean:\n• Leaving Las Vegas (1995)"}},
		{"/whosaid you must never ask me to stop", []string{"Ben Sanderson in Leaving Las Vegas (1995):\n“You mustn’t ask me to stop. You must never ask me to stop.”"}},
	} {
		i, err := r.ParseChatInput(c.line, false)
		if err != nil {
			t.Fatal(err)
		}
		text := Render(r.Handle(ctx, i))
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: lacks %q:\n%s", c.line, w, text)
			}
		}
		if strings.Contains(text, "\\") || strings.Contains(text, "**") || strings.Contains(text, "\u200b") {
			t.Errorf("%s: Markdown left in the rendering:\n%s", c.line, text)
		}
	}
}
