// Package summary reads captured pages of film-summary sites: a templated
// page with emoji-headed sections (quick overview, a joke plot summary, a
// detailed synopsis, cast, quotes, box office, reviews, awards, trivia,
// similar films, FAQ answers) padded with shopping and video chrome.
//
// Section headings are recognised by their shape (a line whose first rune is
// an emoji or other symbol, plus a few plain headings such as "Awards") and
// mapped to their meaning by keywords, so a heading worded a little
// differently, or carrying another film's title, still lands in the right
// place.
package summary

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/textutil"
)

// site is the Review.Site of the page's own reviews.
const site = "film-summary"

// section is what a heading introduces.
type section int

const (
	secNone         section = iota // before the first heading
	secOverview                    // quick facts
	secBadly                       // "Plot Summary – Badly Explained" (a joke)
	secSynopsis                    // detailed plot, in titled paragraphs
	secSpoilers                    // ending explained
	secCast                        // "- Character (Actor): description"
	secQuotes                      // "- Character: “line” – context"
	secBoxOffice                   // budget and grosses
	secReviews                     // "<Title> Reviews" umbrella heading
	secPersonal                    // the site's own review
	secProfessional                // "- Critic: “text"
	secReactions                   // audience reactions
	secAwards                      // "- Body (Category)- Year"
	secTrivia                      // behind the scenes
	secSimilar                     // "- Title (Year): reason"
	secFAQ                         // answers (the questions are not captured)
	secRate                        // the page's last block
	secSkip                        // how to watch, products, soundtrack, bonus videos
)

// plainHeadings are the headings the template prints without an emoji.
var plainHeadings = map[string]section{
	"personal review":        secPersonal,
	"professional reviews":   secProfessional,
	"professional review":    secProfessional,
	"audience reactions":     secReactions,
	"awards":                 secAwards,
	"awards nominations":     secAwards,
	"awards and nominations": secAwards,
}

// Detect scores how much text looks like a film-summary page: its emoji
// section headings and the template's fixed phrases ("Quick Overview",
// "Badly Explained", "Who would enjoy").
func Detect(text string) int {
	score, emoji := 0, 0
	for _, raw := range textutil.Lines(text) {
		l := textutil.Clean(raw)
		if l == "" {
			continue
		}
		if isSymbolHeading(l) {
			emoji++
		}
		low := strings.ToLower(l)
		switch {
		case strings.HasSuffix(low, "quick overview"):
			score += 20
		case strings.Contains(low, "badly explained") && utf8.RuneCountInString(l) < 80:
			score += 20
		case strings.HasSuffix(low, "detailed plot synopsis"):
			score += 15
		case strings.HasSuffix(low, "memorable quotes"), strings.HasSuffix(low, "cast & characters"):
			score += 5
		case strings.HasPrefix(low, "- imdb rating:"):
			score += 10
		case strings.HasPrefix(low, "- who would enjoy"), strings.HasPrefix(low, "- content warnings"):
			score += 5
		case strings.HasPrefix(low, "if you enjoyed ") && strings.Contains(low, "you might like"):
			score += 5
		}
	}
	if score > 0 && emoji >= 3 {
		score += 20
	}
	return min(score, 100)
}

// Parse extracts a film-summary page.
//
// A page is complete when it reaches the template's closing sections — at
// least one FAQ answer or the "Rate" block — and its last line is a
// finished one (a heading, or text ending in sentence punctuation). The
// template always prints those sections, so a page without them, or ending
// mid-sentence, was cut off.
func Parse(text string) (*knowledge.Page, error) {
	p := &parser{page: &knowledge.Page{Kind: knowledge.KindSummary}, votes: map[string]int{}}
	for _, raw := range textutil.Lines(text) {
		p.line(textutil.Clean(raw))
	}
	p.endSection()
	return p.finish()
}

// parser carries the state of one pass over a page.
type parser struct {
	page *knowledge.Page
	sec  section
	head string // the current heading as written, without its emoji

	sections int // recognised headings
	votes    map[string]int
	order    []string // title candidates in page order

	paras   [][]string // synopsis / spoiler paragraphs
	cur     []string
	premise bool // the premise section is filed

	prof      *knowledge.Review // the professional review being read
	profParts []string          // its text lines

	text []string // lines of the section's free text (badly, personal)
	list string   // the fact kind of the current "- Who would enjoy:" list

	question string // a FAQ question line waiting for its answer
	faq      int
	rate     bool
	last     string // the last non-blank line
	lastHead bool   // the last non-blank line was a heading

	based      *knowledge.Work
	basedTitle bool // the work has the film's own name
}

// line feeds one cleaned line.
func (p *parser) line(l string) {
	if l == "" {
		if p.sec == secSynopsis || p.sec == secSpoilers {
			p.flushPara()
		}
		return
	}
	p.last, p.lastHead = l, false
	if s, name, ok := heading(l); ok {
		p.endSection()
		p.sec, p.head, p.lastHead = s, name, true
		p.sections++
		p.headingTitle(s, name)
		if s == secRate {
			p.rate = true
		}
		return
	}
	p.scanBasedOn(l)
	if rest, ok := cutPrefixFold(l, "Overall Consensus:"); ok {
		if rest != "" {
			p.page.Facts = append(p.page.Facts, knowledge.Fact{Kind: "consensus", Text: rest})
		}
		return
	}
	switch p.sec {
	case secOverview:
		p.overview(l)
	case secBadly:
		p.text = append(p.text, l)
	case secSynopsis, secSpoilers:
		p.cur = append(p.cur, l)
	case secCast:
		p.castLine(l)
	case secQuotes:
		p.quoteLine(l)
	case secBoxOffice:
		p.money(l)
	case secReviews, secPersonal, secProfessional:
		p.reviewLine(l)
	case secReactions:
		p.reaction(l)
	case secAwards:
		p.award(l)
	case secTrivia:
		if t := unquote(item(l)); t != "" {
			p.page.Facts = append(p.page.Facts, knowledge.Fact{Kind: "trivia", Text: t, Spoiler: textutil.RevealsEnding(t)})
		}
	case secSimilar:
		p.similar(l)
	case secFAQ:
		p.faqLine(l)
	}
}

// heading recognises a section heading and returns its section and its
// text without the leading emoji.
func heading(l string) (section, string, bool) {
	if isSymbolHeading(l) {
		name := strings.TrimSpace(strings.TrimLeftFunc(l, isDecoration))
		return classify(name), name, true
	}
	if utf8.RuneCountInString(l) <= 40 {
		if s, ok := plainHeadings[textutil.Fold(l)]; ok {
			return s, l, true
		}
	}
	return 0, "", false
}

// isSymbolHeading reports whether l starts with an emoji or other symbol
// followed by a word: the template's section headings.
func isSymbolHeading(l string) bool {
	r, _ := utf8.DecodeRuneInString(l)
	if !unicode.Is(unicode.So, r) {
		return false
	}
	rest := strings.TrimLeftFunc(l, isDecoration)
	r2, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLetter(r2) || unicode.IsDigit(r2)
}

// isDecoration matches the runes an emoji heading starts with: symbols,
// variation selectors, joiners, skin-tone modifiers and spaces.
func isDecoration(r rune) bool {
	return unicode.In(r, unicode.So, unicode.Sk, unicode.Mn, unicode.Me, unicode.Cf) || unicode.IsSpace(r)
}

// classify maps a heading's words to a section. Title-bearing headings
// ("Fargo: Detailed Plot Synopsis", "Fargo Reviews", "How to Watch Fargo?")
// are matched on their fixed part first so that a film title holding a
// keyword ("Cast Away") cannot mislead the keyword rules.
func classify(name string) section {
	low := strings.ToLower(name)
	switch {
	case strings.HasSuffix(low, "plot synopsis") || strings.HasSuffix(low, "synopsis"):
		return secSynopsis
	case strings.HasPrefix(low, "how to watch"), strings.HasSuffix(low, "related products"):
		return secSkip
	case strings.Contains(low, "badly"):
		return secBadly
	case strings.Contains(low, "professional review") || strings.Contains(low, "critic review"):
		return secProfessional
	case strings.Contains(low, "personal review"):
		return secPersonal
	case strings.Contains(low, "audience reaction"):
		return secReactions
	case strings.HasSuffix(low, "reviews") || strings.HasSuffix(low, "review"):
		return secReviews
	case strings.Contains(low, "spoiler") || strings.Contains(low, "ending explained"):
		return secSpoilers
	case strings.Contains(low, "overview") || strings.Contains(low, "quick facts"):
		return secOverview
	case strings.Contains(low, "cast") || strings.Contains(low, "characters"):
		return secCast
	case strings.Contains(low, "quote"):
		return secQuotes
	case strings.Contains(low, "box office"):
		return secBoxOffice
	case strings.Contains(low, "award"):
		return secAwards
	case strings.Contains(low, "behind the scenes") || strings.Contains(low, "trivia"):
		return secTrivia
	case strings.Contains(low, "similar"):
		return secSimilar
	case low == "faq" || strings.Contains(low, "frequently asked"):
		return secFAQ
	case low == "rate" || strings.HasPrefix(low, "rate "):
		return secRate
	case strings.Contains(low, "plot"):
		return secSynopsis
	}
	return secSkip
}

// headingTitle votes for the film's title from headings that carry it.
func (p *parser) headingTitle(s section, name string) {
	switch {
	case s == secSynopsis:
		if i := strings.LastIndex(name, ":"); i > 0 {
			p.vote(name[:i])
		}
	case s == secReviews:
		if t, ok := cutSuffixFold(name, " Reviews"); ok {
			p.vote(t)
		}
	case s == secSkip:
		if t, ok := cutPrefixFold(name, "How to Watch "); ok {
			p.vote(strings.TrimSuffix(t, "?"))
		}
	}
}

// vote counts one mention of a candidate title.
func (p *parser) vote(t string) {
	t = strings.TrimSpace(t)
	if t == "" || utf8.RuneCountInString(t) > 120 {
		return
	}
	if p.votes[t] == 0 {
		p.order = append(p.order, t)
	}
	p.votes[t]++
}

// endSection files whatever the current section accumulated.
func (p *parser) endSection() {
	pg := p.page
	switch p.sec {
	case secBadly:
		if t := strings.Join(p.text, " "); t != "" {
			pg.Plot = append(pg.Plot, knowledge.PlotSection{Heading: p.head, Text: t})
		}
	case secSynopsis, secSpoilers:
		p.flushPara()
		p.plotSections()
	case secPersonal, secReviews, secProfessional:
		p.filePersonal()
		p.fileProfessional()
	}
	p.text, p.list, p.question = nil, "", ""
}

// flushPara closes the synopsis paragraph being read.
func (p *parser) flushPara() {
	if len(p.cur) > 0 {
		p.paras = append(p.paras, p.cur)
		p.cur = nil
	}
}

// plotSections turns synopsis or spoiler paragraphs into plot sections.
// A paragraph's first line is its sub-heading when it is short and has no
// sentence punctuation. In the synopsis only the first section is the
// premise; every later one is marked a spoiler, because the site narrates
// the whole story there. Everything under the spoiler heading is a spoiler.
func (p *parser) plotSections() {
	paras := p.paras
	p.paras = nil
	pending := ""
	for _, para := range paras {
		if len(para) == 1 && isSubheading(para[0]) {
			pending = para[0] // a sub-heading with its text after a blank line
			continue
		}
		h, body := pending, para
		pending = ""
		if len(para) > 1 && isSubheading(para[0]) {
			h, body = para[0], para[1:]
		}
		if h == "" {
			h = p.head
		}
		t := strings.Join(body, " ")
		ps := knowledge.PlotSection{Heading: h, Text: t, Spoiler: true}
		if p.sec == secSynopsis && !p.premise {
			ps.Premise, ps.Spoiler = true, false
			p.premise = true
		}
		p.page.Plot = append(p.page.Plot, ps)
	}
}

// isSubheading reports whether l looks like a synopsis sub-heading.
func isSubheading(l string) bool {
	if utf8.RuneCountInString(l) > 80 || len(strings.Fields(l)) > 10 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l)
	return !strings.ContainsRune(".!?…:;,", r)
}

// overview reads the "- Key: value" quick facts.
func (p *parser) overview(l string) {
	k, v, ok := keyValue(item(l))
	if !ok || v == "" {
		return
	}
	pg := p.page
	k = strings.ToLower(k)
	switch {
	case strings.Contains(k, "director"):
		for _, n := range splitList(v) {
			pg.Crew = append(pg.Crew, knowledge.CrewMember{Name: n, Job: "director"})
		}
	case strings.Contains(k, "writer") || strings.Contains(k, "screenplay"):
		for _, n := range splitList(v) {
			pg.Crew = append(pg.Crew, knowledge.CrewMember{Name: n, Job: "writer"})
		}
	case strings.Contains(k, "genre"):
		pg.Genres = append(pg.Genres, splitList(v)...)
	case strings.Contains(k, "year"):
		if y := findYear(v); y > 0 {
			pg.Year = y
		}
	case strings.Contains(k, "runtime") || strings.Contains(k, "length"):
		if m := textutil.ParseRuntime(v); m > 0 {
			pg.RuntimeMinutes = m
		}
	case strings.Contains(k, "imdb"):
		p.score("IMDb", "user", v)
	case strings.Contains(k, "rotten"):
		p.score("Rotten Tomatoes", "critic", v)
	case strings.Contains(k, "metacritic") || strings.Contains(k, "metascore"):
		p.score("Metacritic", "critic", v)
	}
}

// score reads "7.5/10 (139K votes)" or "90%" into a Score.
func (p *parser) score(siteName, kind, v string) {
	s := knowledge.Score{Site: siteName, Kind: kind}
	main, extra, _ := strings.Cut(v, "(")
	main = strings.TrimSpace(main)
	s.Text = main
	switch {
	case strings.HasSuffix(main, "%"):
		if f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(main, "%")), 64); err == nil && f >= 0 && f <= 100 {
			s.Value, s.Max = f, 100
		}
	case strings.Contains(main, "/"):
		a, b, _ := strings.Cut(main, "/")
		fa, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		fb, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if err1 == nil && err2 == nil && fb > 0 && fa >= 0 && fa <= fb {
			s.Value, s.Max = fa, fb
		}
	default:
		if f, err := strconv.ParseFloat(main, 64); err == nil && f >= 0 && f <= 100 {
			s.Value, s.Max = f, 100
		}
	}
	if s.Text == "" {
		return
	}
	if extra != "" {
		f := strings.Fields(strings.TrimSuffix(strings.TrimSpace(extra), ")"))
		if len(f) >= 1 {
			s.Count = parseCount(f[0])
			if s.Count > 0 && len(f) >= 2 {
				s.CountKind = strings.ToLower(f[1])
			}
		}
	}
	p.page.Scores = append(p.page.Scores, s)
}

// parseCount reads "139K", "1.2M" or "48,311" into a number, or 0.
func parseCount(s string) int {
	mult := 1.0
	switch {
	case strings.HasSuffix(s, "K") || strings.HasSuffix(s, "k"):
		mult, s = 1e3, s[:len(s)-1]
	case strings.HasSuffix(s, "M") || strings.HasSuffix(s, "m"):
		mult, s = 1e6, s[:len(s)-1]
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil || f < 0 || f*mult > 1e10 {
		return 0
	}
	return int(f*mult + 0.5)
}

// castLine reads "- Character (Actor): description".
func (p *parser) castLine(l string) {
	l = item(l)
	end := strings.Index(l, "):")
	if end < 0 {
		if strings.HasSuffix(l, ")") {
			end = len(l) - 1
		} else {
			return
		}
	}
	open := strings.LastIndex(l[:end], "(")
	if open <= 0 {
		return
	}
	char, actor := strings.TrimSpace(l[:open]), strings.TrimSpace(l[open+1:end])
	desc := ""
	if end+2 <= len(l) {
		desc = strings.TrimSpace(l[end+2:])
	}
	if char == "" || actor == "" {
		return
	}
	p.page.Cast = append(p.page.Cast, knowledge.CastMember{
		Actor: actor, Character: char, Description: desc, Billing: len(p.page.Cast) + 1,
	})
}

// quoteLine reads "- Character: “line” – context".
func (p *parser) quoteLine(l string) {
	l = item(l)
	open := strings.IndexAny(l, "“\"")
	colon := strings.Index(l, ":")
	if colon <= 0 || open >= 0 && colon > open {
		return
	}
	char := strings.TrimSpace(l[:colon])
	rest := strings.TrimSpace(l[colon+1:])
	text, ctx := splitQuote(rest)
	if char == "" || text == "" {
		return
	}
	p.page.Quotes = append(p.page.Quotes, knowledge.Quote{Character: char, Text: text, Context: ctx})
}

// splitQuote splits "“line” – context" into the line (without its quote
// marks) and the context.
func splitQuote(s string) (text, ctx string) {
	var closing string
	switch {
	case strings.HasPrefix(s, "“"):
		s, closing = s[len("“"):], "”"
	case strings.HasPrefix(s, "\""):
		s, closing = s[1:], "\""
	}
	if closing != "" {
		// The context may quote words too, so prefer the closing mark that
		// comes right before the dash.
		for _, sep := range []string{closing + " –", closing + " —", closing + " -"} {
			if i := strings.Index(s, sep); i >= 0 {
				return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):])
			}
		}
		if i := strings.LastIndex(s, closing); i >= 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(strings.TrimLeft(s[i+len(closing):], " –—-"))
		}
		return strings.TrimSpace(s), ""
	}
	for _, sep := range []string{" – ", " — "} {
		if i := strings.Index(s, sep); i >= 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):])
		}
	}
	return s, ""
}

// money reads "- Budget: $3.6M" lines.
func (p *parser) money(l string) {
	k, v, ok := keyValue(item(l))
	if !ok {
		return
	}
	amt, ok := textutil.ParseMoney(v)
	if !ok {
		return
	}
	kind := "box office"
	switch low := strings.ToLower(k); {
	case strings.Contains(low, "budget"):
		kind = "budget"
	case strings.Contains(low, "domestic"):
		kind = "domestic gross"
	case strings.Contains(low, "worldwide") || strings.Contains(low, "world"):
		kind = "worldwide gross"
	case strings.Contains(low, "marketing"):
		kind = "marketing"
	}
	p.page.Money = append(p.page.Money, knowledge.Money{Kind: kind, Amount: amt, Text: v})
}

// reviewLine reads the review block: the personal review paragraph, its
// "Who would enjoy" and "Content warnings" lists, and the professional
// reviews.
func (p *parser) reviewLine(l string) {
	if !strings.HasPrefix(l, "- ") && !strings.HasPrefix(l, "• ") {
		switch p.sec {
		case secPersonal:
			p.text = append(p.text, l)
		case secProfessional:
			p.appendProfessional(l)
		}
		return
	}
	it := item(l)
	if strings.HasSuffix(strings.TrimRightFunc(it, isDecoration), ":") {
		p.filePersonal()
		low := strings.ToLower(it)
		switch {
		case strings.Contains(low, "enjoy"):
			p.list = "audience"
		case strings.Contains(low, "warning"):
			p.list = "content warning"
		default:
			p.list = "-" // a list we do not keep
		}
		return
	}
	if p.list != "" {
		if p.list != "-" {
			if t := unquote(it); t != "" {
				p.page.Facts = append(p.page.Facts, knowledge.Fact{Kind: p.list, Text: t})
			}
		}
		return
	}
	if p.sec == secProfessional {
		if k, v, ok := keyValue(it); ok && isAuthor(k) {
			p.fileProfessional()
			p.prof = &knowledge.Review{Site: site, Kind: knowledge.ReviewCritic, Author: k}
			p.profParts = []string{v}
			return
		}
		p.appendProfessional(it)
	}
}

// appendProfessional adds a continuation line to the professional review
// being read.
func (p *parser) appendProfessional(l string) {
	if p.prof != nil {
		p.profParts = append(p.profParts, l)
	}
}

// fileProfessional stores the professional review being read. Its text is
// quoted on the page, though the closing mark is often missing.
func (p *parser) fileProfessional() {
	if p.prof == nil {
		return
	}
	r := p.prof
	r.Text = unquote(strings.Join(p.profParts, " "))
	p.prof, p.profParts = nil, nil
	if r.Text != "" {
		p.page.Reviews = append(p.page.Reviews, *r)
	}
}

// isAuthor reports whether k can be a critic's name.
func isAuthor(k string) bool {
	return k != "" && utf8.RuneCountInString(k) <= 50 && len(strings.Fields(k)) <= 5
}

// filePersonal stores the site's own review once its paragraph is read.
func (p *parser) filePersonal() {
	if p.sec != secPersonal || len(p.text) == 0 {
		return
	}
	p.page.Reviews = append(p.page.Reviews, knowledge.Review{
		Site: site, Kind: knowledge.ReviewCritic, Title: "Personal Review", Text: strings.Join(p.text, " "),
	})
	p.text = nil
}

// reaction reads an audience reaction. The template glues a headline to
// its explanation with ".:"; the colon is dropped.
func (p *parser) reaction(l string) {
	t := item(l)
	for _, glue := range []string{".: ", "!: ", "?: "} {
		if i := strings.Index(t, glue); i >= 0 {
			t = t[:i+1] + " " + t[i+len(glue):]
			break
		}
	}
	if t != "" {
		p.page.Facts = append(p.page.Facts, knowledge.Fact{Kind: "reception", Text: t})
	}
}

// award reads "- Academy Award (Best Actor)- 1996"; a line that mentions a
// nomination is a nomination, any other a win.
func (p *parser) award(l string) {
	l = item(l)
	a := knowledge.Award{Result: knowledge.Won, Year: findYear(l)}
	low := strings.ToLower(l)
	if strings.Contains(low, "nominat") || strings.Contains(low, "nominee") {
		a.Result = knowledge.Nominated
	}
	body := l
	if open := strings.Index(l, "("); open >= 0 {
		if end := strings.LastIndex(l, ")"); end > open {
			a.Category = strings.TrimSpace(l[open+1 : end])
		}
		body = l[:open]
	} else if i := strings.LastIndexAny(l, "-–—"); i > 0 {
		body = l[:i]
	}
	var words []string
	for _, w := range strings.Fields(body) {
		switch strings.ToLower(strings.Trim(w, ",:;-–—")) {
		case "nomination", "nominated", "nominee", "winner", "won", "win":
			continue
		}
		words = append(words, w)
	}
	a.Body = strings.Trim(strings.Join(words, " "), " ,:;-–—")
	if a.Body == "" {
		return
	}
	p.page.Awards = append(p.page.Awards, a)
}

// similar reads "- Title (Year): reason" and the "If you enjoyed Title,
// you might like…" line, which also names the film.
func (p *parser) similar(l string) {
	if rest, ok := cutPrefixFold(l, "If you enjoyed "); ok {
		if i := strings.Index(rest, ", you might like"); i > 0 {
			p.vote(rest[:i])
		}
		return
	}
	if !strings.HasPrefix(l, "- ") && !strings.HasPrefix(l, "• ") {
		return
	}
	it := item(l)
	head, reason := it, ""
	if i := yearColon(it); i > 0 {
		head, reason = it[:i+1], strings.TrimSpace(it[i+2:])
	} else if k, v, ok := keyValue(it); ok {
		head, reason = k, v
	}
	title, year := textutil.TitleYear(head)
	if title == "" {
		return
	}
	p.page.Similar = append(p.page.Similar, knowledge.SimilarFilm{Title: title, Year: year, Reason: reason})
}

// yearColon returns the index of the ")" in the first "(YYYY):" of s, or -1.
func yearColon(s string) int {
	for i := 0; i+7 <= len(s); i++ {
		if s[i] == '(' && s[i+5] == ')' && s[i+6] == ':' && isDigits(s[i+1:i+5]) {
			return i + 5
		}
	}
	return -1
}

// faqLine reads a FAQ answer. The captures lose the questions; when one is
// there (a line ending in "?") it is kept in front of its answer.
func (p *parser) faqLine(l string) {
	if strings.HasSuffix(l, "?") && utf8.RuneCountInString(l) <= 150 {
		p.question = l
		return
	}
	t := l
	if p.question != "" {
		t = p.question + " " + l
		p.question = ""
	}
	p.page.Facts = append(p.page.Facts, knowledge.Fact{Kind: "faq", Text: t, Spoiler: textutil.RevealsEnding(t)})
	p.faq++
}

// workKinds are the kinds of source work "based on the … X by Name" names.
var workKinds = map[string]string{
	"novel": "novel", "novella": "novella", "book": "book", "memoir": "memoir",
	"play": "play", "story": "short story", "comic": "comic", "musical": "musical",
}

// scanBasedOn looks for "based on the (…) novel (of the same name) by Name".
func (p *parser) scanBasedOn(l string) {
	if p.based != nil {
		return
	}
	w := strings.Fields(l)
	for i := 0; i+1 < len(w); i++ {
		if bare(w[i]) != "based" || bare(w[i+1]) != "on" {
			continue
		}
		if i > 0 {
			if prev := bare(w[i-1]); prev == "not" || prev == "isnt" || prev == "wasnt" || prev == "never" {
				continue
			}
		}
		if wk, same := readWork(w[i+2:]); wk != nil {
			p.based, p.basedTitle = wk, same
			return
		}
	}
}

// readWork reads "the semi-autobiographical 1990 novel of the same name by
// John O’Brien" or "the novel “Title” by Name" from the words after "based
// on". It returns nil unless it finds a kind of work and an author. A work
// "of the same name" is left without a title for finish to fill in with the
// film's, and sameName reports it.
func readWork(w []string) (wk *knowledge.Work, sameName bool) {
	wk = &knowledge.Work{}
	i := 0
	for ; i < len(w) && i < 6; i++ {
		b := bare(w[i])
		if k, ok := workKinds[b]; ok {
			wk.Kind = k
			break
		}
		if len(b) == 4 && isDigits(b) {
			wk.Year, _ = strconv.Atoi(b)
		}
	}
	if wk.Kind == "" {
		return nil, false
	}
	i++
	if i+3 < len(w) && bare(w[i]) == "of" && bare(w[i+1]) == "the" && bare(w[i+2]) == "same" && bare(w[i+3]) == "name" {
		sameName = true
		i += 4
	}
	if !sameName && i < len(w) && strings.HasPrefix(w[i], "“") {
		// A quoted title: "the novel “Blue Moon” by …".
		var t []string
		for ; i < len(w) && len(t) < 12; i++ {
			t = append(t, w[i])
			if strings.HasSuffix(strings.TrimRight(w[i], ",."), "”") {
				i++
				wk.Title = strings.Trim(strings.Join(t, " "), "“”,. ")
				break
			}
		}
	}
	if i >= len(w) || bare(w[i]) != "by" {
		return nil, false
	}
	var name []string
	for i++; i < len(w) && len(name) < 4; i++ {
		word := strings.TrimRight(w[i], ".,;:!?)")
		r, _ := utf8.DecodeRuneInString(word)
		if !unicode.IsUpper(r) {
			break
		}
		if isInitial(word) && strings.HasPrefix(w[i][len(word):], ".") {
			name = append(name, word+".") // "J." goes on: "J. R. Smith"
			continue
		}
		name = append(name, word)
		if word != w[i] {
			break // punctuation ended the name
		}
	}
	if len(name) == 0 {
		return nil, false
	}
	wk.Author = strings.Join(name, " ")
	return wk, sameName
}

// isInitial reports whether word is a single letter, the "J" of "J.".
func isInitial(word string) bool {
	return utf8.RuneCountInString(word) == 1
}

// bare lower-cases w and strips everything but letters and digits.
func bare(w string) string {
	return strings.ReplaceAll(textutil.Fold(w), " ", "")
}

// finish checks the page and settles title, year and source work.
func (p *parser) finish() (*knowledge.Page, error) {
	pg := p.page
	best := 0
	for _, t := range p.order {
		if n := p.votes[t]; n > best {
			pg.Title, best = t, n
		}
	}
	if p.based != nil {
		if p.basedTitle {
			p.based.Title = pg.Title
		}
		pg.BasedOn = p.based
	}
	if p.sections < 2 {
		return nil, fmt.Errorf("no film-summary sections")
	}
	if p.faq == 0 && !p.rate {
		return nil, fmt.Errorf("%w: the page stops before the FAQ and rating sections", knowledge.ErrTruncated)
	}
	if !p.lastHead && !finished(p.last) {
		return nil, fmt.Errorf("%w: the last line stops mid-sentence", knowledge.ErrTruncated)
	}
	return pg, nil
}

// finished reports whether l ends like a complete sentence or item.
func finished(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(l)
	return strings.ContainsRune(".!?…\"”’)", r)
}

// item strips a list bullet.
func item(l string) string {
	for _, b := range []string{"- ", "• ", "* "} {
		if strings.HasPrefix(l, b) {
			return strings.TrimSpace(l[len(b):])
		}
	}
	return l
}

// keyValue splits "Key: value" at the first colon.
func keyValue(s string) (k, v string, ok bool) {
	i := strings.Index(s, ":")
	if i <= 0 {
		return "", "", false
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:]), true
}

// unquote trims the curly or straight quotes around an item.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "“")
	s = strings.TrimSuffix(s, "”")
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	} else {
		s = strings.TrimPrefix(s, "\"")
	}
	return strings.TrimSpace(s)
}

// splitList splits "Drama, Romance" or "Joel Coen & Ethan Coen".
func splitList(v string) []string {
	v = strings.NewReplacer(" & ", ",", " and ", ",", "/", ",").Replace(v)
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// findYear returns the last plausible four-digit year in s, or 0.
func findYear(s string) int {
	year := 0
	for i := 0; i+4 <= len(s); i++ {
		if !isDigits(s[i:i+4]) || i > 0 && isDigit(s[i-1]) || i+4 < len(s) && isDigit(s[i+4]) {
			continue
		}
		if y, _ := strconv.Atoi(s[i : i+4]); y >= 1870 && y <= 2200 {
			year = y
		}
	}
	return year
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && asciiEqualFold(s[:len(prefix)], prefix) {
		return strings.TrimSpace(s[len(prefix):]), true
	}
	return s, false
}

// cutSuffixFold is strings.CutSuffix ignoring ASCII case.
func cutSuffixFold(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && asciiEqualFold(s[len(s)-len(suffix):], suffix) {
		return strings.TrimSpace(s[:len(s)-len(suffix)]), true
	}
	return s, false
}

// asciiEqualFold compares byte strings of equal length ignoring ASCII case
// only. Unlike strings.EqualFold it never matches a multi-byte rune (the
// Kelvin sign, the long s) to an ASCII letter, so slicing at the matched
// length cannot split a rune.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
