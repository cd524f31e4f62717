package commands

import (
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
	"moviebot/knowledge/search"
)

// quoteSure is the phrase score from which a quote is taken as the line the
// user remembers: most of its words found, typos allowed. quoteMaybe is
// enough to offer it as a guess.
const (
	quoteSure  = 0.7
	quoteMaybe = 0.45
)

type quoteHit struct {
	q     knowledge.QuoteRef
	score float64
}

// searchQuotes finds quotes whose words contain the query's, optionally
// within one film and by one character, through the phrase index.
func (r *Router) searchQuotes(query string, film int64, character string, limit int) []quoteHit {
	var hits []quoteHit
	// Ask for more when filtering by character, which the index does not.
	want := limit
	if character != "" {
		want = limit * 10
	}
	for _, h := range r.phrases.Search(query, want, film) {
		q, ok := r.quoteByID[h.ID]
		if !ok || h.Score < quoteMaybe {
			continue
		}
		if character != "" && search.Score(character, q.Character) < search.Sure {
			continue
		}
		hits = append(hits, quoteHit{q, h.Score})
		if len(hits) == limit {
			break
		}
	}
	return hits
}

func (r *Router) filmRefLabel(id int64) string {
	h, _ := r.titles.Lookup(id)
	return filmLabel(h.Name, h.Year)
}

func (r *Router) quote(q *request) (*discordgo.InteractionResponse, error) {
	var f *knowledge.Film
	if q.str("film") != "" {
		var err error
		if f, err = r.filmOption(q); err != nil {
			return nil, err
		}
	}
	character := q.str("character")
	if s := q.str("search"); s != "" {
		var film int64
		if f != nil {
			film = f.ID
		}
		hits := r.searchQuotes(s, film, character, 5)
		if len(hits) == 0 {
			return nil, userErr("No quote like “" + escClip(s, 80) + "”" + r.scope(f, character) + ". Try fewer or other words, or /quote without search for a random one.")
		}
		var lines []string
		for _, h := range hits {
			line := quoteText(h.q.Text, 400) + "\n— **" + esc(orUnknown(h.q.Character)) + "**, *" + r.filmRefLabel(h.q.FilmID) + "*"
			lines = append(lines, line)
		}
		b := newEmbed("Quotes matching “"+escClip(s, 80)+"”", fitLines(lines, maxEmbedDescription))
		return embedReply(b.footer("Best match first")), nil
	}
	return r.randomQuote(q, f, character, 0)
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "Unknown speaker"
	}
	return s
}

func (r *Router) scope(f *knowledge.Film, character string) string {
	out := ""
	if character != "" {
		out += " by " + escClip(character, 60)
	}
	if f != nil {
		out += " in " + filmLabel(f.Title, f.Year)
	}
	return out
}

// randomQuote picks a quote (from film f, or any film when f is nil; by the
// character when one is given), avoiding the one just shown.
func (r *Router) randomQuote(q *request, f *knowledge.Film, character string, last int64) (*discordgo.InteractionResponse, error) {
	var pool []knowledge.QuoteRef
	for _, x := range r.quotes {
		if f != nil && x.FilmID != f.ID {
			continue
		}
		if character != "" && search.Score(character, x.Character) < search.Sure {
			continue
		}
		pool = append(pool, x)
	}
	if len(pool) == 0 {
		return nil, userErr("I have no quotes" + r.scope(f, character) + ".")
	}
	if len(pool) > 1 {
		for i, x := range pool {
			if x.ID == last {
				pool = append(pool[:i:i], pool[i+1:]...)
				break
			}
		}
	}
	pick := pool[r.intn(len(pool))]
	film, err := r.store.Film(q.ctx, pick.FilmID)
	if err != nil {
		return nil, err
	}
	sources := ""
	for _, fq := range film.Quotes {
		if fq.Text == pick.Text {
			sources = sourceNames(film, fq.Sources)
		}
	}
	b := newEmbed(filmLabel(film.Title, film.Year), quoteText(pick.Text, 1500)+"\n— **"+esc(orUnknown(pick.Character))+"**")
	foot := "Quote"
	if sources != "" {
		foot += " · from " + sources
	}
	var filmID int64
	if f != nil {
		filmID = f.ID
	}
	charKey := strings.ReplaceAll(plainClip(character, 40), ":", " ")
	charKey = strings.TrimSuffix(charKey, "…")
	row := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Another", Style: discordgo.PrimaryButton,
			CustomID: "quote:" + strconv.FormatInt(filmID, 10) + ":" + charKey + ":" + strconv.FormatInt(pick.ID, 10)},
	}}
	return embedReply(b.footer(foot), row), nil
}

func (r *Router) whosaid(q *request) (*discordgo.InteractionResponse, error) {
	line := q.str("line")
	hits := r.searchQuotes(line, 0, "", 4)
	if len(hits) == 0 || hits[0].score < quoteSure {
		msg := "I can't place “" + escClip(line, 120) + "”."
		if len(hits) > 0 {
			msg += " The closest I know: " + quoteText(hits[0].q.Text, 200) + " — " + esc(orUnknown(hits[0].q.Character)) + ", " + r.filmRefLabel(hits[0].q.FilmID) + "."
		}
		return nil, &knowledge.Error{Code: knowledge.ENOTFOUND, Message: msg}
	}
	top := hits[0]
	if q.user != "" {
		r.memory.set(q.user, q.channel, top.q.FilmID)
	}
	desc := "**" + esc(orUnknown(top.q.Character)) + "** in **" + r.filmRefLabel(top.q.FilmID) + "**:\n" + quoteText(top.q.Text, 1500)
	var others []string
	for _, h := range hits[1:] {
		if h.score >= quoteSure {
			others = append(others, quoteText(h.q.Text, 200)+" — "+esc(orUnknown(h.q.Character))+", *"+r.filmRefLabel(h.q.FilmID)+"*")
		}
	}
	b := newEmbed("Who said it?", desc)
	b.field("Also close", fitLines(others, maxFieldValue), false)
	return embedReply(b.footer("Matched on the words of the line, typos allowed")), nil
}
