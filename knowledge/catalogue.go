package knowledge

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// KindIMDbDataset marks records that came from an imported IMDb dataset
// catalogue rather than from a page.
const KindIMDbDataset Kind = "imdb-dataset"

// CatalogueSource is the source name of a catalogue film's records:
// "imdb:tt0113627".
func CatalogueSource(id int64) string {
	s := strconv.FormatInt(id, 10)
	for len(s) < 7 {
		s = "0" + s
	}
	return "imdb:tt" + s
}

// CatalogueFilm is one film of an imported catalogue.
type CatalogueFilm struct {
	ID             int64 // the numeric part of the tconst
	Type           string
	Title          string
	OriginalTitle  string
	Year           int
	RuntimeMinutes int
	Genres         []string
	Rating         float64 // IMDb user rating, 0 when unrated
	Votes          int
}

// CatalogueWriter writes an imported catalogue into a knowledge base being
// built. Rows go in through prepared statements inside one transaction.
type CatalogueWriter struct {
	ctx                                 context.Context
	tx                                  *sql.Tx
	film, title, person, credit, exists *sql.Stmt
	// Counts of rows written.
	Films, Titles, People, Credits int
}

func writeCatalogue(ctx context.Context, db *sql.DB, fill func(*CatalogueWriter) error) error {
	if err := createSchema(ctx, db); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := &CatalogueWriter{ctx: ctx, tx: tx}
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var s *sql.Stmt
		s, err = tx.PrepareContext(ctx, q)
		return s
	}
	w.film = prep(`INSERT INTO films(id, origin, imdb_id, title, year, runtime_minutes, popularity, doc) VALUES (?, 'imdb', ?, ?, ?, ?, ?, ?)`)
	w.title = prep(`INSERT INTO titles(film_id, title, folded, kind) VALUES (?, ?, ?, ?)`)
	w.person = prep(`INSERT OR IGNORE INTO people(id, name, folded, origin) VALUES (?, ?, ?, 'imdb')`)
	w.credit = prep(`INSERT INTO credits(film_id, person_id, kind, job, character, billing, sources) VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("prepare catalogue statements: %w", err)
	}
	if err := fill(w); err != nil {
		return err
	}
	// The dataset lists some credits whose person it does not describe:
	// drop them rather than keep a nameless person.
	if _, err := tx.ExecContext(ctx, `DELETE FROM credits WHERE person_id NOT IN (SELECT id FROM people)`); err != nil {
		return fmt.Errorf("drop credits of unknown people: %w", err)
	}
	if _, err := tx.ExecContext(ctx, indexes); err != nil {
		return fmt.Errorf("create indexes: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('catalogue', ?)`,
		fmt.Sprintf("imdb: %d films, %d titles, %d people, %d credits", w.Films, w.Titles, w.People, w.Credits)); err != nil {
		return err
	}
	return tx.Commit()
}

// Film writes one catalogue film with its primary and original titles.
func (w *CatalogueWriter) Film(f *CatalogueFilm) error {
	src := []string{CatalogueSource(f.ID)}
	doc := &Film{
		Title: f.Title, Year: f.Year, RuntimeMinutes: f.RuntimeMinutes, Genres: f.Genres,
		Sources:   src,
		Documents: []DocumentRef{{Name: src[0], Kind: KindIMDbDataset}},
	}
	if f.Votes > 0 {
		doc.Scores = []Score{{Site: "IMDb", Kind: "user", Value: f.Rating, Max: 10,
			Text: strconv.FormatFloat(f.Rating, 'f', 1, 64) + "/10", Count: f.Votes, CountKind: "votes", Sources: src}}
	}
	if f.Type != "" && f.Type != "movie" {
		doc.Attributes = []Attribute{{Field: "title_type", Value: f.Type, Sources: src}}
	}
	if _, err := w.film.ExecContext(w.ctx, f.ID, f.ID, f.Title, f.Year, f.RuntimeMinutes, f.Votes, jsonText(doc)); err != nil {
		return fmt.Errorf("film tt%d: %w", f.ID, err)
	}
	w.Films++
	if err := w.addTitle(f.ID, f.Title, "primary"); err != nil {
		return err
	}
	if f.OriginalTitle != "" && Fold(f.OriginalTitle) != Fold(f.Title) {
		return w.addTitle(f.ID, f.OriginalTitle, "alternative")
	}
	return nil
}

// AltTitle writes another title of a catalogue film. The caller skips
// titles that fold to one already written for the film.
func (w *CatalogueWriter) AltTitle(filmID int64, title string) error {
	return w.addTitle(filmID, title, "alternative")
}

func (w *CatalogueWriter) addTitle(filmID int64, title, kind string) error {
	if _, err := w.title.ExecContext(w.ctx, filmID, title, Fold(title), kind); err != nil {
		return fmt.Errorf("title of tt%d: %w", filmID, err)
	}
	w.Titles++
	return nil
}

// Person writes one person (id: the numeric part of the nconst).
func (w *CatalogueWriter) Person(id int64, name string) error {
	if _, err := w.person.ExecContext(w.ctx, id, name, Fold(name)); err != nil {
		return fmt.Errorf("person nm%d: %w", id, err)
	}
	w.People++
	return nil
}

// Credit writes one credit: kind "cast" (with character and billing) or
// "crew" (with job).
func (w *CatalogueWriter) Credit(filmID, personID int64, kind, job, character string, billing int) error {
	// A catalogue credit's source is its film's catalogue record; the
	// reader fills it in rather than every row repeating it.
	if _, err := w.credit.ExecContext(w.ctx, filmID, personID, kind, job, character, billing, "[]"); err != nil {
		return fmt.Errorf("credit of tt%d: %w", filmID, err)
	}
	w.Credits++
	return nil
}

// catalogueDocument turns a catalogue film into a page of kind
// KindIMDbDataset, so that it merges with page films like any other page.
func catalogueDocument(ctx context.Context, q querier, id int64) (*Document, error) {
	f, err := readFilm(ctx, q, id)
	if err != nil {
		return nil, err
	}
	src := CatalogueSource(id)
	p := &Page{
		Kind: KindIMDbDataset, Title: f.Title, Year: f.Year, RuntimeMinutes: f.RuntimeMinutes,
		Genres: f.Genres, AltTitles: f.AltTitles, Scores: f.Scores, Cast: f.Cast, Crew: f.Crew,
		Attributes: f.Attributes,
	}
	for i := range p.Scores {
		p.Scores[i].Sources = nil
	}
	return &Document{Name: src, SHA256: src, Text: f.Title, Page: p}, nil
}

// catalogueCredits maps personKey to person id for a catalogue film's
// credits.
func catalogueCredits(ctx context.Context, q querier, filmID int64) (map[string]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.name FROM credits c JOIN people p ON p.id = c.person_id WHERE c.film_id = ?`, filmID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[personKey(name)] = id
	}
	return out, rows.Err()
}
