package knowledge

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

// BuildStats describes a published knowledge base.
type BuildStats struct {
	Films     int // films people can find (pages and catalogue)
	PageFilms int // films made from pages
	Linked    int // page films that are also catalogue films
	Documents int
}

// Deriver computes data derived from a knowledge base being built (the
// search indexes), returned as named blobs to store in it. It reads the new
// knowledge base through s.
type Deriver func(ctx context.Context, s *Store) (map[string][]byte, error)

// Build publishes at path a knowledge base holding docs merged into films,
// with derive's blobs (derive may be nil). If the knowledge base already at
// path has an imported catalogue, the new one keeps it, and page films that
// are catalogue films are merged with them. See publish for how the file is
// replaced.
func Build(ctx context.Context, path string, docs []*Document, derive Deriver) (*BuildStats, error) {
	seed := ""
	if hasCatalogue(ctx, path) {
		seed = path
	}
	var stats *BuildStats
	err := publish(ctx, path, seed, func(db *sql.DB) error {
		var err error
		if stats, err = writePages(ctx, db, docs, seed != ""); err != nil {
			return err
		}
		return writeDerived(ctx, db, derive)
	})
	return stats, err
}

// BuildCatalogue publishes at path a new knowledge base whose catalogue fill
// writes (in one transaction), with docs merged in on top and derive's
// blobs.
func BuildCatalogue(ctx context.Context, path string, fill func(*CatalogueWriter) error, docs []*Document, derive Deriver) (*BuildStats, error) {
	var stats *BuildStats
	err := publish(ctx, path, "", func(db *sql.DB) error {
		if err := writeCatalogue(ctx, db, fill); err != nil {
			return err
		}
		var err error
		if stats, err = writePages(ctx, db, docs, true); err != nil {
			return err
		}
		return writeDerived(ctx, db, derive)
	})
	return stats, err
}

// blobChunk is the size of one stored piece of a blob.
const blobChunk = 1 << 20

// writeDerived replaces the blobs with what derive computes from db.
func writeDerived(ctx context.Context, db *sql.DB, derive Deriver) error {
	if _, err := db.ExecContext(ctx, `DELETE FROM blobs`); err != nil {
		return err
	}
	if derive == nil {
		return nil
	}
	blobs, err := derive(ctx, &Store{db: db, path: "(being built)"})
	if err != nil {
		return fmt.Errorf("derive search indexes: %w", err)
	}
	names := make([]string, 0, len(blobs))
	for n := range blobs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b := blobs[n]
		for seq := 0; len(b) > 0 || seq == 0; seq++ {
			chunk := b[:min(len(b), blobChunk)]
			b = b[len(chunk):]
			if _, err := db.ExecContext(ctx, `INSERT INTO blobs(name, seq, data) VALUES (?, ?, ?)`, n, seq, chunk); err != nil {
				return fmt.Errorf("store %s: %w", n, err)
			}
		}
	}
	return nil
}

// hasCatalogue reports whether the knowledge base at path holds an imported
// catalogue.
func hasCatalogue(ctx context.Context, path string) bool {
	st, err := Open(ctx, path)
	if err != nil {
		return false
	}
	defer st.Close()
	return st.Meta(ctx, "catalogue") != ""
}

// publish writes a knowledge base and replaces path with it atomically: it
// builds a temporary file in the same directory (starting from a copy of
// seed, when given), checks it, flushes it to disk and renames it over
// path. A reader of path sees the old file or the new one, never a half
// build; a crash part-way leaves the old file as it was (and at worst a stray
// temporary file beside it). Published files are never modified in place,
// which is what lets readers open them immutable and lets seed be copied
// byte for byte while others read it.
func publish(ctx context.Context, path, seed string, write func(*sql.DB) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create directory for %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".build-*")
	if err != nil {
		return fmt.Errorf("create a temporary file beside %s: %w", path, err)
	}
	tmpPath := tmp.Name()
	defer func() {
		if err != nil {
			os.Remove(tmpPath)
			os.Remove(tmpPath + "-journal")
		}
	}()
	if seed != "" {
		if err := copyInto(tmp, seed); err != nil {
			tmp.Close()
			return fmt.Errorf("copy %s: %w", seed, err)
		}
	}
	tmp.Close()

	// The file is private to this build until the rename, so it needs no
	// rollback journal: a failure throws the whole file away. Foreign keys
	// are checked once at the end: a catalogue is written in file order,
	// credits before the people they name.
	db, err := sql.Open("sqlite3", fileURI(tmpPath, "_journal_mode=OFF&_synchronous=OFF&_foreign_keys=off&_cache_size=-65536"))
	if err != nil {
		return fmt.Errorf("open %s: %w", tmpPath, err)
	}
	db.SetMaxOpenConns(1)
	if err := write(db); err != nil {
		db.Close()
		return err
	}
	if err := verify(ctx, db); err != nil {
		db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmpPath, err)
	}
	if err := syncFile(tmpPath); err != nil {
		return err
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return fmt.Errorf("publish %s: %w", path, err)
	}
	// Make the rename itself durable. Directories cannot be synced on
	// every system; the rename has happened either way.
	_ = syncFile(dir)
	return nil
}

func copyInto(dst *os.File, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	_, err = io.Copy(dst, in)
	return err
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return nil
}

// verify runs SQLite's own consistency checks on a freshly written file.
func verify(ctx context.Context, db *sql.DB) error {
	var res string
	if err := db.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&res); err != nil {
		return fmt.Errorf("check the new knowledge base: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("the new knowledge base failed its integrity check: %s", res)
	}
	rows, err := db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("check the new knowledge base: %w", err)
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fk int
		_ = rows.Scan(&table, &rowid, &parent, &fk)
		return fmt.Errorf("the new knowledge base has a dangling reference from %s to %s", table, parent)
	}
	return rows.Err()
}

func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "[]"
	}
	return string(b)
}

// filmDoc is what films.doc holds: the film without the records that have
// tables of their own (and without its titles, which the titles table
// holds).
func filmDoc(f *Film) string {
	c := *f
	c.ID = 0
	c.AltTitles = nil
	c.Cast, c.Crew, c.Awards, c.Quotes, c.Reviews, c.Plot, c.Facts = nil, nil, nil, nil, nil, nil, nil
	return jsonText(&c)
}

// popularity is the number used to rank namesakes: the largest vote count
// a source gives, else the number of reviews on record.
func popularity(f *Film) int {
	best := 0
	for _, s := range f.Scores {
		if s.CountKind == "votes" && s.Count > best {
			best = s.Count
		}
	}
	if best == 0 {
		best = len(f.Reviews)
	}
	return best
}

func createSchema(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	_, err := db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('format', ?), ('schema_version', ?)`, Format, strconv.Itoa(SchemaVersion))
	return err
}

// clearPages removes everything pages contributed to a copied knowledge
// base, leaving its catalogue as the import wrote it.
const clearPages = `
DELETE FROM credits WHERE film_id IN (SELECT id FROM films WHERE origin = 'pages');
DELETE FROM awards;
DELETE FROM quotes;
DELETE FROM reviews;
DELETE FROM plot;
DELETE FROM facts;
DELETE FROM titles WHERE film_id IN (SELECT id FROM films WHERE origin = 'pages');
DELETE FROM documents;
DELETE FROM films WHERE origin = 'pages';
DELETE FROM people WHERE origin = 'pages';
UPDATE films SET hidden = 0 WHERE hidden = 1;`

// writePages merges docs into films and writes them, with the documents.
// With a catalogue, a page film that is a catalogue film (same title, same
// year) is merged with the catalogue's record of it, and the catalogue row
// is hidden behind the merged one.
func writePages(ctx context.Context, db *sql.DB, docs []*Document, catalogue bool) (*BuildStats, error) {
	if catalogue {
		var n int
		_ = db.QueryRowContext(ctx, `SELECT count(*) FROM meta`).Scan(&n)
		if n == 0 {
			return nil, fmt.Errorf("the catalogue knowledge base has no schema")
		}
		if _, err := db.ExecContext(ctx, clearPages); err != nil {
			return nil, fmt.Errorf("clear old pages: %w", err)
		}
	} else {
		if err := createSchema(ctx, db); err != nil {
			return nil, err
		}
		if _, err := db.ExecContext(ctx, indexes); err != nil {
			return nil, fmt.Errorf("create indexes: %w", err)
		}
	}
	films, err := Merge(docs)
	if err != nil {
		return nil, err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()

	w := &pageWriter{ctx: ctx, tx: tx, people: map[string]int64{}}
	stats := &BuildStats{PageFilms: len(films), Documents: len(docs)}
	filmOf := map[string]int64{} // document name -> film id
	byName := map[string]*Document{}
	for _, d := range docs {
		byName[d.Name] = d
	}
	for _, f := range films {
		var link int64
		if catalogue {
			if link, err = w.findCatalogueFilm(f); err != nil {
				return nil, err
			}
		}
		if link != 0 {
			// Merge again with the catalogue's record as one more page.
			pseudo, err := catalogueDocument(ctx, tx, link)
			if err != nil {
				return nil, err
			}
			group := []*Document{pseudo}
			for _, s := range f.Sources {
				group = append(group, byName[s])
			}
			sortByPriority(group)
			f = mergeFilm(group)
			if _, err := tx.ExecContext(ctx, `UPDATE films SET hidden = 1 WHERE id = ?`, link); err != nil {
				return nil, err
			}
			if w.catalogueCast, err = catalogueCredits(ctx, tx, link); err != nil {
				return nil, err
			}
			stats.Linked++
		} else {
			w.catalogueCast = nil
		}
		id, err := w.film(f, link)
		if err != nil {
			return nil, fmt.Errorf("film %q: %w", f.Title, err)
		}
		for _, s := range f.Sources {
			filmOf[s] = id
		}
	}
	for _, d := range docs {
		var film any
		if id, ok := filmOf[d.Name]; ok {
			film = id
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents(name, kind, sha256, bytes, text, film_id) VALUES (?, ?, ?, ?, ?, ?)`,
			d.Name, string(d.Page.Kind), d.SHA256, len(d.Text), d.Text, film); err != nil {
			return nil, fmt.Errorf("document %s: %w", d.Name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO meta(key, value) VALUES ('built_at', ?)`, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	_ = db.QueryRowContext(ctx, `SELECT count(*) FROM films WHERE hidden = 0`).Scan(&stats.Films)
	return stats, nil
}

// pageWriter inserts merged page films.
type pageWriter struct {
	ctx    context.Context
	tx     *sql.Tx
	people map[string]int64 // personKey -> id, for people pages introduce
	// catalogueCast maps personKey to catalogue person id for the
	// catalogue film the current page film is linked to, so a page's
	// "Nicolas Cage" is the catalogue's nm0000115 and not a namesake.
	catalogueCast map[string]int64
}

// findCatalogueFilm returns the catalogue film with f's title (or one of
// its alternative titles) and year, the most popular if several, or 0.
func (w *pageWriter) findCatalogueFilm(f *Film) (int64, error) {
	var id int64
	err := w.tx.QueryRowContext(w.ctx, `SELECT f.id FROM titles t JOIN films f ON f.id = t.film_id
		WHERE t.folded = ? AND f.origin = 'imdb' AND (f.year = ? OR ? = 0 OR f.year = 0)
		ORDER BY f.popularity DESC LIMIT 1`, Fold(f.Title), f.Year, f.Year).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, err
}

// personID finds or creates the person called name: a catalogue person
// credited on the linked catalogue film, else the one catalogue person of
// that name, else a person only pages know.
func (w *pageWriter) personID(name string) (int64, error) {
	k := personKey(name)
	if id, ok := w.catalogueCast[k]; ok {
		return id, nil
	}
	if id, ok := w.people[k]; ok {
		return id, nil
	}
	rows, err := w.tx.QueryContext(w.ctx, `SELECT id FROM people WHERE folded = ? AND origin = 'imdb' LIMIT 2`, Fold(name))
	if err != nil {
		return 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) == 1 {
		w.people[k] = ids[0]
		return ids[0], nil
	}
	res, err := w.tx.ExecContext(w.ctx, `INSERT INTO people(name, folded, origin) VALUES (?, ?, 'pages')`, name, Fold(name))
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	w.people[k] = id
	return id, err
}

func (w *pageWriter) film(f *Film, link int64) (int64, error) {
	ctx, tx := w.ctx, w.tx
	var imdb any
	if link != 0 {
		imdb = link
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO films(origin, imdb_id, title, year, runtime_minutes, rating, popularity, doc) VALUES ('pages', ?, ?, ?, ?, ?, ?, ?)`,
		imdb, f.Title, f.Year, f.RuntimeMinutes, f.Rating, popularity(f), filmDoc(f))
	if err != nil {
		return 0, err
	}
	id, _ := res.LastInsertId()
	if _, err := tx.ExecContext(ctx, `INSERT INTO titles(film_id, title, folded, kind) VALUES (?, ?, ?, 'primary')`, id, f.Title, Fold(f.Title)); err != nil {
		return 0, err
	}
	seen := map[string]bool{Fold(f.Title): true}
	for _, t := range f.AltTitles {
		if seen[Fold(t)] {
			continue
		}
		seen[Fold(t)] = true
		if _, err := tx.ExecContext(ctx, `INSERT INTO titles(film_id, title, folded, kind) VALUES (?, ?, ?, 'alternative')`, id, t, Fold(t)); err != nil {
			return 0, err
		}
	}
	for _, c := range f.Cast {
		pid, err := w.personID(c.Actor)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO credits(film_id, person_id, kind, character, billing, credited_as, variants, description, sources) VALUES (?, ?, 'cast', ?, ?, ?, ?, ?, ?)`,
			id, pid, c.Character, c.Billing, c.CreditedAs, jsonText(nonNilStrings(c.Variants)), c.Description, jsonText(c.Sources)); err != nil {
			return 0, err
		}
	}
	for _, c := range f.Crew {
		pid, err := w.personID(c.Name)
		if err != nil {
			return 0, err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO credits(film_id, person_id, kind, job, sources) VALUES (?, ?, 'crew', ?, ?)`,
			id, pid, c.Job, jsonText(c.Sources)); err != nil {
			return 0, err
		}
	}
	for i, a := range f.Awards {
		if _, err := tx.ExecContext(ctx, `INSERT INTO awards(film_id, ord, body, category, recipient, result, year, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			id, i, a.Body, a.Category, a.Recipient, a.Result, a.Year, jsonText(a.Sources)); err != nil {
			return 0, err
		}
	}
	for _, q := range f.Quotes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO quotes(film_id, character, text, context, sources) VALUES (?, ?, ?, ?, ?)`,
			id, q.Character, q.Text, q.Context, jsonText(q.Sources)); err != nil {
			return 0, err
		}
	}
	for _, r := range f.Reviews {
		if _, err := tx.ExecContext(ctx, `INSERT INTO reviews(film_id, site, kind, author, publication, date, score, score_value, score_max, title, text, helpful, helpful_of, top_critic, spoiler, sources)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			id, r.Site, r.Kind, r.Author, r.Publication, r.Date, r.Score, r.ScoreValue, r.ScoreMax, r.Title, r.Text, r.Helpful, r.HelpfulOf, r.TopCritic, r.Spoiler, jsonText(r.Sources)); err != nil {
			return 0, err
		}
	}
	for i, p := range f.Plot {
		if _, err := tx.ExecContext(ctx, `INSERT INTO plot(film_id, ord, heading, text, spoiler, premise, sources) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			id, i, p.Heading, p.Text, p.Spoiler, p.Premise, jsonText(p.Sources)); err != nil {
			return 0, err
		}
	}
	for i, x := range f.Facts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO facts(film_id, ord, kind, text, spoiler, sources) VALUES (?, ?, ?, ?, ?, ?)`,
			id, i, x.Kind, x.Text, x.Spoiler, jsonText(x.Sources)); err != nil {
			return 0, err
		}
	}
	return id, nil
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
