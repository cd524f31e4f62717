package knowledge

import (
	"sort"
	"strconv"
	"strings"
)

// canonicalBody names an awarding body one way: "Oscars", "Academy Awards"
// and "academy award" are all "Academy Award".
func canonicalBody(body string) string {
	b := strings.TrimSpace(body)
	switch f := Fold(b); {
	case f == "oscar" || f == "oscars" || strings.HasPrefix(f, "academy award"):
		return "Academy Award"
	case strings.HasPrefix(f, "golden globe"):
		return "Golden Globe Award"
	case strings.HasPrefix(f, "bafta") || strings.HasPrefix(f, "british academy film award"):
		return "BAFTA Award"
	case strings.HasPrefix(f, "independent spirit award"):
		return "Independent Spirit Award"
	case strings.HasSuffix(b, " Awards"):
		return strings.TrimSuffix(b, "s")
	}
	return b
}

// categoryFiller are words that do not tell one award category from another
// once the body is known.
var categoryFiller = map[string]bool{
	"award": true, "awards": true, "for": true, "the": true, "a": true, "an": true,
	"in": true, "of": true, "by": true, "performance": true,
}

// categoryQualifiers may be missing from one page's form of a category
// without making it a different award: "Best Actor" and "Best Actor – Motion
// Picture Drama" at the Golden Globes are one award, but "Best Actor" and
// "Best Supporting Actor" are not, so "supporting" is not a qualifier.
var categoryQualifiers = map[string]bool{
	"motion": true, "picture": true, "drama": true, "musical": true, "comedy": true,
	"or": true, "leading": true, "role": true, "film": true,
}

func categoryWords(c string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(Fold(c)) {
		if !categoryFiller[w] {
			m[w] = true
		}
	}
	return m
}

// sameCategory reports whether two spellings name one award category: the
// same words in any order ("Best Drama Actor" / "Best Actor - Motion Picture
// Drama"), or one with only qualifiers added.
func sameCategory(a, b string) bool {
	wa, wb := categoryWords(a), categoryWords(b)
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for w := range wa {
		if !wb[w] {
			return false
		}
	}
	for w := range wb {
		if !wa[w] && !categoryQualifiers[w] {
			return false
		}
	}
	return len(wa) > 0
}

func (m *merger) addAward(a Award, src string) {
	a.Body = canonicalBody(a.Body)
	a.Category = strings.TrimSpace(a.Category)
	if a.Result != Won {
		a.Result = Nominated
	}
	if a.Recipient != "" {
		a.Recipient = m.canonicalName(a.Recipient)
	}
	for i := range m.f.Awards {
		x := &m.f.Awards[i]
		if Fold(x.Body) != Fold(a.Body) || !sameCategory(x.Category, a.Category) {
			continue
		}
		if x.Recipient != "" && a.Recipient != "" && !samePerson(x.Recipient, a.Recipient) {
			continue
		}
		if x.Year != 0 && a.Year != 0 && x.Year != a.Year {
			continue
		}
		// A win implies the nomination, so the two are one award.
		if a.Result == Won {
			x.Result = Won
		}
		if x.Recipient == "" {
			x.Recipient = a.Recipient
		}
		if x.Year == 0 {
			x.Year = a.Year
		}
		if len(categoryWords(a.Category)) > len(categoryWords(x.Category)) {
			x.Category = a.Category
		}
		x.Sources = addSource(x.Sources, src)
		return
	}
	a.Sources = []string{src}
	m.f.Awards = append(m.f.Awards, a)
}

// sameCharacter reports whether two speaker names are one character: equal
// when folded, unknown on one side, or every word of one found in the other
// ("Ben" / "Ben Sanderson", "Hale" / "Captain Hale").
func sameCharacter(a, b string) bool {
	wa, wb := wordSet(a), wordSet(b)
	if len(wa) == 0 || len(wb) == 0 {
		return true
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	for w := range wa {
		if !wb[w] {
			return false
		}
	}
	return true
}

func (m *merger) addQuote(q Quote, src string) {
	q.Text = strings.TrimSpace(q.Text)
	if q.Text == "" {
		return
	}
	for i := range m.f.Quotes {
		x := &m.f.Quotes[i]
		if sameCharacter(x.Character, q.Character) && dice(x.Text, q.Text) >= quoteDice {
			if len(Fold(x.Character)) < len(Fold(q.Character)) {
				x.Character = q.Character
			}
			if x.Context == "" {
				x.Context = q.Context
			}
			x.Sources = addSource(x.Sources, src)
			return
		}
	}
	q.Sources = []string{src}
	m.f.Quotes = append(m.f.Quotes, q)
}

func (m *merger) addReview(r Review, src string) {
	if strings.TrimSpace(r.Text) == "" {
		return
	}
	for i := range m.f.Reviews {
		x := &m.f.Reviews[i]
		if x.Site == r.Site && x.Kind == r.Kind && Fold(x.Author) == Fold(r.Author) && Fold(x.Text) == Fold(r.Text) {
			x.Sources = addSource(x.Sources, src)
			return
		}
	}
	r.Sources = []string{src}
	m.f.Reviews = append(m.f.Reviews, r)
}

func (m *merger) addPlot(s PlotSection, src string) {
	if strings.TrimSpace(s.Text) == "" {
		return
	}
	for i := range m.f.Plot {
		x := &m.f.Plot[i]
		if Fold(x.Text) == Fold(s.Text) {
			x.Spoiler = x.Spoiler || s.Spoiler
			x.Sources = addSource(x.Sources, src)
			return
		}
	}
	s.Sources = []string{src}
	m.f.Plot = append(m.f.Plot, s)
}

func (m *merger) addFact(x Fact, src string) {
	if strings.TrimSpace(x.Text) == "" {
		return
	}
	for i := range m.f.Facts {
		y := &m.f.Facts[i]
		if Fold(y.Text) == Fold(x.Text) {
			y.Spoiler = y.Spoiler || x.Spoiler
			y.Sources = addSource(y.Sources, src)
			return
		}
	}
	x.Sources = []string{src}
	m.f.Facts = append(m.f.Facts, x)
}

func (m *merger) addSimilar(s SimilarFilm, src string) {
	for i := range m.f.Similar {
		y := &m.f.Similar[i]
		if Fold(y.Title) == Fold(s.Title) && (y.Year == s.Year || y.Year == 0 || s.Year == 0) {
			if y.Year == 0 {
				y.Year = s.Year
			}
			if y.Reason == "" {
				y.Reason = s.Reason
			}
			y.Sources = addSource(y.Sources, src)
			return
		}
	}
	s.Sources = []string{src}
	m.f.Similar = append(m.f.Similar, s)
}

// primary returns the value of field given by the most pages; on a tie, the
// first (most trusted) one.
func (m *merger) primary(field string) string {
	best, n := "", 0
	for _, a := range m.f.Attributes {
		if a.Field == field && len(a.Sources) > n {
			best, n = a.Value, len(a.Sources)
		}
	}
	return best
}

// finish settles the display values once every page is in.
func (m *merger) finish() {
	f := m.f
	f.Title = m.primary("title")
	f.Year, _ = strconv.Atoi(m.primary("year"))
	f.RuntimeMinutes, _ = strconv.Atoi(m.primary("runtime_minutes"))
	f.Rating = m.primary("rating")
	f.RatingReason = m.primary("rating_reason")

	sort.SliceStable(m.cast, func(i, j int) bool {
		if m.cast[i].pri != m.cast[j].pri {
			return m.cast[i].pri < m.cast[j].pri
		}
		return m.cast[i].pos < m.cast[j].pos
	})
	f.Cast = make([]CastMember, len(m.cast))
	for i, e := range m.cast {
		f.Cast[i] = e.c
		f.Cast[i].Billing = i + 1
	}

	for _, c := range f.Crew {
		switch c.Job {
		case "director":
			f.Directors = addSource(f.Directors, c.Name)
		}
	}
	for _, job := range []string{"writer", "screenplay", "story", "novel"} {
		for _, c := range f.Crew {
			if c.Job == job {
				f.Writers = addSource(f.Writers, c.Name)
			}
		}
	}
	if f.BasedOn != nil && f.BasedOn.Author != "" {
		f.BasedOn.Author = m.canonicalName(f.BasedOn.Author)
		f.Writers = addSource(f.Writers, f.BasedOn.Author)
	}

	m.fillRecipients()
	m.crossReviews()
	nonNil(f)
}

// fillRecipients names the recipient of a director's or screenplay award
// that a page left unnamed, when the film credits exactly one director, or
// its screenplay writers, on some page.
func (m *merger) fillRecipients() {
	f := m.f
	var screenplay []string
	for _, c := range f.Crew {
		if c.Job == "writer" || c.Job == "screenplay" {
			if f.BasedOn == nil || !samePerson(c.Name, f.BasedOn.Author) {
				screenplay = addSource(screenplay, c.Name)
			}
		}
	}
	for i := range f.Awards {
		a := &f.Awards[i]
		if a.Recipient != "" {
			continue
		}
		words := categoryWords(a.Category)
		switch {
		case (words["director"] || words["direction"]) && len(f.Directors) == 1:
			a.Recipient = f.Directors[0]
		case words["screenplay"] && len(screenplay) > 0:
			a.Recipient = strings.Join(screenplay, " and ")
		}
	}
}

// crossReviews lets a critic's blurb quoted on two sites fill in what one
// site left out (Metacritic names the critic, Rotten Tomatoes the paper). The
// reviews stay separate records, one per site.
func (m *merger) crossReviews() {
	rs := m.f.Reviews
	for i := range rs {
		for j := range rs {
			if i == j || rs[i].Kind != ReviewCritic || rs[j].Kind != ReviewCritic {
				continue
			}
			if !sameBlurb(rs[i].Text, rs[j].Text) {
				continue
			}
			if rs[i].Author != "" && rs[j].Author != "" && !samePerson(rs[i].Author, rs[j].Author) {
				continue
			}
			if rs[i].Author == "" {
				rs[i].Author = rs[j].Author
			}
			if rs[i].Publication == "" {
				rs[i].Publication = rs[j].Publication
			}
		}
	}
}

// sameBlurb reports whether two review texts are one critic's words: nearly
// the same words, or the shorter (at least six words) found whole inside the
// longer, as when an article quotes the end of a review.
func sameBlurb(a, b string) bool {
	fa, fb := Fold(a), Fold(b)
	if len(fa) > len(fb) {
		fa, fb = fb, fa
	}
	if len(strings.Fields(fa)) >= 6 && strings.Contains(fb, fa) {
		return true
	}
	return dice(a, b) >= reviewDice
}

// nonNil gives every list an empty value, so exported JSON has [] and never
// null.
func nonNil(f *Film) {
	if f.Genres == nil {
		f.Genres = []string{}
	}
	if f.Directors == nil {
		f.Directors = []string{}
	}
	if f.Writers == nil {
		f.Writers = []string{}
	}
	if f.Attributes == nil {
		f.Attributes = []Attribute{}
	}
	if f.Companies == nil {
		f.Companies = []Company{}
	}
	if f.Releases == nil {
		f.Releases = []Release{}
	}
	if f.Money == nil {
		f.Money = []Money{}
	}
	if f.Scores == nil {
		f.Scores = []Score{}
	}
	if f.Cast == nil {
		f.Cast = []CastMember{}
	}
	if f.Crew == nil {
		f.Crew = []CrewMember{}
	}
	if f.Awards == nil {
		f.Awards = []Award{}
	}
	if f.Quotes == nil {
		f.Quotes = []Quote{}
	}
	if f.Reviews == nil {
		f.Reviews = []Review{}
	}
	if f.Plot == nil {
		f.Plot = []PlotSection{}
	}
	if f.Facts == nil {
		f.Facts = []Fact{}
	}
	if f.Similar == nil {
		f.Similar = []SimilarFilm{}
	}
	if f.Sources == nil {
		f.Sources = []string{}
	}
	if f.Documents == nil {
		f.Documents = []DocumentRef{}
	}
}
