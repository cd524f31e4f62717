package wiki

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/parsetest"
	"moviebot/knowledge/parse/textutil"
)

const (
	bundledFile = "../../corpus/003_7ecdab0355ca8c73.txt"
	fargoFile   = "../../testdata/fargo/wikipedia.txt"
)

func readFile(t testing.TB, path string) string {
	return parsetest.ReadPage(t, path)
}

func mustParse(t *testing.T, text string) *knowledge.Page {
	t.Helper()
	p, err := Parse(text)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return p
}

// linkTexts lists the link text of every link line of a page, in order.
func linkTexts(text string) []string {
	var out []string
	for _, l := range textutil.Lines(text) {
		if isLinkLine(l) {
			link, _ := splitLink(l)
			out = append(out, link)
		}
	}
	return out
}

func TestSplitLinkBundled(t *testing.T) {
	want := []string{
		"drama film",
		"Mike Figgis",
		"Nicolas Cage",
		"Los Angeles",
		"Las Vegas",
		"Elisabeth Shue",
		"Golden Globe Award for Best Actor - Motion Picture Drama",
		"Golden Globe Award for Best Actress - Motion Picture Drama",
		"Academy Award for Best Actress",
		"Las Vegas",
		"Las Vegas Strip",
		"Poles",
		"Excalibur Hotel and Casino",
		"Nicolas Cage",
		"Elisabeth Shue",
		"Julian Sands",
		"Richard Lewis",
		"Emily Procter",
		"Valeria Golino",
		"Laurie Metcalf",
		"French Stewart",
		"Mariska Hargitay",
		"Julian Lennon",
		"Graham Beckel",
		"Ed Lauter",
		"Mike Figgis",
		"Danny Huston",
		"Shawnee Smith",
		"Bob Rafelson",
		"Xander Berkeley",
		"Academy Award",
		"United Artists",
		"Rotten Tomatoes",
		"Metacritic",
		"Chicago Sun-Times",
		"The Globe and Mail",
		"Variety",
		"MGM Home Entertainment",
		"Lonely Teardrops",
		"List of films set in Las Vegas",
	}
	checkLinks(t, readFile(t, bundledFile), want)
}

func TestSplitLinkFargo(t *testing.T) {
	want := []string{
		"black comedy",
		"crime thriller",
		"Joel and Ethan Coen",
		"Upper Midwest",
		"Frances McDormand",
		"William H. Macy",
		"Steve Buscemi",
		"Peter Stormare",
		"Minneapolis",
		"Brainerd, Minnesota",
		"69th Academy Awards",
		"1996 Cannes Film Festival",
		"BAFTA Award for Best Direction",
		"Independent Spirit Award for Best Film",
		"car dealership",
		"Fargo, North Dakota",
		"wood chipper",
		"Frances McDormand",
		"Brainerd, Minnesota",
		"William H. Macy",
		"Steve Buscemi",
		"Peter Stormare",
		"Harve Presnell",
		"John Carroll Lynch",
		"Steve Reevis",
		"Steve Park",
		"José Feliciano",
		"Working Title Films",
		"Grand Forks, North Dakota",
		"Roger Deakins",
		"Gramercy Pictures",
		"PolyGram Filmed Entertainment",
		"Rotten Tomatoes",
		"Metacritic",
		"Chicago Sun-Times",
		"PolyGram Video",
		"Carter Burwell",
		"Kumiko, the Treasure Hunter",
		"Fargo (TV series)",
	}
	checkLinks(t, readFile(t, fargoFile), want)
}

func checkLinks(t *testing.T, text string, want []string) {
	t.Helper()
	got := linkTexts(text)
	if len(got) != len(want) {
		t.Errorf("got %d link lines, want %d", len(got), len(want))
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		if got[i] != want[i] {
			t.Errorf("link %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

// TestSplitLinkShapes covers the shapes of preview one by one, including
// traps where a wrong split also "matches".
func TestSplitLinkShapes(t *testing.T) {
	tests := []struct {
		name, line, link, snippet string
	}{
		{"echo", "Las Vegas Las Vegas (; Spanish for ...", "Las Vegas", "Las Vegas (; Spanish for"},
		{"echo after The", "Las Vegas Strip The Las Vegas Strip is a stretch ...", "Las Vegas Strip", "The Las Vegas Strip is a stretch"},
		{"echo in italics", "Chicago Sun-Times The ''Chicago Sun-Times'' is a daily ...", "Chicago Sun-Times", "The ''Chicago Sun-Times'' is a daily"},
		{"echo in quotes", `Lonely Teardrops "Lonely Teardrops" is a song ...`, "Lonely Teardrops", `"Lonely Teardrops" is a song`},
		{"plural echo", "Academy Award The Academy Awards, better known as the Oscars ...", "Academy Award", "The Academy Awards, better known as the Oscars"},
		{"first word then full name", "Nicolas Cage Nicolas Kim Coppola (born January 7, 1964), known professionally as Nicolas Cage, is ...", "Nicolas Cage", ""},
		{"disambiguation", "Richard Lewis Richard, Rich, Richie, Rick, Ricky or Dick Lewis may refer to ...", "Richard Lewis", ""},
		{"surname", "Mike Figgis Michael Figgis (born 28 February 1948) is an English film director ...", "Mike Figgis", ""},
		{"surname with suffix", "Ed Lauter Edward Matthew Lauter Jr. ( ; October 30, 1938 ...", "Ed Lauter", ""},
		{"hyphenated surname", "French Stewart Milton French-Stewart IV (born February 20, 1964) ...", "French Stewart", ""},
		{"company", "MGM Home Entertainment Metro-Goldwyn-Mayer Home Entertainment LLC ( d/b/a ...", "MGM Home Entertainment", ""},
		{"honorific", "Roger Deakins Sir Roger Alexander Deakins (born 24 May 1949) is an English cinematographer ...", "Roger Deakins", ""},
		{"no echo", "drama film In film and television, drama is a category or genre ...", "drama film", ""},
		{"list article", "List of films set in Las Vegas This is a list of films set in Las Vegas. See also ...", "List of films set in Las Vegas", ""},
		{"glued italics", "Julian Sands Julian Richard Morley Sands''Births, Marriages & Deaths Index of England & Wales, ...", "Julian Sands", ""},
		{"comma in link", "Brainerd, Minnesota Brainerd is a city in Crow Wing County in central Minnesota ...", "Brainerd, Minnesota", ""},
		{"parenthesis in link", "Fargo (TV series) ''Fargo'' is an American black comedy crime drama anthology television series ...", "Fargo (TV series)", ""},
		{"different ending", "Independent Spirit Award for Best Film The Independent Spirit Award for Best Feature is one of the annual awards ...", "Independent Spirit Award for Best Film", ""},
		{"one word", "Variety Variety may refer to: Arts and entertainment ...", "Variety", ""},
		{"link only", "Metacritic ...", "Metacritic", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			link, snippet := splitLink(tt.line)
			if link != tt.link {
				t.Errorf("link: got %q, want %q", link, tt.link)
			}
			if tt.snippet != "" && snippet != tt.snippet {
				t.Errorf("snippet: got %q, want %q", snippet, tt.snippet)
			}
		})
	}
}

func TestJoinBlock(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  string
	}{
		{"comma after link", []string{"written and directed by", "Mike Figgis Michael Figgis (born 28 February 1948) is an English film director ...", ", and based on"}, "written and directed by Mike Figgis, and based on"},
		{"italics around link", []string{"Roger Ebert from ''", "Chicago Sun-Times The ''Chicago Sun-Times'' is a daily newspaper ...", "'' and Rick Groen"}, "Roger Ebert from ''Chicago Sun-Times'' and Rick Groen"},
		{"quotes around link", []string{`A version of "`, `Lonely Teardrops "Lonely Teardrops" is a song ...`, `" performed by`}, `A version of "Lonely Teardrops" performed by`},
		{"cast list", []string{"*", "Nicolas Cage Nicolas Kim Coppola (born January 7, 1964) is ...", "as Ben Sanderson * Steven Weber as Marc Nussbaum"}, "* Nicolas Cage as Ben Sanderson * Steven Weber as Marc Nussbaum"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := joinBlock(tt.lines); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	p := `Ebert wrote, "If there are two roles. Cage and Shue make them people." Ebert named it "best of 1995". R. Lee Ermey plays Mr. Jones in the U.S. version. It ends.`
	got := sentences(p)
	want := []string{
		`Ebert wrote, "If there are two roles. Cage and Shue make them people."`,
		`Ebert named it "best of 1995".`,
		`R. Lee Ermey plays Mr. Jones in the U.S. version.`,
		`It ends.`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q,\nwant %q", got, want)
	}
}

func TestReadNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Mike Figgis, and based on the novel", []string{"Mike Figgis"}},
		{"John O'Brien. Nicolas Cage stars", []string{"John O'Brien"}},
		{"Joel and Ethan Coen, directed by Joel", []string{"Joel Coen", "Ethan Coen"}},
		{"William H. Macy and Steve Buscemi as", []string{"William H. Macy", "Steve Buscemi"}},
		{"the film", nil},
	}
	for _, tt := range tests {
		if got := readNames(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("readNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Helpers to find records by key in the tests below.

func castBy(p *knowledge.Page, actor string) knowledge.CastMember {
	for _, c := range p.Cast {
		if c.Actor == actor {
			return c
		}
	}
	return knowledge.CastMember{}
}

func scoreBy(p *knowledge.Page, site string) knowledge.Score {
	for _, s := range p.Scores {
		if s.Site == site {
			return s
		}
	}
	return knowledge.Score{}
}

func crewOf(p *knowledge.Page) []string {
	var out []string
	for _, c := range p.Crew {
		out = append(out, c.Job+": "+c.Name)
	}
	return out
}

func awardsOf(p *knowledge.Page) []string {
	var out []string
	for _, a := range p.Awards {
		out = append(out, a.Body+" | "+a.Category+" | "+a.Recipient+" | "+a.Result)
	}
	return out
}

func companiesOf(p *knowledge.Page) []string {
	var out []string
	for _, c := range p.Companies {
		out = append(out, c.Role+": "+c.Name+" @ "+c.Region)
	}
	return out
}

func releasesOf(p *knowledge.Page) []string {
	var out []string
	for _, r := range p.Releases {
		out = append(out, r.Kind+" "+r.Date+" "+r.Region)
	}
	return out
}

func moneyOf(p *knowledge.Page) []string {
	var out []string
	for _, m := range p.Money {
		out = append(out, m.Kind+": "+m.Text)
	}
	return out
}

func factCounts(p *knowledge.Page) map[string]int {
	out := map[string]int{}
	for _, f := range p.Facts {
		out[f.Kind]++
	}
	return out
}

func plotBy(p *knowledge.Page, heading string) knowledge.PlotSection {
	for _, s := range p.Plot {
		if s.Heading == heading {
			return s
		}
	}
	return knowledge.PlotSection{}
}

func factWith(p *knowledge.Page, kind, sub string) knowledge.Fact {
	for _, f := range p.Facts {
		if f.Kind == kind && strings.Contains(f.Text, sub) {
			return f
		}
	}
	return knowledge.Fact{}
}

func TestParseBundled(t *testing.T) {
	p := mustParse(t, readFile(t, bundledFile))
	ebert, klady := knowledge.Review{}, knowledge.Review{}
	if len(p.Reviews) == 2 {
		ebert, klady = p.Reviews[0], p.Reviews[1]
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"kind", p.Kind, knowledge.KindWikipedia},
		{"title", p.Title, "Leaving Las Vegas"},
		{"year", p.Year, 1995},
		{"genres", p.Genres, []string{"Drama"}},
		{"nationality", p.Attributes, []knowledge.Attribute{{Field: "nationality", Value: "American"}}},
		{"based on", p.BasedOn, &knowledge.Work{Kind: "novel", Title: "Leaving Las Vegas", Author: "John O'Brien", Year: 1990}},
		{"crew", crewOf(p), []string{"director: Mike Figgis", "writer: Mike Figgis", "novel: John O'Brien", "composer: Mike Figgis"}},
		{"cast count", len(p.Cast), 28},
		{"first cast", p.Cast[0], knowledge.CastMember{Actor: "Nicolas Cage", Character: "Ben Sanderson", Billing: 1}},
		{"cast from link line", castBy(p, "French Stewart"), knowledge.CastMember{Actor: "French Stewart", Character: "Business Man #2", Billing: 10}},
		{"cast without link", castBy(p, "R. Lee Ermey"), knowledge.CastMember{Actor: "R. Lee Ermey", Character: "Conventioneer", Billing: 11}},
		{"credited as", castBy(p, "Michael Goorjian"), knowledge.CastMember{Actor: "Michael Goorjian", Character: "College Boy #1", CreditedAs: "Michael A. Goorjian", Billing: 25}},
		{"last cast", p.Cast[len(p.Cast)-1], knowledge.CastMember{Actor: "Lou Rawls", Character: "Concerned Cabbie", Billing: 28}},
		{"awards", awardsOf(p), []string{
			"Golden Globe Award | Best Actor – Motion Picture Drama | Nicolas Cage | won",
			"Academy Award | Best Actor | Nicolas Cage | won",
			"Golden Globe Award | Best Actress – Motion Picture Drama | Elisabeth Shue | nominated",
			"Academy Award | Best Actress | Elisabeth Shue | nominated",
			"Academy Award | Best Adapted Screenplay |  | nominated",
			"Academy Award | Best Director |  | nominated",
			"Independent Spirit Award | Best Film |  | won",
		}},
		{"releases", releasesOf(p), []string{
			"limited 1995-10-27 United States",
			"wide 1996-02-09 ",
			"vhs 1996-11-12 ",
			"dvd 1998-01-01 ",
			"soundtrack 1995-11-07 ",
		}},
		{"companies", companiesOf(p), []string{
			"distributor: United Artists @ North America",
			"distributor: RCV Film Distribution @ Europe",
			"distributor: Atalanta Filmes @ Europe",
			"distributor: 21st Century Film Corporation @ Australia",
			"marketing: MGM/UA @ ",
			"home video: MGM Home Entertainment @ ",
		}},
		{"money", moneyOf(p), []string{"marketing: less than $2 million", "box office: $49.8 million"}},
		{"box office amount", p.Money[1].Amount, 49.8e6},
		{"rotten tomatoes", scoreBy(p, "Rotten Tomatoes"), knowledge.Score{Site: "Rotten Tomatoes", Kind: knowledge.ReviewCritic, Value: 91, Max: 100, Text: "91%", Count: 53, CountKind: "reviews", Average: "7.6/10"}},
		{"metacritic", scoreBy(p, "Metacritic"), knowledge.Score{Site: "Metacritic", Kind: knowledge.ReviewCritic, Value: 82, Max: 100, Text: "82 out of 100", Count: 23, CountKind: "critics", Verdict: "Universal acclaim"}},
		{"consensus", factWith(p, "consensus", "").Text, "Oscar-awarded Nicolas Cage finds humanity in his character as it bleeds away in this no frills, exhilaratingly dark portrait of destruction."},
		{"review count", len(p.Reviews), 2},
		{"ebert", [3]string{ebert.Author, ebert.Publication, ebert.Site}, [3]string{"Roger Ebert", "Chicago Sun-Times", "Wikipedia"}},
		{"ebert text", ebert.Text, "If there are two unplayable roles in the stock repertory, they are the drunk and the whore with a heart of gold. Cage and Shue make these cliches into unforgettable people."},
		{"klady", [2]string{klady.Author, klady.Publication}, [2]string{"Leonard Klady", "Variety"}},
		{"klady text", klady.Text, `Leaving Las Vegas was "certainly among a scant handful of films that have taken an unflinching view of dependency."`},
		{"plot sections", len(p.Plot), 2},
		{"plot is a spoiler", plotBy(p, "Plot").Spoiler, true},
		{"plot start", strings.HasPrefix(plotBy(p, "Plot").Text, "Ben Sanderson is an alcoholic Hollywood screenwriter"), true},
		{"plot joins links", strings.Contains(plotBy(p, "Plot").Text, "down to the Las Vegas Strip; he nearly hits"), true},
		{"premise", plotBy(p, "Premise"), knowledge.PlotSection{Heading: "Premise", Premise: true, Text: "Nicolas Cage stars as a suicidal alcoholic in Los Angeles who, having lost his family and been recently fired, has decided to move to Las Vegas and drink himself to death. He loads a supply of liquor and beer into his BMW and gets drunk as he drives from Los Angeles to Las Vegas. Once there, he develops a romantic relationship with a sex worker played by Elisabeth Shue and the film shifts to include her narrative perspective."}},
		{"fact kinds", factCounts(p), map[string]int{"consensus": 1, "production": 3, "release": 1, "reception": 1, "home media": 1, "soundtrack": 1}},
		{"filming trivia", strings.HasSuffix(factWith(p, "production", "Filming took place").Text, "Filming took place over 28 days."), true},
		{"italics removed", strings.HasPrefix(factWith(p, "release", "").Text, "Leaving Las Vegas had a limited release on October 27, 1995."), true},
		{"fact spoiler flag", factWith(p, "production", "Mike Figgis based").Spoiler, textutil.RevealsEnding(factWith(p, "production", "Mike Figgis based").Text)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v,\nwant %#v", tt.got, tt.want)
			}
		})
	}
}

func TestParseFargo(t *testing.T) {
	p := mustParse(t, readFile(t, fargoFile))
	var holmgren, teel knowledge.Review
	if len(p.Reviews) == 2 {
		holmgren, teel = p.Reviews[0], p.Reviews[1]
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"title", p.Title, "Fargo"},
		{"year", p.Year, 1996},
		{"genres", p.Genres, []string{"Black comedy", "Crime", "Thriller"}},
		{"not based on a work", p.BasedOn, (*knowledge.Work)(nil)},
		{"crew", crewOf(p), []string{
			"writer: Joel Coen", "writer: Ethan Coen", "director: Joel Coen", "producer: Ethan Coen",
			"cinematographer: Roger Deakins", "composer: Carter Burwell",
		}},
		{"cast count", len(p.Cast), 18},
		{"cast description", p.Cast[0], knowledge.CastMember{Actor: "Frances McDormand", Character: "Marge Gunderson", Description: "the pregnant police chief of Brainerd, Minnesota", Billing: 1}},
		{"cast initial", castBy(p, "William H. Macy"), knowledge.CastMember{Actor: "William H. Macy", Character: "Jerry Lundegaard", Billing: 2}},
		{"cast umlaut", castBy(p, "Kristin Rudrüd"), knowledge.CastMember{Actor: "Kristin Rudrüd", Character: "Jean Lundegaard", Billing: 5}},
		{"credited as", castBy(p, "Bruce Bohne"), knowledge.CastMember{Actor: "Bruce Bohne", Character: "Lou", CreditedAs: "Bruce W. Bohne", Billing: 12}},
		{"himself", castBy(p, "José Feliciano"), knowledge.CastMember{Actor: "José Feliciano", Character: "himself", Billing: 15}},
		{"last cast", p.Cast[len(p.Cast)-1], knowledge.CastMember{Actor: "Cliff Rakerd", Character: "Officer Olson", Billing: 18}},
		{"awards", awardsOf(p), []string{
			"Academy Award | Best Picture |  | nominated",
			"Academy Award | Best Director |  | nominated",
			"Academy Award | Best Supporting Actor | William H. Macy | nominated",
			"Academy Award | Best Actress | Frances McDormand | won",
			"Academy Award | Best Original Screenplay | Joel Coen and Ethan Coen | won",
			"Cannes Film Festival | Best Director | Joel Coen | won",
			"BAFTA Award | Best Direction | Joel Coen | won",
			"Independent Spirit Award | Best Film |  | won",
			"Golden Globe Award | Best Actress – Motion Picture Musical or Comedy | Frances McDormand | nominated",
			"Academy Award | Best Cinematography | Roger Deakins | nominated",
			"Academy Award | Best Film Editing |  | nominated",
		}},
		{"ceremony year", p.Awards[0].Year, 1997},
		{"festival year", p.Awards[5].Year, 1996},
		{"releases", releasesOf(p), []string{"limited 1996-03-08 United States", "premiere 1996-05 ", "dvd 1998-09-01 "}},
		{"companies", companiesOf(p), []string{
			"studio: Working Title Films @ ",
			"distributor: Gramercy Pictures @ North America",
			"distributor: PolyGram Filmed Entertainment @ International",
			"home video: PolyGram Video @ ",
		}},
		{"money", moneyOf(p), []string{"box office: $60.6 million", "budget: $7 million"}},
		{"rotten tomatoes", scoreBy(p, "Rotten Tomatoes"), knowledge.Score{Site: "Rotten Tomatoes", Kind: knowledge.ReviewCritic, Value: 94, Max: 100, Text: "94%", Count: 113, CountKind: "reviews", Average: "8.8/10"}},
		{"metacritic", scoreBy(p, "Metacritic"), knowledge.Score{Site: "Metacritic", Kind: knowledge.ReviewCritic, Value: 85, Max: 100, Text: "85 out of 100", Count: 25, CountKind: "critics", Verdict: "Universal acclaim"}},
		{"consensus keeps no italics", strings.HasPrefix(factWith(p, "consensus", "").Text, "Dry as a prairie wind and twice as cold, Fargo turns"), true},
		{"reviews", len(p.Reviews), 2},
		{"holmgren", [2]string{holmgren.Author, holmgren.Publication}, [2]string{"Dana Holmgren", "The Prairie Ledger"}},
		{"holmgren text, two sentences", holmgren.Text, `a crime story told with a straight face and a frozen grin, and all the funnier for it. She "makes plain decency the most interesting thing in the room."`},
		{"teel", [3]string{teel.Author, teel.Publication, teel.Text}, [3]string{"Marcus Teel", "Northern Screen", `The Coens had "never been kinder to their characters, or crueler to them."`}},
		{"premise", plotBy(p, "Premise").Text, "Macy plays Jerry Lundegaard, a Minneapolis car salesman sunk in debt who arranges for two hired crooks, played by Buscemi and Stormare, to abduct his wife so that her wealthy father will pay a ransom Jerry means to skim. McDormand plays Marge Gunderson, a pregnant small-town police chief in Brainerd, Minnesota, who starts asking polite questions after a night-time traffic stop on the highway turns violent."},
		{"premise is no spoiler", plotBy(p, "Premise").Spoiler, false},
		{"plot paragraphs", strings.Count(plotBy(p, "Plot").Text, "\n\n"), 2},
		{"plot ending", strings.Contains(plotBy(p, "Plot").Text, "feeding Carl's body into a wood chipper. She shoots him"), true},
		{"fact kinds", factCounts(p), map[string]int{"consensus": 1, "production": 3, "release": 1, "reception": 1, "home media": 1, "soundtrack": 1, "trivia": 1}},
		{"trivia italics", strings.Contains(factWith(p, "trivia", "").Text, "the 2014 film Kumiko, the Treasure Hunter, in which"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v,\nwant %#v", tt.got, tt.want)
			}
		})
	}
}

// glassOrchard is a short article about an invented film, in the mirror's
// layout, written in other common shapes of Wikipedia prose: "The film
// stars X as a ...", "based on the novel <italic title> by", "premiered at",
// "released ... by <distributor>", "a $12 million budget", "was nominated
// for the BAFTA Award ... for his performance", "won the Saturn Award ...",
// "won the Palme d'Or", and an Accolades section with content.
const glassOrchard = "The Glass Orchard (2004 film)\n\u00a0\u00a0\u00a0HOME\n\nTheInfoList\n\n\n\nOR:\n\n" +
	"''The Glass Orchard'' is a 2004 British-American\n" +
	"psychological thriller Psychological thriller is a genre that blends the thriller with psychological fiction, dwelling on the unstable minds of its characters ...\n" +
	"film directed by\n" +
	"Ada Brennan Adaline Rose Brennan (born 1961) is an Irish film director and screenwriter ...\n" +
	"from a screenplay by Tomas Weil, based on the novel ''Winter Fruit'' by Hilde Marsh. The film stars\n" +
	"Owen Carrick Owen Carrick (born 1970) is a Welsh actor known for stage work ...\n" +
	"as a widowed botanist who takes a job tending a remote greenhouse estate, where he begins to suspect that the owner's family is hiding something. It premiered at the\n" +
	"Toronto International Film Festival The Toronto International Film Festival (TIFF) is one of the largest public film festivals in the world ...\n" +
	"on September 12, 2004, and was released in the United Kingdom on March 4, 2005 by Northlight Pictures. Carrick was nominated for the BAFTA Award for Best Actor in a Leading Role for his performance, and Lena Voss won the Saturn Award for Best Supporting Actress.\n" +
	"\n\nPlot\n\nTom Hale arrives at the estate in winter. The orchard's owner dies in the final act and Tom burns the glasshouses.\n" +
	"\n\nCast\n\n* Owen Carrick as Tom Hale * Lena Voss as Margit Aldous (uncredited) * Pim de Vries as the Gardener\n" +
	"\n\nRelease\n\nThe film was made on a $12 million budget and earned $31.5 million worldwide.\n" +
	"\n\nReception\n\nOn review aggregator Rotten Tomatoes, the film holds an approval rating of 78% based on 120 reviews. On Metacritic, the film has a weighted average score of 66 out of 100, based on 30 critics, indicating \"generally favorable reviews\".\n" +
	"\n\nAccolades\n\nBrennan won the Palme d'Or at the 2004 Cannes Film Festival.\n" +
	"\n\nMusic\n\nThe music was composed by Ida Frey and recorded in Prague.\n" +
	"\n\nReferences\n"

func TestParseOtherFilm(t *testing.T) {
	p := mustParse(t, glassOrchard)
	tests := []struct {
		name      string
		got, want any
	}{
		{"title", p.Title, "The Glass Orchard"},
		{"year", p.Year, 2004},
		{"genres", p.Genres, []string{"Psychological thriller"}},
		{"nationality", p.Attributes, []knowledge.Attribute{{Field: "nationality", Value: "British-American"}}},
		{"based on", p.BasedOn, &knowledge.Work{Kind: "novel", Title: "Winter Fruit", Author: "Hilde Marsh"}},
		{"crew", crewOf(p), []string{"director: Ada Brennan", "writer: Tomas Weil", "novel: Hilde Marsh", "composer: Ida Frey"}},
		{"cast", p.Cast, []knowledge.CastMember{
			{Actor: "Owen Carrick", Character: "Tom Hale", Billing: 1},
			{Actor: "Lena Voss", Character: "Margit Aldous", Billing: 2},
			{Actor: "Pim de Vries", Character: "the Gardener", Billing: 3},
		}},
		{"awards", awardsOf(p), []string{
			"BAFTA Award | Best Actor in a Leading Role | Owen Carrick | nominated",
			"Saturn Award | Best Supporting Actress | Lena Voss | won",
			"Cannes Film Festival | Palme d'Or | Ada Brennan | won",
		}},
		{"releases", releasesOf(p), []string{"premiere 2004-09-12 ", "theatrical 2005-03-04 United Kingdom"}},
		{"companies", companiesOf(p), []string{"distributor: Northlight Pictures @ "}},
		{"money", moneyOf(p), []string{"budget: $12 million", "worldwide gross: $31.5 million"}},
		{"rotten tomatoes", scoreBy(p, "Rotten Tomatoes").Text, "78%"},
		{"metacritic", scoreBy(p, "Metacritic"), knowledge.Score{Site: "Metacritic", Kind: knowledge.ReviewCritic, Value: 66, Max: 100, Text: "66 out of 100", Count: 30, CountKind: "critics", Verdict: "Generally favorable reviews"}},
		{"premise", plotBy(p, "Premise").Text, "The film stars Owen Carrick as a widowed botanist who takes a job tending a remote greenhouse estate, where he begins to suspect that the owner's family is hiding something."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !reflect.DeepEqual(tt.got, tt.want) {
				t.Errorf("got %#v,\nwant %#v", tt.got, tt.want)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	own := []string{bundledFile, fargoFile}
	for _, f := range own {
		if got := Detect(readFile(t, f)); got < 60 {
			t.Errorf("Detect(%s) = %d, want >= 60", f, got)
		}
	}
	if got := Detect(glassOrchard); got < 60 {
		t.Errorf("Detect(glassOrchard) = %d, want >= 60", got)
	}
	others, _ := filepath.Glob("../../corpus/*.txt")
	fargo, _ := filepath.Glob("../../testdata/fargo/*.txt")
	checked := 0
	for _, f := range append(others, fargo...) {
		if f == bundledFile || f == fargoFile {
			continue
		}
		checked++
		if got := Detect(readFile(t, f)); got != 0 {
			t.Errorf("Detect(%s) = %d, want 0", f, got)
		}
	}
	if checked < 4 {
		t.Errorf("checked only %d other pages", checked)
	}
	for _, junk := range []string{"", "hello", "Plot\n\nCast\n\nReferences\n", "See also\n\nAwards | FAQ\n"} {
		if got := Detect(junk); got != 0 {
			t.Errorf("Detect(%q) = %d, want 0", junk, got)
		}
	}
}

// cuts returns truncated copies of a page: at 40% and 70% of its length,
// and in the middle of its last content paragraph (the one before "See
// also").
func cuts(t testing.TB, text string) map[string]string {
	out := map[string]string{
		"40%": text[:len(text)*40/100],
		"70%": text[:len(text)*70/100],
	}
	end := strings.Index(text, "\n\n\nSee also")
	if end < 0 {
		t.Fatal("no See also")
	}
	start := strings.LastIndex(text[:end], "\n\n") + 2
	out["mid last paragraph"] = text[:(start+end)/2]
	return out
}

func TestParseTruncated(t *testing.T) {
	for _, f := range []string{bundledFile, fargoFile} {
		for name, text := range cuts(t, readFile(t, f)) {
			t.Run(filepath.Base(f)+" "+name, func(t *testing.T) {
				p, err := Parse(text)
				if !errors.Is(err, knowledge.ErrTruncated) {
					t.Errorf("got page %v, error %v; want ErrTruncated", p != nil, err)
				}
			})
		}
	}
}

func TestParseBad(t *testing.T) {
	tests := map[string]string{
		"empty":         "",
		"blank":         "\n\n   \n",
		"title only":    "Fargo (1996 film)\n",
		"chrome only":   "Fargo (1996 film)\n   HOME\n\nTheInfoList\n\nOR:\n",
		"junk":          "q8 ;;; ''\n\x00\xff\n...\n* * *\n",
		"other kind":    "Fargo (1996) - Rotten Tomatoes\n\nCritic Consensus: Good.\n",
		"no end":        "Fargo\n\n''Fargo'' is a 1996 film.\n\n\nPlot\n\nStuff happens.\n",
		"link line cut": "Fargo\n\n''Fargo'' is a\nblack comedy Black comedy ...",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			if p, err := Parse(text); err == nil {
				t.Errorf("got page %+v, want an error", p)
			}
		})
	}
}

// strs collects every string field reachable from v.
func strs(v reflect.Value, out *[]string) {
	switch v.Kind() {
	case reflect.String:
		*out = append(*out, v.String())
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			strs(v.Elem(), out)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			strs(v.Field(i), out)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			strs(v.Index(i), out)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			strs(k, out)
			strs(v.MapIndex(k), out)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, path := range []string{bundledFile, fargoFile} {
		text := readFile(f, path)
		f.Add(text)
		for _, c := range cuts(f, text) {
			f.Add(c)
		}
	}
	f.Add(glassOrchard)
	f.Add("Fargo\n\n''Fargo'' is a\nblack comedy Black comedy ...\n\n\nReferences\n")
	f.Fuzz(func(t *testing.T, text string) {
		Detect(text)
		p, err := Parse(text)
		if err != nil {
			if p != nil {
				t.Fatalf("page and error both returned")
			}
			return
		}
		if p.Kind != knowledge.KindWikipedia || p.Title == "" {
			t.Fatalf("kind %q, title %q", p.Kind, p.Title)
		}
		for _, r := range p.Reviews {
			if strings.TrimSpace(r.Text) == "" || r.Author == "" {
				t.Fatalf("review without text or author: %+v", r)
			}
		}
		for i, c := range p.Cast {
			if c.Actor == "" || c.Billing != i+1 {
				t.Fatalf("cast %d: %+v", i, c)
			}
		}
		for _, a := range p.Awards {
			if a.Body == "" || a.Category == "" || (a.Result != knowledge.Won && a.Result != knowledge.Nominated) {
				t.Fatalf("award %+v", a)
			}
		}
		for _, pl := range p.Plot {
			if pl.Text == "" {
				t.Fatalf("empty plot section %q", pl.Heading)
			}
		}
		for _, fc := range p.Facts {
			if fc.Text == "" {
				t.Fatalf("empty %s fact", fc.Kind)
			}
		}
		if utf8.ValidString(text) {
			var all []string
			strs(reflect.ValueOf(p), &all)
			for _, s := range all {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in %q", s)
				}
			}
		}
	})
}
