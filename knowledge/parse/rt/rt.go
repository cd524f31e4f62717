// Package rt reads captured Rotten Tomatoes film pages: the movie info block
// (rating, genres, credits, release dates, studio), the cast list, the critic
// and audience reviews shown on the page, and the user-submitted quotes.
//
// A capture is plain text with one block per line. The page is read as a
// sequence of sections opened by fixed headings ("Movie Info", "Critic
// Reviews for …", "Audience Reviews for …", "… Quotes", "Discussion Forum");
// within a section records are recognised by their shape, never by names.
package rt

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/textutil"
)

// siteName is the Review.Site of every review on the page.
const siteName = "Rotten Tomatoes"

// section is the part of the page a line belongs to, in page order.
type section int

const (
	secHead     section = iota // title, consensus, trailer links
	secInfo                    // Movie Info synopsis and labelled fields
	secCast                    // Name / "as Role" pairs
	secNews                    // News & Interviews (chrome)
	secCritics                 // critic reviews
	secAudience                // audience reviews
	secQuotes                  // user-submitted quotes
	secForum                   // discussion forum footer (chrome)
)

// Detect scores how much text looks like a Rotten Tomatoes page. It relies
// on the site's own furniture (the "- Rotten Tomatoes" title suffix, "Full
// Review… |" footers, the All/Top Critics counter, "Submitted by" quote
// credits), which the other kinds of page do not print.
func Detect(text string) int {
	score := 0
	var fullReview, asLines, submitted, badges int
	for i, raw := range textutil.Lines(text) {
		l := textutil.Clean(raw)
		switch {
		case l == "":
			continue
		case i < 5 && strings.HasSuffix(l, "- Rotten Tomatoes"):
			score += 40
		case strings.HasPrefix(l, "Critic Consensus:"):
			score += 15
		case l == "Movie Info":
			score += 5
		case strings.HasPrefix(l, "Full Review") && strings.Contains(l, "|"):
			fullReview++
		case strings.HasPrefix(l, "All Critics (") && strings.Contains(l, "Top Critics ("):
			score += 15
		case strings.HasPrefix(l, "as "):
			asLines++
		case isSubmitted(l):
			submitted++
		case isBadge(l):
			badges++
		case l == "Show More Cast":
			score += 5
		case strings.HasPrefix(l, "Audience Reviews for "), strings.HasPrefix(l, "Critic Reviews for "):
			score += 5
		}
	}
	if fullReview > 0 {
		score += 15
	}
	if asLines >= 3 && score > 0 {
		score += 10 // cast pairs only count next to the site's own markers
	}
	if submitted > 0 {
		score += 5
	}
	if badges > 0 {
		score += 5
	}
	return min(score, 100)
}

// Parse extracts a Rotten Tomatoes page.
//
// A page is complete when it has a cast list or reviews, reaches a section
// that follows the critic reviews (audience reviews, quotes or the forum
// footer), and its last section ends on a finished record: an audience
// review closed by its author and reviewer badge, or a quote closed by a
// whole "Submitted by" credit. A page that stops earlier is reported as
// truncated. An unfinished record in the middle of the page is a quirk of
// that page, not a cut, and is skipped.
func Parse(text string) (*knowledge.Page, error) {
	p := &parser{page: &knowledge.Page{Kind: knowledge.KindRottenTomatoes}}
	lines := textutil.Lines(text)
	for i := range lines {
		lines[i] = textutil.Clean(lines[i])
	}
	p.lines = lines
	for i, l := range lines {
		p.line(i, l)
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	pg := p.page
	if len(pg.Cast) == 0 && len(pg.Reviews) == 0 {
		return nil, fmt.Errorf("no cast or reviews on the page")
	}
	return pg, nil
}

// parser carries the state of one pass over a page.
type parser struct {
	page  *knowledge.Page
	lines []string
	sec   section

	// Movie Info.
	synopsis []string
	studioOK bool // a bare line now would be the studio name

	// Cast.
	lastCastLine int // index of the line holding the last cast name

	// Critic reviews.
	pending    []string // text lines of a record not yet closed
	critic     *knowledge.Review
	criticMeta []string // lines after the "Full Review" footer

	// Audience reviews: paragraphs collected until the section ends.
	paras         [][]string
	cur           []string
	audience      int  // audience reviews filed
	endsWithBadge bool // the section's last line is a reviewer badge

	// Quotes: the lines of the current block.
	quote        []quoteLine
	datedCredits bool // a quote credit so far ended with "(N years ago)"

	// truncated is set, with a reason, when the current section's last
	// record is unfinished.
	truncated string
}

// quoteLine is one "Speaker: words" line of a quote block, with any
// continuation lines that followed it.
type quoteLine struct {
	speaker string
	text    []string
}

// line feeds one cleaned line at index i.
func (p *parser) line(i int, l string) {
	if s, ok := p.heading(l); ok {
		p.enter(s)
		return
	}
	if strings.HasPrefix(l, "Critic Consensus:") {
		c := strings.TrimSpace(strings.TrimPrefix(l, "Critic Consensus:"))
		if c != "" && !strings.Contains(strings.ToLower(c), "no consensus") {
			p.page.Facts = append(p.page.Facts, knowledge.Fact{Kind: "consensus", Text: c})
		}
		return
	}
	switch p.sec {
	case secHead:
		if p.castStarts(i) { // a capture without the Movie Info block
			p.enter(secCast)
			p.castLine(i, l)
			return
		}
		p.headLine(l)
	case secInfo:
		p.infoLine(i, l)
	case secCast:
		p.castLine(i, l)
	case secCritics:
		p.criticLine(l)
	case secAudience:
		p.audienceLine(l)
	case secQuotes:
		p.quoteLine(l)
	}
}

// heading recognises the lines that open a section.
func (p *parser) heading(l string) (section, bool) {
	switch {
	case l == "Movie Info":
		return secInfo, true
	case l == "Cast" || l == "Cast & Crew":
		return secCast, true
	case strings.HasPrefix(l, "News & Interviews for "):
		return secNews, true
	case strings.HasPrefix(l, "Critic Reviews for "):
		return secCritics, true
	case strings.HasPrefix(l, "Audience Reviews for "):
		return secAudience, true
	case l == "Discussion Forum":
		return secForum, true
	case p.sec >= secCast && p.sec < secQuotes && isQuotesHeading(l):
		return secQuotes, true
	}
	return 0, false
}

// isQuotesHeading reports whether l is a "<Title> Quotes" heading: short,
// no sentence punctuation and no "Speaker:" colon.
func isQuotesHeading(l string) bool {
	return (l == "Quotes" || strings.HasSuffix(l, " Quotes")) &&
		utf8.RuneCountInString(l) <= 100 && !strings.ContainsAny(l, ":.!?")
}

// headLine reads the title lines at the top of the page.
func (p *parser) headLine(l string) {
	if l == "" || p.page.Title != "" && p.page.Year != 0 {
		return
	}
	if strings.HasSuffix(l, "Trailers & Photos") {
		return
	}
	t := strings.TrimSpace(strings.TrimSuffix(l, "- Rotten Tomatoes"))
	title, year := textutil.TitleYear(t)
	if year == 0 || title == "" {
		return
	}
	p.page.Title, p.page.Year = title, year
}

// infoLabels maps the labels of the Movie Info block to what they hold.
var infoLabels = map[string]string{
	"rating": "rating", "genre": "genre", "genres": "genre",
	"directed by": "director", "director": "director",
	"written by": "writer", "writer": "writer",
	"in theaters": "theatrical", "release date (theaters)": "theatrical",
	"on dvd": "dvd", "on disc/streaming": "dvd",
	"box office": "box office", "box office (gross usa)": "box office",
	"runtime": "runtime", "studio": "studio", "distributor": "distributor",
}

// splitLabel splits a "Label: value" info line whose label is known.
func splitLabel(l string) (kind, value string, ok bool) {
	i := strings.Index(l, ":")
	if i <= 0 {
		return "", "", false
	}
	kind, ok = infoLabels[strings.ToLower(strings.TrimSpace(l[:i]))]
	return kind, strings.TrimSpace(l[i+1:]), ok
}

// infoLine reads the Movie Info block: a synopsis, then labelled fields,
// then the studio on a bare line right after them. The cast follows.
func (p *parser) infoLine(i int, l string) {
	if l == "" {
		p.studioOK = false
		return
	}
	if kind, v, ok := splitLabel(l); ok {
		p.infoField(kind, v)
		p.studioOK = true
		return
	}
	if p.castStarts(i) {
		p.enter(secCast)
		p.castLine(i, l)
		return
	}
	if p.studioOK {
		// The studio line sits right under the fields, without a label.
		p.studioOK = false
		if isShortName(l) {
			p.page.Companies = append(p.page.Companies, knowledge.Company{Name: l, Role: "studio"})
		}
		return
	}
	if len(p.page.Genres) == 0 && p.page.Rating == "" && len(p.page.Crew) == 0 {
		p.synopsis = append(p.synopsis, l)
	}
}

// castStarts reports whether line i is a cast name: the next line is its
// "as Role".
func (p *parser) castStarts(i int) bool {
	return i+1 < len(p.lines) && !strings.HasPrefix(p.lines[i], "as ") &&
		strings.HasPrefix(p.lines[i+1], "as ")
}

// infoField stores one labelled Movie Info field.
func (p *parser) infoField(kind, v string) {
	if v == "" {
		return // RT prints labels it has no value for ("Directed By:")
	}
	pg := p.page
	switch kind {
	case "rating":
		r, reason := v, ""
		if open := strings.Index(v, "("); open > 0 {
			r = strings.TrimSpace(v[:open])
			reason = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v[open+1:]), ")"))
		}
		pg.Rating, pg.RatingReason = r, reason
	case "genre":
		for _, g := range strings.Split(v, ",") {
			if g = strings.TrimSpace(g); g != "" {
				pg.Genres = append(pg.Genres, g)
			}
		}
	case "director", "writer":
		for _, n := range splitNames(v) {
			pg.Crew = append(pg.Crew, knowledge.CrewMember{Name: n, Job: kind})
		}
	case "theatrical", "dvd":
		pg.Releases = append(pg.Releases, knowledge.Release{Kind: kind, Date: datePrefix(v), Text: v})
	case "box office":
		if amt, ok := textutil.ParseMoney(v); ok {
			pg.Money = append(pg.Money, knowledge.Money{Kind: "box office", Amount: amt, Text: v})
		}
	case "runtime":
		if m := textutil.ParseRuntime(v); m > 0 {
			pg.RuntimeMinutes = m
		}
	case "studio", "distributor":
		pg.Companies = append(pg.Companies, knowledge.Company{Name: v, Role: kind})
	}
}

// splitNames splits "Mike Figgis, John O'Brien" or "A and B" into names.
func splitNames(v string) []string {
	var out []string
	for _, part := range strings.Split(strings.ReplaceAll(v, " and ", ","), ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// datePrefix reads the date at the start of v ("Mar 8, 1996 limited"),
// trying the longest prefix first. It returns "" when there is none.
func datePrefix(v string) string {
	f := strings.Fields(v)
	for n := min(3, len(f)); n > 0; n-- {
		if d := textutil.ParseDate(strings.Join(f[:n], " ")); d != "" {
			return d
		}
	}
	return ""
}

// castLine reads the cast list: a name line, then usually "as Role".
func (p *parser) castLine(i int, l string) {
	switch {
	case l == "":
		return
	case strings.HasPrefix(l, "Show More") || strings.HasPrefix(l, "Show Less") ||
		strings.HasPrefix(l, "View All") || strings.HasPrefix(l, "See All"):
		return
	case strings.HasPrefix(l, "as "):
		n := len(p.page.Cast)
		if n > 0 && p.lastCastLine == i-1 && p.page.Cast[n-1].Character == "" {
			p.page.Cast[n-1].Character = strings.TrimSpace(l[3:])
		}
		return
	}
	if !isShortName(l) {
		return
	}
	p.page.Cast = append(p.page.Cast, knowledge.CastMember{Actor: l, Billing: len(p.page.Cast) + 1})
	p.lastCastLine = i
}

// isShortName reports whether l could be a name: short and not a sentence.
func isShortName(l string) bool {
	return l != "" && utf8.RuneCountInString(l) <= 60 && len(strings.Fields(l)) <= 8 && !endsSentence(l)
}

// endsSentence reports whether l ends with sentence punctuation. Initials
// ("Jr.", "R. Lee") are short, so a final dot after a one- or two-letter
// word does not count.
func endsSentence(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(l)
	switch r {
	case '!', '?', '…', '"', '”':
		return true
	case '.':
		f := strings.Fields(l)
		return len(f) == 0 || utf8.RuneCountInString(f[len(f)-1]) > 3
	}
	return false
}

// criticLine reads critic reviews: text paragraphs, then a "Full Review… |
// date" footer, then an optional author, an optional publication and
// badges ("Top Critic").
func (p *parser) criticLine(l string) {
	if l == "" {
		p.closeCritic() // the footer block ends at the first blank line
		return
	}
	if strings.HasPrefix(l, "All Critics (") || strings.HasPrefix(l, "Top Critics (") {
		p.criticCounts(l)
		return
	}
	if strings.HasPrefix(l, "Full Review") {
		p.closeCritic()
		if len(p.pending) == 0 {
			return // a footer with no text: nothing to keep
		}
		r := knowledge.Review{Site: siteName, Kind: knowledge.ReviewCritic, Text: strings.Join(p.pending, "\n\n")}
		if bar := strings.Index(l, "|"); bar >= 0 {
			r.Date = textutil.ParseDate(l[bar+1:])
		}
		p.pending = nil
		p.critic = &r
		return
	}
	if p.critic != nil {
		switch {
		case l == "Top Critic":
			p.critic.TopCritic = true
			return
		case strings.HasPrefix(l, "Original Score:"):
			setScore(p.critic, strings.TrimSpace(strings.TrimPrefix(l, "Original Score:")))
			return
		case l == "Fresh" || l == "Rotten":
			return
		case isShortName(l):
			p.criticMeta = append(p.criticMeta, l)
			return
		}
		p.closeCritic()
	}
	if strings.HasPrefix(l, "View All") || strings.HasPrefix(l, "See All") {
		return
	}
	p.pending = append(p.pending, l)
}

// closeCritic files the review being read, with its author and publication.
func (p *parser) closeCritic() {
	if p.critic == nil {
		return
	}
	r := p.critic
	switch m := p.criticMeta; {
	case len(m) == 1:
		r.Publication = m[0]
	case len(m) >= 2:
		r.Author, r.Publication = m[0], m[1]
	}
	p.page.Reviews = append(p.page.Reviews, *r)
	p.critic, p.criticMeta = nil, nil
}

// setScore stores a critic's own score ("3/4", "B+").
func setScore(r *knowledge.Review, s string) {
	r.Score = s
	if a, b, ok := strings.Cut(s, "/"); ok {
		v, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		m, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if err1 == nil && err2 == nil && m > 0 && v >= 0 && v <= m {
			r.ScoreValue, r.ScoreMax = v, m
		}
	}
}

// criticCounts reads "All Critics (48) | Top Critics (12)".
func (p *parser) criticCounts(l string) {
	for _, part := range strings.Split(l, "|") {
		part = strings.TrimSpace(part)
		field := ""
		switch {
		case strings.HasPrefix(part, "All Critics"):
			field = "rt_critic_reviews"
		case strings.HasPrefix(part, "Top Critics"):
			field = "rt_top_critic_reviews"
		default:
			continue
		}
		open, closing := strings.Index(part, "("), strings.LastIndex(part, ")")
		if open < 0 || closing <= open {
			continue
		}
		n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(part[open+1:closing]), ",", ""))
		if err != nil || n < 0 {
			continue
		}
		p.page.Attributes = append(p.page.Attributes, knowledge.Attribute{Field: field, Value: strconv.Itoa(n)})
	}
}

// audienceLine collects audience-review paragraphs; they are split into
// reviews when the section ends, because telling an author line from a
// short body paragraph needs the paragraphs that follow.
func (p *parser) audienceLine(l string) {
	if l == "" {
		if len(p.cur) > 0 {
			p.paras = append(p.paras, p.cur)
			p.cur = nil
		}
		return
	}
	p.cur = append(p.cur, l)
}

// audienceReviews turns the collected paragraphs into reviews. An author
// paragraph is a short line, or the same short line printed twice,
// without sentence punctuation; it closes the review whose body paragraphs
// came before it. A badge paragraph ("Super Reviewer") follows the author.
func (p *parser) audienceReviews() {
	if len(p.cur) > 0 {
		p.paras = append(p.paras, p.cur)
		p.cur = nil
	}
	paras := p.paras
	p.paras = nil
	if n := len(paras); n > 0 {
		last := paras[n-1]
		p.endsWithBadge = isBadge(last[len(last)-1])
	}
	var body []string
	usesBadges, lastHasBadge := false, false
	for i := 0; i < len(paras); i++ {
		para := paras[i]
		if len(para) == 1 && isBadge(para[0]) {
			usesBadges = true
			lastHasBadge = true
			continue
		}
		badged := false
		if n := len(para); n > 1 && isBadge(para[n-1]) {
			para, badged, usesBadges = para[:n-1], true, true
		}
		author, ok := authorOf(para)
		if ok && len(body) > 0 {
			nextBadge := i+1 < len(paras) && len(paras[i+1]) == 1 && isBadge(paras[i+1][0])
			_, nextAuthor := authorOf(nextOf(paras, i))
			if badged || nextBadge || len(para) > 1 || !nextAuthor {
				p.audience++
				p.page.Reviews = append(p.page.Reviews, knowledge.Review{
					Site: siteName, Kind: knowledge.ReviewAudience, Author: author,
					Text: strings.Join(body, "\n\n"),
				})
				body = nil
				lastHasBadge = badged
				continue
			}
		}
		body = append(body, strings.Join(para, " "))
	}
	switch {
	case len(body) > 0:
		p.truncated = "the last audience review has no author"
	case usesBadges && !lastHasBadge:
		p.truncated = "the last audience review has no reviewer badge"
	}
}

// nextOf returns paragraph i+1, or nil.
func nextOf(paras [][]string, i int) []string {
	if i+1 < len(paras) {
		return paras[i+1]
	}
	return nil
}

// authorOf reports whether para is an author line (possibly printed twice)
// and returns the name.
func authorOf(para []string) (string, bool) {
	if len(para) == 0 || len(para) > 2 || len(para) == 2 && para[0] != para[1] {
		return "", false
	}
	a := para[0]
	if !isShortName(a) || len(strings.Fields(a)) > 4 || strings.HasSuffix(a, ".") ||
		strings.ContainsAny(a, ",;:") || isBadge(a) {
		return "", false
	}
	return a, true
}

// isBadge recognises the reviewer badges RT prints under a name.
func isBadge(l string) bool {
	switch l {
	case "Super Reviewer", "Top Reviewer", "Verified Audience", "Verified":
		return true
	}
	return false
}

// quoteLine reads quote blocks: one or more "Speaker: words" lines closed by
// "– Submitted by Name (N years ago)".
func (p *parser) quoteLine(l string) {
	if l == "" {
		return
	}
	if isSubmitted(l) {
		if len(p.quote) == 0 {
			return
		}
		// A credit cut short has no name, or loses the "(N years ago)"
		// that the other credits on the page have.
		who := strings.TrimSpace(strings.TrimPrefix(strings.TrimLeft(l, "–—- "), "Submitted by"))
		dated := strings.HasSuffix(who, ")")
		if who == "" || strings.Contains(who, "(") && !dated || p.datedCredits && !dated {
			p.truncated = "the last quote's credit is cut off"
		} else {
			p.truncated = ""
		}
		p.datedCredits = p.datedCredits || dated
		p.fileQuote()
		return
	}
	if sp, text, ok := splitSpeaker(l); ok {
		p.quote = append(p.quote, quoteLine{sp, []string{text}})
		return
	}
	if n := len(p.quote); n > 0 {
		p.quote[n-1].text = append(p.quote[n-1].text, l)
		return
	}
	// A stray line where a quote should start: keep it pending so a page
	// that stops here is reported.
	p.quote = append(p.quote, quoteLine{"", []string{l}})
}

// isSubmitted recognises the "– Submitted by X (N years ago)" credit.
func isSubmitted(l string) bool {
	l = strings.TrimLeft(l, "–—- ")
	return strings.HasPrefix(l, "Submitted by")
}

// splitSpeaker splits "Ben Sanderson: words" at the speaker's colon.
func splitSpeaker(l string) (speaker, text string, ok bool) {
	i := strings.Index(l, ": ")
	if i <= 0 {
		return "", "", false
	}
	speaker, text = strings.TrimSpace(l[:i]), strings.TrimSpace(l[i+2:])
	r, _ := utf8.DecodeRuneInString(speaker)
	if text == "" || !unicode.IsUpper(r) || len(strings.Fields(speaker)) > 5 ||
		utf8.RuneCountInString(speaker) > 40 || strings.ContainsAny(speaker, "!?\"“”") {
		return "", "", false
	}
	return speaker, text, true
}

// fileQuote stores the current quote block. A block of several lines is an
// exchange: Character is its first speaker and Text is that speaker's first
// line followed by the rest of the exchange, each later line written
// "Speaker: words" and separated by " / ", so no line is lost and the
// exchange still reads in order.
func (p *parser) fileQuote() {
	q := p.quote
	p.quote = nil
	if len(q) == 0 || q[0].speaker == "" {
		return
	}
	parts := []string{strings.Join(q[0].text, " ")}
	for _, ql := range q[1:] {
		parts = append(parts, ql.speaker+": "+strings.Join(ql.text, " "))
	}
	p.page.Quotes = append(p.page.Quotes, knowledge.Quote{Character: q[0].speaker, Text: strings.Join(parts, " / ")})
}

// enter closes the current section and starts s. An unfinished record
// only matters at the end of the page: one in the middle is a quirk of the
// page, not a sign that it was cut off.
func (p *parser) enter(s section) {
	p.endSection()
	p.truncated = ""
	p.sec = s
}

// endSection closes whatever the current section left open.
func (p *parser) endSection() {
	switch p.sec {
	case secInfo:
		p.fileSynopsis()
	case secCritics:
		p.closeCritic()
		if len(p.pending) > 0 {
			p.truncated = "the last critic review has no \"Full Review\" footer"
			p.pending = nil
		}
	case secAudience:
		p.audienceReviews()
	case secQuotes:
		if len(p.quote) > 0 {
			p.truncated = "the last quote has no \"Submitted by\" credit"
			p.fileQuote()
		}
	}
}

// fileSynopsis stores the Movie Info synopsis, without the "more" link RT
// glues to its last word ("death.more").
func (p *parser) fileSynopsis() {
	if len(p.synopsis) == 0 {
		return
	}
	s := strings.Join(p.synopsis, " ")
	p.synopsis = nil
	if len(s) >= 4 && strings.EqualFold(s[len(s)-4:], "more") {
		rest := strings.TrimSpace(s[:len(s)-4])
		if r, _ := utf8.DecodeLastRuneInString(rest); strings.ContainsRune(".!?…\"”)'’", r) {
			s = rest
		}
	}
	if s == "" {
		return
	}
	p.page.Plot = append(p.page.Plot, knowledge.PlotSection{
		Heading: "Movie Info", Text: s, Premise: true, Spoiler: textutil.RevealsEnding(s),
	})
}

// finish closes the last section and decides whether the page is complete.
func (p *parser) finish() error {
	last := p.sec
	p.endSection()
	if p.truncated != "" {
		return fmt.Errorf("%w: %s", knowledge.ErrTruncated, p.truncated)
	}
	switch {
	case last < secAudience:
		return fmt.Errorf("%w: the page stops before the audience reviews, quotes and forum footer", knowledge.ErrTruncated)
	case last == secAudience && p.audience == 0:
		return fmt.Errorf("%w: the audience reviews section is empty", knowledge.ErrTruncated)
	case last == secAudience && !p.endsWithBadge:
		// Nothing follows the last author line, so it may be cut short.
		return fmt.Errorf("%w: the last audience review has no reviewer badge", knowledge.ErrTruncated)
	case last == secQuotes && len(p.page.Quotes) == 0:
		return fmt.Errorf("%w: the quotes section is empty", knowledge.ErrTruncated)
	}
	return nil
}
