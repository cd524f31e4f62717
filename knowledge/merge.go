package knowledge

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Document is one source page: its name (the file's base name), content
// hash, text and what its parser extracted.
type Document struct {
	Name   string
	SHA256 string
	Text   string
	Page   *Page
}

// priority orders the kinds of page when they disagree on a display value
// (which spelling of a name, which billing order): the encyclopaedia article
// is the most careful, the summary site names the leads, the review sites
// know least about credits.
func priority(k Kind) int {
	switch k {
	case KindWikipedia:
		return 0
	case KindSummary:
		return 1
	case KindRottenTomatoes:
		return 2
	case KindIMDbReviews:
		return 3
	default:
		return 4
	}
}

// sortByPriority orders documents most trusted first, by name within a
// kind, so that merging is the same whatever order they came in.
func sortByPriority(docs []*Document) {
	sort.SliceStable(docs, func(i, j int) bool {
		pi, pj := priority(docs[i].Page.Kind), priority(docs[j].Page.Kind)
		if pi != pj {
			return pi < pj
		}
		return docs[i].Name < docs[j].Name
	})
}

// Thresholds for the fuzzy merges, with the reason for each value.
const (
	// quoteDice: two pages quoting the same line rarely agree word for
	// word ("'cause" / "because", a clause dropped); the shared-word Dice
	// coefficient of such pairs is 0.8 or more, while different short
	// lines of one character ("I came here to die." / "I don't want you to
	// die.") stay near 0.55.
	quoteDice = 0.7
	// reviewDice: the same critic blurb on two sites differs by a word or
	// two (0.9 and above); different blurbs share little beyond names.
	reviewDice = 0.85
	// moneyTolerance: $32.03M and $32.0M are one figure rounded twice.
	moneyTolerance = 0.005
)

// Merge groups documents by film and merges each group into one Film. A page
// that does not name its film is attached to the film whose title it
// mentions most often. The result is ordered by title and year, and is the
// same for the same documents in any order.
func Merge(docs []*Document) ([]*Film, error) {
	sorted := append([]*Document(nil), docs...)
	sortByPriority(sorted)

	type group struct {
		key  string
		year int
		docs []*Document
	}
	var groups []*group
	find := func(title string, year int) *group {
		key := Fold(title)
		var sameTitle []*group
		for _, g := range groups {
			if g.key == key {
				sameTitle = append(sameTitle, g)
			}
		}
		for _, g := range sameTitle {
			if g.year == year || year == 0 || g.year == 0 {
				if g.year == 0 {
					g.year = year
				}
				return g
			}
		}
		g := &group{key: key, year: year}
		groups = append(groups, g)
		return g
	}
	var untitled []*Document
	for _, d := range sorted {
		if strings.TrimSpace(d.Page.Title) == "" {
			untitled = append(untitled, d)
			continue
		}
		g := find(d.Page.Title, d.Page.Year)
		g.docs = append(g.docs, d)
	}
	for _, d := range untitled {
		text := " " + Fold(d.Text) + " "
		var best *group
		bestCount, tie := 0, false
		for _, g := range groups {
			n := strings.Count(text, " "+g.key+" ")
			switch {
			case n > bestCount:
				best, bestCount, tie = g, n, false
			case n == bestCount && n > 0:
				tie = true
			}
		}
		if best == nil {
			return nil, Errorf(EINVALID, "%s: the page does not name its film and mentions no film known from the other pages; ingest it together with another page about the same film", d.Name)
		}
		if tie {
			return nil, Errorf(EINVALID, "%s: the page does not name its film and mentions several known films equally often", d.Name)
		}
		best.docs = append(best.docs, d)
	}

	films := make([]*Film, 0, len(groups))
	for _, g := range groups {
		sortByPriority(g.docs)
		films = append(films, mergeFilm(g.docs))
	}
	sort.SliceStable(films, func(i, j int) bool {
		if films[i].Title != films[j].Title {
			return films[i].Title < films[j].Title
		}
		return films[i].Year < films[j].Year
	})
	return films, nil
}

// addSource appends name to sources unless it is there already.
func addSource(sources []string, names ...string) []string {
	for _, n := range names {
		found := false
		for _, s := range sources {
			if s == n {
				found = true
				break
			}
		}
		if !found {
			sources = append(sources, n)
		}
	}
	return sources
}

// merger accumulates one film from its pages, in priority order.
type merger struct {
	f    *Film
	cast []*castEntry
}

// castEntry is a cast credit being merged, with the best billing seen for
// it: the position on the most trusted page that lists it.
type castEntry struct {
	c        CastMember
	pri, pos int
}

func mergeFilm(docs []*Document) *Film {
	m := &merger{f: &Film{}}
	for _, d := range docs {
		m.add(d)
	}
	m.finish()
	return m.f
}

func (m *merger) attr(field, value, src string) {
	if value == "" || value == "0" {
		return
	}
	for i := range m.f.Attributes {
		a := &m.f.Attributes[i]
		if a.Field == field && Fold(a.Value) == Fold(value) {
			a.Sources = addSource(a.Sources, src)
			return
		}
	}
	m.f.Attributes = append(m.f.Attributes, Attribute{Field: field, Value: value, Sources: []string{src}})
}

func (m *merger) add(d *Document) {
	p, src, pri := d.Page, d.Name, priority(d.Page.Kind)
	f := m.f
	if !containsString(f.Sources, src) {
		f.Documents = append(f.Documents, DocumentRef{Name: src, Kind: p.Kind})
	}
	f.Sources = addSource(f.Sources, src)
	m.attr("title", strings.TrimSpace(p.Title), src)
	if p.Year > 0 {
		m.attr("year", strconv.Itoa(p.Year), src)
	}
	if p.RuntimeMinutes > 0 {
		m.attr("runtime_minutes", strconv.Itoa(p.RuntimeMinutes), src)
	}
	m.attr("rating", p.Rating, src)
	m.attr("rating_reason", p.RatingReason, src)
	for _, a := range p.Attributes {
		m.attr(a.Field, a.Value, src)
	}
	for _, g := range p.Genres {
		if !containsFold(f.Genres, g) {
			f.Genres = append(f.Genres, g)
		}
	}
	for _, t := range p.AltTitles {
		if !containsFold(f.AltTitles, t) {
			f.AltTitles = append(f.AltTitles, t)
		}
	}
	if p.BasedOn != nil {
		if f.BasedOn == nil {
			w := *p.BasedOn
			w.Sources = []string{src}
			f.BasedOn = &w
		} else {
			b := f.BasedOn
			if b.Title == "" {
				b.Title = p.BasedOn.Title
			}
			if b.Author == "" {
				b.Author = p.BasedOn.Author
			}
			if b.Year == 0 {
				b.Year = p.BasedOn.Year
			}
			b.Sources = addSource(b.Sources, src)
		}
	}
	for _, c := range p.Companies {
		m.addCompany(c, src)
	}
	for _, r := range p.Releases {
		m.addRelease(r, src)
	}
	for _, x := range p.Money {
		m.addMoney(x, src)
	}
	for _, s := range p.Scores {
		m.addScore(s, src)
	}
	for _, c := range p.Crew {
		m.addCrew(c, src)
	}
	for i, c := range p.Cast {
		pos := c.Billing
		if pos <= 0 {
			pos = i + 1
		}
		m.addCast(c, src, pri, pos)
	}
	for _, a := range p.Awards {
		m.addAward(a, src)
	}
	for _, q := range p.Quotes {
		m.addQuote(q, src)
	}
	for _, r := range p.Reviews {
		m.addReview(r, src)
	}
	for _, s := range p.Plot {
		m.addPlot(s, src)
	}
	for _, x := range p.Facts {
		m.addFact(x, src)
	}
	for _, s := range p.Similar {
		m.addSimilar(s, src)
	}
}

func containsFold(list []string, s string) bool {
	k := Fold(s)
	for _, x := range list {
		if Fold(x) == k {
			return true
		}
	}
	return false
}

func (m *merger) addCompany(c Company, src string) {
	for i := range m.f.Companies {
		x := &m.f.Companies[i]
		if Fold(x.Name) == Fold(c.Name) && x.Role == c.Role && (x.Region == c.Region || x.Region == "" || c.Region == "") {
			if x.Region == "" {
				x.Region = c.Region
			}
			x.Sources = addSource(x.Sources, src)
			return
		}
	}
	c.Sources = []string{src}
	m.f.Companies = append(m.f.Companies, c)
}

func (m *merger) addRelease(r Release, src string) {
	for i := range m.f.Releases {
		x := &m.f.Releases[i]
		if x.Kind == r.Kind && x.Date == r.Date && (x.Region == r.Region || x.Region == "" || r.Region == "") {
			if x.Region == "" {
				x.Region = r.Region
			}
			x.Sources = addSource(x.Sources, src)
			return
		}
	}
	r.Sources = []string{src}
	m.f.Releases = append(m.f.Releases, r)
}

func (m *merger) addMoney(x Money, src string) {
	for i := range m.f.Money {
		y := &m.f.Money[i]
		if y.Kind == x.Kind && math.Abs(y.Amount-x.Amount) <= moneyTolerance*math.Max(y.Amount, x.Amount) {
			y.Sources = addSource(y.Sources, src)
			return
		}
	}
	x.Sources = []string{src}
	m.f.Money = append(m.f.Money, x)
}

// addScore merges a score into one the film has from the same site and of
// the same kind when they agree (a missing value or count agrees with
// anything); a disagreeing value stays a separate score with its source.
func (m *merger) addScore(s Score, src string) {
	for i := range m.f.Scores {
		y := &m.f.Scores[i]
		if !strings.EqualFold(y.Site, s.Site) || y.Kind != s.Kind {
			continue
		}
		valueOK := y.Value == 0 || s.Value == 0 || (y.Value == s.Value && y.Max == s.Max)
		countOK := y.Count == 0 || s.Count == 0 || y.Count == s.Count
		if !valueOK || !countOK {
			continue
		}
		if y.Value == 0 && s.Value != 0 {
			y.Value, y.Max, y.Text = s.Value, s.Max, s.Text
		}
		if y.Count == 0 {
			y.Count, y.CountKind = s.Count, s.CountKind
		}
		if y.Average == "" {
			y.Average = s.Average
		}
		if y.Verdict == "" {
			y.Verdict = s.Verdict
		}
		if y.Text == "" {
			y.Text = s.Text
		}
		y.Sources = addSource(y.Sources, src)
		return
	}
	s.Sources = []string{src}
	m.f.Scores = append(m.f.Scores, s)
}

func (m *merger) addCrew(c CrewMember, src string) {
	c.Name = strings.TrimSpace(c.Name)
	if c.Name == "" {
		return
	}
	for i := range m.f.Crew {
		x := &m.f.Crew[i]
		if x.Job == c.Job && samePerson(x.Name, c.Name) {
			x.Sources = addSource(x.Sources, src)
			return
		}
	}
	// A name already credited elsewhere on the film keeps that spelling.
	c.Name = m.canonicalName(c.Name)
	c.Sources = []string{src}
	m.f.Crew = append(m.f.Crew, c)
}

// canonicalName returns the spelling the film already uses for this person,
// or name itself. A lone surname ("Cage", as prose and award lists write
// it) becomes the full name of the one person on the film with that
// surname.
func (m *merger) canonicalName(name string) string {
	if strings.Contains(name, " and ") || strings.Contains(name, ",") || strings.Contains(name, " & ") {
		return name // several people sharing a credit
	}
	if f := strings.Fields(Fold(name)); len(f) == 1 {
		found := ""
		consider := func(full string) {
			ff := strings.Fields(Fold(full))
			if len(ff) > 1 && ff[len(ff)-1] == f[0] {
				if found != "" && !samePerson(found, full) {
					found = "\x00" // two people share it: leave the name alone
				} else if found == "" {
					found = full
				}
			}
		}
		for _, e := range m.cast {
			consider(e.c.Actor)
		}
		for _, c := range m.f.Crew {
			consider(c.Name)
		}
		if found != "" && found != "\x00" {
			return found
		}
		return name
	}
	for _, e := range m.cast {
		if samePerson(e.c.Actor, name) {
			return e.c.Actor
		}
	}
	for _, c := range m.f.Crew {
		if samePerson(c.Name, name) {
			return c.Name
		}
	}
	return name
}

// addCast merges one credit. Pages are added in priority order, so the first
// spelling of a name seen is the most trusted one. A credit joins an
// existing one for the same person when the roles are compatible, or when
// the existing one came only from other pages (two pages naming one actor's
// part differently, "Barman No. 2" / "Bartender #2", describe one part).
func (m *merger) addCast(c CastMember, src string, pri, pos int) {
	name, as := splitCreditedAs(strings.TrimSpace(c.Actor))
	if name == "" {
		return
	}
	if c.CreditedAs == "" {
		c.CreditedAs = as
	}
	c.Actor = name
	c.Character = strings.TrimSpace(c.Character)
	var match *castEntry
	for _, e := range m.cast {
		x := &e.c
		if !samePerson(x.Actor, name) && !(c.CreditedAs != "" && samePerson(x.Actor, c.CreditedAs)) {
			continue
		}
		if sameRole(x.Character, c.Character) || x.Character == "" || c.Character == "" {
			match = e
			break
		}
		if match == nil && !containsString(x.Sources, src) {
			match = e
		}
	}
	if match == nil {
		c.Sources = []string{src}
		c.Variants = nil
		c.Billing = 0
		m.cast = append(m.cast, &castEntry{c: c, pri: pri, pos: pos})
		return
	}
	x := &match.c
	x.Sources = addSource(x.Sources, src)
	if x.CreditedAs == "" {
		x.CreditedAs = c.CreditedAs
	}
	if x.Description == "" {
		x.Description = c.Description
	}
	if c.Character != "" && c.Character != x.Character {
		if betterRole(c.Character, x.Character) {
			if x.Character != "" {
				x.Variants = addSource(x.Variants, x.Character)
			}
			x.Character = c.Character
		} else {
			x.Variants = addSource(x.Variants, c.Character)
		}
	}
	if pri < match.pri || (pri == match.pri && pos < match.pos) {
		match.pri, match.pos = pri, pos
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// betterRole reports whether candidate is a better display form than
// current: anything beats nothing, and a complete name beats one cut off
// with "...". Otherwise the earlier (more trusted) page's form stays.
func betterRole(candidate, current string) bool {
	switch {
	case current == "":
		return true
	case truncated(current) && !truncated(candidate):
		return true
	}
	return false
}
