package commands

import (
	"github.com/bwmarrin/discordgo"
)

func (r *Router) help(q *request) (*discordgo.InteractionResponse, error) {
	b := newEmbed("What I can do",
		"I answer questions about films from my own knowledge base, with no lookups elsewhere. "+
			"Titles and names forgive typos, and every film option suggests titles as you type. "+
			"Anything that gives away an ending stays behind spoiler bars.")
	rows := [][2]string{
		{"/movie film:leaving las vegas", "credits, runtime, rating, scores, budget and box office, and a spoiler-free premise"},
		{"/cast film:leaving las vegas character:the landlord", "the cast in billing order, or who played a part"},
		{"/awards film:leaving las vegas", "wins and nominations, grouped by award"},
		{"/plot film:leaving las vegas spoilers:true", "the premise, then the rest behind spoiler bars"},
		{"/quote search:prickly pear", "a random quote, or the line you half remember"},
		{"/whosaid line:you must never ask me to stop", "which film and which character said it"},
		{"/review film:leaving las vegas site:IMDb", "a random review, with an Another button"},
		{"/actor name:nic cage", "a person's roles and credits"},
		{"/trivia film:…  ·  /similar film:…", "production facts and trivia; films like it"},
		{"/ask question:who directed it", "plain questions; “it” is the film you last asked about here"},
	}
	for _, row := range rows {
		b.field(esc(row[0]), esc(row[1]), false)
	}
	return embedReply(b.footer(itoa(r.titles.Len()) + " films in the knowledge base")), nil
}
