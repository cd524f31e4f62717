// Package imdb reads IMDb's non-commercial dataset files (title.basics,
// title.akas, title.principals, name.basics, title.ratings, title.crew) and
// writes synthetic files in exactly their format for tests and benchmarks.
//
// The files are tab-separated UTF-8 text, usually gzipped, with a header
// line, `\N` for null and no quoting. Readers stream them with bounded memory
// whatever their size: one row is parsed at a time into a reused struct and
// handed to a callback.
//
// A malformed row (wrong column count, bad number, bad ID, bad JSON, invalid
// UTF-8, a line over MaxLine) is skipped, counted and reported by line number
// in Stats. It is not fatal unless there are too many, in which case the
// reader returns ErrTooManyMalformed: at the end of the file, more than 1%
// of the rows of a file of at least 1000 rows, or more than half the rows
// of a smaller file; and, while reading, more than 10% of the rows read
// once at least 1000 have been, so that a broken file fails early. Rows
// already handed to the callback are not taken back: an importer writes in
// a transaction and rolls it back on error. A row repeating the key of the
// row just before it is skipped as a duplicate.
//
// IDs are kept as their numeric part (tt0113627 → 113627) to keep memory
// small when an importer holds millions of them.
//
// The package depends on the standard library only.
package imdb

import (
	"errors"
	"fmt"
)

// Kind is one of the dataset files.
type Kind uint8

// The dataset files this package reads and writes.
const (
	KindBasics Kind = iota
	KindAkas
	KindPrincipals
	KindNames
	KindRatings
	KindCrew
)

// Kinds lists every kind, in the order Generate writes them.
var Kinds = []Kind{KindBasics, KindAkas, KindPrincipals, KindNames, KindRatings, KindCrew}

var kindNames = [...]string{"title.basics", "title.akas", "title.principals", "name.basics", "title.ratings", "title.crew"}

var kindColumns = [...][]string{
	KindBasics:     {"tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear", "endYear", "runtimeMinutes", "genres"},
	KindAkas:       {"titleId", "ordering", "title", "region", "language", "types", "attributes", "isOriginalTitle"},
	KindPrincipals: {"tconst", "ordering", "nconst", "category", "job", "characters"},
	KindNames:      {"nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles"},
	KindRatings:    {"tconst", "averageRating", "numVotes"},
	KindCrew:       {"tconst", "directors", "writers"},
}

// String returns the dataset's name, "title.basics".
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("imdb.Kind(%d)", uint8(k))
}

// FileName returns the name IMDb publishes the file under,
// "title.basics.tsv.gz".
func (k Kind) FileName() string { return k.String() + ".tsv.gz" }

// Columns returns the file's header columns in order. The slice is a copy.
func (k Kind) Columns() []string {
	if int(k) >= len(kindColumns) {
		return nil
	}
	return append([]string(nil), kindColumns[k]...)
}

// Title types as IMDb spells them in titleType. Only TypeMovie and
// TypeTVMovie are feature films; an importer of films skips the rest.
const (
	TypeMovie        = "movie"
	TypeTVMovie      = "tvMovie"
	TypeShort        = "short"
	TypeTVShort      = "tvShort"
	TypeTVSeries     = "tvSeries"
	TypeTVEpisode    = "tvEpisode"
	TypeTVMiniSeries = "tvMiniSeries"
	TypeTVSpecial    = "tvSpecial"
	TypeVideo        = "video"
	TypeVideoGame    = "videoGame"
	TypeTVPilot      = "tvPilot"
)

// Basics is a row of title.basics. Zero values stand for `\N`.
type Basics struct {
	ID             uint32 // tconst without "tt"
	Type           string // titleType: TypeMovie, TypeTVEpisode, ...
	PrimaryTitle   string
	OriginalTitle  string
	IsAdult        bool
	StartYear      uint16 // release year; a series' first year
	EndYear        uint16 // a series' last year
	RuntimeMinutes uint32
	Genres         []string // at most three on IMDb, e.g. "Crime", "Drama"
}

// Aka is a row of title.akas: one localized or alternative title.
type Aka struct {
	TitleID  uint32
	Ordering uint16
	Title    string
	Region   string // "US", "FR", ... ("" when null)
	Language string // "en", "fr", ... (often null on IMDb)
	// Types and Attributes are kept as written: Types is one of
	// "alternative", "dvd", "festival", "tv", "video", "working",
	// "original", "imdbDisplay"; Attributes is free text ("literal English
	// title", "working title", ...).
	Types           string
	Attributes      string
	IsOriginalTitle bool
}

// Principal is a row of title.principals: one principal cast or crew credit.
type Principal struct {
	TitleID  uint32
	Ordering uint16
	NameID   uint32 // nconst without "nm"
	Category string // "actor", "actress", "self", "director", "writer", "producer", ...
	Job      string // "screenplay", "novel", "producer", ... ("" when null)
	// Characters are the roles played, decoded from the JSON array in the
	// characters column, e.g. ["Ben Sanderson"]; nil when null.
	Characters []string
}

// Name is a row of name.basics: a person.
type Name struct {
	ID          uint32 // nconst without "nm"
	PrimaryName string
	BirthYear   uint16
	DeathYear   uint16
	Professions []string // primaryProfession: "actor", "director", ... (at most three)
	KnownFor    []uint32 // knownForTitles: title IDs
}

// Rating is a row of title.ratings.
type Rating struct {
	TitleID uint32
	// Average is averageRating, 1.0 to 10.0 with one decimal.
	Average  float32
	NumVotes uint32
}

// Crew is a row of title.crew: a title's directors and writers.
type Crew struct {
	TitleID   uint32
	Directors []uint32 // name IDs
	Writers   []uint32 // name IDs
}

// Stats reports what a reader saw in one file.
type Stats struct {
	// Rows counts the rows handed to the callback.
	Rows int
	// Malformed counts rows skipped as malformed.
	Malformed int
	// Duplicates counts rows skipped for repeating the key of the row just
	// before them (the ID, or the ID and ordering in akas and principals).
	Duplicates int
	// Examples holds the first MaxExamples malformed or duplicate rows, in
	// line order.
	Examples []RowError
}

// MaxExamples is how many problem rows Stats keeps as examples.
const MaxExamples = 20

// RowError describes one skipped row.
type RowError struct {
	Line   int // 1-based; the header is line 1
	Reason string
}

// Error implements the error interface.
func (e RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// Errors a reader wraps; test for them with errors.Is.
var (
	// ErrHeader means the first line is not the header of the expected
	// file kind: the wrong file, or a format IMDb has changed.
	ErrHeader = errors.New("unexpected header")
	// ErrTooManyMalformed means the share of malformed rows passed the
	// package's threshold, so the file is not trusted at all.
	ErrTooManyMalformed = errors.New("too many malformed rows")
)
