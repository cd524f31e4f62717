package commands

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/textutil"
	"moviebot/knowledge/search"
)

func revealsEnding(s string) bool { return textutil.RevealsEnding(s) }

// castPage is how many credits one page of /cast shows.
const castPage = 15

func (r *Router) cast(q *request) (*discordgo.InteractionResponse, error) {
	f, err := r.filmOption(q)
	if err != nil {
		return nil, err
	}
	if c := q.str("character"); c != "" {
		return r.whoPlayed(f, c)
	}
	if len(f.Cast) == 0 {
		return ephemeral("I have no cast list for " + filmLabel(f.Title, f.Year) + "."), nil
	}
	return castReply(f, 0), nil
}

// castReply renders one page of a film's cast, with buttons to turn pages
// when there is more than one. The buttons carry the film and page in their
// custom_id, so any process can answer the click.
func castReply(f *knowledge.Film, page int) *discordgo.InteractionResponse {
	pages := (len(f.Cast) + castPage - 1) / castPage
	page = max(0, min(page, pages-1))
	var lines []string
	for _, c := range f.Cast[page*castPage : min(len(f.Cast), (page+1)*castPage)] {
		line := fmt.Sprintf("**%d.** %s", c.Billing, esc(c.Actor))
		if c.Character != "" {
			line += " — " + esc(c.Character)
		}
		if c.CreditedAs != "" {
			line += " *(as " + esc(c.CreditedAs) + ")*"
		}
		lines = append(lines, clipLine(line, 250))
	}
	b := newEmbed("Cast: "+filmLabel(f.Title, f.Year), strings.Join(lines, "\n"))
	foot := fmt.Sprintf("%d credits · billing order, leads first", len(f.Cast))
	if pages > 1 {
		foot = fmt.Sprintf("Page %d of %d · ", page+1, pages) + foot
	}
	e := b.footer(foot + " · " + sourcesFooter(f))
	if pages <= 1 {
		return embedReply(e)
	}
	id := strconv.FormatInt(f.ID, 10)
	row := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "◀ Previous", Style: discordgo.SecondaryButton, CustomID: "cast:" + id + ":" + itoa(page-1), Disabled: page == 0},
		discordgo.Button{Label: "Next ▶", Style: discordgo.SecondaryButton, CustomID: "cast:" + id + ":" + itoa(page+1), Disabled: page >= pages-1},
	}}
	return embedReply(e, row)
}

// clipLine cuts an already-escaped line that is unusually long; lines are
// built from short names, so this only bites on hostile data. It never
// leaves a trailing lone backslash.
func clipLine(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	for len(r) > 0 && r[len(r)-1] == '\\' {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// whoPlayed answers /cast with a character: every credit whose character
// (or a page's other spelling of it) matches, best first.
func (r *Router) whoPlayed(f *knowledge.Film, typed string) (*discordgo.InteractionResponse, error) {
	type match struct {
		c     knowledge.CastMember
		score float64
	}
	var ms []match
	for _, c := range f.Cast {
		best := search.Score(typed, c.Character)
		for _, v := range c.Variants {
			best = max(best, search.Score(typed, v))
		}
		if best >= search.Sure {
			ms = append(ms, match{c, best})
		}
	}
	if len(ms) == 0 {
		var names []string
		for i, c := range f.Cast {
			if i == 8 {
				break
			}
			if c.Character != "" {
				names = append(names, esc(c.Character))
			}
		}
		msg := "No character like “" + escClip(typed, 60) + "” in " + filmLabel(f.Title, f.Year) + "."
		if len(names) > 0 {
			msg += " Characters include: " + escClipJoined(names, 600) + "."
		}
		return nil, userErr(msg)
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].score > ms[j].score })
	var lines []string
	for i, m := range ms {
		if i == 10 {
			lines = append(lines, fmt.Sprintf("…and %d more", len(ms)-i))
			break
		}
		line := "**" + esc(m.c.Character) + "** was played by **" + esc(m.c.Actor) + "**"
		if m.c.CreditedAs != "" {
			line += " *(credited as " + esc(m.c.CreditedAs) + ")*"
		}
		if len(m.c.Variants) > 0 {
			line += "\n  also listed as " + joinEsc(m.c.Variants, 200)
		}
		lines = append(lines, clipLine(line, 380))
	}
	b := newEmbed("Who played “"+escClip(typed, 80)+"” in "+filmLabel(f.Title, f.Year), strings.Join(lines, "\n"))
	return embedReply(b.footer(sourcesFooter(f))), nil
}

// handleComponent answers a button click. The custom_id says what to do:
// "cast:FILM:PAGE", "quote:FILM:CHAR:LAST", "review:FILM:SITE:KIND:LAST".
func (r *Router) handleComponent(ctx context.Context, i *discordgo.Interaction) *discordgo.InteractionResponse {
	data, ok := i.Data.(discordgo.MessageComponentInteractionData)
	if !ok {
		return ephemeral("That button arrived without its data.")
	}
	parts := strings.Split(data.CustomID, ":")
	q := r.newRequest(ctx, i, parts[0], nil)
	film := func() (*knowledge.Film, error) {
		if len(parts) < 2 {
			return nil, userErr("That button is out of date.")
		}
		id, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil {
			return nil, userErr("That button is out of date.")
		}
		if id == 0 {
			return nil, nil
		}
		return r.loadFilm(q, id)
	}
	var resp *discordgo.InteractionResponse
	var err error
	switch parts[0] {
	case "cast":
		var f *knowledge.Film
		if f, err = film(); err == nil && f != nil && len(parts) == 3 {
			page, _ := strconv.Atoi(parts[2])
			resp = castReply(f, page)
			resp.Type = discordgo.InteractionResponseUpdateMessage
		} else if err == nil {
			err = userErr("That button is out of date.")
		}
	case "quote":
		if len(parts) == 4 {
			var f *knowledge.Film
			if f, err = film(); err == nil {
				last, _ := strconv.ParseInt(parts[3], 10, 64)
				resp, err = r.randomQuote(q, f, parts[2], last)
			}
		} else {
			err = userErr("That button is out of date.")
		}
	case "review":
		if len(parts) == 5 {
			var f *knowledge.Film
			if f, err = film(); err == nil && f != nil {
				last, _ := strconv.Atoi(parts[4])
				resp, err = r.randomReview(f, parts[2], parts[3], last)
			} else if err == nil {
				err = userErr("That button is out of date.")
			}
		} else {
			err = userErr("That button is out of date.")
		}
	default:
		err = userErr("I don't know that button.")
	}
	if err != nil {
		return r.errorReply(err, i)
	}
	return resp
}
