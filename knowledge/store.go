package knowledge

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

//go:embed schema.sql
var schema string

//go:embed indexes.sql
var indexes string

// Format identifies a moviebot knowledge base file; SchemaVersion is the
// version of schema.sql it was written with.
const (
	Format        = "moviebot-knowledge-base"
	SchemaVersion = 3
)

// Store reads a published knowledge base. The file is never written while a
// Store has it open: rebuilds write a new file and rename it into place.
type Store struct {
	db   *sql.DB
	path string
}

// fileURI builds a SQLite URI for path. A read-only open needs the file: form
// (a plain path with ?mode=ro is silently opened read-write).
func fileURI(path string, params string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	esc := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(abs))
	return "file:" + esc + "?" + params
}

// Open opens the knowledge base at path read-only. The file is opened
// immutable: it is published once and never modified in place, so SQLite
// can skip locking.
func Open(ctx context.Context, path string) (*Store, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, Errorf(EINVALID, "no knowledge base at %s: build one with `moviebot ingest --db %s PAGES...`", path, path)
		}
		return nil, Errorf(EINVALID, "cannot read the knowledge base %s: %v", path, err)
	}
	if st.IsDir() {
		return nil, Errorf(EINVALID, "the knowledge base %s is a directory, not a file", path)
	}
	db, err := sql.Open("sqlite3", fileURI(path, "mode=ro&immutable=1&_query_only=1"))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.check(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// StoredDocuments reads the pages stored in the knowledge base at path,
// whatever its schema version: every version keeps them in the same
// documents table, so a rebuild can always start from them, even after an
// upgrade changed the rest of the schema.
func StoredDocuments(ctx context.Context, path string) ([]*Document, error) {
	db, err := sql.Open("sqlite3", fileURI(path, "mode=ro&immutable=1&_query_only=1"))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	s := &Store{db: db, path: path}
	var format string
	if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'format'`).Scan(&format); err != nil || format != Format {
		return nil, Errorf(EINVALID, "%s is not a moviebot knowledge base", path)
	}
	return s.Documents(ctx)
}

// check confirms the file is a moviebot knowledge base of a version this
// program reads.
func (s *Store) check(ctx context.Context) error {
	var format, version string
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT value FROM meta WHERE key = 'format'),
		(SELECT value FROM meta WHERE key = 'schema_version')`).Scan(&format, &version)
	if err != nil || format != Format {
		return Errorf(EINVALID, "%s is not a moviebot knowledge base", s.path)
	}
	if version != strconv.Itoa(SchemaVersion) {
		return Errorf(EINVALID, "%s has knowledge base schema version %s; this moviebot reads version %d: rebuild it with `moviebot ingest`", s.path, version, SchemaVersion)
	}
	return nil
}

// Close closes the store.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the file the store reads.
func (s *Store) Path() string { return s.path }

// Meta returns a value from the meta table, or "".
func (s *Store) Meta(ctx context.Context, key string) string {
	var v string
	_ = s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	return v
}

// OpenBlob streams the derived data stored under name at build time, or
// returns nil when there is none. The caller closes the reader.
func (s *Store) OpenBlob(ctx context.Context, name string) (io.ReadCloser, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT data FROM blobs WHERE name = ? ORDER BY seq`, name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if !rows.Next() {
		err := rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		return nil, nil
	}
	return &blobReader{rows: rows, name: name, first: true}, nil
}

// blobReader reads a blob's chunks in order, one row at a time.
type blobReader struct {
	rows  *sql.Rows
	name  string
	buf   []byte
	first bool // the first row is already current
	err   error
}

func (b *blobReader) Read(p []byte) (int, error) {
	for len(b.buf) == 0 {
		if b.err != nil {
			return 0, b.err
		}
		if !b.first && !b.rows.Next() {
			if b.err = b.rows.Err(); b.err == nil {
				b.err = io.EOF
			}
			continue
		}
		b.first = false
		if err := b.rows.Scan(&b.buf); err != nil {
			b.err = fmt.Errorf("read %s: %w", b.name, err)
		}
	}
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
}

func (b *blobReader) Close() error { return b.rows.Close() }

// Stats counts the records of each kind, for logs and metrics.
func (s *Store) Stats(ctx context.Context) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range []string{"documents", "films", "people", "credits", "awards", "quotes", "reviews", "plot", "facts"} {
		var n int
		q := `SELECT count(*) FROM ` + t
		if t == "films" {
			q += ` WHERE hidden = 0`
		}
		if err := s.db.QueryRowContext(ctx, q).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		out[t] = n
	}
	return out, nil
}

// Documents returns every document the knowledge base was built from, with
// its text.
func (s *Store) Documents(ctx context.Context) ([]*Document, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, sha256, text FROM documents ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	defer rows.Close()
	var out []*Document
	for rows.Next() {
		d := &Document{}
		if err := rows.Scan(&d.Name, &d.SHA256, &d.Text); err != nil {
			return nil, fmt.Errorf("read documents: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// FilmRef is the part of a film that title search needs.
type FilmRef struct {
	ID         int64
	Title      string
	Year       int
	Popularity int
	AltTitles  []string
}

// FilmRefs lists every film people can find, with its titles, for the
// search index: two ordered scans, so a catalogue of a million films loads
// without a query per film.
func (s *Store) FilmRefs(ctx context.Context) ([]FilmRef, error) {
	var n int
	_ = s.db.QueryRowContext(ctx, `SELECT count(*) FROM films WHERE hidden = 0`).Scan(&n)
	out := make([]FilmRef, 0, n)
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, year, popularity FROM films WHERE hidden = 0 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list films: %w", err)
	}
	for rows.Next() {
		var r FilmRef
		if err := rows.Scan(&r.ID, &r.Title, &r.Year, &r.Popularity); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list films: %w", err)
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list films: %w", err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT film_id, title FROM titles WHERE kind = 'alternative' ORDER BY film_id`)
	if err != nil {
		return nil, fmt.Errorf("list titles: %w", err)
	}
	defer rows.Close()
	i := 0
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, fmt.Errorf("list titles: %w", err)
		}
		for i < len(out) && out[i].ID < id {
			i++
		}
		if i < len(out) && out[i].ID == id {
			out[i].AltTitles = append(out[i].AltTitles, t)
		}
	}
	return out, rows.Err()
}

// SampleTitles returns up to n titles of films picked at random, for
// benchmarks.
func (s *Store) SampleTitles(ctx context.Context, n int) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT title FROM films WHERE hidden = 0 ORDER BY random() LIMIT ?`, n)
	if err != nil {
		return nil, fmt.Errorf("sample titles: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// querier is what reading needs of a database or a transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Film reads one film whole.
func (s *Store) Film(ctx context.Context, id int64) (*Film, error) {
	return readFilm(ctx, s.db, id)
}

func readFilm(ctx context.Context, q querier, id int64) (*Film, error) {
	var doc string
	err := q.QueryRowContext(ctx, `SELECT doc FROM films WHERE id = ?`, id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &Error{Code: ENOTFOUND, Message: fmt.Sprintf("no film with id %d", id)}
	}
	if err != nil {
		return nil, fmt.Errorf("read film %d: %w", id, err)
	}
	f := &Film{}
	if err := json.Unmarshal([]byte(doc), f); err != nil {
		return nil, fmt.Errorf("decode film %d: %w", id, err)
	}
	f.ID = id
	if err := readRecords(ctx, q, f); err != nil {
		return nil, fmt.Errorf("read film %d: %w", id, err)
	}
	// A catalogue film names its directors and writers only in credits.
	if len(f.Directors) == 0 && len(f.Writers) == 0 {
		for _, c := range f.Crew {
			switch c.Job {
			case "director":
				f.Directors = addSource(f.Directors, c.Name)
			case "writer":
				f.Writers = addSource(f.Writers, c.Name)
			}
		}
	}
	nonNil(f)
	return f, nil
}

// Films reads every film whole, in id order.
func (s *Store) Films(ctx context.Context) ([]*Film, error) {
	refs, err := s.FilmRefs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]*Film, 0, len(refs))
	for _, r := range refs {
		f, err := s.Film(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// creditSources reads a credit's sources; a catalogue credit stores none,
// its source being the film's catalogue record.
func creditSources(js string, film int64) []string {
	if js == "[]" {
		return []string{CatalogueSource(film)}
	}
	return sourcesOf(js)
}

func sourcesOf(js string) []string {
	var s []string
	if js == "[]" {
		return []string{}
	}
	_ = json.Unmarshal([]byte(js), &s)
	if s == nil {
		s = []string{}
	}
	return s
}

func readRecords(ctx context.Context, q querier, f *Film) error {
	rows, err := q.QueryContext(ctx, `SELECT title FROM titles WHERE film_id = ? AND kind = 'alternative' ORDER BY rowid`, f.ID)
	if err != nil {
		return err
	}
	f.AltTitles = nil
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		f.AltTitles = append(f.AltTitles, t)
	}
	rows.Close()

	rows, err = q.QueryContext(ctx, `SELECT p.name, c.kind, c.job, c.character, c.billing, c.credited_as, c.variants, c.description, c.sources
		FROM credits c JOIN people p ON p.id = c.person_id WHERE c.film_id = ? ORDER BY c.kind, c.billing, c.rowid`, f.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var name, kind, job, char, as, variants, desc, src string
		var billing int
		if err := rows.Scan(&name, &kind, &job, &char, &billing, &as, &variants, &desc, &src); err != nil {
			rows.Close()
			return err
		}
		if kind == "cast" {
			c := CastMember{Actor: name, Character: char, Billing: billing, CreditedAs: as, Description: desc, Sources: creditSources(src, f.ID)}
			if variants != "[]" {
				_ = json.Unmarshal([]byte(variants), &c.Variants)
			}
			f.Cast = append(f.Cast, c)
		} else {
			f.Crew = append(f.Crew, CrewMember{Name: name, Job: job, Sources: creditSources(src, f.ID)})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = q.QueryContext(ctx, `SELECT body, category, recipient, result, year, sources FROM awards WHERE film_id = ? ORDER BY ord`, f.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a Award
		var src string
		if err := rows.Scan(&a.Body, &a.Category, &a.Recipient, &a.Result, &a.Year, &src); err != nil {
			rows.Close()
			return err
		}
		a.Sources = sourcesOf(src)
		f.Awards = append(f.Awards, a)
	}
	rows.Close()

	rows, err = q.QueryContext(ctx, `SELECT character, text, context, sources FROM quotes WHERE film_id = ? ORDER BY id`, f.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var q Quote
		var src string
		if err := rows.Scan(&q.Character, &q.Text, &q.Context, &src); err != nil {
			rows.Close()
			return err
		}
		q.Sources = sourcesOf(src)
		f.Quotes = append(f.Quotes, q)
	}
	rows.Close()

	rows, err = q.QueryContext(ctx, `SELECT site, kind, author, publication, date, score, score_value, score_max, title, text, helpful, helpful_of, top_critic, spoiler, sources
		FROM reviews WHERE film_id = ? ORDER BY id`, f.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r Review
		var src string
		if err := rows.Scan(&r.Site, &r.Kind, &r.Author, &r.Publication, &r.Date, &r.Score, &r.ScoreValue, &r.ScoreMax, &r.Title, &r.Text, &r.Helpful, &r.HelpfulOf, &r.TopCritic, &r.Spoiler, &src); err != nil {
			rows.Close()
			return err
		}
		r.Sources = sourcesOf(src)
		f.Reviews = append(f.Reviews, r)
	}
	rows.Close()

	rows, err = q.QueryContext(ctx, `SELECT heading, text, spoiler, premise, sources FROM plot WHERE film_id = ? ORDER BY ord`, f.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p PlotSection
		var src string
		if err := rows.Scan(&p.Heading, &p.Text, &p.Spoiler, &p.Premise, &src); err != nil {
			rows.Close()
			return err
		}
		p.Sources = sourcesOf(src)
		f.Plot = append(f.Plot, p)
	}
	rows.Close()

	rows, err = q.QueryContext(ctx, `SELECT kind, text, spoiler, sources FROM facts WHERE film_id = ? ORDER BY ord`, f.ID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var x Fact
		var src string
		if err := rows.Scan(&x.Kind, &x.Text, &x.Spoiler, &src); err != nil {
			rows.Close()
			return err
		}
		x.Sources = sourcesOf(src)
		f.Facts = append(f.Facts, x)
	}
	rows.Close()
	return rows.Err()
}

// PersonCredit is one credit of a person, with the film it is on.
type PersonCredit struct {
	FilmID    int64
	FilmTitle string
	FilmYear  int
	Kind      string // "cast" or "crew"
	Job       string
	Character string
	Billing   int
}

// Person is a person with every credit the knowledge base has for them.
type Person struct {
	ID      int64
	Name    string
	Credits []PersonCredit
}

// PersonRef is a person's id and name, for the name search index.
type PersonRef struct {
	ID   int64
	Name string
}

// PersonRefs lists every person.
func (s *Store) PersonRefs(ctx context.Context) ([]PersonRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, name FROM people ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list people: %w", err)
	}
	defer rows.Close()
	var out []PersonRef
	for rows.Next() {
		var p PersonRef
		if err := rows.Scan(&p.ID, &p.Name); err != nil {
			return nil, fmt.Errorf("list people: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// Person reads a person and their credits, films in year order.
func (s *Store) Person(ctx context.Context, id int64) (*Person, error) {
	p := &Person{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT name FROM people WHERE id = ?`, id).Scan(&p.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &Error{Code: ENOTFOUND, Message: fmt.Sprintf("no person with id %d", id)}
	}
	if err != nil {
		return nil, fmt.Errorf("read person %d: %w", id, err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT f.id, f.title, f.year, c.kind, c.job, c.character, c.billing
		FROM credits c JOIN films f ON f.id = c.film_id WHERE c.person_id = ? AND f.hidden = 0 ORDER BY f.year, f.title, c.kind, c.billing`, id)
	if err != nil {
		return nil, fmt.Errorf("read credits of person %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var c PersonCredit
		if err := rows.Scan(&c.FilmID, &c.FilmTitle, &c.FilmYear, &c.Kind, &c.Job, &c.Character, &c.Billing); err != nil {
			return nil, fmt.Errorf("read credits of person %d: %w", id, err)
		}
		p.Credits = append(p.Credits, c)
	}
	return p, rows.Err()
}

// QuoteRef is a quote with the film it is from, for the quote search index.
type QuoteRef struct {
	ID        int64
	FilmID    int64
	Character string
	Text      string
}

// QuoteRefs lists every quote.
func (s *Store) QuoteRefs(ctx context.Context) ([]QuoteRef, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, film_id, character, text FROM quotes ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list quotes: %w", err)
	}
	defer rows.Close()
	var out []QuoteRef
	for rows.Next() {
		var q QuoteRef
		if err := rows.Scan(&q.ID, &q.FilmID, &q.Character, &q.Text); err != nil {
			return nil, fmt.Errorf("list quotes: %w", err)
		}
		out = append(out, q)
	}
	return out, rows.Err()
}
