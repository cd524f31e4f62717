package wiki

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/textutil"
)

// The mirror has no awards table: a film's awards are told in the lead's
// prose ("Cage received the Golden Globe Award for Best Actor - Motion
// Picture Drama and the Academy Award for Best Actor, while Shue was
// nominated for ...") and hinted at by the category line ("Films featuring
// a Best Actor Academy Award-winning performance"). The prose is read as a
// stream of tokens: award bodies ("the 69th Academy Awards", "a Golden
// Globe"), categories (a capitalised run starting with "Best"), result cues
// ("won", "received", "nominated", "nominations") and people. Each category
// takes the nearest cue before it, the body named with it (or the last one
// named before it), and a recipient: "for <name>" after it or the subject
// of its clause.

// bodyWords end the name of an award-giving body or ceremony.
var bodyWords = map[string]bool{
	"Award": true, "Awards": true, "Oscar": true, "Oscars": true, "Globe": true,
	"Globes": true, "BAFTA": true, "BAFTAs": true, "Festival": true, "Prize": true,
	"Prizes": true,
}

// cueWords say whether a category was won or only nominated.
var cueWords = map[string]string{
	"won": knowledge.Won, "win": knowledge.Won, "wins": knowledge.Won, "winning": knowledge.Won,
	"received": knowledge.Won, "receive": knowledge.Won, "receiving": knowledge.Won,
	"earned": knowledge.Won, "earning": knowledge.Won, "garnered": knowledge.Won,
	"took": knowledge.Won, "awarded": knowledge.Won, "collected": knowledge.Won,
	"nominated": knowledge.Nominated, "nomination": knowledge.Nominated,
	"nominations": knowledge.Nominated, "nominee": knowledge.Nominated,
	"nominees": knowledge.Nominated, "shortlisted": knowledge.Nominated,
	"nod": knowledge.Nominated, "nods": knowledge.Nominated, "lost": knowledge.Nominated,
}

// catConnectors may sit inside a category name between capitalised words:
// "Best Actress – Motion Picture Musical or Comedy".
var catConnectors = map[string]bool{"in": true, "a": true, "an": true, "or": true, "of": true, "by": true, "the": true}

// clauseBreaks end the clause a subject is looked for in.
var clauseBreaks = map[string]bool{"while": true, "whereas": true, "but": true, "although": true, "though": true}

type bodyMention struct {
	body string
	year int
}

// awardReader carries the body last named from sentence to sentence.
type awardReader struct {
	persons []string
	title   string // folded, never a recipient
	ctx     *bodyMention
	def     *bodyMention
	out     []knowledge.Award
}

// defaultBodyRe finds "four Academy Award nominations" anywhere in the page,
// the body a bare "Best Director" falls back on.
var defaultBodyRe = regexp.MustCompile(`\b(Academy Award|Oscar|Golden Globe|BAFTA)s? nominations?\b`)

// parseAwards reads awards from the lead and Accolades prose, then the
// category line.
func parseAwards(a *article, p *knowledge.Page) {
	r := &awardReader{persons: persons(p), title: textutil.Fold(p.Title)}
	var all []string
	all = append(all, a.lead...)
	for _, s := range a.sections {
		if s.kind != secPlot && s.kind != secCast {
			all = append(all, s.paras...)
		}
	}
	for _, para := range all {
		if m := defaultBodyRe.FindStringSubmatch(plain(para)); m != nil {
			r.def = &bodyMention{body: normBody(strings.Fields(m[1]))}
			break
		}
	}
	for _, para := range a.lead {
		for _, s := range sentences(para) {
			r.sentence(plain(s))
		}
	}
	for _, sec := range a.sectionsOf(secAccolades) {
		for _, para := range sec.paras {
			for _, s := range sentences(para) {
				r.sentence(plain(s))
			}
		}
	}
	p.Awards = r.out
	categoryAwards(plain(a.closing), p)
}

// persons lists the people the page names in its cast and crew, for
// turning "Cage" into "Nicolas Cage".
func persons(p *knowledge.Page) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n != "" && !seen[n] && len(out) < 300 {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, c := range p.Cast {
		add(c.Actor)
	}
	for _, c := range p.Crew {
		add(c.Name)
	}
	return out
}

// sentence reads the awards of one sentence.
func (r *awardReader) sentence(s string) {
	s = strings.ReplaceAll(s, " - ", " – ")
	toks := strings.Fields(s)
	bodyEnds := map[int]bodyMention{} // token index just past a body → body
	for i := 0; i < len(toks); i++ {
		if b, end, ok := bodyAt(toks, i); ok {
			bodyEnds[end] = b
			bm := b
			r.ctx = &bm
			i = end - 1
			continue
		}
		cat, end, after := "", 0, (*bodyMention)(nil)
		if prize, festival, ok := prizeAt(toks, i); ok {
			// "won the Palme d'Or": the prize names its festival.
			cat, end, after = prize, i+len(strings.Fields(prize)), &bodyMention{body: festival}
		} else if toks[i] == "Best" {
			cat, end, after = readCategory(toks, i)
		} else {
			continue
		}
		if cat == "" {
			continue
		}
		// The body: "the Academy Award for Best X", "a Golden Globe
		// nomination for Best X", "Best X Oscar", "Best X at the 1996 Cannes
		// Film Festival", or the last one named.
		var body *bodyMention
		if i >= 1 && toks[i-1] == "for" {
			if b, ok := bodyEnds[i-1]; ok {
				body = &b
			} else if i >= 2 && cueWords[strings.ToLower(word(toks[i-2]))] == knowledge.Nominated {
				if b, ok := bodyEnds[i-2]; ok {
					body = &b
				}
			}
		}
		if after != nil {
			body = after
		}
		next := end
		if _, e, ok := bodyAt(toks, end); ok && after != nil {
			next = e
		} else if next < len(toks) && (toks[next] == "at" || toks[next] == "from") {
			j := next + 1
			if j < len(toks) && toks[j] == "the" {
				j++
			}
			if b, e, ok := bodyAt(toks, j); ok {
				body = &b
				bodyEnds[e] = b
				next = e
			}
		}
		if body != nil {
			bm := *body
			r.ctx = &bm
		} else if r.ctx != nil {
			body = r.ctx
		} else {
			body = r.def
		}
		if body == nil {
			i = end - 1
			continue
		}
		result, cue := r.cue(toks, i)
		if result == "" {
			i = end - 1
			continue
		}
		// The recipient: "for McDormand" after the category, else the
		// subject of the cue ("Cage received ..."); "for his performance"
		// and "for <the film's title>" name nobody.
		recipient := ""
		if next < len(toks) && toks[next] == "for" && next+1 < len(toks) && startsUpper(toks[next+1]) {
			// The names end where the next category or body begins:
			// "for McDormand and Best Original Screenplay for ...".
			stop := next + 1
			for stop < len(toks) && stop < next+12 && word(toks[stop]) != "Best" {
				if _, _, ok := bodyAt(toks, stop); ok {
					break
				}
				stop++
			}
			var names []string
			for _, n := range readNames(strings.Join(toks[next+1:stop], " ")) {
				if full := r.resolve(n); full != "" {
					names = append(names, full)
				}
			}
			recipient = strings.Join(names, " and ")
		}
		if recipient == "" {
			recipient = r.subject(toks, cue)
		}
		r.add(knowledge.Award{Body: body.body, Category: cat, Recipient: recipient, Result: result, Year: body.year}, false)
		i = end - 1
	}
}

// prizes are top awards named without "Best", with the festival that
// gives them.
var prizes = map[string]string{
	"Palme d'Or":  "Cannes Film Festival",
	"Palme d’Or":  "Cannes Film Festival",
	"Golden Lion": "Venice Film Festival",
	"Golden Bear": "Berlin International Film Festival",
}

// prizeAt reads one of the prizes at token i.
func prizeAt(toks []string, i int) (prize, festival string, ok bool) {
	if i+1 >= len(toks) {
		return "", "", false
	}
	p := toks[i] + " " + word(toks[i+1])
	if f, ok := prizes[p]; ok {
		return strings.ReplaceAll(p, "’", "'"), f, true
	}
	return "", "", false
}

// cue returns the result of the nearest cue word before token i and its
// index.
func (r *awardReader) cue(toks []string, i int) (string, int) {
	for j := i - 1; j >= 0 && j >= i-40; j-- {
		if res, ok := cueWords[strings.ToLower(word(toks[j]))]; ok {
			return res, j
		}
	}
	return "", -1
}

// subject finds the person a cue word is about: the nearest capitalised run
// before it in its clause that is not an award body ("Cage received",
// "McDormand's performance also brought a Golden Globe nomination").
func (r *awardReader) subject(toks []string, cue int) string {
	j := cue - 1
	for j >= 0 && j >= cue-40 {
		t := toks[j]
		w := word(t)
		if clauseBreaks[strings.ToLower(w)] || strings.ContainsAny(t[len(t)-1:], ",;:") {
			return ""
		}
		if !startsUpper(w) {
			j--
			continue
		}
		end := j + 1
		for j >= 0 && startsUpper(word(toks[j])) && !(j < end-1 && strings.ContainsAny(toks[j][len(toks[j])-1:], ",;:")) {
			j--
		}
		start := j + 1
		if _, _, ok := bodyAt(toks, start); ok {
			continue
		}
		var ws []string
		for _, t := range toks[start:end] {
			ws = append(ws, word(t))
		}
		return r.resolve(strings.Join(ws, " "))
	}
	return ""
}

// resolve turns a name as the prose gives it into a full name from the
// cast and crew: "Cage" → "Nicolas Cage", "the Coens" → "Joel Coen and
// Ethan Coen". A two-word name not on the page is kept as written; a lone
// unknown word (a title, a place) is not a person.
func (r *awardReader) resolve(name string) string {
	name = strings.TrimSpace(name)
	f := textutil.Fold(name)
	if f == "" || notNames[name] || f == r.title {
		return ""
	}
	for _, p := range r.persons {
		if textutil.Fold(p) == f {
			return p
		}
	}
	words := strings.Fields(f)
	if len(words) == 1 {
		var last, first []string
		for _, p := range r.persons {
			pw := strings.Fields(textutil.Fold(p))
			if len(pw) < 2 {
				continue
			}
			if pw[len(pw)-1] == f {
				last = appendNew(last, p)
			}
			if pw[0] == f {
				first = appendNew(first, p)
			}
		}
		switch {
		case len(last) == 1:
			return last[0]
		case len(last) == 0 && len(first) == 1:
			return first[0]
		}
		if strings.HasSuffix(f, "s") {
			var plural []string
			for _, p := range r.persons {
				pw := strings.Fields(textutil.Fold(p))
				if len(pw) >= 2 && pw[len(pw)-1] == strings.TrimSuffix(f, "s") {
					plural = appendNew(plural, p)
				}
			}
			if len(plural) >= 2 {
				return strings.Join(plural, " and ")
			}
		}
		return ""
	}
	for _, p := range r.persons {
		if strings.HasSuffix(" "+textutil.Fold(p), " "+f) {
			return p
		}
	}
	for _, w := range strings.Fields(name) {
		if bodyWords[w] || w == "Film" || w == "Best" {
			return ""
		}
	}
	return name
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// add records an award once. Category-line awards (loose) match any
// recipient: they only confirm what the prose said.
func (r *awardReader) add(aw knowledge.Award, loose bool) {
	for i, x := range r.out {
		if textutil.Fold(x.Body) != textutil.Fold(aw.Body) || textutil.Fold(x.Category) != textutil.Fold(aw.Category) {
			continue
		}
		if loose && (x.Result == aw.Result || aw.Result == knowledge.Nominated) {
			return
		}
		if x.Result == aw.Result && (x.Recipient == aw.Recipient || aw.Recipient == "") {
			return
		}
		if x.Result == aw.Result && x.Recipient == "" {
			r.out[i].Recipient = aw.Recipient
			return
		}
	}
	r.out = append(r.out, aw)
}

// bodyAt reads an award body starting at token i: a capitalised run ending
// in Award(s), Oscar(s), Globe(s), BAFTA(s), Festival or Prize, perhaps
// after an ordinal or a year ("the 69th Academy Awards", "1996 Cannes Film
// Festival"). It returns the body, normalised, and the index past it.
func bodyAt(toks []string, i int) (bodyMention, int, bool) {
	var run []string
	j := i
	for j < len(toks) && j < i+8 {
		t := toks[j]
		w := word(t)
		if w == "" || w == "Best" {
			break
		}
		ok := startsUpper(w) || isOrdinal(w) || isYear(w) ||
			(w == "of" && len(run) > 0 && j+1 < len(toks) && startsUpper(word(toks[j+1])))
		if !ok {
			break
		}
		run = append(run, w)
		j++
		if strings.ContainsAny(t[len(t)-1:], ",;:.!?\"”") || strings.HasSuffix(t, "'s") || strings.HasSuffix(t, "’s") {
			break
		}
	}
	last := -1
	for k, w := range run {
		if bodyWords[w] {
			last = k
		}
	}
	if last < 0 {
		return bodyMention{}, 0, false
	}
	words := run[:last+1]
	year := 0
	for len(words) > 0 && (words[0] == "The" || isOrdinal(words[0]) || isYear(words[0])) {
		if isYear(words[0]) {
			year, _ = strconv.Atoi(words[0])
		}
		if n := ordinal(words[0]); n > 0 && len(words) > 1 && words[1] == "Academy" {
			year = 1928 + n // the nth Academy Awards were held in 1928+n
		}
		words = words[1:]
	}
	body := normBody(words)
	if body == "" {
		return bodyMention{}, 0, false
	}
	return bodyMention{body: body, year: year}, i + last + 1, true
}

// normBody names a body the way the knowledge base does: singular, with
// "Award" ("Academy Awards" and "Oscars" → "Academy Award", "Golden Globes"
// → "Golden Globe Award").
func normBody(words []string) string {
	if len(words) == 0 {
		return ""
	}
	s := strings.Join(words, " ")
	switch s {
	case "Oscar", "Oscars", "Academy Award", "Academy Awards":
		return "Academy Award"
	case "Golden Globe", "Golden Globes", "Golden Globe Award", "Golden Globe Awards":
		return "Golden Globe Award"
	case "BAFTA", "BAFTAs", "BAFTA Award", "BAFTA Awards", "British Academy Film Award", "British Academy Film Awards":
		return "BAFTA Award"
	case "Award", "Awards", "Prize", "Festival", "Globe":
		return ""
	}
	switch {
	case strings.HasSuffix(s, " Awards"):
		return strings.TrimSuffix(s, "s")
	case strings.HasSuffix(s, " Prizes"):
		return strings.TrimSuffix(s, "s")
	}
	return s
}

func isYear(w string) bool {
	n, err := strconv.Atoi(w)
	return err == nil && len(w) == 4 && n >= 1870 && n <= 2200
}

func isOrdinal(w string) bool { return ordinal(w) > 0 }

// ordinal reads "69th", "1st", "22nd", "3rd".
func ordinal(w string) int {
	if len(w) < 3 {
		return 0
	}
	suf := strings.ToLower(w[len(w)-2:])
	if suf != "st" && suf != "nd" && suf != "rd" && suf != "th" {
		return 0
	}
	n, err := strconv.Atoi(w[:len(w)-2])
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// readCategory reads a category starting at the "Best" token i. It returns
// the category, the index past it, and the body when one directly follows
// ("Best Director Oscar").
func readCategory(toks []string, i int) (string, int, *bodyMention) {
	parts := []string{"Best"}
	t0 := toks[i]
	if t0 != "Best" {
		return "", i + 1, nil
	}
	j := i + 1
	var after *bodyMention
	for j < len(toks) && len(parts) < 12 {
		t := toks[j]
		w := word(t)
		if t == "-" || t == "–" || t == "—" {
			if j+1 < len(toks) && startsUpper(word(toks[j+1])) {
				parts = append(parts, "–")
				j++
				continue
			}
			break
		}
		if w == "" {
			break
		}
		if b, _, ok := bodyAt(toks, j); ok {
			after = &b
			break
		}
		if startsUpper(w) || (w != "" && unicode.IsDigit(rune(w[0]))) {
			parts = append(parts, w)
			j++
			if w != strings.ReplaceAll(t, "''", "") {
				break // punctuation closes the category
			}
			continue
		}
		if catConnectors[w] && t == w && j+1 < len(toks) {
			n := word(toks[j+1])
			if startsUpper(n) || (catConnectors[n] && j+2 < len(toks) && startsUpper(word(toks[j+2]))) {
				parts = append(parts, w)
				j++
				continue
			}
		}
		break
	}
	// Trailing connectors and dashes are not part of the name.
	for len(parts) > 1 && (catConnectors[parts[len(parts)-1]] || parts[len(parts)-1] == "–") {
		parts = parts[:len(parts)-1]
	}
	if len(parts) < 2 {
		return "", j, nil
	}
	return strings.Join(parts, " "), j, after
}

// Category-line patterns. The category line runs Wikipedia's categories
// together without separators, so each pattern is anchored on words that
// only the category names have.
var (
	catPerformance = regexp.MustCompile(`Films featuring an? (Best(?: (?:[A-Z][\w'-]*|or|in|a))+?) (Academy Award|Golden Globe|BAFTA Award|BAFTA|Screen Actors Guild Award)[- ]winning performances?`)
	catWhose       = regexp.MustCompile(`Films whose [a-z ]+? won the (Best(?: (?:[A-Z][\w'-]*|or|in|a))+?) (Academy Award|Golden Globe|BAFTA Award|Award at the Cannes Film Festival)`)
	catWinners     = regexp.MustCompile(`(Best(?: [A-Z][\w'-]*){1,4}) (Academy Award|BAFTA Award|Golden Globe) winners`)
	catBodyFor     = regexp.MustCompile(`(Independent Spirit Award|Saturn Award|Critics' Choice Movie Award|Golden Raspberry Award|National Board of Review Award|Screen Actors Guild Award|Satellite Award|Empire Award|Golden Globe Award|Academy Award|BAFTA Award|Gotham Award) for (Best(?: (?:[A-Z][\w'-]*|or|in|a))+?) winners`)
	catPalme       = regexp.MustCompile(`Palme d'Or winners`)
	globeCat       = regexp.MustCompile(`^Best (Drama|Musical or Comedy) (Actor|Actress)$`)
)

// categoryAwards reads wins from the category line.
func categoryAwards(closing string, p *knowledge.Page) {
	r := &awardReader{out: p.Awards}
	add := func(body, cat string) {
		body = normBody(strings.Fields(body))
		if body == "Golden Globe Award" {
			if m := globeCat.FindStringSubmatch(cat); m != nil {
				cat = "Best " + m[2] + " – Motion Picture " + m[1]
			}
		}
		r.add(knowledge.Award{Body: body, Category: cat, Result: knowledge.Won}, true)
	}
	for _, m := range catPerformance.FindAllStringSubmatch(closing, -1) {
		add(m[2], m[1])
	}
	for _, m := range catWhose.FindAllStringSubmatch(closing, -1) {
		body := m[2]
		if body == "Award at the Cannes Film Festival" {
			body = "Cannes Film Festival"
		}
		add(body, m[1])
	}
	for _, m := range catWinners.FindAllStringSubmatch(closing, -1) {
		add(m[2], m[1])
	}
	for _, m := range catBodyFor.FindAllStringSubmatch(closing, -1) {
		add(m[1], m[2])
	}
	if catPalme.MatchString(closing) {
		add("Cannes Film Festival", "Palme d'Or")
	}
	p.Awards = r.out
}
