package commands

import (
	"regexp"
	"strings"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
	"moviebot/knowledge/search"
)

// A question shape /ask understands: a pattern over the question (lower
// case, without the final punctuation) and the answer it calls for. Groups
// named "film", "who" and "character" carry the parts the answer needs.
type askPattern struct {
	re     *regexp.Regexp
	answer func(r *Router, q *request, m map[string]string) (*discordgo.InteractionResponse, error)
}

var askPatterns = []askPattern{
	{regexp.MustCompile(`^who (?:played|plays|portrayed|portrays|was|is) (?:the )?(?P<character>.+?) in (?P<film>.+)$`), (*Router).askWhoPlayed},
	{regexp.MustCompile(`^who (?:played|plays|portrayed|portrays) (?:the )?(?P<character>.+)$`), (*Router).askWhoPlayed},
	{regexp.MustCompile(`^who (?:directed|made) (?P<film>.+)$`), (*Router).askDirector},
	{regexp.MustCompile(`^who (?:is|was) the director (?:of|for) (?P<film>.+)$`), (*Router).askDirector},
	{regexp.MustCompile(`^who wrote the (?:novel|book|source novel)(?: (?:for|of|behind|that) (?P<film>.+?)(?: is based on| was based on)?)?$`), (*Router).askNovel},
	{regexp.MustCompile(`^(?:what|which) (?:novel|book) is (?P<film>.+?) based on$`), (*Router).askNovel},
	{regexp.MustCompile(`^who wrote (?P<film>.+)$`), (*Router).askWriters},
	{regexp.MustCompile(`^(?:did|does|has|was) (?P<who>.+?) (?:win|won|get|got|receive|received|been nominated for|nominated for|take home) (?:an? |the )?(?P<award>oscars?|academy awards?|golden globes?|awards?|baftas?|anything)(?: for (?P<film>.+))?$`), (*Router).askAward},
	{regexp.MustCompile(`^(?:what|which) (?:awards|oscars|prizes) did (?P<film>.+?) (?:win|get)$`), (*Router).askAwards},
	{regexp.MustCompile(`^how (?:long|many minutes) is (?P<film>.+)$`), (*Router).askRuntime},
	{regexp.MustCompile(`^what(?:'s| is) the (?:runtime|running time|length) of (?P<film>.+)$`), (*Router).askRuntime},
	{regexp.MustCompile(`^what (?:is|was) (?P<film>.+?) rated$`), (*Router).askRating},
	{regexp.MustCompile(`^what(?:'s| is| was) the (?:rating|age rating|mpaa rating) (?:of|for) (?P<film>.+)$`), (*Router).askRating},
	{regexp.MustCompile(`^what (?:was|is) (?:its|the) budget(?: (?:of|for) (?P<film>.+))?$`), (*Router).askBudget},
	{regexp.MustCompile(`^what (?:was|is) (?P<film>.+?)(?:'s| s) budget$`), (*Router).askBudget},
	{regexp.MustCompile(`^how much did (?P<film>.+?) cost(?: to make)?$`), (*Router).askBudget},
	{regexp.MustCompile(`^how much (?:money )?did (?P<film>.+?) (?:make|gross|earn)$`), (*Router).askGross},
	{regexp.MustCompile(`^what (?:was|is) (?:the )?box office (?:of|for) (?P<film>.+)$`), (*Router).askGross},
	{regexp.MustCompile(`^when (?:was|did) (?P<film>.+?) (?:come out|released|release|premiere|made)$`), (*Router).askReleased},
	{regexp.MustCompile(`^what(?:'s| is) (?P<film>.+?) about$`), (*Router).askAbout},
	{regexp.MustCompile(`^who (?:is|was|stars|starred|acts|acted) in (?P<film>.+)$`), (*Router).askStars},
	{regexp.MustCompile(`^how does (?P<film>.+?) end$`), (*Router).askEnding},
	{regexp.MustCompile(`^what (?:genre|kind of film|kind of movie) is (?P<film>.+)$`), (*Router).askGenre},
}

// normalizeQuestion lower-cases a question, straightens quotes and drops
// closing punctuation, so patterns stay simple.
func normalizeQuestion(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.NewReplacer("’", "'", "‘", "'", "“", "", "”", "", "\"", "").Replace(s)
	return strings.TrimRight(s, "?!. ")
}

func (r *Router) ask(q *request) (*discordgo.InteractionResponse, error) {
	question := normalizeQuestion(q.str("question"))
	for _, p := range askPatterns {
		m := p.re.FindStringSubmatch(question)
		if m == nil {
			continue
		}
		groups := map[string]string{}
		for i, name := range p.re.SubexpNames() {
			if name != "" {
				groups[name] = strings.TrimSpace(m[i])
			}
		}
		return p.answer(r, q, groups)
	}
	// No shape fits: if the question names a film, show its overview.
	if hits := r.titles.Search(question, 1); len(hits) > 0 && hits[0].Score >= 1 {
		f, err := r.loadFilm(q, hits[0].ID)
		if err != nil {
			return nil, err
		}
		return movieReply(f), nil
	}
	return nil, userErr("I'm not sure what you're asking. I understand questions like:\n" +
		"• who played sera in leaving las vegas\n• who directed it\n• did cage win an oscar for it\n" +
		"• how long is leaving las vegas\n• what is it rated\n• what was its budget\n• who wrote the novel")
}

// pronouns are the ways a question points at the film asked about last.
var pronouns = map[string]bool{
	"": true, "it": true, "its": true, "it's": true, "this": true, "that": true, "the film": true,
	"the movie": true, "this film": true, "this movie": true, "that film": true, "that movie": true,
}

// questionFilm resolves the film part of a question, or "it".
func (r *Router) questionFilm(q *request, phrase string) (*knowledge.Film, error) {
	phrase = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(phrase, " movie"), " film"))
	if pronouns[phrase] {
		id, ok := r.memory.get(q.user, q.channel)
		if !ok {
			return nil, userErr("Which film do you mean? Name it in the question, or ask about a film first and then say “it”.")
		}
		return r.loadFilm(q, id)
	}
	return r.findFilm(q, phrase)
}

func answer(f *knowledge.Film, text string) *discordgo.InteractionResponse {
	b := newEmbed("", text)
	foot := ""
	if f != nil {
		foot = sourcesFooter(f)
	}
	return embedReply(b.footer(foot))
}

func (r *Router) askWhoPlayed(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	return r.whoPlayed(f, m["character"])
}

func (r *Router) askDirector(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	if len(f.Directors) == 0 {
		return answer(f, "I don't know who directed "+filmLabel(f.Title, f.Year)+"."), nil
	}
	return answer(f, filmLabel(f.Title, f.Year)+" was directed by **"+joinEsc(f.Directors, 500)+"**."), nil
}

func (r *Router) askNovel(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	if f.BasedOn == nil || f.BasedOn.Author == "" {
		return answer(f, "As far as I know, "+filmLabel(f.Title, f.Year)+" is not based on a novel. Its writers: "+orNone(joinEsc(f.Writers, 500))+"."), nil
	}
	w := f.BasedOn
	text := filmLabel(f.Title, f.Year) + " is based on the " + esc(orDefault(w.Kind, "book"))
	if w.Title != "" {
		text += " *" + esc(w.Title) + "*"
	}
	if w.Year > 0 {
		text += " (" + itoa(w.Year) + ")"
	}
	return answer(f, text+" by **"+esc(w.Author)+"**."), nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func orNone(s string) string { return orDefault(s, "none on record") }

func (r *Router) askWriters(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	return answer(f, filmLabel(f.Title, f.Year)+" was written by **"+orNone(joinEsc(f.Writers, 500))+"**."), nil
}

// bodyFor maps the award word of a question to a body name, "" for any.
func bodyFor(word string) string {
	switch {
	case strings.HasPrefix(word, "oscar"), strings.HasPrefix(word, "academy"):
		return "Academy Award"
	case strings.HasPrefix(word, "golden globe"):
		return "Golden Globe Award"
	case strings.HasPrefix(word, "bafta"):
		return "BAFTA Award"
	}
	return ""
}

func (r *Router) askAward(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	var f *knowledge.Film
	var err error
	if m["film"] == "" && !pronouns[m["who"]] {
		// "did fargo win an oscar": the one asked about may be the film
		// itself, not "it".
		if hits := r.titles.Search(m["who"], 1); len(hits) > 0 && hits[0].Score >= search.Sure {
			f, err = r.findFilm(q, m["who"])
		}
	}
	if f == nil && err == nil {
		f, err = r.questionFilm(q, m["film"])
	}
	if err != nil {
		return nil, err
	}
	who, body := m["who"], bodyFor(m["award"])
	filmItself := pronouns[who] || search.Score(who, f.Title) >= search.Sure
	var won, nominated []knowledge.Award
	for _, a := range f.Awards {
		if body != "" && a.Body != body {
			continue
		}
		if !filmItself && search.Score(who, a.Recipient) < search.Sure {
			continue
		}
		if a.Result == knowledge.Won {
			won = append(won, a)
		} else {
			nominated = append(nominated, a)
		}
	}
	label := esc(who)
	if filmItself {
		label = filmLabel(f.Title, f.Year)
	} else if r := commonRecipient(append(won, nominated...)); r != "" {
		label, filmItself = esc(r), true // name the person once, in full
	}
	prize := esc(orDefault(body, "award"))
	list := func(as []knowledge.Award) string {
		var parts []string
		for _, a := range as {
			s := esc(a.Body) + " for " + esc(a.Category)
			if a.Recipient != "" && !filmItself {
				s += " (" + esc(a.Recipient) + ")"
			}
			parts = append(parts, s)
		}
		return escClipJoined(parts, 1500)
	}
	switch {
	case len(won) > 0:
		text := "**Yes.** " + label + " won the " + list(won) + " for " + filmLabel(f.Title, f.Year) + "."
		if len(nominated) > 0 {
			text += "\nAlso nominated: " + list(nominated) + "."
		}
		return answer(f, text), nil
	case len(nominated) > 0:
		return answer(f, "**No**, but "+label+" was nominated for the "+list(nominated)+" for "+filmLabel(f.Title, f.Year)+"."), nil
	}
	return answer(f, "**Not that I know of:** I have no "+prize+" for "+label+" on record for "+filmLabel(f.Title, f.Year)+"."), nil
}

func (r *Router) askAwards(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	return awardsReply(f), nil
}

func (r *Router) askRuntime(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	if f.RuntimeMinutes == 0 {
		return answer(f, "I don't know how long "+filmLabel(f.Title, f.Year)+" is."), nil
	}
	return answer(f, filmLabel(f.Title, f.Year)+" runs **"+runtimeText(f.RuntimeMinutes)+"**."), nil
}

func (r *Router) askRating(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	if f.Rating == "" {
		return answer(f, "I don't know how "+filmLabel(f.Title, f.Year)+" is rated."), nil
	}
	text := filmLabel(f.Title, f.Year) + " is rated **" + esc(f.Rating) + "**"
	if f.RatingReason != "" {
		text += " (" + esc(clip(f.RatingReason, 200)) + ")"
	}
	return answer(f, text+"."), nil
}

func (r *Router) askBudget(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	lines := moneyLines(f, func(k string) bool { return k == "budget" })
	if lines == "" {
		return answer(f, "I don't know the budget of "+filmLabel(f.Title, f.Year)+"."), nil
	}
	return answer(f, "Budget of "+filmLabel(f.Title, f.Year)+":\n"+lines), nil
}

func (r *Router) askGross(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	lines := moneyLines(f, isGross)
	if lines == "" {
		return answer(f, "I don't know what "+filmLabel(f.Title, f.Year)+" made."), nil
	}
	return answer(f, "Box office of "+filmLabel(f.Title, f.Year)+" (the sources disagree, so here are all their figures):\n"+lines), nil
}

func (r *Router) askReleased(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, rel := range f.Releases {
		line := "• " + esc(rel.Kind) + ": " + esc(rel.Date)
		if rel.Region != "" {
			line += " (" + esc(rel.Region) + ")"
		}
		lines = append(lines, line+" — *"+esc(sourceNames(f, rel.Sources))+"*")
	}
	text := filmLabel(f.Title, f.Year) + " came out in **" + itoa(f.Year) + "**."
	if f.Year == 0 {
		text = "I don't know the year of " + filmLabel(f.Title, 0) + "."
	}
	if len(lines) > 0 {
		text += "\n" + fitLines(lines, 2000)
	}
	return answer(f, text), nil
}

func (r *Router) askAbout(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	p := premise(f)
	if p == nil {
		return answer(f, "I have no spoiler-free summary of "+filmLabel(f.Title, f.Year)+"."), nil
	}
	return answer(f, "**"+filmLabel(f.Title, f.Year)+"**: "+escClip(p.Text, 1500)), nil
}

func (r *Router) askStars(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	return castReply(f, 0), nil
}

func (r *Router) askGenre(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	return answer(f, filmLabel(f.Title, f.Year)+": "+orNone(joinEsc(f.Genres, 500))+"."), nil
}

// commonRecipient is the recipient all of as share, or "".
func commonRecipient(as []knowledge.Award) string {
	if len(as) == 0 {
		return ""
	}
	for _, a := range as[1:] {
		if a.Recipient != as[0].Recipient {
			return ""
		}
	}
	return as[0].Recipient
}

// askEnding answers "how does it end" with the last part of the plot, all
// of it behind spoiler bars.
func (r *Router) askEnding(q *request, m map[string]string) (*discordgo.InteractionResponse, error) {
	f, err := r.questionFilm(q, m["film"])
	if err != nil {
		return nil, err
	}
	// The last section that tells an ending: an earlier one may only
	// mention a death midway through the story.
	var ending string
	for i := len(f.Plot) - 1; i >= 0; i-- {
		if p := &f.Plot[i]; p.Spoiler && !isStorySection(p) {
			s := sentences(p.Text)
			ending = strings.Join(s[max(0, len(s)-3):], " ")
			break
		}
	}
	if ending == "" {
		return answer(f, "I don't know how "+filmLabel(f.Title, f.Year)+" ends."), nil
	}
	return answer(f, "How "+filmLabel(f.Title, f.Year)+" ends (spoilers!):\n"+spoiler(ending, 1800)), nil
}
