package rt

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/parsetest"
)

const (
	bundledPage = "../../corpus/001_764c53deb2c56af0.txt"
	fargoPage   = "../../testdata/fargo/rottentomatoes.txt"
)

func readPage(t testing.TB, path string) string {
	return parsetest.ReadPage(t, path)
}

func mustParse(t *testing.T, path string) *knowledge.Page {
	t.Helper()
	p, err := Parse(readPage(t, path))
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return p
}

// reviewsOf returns the page's reviews of one kind.
func reviewsOf(p *knowledge.Page, kind string) []knowledge.Review {
	var out []knowledge.Review
	for _, r := range p.Reviews {
		if r.Kind == kind {
			out = append(out, r)
		}
	}
	return out
}

func crew(p *knowledge.Page, job string) []string {
	var out []string
	for _, c := range p.Crew {
		if c.Job == job {
			out = append(out, c.Name)
		}
	}
	return out
}

type check struct {
	name      string
	got, want any
}

func runChecks(t *testing.T, checks []check) {
	t.Helper()
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestParseBundled(t *testing.T) {
	p := mustParse(t, bundledPage)
	critics := reviewsOf(p, knowledge.ReviewCritic)
	audience := reviewsOf(p, knowledge.ReviewAudience)
	if len(p.Cast) < 36 || len(critics) < 6 || len(audience) < 3 || len(p.Quotes) < 4 || len(p.Plot) < 1 {
		t.Fatalf("too few records: cast %d, critics %d, audience %d, quotes %d, plot %d",
			len(p.Cast), len(critics), len(audience), len(p.Quotes), len(p.Plot))
	}
	runChecks(t, []check{
		{"kind", p.Kind, knowledge.KindRottenTomatoes},
		{"title", p.Title, "Leaving Las Vegas"},
		{"year", p.Year, 1995},
		{"rating", p.Rating, "R"},
		{"rating reason", p.RatingReason, "adult situations/language, sex"},
		{"genres", p.Genres, []string{"Drama", "Romance"}},
		{"directors (label is empty)", len(crew(p, "director")), 0},
		{"writers", crew(p, "writer"), []string{"Mike Figgis", "John O'Brien"}},
		{"releases", p.Releases, []knowledge.Release{{Kind: "dvd", Date: "1998-02-24", Text: "Feb 24, 1998"}}},
		{"studio", p.Companies, []knowledge.Company{{Name: "United Artists", Role: "studio"}}},
		{"attributes", p.Attributes, []knowledge.Attribute{
			{Field: "rt_critic_reviews", Value: "48"}, {Field: "rt_top_critic_reviews", Value: "12"}}},
		{"no consensus fact", len(p.Facts), 0},

		{"plot sections", len(p.Plot), 1},
		{"plot heading", p.Plot[0].Heading, "Movie Info"},
		{"plot premise", p.Plot[0].Premise, true},
		{"plot starts", strings.HasPrefix(p.Plot[0].Text, `"We both know that I'm a drunk`), true},
		{"plot loses the more link", strings.HasSuffix(p.Plot[0].Text, "determined to drink himself to death."), true},

		{"cast count", len(p.Cast), 36},
		{"first cast", p.Cast[0], knowledge.CastMember{Actor: "Nicolas Cage", Character: "Ben Sanderson", Billing: 1}},
		{"initials kept", p.Cast[2], knowledge.CastMember{Actor: "R. Lee Ermey", Character: "Conventioneer", Billing: 3}},
		{"numbered role", p.Cast[15].Character, "Business Man No. 1"},
		{"truncated role kept", p.Cast[28], knowledge.CastMember{Actor: "Julian Lennon", Character: "Bartender in Biker B...", Billing: 29}},
		{"last cast", p.Cast[35], knowledge.CastMember{Actor: "Gordon Michaels", Character: "Security Guard", Billing: 36}},

		{"critic count", len(critics), 6},
		{"first critic", critics[0], knowledge.Review{Site: "Rotten Tomatoes", Kind: "critic", Publication: "Entertainment Weekly",
			Date: "2011-09-07", TopCritic: true,
			Text: "Dark and giddy at the same time, Leaving Las Vegas takes us into dreamy, intoxicated places no movie about an alcoholic has gone before."}},
		{"critic without publication", critics[2].Publication, ""},
		{"critic without publication date", critics[2].Date, "2008-02-11"},
		{"critic without publication is top", critics[2].TopCritic, true},
		{"fourth critic publication", critics[3].Publication, "Chicago Reader"},
		{"last critic", critics[5], knowledge.Review{Site: "Rotten Tomatoes", Kind: "critic", Publication: "New York Times",
			Date: "2003-05-20", TopCritic: true, Text: "Small, searing film."}},

		{"audience count", len(audience), 3},
		{"audience authors", []string{audience[0].Author, audience[1].Author, audience[2].Author},
			[]string{"Carlos Magalh„es", "jay nixon", "Jack Hawkins"}},
		{"short audience review", audience[1].Text, "Terrific acting but grim, grim, grim."},
		{"doubled author's paragraphs", strings.Count(audience[2].Text, "\n\n") + 1, 5},
		{"doubled author's text starts", strings.HasPrefix(audience[2].Text, "Don't get me wrong"), true},
		{"doubled author's text ends", strings.HasSuffix(audience[2].Text, "'Leaving Las Vegas' is dark, seedy and tragic. Recommended."), true},

		{"quote count", len(p.Quotes), 4},
		{"first quote", p.Quotes[0], knowledge.Quote{Character: "Ben Sanderson", Text: "Interesting choice of words."}},
		{"last quote", p.Quotes[3], knowledge.Quote{Character: "Ben Sanderson", Text: "I'll tell you, right now... I'm in love with you."}},
	})
}

func TestParseFargo(t *testing.T) {
	p := mustParse(t, fargoPage)
	critics := reviewsOf(p, knowledge.ReviewCritic)
	audience := reviewsOf(p, knowledge.ReviewAudience)
	if len(p.Cast) < 18 || len(critics) < 6 || len(audience) < 3 || len(p.Quotes) < 5 || len(p.Plot) < 1 || len(p.Facts) < 1 {
		t.Fatalf("too few records: cast %d, critics %d, audience %d, quotes %d, plot %d, facts %d",
			len(p.Cast), len(critics), len(audience), len(p.Quotes), len(p.Plot), len(p.Facts))
	}
	runChecks(t, []check{
		{"title", p.Title, "Fargo"},
		{"year", p.Year, 1996},
		{"rating", p.Rating, "R"},
		{"rating reason", p.RatingReason, "violence, language, sexuality"},
		{"genres", p.Genres, []string{"Crime", "Drama", "Thriller"}},
		{"directors", crew(p, "director"), []string{"Joel Coen"}},
		{"writers", crew(p, "writer"), []string{"Joel Coen", "Ethan Coen"}},
		{"releases", p.Releases, []knowledge.Release{
			{Kind: "theatrical", Date: "1996-03-08", Text: "Mar 8, 1996 limited"},
			{Kind: "dvd", Date: "1997-06-03", Text: "Jun 3, 1997"}}},
		{"studio", p.Companies, []knowledge.Company{{Name: "Gramercy Pictures", Role: "studio"}}},
		{"attributes", p.Attributes, []knowledge.Attribute{
			{Field: "rt_critic_reviews", Value: "113"}, {Field: "rt_top_critic_reviews", Value: "27"}}},
		{"consensus", p.Facts, []knowledge.Fact{{Kind: "consensus",
			Text: "Dark, droll and frequently brutal, Fargo wraps a botched kidnapping in Minnesota small talk and gives it one of the most likable heroes the Coens have ever written."}}},

		{"plot premise", p.Plot[0].Premise, true},
		{"plot is no spoiler", p.Plot[0].Spoiler, false},
		{"plot loses the more link", strings.HasSuffix(p.Plot[0].Text, "that nobody wants to answer."), true},

		{"cast count", len(p.Cast), 18},
		{"first cast", p.Cast[0], knowledge.CastMember{Actor: "Frances McDormand", Character: "Marge Gunderson", Billing: 1}},
		{"middle initial", p.Cast[1].Actor, "William H. Macy"},
		{"numbered role", p.Cast[12], knowledge.CastMember{Actor: "Larissa Kokernot", Character: "Hooker No. 1", Billing: 13}},
		{"himself", p.Cast[14].Character, "Himself"},
		{"no role line", p.Cast[15], knowledge.CastMember{Actor: "Bain Boehlke", Billing: 16}},
		{"truncated role after a bare name", p.Cast[16], knowledge.CastMember{Actor: "Warren Keith", Character: "Reilly Diefenb...", Billing: 17}},
		{"last cast", p.Cast[17], knowledge.CastMember{Actor: "Cliff Rakerd", Character: "Officer Ol...", Billing: 18}},

		{"critic count", len(critics), 6},
		{"first critic publication", critics[0].Publication, "Lakeshore Weekly"},
		{"first critic date", critics[0].Date, "2012-03-14"},
		{"critic without publication", critics[2].Publication, ""},
		{"critic after one without publication", critics[3].Text, "Nasty, funny and strangely tender, often within the same minute."},
		{"last critic", critics[5].Text, "A snow globe with blood in it."},
		{"all top critics", critics[0].TopCritic && critics[5].TopCritic, true},

		{"audience authors", []string{audience[0].Author, audience[1].Author, audience[2].Author},
			[]string{"Marta Lindqvist", "dwayne k", "Oskar Brandt"}},
		{"doubled author's paragraphs", strings.Count(audience[2].Text, "\n\n") + 1, 5},
		{"audience site", audience[0].Site, "Rotten Tomatoes"},

		{"quote count", len(p.Quotes), 5},
		{"first quote", p.Quotes[0].Text, "And for what? For a little bit of money. There's more to life than a little money, you know. Don't you know that?"},
		{"exchange", p.Quotes[1], knowledge.Quote{Character: "Marge Gunderson",
			Text: "I'm not sure I agree with you a hundred percent on your police work there, Lou. / Officer Lou: Yah?"}},
		{"last quote", p.Quotes[4], knowledge.Quote{Character: "Gaear Grimsrud", Text: "Where is pancakes house?"}},
	})
}

// TestParseShapes covers layouts the two captures do not show.
func TestParseShapes(t *testing.T) {
	page := strings.Join([]string{
		"Some Film (2001) - Rotten Tomatoes",
		"",
		"Critic Consensus: Quietly devastating.",
		"",
		"Movie Info",
		"",
		"A short synopsis that ends with and more",
		"Rating: PG-13 (for some language)",
		"Runtime: 1 hr. 45 min.",
		"Box Office: $12.5M",
		"Studio: Some Pictures",
		"",
		"Actor One",
		"as Lead",
		"Critic Reviews for Some Film",
		"",
		"A first review.",
		"",
		"Full Review… | May 2, 2002",
		"Jane Critic",
		"Daily Paper",
		"Original Score: 3/4",
		"",
		"Audience Reviews for Some Film",
		"",
		"Loved it.",
		"",
		"pat q",
		"",
		"Some Film Quotes",
		"",
		"Lead: First line,",
		"which goes on.",
		"Other: Reply.",
		"Lead: Last word.",
		"– Submitted by Sam (1 year ago)",
		"",
		"Discussion Forum",
	}, "\n")
	p, err := Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	runChecks(t, []check{
		{"consensus", p.Facts, []knowledge.Fact{{Kind: "consensus", Text: "Quietly devastating."}}},
		{"synopsis keeps a real final word", p.Plot[0].Text, "A short synopsis that ends with and more"},
		{"rating", p.Rating + "|" + p.RatingReason, "PG-13|for some language"},
		{"runtime", p.RuntimeMinutes, 105},
		{"box office", p.Money, []knowledge.Money{{Kind: "box office", Amount: 12.5e6, Text: "$12.5M"}}},
		{"labelled studio", p.Companies, []knowledge.Company{{Name: "Some Pictures", Role: "studio"}}},
		{"cast", p.Cast, []knowledge.CastMember{{Actor: "Actor One", Character: "Lead", Billing: 1}}},
		{"critic with author and publication", p.Reviews[0], knowledge.Review{Site: "Rotten Tomatoes", Kind: "critic",
			Author: "Jane Critic", Publication: "Daily Paper", Date: "2002-05-02", Score: "3/4", ScoreValue: 3, ScoreMax: 4,
			Text: "A first review."}},
		{"audience without badge", p.Reviews[1], knowledge.Review{Site: "Rotten Tomatoes", Kind: "audience", Author: "pat q", Text: "Loved it."}},
		{"exchange with continuation", p.Quotes, []knowledge.Quote{{Character: "Lead",
			Text: "First line, which goes on. / Other: Reply. / Lead: Last word."}}},
	})
}

func TestDetect(t *testing.T) {
	own := map[string]bool{bundledPage: true, fargoPage: true}
	var pages []string
	for _, pat := range []string{"../../corpus/*.txt", "../../testdata/fargo/*.txt"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, m...)
	}
	seen := 0
	for _, path := range pages {
		got := Detect(readPage(t, path))
		switch {
		case own[path]:
			seen++
			if got < 60 {
				t.Errorf("Detect(%s) = %d, want >= 60", path, got)
			}
		case got > 10:
			t.Errorf("Detect(%s) = %d, want <= 10 (not a Rotten Tomatoes page)", path, got)
		}
	}
	if seen != 2 {
		t.Errorf("found %d of our own pages, want 2", seen)
	}
	for _, s := range []string{"", "hello", "Rotten Tomatoes: 90%"} {
		if got := Detect(s); got != 0 {
			t.Errorf("Detect(%q) = %d, want 0", s, got)
		}
	}
}

// lastQuoteMiddle returns the byte offset halfway through the page's last
// quote block (from its first line to the end of its credit).
func lastQuoteMiddle(t *testing.T, page string) int {
	t.Helper()
	credit := strings.LastIndex(page, "– Submitted by")
	prev := strings.LastIndex(page[:credit], "– Submitted by")
	if credit < 0 || prev < 0 {
		t.Fatal("no quote credits")
	}
	start := prev + strings.Index(page[prev:], "\n") + 1
	end := credit + strings.Index(page[credit:], ")") + 1
	return (start + end) / 2
}

func TestParseTruncated(t *testing.T) {
	for _, path := range []string{bundledPage, fargoPage} {
		page := readPage(t, path)
		lastAuthor := strings.LastIndex(page, "Super Reviewer")
		cuts := []struct {
			name string
			at   int
		}{
			{"40%", len(page) * 4 / 10},
			{"70%", len(page) * 7 / 10},
			{"mid last quote", lastQuoteMiddle(t, page)},
			{"before the last badge", lastAuthor},
			{"mid cast", strings.Index(page, "Show More Cast") - 30},
			{"after critic heading", strings.Index(page, "Critic Reviews for") + 30},
		}
		for _, c := range cuts {
			_, err := Parse(page[:c.at])
			if !errors.Is(err, knowledge.ErrTruncated) {
				t.Errorf("%s cut %s (%q…): err = %v, want ErrTruncated", path, c.name, tail(page[:c.at]), err)
			}
		}
	}
}

func tail(s string) string {
	if len(s) > 40 {
		s = s[len(s)-40:]
	}
	return s
}

func TestParseBad(t *testing.T) {
	summary := readPage(t, "../../corpus/002_2befd316a4247ec7.txt")
	imdb := readPage(t, "../../corpus/000_6f20dbbd59d93bf6.txt")
	for name, in := range map[string]string{
		"empty":         "",
		"blank lines":   "\n\n\n",
		"junk":          "lorem ipsum\x00\xff\xfe dolor",
		"headings only": "Critic Reviews for X\nAudience Reviews for X\nX Quotes\n",
		"summary page":  summary,
		"imdb page":     imdb,
	} {
		p, err := Parse(in)
		if err == nil {
			t.Errorf("%s: got a page with %d cast and %d reviews, want an error", name, len(p.Cast), len(p.Reviews))
		}
	}
}

// checkInvariants fails when a parsed page breaks what callers rely on.
func checkInvariants(t *testing.T, in string, p *knowledge.Page) {
	t.Helper()
	if p == nil {
		t.Fatal("nil page without error")
	}
	if p.Kind != knowledge.KindRottenTomatoes {
		t.Errorf("kind %q", p.Kind)
	}
	for _, r := range p.Reviews {
		if strings.TrimSpace(r.Text) == "" {
			t.Errorf("review with empty text: %+v", r)
		}
	}
	for i, c := range p.Cast {
		if c.Actor == "" || c.Billing != i+1 {
			t.Errorf("bad cast entry %d: %+v", i, c)
		}
	}
	for _, q := range p.Quotes {
		if q.Text == "" || q.Character == "" {
			t.Errorf("bad quote: %+v", q)
		}
	}
	if utf8.ValidString(in) {
		walkStrings(reflect.ValueOf(p), func(s string) {
			if !utf8.ValidString(s) {
				t.Errorf("invalid UTF-8 out of valid input: %q", s)
			}
		})
	}
}

// walkStrings calls f on every string reachable from v.
func walkStrings(v reflect.Value, f func(string)) {
	parsetest.WalkStrings(v, f)
}

func FuzzParse(f *testing.F) {
	for _, path := range []string{bundledPage, fargoPage} {
		page := readPage(f, path)
		f.Add(page)
		for _, frac := range []int{2, 4, 7, 9} {
			f.Add(page[:len(page)*frac/10])
		}
	}
	f.Add("Critic Reviews for X\n\nText.\n\nFull Review… |\nTop Critic\n\nAudience Reviews for X\n\nok\n\nme\n\nSuper Reviewer")
	f.Fuzz(func(t *testing.T, in string) {
		Detect(in)
		p, err := Parse(in)
		if err != nil {
			if p != nil {
				t.Errorf("page and error both returned")
			}
			return
		}
		checkInvariants(t, in, p)
	})
}
