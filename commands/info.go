package commands

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"moviebot/knowledge"
)

// embed builds an embed while keeping count of Discord's limits: every
// field added is checked against the field count and the 6000-character
// total, and one that does not fit is left out (with a note).
type embed struct {
	e       *discordgo.MessageEmbed
	total   int
	dropped bool
}

func newEmbed(title, description string) *embed {
	title = truncRunes(title, maxEmbedTitle)
	description = truncRunes(description, maxEmbedDescription)
	return &embed{e: &discordgo.MessageEmbed{Title: title, Description: description, Color: 0xE5A00D}, total: runes(title) + runes(description)}
}

// truncRunes is a last-resort cut for text already escaped and sized by its
// builder; it should never have to cut.
func truncRunes(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// reserve is what the footer may take at most; fields stop short of it.
const reserve = 300

func (b *embed) field(name, value string, inline bool) bool {
	name, value = truncRunes(name, maxFieldName), truncRunes(value, maxFieldValue)
	if strings.TrimSpace(value) == "" || strings.TrimSpace(name) == "" {
		return false
	}
	if len(b.e.Fields) >= maxEmbedFields || b.total+runes(name)+runes(value)+reserve > maxEmbedTotal {
		b.dropped = true
		return false
	}
	b.e.Fields = append(b.e.Fields, &discordgo.MessageEmbedField{Name: name, Value: value, Inline: inline})
	b.total += runes(name) + runes(value)
	return true
}

func (b *embed) footer(text string) *discordgo.MessageEmbed {
	text = truncRunes(text, min(maxFooter, maxEmbedTotal-b.total))
	if text != "" {
		b.e.Footer = &discordgo.MessageEmbedFooter{Text: text}
	}
	return b.e
}

// sourceNames lists where a record came from, by site.
func sourceNames(f *knowledge.Film, sources []string) string {
	var names []string
	for _, s := range sources {
		n := f.SourceName(s)
		if !containsStr(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// sourcesFooter names every site the film's facts came from.
func sourcesFooter(f *knowledge.Film) string {
	if len(f.Sources) == 0 {
		return "No sources on record"
	}
	return "Sources: " + sourceNames(f, f.Sources)
}

// premise returns the film's spoiler-free premise, or "".
func premise(f *knowledge.Film) *knowledge.PlotSection {
	for i := range f.Plot {
		if p := &f.Plot[i]; p.Premise && !p.Spoiler {
			return p
		}
	}
	return nil
}

func runtimeText(min int) string {
	if min <= 0 {
		return ""
	}
	if min < 60 {
		return fmt.Sprintf("%d min", min)
	}
	return fmt.Sprintf("%dh %02dm (%d min)", min/60, min%60, min)
}

func joinEsc(names []string, n int) string {
	out := make([]string, 0, len(names))
	for _, s := range names {
		out = append(out, esc(s))
	}
	return escClipJoined(out, n)
}

// escClipJoined joins already-escaped items with ", " and stops before n
// characters, counting what it leaves out.
func escClipJoined(items []string, n int) string {
	var b strings.Builder
	for i, it := range items {
		sep := ""
		if i > 0 {
			sep = ", "
		}
		more := fmt.Sprintf(" and %d more", len(items)-i)
		if runes(b.String())+runes(sep)+runes(it)+runes(more) > n {
			b.WriteString(more)
			break
		}
		b.WriteString(sep + it)
	}
	return b.String()
}

func scoreLine(f *knowledge.Film, s knowledge.Score) string {
	site := esc(s.Site)
	if s.Kind != "" {
		site += " (" + esc(s.Kind) + ")"
	}
	text := s.Text
	if text == "" && s.Verdict != "" {
		text = s.Verdict
	}
	var extra []string
	if s.Count > 0 {
		extra = append(extra, humanCount(s.Count)+" "+s.CountKind)
	}
	if s.Average != "" {
		extra = append(extra, "avg "+s.Average)
	}
	if s.Verdict != "" && s.Verdict != text {
		extra = append(extra, s.Verdict)
	}
	line := "**" + site + "**: " + esc(text)
	if len(extra) > 0 {
		line += " · " + esc(strings.Join(extra, " · "))
	}
	return line + " — *" + esc(sourceNames(f, s.Sources)) + "*"
}

func humanCount(n int) string {
	switch {
	case n >= 1_000_000:
		return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + "M"
	case n >= 10_000:
		return strconv.Itoa(n/1000) + "K"
	}
	return strconv.Itoa(n)
}

// moneyLines shows every figure of the given kinds side by side, each with
// its source, since pages disagree.
func moneyLines(f *knowledge.Film, match func(kind string) bool) string {
	var lines []string
	for _, m := range f.Money {
		if !match(m.Kind) {
			continue
		}
		label := ""
		if m.Kind != "budget" && m.Kind != "box office" {
			label = esc(m.Kind) + ": "
		}
		lines = append(lines, label+esc(m.Text)+" — *"+esc(sourceNames(f, m.Sources))+"*")
	}
	return strings.Join(lines, "\n")
}

func isGross(kind string) bool {
	return kind == "box office" || strings.Contains(kind, "gross")
}

func (r *Router) movie(q *request) (*discordgo.InteractionResponse, error) {
	f, err := r.filmOption(q)
	if err != nil {
		return nil, err
	}
	return movieReply(f), nil
}

// movieReply is a film's overview, for /movie and for an /ask that only
// names a film.
func movieReply(f *knowledge.Film) *discordgo.InteractionResponse {
	desc := ""
	if p := premise(f); p != nil {
		desc = escClip(p.Text, 900)
	}
	b := newEmbed(filmLabel(f.Title, f.Year), desc)
	b.field("Directed by", joinEsc(f.Directors, 300), true)
	writers := joinEsc(f.Writers, 300)
	if f.BasedOn != nil && f.BasedOn.Author != "" {
		kind := f.BasedOn.Kind
		if kind == "" {
			kind = "book"
		}
		writers += "\n*based on the " + esc(kind) + " by " + esc(f.BasedOn.Author) + "*"
	}
	b.field("Written by", writers, true)
	b.field("Runtime", runtimeText(f.RuntimeMinutes), true)
	rating := esc(f.Rating)
	if f.RatingReason != "" {
		rating += " (" + esc(clip(f.RatingReason, 200)) + ")"
	}
	b.field("Rated", rating, true)
	b.field("Genres", joinEsc(f.Genres, 300), true)
	var scores []string
	for _, s := range f.Scores {
		scores = append(scores, scoreLine(f, s))
	}
	b.field("Scores", fitLines(scores, maxFieldValue), false)
	b.field("Budget", moneyLines(f, func(k string) bool { return k == "budget" }), true)
	b.field("Box office", moneyLines(f, isGross), true)
	return embedReply(b.footer(sourcesFooter(f) + " · /plot, /cast, /awards for more"))
}

// fitLines joins lines with newlines, stopping before n characters.
func fitLines(lines []string, n int) string {
	var b strings.Builder
	for i, l := range lines {
		more := ""
		if i < len(lines)-1 {
			more = fmt.Sprintf("\n…and %d more", len(lines)-i-1)
		}
		if runes(b.String())+runes(l)+1+runes(more) > n {
			b.WriteString(fmt.Sprintf("\n…and %d more", len(lines)-i))
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return strings.TrimPrefix(b.String(), "\n")
}

func (r *Router) awards(q *request) (*discordgo.InteractionResponse, error) {
	f, err := r.filmOption(q)
	if err != nil {
		return nil, err
	}
	return awardsReply(f), nil
}

// awardsReply lists a film's awards grouped by body, wins first.
func awardsReply(f *knowledge.Film) *discordgo.InteractionResponse {
	if len(f.Awards) == 0 {
		return ephemeral("I have no awards on record for " + filmLabel(f.Title, f.Year) + ".")
	}
	var bodies []string
	for _, a := range f.Awards {
		if !containsStr(bodies, a.Body) {
			bodies = append(bodies, a.Body)
		}
	}
	won := 0
	for _, a := range f.Awards {
		if a.Result == knowledge.Won {
			won++
		}
	}
	b := newEmbed("Awards: "+filmLabel(f.Title, f.Year), fmt.Sprintf("%d won, %d more nominations", won, len(f.Awards)-won))
	for _, body := range bodies {
		var lines []string
		for _, result := range []string{knowledge.Won, knowledge.Nominated} {
			for _, a := range f.Awards {
				if a.Body != body || a.Result != result {
					continue
				}
				mark := "🏆 **Won**"
				if result == knowledge.Nominated {
					mark = "Nominated"
				}
				line := mark + " " + esc(a.Category)
				if a.Recipient != "" {
					line += " — " + esc(a.Recipient)
				}
				if a.Year > 0 {
					line += " (" + itoa(a.Year) + ")"
				}
				lines = append(lines, line)
			}
		}
		b.field(esc(body), fitLines(lines, maxFieldValue), false)
	}
	return embedReply(b.footer(sourcesFooter(f)))
}

func (r *Router) trivia(q *request) (*discordgo.InteractionResponse, error) {
	f, err := r.filmOption(q)
	if err != nil {
		return nil, err
	}
	var lines []string
	budget := maxEmbedDescription
	for _, kinds := range [][]string{{"trivia"}, {"production", "release", "home media", "soundtrack", "faq"}} {
		for _, x := range f.Facts {
			if !containsStr(kinds, x.Kind) {
				continue
			}
			line := "• " + safeText(x.Text, x.Spoiler, 600)
			if runes(strings.Join(lines, "\n"))+runes(line)+1 > budget-40 {
				break
			}
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		return ephemeral("I have no trivia for " + filmLabel(f.Title, f.Year) + " yet."), nil
	}
	b := newEmbed("Trivia: "+filmLabel(f.Title, f.Year), strings.Join(lines, "\n"))
	return embedReply(b.footer(sourcesFooter(f) + " · spoilers are hidden behind bars")), nil
}

func (r *Router) similar(q *request) (*discordgo.InteractionResponse, error) {
	f, err := r.filmOption(q)
	if err != nil {
		return nil, err
	}
	if len(f.Similar) == 0 {
		return ephemeral("I have no similar films on record for " + filmLabel(f.Title, f.Year) + "."), nil
	}
	var lines []string
	for _, s := range f.Similar {
		line := "**" + filmLabel(s.Title, s.Year) + "**"
		if s.Reason != "" {
			line += " — " + safeText(s.Reason, false, 400)
		}
		lines = append(lines, line)
	}
	b := newEmbed("If you liked "+filmLabel(f.Title, f.Year), fitLines(lines, maxEmbedDescription))
	return embedReply(b.footer(sourcesFooter(f))), nil
}

// plot shows the premise in the clear and everything after it behind
// spoiler bars. With spoilers, it also includes the sections that tell how
// the film ends, still behind bars.
func (r *Router) plot(q *request) (*discordgo.InteractionResponse, error) {
	f, err := r.filmOption(q)
	if err != nil {
		return nil, err
	}
	withEnding := q.boolean("spoilers")
	desc := "*No spoiler-free premise on record.*"
	p := premise(f)
	if p != nil {
		desc = escClip(p.Text, 1500)
	}
	b := newEmbed("Plot: "+filmLabel(f.Title, f.Year), desc)
	// The story so far first, then (with spoilers) the sections that tell
	// the ending; each part behind its own bars.
	hiddenEnding := 0
	for _, wantEnding := range []bool{false, true} {
		for i := range f.Plot {
			s := &f.Plot[i]
			// One premise is enough: other pages' premises say the same
			// in the clear, and a joke summary is no summary.
			if s == p || (s.Premise && !s.Spoiler) || strings.Contains(strings.ToLower(s.Heading), "badly explained") {
				continue
			}
			ending := s.Spoiler && !isStorySection(s)
			if ending != wantEnding {
				continue
			}
			if ending && !withEnding {
				hiddenEnding++
				continue
			}
			name := "Story so far (spoilers)"
			if ending {
				name = "How it ends (spoilers)"
				if h := strings.ToLower(s.Heading); h == "plot" || h == "synopsis" {
					name = "The whole story (spoilers)"
				}
			}
			for j, chunk := range chunks(s.Text, maxFieldValue-4) {
				fieldName := name
				if j > 0 {
					fieldName += " (cont.)"
				}
				value := spoiler(chunk, maxFieldValue)
				if j == 0 && s.Heading != "" && !strings.EqualFold(s.Heading, "plot") {
					value = spoiler(s.Heading+": "+chunk, maxFieldValue)
				}
				if !b.field(fieldName, value, false) {
					break
				}
			}
		}
	}
	foot := sourcesFooter(f)
	if hiddenEnding > 0 {
		foot += " · add spoilers:true for how it ends"
	}
	if b.dropped {
		foot += " · more than fits here"
	}
	return embedReply(b.footer(foot)), nil
}

// isStorySection tells synopsis parts that stop short of the ending (which
// the summary site hides anyway) from the sections that tell the ending: an
// article's whole plot, or a section about the ending or spoilers.
func isStorySection(s *knowledge.PlotSection) bool {
	h := strings.ToLower(s.Heading)
	if h == "plot" || h == "synopsis" || strings.Contains(h, "ending") || strings.Contains(h, "spoiler") || strings.Contains(h, "faq") {
		return false
	}
	return !revealsEnding(s.Text)
}

// chunks splits text into pieces of at most n characters at sentence or
// word boundaries.
func chunks(text string, n int) []string {
	var out []string
	rest := strings.TrimSpace(text)
	for rest != "" {
		c := clip(rest, n)
		c = strings.TrimSuffix(c, "…")
		if c == "" {
			break
		}
		out = append(out, c)
		rest = strings.TrimSpace(strings.TrimPrefix(rest, c))
		if len(out) > 20 {
			break
		}
	}
	return out
}
