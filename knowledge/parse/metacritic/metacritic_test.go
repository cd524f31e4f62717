package metacritic

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/parsetest"
)

const (
	bundledPage = "../../corpus/004_e0b57cb7d782cb66.txt"
	fargoPage   = "../../testdata/fargo/metacritic.txt"
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

// split separates critic and user reviews.
func split(p *knowledge.Page) (critics, users []knowledge.Review) {
	for _, r := range p.Reviews {
		if r.Kind == knowledge.ReviewCritic {
			critics = append(critics, r)
		} else {
			users = append(users, r)
		}
	}
	return critics, users
}

// attr returns the value of a page attribute, or "" when it is absent.
func attr(p *knowledge.Page, field string) string {
	for _, a := range p.Attributes {
		if a.Field == field {
			return a.Value
		}
	}
	return ""
}

func count(rs []knowledge.Review, keep func(knowledge.Review) bool) int {
	n := 0
	for _, r := range rs {
		if keep(r) {
			n++
		}
	}
	return n
}

func hasAuthor(r knowledge.Review) bool { return r.Author != "" }
func hasScore(r knowledge.Review) bool  { return r.Score != "" }
func hasDate(r knowledge.Review) bool   { return r.Date != "" }

func TestParseBundled(t *testing.T) {
	p := parse(t, bundledPage)
	critics, users := split(p)
	if len(p.Scores) != 2 || len(critics) == 0 || len(users) == 0 {
		t.Fatalf("got %d scores, %d critic and %d user reviews", len(p.Scores), len(critics), len(users))
	}
	cs, us := p.Scores[0], p.Scores[1]
	run(t, []check{
		{"kind", p.Kind, knowledge.KindMetacritic},
		{"no title", p.Title, ""},
		{"no year", p.Year, 0},
		{"critic score site", cs.Site, "Metacritic"},
		{"critic score kind", cs.Kind, knowledge.ReviewCritic},
		{"critic verdict", cs.Verdict, "Universal acclaim"},
		{"critic text", cs.Text, "Universal acclaim"},
		{"critic count", cs.Count, 23},
		{"critic count kind", cs.CountKind, "critics"},
		{"no metascore number", cs.Max, 0.0},
		{"user score kind", us.Kind, knowledge.ReviewUser},
		{"user verdict", us.Verdict, "Generally favorable reviews"},
		{"user count", us.Count, 49},
		{"user count kind", us.CountKind, "ratings"},
		{"critic positive", attr(p, "metacritic_critic_positive"), "21/23"},
		{"critic negative", attr(p, "metacritic_critic_negative"), "0/23"},
		{"user positive", attr(p, "metacritic_user_positive"), "11/16"},
		{"user negative", attr(p, "metacritic_user_negative"), "3/16"},
		{"attributes", len(p.Attributes), 4},
		{"critic reviews", len(critics), 23},
		{"user reviews", len(users), 2},
		{"critics with author", count(critics, hasAuthor), 9},
		{"critics with score", count(critics, hasScore), 4},
		{"critics with date", count(critics, hasDate), 2},
		{"first critic score", critics[0].Score, "100"},
		{"first critic value", critics[0].ScoreValue, 100.0},
		{"first critic max", critics[0].ScoreMax, 100.0},
		{"first critic text", critics[0].Text, "Cage and Shue make these cliches into unforgettable people."},
		{"first critic site", critics[0].Site, "Metacritic"},
		{"author after NBSP", critics[2].Author, "Leonard Klady"},
		{"author's quote", critics[2].Text, "The film pulls no punches, takes no prisoners and flies in the face of feel-good pictures."},
		{"citation date", critics[8].Date, "1995-10-27"},
		{"citation removed", critics[8].Text, "Mr. Cage digs deep to find his character's inner demons while also capturing the riotous energy of his outward charm."},
		{"citation with weekday", critics[11].Date, "1995-11-10"},
		{"typographic apostrophe kept", critics[11].Text, "I don't see how you can get away from calling Cage’s performance a great one."},
		{"score 80", critics[14].ScoreValue, 80.0},
		{"last critic author", critics[22].Author, "Richard Schickel"},
		{"last critic text", critics[22].Text, "A movie that may be just a bit too pleased with its own artful bleakness."},
		{"first user date", users[0].Date, "2012-11-15"},
		{"first user kind", users[0].Kind, knowledge.ReviewUser},
		{"first user link removed", strings.HasSuffix(users[0].Text, "also deliver flawless performances."), true},
		{"last user date", users[1].Date, "2012-01-23"},
		{"last user text start", strings.HasPrefix(users[1].Text, "This movie cannot be taken at face value"), true},
		{"last user link removed", strings.HasSuffix(users[1].Text, "see what you can get out of it."), true},
	})
	for _, r := range p.Reviews {
		if strings.Contains(r.Text, "Full Review") || strings.Contains(r.Text, "Reviewed by") || strings.Contains(r.Text, "[") {
			t.Errorf("chrome left in %q", r.Text)
		}
	}
}

func TestParseFargo(t *testing.T) {
	p := parse(t, fargoPage)
	critics, users := split(p)
	if len(p.Scores) != 2 || len(critics) < 13 || len(users) < 3 {
		t.Fatalf("got %d scores, %d critic and %d user reviews", len(p.Scores), len(critics), len(users))
	}
	run(t, []check{
		{"no title", p.Title, ""},
		{"critic verdict", p.Scores[0].Verdict, "Universal acclaim"},
		{"critic count", p.Scores[0].Count, 25},
		{"user verdict", p.Scores[1].Verdict, "Universal acclaim"},
		{"user count", p.Scores[1].Count, 812},
		{"user count kind", p.Scores[1].CountKind, "ratings"},
		{"critic positive", attr(p, "metacritic_critic_positive"), "24/25"},
		{"user negative", attr(p, "metacritic_user_negative"), "6/108"},
		{"critic reviews", len(critics), 13},
		{"user reviews", len(users), 3},
		{"critics with author", count(critics, hasAuthor), 5},
		{"critics with score", count(critics, hasScore), 5},
		{"critics with date", count(critics, hasDate), 2},
		{"first critic score", critics[0].Score, "100"},
		{"second critic names the film", strings.HasPrefix(critics[1].Text, "Nobody else could have made Fargo."), true},
		{"author", critics[2].Author, "Dana Whitcombe"},
		{"day-month citation", critics[3].Date, "1996-03-08"},
		{"citation removed", critics[3].Text, "A snowbound farce of greed in which every scheme is smaller than the chaos it unleashes."},
		{"month-day citation", critics[7].Date, "1996-03-08"},
		{"score then author: score", critics[9].Score, "90"},
		{"score then author: author", critics[9].Author, "Gordon Lisle"},
		{"score then author: text", critics[9].Text, "A small movie with a big, generous heart hidden under all that snow, and blood on its boots."},
		{"mixed score", critics[11].ScoreValue, 75.0},
		{"last critic author", critics[12].Author, "Howard Brandt"},
		{"first user date", users[0].Date, "2011-03-02"},
		{"second user date", users[1].Date, "2014-08-19"},
		{"last user date", users[2].Date, "2016-12-05"},
		{"last user text", users[2].Text, "A perfect film. The accents, the snow, the wood chipper, the pancakes, the stamp. Every time I rewatch Fargo I notice something new in the background of a shot."},
	})
}

func TestScoreAndTitleLines(t *testing.T) {
	text := "Fargo Reviews - Metacritic\n\nMetascore\n85\nUniversal acclaim - based on 25 Critics\n\n  1. 100\n    Great.\nUser Score\n8.6\nUniversal acclaim- based on 812 Ratings\n  1. Mar 2, 2011\n    9\n    Loved it. Full Review »\n"
	p, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	_, users := split(p)
	run(t, []check{
		{"title", p.Title, "Fargo"},
		{"metascore", p.Scores[0].Value, 85.0},
		{"metascore max", p.Scores[0].Max, 100.0},
		{"user score", p.Scores[1].Value, 8.6},
		{"user score max", p.Scores[1].Max, 10.0},
		{"user review score", users[0].Score, "9"},
		{"user review max", users[0].ScoreMax, 10.0},
		{"user review text", users[0].Text, "Loved it."},
	})
	p, err = Parse("Fargo (1996)\n" + text[strings.Index(text, "Metascore"):])
	if err != nil {
		t.Fatal(err)
	}
	run(t, []check{{"title", p.Title, "Fargo"}, {"year", p.Year, 1996}})
}

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
		lastItem := strings.LastIndex(text, "\n  ")
		cuts := map[string]int{
			"40%":             len(text) * 4 / 10,
			"70%":             len(text) * 7 / 10,
			"mid last review": (lastItem + len(text)) / 2,
			"inside link":     len(text) - 4,
			"after date line": strings.Index(text[lastItem+1:], "\n") + lastItem + 1,
			"after score":     strings.Index(text, "  1. 100") + len("  1. 100"),
		}
		for name, cut := range cuts {
			_, err := Parse(text[:cut])
			if !errors.Is(err, knowledge.ErrTruncated) {
				t.Errorf("%s cut at %s (%d): err = %v, want ErrTruncated", path, name, cut, err)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	inputs := map[string]string{
		"empty":   "",
		"blank":   "\n \n",
		"junk":    "\x00\xffnothing here\n  1.\n",
		"numbers": "  1. 100\n  2. 90\n",
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

func FuzzParse(f *testing.F) {
	for _, path := range []string{bundledPage, fargoPage} {
		text := read(f, path)
		f.Add(text)
		for _, frac := range []int{2, 4, 7, 9} {
			f.Add(text[:len(text)*frac/10])
		}
	}
	f.Add("Metascore\n85\nUniversal acclaim - based on 2 Critics\n  1. 90\n    Reviewed by: A\n    Fine. [1 May 1999, p. 1]\nUser Score\n  1. Mar 2, 2011\n    9\n    Ok. Full Review »\n")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := Parse(text)
		Detect(text)
		if err != nil {
			if p != nil {
				t.Fatal("page returned with an error")
			}
			return
		}
		valid := utf8.ValidString(text)
		for _, r := range p.Reviews {
			if strings.TrimSpace(r.Text) == "" {
				t.Fatalf("empty review text: %+v", r)
			}
			if r.ScoreMax != 0 && (r.ScoreValue > r.ScoreMax || r.ScoreValue < 0) {
				t.Fatalf("score out of range: %+v", r)
			}
			if valid {
				for _, s := range []string{r.Text, r.Author, r.Score, r.Date} {
					if !utf8.ValidString(s) {
						t.Fatalf("invalid UTF-8 %q", s)
					}
				}
			}
		}
		for _, s := range p.Scores {
			if s.Max != 0 && s.Value > s.Max {
				t.Fatalf("score out of range: %+v", s)
			}
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
