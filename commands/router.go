// Package commands defines moviebot's slash commands and answers them. A
// handler takes the interaction and returns the complete response as a
// value; it never touches the network. One Router serves every transport:
// the Discord gateway, the HTTP interactions endpoint and the terminal.
package commands

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
	"moviebot/knowledge/search"
)

// Store is what the commands read from the knowledge base.
type Store interface {
	FilmRefs(ctx context.Context) ([]knowledge.FilmRef, error)
	Film(ctx context.Context, id int64) (*knowledge.Film, error)
	PersonRefs(ctx context.Context) ([]knowledge.PersonRef, error)
	Person(ctx context.Context, id int64) (*knowledge.Person, error)
	QuoteRefs(ctx context.Context) ([]knowledge.QuoteRef, error)
}

var _ Store = (*knowledge.Store)(nil)

// Router answers interactions.
type Router struct {
	store  Store
	log    *slog.Logger
	titles *search.Index
	people *search.Index
	quotes []knowledge.QuoteRef
	// quoteByID and phrases find quotes by id and by their words.
	quoteByID map[int64]knowledge.QuoteRef
	phrases   *search.Phrases
	memory    *memory

	mu  sync.Mutex
	rng *rand.Rand

	commands []*command
	byName   map[string]*command
}

// Options tunes a Router. The zero value is fine.
type Options struct {
	// Logger receives internal errors; nil discards them.
	Logger *slog.Logger
	// Seed makes "random" picks repeatable (tests); 0 seeds from the
	// system.
	Seed uint64
	// Indexes are the search indexes, loaded from the knowledge base
	// (search.Load); nil builds them from the store's records.
	Indexes *search.Indexes
}

// New builds a Router over store, loading the search indexes.
func New(ctx context.Context, store Store, opt Options) (*Router, error) {
	r := &Router{store: store, log: opt.Logger, memory: newMemory(10000)}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	seed := opt.Seed
	if seed == 0 {
		seed = rand.Uint64()
	}
	r.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	x := opt.Indexes
	if x == nil {
		var err error
		if x, err = search.Build(ctx, store); err != nil {
			return nil, fmt.Errorf("build search indexes: %w", err)
		}
	}
	r.titles, r.people, r.phrases = x.Titles, x.People, x.Quotes
	var err error
	if r.quotes, err = store.QuoteRefs(ctx); err != nil {
		return nil, fmt.Errorf("load quotes: %w", err)
	}
	r.quoteByID = make(map[int64]knowledge.QuoteRef, len(r.quotes))
	for _, q := range r.quotes {
		r.quoteByID[q.ID] = q
	}
	r.commands = r.table()
	r.byName = map[string]*command{}
	for _, c := range r.commands {
		r.byName[c.def.Name] = c
	}
	return r, nil
}

// intn returns a random int in [0, n).
func (r *Router) intn(n int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rng.IntN(n)
}

// command is one slash command: its definition and its handlers.
type command struct {
	def *discordgo.ApplicationCommand
	// run answers the command.
	run func(*request) (*discordgo.InteractionResponse, error)
	// complete answers autocomplete for the focused option; nil if the
	// command has no autocompleted option.
	complete func(*request, *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice
}

// Commands returns the full application command set to register.
func (r *Router) Commands() []*discordgo.ApplicationCommand {
	out := make([]*discordgo.ApplicationCommand, len(r.commands))
	for i, c := range r.commands {
		out[i] = c.def
	}
	return out
}

// request is one interaction being answered.
type request struct {
	ctx     context.Context
	i       *discordgo.Interaction
	name    string
	opts    map[string]*discordgo.ApplicationCommandInteractionDataOption
	user    string
	channel string
}

func (q *request) str(name string) string {
	if o, ok := q.opts[name]; ok && o.Type == discordgo.ApplicationCommandOptionString {
		if s, ok := o.Value.(string); ok {
			return strings.TrimSpace(s)
		}
	}
	return ""
}

func (q *request) boolean(name string) bool {
	if o, ok := q.opts[name]; ok && o.Type == discordgo.ApplicationCommandOptionBoolean {
		b, _ := o.Value.(bool)
		return b
	}
	return false
}

func userID(i *discordgo.Interaction) string {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User.ID
	}
	if i.User != nil {
		return i.User.ID
	}
	return ""
}

// Handle answers one interaction. It never panics (a panicking handler is
// logged and answered with an apology) and always returns a response that
// respects Discord's limits and mentions nobody.
func (r *Router) Handle(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("handler panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			resp = oops()
		}
		resp = finalize(resp)
	}()
	if i == nil {
		return oops()
	}
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		return r.handleCommand(ctx, i)
	case discordgo.InteractionApplicationCommandAutocomplete:
		return r.handleAutocomplete(ctx, i)
	case discordgo.InteractionMessageComponent:
		return r.handleComponent(ctx, i)
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}
	}
	return ephemeral("I can't handle that kind of interaction.")
}

func (r *Router) newRequest(ctx context.Context, i *discordgo.Interaction, name string, opts []*discordgo.ApplicationCommandInteractionDataOption) *request {
	q := &request{ctx: ctx, i: i, name: name, opts: map[string]*discordgo.ApplicationCommandInteractionDataOption{}, user: userID(i), channel: i.ChannelID}
	for _, o := range opts {
		if o != nil {
			q.opts[o.Name] = o
		}
	}
	return q
}

func (r *Router) handleCommand(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		return ephemeral("That command arrived without its data.")
	}
	c, ok := r.byName[data.Name]
	if !ok {
		return ephemeral("I don't know the command /" + escClip(data.Name, 32) + ". Try /help.")
	}
	q := r.newRequest(ctx, i, data.Name, data.Options)
	if msg := validate(c.def, q); msg != "" {
		return ephemeral(msg)
	}
	resp, err := c.run(q)
	if err != nil {
		return r.errorReply(err, i)
	}
	return resp
}

// validate checks options again, since a client can send any value
// whatever the definition says.
func validate(def *discordgo.ApplicationCommand, q *request) string {
	known := map[string]*discordgo.ApplicationCommandOption{}
	for _, o := range def.Options {
		known[o.Name] = o
	}
	for name, o := range q.opts {
		d, ok := known[name]
		if !ok {
			return "/" + def.Name + " has no option called " + escClip(name, 32) + "."
		}
		if d.Type != o.Type {
			return "The " + d.Name + " option of /" + def.Name + " has the wrong type."
		}
		if d.Type == discordgo.ApplicationCommandOptionString {
			s, _ := o.Value.(string)
			if d.MaxLength > 0 && runes(s) > d.MaxLength {
				return fmt.Sprintf("The %s option is too long: keep it under %d characters.", d.Name, d.MaxLength)
			}
			if len(d.Choices) > 0 {
				okChoice := false
				for _, ch := range d.Choices {
					if ch.Value == s {
						okChoice = true
					}
				}
				if !okChoice {
					return "“" + escClip(s, 40) + "” is not one of the choices for " + d.Name + "."
				}
			}
		}
	}
	for _, d := range def.Options {
		if d.Required {
			if _, ok := q.opts[d.Name]; !ok {
				return "/" + def.Name + " needs the " + d.Name + " option."
			}
			if d.Type == discordgo.ApplicationCommandOptionString && q.str(d.Name) == "" {
				return "/" + def.Name + " needs something in the " + d.Name + " option."
			}
		}
	}
	return ""
}

func (r *Router) handleAutocomplete(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionApplicationCommandAutocompleteResult, Data: &discordgo.InteractionResponseData{Choices: []*discordgo.ApplicationCommandOptionChoice{}}}
	data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
	if !ok {
		return resp
	}
	c, ok := r.byName[data.Name]
	if !ok || c.complete == nil {
		return resp
	}
	q := r.newRequest(ctx, i, data.Name, data.Options)
	for _, o := range data.Options {
		if o != nil && o.Focused {
			resp.Data.Choices = c.complete(q, o)
			break
		}
	}
	return resp
}

// errorReply turns a handler error into a reply: the user's own mistakes
// (EINVALID, ENOTFOUND) are explained; anything else is logged and
// apologised for without detail.
func (r *Router) errorReply(err error, i *discordgo.Interaction) *discordgo.InteractionResponse {
	var e *knowledge.Error
	if errors.As(err, &e) && e.Code != knowledge.EINTERNAL {
		return ephemeral(e.Message)
	}
	r.log.Error("command failed", "interaction", i.ID, "err", err)
	return oops()
}

// userErr is a mistake or miss the user can act on; msg is shown as is, so
// any user text in it must already be escaped.
func userErr(msg string) error { return &knowledge.Error{Code: knowledge.EINVALID, Message: msg} }

// noMentions is the allowed_mentions every reply carries: ping nobody. A
// nil Parse would marshal to null, which Discord reads differently.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// ephemeral is a reply only the asker sees.
func ephemeral(msg string) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: msg, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	}
}

// oops is the reply to an internal error.
func oops() *discordgo.InteractionResponse {
	return ephemeral("Sorry, something went wrong on my side. Please try again in a moment.")
}

// embedReply is a public reply with one embed and optional button rows.
func embedReply(e *discordgo.MessageEmbed, rows ...discordgo.MessageComponent) *discordgo.InteractionResponse {
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Embeds: []*discordgo.MessageEmbed{e}, Components: rows, AllowedMentions: noMentions()},
	}
}

// finalize is the last guard on every response: it sets allowed_mentions
// and trims anything over Discord's limits. Handlers build replies within
// the limits already; tests assert finalize never has to cut.
func finalize(resp *discordgo.InteractionResponse) *discordgo.InteractionResponse {
	if resp == nil {
		resp = oops()
	}
	d := resp.Data
	if d == nil {
		return resp
	}
	if resp.Type == discordgo.InteractionApplicationCommandAutocompleteResult {
		if d.Choices == nil {
			d.Choices = []*discordgo.ApplicationCommandOptionChoice{}
		}
		if len(d.Choices) > maxChoices {
			d.Choices = d.Choices[:maxChoices]
		}
		return resp
	}
	d.AllowedMentions = noMentions()
	if runes(d.Content) > maxContent {
		d.Content = string([]rune(d.Content)[:maxContent-1]) + "…"
	}
	if len(d.Embeds) > 10 {
		d.Embeds = d.Embeds[:10]
	}
	return resp
}
