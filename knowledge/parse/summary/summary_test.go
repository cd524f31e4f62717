package summary

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
	bundledPage = "../../corpus/002_2befd316a4247ec7.txt"
	fargoPage   = "../../testdata/fargo/summary.txt"
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

// factsOf returns the texts of the page's facts of one kind.
func factsOf(p *knowledge.Page, kind string) []knowledge.Fact {
	var out []knowledge.Fact
	for _, f := range p.Facts {
		if f.Kind == kind {
			out = append(out, f)
		}
	}
	return out
}

func texts(fs []knowledge.Fact) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Text)
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
	faq := factsOf(p, "faq")
	if len(p.Plot) < 5 || len(p.Cast) < 4 || len(p.Quotes) < 5 || len(p.Reviews) < 4 || len(faq) < 4 ||
		len(p.Similar) < 5 || len(p.Awards) < 1 || len(p.Money) < 3 || len(p.Scores) < 2 {
		t.Fatalf("too few records: %+v", p)
	}
	runChecks(t, []check{
		{"kind", p.Kind, knowledge.KindSummary},
		{"title", p.Title, "Leaving Las Vegas"},
		{"year", p.Year, 1995},
		{"runtime", p.RuntimeMinutes, 111},
		{"genres", p.Genres, []string{"Drama", "Romance", "Psychological Drama", "Tragedy"}},
		{"crew", p.Crew, []knowledge.CrewMember{{Name: "Mike Figgis", Job: "director"}}},
		{"scores", p.Scores, []knowledge.Score{
			{Site: "IMDb", Kind: "user", Value: 7.5, Max: 10, Count: 139000, CountKind: "votes", Text: "7.5/10"},
			{Site: "Rotten Tomatoes", Kind: "critic", Value: 90, Max: 100, Text: "90%"}}},
		{"based on", p.BasedOn, &knowledge.Work{Kind: "novel", Title: "Leaving Las Vegas", Author: "John O’Brien"}},

		{"plot sections (the spoiler heading is empty)", len(p.Plot), 5},
		{"badly explained", p.Plot[0], knowledge.PlotSection{Heading: "Plot Summary – Badly Explained",
			Text: "A screenwriter decides to move to Las Vegas to audition for the role of ‘professional drunk,’ but a street performer keeps trying to steal the part."}},
		{"premise heading", p.Plot[1].Heading, "Ben’s Descent into Alcoholism"},
		{"premise flags", [2]bool{p.Plot[1].Premise, p.Plot[1].Spoiler}, [2]bool{true, false}},
		{"later synopsis flags", [2]bool{p.Plot[2].Premise, p.Plot[2].Spoiler}, [2]bool{false, true}},
		{"last synopsis heading", p.Plot[4].Heading, "Yuri’s Threat"},
		{"last synopsis text", strings.HasSuffix(p.Plot[4].Text, "breaking free from her past."), true},

		{"cast count", len(p.Cast), 4},
		{"cast entry", p.Cast[2], knowledge.CastMember{Actor: "Julian Sands", Character: "Yuri Butso", Billing: 3,
			Description: "Sera’s abusive Latvian pimp who has criminal connections and a volatile relationship with her."}},

		{"quote count", len(p.Quotes), 5},
		{"first quote", p.Quotes[0], knowledge.Quote{Character: "Ben Sanderson",
			Text:    "I don’t know if I started drinking ’cause my wife left me or my wife left me ’cause I started drinking, but fuck it anyway.",
			Context: "Ben reflects on the vicious cycle of his alcoholism, encapsulating his self-destructive attitude."}},
		{"last quote", [2]string{p.Quotes[4].Character, p.Quotes[4].Text}, [2]string{"Sera", "I want to be somebody’s angel."}},

		{"money", p.Money, []knowledge.Money{
			{Kind: "budget", Amount: 3.6e6, Text: "$3.6M"},
			{Kind: "domestic gross", Amount: 32.03e6, Text: "$32.03M"},
			{Kind: "worldwide gross", Amount: 32.03e6, Text: "$32.03M"}}},

		{"review count", len(p.Reviews), 4},
		{"personal review", [3]string{p.Reviews[0].Site, p.Reviews[0].Kind, p.Reviews[0].Title},
			[3]string{"film-summary", "critic", "Personal Review"}},
		{"personal review text", strings.HasSuffix(p.Reviews[0].Text, "Bring tissues!"), true},
		{"professional author", p.Reviews[1].Author, "Roger Ebert"},
		{"professional text without open quote", strings.HasPrefix(p.Reviews[1].Text, "A powerful and unforgettable film."), true},
		{"last professional", p.Reviews[3].Author, "Kenneth Turan"},

		{"audience facts", len(factsOf(p, "audience")), 4},
		{"content warnings", texts(factsOf(p, "content warning")), []string{"Graphic depictions of alcoholism",
			"Strong language", "Sexual content", "Brief scene of sexual assault", "Drug use", "Mature themes"}},
		{"reception facts", len(factsOf(p, "reception")), 2},
		{"reception glue dropped", strings.HasPrefix(factsOf(p, "reception")[0].Text,
			"Nicolas Cage’s performance as a self-destructive alcoholic is mesmerizing and unforgettable. Viewers praise"), true},
		{"consensus", len(factsOf(p, "consensus")), 1},
		{"trivia", len(factsOf(p, "trivia")), 4},
		{"trivia unquoted", factsOf(p, "trivia")[1].Text,
			"The opening credits do not appear until fifteen minutes into the film, setting a somber and unconventional tone from the start."},
		{"faq count", len(faq), 4},
		{"faq spoilers", []bool{faq[0].Spoiler, faq[1].Spoiler, faq[2].Spoiler, faq[3].Spoiler}, []bool{false, false, false, true}},

		{"awards", p.Awards, []knowledge.Award{{Body: "Academy Award", Category: "Best Actor", Result: knowledge.Won, Year: 1996}}},
		{"similar count", len(p.Similar), 5},
		{"first similar", [2]any{p.Similar[0].Title, p.Similar[0].Year}, [2]any{"The Lost Weekend", 1945}},
		{"last similar", [2]any{p.Similar[4].Title, p.Similar[4].Year}, [2]any{"Sid and Nancy", 1986}},
		{"similar reason", strings.HasPrefix(p.Similar[4].Reason, "A raw and tragic portrayal"), true},
	})
}

func TestParseFargo(t *testing.T) {
	p := mustParse(t, fargoPage)
	faq := factsOf(p, "faq")
	if len(p.Plot) < 7 || len(p.Cast) < 6 || len(p.Quotes) < 5 || len(p.Reviews) < 4 || len(faq) < 4 ||
		len(p.Similar) < 5 || len(p.Awards) < 5 || len(p.Money) < 3 || len(p.Scores) < 2 {
		t.Fatalf("too few records: %+v", p)
	}
	nominated := 0
	for _, a := range p.Awards {
		if a.Result == knowledge.Nominated {
			nominated++
		}
	}
	runChecks(t, []check{
		{"title", p.Title, "Fargo"},
		{"year", p.Year, 1996},
		{"runtime", p.RuntimeMinutes, 98},
		{"genres", p.Genres, []string{"Crime", "Thriller", "Drama", "Black Comedy"}},
		{"scores", p.Scores, []knowledge.Score{
			{Site: "IMDb", Kind: "user", Value: 8.1, Max: 10, Count: 720000, CountKind: "votes", Text: "8.1/10"},
			{Site: "Rotten Tomatoes", Kind: "critic", Value: 95, Max: 100, Text: "95%"}}},
		{"not based on a novel", p.BasedOn, (*knowledge.Work)(nil)},

		{"plot sections", len(p.Plot), 7},
		{"badly explained heading", p.Plot[0].Heading, "Plot Summary – Badly Explained"},
		{"premise", [3]any{p.Plot[1].Heading, p.Plot[1].Premise, p.Plot[1].Spoiler}, [3]any{"Jerry’s Desperate Scheme", true, false}},
		{"middle is hidden", p.Plot[3].Spoiler, true},
		{"ending", [3]any{p.Plot[5].Heading, p.Plot[5].Premise, p.Plot[5].Spoiler}, [3]any{"How It All Ends", false, true}},
		{"ending text", strings.Contains(p.Plot[5].Text, "wood chipper"), true},
		{"epilogue", [2]any{p.Plot[6].Heading, p.Plot[6].Spoiler}, [2]any{"Home Again", true}},

		{"cast count", len(p.Cast), 6},
		{"cast spelling kept", p.Cast[1].Actor + " / " + p.Cast[1].Character, "William Macy / Jerry Lundegaard"},
		{"last cast billing", p.Cast[5].Billing, 6},

		{"quote without “you know”", p.Quotes[0].Text,
			"And for what? For a little bit of money. There’s more to life than a little money. Don’t you know that?"},
		{"quote context", p.Quotes[3].Context, "Jerry protests his innocence while doing anything but."},

		{"money", p.Money, []knowledge.Money{
			{Kind: "budget", Amount: 7e6, Text: "$7M"},
			{Kind: "domestic gross", Amount: 24.61e6, Text: "$24.61M"},
			{Kind: "worldwide gross", Amount: 60.61e6, Text: "$60.61M"}}},

		{"reviews", len(p.Reviews), 4},
		{"closing quote dropped", p.Reviews[3], knowledge.Review{Site: "film-summary", Kind: "critic", Author: "Lucia Marrow",
			Text: "Rarely has politeness looked so sinister or decency so heroic."}},
		{"hyphenated author", p.Reviews[2].Author, "Harold Finch-Lowe"},

		{"awards count", len(p.Awards), 5},
		{"nominations", nominated, 2},
		{"festival award", p.Awards[3], knowledge.Award{Body: "Cannes Film Festival", Category: "Best Director", Result: knowledge.Won, Year: 1996}},
		{"nomination word dropped", p.Awards[4], knowledge.Award{Body: "Golden Globe Award",
			Category: "Best Actress – Motion Picture Musical or Comedy", Result: knowledge.Nominated, Year: 1997}},

		{"content warnings", texts(factsOf(p, "content warning")), []string{"Graphic violence", "Strong language", "Sexual content"}},
		{"trivia", len(factsOf(p, "trivia")), 4},
		{"faq spoilers", []bool{faq[0].Spoiler, faq[1].Spoiler, faq[2].Spoiler, faq[3].Spoiler}, []bool{false, false, false, true}},
		{"similar", [2]any{p.Similar[2].Title, p.Similar[2].Year}, [2]any{"No Country for Old Men", 2007}},
	})
}

// TestParseShapes covers wordings the two captures do not show.
func TestParseShapes(t *testing.T) {
	cases := []struct {
		name, line string
		want       *knowledge.Work
	}{
		{"negated", "It is not based on the novel by Jane Doe.", nil},
		{"quoted title", "It is based on the 1982 novel “Blue Hour” by J. R. Smith, a former nurse.",
			&knowledge.Work{Kind: "novel", Title: "Blue Hour", Author: "J. R. Smith", Year: 1982}},
		{"same name", "The film is based on the play of the same name by Anna Berg.",
			&knowledge.Work{Kind: "play", Title: "Cast Away", Author: "Anna Berg"}},
		{"no author", "The film is based on a true story.", nil},
		{"novel without title", "It is based on a novel by Ed Stone.", &knowledge.Work{Kind: "novel", Author: "Ed Stone"}},
	}
	for _, c := range cases {
		page := "🎯 Quick Overview\n- Release year: 2000\n💥 Cast Away Reviews\n🤨 FAQ\n" + c.line + "\n✨ Rate\n"
		p, err := Parse(page)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !reflect.DeepEqual(p.BasedOn, c.want) {
			t.Errorf("%s: based on %+v, want %+v", c.name, p.BasedOn, c.want)
		}
		if p.Title != "Cast Away" {
			t.Errorf("%s: title %q from a heading holding a keyword", c.name, p.Title)
		}
	}
}

func TestClassify(t *testing.T) {
	for _, c := range []struct {
		heading string
		want    section
	}{
		{"Cast Away: Detailed Plot Synopsis", secSynopsis},
		{"Cast Away Reviews", secReviews},
		{"How to Watch Cast Away?", secSkip},
		{"Cast Away Related Products", secSkip},
		{"Spoilers and Ending Explained", secSpoilers},
		{"Plot Summary – Badly Explained", secBadly},
		{"Box Office", secBoxOffice},
		{"Behind the Scenes", secTrivia},
		{"FAQ", secFAQ},
		{"Rate", secRate},
		{"Soundtrack", secSkip},
	} {
		if got := classify(c.heading); got != c.want {
			t.Errorf("classify(%q) = %d, want %d", c.heading, got, c.want)
		}
	}
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
			t.Errorf("Detect(%s) = %d, want <= 10 (not a film-summary page)", path, got)
		}
	}
	if seen != 2 {
		t.Errorf("found %d of our own pages, want 2", seen)
	}
	for _, s := range []string{"", "hello", "🎉 Party\n🎈 Balloons\n🎂 Cake"} {
		if got := Detect(s); got != 0 {
			t.Errorf("Detect(%q) = %d, want 0", s, got)
		}
	}
}

// lastFAQMiddle returns the byte offset halfway through the last FAQ answer.
func lastFAQMiddle(t *testing.T, page string) int {
	t.Helper()
	faq := strings.Index(page, "🤨 FAQ")
	next := strings.Index(page[faq+1:], "\n🔥")
	if faq < 0 || next < 0 {
		t.Fatal("no FAQ section")
	}
	end := faq + 1 + next
	start := strings.LastIndex(page[:end], "\n") + 1
	return (start + end) / 2
}

func TestParseTruncated(t *testing.T) {
	for _, path := range []string{bundledPage, fargoPage} {
		page := readPage(t, path)
		for _, c := range []struct {
			name string
			at   int
		}{
			{"40%", len(page) * 4 / 10},
			{"70%", len(page) * 7 / 10},
			{"mid last FAQ answer", lastFAQMiddle(t, page)},
			{"after the FAQ heading", strings.Index(page, "🤨 FAQ") + len("🤨 FAQ\n")},
			{"mid rate line", len(page) - 10},
		} {
			_, err := Parse(page[:c.at])
			if !errors.Is(err, knowledge.ErrTruncated) {
				t.Errorf("%s cut %s (%q): err = %v, want ErrTruncated", path, c.name, tail(page[:c.at]), err)
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
	rt := readPage(t, "../../corpus/001_764c53deb2c56af0.txt")
	wiki := readPage(t, "../../corpus/003_7ecdab0355ca8c73.txt")
	for name, in := range map[string]string{
		"empty":          "",
		"blank lines":    "\n\n\n",
		"junk":           "lorem ipsum\x00\xff\xfe dolor",
		"one heading":    "🎯 Quick Overview\n- Director: X\n",
		"rotten page":    rt,
		"wikipedia page": wiki,
	} {
		if p, err := Parse(in); err == nil {
			t.Errorf("%s: got a page titled %q, want an error", name, p.Title)
		}
	}
}

// checkInvariants fails when a parsed page breaks what callers rely on.
func checkInvariants(t *testing.T, in string, p *knowledge.Page) {
	t.Helper()
	if p == nil {
		t.Fatal("nil page without error")
	}
	if p.Kind != knowledge.KindSummary {
		t.Errorf("kind %q", p.Kind)
	}
	for _, r := range p.Reviews {
		if strings.TrimSpace(r.Text) == "" {
			t.Errorf("review with empty text: %+v", r)
		}
	}
	for i, c := range p.Cast {
		if c.Actor == "" || c.Character == "" || c.Billing != i+1 {
			t.Errorf("bad cast entry %d: %+v", i, c)
		}
	}
	for _, q := range p.Quotes {
		if q.Text == "" || q.Character == "" {
			t.Errorf("bad quote: %+v", q)
		}
	}
	for _, f := range p.Facts {
		if f.Text == "" {
			t.Errorf("empty fact: %+v", f)
		}
	}
	for _, ps := range p.Plot {
		if ps.Premise && ps.Spoiler {
			t.Errorf("premise marked spoiler: %+v", ps)
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
	f.Add("🎯 Quick Overview\n- IMDb rating: 9/10 (1.2M votes)\n🎬 Cast\n- A (B): c\n🤨 FAQ\nbased on the novel “X” by Y.\n✨ Rate\n")
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
