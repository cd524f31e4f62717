package imdb

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tsv joins lines into a file, each line's columns separated by " | " in
// the test source for legibility.
func tsv(lines ...string) []byte {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.ReplaceAll(l, " | ", "\t"))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

const basicsHeader = "tconst | titleType | primaryTitle | originalTitle | isAdult | startYear | endYear | runtimeMinutes | genres"

var basicsFile = tsv(
	basicsHeader,
	`tt0113627 | movie | Leaving Las Vegas | Leaving Las Vegas | 0 | 1995 | \N | 111 | Drama,Romance`,
	`tt0211915 | movie | Amélie | Le Fabuleux Destin d'Amélie Poulain | 0 | 2001 | \N | 122 | Comedy,Romance`,
	`tt0211915 | movie | Amélie | Le Fabuleux Destin d'Amélie Poulain | 0 | 2001 | \N | 122 | Comedy,Romance`,
	`tt0000001 | short | Carmencita | Carmencita | 0 | 1894 | \N | 1 | Documentary,Short`,
	`tt9999999 | \N | \N | \N | \N | \N | \N | \N | \N`,
	`tt0000002 | movie | Too Few | Columns`,
	`xx0000003 | movie | Bad ID | Bad ID | 0 | 2000 | \N | 90 | Drama`,
	`tt0000004 | movie | Bad Year | Bad Year | 0 | 19x5 | \N | 90 | Drama`,
	`tt10872600 | tvSeries | Series | Series | 1 | 2001 | 2005 | \N | Comedy`,
)

var wantBasics = []Basics{
	{ID: 113627, Type: "movie", PrimaryTitle: "Leaving Las Vegas", OriginalTitle: "Leaving Las Vegas", StartYear: 1995, RuntimeMinutes: 111, Genres: []string{"Drama", "Romance"}},
	{ID: 211915, Type: "movie", PrimaryTitle: "Amélie", OriginalTitle: "Le Fabuleux Destin d'Amélie Poulain", StartYear: 2001, RuntimeMinutes: 122, Genres: []string{"Comedy", "Romance"}},
	{ID: 1, Type: "short", PrimaryTitle: "Carmencita", OriginalTitle: "Carmencita", StartYear: 1894, RuntimeMinutes: 1, Genres: []string{"Documentary", "Short"}},
	{ID: 9999999},
	{ID: 10872600, Type: "tvSeries", PrimaryTitle: "Series", OriginalTitle: "Series", IsAdult: true, StartYear: 2001, EndYear: 2005, Genres: []string{"Comedy"}},
}

var wantBasicsStats = Stats{
	Rows: 5, Malformed: 3, Duplicates: 1,
	Examples: []RowError{
		{4, "duplicate of line 3"},
		{7, "4 columns, want 9"},
		{8, `tconst: want tt and a number: "xx0000003"`},
		{9, `startYear: bad number "19x5"`},
	},
}

// collectBasics reads r and copies every row, since the reader reuses its
// struct.
func collectBasics(t *testing.T, r io.Reader) ([]Basics, []int, Stats, error) {
	t.Helper()
	var rows []Basics
	var lines []int
	st, err := ReadBasics(r, func(line int, b *Basics) error {
		c := *b
		c.Genres = append([]string(nil), b.Genres...)
		if len(c.Genres) == 0 {
			c.Genres = nil
		}
		rows = append(rows, c)
		lines = append(lines, line)
		return nil
	})
	return rows, lines, st, err
}

func TestReadBasics(t *testing.T) {
	dir := t.TempDir()
	plainPath := filepath.Join(dir, "title.basics.tsv")
	gzPath := filepath.Join(dir, "title.basics.tsv.gz")
	if err := os.WriteFile(plainPath, basicsFile, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(gzPath, gz(t, basicsFile), 0o644); err != nil {
		t.Fatal(err)
	}
	crlf := bytes.ReplaceAll(basicsFile, []byte("\n"), []byte("\r\n"))
	noFinalNewline := bytes.TrimSuffix(basicsFile, []byte("\n"))
	open := func(path string) func(t *testing.T) io.Reader {
		return func(t *testing.T) io.Reader {
			f, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			return f
		}
	}
	reader := func(data []byte) func(t *testing.T) io.Reader {
		return func(*testing.T) io.Reader { return bytes.NewReader(data) }
	}
	tests := []struct {
		name string
		r    func(t *testing.T) io.Reader
	}{
		{"plain reader", reader(basicsFile)},
		{"gzip reader", reader(gz(t, basicsFile))},
		{"Open plain", open(plainPath)},
		{"Open gzip", open(gzPath)},
		{"CRLF", reader(crlf)},
		{"no final newline", reader(noFinalNewline)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, lines, st, err := collectBasics(t, tt.r(t))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, wantBasics) {
				t.Errorf("rows:\ngot  %+v\nwant %+v", got, wantBasics)
			}
			if want := []int{2, 3, 5, 6, 10}; !reflect.DeepEqual(lines, want) {
				t.Errorf("lines: got %v, want %v", lines, want)
			}
			if !reflect.DeepEqual(st, wantBasicsStats) {
				t.Errorf("stats:\ngot  %+v\nwant %+v", st, wantBasicsStats)
			}
		})
	}
}

func TestReadOtherKinds(t *testing.T) {
	tests := []struct {
		name      string
		data      []byte
		read      func(r io.Reader) ([]any, Stats, error)
		want      []any
		malformed []RowError
	}{
		{
			name: "akas",
			data: tsv(
				"titleId | ordering | title | region | language | types | attributes | isOriginalTitle",
				`tt0211915 | 1 | Le Fabuleux Destin d'Amélie Poulain | \N | \N | original | \N | 1`,
				`tt0211915 | 2 | Amélie | US | en | imdbDisplay | \N | 0`,
				`tt0211915 | 3 | The Fabulous Destiny of Amélie Poulain | \N | \N | \N | literal English title | \N`,
				`tt0211915 | x | Bad ordering | \N | \N | \N | \N | 0`,
				`tt0211915 | 4 | Bad flag | \N | \N | \N | \N | 2`,
			),
			read: collect(ReadAkas, func(a *Aka) any { return *a }),
			want: []any{
				Aka{TitleID: 211915, Ordering: 1, Title: "Le Fabuleux Destin d'Amélie Poulain", Types: "original", IsOriginalTitle: true},
				Aka{TitleID: 211915, Ordering: 2, Title: "Amélie", Region: "US", Language: "en", Types: "imdbDisplay"},
				Aka{TitleID: 211915, Ordering: 3, Title: "The Fabulous Destiny of Amélie Poulain", Attributes: "literal English title"},
			},
			malformed: []RowError{{5, `ordering: bad number "x"`}, {6, `isOriginalTitle: want 0 or 1: "2"`}},
		},
		{
			name: "principals",
			data: tsv(
				"tconst | ordering | nconst | category | job | characters",
				`tt0113627 | 1 | nm0000115 | actor | \N | ["Ben Sanderson"]`,
				`tt0113627 | 2 | nm0000223 | actress | \N | ["Sera","Narrator \"Off\" Screen"]`,
				`tt0113627 | 3 | nm0001054 | director | \N | \N`,
				`tt0113627 | 4 | nm0626359 | writer | novel | \N`,
				`tt0113627 | 5 | nm0000001 | self | \N | []`,
				`tt0113627 | 6 | nm0000002 | actor | \N | ["unterminated]`,
				`tt0113627 | 7 | nm0000003 | actor | \N | Ben`,
				`tt0113627 | 8 | tt0000004 | actor | \N | \N`,
				`tt0113627 | 9 | nm0000005 | actor | \N | ["a"] x`,
			),
			read: collect(ReadPrincipals, func(p *Principal) any {
				c := *p
				c.Characters = append([]string(nil), p.Characters...)
				return c
			}),
			want: []any{
				Principal{TitleID: 113627, Ordering: 1, NameID: 115, Category: "actor", Characters: []string{"Ben Sanderson"}},
				Principal{TitleID: 113627, Ordering: 2, NameID: 223, Category: "actress", Characters: []string{"Sera", `Narrator "Off" Screen`}},
				Principal{TitleID: 113627, Ordering: 3, NameID: 1054, Category: "director"},
				Principal{TitleID: 113627, Ordering: 4, NameID: 626359, Category: "writer", Job: "novel"},
				Principal{TitleID: 113627, Ordering: 5, NameID: 1, Category: "self"},
			},
			malformed: []RowError{
				{7, `characters: want a JSON array of strings: "[\"unterminated]"`},
				{8, `characters: want a JSON array of strings: "Ben"`},
				{9, `nconst: want nm and a number: "tt0000004"`},
				{10, `characters: want a JSON array of strings: "[\"a\"] x"`},
			},
		},
		{
			name: "names",
			data: tsv(
				"nconst | primaryName | birthYear | deathYear | primaryProfession | knownForTitles",
				`nm0000115 | Nicolas Cage | 1964 | \N | actor,producer,director | tt0113627,tt0119008`,
				`nm0000001 | Fred Astaire | 1899 | 1987 | actor,miscellaneous,producer | tt0072308,tt0050419,tt0053137,tt0027125`,
				`nm0000002 | Nobody | \N | \N | \N | \N`,
				`nm0000003 | Bad Known | \N | \N | actor | tt1,,tt2`,
				`nm0000004 | Bad Year | 19.5 | \N | actor | \N`,
			),
			read: collect(ReadNames, func(n *Name) any {
				c := *n
				c.Professions = append([]string(nil), n.Professions...)
				c.KnownFor = append([]uint32(nil), n.KnownFor...)
				return c
			}),
			want: []any{
				Name{ID: 115, PrimaryName: "Nicolas Cage", BirthYear: 1964, Professions: []string{"actor", "producer", "director"}, KnownFor: []uint32{113627, 119008}},
				Name{ID: 1, PrimaryName: "Fred Astaire", BirthYear: 1899, DeathYear: 1987, Professions: []string{"actor", "miscellaneous", "producer"}, KnownFor: []uint32{72308, 50419, 53137, 27125}},
				Name{ID: 2, PrimaryName: "Nobody"},
			},
			malformed: []RowError{{5, `knownForTitles: want tt and a number: ""`}, {6, `birthYear: bad number "19.5"`}},
		},
		{
			name: "ratings",
			data: tsv(
				"tconst | averageRating | numVotes",
				`tt0000001 | 5.7 | 2103`,
				`tt0000002 | 10.0 | 5`,
				`tt0000003 | 8 | 17`,
				`tt0000004 | 7.55 | 10`,
				`tt0000005 | 11.0 | 10`,
				`tt0000006 | 6.0 | -5`,
			),
			read: collect(ReadRatings, func(r *Rating) any { return *r }),
			want: []any{
				Rating{TitleID: 1, Average: 5.7, NumVotes: 2103},
				Rating{TitleID: 2, Average: 10, NumVotes: 5},
				Rating{TitleID: 3, Average: 8, NumVotes: 17},
			},
			malformed: []RowError{
				{5, `averageRating: want 0.0 to 10.0: "7.55"`},
				{6, `averageRating: want 0.0 to 10.0: "11.0"`},
				{7, `numVotes: bad number "-5"`},
			},
		},
		{
			name: "crew",
			data: tsv(
				"tconst | directors | writers",
				`tt0113627 | nm0001054 | nm0001054,nm0626359`,
				`tt0000002 | \N | \N`,
				`tt0000003 | nm1,,nm2 | \N`,
			),
			read: collect(ReadCrew, func(c *Crew) any {
				d := *c
				d.Directors = append([]uint32(nil), c.Directors...)
				d.Writers = append([]uint32(nil), c.Writers...)
				return d
			}),
			want: []any{
				Crew{TitleID: 113627, Directors: []uint32{1054}, Writers: []uint32{1054, 626359}},
				Crew{TitleID: 2},
			},
			malformed: []RowError{{4, `directors: want nm and a number: ""`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, st, err := tt.read(bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows:\ngot  %+v\nwant %+v", got, tt.want)
			}
			if st.Rows != len(tt.want) || st.Malformed != len(tt.malformed) || !reflect.DeepEqual(st.Examples, tt.malformed) {
				t.Errorf("stats: got %+v, want %d rows and malformed %+v", st, len(tt.want), tt.malformed)
			}
		})
	}
}

// collect adapts a Read function to return copies of the rows.
func collect[T any](read func(io.Reader, func(int, *T) error) (Stats, error), cp func(*T) any) func(io.Reader) ([]any, Stats, error) {
	return func(r io.Reader) ([]any, Stats, error) {
		var rows []any
		st, err := read(r, func(_ int, row *T) error {
			rows = append(rows, cp(row))
			return nil
		})
		return rows, st, err
	}
}

func TestBadHeader(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty file", nil, "title.basics: unexpected header: empty file, want columns tconst, titleType, primaryTitle"},
		{"akas file", tsv("titleId | ordering | title | region | language | types | attributes | isOriginalTitle"), `title.basics: unexpected header: got "titleId\tordering`},
		{"no header", tsv(`tt0113627 | movie | Leaving Las Vegas | Leaving Las Vegas | 0 | 1995 | \N | 111 | Drama`), `got "tt0113627\tmovie`},
		{"column missing", tsv("tconst | titleType | primaryTitle | originalTitle | isAdult | startYear | endYear | runtimeMinutes"), "want columns tconst, titleType, primaryTitle, originalTitle, isAdult, startYear, endYear, runtimeMinutes, genres"},
		{"gzipped wrong file", gz(t, tsv("tconst | averageRating | numVotes")), `got "tconst\taverageRating\tnumVotes"`},
		{"header too long", []byte(strings.Repeat("x", MaxLine+10)), "first line longer than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := collectBasics(t, bytes.NewReader(tt.data))
			if !errors.Is(err, ErrHeader) {
				t.Fatalf("got %v, want ErrHeader", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %q, want it to contain %q", err, tt.want)
			}
		})
	}
	// A UTF-8 byte order mark is not a bad header.
	if _, _, _, err := collectBasics(t, bytes.NewReader(append([]byte("\uFEFF"), basicsFile...))); err != nil {
		t.Errorf("BOM: %v", err)
	}
}

func TestOverlongLine(t *testing.T) {
	long := `tt0000002 | movie | ` + strings.Repeat("Long ", MaxLine/5+100) + ` | x | 0 | 2000 | \N | 90 | Drama`
	tests := []struct {
		name      string
		data      []byte
		wantLines []int
		wantBad   int // line of the over-long row
	}{
		{"in the middle", tsv(basicsHeader,
			`tt0000001 | movie | A | A | 0 | 2000 | \N | 90 | Drama`,
			long,
			`tt0000003 | movie | C | C | 0 | 2000 | \N | 90 | Drama`), []int{2, 4}, 3},
		{"last, without newline", bytes.TrimSuffix(tsv(basicsHeader,
			`tt0000001 | movie | A | A | 0 | 2000 | \N | 90 | Drama`,
			long), []byte("\n")), []int{2}, 3},
	}
	for _, tt := range tests {
		for _, zip := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s gzip=%v", tt.name, zip), func(t *testing.T) {
				data := tt.data
				if zip {
					data = gz(t, data)
				}
				_, lines, st, err := collectBasics(t, bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(lines, tt.wantLines) {
					t.Errorf("lines: got %v, want %v", lines, tt.wantLines)
				}
				want := []RowError{{tt.wantBad, "line longer than 1048576 bytes"}}
				if st.Malformed != 1 || !reflect.DeepEqual(st.Examples, want) {
					t.Errorf("stats: got %+v, want %+v", st, want)
				}
			})
		}
	}
}

// basicsRows returns a title.basics file of n rows, those at the given
// 0-based positions malformed.
func basicsRows(n int, bad func(i int) bool) []byte {
	var b bytes.Buffer
	b.Write(tsv(basicsHeader))
	for i := range n {
		if bad(i) {
			fmt.Fprintf(&b, "tt%07d\tmovie\tBroken\n", i+1)
			continue
		}
		fmt.Fprintf(&b, "tt%07d\tmovie\tTitle %d\tTitle %d\t0\t2000\t\\N\t90\tDrama\n", i+1, i, i)
	}
	return b.Bytes()
}

func TestMalformedThreshold(t *testing.T) {
	tests := []struct {
		name          string
		data          []byte
		wantErr       bool
		wantMalformed int
	}{
		{"small file, half malformed", basicsRows(4, func(i int) bool { return i < 2 }), false, 2},
		{"small file, most malformed", basicsRows(3, func(i int) bool { return i < 2 }), true, 2},
		{"small file, all malformed", basicsRows(1, func(int) bool { return true }), true, 1},
		{"2000 rows, 1% malformed", basicsRows(2000, func(i int) bool { return i%100 == 7 }), false, 20},
		{"2000 rows, 21 malformed", basicsRows(2000, func(i int) bool { return i%100 == 7 || i == 1999 }), true, 21},
		{"malformed cluster at the start of a clean file", basicsRows(20000, func(i int) bool { return i < 150 }), false, 150},
		// A broken file is abandoned once 1000 rows are read, not at the end.
		{"everything malformed", basicsRows(5000, func(int) bool { return true }), true, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, st, err := collectBasics(t, bytes.NewReader(tt.data))
			if got := errors.Is(err, ErrTooManyMalformed); got != tt.wantErr {
				t.Errorf("error: got %v, want ErrTooManyMalformed: %v", err, tt.wantErr)
			}
			if st.Malformed != tt.wantMalformed {
				t.Errorf("malformed: got %d, want %d", st.Malformed, tt.wantMalformed)
			}
			if len(st.Examples) != min(tt.wantMalformed, MaxExamples) {
				t.Errorf("examples: got %d", len(st.Examples))
			}
		})
	}
}

func TestCallbackError(t *testing.T) {
	stop := errors.New("stop")
	n := 0
	st, err := ReadBasics(bytes.NewReader(basicsFile), func(line int, b *Basics) error {
		n++
		if line == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || !strings.Contains(err.Error(), "title.basics line 3") {
		t.Errorf("got %v, want stop at line 3", err)
	}
	if n != 2 || st.Rows != 2 {
		t.Errorf("got %d calls, %d rows; want 2", n, st.Rows)
	}
}

func TestTruncatedGzip(t *testing.T) {
	data := gz(t, basicsRows(5000, func(int) bool { return false }))
	_, _, _, err := collectBasics(t, bytes.NewReader(data[:len(data)/2]))
	if err == nil || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("got %v, want an unexpected EOF", err)
	}
}

func TestRatingRoundTrip(t *testing.T) {
	p := newParser()
	for tenths := 0; tenths <= 100; tenths++ {
		line := appendTenths([]byte("tt0000001\t"), tenths)
		line = append(line, "\t1"...)
		var r Rating
		if err := parseLine(p, KindRatings, line, parseRating, &r); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		out := appendRating(nil, &r)
		if string(out) != string(line)+"\n" {
			t.Errorf("got %q, want %q", out, line)
		}
	}
}

func TestKind(t *testing.T) {
	var names []string
	for _, k := range Kinds {
		names = append(names, k.FileName())
	}
	want := "title.basics.tsv.gz title.akas.tsv.gz title.principals.tsv.gz name.basics.tsv.gz title.ratings.tsv.gz title.crew.tsv.gz"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	cols := KindCrew.Columns()
	cols[0] = "changed"
	if KindCrew.Columns()[0] != "tconst" {
		t.Error("Columns returned the package's own slice")
	}
}

// readDir reads back every file Generate wrote.
type readBack struct {
	basics     map[uint32]Basics
	order      []uint32
	akas       map[uint32][]Aka
	principals map[uint32][]Principal
	names      map[uint32]Name
	ratings    map[uint32]Rating
	crew       map[uint32]Crew
	stats      map[Kind]Stats
}

func readGenerated(t *testing.T, gs GenStats) *readBack {
	t.Helper()
	rb := &readBack{
		basics: map[uint32]Basics{}, akas: map[uint32][]Aka{}, principals: map[uint32][]Principal{},
		names: map[uint32]Name{}, ratings: map[uint32]Rating{}, crew: map[uint32]Crew{}, stats: map[Kind]Stats{},
	}
	for k, path := range gs.Files {
		kind := Kind(k)
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		var st Stats
		switch kind {
		case KindBasics:
			st, err = ReadBasics(f, func(_ int, b *Basics) error {
				c := *b
				c.Genres = append([]string(nil), b.Genres...)
				rb.basics[b.ID] = c
				rb.order = append(rb.order, b.ID)
				return nil
			})
		case KindAkas:
			st, err = ReadAkas(f, func(_ int, a *Aka) error { rb.akas[a.TitleID] = append(rb.akas[a.TitleID], *a); return nil })
		case KindPrincipals:
			st, err = ReadPrincipals(f, func(_ int, p *Principal) error {
				c := *p
				c.Characters = append([]string(nil), p.Characters...)
				rb.principals[p.TitleID] = append(rb.principals[p.TitleID], c)
				return nil
			})
		case KindNames:
			st, err = ReadNames(f, func(_ int, n *Name) error {
				c := *n
				c.Professions = append([]string(nil), n.Professions...)
				c.KnownFor = append([]uint32(nil), n.KnownFor...)
				rb.names[n.ID] = c
				return nil
			})
		case KindRatings:
			st, err = ReadRatings(f, func(_ int, r *Rating) error { rb.ratings[r.TitleID] = *r; return nil })
		case KindCrew:
			st, err = ReadCrew(f, func(_ int, c *Crew) error {
				d := *c
				d.Directors = append([]uint32(nil), c.Directors...)
				d.Writers = append([]uint32(nil), c.Writers...)
				rb.crew[c.TitleID] = d
				return nil
			})
		}
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if st.Malformed != 0 || st.Duplicates != 0 {
			t.Errorf("%s: %d malformed, %d duplicates: %v", kind, st.Malformed, st.Duplicates, st.Examples)
		}
		rb.stats[kind] = st
	}
	return rb
}

func TestGenerateReadBack(t *testing.T) {
	const titles = 20000
	planted := DefaultPlanted()
	gs, err := Generate(t.TempDir(), GenOptions{Titles: titles, Seed: 42, Gzip: true, Planted: planted})
	if err != nil {
		t.Fatal(err)
	}
	rb := readGenerated(t, gs)

	// Counts agree with GenStats.
	counts := []struct {
		kind Kind
		want int
	}{
		{KindBasics, gs.Titles}, {KindAkas, gs.Akas}, {KindPrincipals, gs.Principals},
		{KindNames, gs.Names}, {KindRatings, gs.Ratings}, {KindCrew, gs.Crew},
	}
	for _, c := range counts {
		if got := rb.stats[c.kind].Rows; got != c.want {
			t.Errorf("%s: read %d rows, GenStats says %d", c.kind, got, c.want)
		}
	}
	if gs.Titles != titles+len(planted) || gs.Crew != gs.Titles {
		t.Errorf("got %d titles and %d crew rows, want %d", gs.Titles, gs.Crew, titles+len(planted))
	}

	// IDs ascend, as in IMDb's files.
	for i := 1; i < len(rb.order); i++ {
		if rb.order[i] <= rb.order[i-1] {
			t.Fatalf("IDs not ascending: %d after %d", rb.order[i], rb.order[i-1])
		}
	}

	// The mix looks like IMDb's.
	var features, namesakes, accents int
	seen := map[string]uint16{}
	for _, b := range rb.basics {
		if b.Type == TypeMovie || b.Type == TypeTVMovie {
			features++
		}
		if y, ok := seen[b.PrimaryTitle]; ok && y != b.StartYear {
			namesakes++
		}
		seen[b.PrimaryTitle] = b.StartYear
		if strings.ContainsAny(b.PrimaryTitle, "éèñüöäçåø") {
			accents++
		}
		if len(b.Genres) > 3 {
			t.Errorf("%d genres: %+v", len(b.Genres), b)
		}
		if b.StartYear != 0 && (b.StartYear < 1900 || b.StartYear > 2025) {
			t.Errorf("year %d: %+v", b.StartYear, b)
		}
	}
	ratio := func(n, of int) float64 { return float64(n) / float64(of) }
	if r := ratio(features, gs.Titles); r < 0.55 || r > 0.65 {
		t.Errorf("features: %.2f of titles", r)
	}
	if namesakes < titles/10 || accents == 0 {
		t.Errorf("%d namesakes, %d accented titles", namesakes, accents)
	}
	if r := ratio(gs.Principals, gs.Titles); r < 2.5 || r > 3.5 {
		t.Errorf("%.2f principals per title", r)
	}
	if r := ratio(gs.Ratings, gs.Titles); r < 0.6 || r > 0.9 {
		t.Errorf("ratings for %.2f of titles", r)
	}
	var popular, obscure int
	for _, r := range rb.ratings {
		if r.NumVotes >= 10000 {
			popular++
		}
		if r.NumVotes < 100 {
			obscure++
		}
	}
	if popular == 0 || popular > gs.Ratings/100 || ratio(obscure, gs.Ratings) < 0.8 {
		t.Errorf("votes not heavy-tailed: %d popular, %d obscure of %d", popular, obscure, gs.Ratings)
	}

	// The files agree with each other.
	for id, ps := range rb.principals {
		if _, ok := rb.basics[id]; !ok {
			t.Fatalf("principals of unknown title %d", id)
		}
		var dirs, writers []uint32
		for k, p := range ps {
			if int(p.Ordering) != k+1 {
				t.Errorf("tt%d: ordering %d at %d", id, p.Ordering, k+1)
			}
			if _, ok := rb.names[p.NameID]; !ok {
				t.Fatalf("principal nm%d not in name.basics", p.NameID)
			}
			switch p.Category {
			case "director":
				dirs = append(dirs, p.NameID)
			case "writer":
				writers = append(writers, p.NameID)
			case "actor", "actress", "self":
			default:
				if p.Characters != nil {
					t.Errorf("%s with characters: %+v", p.Category, p)
				}
			}
		}
		c := rb.crew[id]
		if !reflect.DeepEqual(c.Directors, dirs) || !reflect.DeepEqual(c.Writers, writers) {
			t.Errorf("tt%d: crew %+v, principals directors %v writers %v", id, c, dirs, writers)
		}
	}
	for id, n := range rb.names {
		for _, tid := range n.KnownFor {
			found := false
			for _, p := range rb.principals[tid] {
				found = found || p.NameID == id
			}
			if !found {
				t.Fatalf("nm%d known for tt%d without a credit in it", id, tid)
			}
		}
	}
	for id, as := range rb.akas {
		b, ok := rb.basics[id]
		if !ok {
			t.Fatalf("akas of unknown title %d", id)
		}
		for _, a := range as {
			if a.IsOriginalTitle && a.Title != b.OriginalTitle {
				t.Errorf("tt%d: original aka %q, originalTitle %q", id, a.Title, b.OriginalTitle)
			}
		}
	}

	// Planted titles are where GenStats says, with their facts.
	for k, p := range planted {
		id := gs.PlantedIDs[k]
		b := rb.basics[id]
		orig := p.OriginalTitle
		if orig == "" {
			orig = p.Title
		}
		if b.PrimaryTitle != p.Title || b.OriginalTitle != orig || int(b.StartYear) != p.Year || b.Type != TypeMovie {
			t.Errorf("planted %q: got %+v", p.Title, b)
		}
		if r := rb.ratings[id]; int(r.NumVotes) != p.Votes || r.Average != p.Rating {
			t.Errorf("planted %q: rating %+v", p.Title, r)
		}
		var titles []string
		for _, a := range rb.akas[id] {
			titles = append(titles, a.Title)
		}
		for _, a := range p.Akas {
			if !containsStr(titles, a.Title) {
				t.Errorf("planted %q: aka %q missing from %q", p.Title, a.Title, titles)
			}
		}
	}
}

func TestPlantedRanking(t *testing.T) {
	// The facts ranking tests rely on: a classic outvotes its remake.
	votes := map[string]int{}
	for _, p := range DefaultPlanted() {
		votes[fmt.Sprint(p.Title, p.Year)] = p.Votes
	}
	pairs := [][2]string{{"Psycho1960", "Psycho1998"}, {"Hero2002", "Hero1992"}, {"The Hunt2012", "The Hunt2020"}, {"Scarface1983", "Scarface1932"}}
	for _, pr := range pairs {
		if votes[pr[0]] <= votes[pr[1]] || votes[pr[1]] == 0 {
			t.Errorf("%s (%d votes) should outvote %s (%d)", pr[0], votes[pr[0]], pr[1], votes[pr[1]])
		}
	}
	if n := len(DefaultPlanted()); n < 50 {
		t.Errorf("only %d planted titles", n)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	for _, zip := range []bool{false, true} {
		t.Run(fmt.Sprint("gzip=", zip), func(t *testing.T) {
			opt := GenOptions{Titles: 3000, Seed: 7, Gzip: zip, Planted: DefaultPlanted()}
			a, err := Generate(t.TempDir(), opt)
			if err != nil {
				t.Fatal(err)
			}
			b, err := Generate(t.TempDir(), opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.Seed = 8
			c, err := Generate(t.TempDir(), opt)
			if err != nil {
				t.Fatal(err)
			}
			for k := range a.Files {
				x, y, z := readAll(t, a.Files[k]), readAll(t, b.Files[k]), readAll(t, c.Files[k])
				if !bytes.Equal(x, y) {
					t.Errorf("%s differs with the same seed", filepath.Base(a.Files[k]))
				}
				if bytes.Equal(x, z) {
					t.Errorf("%s is the same with another seed", filepath.Base(a.Files[k]))
				}
				if zip != bytes.HasPrefix(x, []byte{0x1f, 0x8b}) {
					t.Errorf("%s: gzip %v, got % x", a.Files[k], zip, x[:2])
				}
			}
		})
	}
}

func readAll(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGenerateRejects(t *testing.T) {
	tests := []struct {
		name string
		opt  GenOptions
	}{
		{"negative count", GenOptions{Titles: -1}},
		{"tab in a title", GenOptions{Planted: []PlantedTitle{{Title: "A\tB", Year: 2000}}}},
		{"no title", GenOptions{Planted: []PlantedTitle{{Year: 2000}}}},
		{"comma in a genre", GenOptions{Planted: []PlantedTitle{{Title: "A", Genres: []string{"Drama,Comedy"}}}}},
		{"rating out of range", GenOptions{Planted: []PlantedTitle{{Title: "A", Votes: 10, Rating: 11}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Generate(dir, tt.opt); err == nil {
				t.Error("no error")
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("files left behind: %v", entries)
			}
		})
	}
	// Planted titles alone, with no synthetic ones, are fine.
	gs, err := Generate(t.TempDir(), GenOptions{Planted: DefaultPlanted()[:3]})
	if err != nil || gs.Titles != 3 {
		t.Errorf("got %+v, %v", gs, err)
	}
}

// parseAny parses one line of kind, the way the readers do.
func parseAny(kind Kind, line []byte) (any, error) {
	p := newParser()
	switch kind {
	case KindBasics:
		var r Basics
		return &r, parseLine(p, kind, line, parseBasics, &r)
	case KindAkas:
		var r Aka
		return &r, parseLine(p, kind, line, parseAka, &r)
	case KindPrincipals:
		var r Principal
		return &r, parseLine(p, kind, line, parsePrincipal, &r)
	case KindNames:
		var r Name
		return &r, parseLine(p, kind, line, parseName, &r)
	case KindRatings:
		var r Rating
		return &r, parseLine(p, kind, line, parseRating, &r)
	default:
		var r Crew
		return &r, parseLine(p, KindCrew, line, parseCrew, &r)
	}
}

func formatAny(row any) []byte {
	switch r := row.(type) {
	case *Basics:
		return appendBasics(nil, r)
	case *Aka:
		return appendAka(nil, r)
	case *Principal:
		return appendPrincipal(nil, r)
	case *Name:
		return appendName(nil, r)
	case *Rating:
		return appendRating(nil, r)
	case *Crew:
		return appendCrew(nil, r)
	}
	panic(fmt.Sprintf("unknown row %T", row))
}

// fuzzMaxLine keeps the reader's buffer small, so the fuzzer is not
// dominated by allocating MaxLine per input.
const fuzzMaxLine = 4096

func readAny(kind Kind, data []byte) (Stats, error) {
	r := bytes.NewReader(data)
	switch kind {
	case KindBasics:
		return read(r, kind, fuzzMaxLine, parseBasics, basicsKey, func(int, *Basics) error { return nil })
	case KindAkas:
		return read(r, kind, fuzzMaxLine, parseAka, akaKey, func(int, *Aka) error { return nil })
	case KindPrincipals:
		return read(r, kind, fuzzMaxLine, parsePrincipal, principalKey, func(int, *Principal) error { return nil })
	case KindNames:
		return read(r, kind, fuzzMaxLine, parseName, nameKey, func(int, *Name) error { return nil })
	case KindRatings:
		return read(r, kind, fuzzMaxLine, parseRating, ratingKey, func(int, *Rating) error { return nil })
	default:
		return read(r, KindCrew, fuzzMaxLine, parseCrew, crewKey, func(int, *Crew) error { return nil })
	}
}

// FuzzParseRow feeds arbitrary lines to the row parser of every kind. It
// must never panic; a row it accepts must survive formatting and parsing
// again unchanged; the reader must agree with it; and the characters it
// decodes must be what encoding/json decodes.
func FuzzParseRow(f *testing.F) {
	seeds := map[Kind][]string{
		KindBasics: {
			"tt0113627\tmovie\tLeaving Las Vegas\tLeaving Las Vegas\t0\t1995\t\\N\t111\tDrama,Romance",
			"tt9999999\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N",
			"tt0000004\tmovie\tBad\tBad\t0\t19x5\t\\N\t90\tDrama,,",
		},
		KindAkas: {
			"tt0211915\t1\tLe Fabuleux Destin d'Amélie Poulain\t\\N\t\\N\toriginal\t\\N\t1",
			"tt0211915\t2\tAmélie\tUS\ten\timdbDisplay\t\\N\t0",
		},
		KindPrincipals: {
			"tt0113627\t1\tnm0000115\tactor\t\\N\t[\"Ben Sanderson\"]",
			"tt0113627\t2\tnm0000223\tactress\t\\N\t[\"Sera\",\"Narrator \\\"Off\\\" Screen\"]",
			"tt0113627\t3\tnm0001054\tdirector\t\\N\t\\N",
			"tt0113627\t3\tnm0001054\tactor\t\\N\t[ \"a\\u00e9\\ud83d\\ude00\" , \"\" ]",
		},
		KindNames: {
			"nm0000115\tNicolas Cage\t1964\t\\N\tactor,producer,director\ttt0113627,tt0119008",
			"nm0000002\tNobody\t\\N\t\\N\t\\N\t\\N",
		},
		KindRatings: {"tt0000001\t5.7\t2103", "tt0000002\t10.0\t5", "tt0000003\t7.55\t1"},
		KindCrew:    {"tt0113627\tnm0001054\tnm0001054,nm0626359", "tt0000002\t\\N\t\\N"},
	}
	for k, lines := range seeds {
		for _, l := range lines {
			f.Add(uint8(k), l)
		}
	}
	f.Fuzz(func(t *testing.T, k uint8, line string) {
		kind := Kind(k % uint8(len(Kinds)))
		row, err := parseAny(kind, []byte(line))
		if !strings.ContainsAny(line, "\r\n") && len(line) < fuzzMaxLine-1 {
			data := append(append(appendHeader(nil, kind), line...), '\n')
			st, rerr := readAny(kind, data)
			if err == nil && (st.Rows != 1 || rerr != nil) {
				t.Fatalf("parser accepts, reader: %+v, %v", st, rerr)
			}
			if err != nil && (st.Malformed != 1 || !errors.Is(rerr, ErrTooManyMalformed) || st.Examples[0].Reason != err.Error()) {
				t.Fatalf("parser rejects (%v), reader: %+v, %v", err, st, rerr)
			}
		}
		if err != nil {
			return
		}
		out := formatAny(row)
		body := out[:len(out)-1]
		if n := bytes.Count(body, []byte{'\t'}); n != len(kindColumns[kind])-1 || out[len(out)-1] != '\n' {
			t.Fatalf("formatted %q: %d tabs", out, n)
		}
		again, err := parseAny(kind, body)
		if err != nil {
			t.Fatalf("%q → %+v → %q: %v", line, row, out, err)
		}
		if !reflect.DeepEqual(row, again) {
			t.Fatalf("%q → %+v → %q → %+v", line, row, out, again)
		}
		if p, ok := row.(*Principal); ok {
			field := line[strings.LastIndexByte(line, '\t')+1:]
			if field != `\N` {
				var want []string
				if err := json.Unmarshal([]byte(field), &want); err != nil {
					t.Fatalf("characters %q accepted, encoding/json says %v", field, err)
				}
				if len(want) != len(p.Characters) || (len(want) > 0 && !reflect.DeepEqual(want, p.Characters)) {
					t.Fatalf("characters %q: got %q, encoding/json %q", field, p.Characters, want)
				}
			}
		}
	})
}

func BenchmarkGenerate(b *testing.B) {
	for _, zip := range []bool{false, true} {
		b.Run(fmt.Sprint("gzip=", zip), func(b *testing.B) {
			const titles = 100000
			dir := b.TempDir()
			var gs GenStats
			for b.Loop() {
				var err error
				if gs, err = Generate(dir, GenOptions{Titles: titles, Seed: 1, Gzip: zip}); err != nil {
					b.Fatal(err)
				}
			}
			rows := gs.Titles + gs.Akas + gs.Principals + gs.Names + gs.Ratings + gs.Crew
			sec := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(float64(titles)/sec, "titles/s")
			b.ReportMetric(float64(rows)/sec, "rows/s")
			b.ReportMetric(float64(gs.Bytes)/sec/1e6, "MB/s")
		})
	}
}

func BenchmarkReadPrincipals(b *testing.B) {
	gs, err := Generate(b.TempDir(), GenOptions{Titles: 100000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	plain := readAll(b, gs.Files[KindPrincipals])
	for _, tt := range []struct {
		name string
		data []byte
	}{{"plain", plain}, {"gzip", gz(b, plain)}} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(plain)))
			var rows int
			for b.Loop() {
				st, err := ReadPrincipals(bytes.NewReader(tt.data), func(int, *Principal) error { return nil })
				if err != nil {
					b.Fatal(err)
				}
				rows = st.Rows
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
