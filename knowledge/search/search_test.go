package search

import "testing"

func films() *Index {
	return New([]Entry{
		{ID: 1, Names: []string{"Leaving Las Vegas"}, Year: 1995, Popularity: 139000},
		{ID: 2, Names: []string{"Fear and Loathing in Las Vegas"}, Year: 1998, Popularity: 300000},
		{ID: 3, Names: []string{"Psycho"}, Year: 1960, Popularity: 700000},
		{ID: 4, Names: []string{"Psycho"}, Year: 1998, Popularity: 40000},
		{ID: 5, Names: []string{"Amélie", "Le Fabuleux Destin d'Amélie Poulain"}, Year: 2001, Popularity: 800000},
		{ID: 6, Names: []string{"WALL·E"}, Year: 2008, Popularity: 1100000},
		{ID: 7, Names: []string{"Schindler's List"}, Year: 1993, Popularity: 1400000},
		{ID: 8, Names: []string{"Spirited Away", "Sen to Chihiro no Kamikakushi"}, Year: 2001, Popularity: 800000},
		{ID: 9, Names: []string{"Psycho II"}, Year: 1983, Popularity: 40000},
		{ID: 10, Names: []string{"Fargo"}, Year: 1996, Popularity: 720000},
	})
}

func TestSearchFirstHit(t *testing.T) {
	x := films()
	cases := []struct {
		query string
		want  int64
	}{
		{"leaving las vegas", 1},
		{"LEAVING LAS VEGAS", 1},
		{"leavng las vegsa", 1},   // dropped letter, swapped letters
		{"leaving lass vegas", 1}, // doubled letter
		{"leaving vegas", 1},      // missing word
		{"vegas leaving", 1},      // word order
		{"leav", 1},               // typing
		{"amelie", 5},             // accents
		{"schindlers list", 7},    // punctuation
		{"wall-e", 6},             // punctuation inside a word
		{"walle", 6},              // no punctuation at all
		{"sen to chihiro", 8},     // alternative title
		{"psycho 1998", 4},        // a year picks the namesake
		{"psycho (1960)", 3},      //
		{"psycho", 3},             // the popular namesake first, exact before "Psycho II"
		{"fear and loathing", 2},  //
		{"farg", 10},              //
	}
	for _, c := range cases {
		hits := x.Search(c.query, 5)
		if len(hits) == 0 || hits[0].ID != c.want {
			t.Errorf("Search(%q) = %+v, want film %d first", c.query, hits, c.want)
		}
	}
}

func TestSearchRejects(t *testing.T) {
	x := films()
	for _, q := range []string{"", "   ", "zzzzzz qqqq", "@everyone"} {
		for _, h := range x.Search(q, 5) {
			if h.Score >= Sure {
				t.Errorf("Search(%q) is sure of %+v", q, h)
			}
		}
	}
	if hits := x.Search("the godfather", 5); len(hits) > 0 && hits[0].Score >= Sure {
		t.Errorf("an unknown film matched surely: %+v", hits[0])
	}
}

func TestContains(t *testing.T) {
	quote := "You mustn't ask me to stop. You must never ask me to stop."
	if s := Contains("you must never ask me to stop", quote); s < 1 {
		t.Errorf("whole phrase scored %v", s)
	}
	if s := Contains("must nevr ask me stop", quote); s < 0.7 {
		t.Errorf("typo'd phrase scored %v", s)
	}
	if s := Contains("prickly pear", quote); s > 0.3 {
		t.Errorf("unrelated phrase scored %v", s)
	}
}

func TestOSA(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"vegas", "vegas", 0}, {"vegsa", "vegas", 1}, {"vegas", "vega", 1},
		{"leaving", "leavign", 1}, {"abc", "xyz", 3},
	}
	for _, c := range cases {
		if got := osa(c.a, c.b, 3); got != c.want {
			t.Errorf("osa(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}
