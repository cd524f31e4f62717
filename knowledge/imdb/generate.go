package imdb

import (
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"
)

// GenOptions says what Generate writes.
type GenOptions struct {
	// Titles is the number of synthetic titles; planted titles come on top.
	Titles int
	// Seed selects the data: the same seed and options give byte-identical
	// files.
	Seed int64
	// Gzip writes title.basics.tsv.gz and so on, as IMDb publishes them;
	// otherwise the files are plain title.basics.tsv and so on. Commands
	// should default it to true.
	Gzip bool
	// Planted are real titles to place among the synthetic ones, such as
	// DefaultPlanted(). Nil plants none.
	Planted []PlantedTitle
}

// GenStats reports what Generate wrote.
type GenStats struct {
	// Rows written per file, headers not counted.
	Titles, Akas, Principals, Names, Ratings, Crew int
	// Files are the paths written, in the order of Kinds.
	Files []string
	// Bytes is the total size of the files.
	Bytes int64
	// PlantedIDs are the title IDs given to GenOptions.Planted, in order.
	PlantedIDs []uint32
}

// Generate writes the six dataset files into dir, in exactly IMDb's format,
// from a deterministic pseudo-random generator: a realistic mix of title
// types (about 60% movies and TV movies, the rest series, episodes, shorts,
// videos and games an importer must skip), years 1900 to 2025, titles built
// from small word lists so that words and whole titles repeat, a few with
// accents and punctuation, original titles and localized akas, about three
// principals per title, people with professions and known-for titles,
// ratings for most titles with heavy-tailed vote counts, and `\N` where IMDb
// has nulls. Each file is written to a temporary name and renamed when
// complete; the six files are written in parallel.
//
// Every row of every file is a function of the options and the row's index
// alone, which is what lets the files be written concurrently and stay
// consistent with each other (principals, crew and knownForTitles agree).
// Planted titles are spread evenly among the synthetic ones.
func Generate(dir string, opt GenOptions) (GenStats, error) {
	var st GenStats
	if opt.Titles < 0 {
		return st, fmt.Errorf("generate: negative title count %d", opt.Titles)
	}
	for i := range opt.Planted {
		if err := checkPlanted(&opt.Planted[i]); err != nil {
			return st, fmt.Errorf("generate: planted title %d: %w", i, err)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, fmt.Errorf("generate: %w", err)
	}
	g := newGen(opt)
	for _, i := range g.plantedAt {
		st.PlantedIDs = append(st.PlantedIDs, g.titleID(i))
	}

	writers := [...]func(*tsvWriter) error{
		KindBasics:     g.writeBasics,
		KindAkas:       g.writeAkas,
		KindPrincipals: g.writePrincipals,
		KindNames:      g.writeNames,
		KindRatings:    g.writeRatings,
		KindCrew:       g.writeCrew,
	}
	var (
		wg   sync.WaitGroup
		errs = make([]error, len(Kinds))
		outs = make([]*tsvWriter, len(Kinds))
	)
	for _, k := range Kinds {
		name := k.FileName()
		if !opt.Gzip {
			name = strings.TrimSuffix(name, ".gz")
		}
		path := filepath.Join(dir, name)
		st.Files = append(st.Files, path)
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &tsvWriter{}
			outs[k] = w
			errs[k] = w.write(path, k, opt.Gzip, writers[k])
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return st, fmt.Errorf("generate: %w", err)
	}
	st.Titles, st.Akas, st.Principals = outs[KindBasics].rows, outs[KindAkas].rows, outs[KindPrincipals].rows
	st.Names, st.Ratings, st.Crew = outs[KindNames].rows, outs[KindRatings].rows, outs[KindCrew].rows
	for _, w := range outs {
		st.Bytes += w.size
	}
	return st, nil
}

func checkPlanted(p *PlantedTitle) error {
	texts := []string{p.Title, p.OriginalTitle}
	for _, a := range p.Akas {
		texts = append(texts, a.Title, a.Region, a.Language)
	}
	texts = append(texts, p.Genres...)
	for _, s := range texts {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\t\n\r") || s == `\N` {
			return fmt.Errorf("%q cannot be written to a TSV field", s)
		}
	}
	for _, s := range p.Genres {
		if s == "" || strings.Contains(s, ",") {
			return fmt.Errorf("bad genre %q", s)
		}
	}
	for _, a := range p.Akas {
		if a.Title == "" {
			return errors.New("aka without a title")
		}
	}
	switch {
	case p.Title == "":
		return errors.New("no title")
	case p.Year < 0 || p.Year > math.MaxUint16:
		return fmt.Errorf("%s: bad year %d", p.Title, p.Year)
	case p.RuntimeMinutes < 0:
		return fmt.Errorf("%s: bad runtime %d", p.Title, p.RuntimeMinutes)
	case p.Votes < 0 || p.Votes > math.MaxUint32:
		return fmt.Errorf("%s: bad vote count %d", p.Title, p.Votes)
	case p.Votes > 0 && (p.Rating < 1 || p.Rating > 10):
		return fmt.Errorf("%s: rating %v outside 1 to 10", p.Title, p.Rating)
	case len(p.Akas) > 1000:
		return fmt.Errorf("%s: too many akas", p.Title)
	}
	return nil
}

// tsvWriter writes one file through a buffer and, optionally, gzip.
type tsvWriter struct {
	buf  []byte
	w    io.Writer
	rows int
	size int64
	err  error
}

const flushAt = 256 << 10

func (w *tsvWriter) write(path string, k Kind, gz bool, body func(*tsvWriter) error) (err error) {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	w.w = f
	var zw *gzip.Writer
	if gz {
		// BestSpeed: a generated million titles is written several times
		// faster than at the default level, for files about 30% larger.
		zw, _ = gzip.NewWriterLevel(f, gzip.BestSpeed)
		w.w = zw
	}
	w.buf = appendHeader(make([]byte, 0, flushAt+64<<10), k)
	if err := body(w); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	w.flush()
	if w.err != nil {
		return fmt.Errorf("%s: %w", path, w.err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	w.size = fi.Size()
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// row counts a row just appended to buf and flushes a full buffer.
func (w *tsvWriter) row() error {
	w.rows++
	if len(w.buf) >= flushAt {
		w.flush()
	}
	return w.err
}

func (w *tsvWriter) flush() {
	if w.err == nil && len(w.buf) > 0 {
		_, w.err = w.w.Write(w.buf)
	}
	w.buf = w.buf[:0]
}
