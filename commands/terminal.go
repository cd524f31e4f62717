package commands

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Terminal identities: the console acts as one user in one channel, so /ask
// remembers "it" across a session the way it would in a Discord channel.
const (
	TerminalUser    = "terminal-user"
	TerminalChannel = "terminal"
)

// ParseChatInput turns a line typed the way Discord's chat input takes it,
// "/quote search:prickly pear film:leaving las vegas", into the interaction
// Discord would send. Option values run until the next "name:" of an option
// the command has. Text before the first option fills the command's first
// string option ("/movie fargo"). With autocomplete, the last option given
// is the focused one and the interaction is an autocomplete request.
func (r *Router) ParseChatInput(line string, autocomplete bool) (*discordgo.Interaction, error) {
	line = strings.TrimSpace(line)
	if !strings.HasPrefix(line, "/") {
		return nil, fmt.Errorf("a command starts with /, like /help")
	}
	name, rest, _ := strings.Cut(line[1:], " ")
	name = strings.ToLower(name)
	c, ok := r.byName[name]
	if !ok {
		var names []string
		for _, c := range r.commands {
			names = append(names, "/"+c.def.Name)
		}
		return nil, fmt.Errorf("unknown command /%s; the commands are %s", name, strings.Join(names, " "))
	}
	type span struct {
		opt        *discordgo.ApplicationCommandOption
		start, val int
	}
	var spans []span
	// Lower only ASCII letters: option names are ASCII, and full Unicode
	// lowering can change a string's length in bytes ("K" (Kelvin) → "k"),
	// which would shift every offset used to cut rest below.
	lower := asciiLower(rest)
	for _, o := range c.def.Options {
		key := o.Name + ":"
		for from := 0; ; {
			i := strings.Index(lower[from:], key)
			if i < 0 {
				break
			}
			i += from
			if i == 0 || lower[i-1] == ' ' {
				spans = append(spans, span{o, i, i + len(key)})
				break
			}
			from = i + len(key)
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var opts []*discordgo.ApplicationCommandInteractionDataOption
	add := func(o *discordgo.ApplicationCommandOption, raw string) error {
		raw = strings.TrimSpace(raw)
		opt := &discordgo.ApplicationCommandInteractionDataOption{Name: o.Name, Type: o.Type}
		switch o.Type {
		case discordgo.ApplicationCommandOptionBoolean:
			switch strings.ToLower(raw) {
			case "true", "yes", "y", "1", "on":
				opt.Value = true
			case "false", "no", "n", "0", "off":
				opt.Value = false
			default:
				return fmt.Errorf("%s: wants true or false, not %q", o.Name, raw)
			}
		case discordgo.ApplicationCommandOptionInteger:
			n, err := strconv.Atoi(raw)
			if err != nil {
				return fmt.Errorf("%s: wants a whole number, not %q", o.Name, raw)
			}
			opt.Value = float64(n)
		default:
			if len(o.Choices) > 0 {
				for _, ch := range o.Choices {
					if strings.EqualFold(ch.Name, raw) {
						raw = fmt.Sprint(ch.Value)
					}
				}
			}
			opt.Value = raw
		}
		opts = append(opts, opt)
		return nil
	}
	head := rest
	if len(spans) > 0 {
		head = rest[:spans[0].start]
	}
	if strings.TrimSpace(head) != "" {
		var first *discordgo.ApplicationCommandOption
		for _, o := range c.def.Options {
			if o.Type == discordgo.ApplicationCommandOptionString {
				first = o
				break
			}
		}
		if first == nil {
			return nil, fmt.Errorf("/%s takes no text of its own; options go as name:value", name)
		}
		if err := add(first, head); err != nil {
			return nil, err
		}
	}
	for i, s := range spans {
		end := len(rest)
		if i+1 < len(spans) {
			end = spans[i+1].start
		}
		if err := add(s.opt, rest[s.val:end]); err != nil {
			return nil, err
		}
	}
	it := &discordgo.Interaction{
		ID:        "terminal",
		Type:      discordgo.InteractionApplicationCommand,
		ChannelID: TerminalChannel,
		User:      &discordgo.User{ID: TerminalUser, Username: "terminal"},
		Data:      discordgo.ApplicationCommandInteractionData{Name: name, CommandType: discordgo.ChatApplicationCommand, Options: opts},
	}
	if autocomplete {
		if len(opts) == 0 {
			return nil, fmt.Errorf("autocomplete needs an option being typed, like /cast film:leav")
		}
		opts[len(opts)-1].Focused = true
		it.Type = discordgo.InteractionApplicationCommandAutocomplete
	}
	return it, nil
}

// asciiLower lower-cases the ASCII letters of s and leaves every other
// byte as it is, so offsets in the result are offsets in s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// ButtonInteraction is the interaction Discord sends when the terminal user
// presses the button with customID.
func ButtonInteraction(customID string) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID:        "terminal",
		Type:      discordgo.InteractionMessageComponent,
		ChannelID: TerminalChannel,
		User:      &discordgo.User{ID: TerminalUser, Username: "terminal"},
		Data:      discordgo.MessageComponentInteractionData{CustomID: customID, ComponentType: discordgo.ButtonComponent},
	}
}

// Buttons lists the enabled buttons of a response, in order.
func Buttons(resp *discordgo.InteractionResponse) []discordgo.Button {
	var out []discordgo.Button
	if resp == nil || resp.Data == nil {
		return nil
	}
	for _, c := range resp.Data.Components {
		row, ok := c.(discordgo.ActionsRow)
		if !ok {
			if p, ok := c.(*discordgo.ActionsRow); ok {
				row = *p
			} else {
				continue
			}
		}
		for _, x := range row.Components {
			if b, ok := x.(discordgo.Button); ok && !b.Disabled {
				out = append(out, b)
			}
		}
	}
	return out
}

// Render prints a response as readable text: Markdown escapes removed,
// bold and italics dropped, spoilers kept as ||bars|| so the reader sees
// what Discord would hide, and buttons numbered for the console.
func Render(resp *discordgo.InteractionResponse) string {
	var b strings.Builder
	if resp == nil {
		return ""
	}
	d := resp.Data
	switch resp.Type {
	case discordgo.InteractionResponsePong:
		return "pong\n"
	case discordgo.InteractionApplicationCommandAutocompleteResult:
		if d == nil || len(d.Choices) == 0 {
			return "(no suggestions)\n"
		}
		for i, c := range d.Choices {
			fmt.Fprintf(&b, "%2d. %s\n", i+1, c.Name)
		}
		return b.String()
	}
	if d == nil {
		return ""
	}
	if d.Flags&discordgo.MessageFlagsEphemeral != 0 {
		b.WriteString("(only you can see this)\n")
	}
	if d.Content != "" {
		b.WriteString(plain(d.Content) + "\n")
	}
	for _, e := range d.Embeds {
		if e.Author != nil && e.Author.Name != "" {
			b.WriteString(e.Author.Name + "\n")
		}
		if e.Title != "" {
			t := plain(e.Title)
			b.WriteString(t + "\n" + strings.Repeat("=", min(runes(t), 60)) + "\n")
		}
		if e.Description != "" {
			b.WriteString(plain(e.Description) + "\n")
		}
		for _, f := range e.Fields {
			b.WriteString("\n" + plain(f.Name) + ":\n")
			for _, l := range strings.Split(plain(f.Value), "\n") {
				b.WriteString("  " + l + "\n")
			}
		}
		if e.Footer != nil && e.Footer.Text != "" {
			b.WriteString("\n-- " + e.Footer.Text + "\n")
		}
	}
	for i, btn := range Buttons(resp) {
		fmt.Fprintf(&b, "[%d] %s  ", i+1, btn.Label)
		if i == len(Buttons(resp))-1 {
			b.WriteString("(type the number to press)\n")
		}
	}
	return b.String()
}

// plain undoes Markdown for the terminal: "\*" becomes "*", "**bold**"
// becomes "bold", the zero-width space after "@" goes.
func plain(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == '\\' && i+1 < len(r):
			i++
			b.WriteRune(r[i])
		case r[i] == '*':
			// emphasis marker: drop it
		case r[i] == '\u200b':
		default:
			b.WriteRune(r[i])
		}
	}
	return b.String()
}
