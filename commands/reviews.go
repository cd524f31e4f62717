package commands

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
)

// reviewText is how much of a review's text a reply shows before cutting it
// (at a sentence or word) and pointing to the source.
const reviewText = 1800

func (r *Router) review(q *request) (*discordgo.InteractionResponse, error) {
	f, err := r.filmOption(q)
	if err != nil {
		return nil, err
	}
	return r.randomReview(f, q.str("site"), q.str("kind"), -1)
}

// randomReview picks a review of f from site and of kind (either may be
// empty), avoiding index last, the one just shown.
func (r *Router) randomReview(f *knowledge.Film, site, kind string, last int) (*discordgo.InteractionResponse, error) {
	var pool []int
	for i, rv := range f.Reviews {
		if site != "" && !strings.EqualFold(rv.Site, site) {
			continue
		}
		if kind != "" && rv.Kind != kind {
			continue
		}
		pool = append(pool, i)
	}
	if len(pool) == 0 {
		what := "reviews"
		if kind != "" {
			what = esc(kind) + " reviews"
		}
		if site != "" {
			what += " from " + esc(site)
		}
		return nil, userErr(fmt.Sprintf("I have no %s of %s.", what, filmLabel(f.Title, f.Year)))
	}
	if len(pool) > 1 {
		for i, x := range pool {
			if x == last {
				pool = append(pool[:i:i], pool[i+1:]...)
				break
			}
		}
	}
	idx := pool[r.intn(len(pool))]
	rv := f.Reviews[idx]

	title := rv.Title
	if title == "" {
		title = "A " + rv.Kind + " review"
	}
	text := safeText(rv.Text, rv.Spoiler, reviewText)
	if runes(rv.Text) > reviewText-20 {
		text += "\n*(cut short: the full review is on " + esc(rv.Site) + ")*"
	}
	b := newEmbed(escClip(title, 200)+" — "+filmLabel(f.Title, f.Year), text)
	by := rv.Author
	if rv.Publication != "" {
		if by != "" {
			by += ", "
		}
		by += rv.Publication
	}
	if by != "" {
		b.e.Author = &discordgo.MessageEmbedAuthor{Name: plainClip(by, maxAuthorName)}
		b.total += runes(b.e.Author.Name)
	}
	b.field("Site", esc(rv.Site)+" ("+esc(rv.Kind)+")", true)
	b.field("Date", esc(rv.Date), true)
	b.field("Score", esc(rv.Score), true)
	if rv.Helpful > 0 {
		b.field("Helpful", fmt.Sprintf("%d of %d found it helpful", rv.Helpful, rv.HelpfulOf), true)
	}
	if rv.TopCritic {
		b.field("Top critic", "yes", true)
	}
	foot := fmt.Sprintf("Review %d of %d on record · from %s", indexOf(pool, idx)+1, len(pool), sourceNames(f, rv.Sources))
	if rv.Spoiler {
		foot += " · the site marks this review as containing spoilers"
	}
	row := discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: "Another", Style: discordgo.PrimaryButton,
			CustomID: "review:" + strconv.FormatInt(f.ID, 10) + ":" + site + ":" + kind + ":" + strconv.Itoa(idx)},
	}}
	return embedReply(b.footer(foot), row), nil
}

func indexOf(list []int, v int) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return 0
}
