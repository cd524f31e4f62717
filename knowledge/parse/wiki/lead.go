package wiki

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/textutil"
)

// titleDisambig matches the disambiguation Wikipedia adds to a film's
// title: "Fargo (1996 film)", "Crash (film)".
var titleDisambig = regexp.MustCompile(`\s*\((?:(\d{4}) )?(?:[A-Z][a-z]+ )?film\)$`)

// genreSkip are descriptive words of a lead's first sentence that are not
// genres.
var genreSkip = map[string]bool{
	"independent": true, "feature": true, "low-budget": true, "black-and-white": true,
	"silent": true, "short": true, "semi-autobiographical": true, "autobiographical": true,
	"english-language": true, "and": true, "a": true, "an": true, "live-action": true,
	"feature-length": true, "big-budget": true, "theatrical": true, "made-for-television": true,
}

// genreCompounds are two-word genres.
var genreCompounds = map[string]bool{
	"black comedy": true, "dark comedy": true, "romantic comedy": true, "romantic drama": true,
	"science fiction": true, "psychological thriller": true, "psychological drama": true,
	"psychological horror": true, "action comedy": true, "teen comedy": true,
	"martial arts": true, "film noir": true, "period drama": true, "legal drama": true,
	"political thriller": true, "erotic thriller": true, "disaster film": false,
	"road movie": false, "coming of age": true, "buddy cop": true, "crime drama": false,
}

// filmNouns end the descriptive phrase of a lead: "a 1995 American drama
// film".
var filmNouns = map[string]bool{"film": true, "films": true, "movie": true, "picture": true, "documentary": true}

// parseIdentity reads the title, year, nationality and genres.
func parseIdentity(a *article, p *knowledge.Page) {
	title := a.title
	if m := titleDisambig.FindStringSubmatch(title); m != nil {
		title = strings.TrimSpace(title[:len(title)-len(m[0])])
		if m[1] != "" {
			p.Year, _ = strconv.Atoi(m[1])
		}
	}
	if t, y := textutil.TitleYear(title); y > 0 {
		title, p.Year = t, y
	}
	p.Title = title
	sents := a.leadSentences()
	if len(sents) == 0 {
		return
	}
	toks := strings.Fields(plain(sents[0]))
	start := -1
	for i := 0; i+1 < len(toks) && i < 60; i++ {
		if (toks[i] == "is" || toks[i] == "was") && (toks[i+1] == "a" || toks[i+1] == "an") {
			start = i + 2
			break
		}
	}
	if start < 0 {
		return
	}
	var nation, genres []string
	found := false
	for i := start; i < len(toks) && i < start+12; i++ {
		t := toks[i]
		w := strings.ToLower(trimPunct(t))
		if y, err := strconv.Atoi(w); err == nil && len(w) == 4 {
			if p.Year == 0 || !found {
				p.Year = y
			}
			continue
		}
		if filmNouns[w] {
			found = true
			if w == "documentary" {
				genres = append(genres, w)
			}
			break
		}
		if w != trimPunct(t) && strings.ContainsAny(t, ",;") {
			break
		}
		if startsUpper(t) {
			if len(genres) == 0 {
				nation = append(nation, trimPunct(t))
			}
			continue
		}
		if !genreSkip[w] && w != "" {
			genres = append(genres, w)
		}
	}
	if !found {
		return
	}
	if len(nation) > 0 {
		p.Attributes = append(p.Attributes, knowledge.Attribute{Field: "nationality", Value: strings.Join(nation, " ")})
	}
	for i := 0; i < len(genres); i++ {
		g := genres[i]
		if i+1 < len(genres) && genreCompounds[g+" "+genres[i+1]] {
			g += " " + genres[i+1]
			i++
		}
		p.Genres = append(p.Genres, upperFirst(g))
	}
}

// crewVerbs map the participles of a credit ("written and directed by") to
// crew jobs. Fillers may sit in the list without a job of their own.
var crewVerbs = map[string]string{
	"written": "writer", "co-written": "writer", "directed": "director",
	"co-directed": "director", "produced": "producer", "co-produced": "producer",
	"edited": "editor", "photographed": "cinematographer", "composed": "composer",
	"scored": "composer", "performed": "", "arranged": "", "conducted": "",
	// Nouns work the same way: "from a screenplay by", "music by".
	"screenplay": "writer", "music": "composer", "score": "composer",
	"cinematography": "cinematographer",
}

// leadOnlyJobs are read only from the lead: elsewhere "written by" may be
// about a song or a book.
var leadOnlyJobs = map[string]bool{"writer": true, "director": true, "producer": true, "editor": true}

// roleNouns precede a name: "cinematographer Roger Deakins".
var roleNouns = regexp.MustCompile(`(?i)\b(cinematographer|director of photography|composer|film editor)\s+([A-Z])`)

// parseCrew reads credits from the lead ("written and directed by X"),
// composers and cinematographers from the rest ("score composed by X",
// "cinematographer X"), and the source work ("based on the 1990 novel of
// the same name by John O'Brien").
func parseCrew(a *article, p *knowledge.Page) {
	known := map[string]bool{}
	add := func(name, job string) {
		name = strings.TrimSpace(name)
		if name == "" || job == "" || known[job+"\x00"+name] {
			return
		}
		known[job+"\x00"+name] = true
		p.Crew = append(p.Crew, knowledge.CrewMember{Name: name, Job: job})
	}
	for _, s := range a.leadSentences() {
		readCredits(plain(s), true, p, add)
		if p.BasedOn == nil {
			if w := basedOn(s, p.Title); w != nil {
				p.BasedOn = w
				for _, n := range strings.Split(w.Author, " and ") {
					add(n, w.Kind)
				}
			}
		}
	}
	for _, sec := range a.sections {
		switch sec.kind {
		case secProduction, secSoundtrack, secRelease, secHomeMedia, secTrivia:
		default:
			continue
		}
		for _, para := range sec.paras {
			for _, s := range sentences(para) {
				readCredits(plain(s), false, p, add)
			}
		}
	}
}

// readCredits finds "<participles> by <names>" and "cinematographer <name>"
// in one sentence.
func readCredits(s string, lead bool, p *knowledge.Page, add func(name, job string)) {
	toks := strings.Fields(s)
	for i, t := range toks {
		if t != "by" || i == 0 {
			continue
		}
		var jobs []string
		for j := i - 1; j >= 0 && j >= i-8; j-- {
			w := strings.ToLower(strings.TrimRight(toks[j], ","))
			if w == "and" || w == "&" {
				continue
			}
			job, ok := crewVerbs[w]
			if !ok {
				break
			}
			if job != "" {
				jobs = append(jobs, job)
			}
		}
		if len(jobs) == 0 {
			continue
		}
		music := hasFold(s, "score") || hasFold(s, "music") || hasFold(s, "soundtrack") || hasFold(s, "theme")
		names := readNames(strings.Join(toks[i+1:min(len(toks), i+41)], " "))
		for _, job := range jobs {
			if leadOnlyJobs[job] && !lead {
				continue
			}
			if job == "composer" && !music {
				continue
			}
			for _, n := range names {
				if !isCompany(n) { // "produced by Working Title Films" is a studio
					add(resolveGiven(n, p), job)
				}
			}
		}
	}
	for _, m := range roleNouns.FindAllStringSubmatchIndex(s, -1) {
		role := strings.ToLower(s[m[2]:m[3]])
		job := "cinematographer"
		switch role {
		case "composer":
			job = "composer"
		case "film editor":
			job = "editor"
		}
		if names := readNames(s[m[4]:]); len(names) > 0 && len(strings.Fields(names[0])) >= 2 {
			add(names[0], job)
		}
	}
}

// resolveGiven completes a lone given name from the crew already read:
// "directed by Joel" after "written by Joel and Ethan Coen".
func resolveGiven(name string, p *knowledge.Page) string {
	if strings.Contains(name, " ") {
		return name
	}
	match := ""
	for _, c := range p.Crew {
		f := strings.Fields(c.Name)
		if len(f) >= 2 && f[0] == name {
			if match != "" && match != c.Name {
				return name
			}
			match = c.Name
		}
	}
	if match != "" {
		return match
	}
	return name
}

// workKinds are the kinds of source work a film can be based on, longest
// first.
var workKinds = []string{
	"graphic novel", "short story", "stage play", "comic book", "novella", "novel",
	"play", "memoir", "musical", "book", "article", "biography", "poem", "opera",
}

var basedOnRe = regexp.MustCompile(`(?i)\bbased (?:up)?on (?:the |a |an |his |her |their )?`)

// basedOn reads "based on the semi-autobiographical 1990 novel of the same
// name by John O'Brien". s keeps the wiki italics marks (two apostrophes),
// which delimit a work's title.
func basedOn(s, filmTitle string) *knowledge.Work {
	loc := basedOnRe.FindStringIndex(s)
	if loc == nil {
		return nil
	}
	rest := s[loc[1]:]
	toks := strings.Fields(rest)
	if len(toks) > 14 {
		toks = toks[:14]
	}
	w := &knowledge.Work{}
	kindEnd := -1
	for i := 0; i < len(toks) && kindEnd < 0; i++ {
		t := strings.ToLower(trimPunct(toks[i]))
		if y, err := strconv.Atoi(t); err == nil && len(t) == 4 && y > 1000 {
			w.Year = y
			continue
		}
		for _, k := range workKinds {
			kw := strings.Fields(k)
			if i+len(kw) > len(toks) {
				continue
			}
			match := true
			for j, x := range kw {
				if strings.ToLower(trimPunct(toks[i+j])) != x {
					match = false
					break
				}
			}
			if match {
				w.Kind = k
				kindEnd = i + len(kw)
				break
			}
		}
		if kindEnd < 0 && startsUpper(toks[i]) && !strings.HasPrefix(toks[i], "''") {
			return nil // "based on John's ..." or a proper noun: not a work
		}
	}
	if kindEnd < 0 {
		return nil
	}
	after := strings.Join(toks[kindEnd:], " ")
	after = strings.TrimLeft(after, ", ")
	switch {
	case strings.HasPrefix(after, "of the same name"):
		w.Title = filmTitle
		after = strings.TrimPrefix(after, "of the same name")
	case strings.HasPrefix(after, "''"):
		if end := strings.Index(after[2:], "''"); end > 0 {
			w.Title = plain(after[2 : 2+end])
			after = after[4+end:]
		}
	case strings.HasPrefix(after, `"`) || strings.HasPrefix(after, "“"):
		q := after[:1]
		if q != `"` {
			q = "“"
		}
		body := after[len(q):]
		if end := strings.IndexAny(body, `"”`); end > 0 {
			w.Title = plain(body[:end])
			_, size := utf8.DecodeRuneInString(body[end:])
			after = body[end+size:]
		}
	}
	after = strings.TrimLeft(after, ", ")
	after = strings.TrimPrefix(after, "written ")
	if strings.HasPrefix(after, "by ") {
		names := readNames(after[3:])
		w.Author = strings.Join(names, " and ")
	}
	if w.Author == "" && w.Title == "" {
		return nil
	}
	return w
}

// premiseMarkers open the lead's description of the story.
var premiseMarkers = []string{
	" stars as ", " star as ", " starring as ", " follows ", " tells the story",
	" centers on ", " centres on ", " is about ", " revolves around ", " plays ",
	" portrays ", " story of ",
}

// starsAsRe finds "The film stars Owen Carrick as a widowed botanist".
var starsAsRe = regexp.MustCompile(`\bstars? (?:[A-Z][\p{L}.'’-]* ){1,4}as (?:a|an|the)\b`)

// premiseStops are words of lead sentences about the making or fortunes of
// a film rather than its story.
var premiseStops = []string{
	"novel", "film rights", "filmed", "filming", "shot in", "shot on", "production",
	"released", "release", "premiere", "premiered", "box office", "grossed", "gross",
	"award", "awards", "nominated", "nomination", "nominations", "academy", "oscar",
	"golden globe", "critics", "critical", "budget", "soundtrack", "score", "directed",
	"screenplay", "festival", "acclaim", "praise", "reviews", "cast", "mm",
}

// parsePremise keeps the lead's set-up of the story as a spoiler-free
// premise: from the sentence that introduces the story ("X stars as ...")
// up to the first sentence about the film's making or reception, provided
// nothing in it gives the ending away.
func parsePremise(a *article, p *knowledge.Page) {
	sents := a.leadSentences()
	var keep []string
	for i := 1; i < len(sents); i++ {
		s := plain(sents[i])
		if len(keep) == 0 {
			if !(hasAny(" "+s+" ", premiseMarkers) || starsAsRe.MatchString(s)) || isAboutFilm(s) {
				continue
			}
			keep = append(keep, s)
			continue
		}
		if isAboutFilm(s) || len(keep) >= 6 {
			break
		}
		keep = append(keep, s)
	}
	if len(keep) == 0 {
		return
	}
	text := strings.Join(keep, " ")
	if textutil.RevealsEnding(text) {
		return
	}
	p.Plot = append(p.Plot, knowledge.PlotSection{Heading: "Premise", Text: text, Premise: true})
}

func isAboutFilm(s string) bool {
	for _, w := range premiseStops {
		if hasFold(s, w) {
			return true
		}
	}
	return false
}

func hasAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// creditedAs matches a trailing "(as Michael A. Goorjian)".
var creditedAs = regexp.MustCompile(`\s*\(as ([^()]+)\)\s*$`)

// castNotes are parenthesised notes dropped from a character name.
var castNotes = regexp.MustCompile(`\s*\((?:uncredited|voice|cameo|credited only|archive footage)\)`)

// parseCast reads the Cast section's "* Actor as Role" list; the mirror
// runs the entries together on lines broken by links.
func parseCast(a *article, p *knowledge.Page) {
	for _, s := range a.sectionsOf(secCast) {
		for _, para := range s.paras {
			text := plain(para)
			if !strings.Contains(text, "*") {
				continue
			}
			var entry []string
			flush := func() {
				if len(entry) > 0 {
					castEntry(strings.Join(entry, " "), p)
					entry = nil
				}
			}
			for _, t := range strings.Fields(text) {
				if t == "*" {
					flush()
					continue
				}
				entry = append(entry, t)
			}
			flush()
		}
	}
}

func castEntry(e string, p *knowledge.Page) {
	actor, role, ok := strings.Cut(e, " as ")
	actor = strings.TrimSpace(actor)
	if actor == "" || !startsUpper(actor) || len(strings.Fields(actor)) > 6 {
		return
	}
	c := knowledge.CastMember{Actor: actor}
	if ok {
		if m := creditedAs.FindStringSubmatch(role); m != nil {
			c.CreditedAs = strings.TrimSpace(m[1])
			role = role[:len(role)-len(m[0])]
		}
		role = castNotes.ReplaceAllString(role, "")
		// "Marge Gunderson, the police chief of Brainerd": a description
		// follows the character's name after a comma or a dash.
		for _, sep := range []string{", ", " – ", " - ", " — "} {
			if name, desc, found := strings.Cut(role, sep); found && desc != "" && !startsUpper(desc) {
				role = name
				c.Description = strings.TrimSpace(desc)
				break
			}
		}
		c.Character = strings.TrimSpace(role)
	}
	c.Billing = len(p.Cast) + 1
	p.Cast = append(p.Cast, c)
}
