package commands

import (
	"github.com/bwmarrin/discordgo"
)

func filmOpt(required bool, desc string) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: "film", Description: desc,
		Required: required, Autocomplete: true, MaxLength: maxOptionLength,
	}
}

func strOpt(name, desc string, required bool) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{
		Type: discordgo.ApplicationCommandOptionString, Name: name, Description: desc,
		Required: required, MaxLength: maxOptionLength,
	}
}

func choices(names ...string) []*discordgo.ApplicationCommandOptionChoice {
	out := make([]*discordgo.ApplicationCommandOptionChoice, len(names))
	for i, n := range names {
		out[i] = &discordgo.ApplicationCommandOptionChoice{Name: n, Value: n}
	}
	return out
}

// Review sites and kinds offered as choices; the values are what
// knowledge.Review.Site and .Kind hold.
var (
	reviewSites = []string{"IMDb", "Rotten Tomatoes", "Metacritic", "Wikipedia", "film-summary"}
	reviewKinds = []string{"critic", "user", "audience"}
)

// table is the command set. Every film-taking command names its option
// "film" and autocompletes it.
func (r *Router) table() []*command {
	dm := true
	cmd := func(name, desc string, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommand {
		return &discordgo.ApplicationCommand{Name: name, Description: desc, Options: opts, DMPermission: &dm}
	}
	film := func(q *request, o *discordgo.ApplicationCommandInteractionDataOption) []*discordgo.ApplicationCommandOptionChoice {
		if o.Name == "film" {
			return r.completeFilm(q, o)
		}
		return nil
	}
	return []*command{
		{def: cmd("movie", "A film at a glance: credits, runtime, rating, scores, money and a spoiler-free premise",
			filmOpt(true, "The film (typos are fine)")), run: r.movie, complete: film},
		{def: cmd("cast", "Who is in a film, in billing order, or who played a character",
			filmOpt(true, "The film"),
			strOpt("character", "A character to look up, e.g. the landlord", false)), run: r.cast, complete: film},
		{def: cmd("awards", "A film's awards and nominations", filmOpt(true, "The film")), run: r.awards, complete: film},
		{def: cmd("plot", "The premise in the clear, the rest behind spoiler tags",
			filmOpt(true, "The film"),
			&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionBoolean, Name: "spoilers", Description: "Also include how it ends (still behind spoiler tags)"}),
			run: r.plot, complete: film},
		{def: cmd("quote", "A random quote, or search for a half-remembered line",
			filmOpt(false, "Only quotes from this film"),
			strOpt("search", "Words you remember from the line", false),
			strOpt("character", "Only quotes by this character", false)), run: r.quote, complete: film},
		{def: cmd("whosaid", "Which film and which character said a line",
			strOpt("line", "The line, as well as you remember it", true)), run: r.whosaid},
		{def: cmd("review", "A random review of a film",
			filmOpt(true, "The film"),
			&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "site", Description: "Only reviews from this site", Choices: choices(reviewSites...)},
			&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "kind", Description: "Critic, user or audience reviews", Choices: choices(reviewKinds...)}),
			run: r.review, complete: film},
		{def: cmd("actor", "A person's roles and credits", strOpt("name", "The person's name (nicknames and typos are fine)", true)), run: r.actor},
		{def: cmd("trivia", "Production facts and trivia about a film", filmOpt(true, "The film")), run: r.trivia, complete: film},
		{def: cmd("similar", "Films like this one", filmOpt(true, "The film")), run: r.similar, complete: film},
		{def: cmd("ask", "Ask a question in plain words, e.g. who directed leaving las vegas",
			&discordgo.ApplicationCommandOption{Type: discordgo.ApplicationCommandOptionString, Name: "question", Description: "Your question", Required: true, MaxLength: 200}),
			run: r.ask},
		{def: cmd("help", "What this bot can do, with examples"), run: r.help},
	}
}
