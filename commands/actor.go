package commands

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
	"moviebot/knowledge/search"
)

func (r *Router) actor(q *request) (*discordgo.InteractionResponse, error) {
	name := q.str("name")
	hits := r.people.Search(name, 6)
	if len(hits) == 0 || hits[0].Score < search.Sure {
		msg := "I don't know anyone called “" + escClip(name, 80) + "”."
		var sugg []string
		for i, h := range hits {
			if i == 5 {
				break
			}
			sugg = append(sugg, "• "+esc(h.Name))
		}
		if len(sugg) > 0 {
			msg += " Did you mean:\n" + strings.Join(sugg, "\n")
		}
		return nil, &knowledge.Error{Code: knowledge.ENOTFOUND, Message: msg}
	}
	p, err := r.store.Person(q.ctx, hits[0].ID)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, c := range p.Credits {
		line := "**" + filmLabel(c.FilmTitle, c.FilmYear) + "** — "
		if c.Kind == "cast" {
			if c.Character != "" {
				line += "as " + esc(c.Character)
			} else {
				line += "in the cast"
			}
			if c.Billing > 0 && c.Billing <= 3 {
				line += " *(lead)*"
			}
		} else {
			line += esc(c.Job)
		}
		lines = append(lines, clipLine(line, 300))
	}
	b := newEmbed(esc(p.Name), fitLines(lines, maxEmbedDescription))
	var also []string
	for _, h := range hits[1:] {
		if h.Score >= search.Sure {
			also = append(also, esc(h.Name))
		}
	}
	b.field("Also matching", escClipJoined(also, 500), false)
	return embedReply(b.footer("Credits in this knowledge base, oldest film first")), nil
}
