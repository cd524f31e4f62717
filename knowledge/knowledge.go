// Package knowledge holds moviebot's domain: films and everything said about
// them (cast, crew, awards, quotes, reviews, plot, trivia), the parsers that
// extract those facts from captured web pages, the merging rules that turn
// several pages into one film, and the SQLite store that keeps every fact
// together with the documents it came from.
//
// The package imports nothing from the transports or the command layer; they
// depend on it, never the other way round.
package knowledge

// Kind names a kind of source page. Kinds are recognised from a page's
// content, never from its file name.
type Kind string

// The kinds of page moviebot can read.
const (
	KindIMDbReviews    Kind = "imdb-reviews"
	KindRottenTomatoes Kind = "rotten-tomatoes"
	KindSummary        Kind = "film-summary"
	KindWikipedia      Kind = "wikipedia"
	KindMetacritic     Kind = "metacritic"
)

// Kinds lists every known kind, in the order detection reports them.
var Kinds = []Kind{KindIMDbReviews, KindRottenTomatoes, KindSummary, KindWikipedia, KindMetacritic}

// Award results.
const (
	Won       = "won"
	Nominated = "nominated"
)

// Review kinds.
const (
	ReviewCritic   = "critic"
	ReviewUser     = "user"
	ReviewAudience = "audience"
)

// Film is one film with everything the knowledge base knows about it. Every
// record carries Sources: the names of the documents it was read from.
type Film struct {
	ID             int64    `json:"id"`
	Title          string   `json:"title"`
	Year           int      `json:"year,omitempty"`
	RuntimeMinutes int      `json:"runtime_minutes,omitempty"`
	Rating         string   `json:"rating,omitempty"`
	RatingReason   string   `json:"rating_reason,omitempty"`
	Genres         []string `json:"genres"`
	Directors      []string `json:"directors"`
	Writers        []string `json:"writers"`
	BasedOn        *Work    `json:"based_on,omitempty"`
	// AltTitles are other names the film is known by (original title,
	// translations); search matches them too.
	AltTitles []string `json:"alt_titles,omitempty"`

	// Attributes keeps every value any page gave for a scalar field, each
	// with its sources, so that disagreeing pages are all on record.
	Attributes []Attribute   `json:"attributes"`
	Companies  []Company     `json:"companies"`
	Releases   []Release     `json:"releases"`
	Money      []Money       `json:"money"`
	Scores     []Score       `json:"scores"`
	Cast       []CastMember  `json:"cast"`
	Crew       []CrewMember  `json:"crew"`
	Awards     []Award       `json:"awards"`
	Quotes     []Quote       `json:"quotes"`
	Reviews    []Review      `json:"reviews"`
	Plot       []PlotSection `json:"plot"`
	Facts      []Fact        `json:"facts"`
	Similar    []SimilarFilm `json:"similar"`
	Sources    []string      `json:"sources"`
	// Documents names the kind of each source document, so replies can
	// say "Wikipedia" rather than a file name.
	Documents []DocumentRef `json:"documents"`
}

// DocumentRef is a source document's name and kind.
type DocumentRef struct {
	Name string `json:"name"`
	Kind Kind   `json:"kind"`
}

// SiteName is how replies name a kind of page.
func (k Kind) SiteName() string {
	switch k {
	case KindIMDbReviews:
		return "IMDb"
	case KindRottenTomatoes:
		return "Rotten Tomatoes"
	case KindSummary:
		return "film summary site"
	case KindWikipedia:
		return "Wikipedia"
	case KindMetacritic:
		return "Metacritic"
	case KindIMDbDataset:
		return "IMDb dataset"
	}
	return string(k)
}

// SourceName returns how replies name the document called name: its site,
// or the name itself for an unknown document.
func (f *Film) SourceName(name string) string {
	for _, d := range f.Documents {
		if d.Name == name {
			return d.Kind.SiteName()
		}
	}
	return name
}

// Work is a source work a film is based on.
type Work struct {
	Kind    string   `json:"kind"` // "novel", "play", "short story", ...
	Title   string   `json:"title,omitempty"`
	Author  string   `json:"author,omitempty"`
	Year    int      `json:"year,omitempty"`
	Sources []string `json:"sources"`
}

// Attribute is one value a page gave for a scalar field of a film
// ("runtime_minutes", "rating", "year", ...).
type Attribute struct {
	Field   string   `json:"field"`
	Value   string   `json:"value"`
	Sources []string `json:"sources"`
}

// Company is a company credited on a film.
type Company struct {
	Name    string   `json:"name"`
	Role    string   `json:"role"` // "distributor", "studio", "home video", "marketing"
	Region  string   `json:"region,omitempty"`
	Sources []string `json:"sources"`
}

// Release is a dated release event.
type Release struct {
	Kind    string   `json:"kind"` // "limited", "wide", "theatrical", "dvd", "vhs", "blu-ray", "soundtrack"
	Date    string   `json:"date"` // ISO 8601 (YYYY-MM-DD, or YYYY-MM / YYYY when that is all the page says)
	Region  string   `json:"region,omitempty"`
	Text    string   `json:"text,omitempty"` // the date as the page wrote it
	Sources []string `json:"sources"`
}

// Money is an amount in US dollars: a budget or a gross.
type Money struct {
	Kind    string   `json:"kind"` // "budget", "box office", "domestic gross", "worldwide gross", "marketing"
	Amount  float64  `json:"amount"`
	Text    string   `json:"text"` // as the page wrote it: "$49.8 million"
	Sources []string `json:"sources"`
}

// Score is a site's aggregate score for a film.
type Score struct {
	Site      string   `json:"site"` // "IMDb", "Rotten Tomatoes", "Metacritic"
	Kind      string   `json:"kind"` // "critic", "user", "audience"
	Value     float64  `json:"value,omitempty"`
	Max       float64  `json:"max,omitempty"` // 10 for 7.5/10, 100 for 91% or a Metascore
	Text      string   `json:"text"`          // "7.5/10", "91%", "universal acclaim"
	Count     int      `json:"count,omitempty"`
	CountKind string   `json:"count_kind,omitempty"` // "votes", "reviews", "critics", "ratings"
	Average   string   `json:"average,omitempty"`    // "7.6/10"
	Verdict   string   `json:"verdict,omitempty"`    // "Universal acclaim"
	Sources   []string `json:"sources"`
}

// CastMember is one acting credit.
type CastMember struct {
	Actor      string `json:"actor"`
	Character  string `json:"character"`
	CreditedAs string `json:"credited_as,omitempty"`
	// Billing is the 1-based position in the merged billing order.
	Billing int `json:"billing"`
	// Variants are other spellings of the character name seen on pages.
	Variants []string `json:"character_variants,omitempty"`
	// Description is a page's one-line description of the character.
	Description string   `json:"description,omitempty"`
	Sources     []string `json:"sources"`
}

// CrewMember is one non-acting credit.
type CrewMember struct {
	Name    string   `json:"name"`
	Job     string   `json:"job"` // "director", "writer", "novel", "composer", "producer", ...
	Sources []string `json:"sources"`
}

// Award is a win or a nomination.
type Award struct {
	Body      string   `json:"body"`     // "Academy Award", "Golden Globe Award"
	Category  string   `json:"category"` // "Best Actor"
	Recipient string   `json:"recipient,omitempty"`
	Result    string   `json:"result"` // Won or Nominated
	Year      int      `json:"year,omitempty"`
	Sources   []string `json:"sources"`
}

// Quote is a line from the film.
type Quote struct {
	Character string `json:"character"`
	Text      string `json:"text"`
	// Context is a page's note on the line; it may describe the plot, so it
	// is shown only where spoilers are allowed.
	Context string   `json:"context,omitempty"`
	Sources []string `json:"sources"`
}

// Review is one review of a film.
type Review struct {
	Site        string   `json:"site"` // "IMDb", "Rotten Tomatoes", "Metacritic", "Wikipedia", "film-summary"
	Kind        string   `json:"kind"` // ReviewCritic, ReviewUser or ReviewAudience
	Author      string   `json:"author,omitempty"`
	Publication string   `json:"publication,omitempty"`
	Date        string   `json:"date,omitempty"`  // ISO 8601 where the page gives one
	Score       string   `json:"score,omitempty"` // as written: "10 out of 10", "4/4", "100"
	ScoreValue  float64  `json:"score_value,omitempty"`
	ScoreMax    float64  `json:"score_max,omitempty"`
	Title       string   `json:"title,omitempty"`
	Text        string   `json:"text"`
	Helpful     int      `json:"helpful_votes,omitempty"`
	HelpfulOf   int      `json:"helpful_total,omitempty"`
	TopCritic   bool     `json:"top_critic,omitempty"`
	Spoiler     bool     `json:"spoiler,omitempty"` // the page itself warns of spoilers
	Sources     []string `json:"sources"`
}

// PlotSection is a piece of plot description.
type PlotSection struct {
	Heading string `json:"heading"`
	Text    string `json:"text"`
	// Spoiler is true when the text reveals how the film ends (or anything
	// past the premise that a page marks as such).
	Spoiler bool `json:"spoiler"`
	// Premise is true for a spoiler-free set-up of the story.
	Premise bool     `json:"premise,omitempty"`
	Sources []string `json:"sources"`
}

// Fact is a piece of trivia or production, release or reception history.
type Fact struct {
	Kind    string   `json:"kind"` // "trivia", "production", "release", "reception", "home media", "soundtrack", "faq", "content warning", "consensus"
	Text    string   `json:"text"`
	Spoiler bool     `json:"spoiler"`
	Sources []string `json:"sources"`
}

// SimilarFilm is a film a page recommends alongside this one.
type SimilarFilm struct {
	Title   string   `json:"title"`
	Year    int      `json:"year,omitempty"`
	Reason  string   `json:"reason,omitempty"`
	Sources []string `json:"sources"`
}

// Page is what a parser extracts from one document, before merging. Records
// on a Page leave Sources empty: the page itself is their source, and merging
// fills Sources in.
type Page struct {
	Kind Kind
	// Title and Year identify the film. A page that never names its film
	// (Metacritic captures do not) leaves Title empty; ingestion then finds
	// the film from the titles the page mentions.
	Title string
	Year  int

	RuntimeMinutes int
	Rating         string
	RatingReason   string
	Genres         []string
	BasedOn        *Work
	AltTitles      []string

	Attributes []Attribute
	Companies  []Company
	Releases   []Release
	Money      []Money
	Scores     []Score
	Cast       []CastMember // Billing is the position on the page, from 1
	Crew       []CrewMember
	Awards     []Award
	Quotes     []Quote
	Reviews    []Review
	Plot       []PlotSection
	Facts      []Fact
	Similar    []SimilarFilm
}
