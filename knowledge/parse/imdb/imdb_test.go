package imdb

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/parsetest"
)

const (
	bundledPage = "../../corpus/000_6f20dbbd59d93bf6.txt"
	fargoPage   = "../../testdata/fargo/imdb_reviews.txt"
)

func read(t testing.TB, path string) string {
	return parsetest.ReadPage(t, path)
}

func parse(t *testing.T, path string) *knowledge.Page {
	t.Helper()
	p, err := Parse(read(t, path))
	if err != nil {
		t.Fatalf("Parse(%s): %v", path, err)
	}
	return p
}

// byAuthor finds a review by its author, failing the test when it is absent.
func byAuthor(t *testing.T, p *knowledge.Page, author string) knowledge.Review {
	t.Helper()
	for _, r := range p.Reviews {
		if r.Author == author {
			return r
		}
	}
	t.Fatalf("no review by %q", author)
	return knowledge.Review{}
}

type check struct {
	name      string
	got, want any
}

func run(t *testing.T, checks []check) {
	t.Helper()
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestParseBundled(t *testing.T) {
	p := parse(t, bundledPage)
	first, last := p.Reviews[0], p.Reviews[len(p.Reviews)-1]
	grade := byAuthor(t, p, "film-critic")
	greek := byAuthor(t, p, "hlcepeda")
	wcs := byAuthor(t, p, "WCS0")
	curt := byAuthor(t, p, "CurtMan@LVCM.com")
	george := byAuthor(t, p, "george.schmidt")
	elliott := byAuthor(t, p, "Michael_Elliott")
	noah := byAuthor(t, p, "noahk")
	ace := byAuthor(t, p, "acedj")
	k28 := byAuthor(t, p, "k_28")
	hitch := byAuthor(t, p, "hitchcockthelegend")
	mst := byAuthor(t, p, "mstomaso")
	run(t, []check{
		{"kind", p.Kind, knowledge.KindIMDbReviews},
		{"title", p.Title, "Leaving Las Vegas"},
		{"year", p.Year, 1995},
		{"attributes", len(p.Attributes), 1},
		{"review count field", p.Attributes[0].Field, "imdb_user_reviews"},
		{"review count", p.Attributes[0].Value, "297"},
		{"reviews", len(p.Reviews), 25},
		{"first title", first.Title, "Powerful Film About Loneliness And Acceptance"},
		{"first author", first.Author, "flipgirl38"},
		{"first date", first.Date, "2005-05-15"},
		{"first helpful", first.Helpful, 231},
		{"first helpful of", first.HelpfulOf, 268},
		{"first site", first.Site, "IMDb"},
		{"first kind", first.Kind, knowledge.ReviewUser},
		{"first paragraphs", strings.Count(first.Text, "\n\n"), 3},
		{"first text start", strings.HasPrefix(first.Text, "Remarkable. Touching. Riveting."), true},
		{"first has no score", first.Score, ""},
		{"last author", last.Author, "truemythmedia"},
		{"last date", last.Date, "2019-08-23"},
		{"last title", last.Title, "Beauty in the Brokenness"},
		{"last helpful", last.Helpful, 5},
		{"last helpful of", last.HelpfulOf, 7},
		{"last text end", strings.HasSuffix(last.Text, "even if that brokenness is hard to behold."), true},
		{"jguz58 one-digit day", byAuthor(t, p, "jguz58").Date, "2003-05-03"},
		{"k_28 two-digit day", k28.Date, "2014-11-19"},
		{"WCS0 two-digit day", wcs.Date, "2005-06-27"},
		{"JimS_8686 date", byAuthor(t, p, "JimS_8686").Date, "2009-04-19"},
		{"email author date", curt.Date, "2004-10-22"},
		{"email author score", curt.Score, "**** out of ****"},
		{"email author value", curt.ScoreValue, 4.0},
		{"email author max", curt.ScoreMax, 4.0},
		{"grade score", grade.Score, "***** out of *****"},
		{"grade value", grade.ScoreValue, 5.0},
		{"grade max", grade.ScoreMax, 5.0},
		{"9.5 score", greek.Score, "9.5 out of 10"},
		{"9.5 value", greek.ScoreValue, 9.5},
		{"10 out of 10 value", wcs.ScoreValue, 10.0},
		{"10 out of 10 max", wcs.ScoreMax, 10.0},
		{"bare stars after year", george.Score, "****"},
		{"bare stars max", george.ScoreMax, 4.0},
		{"stars out of 4 in parens", elliott.Score, "**** (out of 4)"},
		{"stars out of 4 value", elliott.ScoreValue, 4.0},
		{"slash rating", hitch.Score, "8/10"},
		{"slash rating after Rating:", noah.Score, "1/10"},
		{"star rating words", ace.Score, "10 star rating"},
		{"star rating max", ace.ScoreMax, 10.0},
		{"\"a ten from me\" is not a rating", mst.Score, ""},
		{"no spoiler flags", countSpoilers(p), 0},
	})
	for _, r := range p.Reviews {
		for _, chrome := range []string{"found this helpful", "Sign in to vote", "Recently Viewed", "Sort by:"} {
			if strings.Contains(r.Text, chrome) || strings.Contains(r.Title, chrome) {
				t.Errorf("review by %q keeps chrome %q", r.Author, chrome)
			}
		}
		if r.Author == "" || r.Date == "" || r.Title == "" || r.Text == "" || r.HelpfulOf == 0 {
			t.Errorf("incomplete review %+v", r)
		}
	}
}

func countSpoilers(p *knowledge.Page) int {
	n := 0
	for _, r := range p.Reviews {
		if r.Spoiler {
			n++
		}
	}
	return n
}

func TestParseFargo(t *testing.T) {
	p := parse(t, fargoPage)
	first, last := p.Reviews[0], p.Reviews[len(p.Reviews)-1]
	email := byAuthor(t, p, "prairiegull@rocketmail.com")
	spoiler := byAuthor(t, p, "dkowalczyk")
	grumpy := byAuthor(t, p, "grumpycritic200")
	lena := byAuthor(t, p, "Lena_Strom")
	half := byAuthor(t, p, "ransomnote77")
	bare := byAuthor(t, p, "bjorn.halvorsen")
	paren := byAuthor(t, p, "quietcabin")
	coffee := byAuthor(t, p, "sunnydale_viewer")
	run(t, []check{
		{"title", p.Title, "Fargo"},
		{"year", p.Year, 1996},
		{"review count with thousands separator", p.Attributes[0].Value, "1873"},
		{"reviews", len(p.Reviews), 12},
		{"spoiler reviews", countSpoilers(p), 1},
		{"first author ends in digits", first.Author, "northstar_film19"},
		{"first date", first.Date, "2004-01-22"},
		{"first score", first.Score, "9 out of 10"},
		{"first helpful", first.Helpful, 412},
		{"first helpful of", first.HelpfulOf, 463},
		{"first paragraphs", strings.Count(first.Text, "\n\n"), 4},
		{"rating line above title: title", email.Title, "Yah, you betcha it's great"},
		{"rating line above title: score", email.Score, "9/10"},
		{"rating line above title: value", email.ScoreValue, 9.0},
		{"rating line not in text", strings.Contains(email.Text, "9/10"), false},
		{"email author one-digit day", email.Date, "2002-03-07"},
		{"spoiler flag", spoiler.Spoiler, true},
		{"spoiler warning not in text", strings.Contains(spoiler.Text, "Warning"), false},
		{"spoiler text start", strings.HasPrefix(spoiler.Text, "I want to talk about the last twenty minutes"), true},
		{"spoiler score on its own line", spoiler.Score, "**** out of ****"},
		{"ambiguous digits take a two-digit day", grumpy.Date, "2011-04-12"},
		{"Rating: 4/10", grumpy.Score, "4/10"},
		{"9 out of 10 people is prose", lena.Score, ""},
		{"half star", half.ScoreValue, 3.5},
		{"half star max", half.ScoreMax, 4.0},
		{"half star text", half.Score, "*** 1/2 out of ****"},
		{"bare stars after (YEAR)", bare.Score, "****"},
		{"umlaut kept", strings.Contains(bare.Text, "Kristin Rudrüd"), true},
		{"stars in parens", paren.Score, "*** (out of 4)"},
		{"stars in parens value", paren.ScoreValue, 3.0},
		{"24/7 is prose, 5 out of 10 wins", coffee.Score, "5 out of 10"},
		{"one-digit day 1", coffee.Date, "2001-06-01"},
		{"star rating", byAuthor(t, p, "cinephile_mn").Score, "10 star rating"},
		{"last author", last.Author, "mplsmoviebuff"},
		{"last date", last.Date, "2022-08-29"},
		{"last helpful", last.Helpful, 3},
		{"last helpful of", last.HelpfulOf, 4},
		{"last has no score", last.Score, ""},
	})
}

func TestAuthorDate(t *testing.T) {
	tests := []struct {
		line, author, date string
		ok                 bool
	}{
		{"flipgirl3815 May 2005", "flipgirl38", "2005-05-15", true},
		{"CurtMan@LVCM.com22 October 2004", "CurtMan@LVCM.com", "2004-10-22", true},
		{"k_2819 November 2014", "k_28", "2014-11-19", true},
		{"jguz583 May 2003", "jguz58", "2003-05-03", true},
		{"tedg14 September 2001", "tedg", "2001-09-14", true},
		{"kimjoh1 May 2005", "kimjoh", "2005-05-01", true},
		{"user105 March 2010", "user10", "2010-03-05", true}, // "05" is no day: IMDb does not pad
		{"x10 March 2010", "x", "2010-03-10", true},
		{"110 March 2010", "1", "2010-03-10", true},
		{"10 March 2010", "", "2010-03-10", true},
		{"Jane Doe 3 April 2001", "Jane Doe", "2001-04-03", true},
		{"name40 March 2010", "", "", false}, // neither 40 nor 0 is a day
		{"name5 Smarch 2010", "", "", false},
		{"Powerful Film About Loneliness", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		author, date, ok := authorDate(tt.line)
		if author != tt.author || date != tt.date || ok != tt.ok {
			t.Errorf("authorDate(%q) = %q, %q, %v; want %q, %q, %v", tt.line, author, date, ok, tt.author, tt.date, tt.ok)
		}
	}
}

func TestFindRating(t *testing.T) {
	tests := []struct {
		name, body, score string
		value, max        float64
	}{
		{"out of ten", "Great. 9.5 out of 10.", "9.5 out of 10", 9.5, 10},
		{"slash", "Loved it 8/10", "8/10", 8, 10},
		{"last wins", "First I thought 6/10, now 9/10.", "9/10", 9, 10},
		{"stars", "Grade: ***** out of *****", "***** out of *****", 5, 5},
		{"stars with scale number", "*** / 5", "*** / 5", 3, 5},
		{"stars in parens", "**** (out of 4)", "**** (out of 4)", 4, 4},
		{"half stars", "***½ out of ****", "***½ out of ****", 3.5, 4},
		{"star rating", "as is evident with my 10 star rating.", "10 star rating", 10, 10},
		{"gave stars", "I gave it 7 stars.", "7 stars", 7, 10},
		{"stars out of", "A solid 4 stars out of 5", "4 stars out of 5", 4, 5},
		{"out of ten stars", "I give it 8 out of 10 stars", "8 out of 10", 8, 10},
		{"bare stars after year", "FARGO (1996) *** with Frances McDormand", "***", 3, 4},
		{"prose out of", "The possibility rises out of several dynamics.", "", 0, 0},
		{"people", "9 out of 10 people liked it", "", 0, 0},
		{"helpful line", "12 out of 20 found this helpful.", "", 0, 0},
		{"24/7", "24/7 and 9/11 and 50/50", "", 0, 0},
		{"date", "seen on 3/10/2004", "", 0, 0},
		{"fraction", "3/4 of the film", "", 0, 0},
		{"above scale", "11/10 would watch again", "", 0, 0},
		{"hotel", "a 5 star hotel", "", 0, 0},
		{"empty", "", "", 0, 0},
	}
	for _, tt := range tests {
		r, ok := findRating(tt.body)
		if r.text != tt.score || r.value != tt.value || r.max != tt.max || ok != (tt.score != "") {
			t.Errorf("%s: findRating(%q) = %q %v/%v %v; want %q %v/%v", tt.name, tt.body, r.text, r.value, r.max, ok, tt.score, tt.value, tt.max)
		}
	}
}

// otherPages lists the pages of every other kind: the bundled ones and the
// Fargo ones that exist so far.
func otherPages(t *testing.T) []string {
	return parsetest.OtherPages(t, bundledPage, fargoPage)
}

func TestDetect(t *testing.T) {
	for _, path := range []string{bundledPage, fargoPage} {
		if got := Detect(read(t, path)); got < 80 {
			t.Errorf("Detect(%s) = %d, want >= 80", path, got)
		}
	}
	others := otherPages(t)
	if len(others) < 4 {
		t.Fatalf("found only %d other pages", len(others))
	}
	for _, path := range others {
		if got := Detect(read(t, path)); got != 0 {
			t.Errorf("Detect(%s) = %d, want 0", path, got)
		}
	}
}

func TestTruncated(t *testing.T) {
	for _, path := range []string{bundledPage, fargoPage} {
		text := read(t, path)
		lastVote := strings.LastIndex(text, " found this helpful")
		lastVote = strings.LastIndex(text[:lastVote], "\n") // start of the last vote line
		prevVote := strings.LastIndex(text[:lastVote], "Sign in to vote.")
		cuts := map[string]int{
			"40%":               len(text) * 4 / 10,
			"70%":               len(text) * 7 / 10,
			"mid last review":   (prevVote + lastVote) / 2,
			"inside vote line":  lastVote + 5,
			"before last vote":  lastVote,
			"after first title": afterLine(text, "Filter by Rating:", 2),
		}
		for name, cut := range cuts {
			_, err := Parse(text[:cut])
			if !errors.Is(err, knowledge.ErrTruncated) {
				t.Errorf("%s cut at %s (%d): err = %v, want ErrTruncated", path, name, cut, err)
			}
		}
	}
}

// afterLine returns the offset just past the n-th line ending after the
// first occurrence of marker.
func afterLine(text, marker string, n int) int {
	i := strings.Index(text, marker)
	for ; n > 0; n-- {
		i += strings.Index(text[i:], "\n") + 1
	}
	return i
}

func TestBadInput(t *testing.T) {
	inputs := map[string]string{
		"empty":     "",
		"blank":     "\n\n   \n",
		"junk":      "lorem ipsum\x00\xff dolor\n12 out of\n",
		"only date": "Title\nuser5 May 2005\n",
	}
	for _, path := range otherPages(t) {
		inputs[path] = read(t, path)
	}
	for name, in := range inputs {
		if p, err := Parse(in); err == nil {
			t.Errorf("%s: Parse = %d reviews, want an error", name, len(p.Reviews))
		}
	}
}

func TestFooterEndsLastReviewWithoutVotes(t *testing.T) {
	text := "Film (2001) Poster\nUser Reviews\nGood\nann12 May 2004\nNice film. 7/10\n3 out of 4 found this helpful. Was this review helpful? Sign in to vote.\nBad\nbob3 June 2005\nNot for me.\nSee also\nAwards | FAQ | User Ratings\n"
	p, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	run(t, []check{
		{"reviews", len(p.Reviews), 2},
		{"title", p.Title, "Film"},
		{"second author", p.Reviews[1].Author, "bob"},
		{"second text", p.Reviews[1].Text, "Not for me."},
		{"second votes", p.Reviews[1].HelpfulOf, 0},
		{"first score", p.Reviews[0].Score, "7/10"},
	})
}

func FuzzParse(f *testing.F) {
	for _, path := range []string{bundledPage, fargoPage} {
		text := read(f, path)
		f.Add(text)
		for _, frac := range []int{2, 4, 7, 9} {
			f.Add(text[:len(text)*frac/10])
		}
	}
	f.Add("T\nu1 May 2001\nbody 5 out of 10\n1 out of 1 found this helpful.\n")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := Parse(text)
		Detect(text)
		if err != nil {
			if p != nil {
				t.Fatal("page returned with an error")
			}
			return
		}
		if len(p.Reviews) == 0 {
			t.Fatal("no reviews and no error")
		}
		valid := utf8.ValidString(text)
		for _, r := range p.Reviews {
			if strings.TrimSpace(r.Text) == "" {
				t.Fatalf("empty review text: %+v", r)
			}
			if r.ScoreMax != 0 && (r.ScoreValue > r.ScoreMax || r.ScoreValue < 0) {
				t.Fatalf("score out of range: %+v", r)
			}
			if r.Helpful < 0 || r.HelpfulOf < 0 {
				t.Fatalf("negative votes: %+v", r)
			}
			if valid {
				for _, s := range []string{r.Text, r.Title, r.Author, r.Score, r.Date} {
					if !utf8.ValidString(s) {
						t.Fatalf("invalid UTF-8 %q", s)
					}
				}
			}
		}
		if valid && !utf8.ValidString(p.Title) {
			t.Fatalf("invalid UTF-8 title %q", p.Title)
		}
	})
}

func BenchmarkParseBundled(b *testing.B) {
	text := read(b, bundledPage)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Parse(text)
	}
}

func BenchmarkDetectBundled(b *testing.B) {
	text := read(b, bundledPage)
	for b.Loop() {
		Detect(text)
	}
}
