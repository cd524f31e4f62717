package wiki

import (
	"regexp"
	"strconv"
	"strings"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/textutil"
)

// proseOf returns the sentences (plain text) of the lead and of every
// section of the given kinds, each with the kind it came from.
func (a *article) proseOf(withLead bool, kinds ...string) []kindSentence {
	var out []kindSentence
	if withLead {
		for _, s := range a.leadSentences() {
			out = append(out, kindSentence{secLead, plain(s), s})
		}
	}
	for _, sec := range a.sectionsOf(kinds...) {
		for _, para := range sec.paras {
			for _, s := range sentences(para) {
				out = append(out, kindSentence{sec.kind, plain(s), s})
			}
		}
	}
	return out
}

type kindSentence struct {
	kind string
	text string // plain
	raw  string // italics kept
}

const monthNames = `January|February|March|April|May|June|July|August|September|October|November|December`

var dateRe = regexp.MustCompile(`\b(?:(?:` + monthNames + `) \d{1,2}, \d{4}|\d{1,2} (?:` + monthNames + `) \d{4}|(?:` + monthNames + `) \d{4})\b`)

// releaseCues name the kind of release a date belongs to. Specific cues win
// over the generic ones ("released", "opened") wherever they sit.
var releaseCues = []struct {
	word, kind string
	generic    bool
}{
	{"limited", "limited", false},
	{"nationwide", "wide", false},
	{"wide release", "wide", false},
	{"wide", "wide", false},
	{"general release", "wide", false},
	{"premiere", "premiere", false},
	{"premiered", "premiere", false},
	{"festival", "premiere", false},
	{"video cassettes", "vhs", false},
	{"video cassette", "vhs", false},
	{"videocassette", "vhs", false},
	{"videocassettes", "vhs", false},
	{"vhs", "vhs", false},
	{"laserdisc", "laserdisc", false},
	{"dvd", "dvd", false},
	{"blu-ray", "blu-ray", false},
	{"ultra hd", "4k", false},
	{"4k", "4k", false},
	{"soundtrack", "soundtrack", false},
	{"album", "soundtrack", false},
	{"released", "theatrical", true},
	{"opened", "theatrical", true},
	{"release", "theatrical", true},
	{"debuted", "theatrical", true},
}

// regionRe reads "in the United States" after a release cue.
var regionRe = regexp.MustCompile(`\bin (?:the )?([A-Z][\p{L}.]+(?: (?:[A-Z][\p{L}.]+|and|of))*)`)

var monthSet = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Split(monthNames, "|") {
		m[n] = true
	}
	return m
}()

// lastWordIndex returns the end of the last whole-word occurrence of w in
// s (both lower-case), or -1.
func lastWordIndex(s, w string) int {
	for end := len(s); end > 0; {
		i := strings.LastIndex(s[:end], w)
		if i < 0 {
			return -1
		}
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(w) >= len(s) || !isWordByte(s[i+len(w)])
		if before && after {
			return i + len(w)
		}
		end = i
	}
	return -1
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// parseReleases reads dated releases from the lead and the Release, Home
// media and Soundtrack sections. Each date takes the kind of the nearest
// cue before it in its sentence, after the previous date.
func parseReleases(a *article, p *knowledge.Page) {
	for _, s := range a.proseOf(true, secRelease, secHomeMedia, secSoundtrack) {
		prev := 0
		for _, m := range dateRe.FindAllStringIndex(s.text, -1) {
			window := s.text[prev:m[0]]
			prev = m[1]
			lw := asciiLower(window)
			kind, at, generic := "", -1, true
			for _, c := range releaseCues {
				i := lastWordIndex(lw, c.word)
				if i < 0 {
					continue
				}
				if (generic && !c.generic) || (generic == c.generic && i > at) {
					kind, at, generic = c.kind, i, c.generic
				}
			}
			if kind == "" {
				continue
			}
			if generic {
				switch s.kind {
				case secSoundtrack:
					kind = "soundtrack"
				case secHomeMedia:
					continue
				}
			}
			region := ""
			for _, rm := range regionRe.FindAllStringSubmatch(window[at:], -1) {
				r := cleanRegion(rm[1])
				if f := strings.Fields(r); len(f) > 0 && !monthSet[f[0]] {
					region = r
					break
				}
			}
			text := s.text[m[0]:m[1]]
			addRelease(p, knowledge.Release{Kind: kind, Date: textutil.ParseDate(text), Region: region, Text: text})
		}
	}
}

// cleanRegion trims what the region pattern takes too much of: a
// sentence's final dot ("in Australia.", but not "in the U.S."), a
// dangling "and" or "of".
func cleanRegion(r string) string {
	r = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(r), " and"), " of")
	if strings.Count(r, ".") == 1 && strings.HasSuffix(r, ".") {
		r = strings.TrimSuffix(r, ".")
	}
	return r
}

func addRelease(p *knowledge.Page, r knowledge.Release) {
	if r.Date == "" {
		return
	}
	for i, x := range p.Releases {
		if x.Kind == r.Kind && x.Date == r.Date {
			if x.Region == "" {
				p.Releases[i].Region = r.Region
			}
			return
		}
	}
	p.Releases = append(p.Releases, r)
}

// demonyms turn "the European release" into a region.
var demonyms = map[string]string{
	"European": "Europe", "American": "United States", "British": "United Kingdom",
	"Australian": "Australia", "Canadian": "Canada", "Japanese": "Japan",
	"French": "France", "German": "Germany", "Italian": "Italy", "Spanish": "Spain",
	"international": "International", "International": "International",
	"North American": "North America", "Asian": "Asia", "Latin American": "Latin America",
	"Irish": "Ireland", "Indian": "India", "Chinese": "China", "Korean": "South Korea",
	"overseas": "International", "foreign": "International", "worldwide": "Worldwide",
}

var (
	companyVerbRe   = regexp.MustCompile(`\b(distributed|released|handled|produced)\b`)
	afterObjRegion  = regexp.MustCompile(`^\s*(?:the film|the movie|the picture|it)?\s*(?:in|across|throughout|for) (?:the )?([A-Z][\p{L}.]*(?: [A-Z][\p{L}.]*)*)`)
	afterAdjRelease = regexp.MustCompile(`^\s*(?:the|its)? ?([A-Za-z]+(?: American)?) (?:release|distribution|rights)\b`)
	afterDistIn     = regexp.MustCompile(`^\s*(?:the )?(?:distribution|release) (?:in|for|across) (?:the )?([A-Z][\p{L}.]*(?: [A-Z][\p{L}.]*)*)`)
	afterObject     = regexp.MustCompile(`^\s*(?:the film|the movie|the picture|it)\b`)
	byCompanyRe     = regexp.MustCompile(`\b(distributed|released|produced|issued)(?: [^.;"“”]{0,80}?)? by ([A-Z0-9])`)
	prodCompanyRe   = regexp.MustCompile(`\b(?:production company|production companies|in association with|co-produced with) ([A-Z0-9])`)
)

// companyWords end company names ("Working Title Films").
var companyWords = map[string]bool{
	"Films": true, "Pictures": true, "Productions": true, "Studios": true,
	"Entertainment": true, "Company": true, "Corporation": true, "Media": true,
	"Releasing": true, "Distribution": true, "Filmes": true, "Film": true,
	"Video": true, "Artists": true, "Inc.": true, "Ltd.": true, "LLC": true,
	"Group": true, "Classics": true, "Studio": true, "Features": true,
}

// parseCompanies reads distributors by region ("United Artists distributed
// the film in North America, while RCV Film Distribution and Atalanta
// Filmes handled the European release"), home video companies
// ("distributed by MGM Home Entertainment" under Home media), production
// companies, and who paid for marketing.
func parseCompanies(a *article, p *knowledge.Page) {
	add := func(name, role, region string) {
		name = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(name), "'s"))
		if name == "" || notNames[name] {
			return
		}
		for _, c := range p.Companies {
			if c.Name == name && c.Role == role && c.Region == region {
				return
			}
		}
		p.Companies = append(p.Companies, knowledge.Company{Name: name, Role: role, Region: region})
	}
	for _, s := range a.proseOf(true, secRelease, secHomeMedia, secProduction, secReception) {
		text := s.text
		// Active: "<Company> distributed the film in <Region>".
		for _, m := range companyVerbRe.FindAllStringSubmatchIndex(text, -1) {
			verb := text[m[2]:m[3]]
			names := companyRunBefore(text[:m[0]])
			if len(names) == 0 {
				continue
			}
			rest := text[m[1]:]
			region := ""
			switch {
			case afterObjRegion.MatchString(rest):
				region = cleanRegion(afterObjRegion.FindStringSubmatch(rest)[1])
			case afterDistIn.MatchString(rest):
				region = cleanRegion(afterDistIn.FindStringSubmatch(rest)[1])
			case afterAdjRelease.MatchString(rest):
				adj := afterAdjRelease.FindStringSubmatch(rest)[1]
				if r, ok := demonyms[adj]; ok {
					region = r
				} else if startsUpper(adj) {
					region = adj
				}
			}
			role := "distributor"
			switch verb {
			case "produced":
				if !isCompany(names[0]) {
					continue
				}
				role = "studio"
			case "released", "distributed":
				if region == "" && !afterObject.MatchString(rest) {
					continue
				}
			case "handled":
				if region == "" && !strings.Contains(rest, "release") && !strings.Contains(rest, "distribution") {
					continue
				}
			}
			if s.kind == secHomeMedia && role == "distributor" {
				role = "home video"
			}
			for _, n := range names {
				add(n, role, region)
			}
		}
		// Passive: "distributed by <Company>".
		for _, m := range byCompanyRe.FindAllStringSubmatchIndex(text, -1) {
			verb := text[m[2]:m[3]]
			names, end := companyRunAfter(text[m[4]:])
			if len(names) == 0 {
				continue
			}
			if m[3]+4 != m[4] && !isCompany(names[0]) {
				continue // "released in the UK on ... by X": X must look like a company
			}
			role := "distributor"
			if verb == "produced" {
				if !isCompany(names[0]) {
					continue
				}
				role = "studio"
			} else if s.kind == secHomeMedia || hasFold(text, "dvd") || hasFold(text, "video") {
				role = "home video"
			}
			region := ""
			if rm := afterObjRegion.FindStringSubmatch(text[m[4]+end:]); rm != nil {
				region = cleanRegion(rm[1])
			}
			for _, n := range names {
				add(n, role, region)
			}
		}
		for _, m := range prodCompanyRe.FindAllStringSubmatchIndex(text, -1) {
			names, _ := companyRunAfter(text[m[2]:])
			for _, n := range names {
				add(n, "studio", "")
			}
		}
		// "MGM/UA reportedly spent less than $2 million marketing the film".
		if strings.Contains(text, "$") && (hasFold(text, "marketing") || hasFold(text, "advertising")) {
			if f := strings.Fields(text); len(f) > 1 && startsUpper(f[0]) && !notNames[f[0]] {
				names, _ := companyRunAfter(text)
				if len(names) == 1 && !strings.Contains(names[0], " ") || len(names) == 1 && isCompany(names[0]) {
					add(names[0], "marketing", "")
				}
			}
		}
	}
}

// isCompany reports whether a name ends like a company's.
func isCompany(name string) bool {
	f := strings.Fields(name)
	return len(f) > 0 && companyWords[f[len(f)-1]]
}

// companyToken reports whether a token can be part of a company name.
func companyToken(t string) bool {
	w := word(t)
	return w != "" && (startsUpper(w) || isOrdinal(w) || strings.Contains(w, "/") || w[0] >= '0' && w[0] <= '9')
}

// companyRunBefore reads the company names that end text: the capitalised
// run just before a verb, split on "and".
func companyRunBefore(text string) []string {
	toks := strings.Fields(tailBytes(text, 200))
	i := len(toks)
	for i > 0 && len(toks)-i < 12 {
		t := toks[i-1]
		if t == "and" || t == "&" {
			if i-2 >= 0 && companyToken(toks[i-2]) && !strings.HasSuffix(toks[i-2], ",") && i < len(toks) {
				i--
				continue
			}
			break
		}
		if !companyToken(t) || strings.ContainsAny(t[len(t)-1:], ",;:.") {
			break
		}
		i--
	}
	return splitCompanies(toks[i:])
}

// companyRunAfter reads company names from the start of text; it returns
// them and the byte length read.
func companyRunAfter(text string) ([]string, int) {
	text = headBytes(text, 300)
	toks := strings.Fields(text)
	var run []string
	for i, t := range toks {
		if i >= 12 {
			break
		}
		if (t == "and" || t == "&") && len(run) > 0 && i+1 < len(toks) && companyToken(toks[i+1]) {
			run = append(run, t)
			continue
		}
		if !companyToken(t) && !(t == "of" && len(run) > 0) {
			break
		}
		if strings.ContainsAny(t[len(t)-1:], ",;:.)") && !strings.HasSuffix(t, "Inc.") && !strings.HasSuffix(t, "Ltd.") {
			run = append(run, strings.TrimRight(t, ",;:.)"))
			break
		}
		run = append(run, t)
	}
	consumed := 0
	if len(run) > 0 {
		last := run[len(run)-1]
		if i := strings.Index(text, last); i >= 0 {
			consumed = i + len(last)
		}
	}
	return splitCompanies(run), consumed
}

func splitCompanies(run []string) []string {
	var out []string
	var cur []string
	flush := func() {
		n := strings.Join(cur, " ")
		n = strings.ReplaceAll(n, "''", "")
		if n != "" && !notNames[n] {
			out = append(out, n)
		}
		cur = nil
	}
	for _, t := range run {
		if t == "and" || t == "&" {
			flush()
			continue
		}
		cur = append(cur, t)
	}
	flush()
	return out
}

var (
	moneyRe     = regexp.MustCompile(`(?:US)?\$\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:million|billion|thousand|[mMbBkK])\b)?`)
	qualifierRe = regexp.MustCompile(`(?i)(?:less than|more than|just over|just under|over|under|about|approximately|around|nearly|almost|an estimated|roughly|some|up to) $`)
)

// moneyCues say what an amount is, read backwards from it.
var moneyCues = []struct{ word, kind string }{
	{"budget", "budget"}, {"budgeted", "budget"}, {"cost", "budget"}, {"costing", "budget"},
	{"gross", "box office"}, {"grossed", "box office"}, {"grossing", "box office"},
	{"grosses", "box office"}, {"earned", "box office"}, {"earning", "box office"},
	{"box office", "box office"}, {"took in", "box office"}, {"revenue", "box office"},
	{"marketing", "marketing"}, {"advertising", "marketing"}, {"promotion", "marketing"},
}

// parseMoney reads budgets, grosses and marketing spend from the lead and
// the production, release and reception sections (never the plot, where
// "$500" is part of the story).
func parseMoney(a *article, p *knowledge.Page) {
	for _, s := range a.proseOf(true, secProduction, secRelease, secReception) {
		prev := 0
		ctx := asciiLower(s.text)
		for _, m := range moneyRe.FindAllStringIndex(s.text, -1) {
			before := asciiLower(s.text[prev:m[0]])
			prev = m[1]
			afterWords := strings.Fields(strings.ToLower(headBytes(s.text[m[1]:], 60)))
			if len(afterWords) > 3 {
				afterWords = afterWords[:3]
			}
			after := " " + strings.Join(afterWords, " ") + " "
			kind := ""
			for _, c := range moneyCues {
				if strings.Contains(after, " "+c.word) && c.kind != "box office" {
					kind = c.kind
					break
				}
			}
			if kind == "" {
				at := -1
				for _, c := range moneyCues {
					if i := lastWordIndex(before, c.word); i > at {
						kind, at = c.kind, i
					}
				}
			}
			if kind == "" {
				continue
			}
			if kind == "box office" {
				switch {
				case strings.Contains(after, "worldwide") || strings.Contains(after, "world"):
					kind = "worldwide gross"
				case strings.Contains(after, "domestic") || strings.Contains(ctx, "united states and canada") && strings.Contains(after, " in "):
					kind = "domestic gross"
				}
			}
			text := s.text[m[0]:m[1]]
			if q := qualifierRe.FindString(tailBytes(s.text[:m[0]], 40)); q != "" {
				text = q + text
			}
			amount, ok := textutil.ParseMoney(s.text[m[0]:m[1]])
			if !ok {
				continue
			}
			dup := false
			for _, x := range p.Money {
				if x.Kind == kind && x.Amount == amount {
					dup = true
				}
			}
			if !dup {
				p.Money = append(p.Money, knowledge.Money{Kind: kind, Amount: amount, Text: text})
			}
		}
	}
}

var (
	percentRe   = regexp.MustCompile(`\b(\d{1,3})%`)
	countRe     = regexp.MustCompile(`(?i)\b(?:based on|from|out of|among|of) (\d[\d,]*) (?:critics'? |critic |professional |film )?(reviews|critics|ratings)\b`)
	averageRe   = regexp.MustCompile(`(?i)\baverage (?:rating|score) (?:of |is |was )?(\d+(?:\.\d+)?)(?:/| out of )(10|5|100)\b`)
	outOf100Re  = regexp.MustCompile(`\b(\d{1,3}) out of 100\b`)
	scoreOfRe   = regexp.MustCompile(`(?i)\b(?:score|metascore|rating) of (\d{1,3})\b`)
	verdictRe   = regexp.MustCompile(`(?i)\bindicating ["“]([^"”]+)["”]`)
	consensusRe = regexp.MustCompile(`(?i)\bconsensus(?: reads| states| says| is| summarizes| summarises)?[:,]? ["“]([^"”]+)["”]`)
	gradeRe     = regexp.MustCompile(`\bgrade of ["“]?([A-F][+−–-]?)["”]?`)
)

// parseScores reads the aggregators' figures from Reception ("an approval
// rating of 91% based on 53 reviews, with an average rating of 7.6/10",
// "a score of 82 out of 100 on Metacritic, based on 23 critics, indicating
// "universal acclaim"") and the critical consensus.
func parseScores(a *article, p *knowledge.Page) {
	sents := a.proseOf(false, secReception)
	for i, s := range sents {
		text := s.text
		rt := strings.Contains(text, "Rotten Tomatoes")
		mc := strings.Contains(text, "Metacritic")
		if rt && mc {
			// Both in one sentence: give each its own part.
			ri, mi := strings.Index(text, "Rotten Tomatoes"), strings.Index(text, "Metacritic")
			cut := strings.LastIndexAny(text[:max(ri, mi)], ",;")
			if cut < min(ri, mi) {
				cut = max(ri, mi)
			}
			if ri < mi {
				rtScore(text[:cut], "", p)
				mcScore(text[cut:], p)
			} else {
				mcScore(text[:cut], p)
				rtScore(text[cut:], "", p)
			}
		} else if rt {
			next := ""
			if i+1 < len(sents) {
				next = sents[i+1].text
			}
			rtScore(text, next, p)
		} else if mc {
			mcScore(text, p)
		}
		if strings.Contains(text, "CinemaScore") {
			if m := gradeRe.FindStringSubmatch(text); m != nil {
				p.Scores = append(p.Scores, knowledge.Score{Site: "CinemaScore", Kind: knowledge.ReviewAudience, Text: m[1]})
			}
		}
		if m := consensusRe.FindStringSubmatch(text); m != nil {
			c := strings.TrimSpace(m[1])
			p.Facts = append(p.Facts, knowledge.Fact{Kind: "consensus", Text: c, Spoiler: textutil.RevealsEnding(c)})
		}
	}
}

// rtScore reads a Rotten Tomatoes figure from text, or from the next
// sentence when text only names the site.
func rtScore(text, next string, p *knowledge.Page) {
	if !percentRe.MatchString(text) && percentRe.MatchString(next) && !strings.Contains(next, "Metacritic") {
		text += " " + next
	}
	m := percentRe.FindStringSubmatch(text)
	if m == nil {
		return
	}
	v, _ := strconv.Atoi(m[1])
	if v > 100 {
		return
	}
	sc := knowledge.Score{Site: "Rotten Tomatoes", Kind: knowledge.ReviewCritic, Value: float64(v), Max: 100, Text: m[1] + "%"}
	if c := countRe.FindStringSubmatch(text); c != nil {
		sc.Count, _ = strconv.Atoi(strings.ReplaceAll(c[1], ",", ""))
		sc.CountKind = strings.ToLower(c[2])
	}
	if av := averageRe.FindStringSubmatch(text); av != nil {
		sc.Average = av[1] + "/" + av[2]
	}
	p.Scores = append(p.Scores, sc)
}

// mcScore reads a Metacritic figure ("82 out of 100", "a score of 85").
func mcScore(text string, p *knowledge.Page) {
	sc := knowledge.Score{Site: "Metacritic", Kind: knowledge.ReviewCritic, Max: 100}
	if m := outOf100Re.FindStringSubmatch(text); m != nil {
		v, _ := strconv.Atoi(m[1])
		sc.Value, sc.Text = float64(v), m[0]
	} else if m := scoreOfRe.FindStringSubmatch(text); m != nil {
		v, _ := strconv.Atoi(m[1])
		sc.Value, sc.Text = float64(v), m[1]
	} else {
		return
	}
	if sc.Value > 100 {
		return
	}
	if c := countRe.FindStringSubmatch(text); c != nil {
		sc.Count, _ = strconv.Atoi(strings.ReplaceAll(c[1], ",", ""))
		sc.CountKind = strings.ToLower(c[2])
	}
	if v := verdictRe.FindStringSubmatch(text); v != nil {
		sc.Verdict = upperFirst(strings.TrimSpace(v[1]))
	}
	p.Scores = append(p.Scores, sc)
}

// criticName is a person's name of two to four capitalised words.
const criticName = `([A-Z][\p{L}'’.-]+(?: [A-Z][\p{L}'’.-]+){1,3})`

var (
	criticFromRe    = regexp.MustCompile(criticName + ` (?:from|of|at|for|in) (?:the )?''([^']+?)''`)
	criticWritingRe = regexp.MustCompile(`(?:Writing|writing|Reviewing|reviewing) (?:for|in) (?:the )?''([^']+?)'',? ` + criticName)
	criticPossRe    = regexp.MustCompile(`''([^']+?)''(?:'s|’s) (?:critic |reviewer |film critic )?` + criticName)
	quoteRe         = regexp.MustCompile(`"[^"]+"|“[^”]+”`)
	speechVerbRe    = regexp.MustCompile(`\b(wrote|writes|writing|said|says|saying|called|calls|calling|described|describes|describing|stated|stating|praised|noted|noting|remarked|commented|opined|concluded|added|adding|declared|felt|argued|observed|deemed|claimed|summarized|summarised)\b`)
	leadInRe        = regexp.MustCompile(`^[\s,:]*(?:that\s+|it as\s+|it\s+|the film as\s+|the film\s+|the movie\s+|the picture\s+)?`)
)

// sentenceWords start sentences and are never part of a critic's name.
var sentenceWords = map[string]bool{
	"The": true, "Later": true, "Critic": true, "Film": true, "Reviewer": true,
	"And": true, "But": true, "In": true, "On": true, "At": true, "When": true,
	"Both": true, "Also": true, "Meanwhile": true, "However": true,
}

// parseReviews reads quoted critics from Reception: critics are introduced
// with their publication in italics ("Roger Ebert from Chicago
// Sun-Times", "Writing for X, Jane Doe"), and a sentence with a speech verb and a
// quotation is a review by the critic named (in full or by surname) before
// the verb.
func parseReviews(a *article, p *knowledge.Page) {
	sents := a.proseOf(false, secReception)
	type critic struct{ name, pub string }
	var critics []critic
	addCritic := func(name, pub string) {
		f := strings.Fields(name)
		for len(f) > 2 && sentenceWords[f[0]] {
			f = f[1:]
		}
		if len(f) < 2 || sentenceWords[f[0]] {
			return
		}
		name = strings.Join(f, " ")
		if len(critics) >= 50 {
			return
		}
		for _, c := range critics {
			if c.name == name {
				return
			}
		}
		critics = append(critics, critic{name, strings.TrimSpace(pub)})
	}
	for _, s := range sents {
		for _, m := range criticFromRe.FindAllStringSubmatch(s.raw, -1) {
			addCritic(m[1], m[2])
		}
		for _, m := range criticWritingRe.FindAllStringSubmatch(s.raw, -1) {
			addCritic(m[2], m[1])
		}
		for _, m := range criticPossRe.FindAllStringSubmatch(s.raw, -1) {
			addCritic(m[2], m[1])
		}
	}
	if len(critics) == 0 {
		return
	}
	index := map[string]int{}
	for _, s := range sents {
		text := s.text
		if !quoteRe.MatchString(text) {
			continue
		}
		vm := speechVerbRe.FindStringIndex(text)
		if vm == nil {
			continue
		}
		before := text[:vm[0]]
		best, at := -1, -1
		for ci, c := range critics {
			f := strings.Fields(c.name)
			for _, form := range []string{c.name, f[len(f)-1]} {
				if i := lastWordIndex(before, form); i > at {
					best, at = ci, i
				}
			}
		}
		if best < 0 {
			continue
		}
		body := text[vm[1]:]
		body = strings.TrimSpace(body[len(leadInRe.FindString(body)):])
		if u := unquote(body); u != body {
			body = u // a quotation as it stands
		} else {
			body = upperFirst(body) // "the Coens had "never been ...""
		}
		if body == "" {
			continue
		}
		c := critics[best]
		if i, ok := index[c.name]; ok {
			p.Reviews[i].Text += " " + body
			continue
		}
		index[c.name] = len(p.Reviews)
		p.Reviews = append(p.Reviews, knowledge.Review{
			Site: "Wikipedia", Kind: knowledge.ReviewCritic,
			Author: c.name, Publication: c.pub, Text: body,
		})
	}
}

// unquote removes the quotes around a text that is one quotation.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		if !strings.HasPrefix(s, q[0]) {
			continue
		}
		inner := s[len(q[0]):]
		end := strings.Index(inner, q[1])
		if end < 0 {
			continue
		}
		tail := strings.TrimSpace(inner[end+len(q[1]):])
		if tail == "" || tail == "." {
			return strings.TrimSpace(inner[:end])
		}
	}
	return s
}
