package knowledge

import (
	"reflect"
	"strings"
	"testing"
)

func doc(name string, p *Page) *Document {
	return &Document{Name: name, SHA256: name, Text: p.Title, Page: p}
}

// twoPages is a film told by an article and a review site that disagree in
// the ways real pages do.
func twoPages() []*Document {
	article := &Page{
		Kind: KindWikipedia, Title: "The Quiet Harbour", Year: 2003,
		Crew: []CrewMember{{Name: "Ann Vale", Job: "director"}, {Name: "Ann Vale", Job: "writer"}},
		Cast: []CastMember{
			{Actor: "Tom Reyes", Character: "Captain Hale", Billing: 1},
			{Actor: "Elisabeth Moor", Character: "Ruth", Billing: 2},
			{Actor: "Michael Goorjian (as Michael A. Goorjian)", Character: "Deckhand #1", Billing: 3},
			{Actor: "Jon Bell", Character: "Bartender #3 in Harbour Bar", Billing: 4},
			{Actor: "Sam Ode", Character: "Business Man #2", Billing: 5},
		},
		Money:  []Money{{Kind: "box office", Amount: 49.8e6, Text: "$49.8 million"}},
		Scores: []Score{{Site: "Rotten Tomatoes", Kind: "critic", Value: 91, Max: 100, Text: "91%", Count: 53, CountKind: "reviews"}},
		Awards: []Award{
			{Body: "Academy Awards", Category: "Best Actor", Recipient: "Tom Reyes", Result: Won},
			{Body: "Academy Award", Category: "Best Director", Result: Nominated},
			{Body: "Golden Globe Award", Category: "Best Actor - Motion Picture Drama", Recipient: "Reyes", Result: Won},
			{Body: "Academy Award", Category: "Best Original Screenplay", Recipient: "Ann Vale and Tom Reyes", Result: Won},
		},
		Releases: []Release{{Kind: "dvd", Date: "1998-01-01"}},
		Plot:     []PlotSection{{Heading: "Plot", Text: "Hale sails out and never returns.", Spoiler: true}},
	}
	site := &Page{
		Kind: KindRottenTomatoes, Title: "The Quiet Harbour", Year: 2003,
		Cast: []CastMember{
			{Actor: "Jon Bell", Character: "Bartender in Harbour B...", Billing: 1},
			{Actor: "Tom Reyes", Character: "Hale", Billing: 2},
			{Actor: "Michael A. Goorjian", Character: "Deckhand No. 1", Billing: 3},
			{Actor: "Sam Ode", Character: "Business Man No. 2", Billing: 4},
			{Actor: "Kim Dry", Character: "Landlady", Billing: 5},
			{Actor: "Elizabeth Moor", Character: "Ruth", Billing: 6},
		},
		Money:  []Money{{Kind: "box office", Amount: 32.03e6, Text: "$32.03M"}},
		Scores: []Score{{Site: "Rotten Tomatoes", Kind: "critic", Value: 90, Max: 100, Text: "90%"}},
		Awards: []Award{{Body: "Oscar", Category: "Best Actor", Year: 2004, Result: Won}},
		Quotes: []Quote{
			{Character: "Captain Hale", Text: "I don't know if the sea took her or I gave her away."},
			{Character: "Ruth", Text: "Stay."},
		},
		Releases: []Release{{Kind: "dvd", Date: "1998-02-24"}},
	}
	summary := &Page{
		Kind: KindSummary, Title: "The Quiet Harbour", Year: 2003,
		Quotes: []Quote{{Character: "Hale", Text: "I don’t know if the sea took her, or if I gave her away, but there it is."}},
	}
	return []*Document{doc("article.txt", article), doc("site.txt", site), doc("summary.txt", summary)}
}

func mergeOne(t *testing.T, docs []*Document) *Film {
	t.Helper()
	films, err := Merge(docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(films) != 1 {
		t.Fatalf("got %d films, want 1", len(films))
	}
	return films[0]
}

func TestMergeCast(t *testing.T) {
	f := mergeOne(t, twoPages())
	type row struct{ actor, character, as string }
	var got []row
	for _, c := range f.Cast {
		got = append(got, row{c.Actor, c.Character, c.CreditedAs})
	}
	want := []row{
		{"Tom Reyes", "Captain Hale", ""},
		{"Elisabeth Moor", "Ruth", ""},
		{"Michael Goorjian", "Deckhand #1", "Michael A. Goorjian"},
		{"Jon Bell", "Bartender #3 in Harbour Bar", ""},
		{"Sam Ode", "Business Man #2", ""},
		{"Kim Dry", "Landlady", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cast:\n got %v\nwant %v", got, want)
	}
	for i, c := range f.Cast {
		if c.Billing != i+1 {
			t.Errorf("%s billing %d, want %d", c.Actor, c.Billing, i+1)
		}
	}
	if s := f.Cast[3].Sources; !reflect.DeepEqual(s, []string{"article.txt", "site.txt"}) {
		t.Errorf("Jon Bell sources %v", s)
	}
	if v := f.Cast[3].Variants; !reflect.DeepEqual(v, []string{"Bartender in Harbour B..."}) {
		t.Errorf("Jon Bell variants %v", v)
	}
	if v := f.Cast[0].Variants; !reflect.DeepEqual(v, []string{"Hale"}) {
		t.Errorf("Tom Reyes variants %v", v)
	}
}

func TestMergeKeepsDisagreements(t *testing.T) {
	f := mergeOne(t, twoPages())
	if len(f.Money) != 2 || f.Money[0].Sources[0] != "article.txt" || f.Money[1].Sources[0] != "site.txt" {
		t.Errorf("money %+v, want both figures with their sources", f.Money)
	}
	if len(f.Scores) != 2 || f.Scores[0].Value != 91 || f.Scores[1].Value != 90 {
		t.Errorf("scores %+v, want 91 and 90", f.Scores)
	}
	if len(f.Releases) != 2 {
		t.Errorf("releases %+v, want both DVD dates", f.Releases)
	}
}

func TestMergeAwards(t *testing.T) {
	f := mergeOne(t, twoPages())
	type row struct {
		body, category, recipient, result string
		year, sources                     int
	}
	var got []row
	for _, a := range f.Awards {
		got = append(got, row{a.Body, a.Category, a.Recipient, a.Result, a.Year, len(a.Sources)})
	}
	want := []row{
		{"Academy Award", "Best Actor", "Tom Reyes", Won, 2004, 2},
		{"Academy Award", "Best Director", "Ann Vale", Nominated, 0, 1},
		{"Golden Globe Award", "Best Actor - Motion Picture Drama", "Tom Reyes", Won, 0, 1},
		{"Academy Award", "Best Original Screenplay", "Ann Vale and Tom Reyes", Won, 0, 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("awards:\n got %v\nwant %v", got, want)
	}
}

func TestMergeQuotes(t *testing.T) {
	f := mergeOne(t, twoPages())
	if len(f.Quotes) != 2 {
		t.Fatalf("got %d quotes, want 2 (the two wordings of Hale's line are one quote): %+v", len(f.Quotes), f.Quotes)
	}
	q := f.Quotes[0]
	if !reflect.DeepEqual(q.Sources, []string{"summary.txt", "site.txt"}) {
		t.Errorf("quote sources %v, want both pages", q.Sources)
	}
	if q.Character != "Captain Hale" {
		t.Errorf("quote character %q, want the fuller name", q.Character)
	}
}

func TestMergeOrderIndependent(t *testing.T) {
	a := mergeOne(t, twoPages())
	d := twoPages()
	d[0], d[2] = d[2], d[0]
	b := mergeOne(t, d)
	if !reflect.DeepEqual(a, b) {
		t.Error("merging the same pages in another order gave another film")
	}
}

func TestMergeUntitledPage(t *testing.T) {
	docs := twoPages()
	mc := &Document{Name: "mc.txt", Text: "Critics: The Quiet Harbour is calm. The Quiet Harbour again. Other Film once.", Page: &Page{
		Kind: KindMetacritic, Reviews: []Review{{Site: "Metacritic", Kind: ReviewCritic, Text: "Calm and deep."}},
	}}
	other := doc("other.txt", &Page{Kind: KindRottenTomatoes, Title: "Other Film", Year: 1999})
	films, err := Merge(append(docs, mc, other))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range films {
		has := containsString(f.Sources, "mc.txt")
		if has != (f.Title == "The Quiet Harbour") {
			t.Errorf("film %q has mc.txt: %v", f.Title, has)
		}
	}

	_, err = Merge([]*Document{{Name: "lonely.txt", Text: "no titles here", Page: &Page{Kind: KindMetacritic}}})
	if err == nil || !strings.Contains(err.Error(), "lonely.txt") {
		t.Errorf("untitled page alone: err %v, want one naming the file", err)
	}
}

func TestMergeSameTitleDifferentYears(t *testing.T) {
	films, err := Merge([]*Document{
		doc("a.txt", &Page{Kind: KindWikipedia, Title: "Psycho", Year: 1960}),
		doc("b.txt", &Page{Kind: KindWikipedia, Title: "Psycho", Year: 1998}),
		doc("c.txt", &Page{Kind: KindRottenTomatoes, Title: "psycho", Year: 1998}),
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(films) != 2 || films[0].Year != 1960 || films[1].Year != 1998 || len(films[1].Sources) != 2 {
		t.Errorf("got %d films: %+v", len(films), films)
	}
}

func TestSamePerson(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"Michael A. Goorjian", "Michael Goorjian", true},
		{"William H. Macy", "William Macy", true},
		{"Elisabeth Shue", "Elizabeth Shue", true},
		{"Kristin Rudrüd", "Kristin Rudrud", true},
		{"Al C. Henderson", "Albert Henderson", true},
		{"Joel Coen", "Ethan Coen", false},
		{"Steve Park", "Steve Reevis", false},
		{"", "", false},
	}
	for _, c := range cases {
		if got := samePerson(c.a, c.b); got != c.want {
			t.Errorf("samePerson(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestSameRole(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"Business Man No. 2", "Business Man #2", true},
		{"Businessman #1", "Business Man No. 1", true},
		{"Bartender in Biker B...", "Bartender #3 in Biker Bar", true},
		{"Bartender", "L.A. Bartender", true},
		{"Mobster No. 1", "Mobster #3", false},
		{"Stetson Man at Casin...", "Stetson Man at Casino", true},
		{"Sera", "Ben Sanderson", false},
	}
	for _, c := range cases {
		if got := sameRole(c.a, c.b); got != c.want {
			t.Errorf("sameRole(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestSameCategory(t *testing.T) {
	cases := []struct {
		a, b string
		want bool
	}{
		{"Best Drama Actor", "Best Actor - Motion Picture Drama", true},
		{"Best Actor", "Best Actor – Motion Picture Drama", true},
		{"Best Actor", "Best Supporting Actor", false},
		{"Best Actor", "Best Actress", false},
	}
	for _, c := range cases {
		if got := sameCategory(c.a, c.b); got != c.want {
			t.Errorf("sameCategory(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
