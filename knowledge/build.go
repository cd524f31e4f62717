package knowledge

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Build writes a new knowledge base holding docs and the films merged from
// them, and publishes it at path atomically: it writes a temporary file in
// the same directory, checks it, flushes it to disk and renames it over
// path. A reader of path sees the old file or the new one, never a half
// build; a crash part-way leaves the old file as it was (and at worst a
// stray temporary file beside it).
//
// Each document must have been merged into films already: doc.Page is
// required, and films must come from Merge(docs).
func Build(ctx context.Context, path string, docs []*Document, films []*Film) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create directory for %s: %w", path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".build-*")
	if err != nil {
		return fmt.Errorf("create a temporary file beside %s: %w", path, err)
	}
	tmpPath := tmp.Name()
	tmp.Close()
	defer func() {
		if err != nil {
			os.Remove(tmpPath)
			os.Remove(tmpPath + "-journal")
		}
	}()

	// The file is private to this build until the rename, so it needs no
	// rollback journal: a failure throws the whole file away.
	db, err := sql.Open("sqlite3", fileURI(tmpPath, "_journal_mode=OFF&_synchronous=OFF&_foreign_keys=on"))
	if err != nil {
		return fmt.Errorf("open %s: %w", tmpPath, err)
	}
	db.SetMaxOpenConns(1)
	if err := write(ctx, db, docs, films); err != nil {
		db.Close()
		return fmt.Errorf("write knowledge base: %w", err)
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
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
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
		return fmt.Errorf("the new knowledge base has dangling references")
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
// tables of their own.
func filmDoc(f *Film) string {
	c := *f
	c.ID = 0
	c.Cast, c.Crew, c.Awards, c.Quotes, c.Reviews, c.Plot, c.Facts = nil, nil, nil, nil, nil, nil, nil
	return jsonText(&c)
}

// popularity is the number used to rank namesakes: IMDb's vote count where
// a page gives it, else the number of reviews on record.
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

func write(ctx context.Context, db *sql.DB, docs []*Document, films []*Film) error {
	if _, err := db.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()

	meta := map[string]string{
		"format":         Format,
		"schema_version": strconv.Itoa(SchemaVersion),
		"built_at":       time.Now().UTC().Format(time.RFC3339),
	}
	for k, v := range meta {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES (?, ?)`, k, v); err != nil {
			return err
		}
	}

	filmOf := map[string]int64{} // document name -> film id
	people := map[string]int64{} // personKey -> person id
	personID := func(name string) (int64, error) {
		k := personKey(name)
		if id, ok := people[k]; ok {
			return id, nil
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO people(name, folded) VALUES (?, ?)`, name, Fold(name))
		if err != nil {
			return 0, err
		}
		id, err := res.LastInsertId()
		people[k] = id
		return id, err
	}

	for _, f := range films {
		res, err := tx.ExecContext(ctx, `INSERT INTO films(title, year, runtime_minutes, rating, popularity, doc) VALUES (?, ?, ?, ?, ?, ?)`,
			f.Title, f.Year, f.RuntimeMinutes, f.Rating, popularity(f), filmDoc(f))
		if err != nil {
			return fmt.Errorf("film %q: %w", f.Title, err)
		}
		id, _ := res.LastInsertId()
		for _, s := range f.Sources {
			filmOf[s] = id
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO titles(film_id, title, folded, kind) VALUES (?, ?, ?, 'primary')`, id, f.Title, Fold(f.Title)); err != nil {
			return err
		}
		for _, t := range f.AltTitles {
			if Fold(t) == Fold(f.Title) {
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO titles(film_id, title, folded, kind) VALUES (?, ?, ?, 'alternative')`, id, t, Fold(t)); err != nil {
				return err
			}
		}
		for _, c := range f.Cast {
			pid, err := personID(c.Actor)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO credits(film_id, person_id, kind, character, billing, credited_as, variants, description, sources) VALUES (?, ?, 'cast', ?, ?, ?, ?, ?, ?)`,
				id, pid, c.Character, c.Billing, c.CreditedAs, jsonText(nonNilStrings(c.Variants)), c.Description, jsonText(c.Sources)); err != nil {
				return err
			}
		}
		for _, c := range f.Crew {
			pid, err := personID(c.Name)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO credits(film_id, person_id, kind, job, sources) VALUES (?, ?, 'crew', ?, ?)`,
				id, pid, c.Job, jsonText(c.Sources)); err != nil {
				return err
			}
		}
		for i, a := range f.Awards {
			if _, err := tx.ExecContext(ctx, `INSERT INTO awards(film_id, ord, body, category, recipient, result, year, sources) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				id, i, a.Body, a.Category, a.Recipient, a.Result, a.Year, jsonText(a.Sources)); err != nil {
				return err
			}
		}
		for _, q := range f.Quotes {
			if _, err := tx.ExecContext(ctx, `INSERT INTO quotes(film_id, character, text, context, sources) VALUES (?, ?, ?, ?, ?)`,
				id, q.Character, q.Text, q.Context, jsonText(q.Sources)); err != nil {
				return err
			}
		}
		for _, r := range f.Reviews {
			if _, err := tx.ExecContext(ctx, `INSERT INTO reviews(film_id, site, kind, author, publication, date, score, score_value, score_max, title, text, helpful, helpful_of, top_critic, spoiler, sources)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, r.Site, r.Kind, r.Author, r.Publication, r.Date, r.Score, r.ScoreValue, r.ScoreMax, r.Title, r.Text, r.Helpful, r.HelpfulOf, r.TopCritic, r.Spoiler, jsonText(r.Sources)); err != nil {
				return err
			}
		}
		for i, p := range f.Plot {
			if _, err := tx.ExecContext(ctx, `INSERT INTO plot(film_id, ord, heading, text, spoiler, premise, sources) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				id, i, p.Heading, p.Text, p.Spoiler, p.Premise, jsonText(p.Sources)); err != nil {
				return err
			}
		}
		for i, x := range f.Facts {
			if _, err := tx.ExecContext(ctx, `INSERT INTO facts(film_id, ord, kind, text, spoiler, sources) VALUES (?, ?, ?, ?, ?, ?)`,
				id, i, x.Kind, x.Text, x.Spoiler, jsonText(x.Sources)); err != nil {
				return err
			}
		}
	}
	for _, d := range docs {
		var film any
		if id, ok := filmOf[d.Name]; ok {
			film = id
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents(name, kind, sha256, bytes, text, film_id) VALUES (?, ?, ?, ?, ?, ?)`,
			d.Name, string(d.Page.Kind), d.SHA256, len(d.Text), d.Text, film); err != nil {
			return fmt.Errorf("document %s: %w", d.Name, err)
		}
	}
	return tx.Commit()
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
