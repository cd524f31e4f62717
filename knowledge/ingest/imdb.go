package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"moviebot/knowledge"
	"moviebot/knowledge/imdb"
	"moviebot/knowledge/search"
)

// FileReport is what an import read from one dataset file.
type FileReport struct {
	Kind  imdb.Kind
	Path  string
	Stats imdb.Stats
	// Kept counts the rows that went into the knowledge base (films and
	// TV films; their titles, credits and people).
	Kept int
}

// ImportReport is the outcome of an IMDb dataset import.
type ImportReport struct {
	Files                          []FileReport
	Films, Titles, People, Credits int
	Build                          *knowledge.BuildStats
	Took                           time.Duration
}

// keptTypes are the title types a movie bot answers about: films and TV
// films. Series, episodes, shorts, videos and games are skipped, and so are
// adult titles.
var keptTypes = map[string]bool{imdb.TypeMovie: true, imdb.TypeTVMovie: true}

// bitset marks numeric IMDb ids (kept titles, needed people) in one bit
// each: a few megabytes for the whole dataset, whatever the file sizes.
type bitset []uint64

func (b *bitset) set(i uint32) {
	for int(i>>6) >= len(*b) {
		*b = append(*b, make([]uint64, len(*b)+1024)...)
	}
	(*b)[i>>6] |= 1 << (i & 63)
}

func (b bitset) has(i uint32) bool {
	return int(i>>6) < len(b) && b[i>>6]&(1<<(i&63)) != 0
}

// ratingIndex holds title.ratings sorted by title id: 12 bytes a rated
// title, looked up by binary search.
type ratingIndex struct {
	ids   []uint32
	avg   []float32
	votes []uint32
}

func (r *ratingIndex) get(id uint32) (float32, uint32) {
	i := sort.Search(len(r.ids), func(i int) bool { return r.ids[i] >= id })
	if i < len(r.ids) && r.ids[i] == id {
		return r.avg[i], r.votes[i]
	}
	return 0, 0
}

// datasetFile finds a dataset file in dir, gzipped or plain.
func datasetFile(dir string, k imdb.Kind) string {
	for _, name := range []string{k.String() + ".tsv.gz", k.String() + ".tsv"} {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

// progress draws a progress bar for the file being read, on a terminal.
type progress struct {
	ctx   context.Context
	out   io.Writer // nil: no bar
	name  string
	size  int64
	read  atomic.Int64
	rows  atomic.Int64
	start time.Time
	last  time.Time
}

// countingReader counts the bytes read from a file, for the progress bar.
type countingReader struct {
	r io.Reader
	p *progress
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.p.read.Add(int64(n))
	return n, err
}

// row counts a row; every so often it redraws the bar and reports whether
// the import was cancelled, so an interrupt stops it within a moment.
func (p *progress) row() error {
	n := p.rows.Add(1)
	if n%20000 != 0 {
		return nil
	}
	if now := time.Now(); p.out != nil && now.Sub(p.last) >= 200*time.Millisecond {
		p.last = now
		p.draw(false)
	}
	return p.ctx.Err()
}

func (p *progress) draw(done bool) {
	if p.out == nil {
		return
	}
	el := time.Since(p.start)
	frac := 1.0
	if p.size > 0 && !done {
		frac = min(1, float64(p.read.Load())/float64(p.size))
	}
	rate := float64(p.rows.Load()) / max(el.Seconds(), 0.001)
	left := "done"
	if !done && frac > 0.01 {
		left = "about " + (time.Duration(float64(el) * (1 - frac) / frac)).Round(time.Second).String() + " left"
	}
	const width = 30
	bar := strings.Repeat("=", int(frac*width)) + strings.Repeat(" ", width-int(frac*width))
	fmt.Fprintf(p.out, "\r%-17s [%s] %3.0f%%  %7.0fk rows/s  %-20s", p.name, bar, frac*100, rate/1000, left)
	if done {
		fmt.Fprintln(p.out)
	}
}

// openDataset opens a dataset file, plain or gzipped, with its reads
// counted for the progress bar.
func openDataset(path string, p *progress) (io.Reader, func(), error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	if st, err := f.Stat(); err == nil {
		p.size = st.Size()
	}
	br := bufio.NewReaderSize(&countingReader{r: f, p: p}, 1<<20)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("%s: not a valid gzip file: %w", path, err)
		}
		return gz, func() { gz.Close(); f.Close() }, nil
	}
	return br, func() { f.Close() }, nil
}

// ImportIMDb imports the IMDb dataset files in dir into the knowledge base
// at path, keeping the pages it already holds and merging them with the
// catalogue (a film known from both is one film). Progress goes to
// progressOut when it is a terminal (nil for none). The new knowledge base
// is published atomically: a failed or interrupted import leaves the old
// one serving.
func ImportIMDb(ctx context.Context, path, dir string, progressOut io.Writer) (*ImportReport, error) {
	started := time.Now()
	files := map[imdb.Kind]string{}
	for _, k := range imdb.Kinds {
		files[k] = datasetFile(dir, k)
	}
	if files[imdb.KindBasics] == "" {
		return nil, knowledge.Errorf(knowledge.EINVALID, "%s: no %s.tsv.gz (or .tsv) in this directory: download the IMDb dataset files into it first", dir, imdb.KindBasics)
	}
	docs, _, err := existing(ctx, path)
	if err != nil {
		return nil, err
	}
	rep := &ImportReport{}
	// read streams one file through fn, with a progress bar and a report.
	read := func(k imdb.Kind, fn func(r io.Reader, p *progress) (imdb.Stats, int, error)) error {
		file := files[k]
		if file == "" {
			rep.Files = append(rep.Files, FileReport{Kind: k})
			return nil
		}
		p := &progress{ctx: ctx, out: progressOut, name: k.String(), start: time.Now()}
		r, done, err := openDataset(file, p)
		if err != nil {
			return knowledge.Errorf(knowledge.EINVALID, "%s: %v", file, err)
		}
		defer done()
		st, kept, err := fn(r, p)
		p.draw(true)
		rep.Files = append(rep.Files, FileReport{Kind: k, Path: file, Stats: st, Kept: kept})
		if err != nil {
			if errors.Is(err, imdb.ErrHeader) || errors.Is(err, imdb.ErrTooManyMalformed) {
				return knowledge.Errorf(knowledge.EINVALID, "%s: %v", file, err)
			}
			return fmt.Errorf("%s: %w", file, err)
		}
		return ctx.Err()
	}

	// Ratings first, so each film is written once with its votes.
	var ratings ratingIndex
	if err := read(imdb.KindRatings, func(r io.Reader, p *progress) (imdb.Stats, int, error) {
		st, err := imdb.ReadRatings(r, func(_ int, rt *imdb.Rating) error {
			if err := p.row(); err != nil {
				return err
			}
			if n := len(ratings.ids); n > 0 && rt.TitleID < ratings.ids[n-1] {
				return fmt.Errorf("title.ratings is not sorted by title id (tt%d after tt%d)", rt.TitleID, ratings.ids[n-1])
			}
			ratings.ids = append(ratings.ids, rt.TitleID)
			ratings.avg = append(ratings.avg, rt.Average)
			ratings.votes = append(ratings.votes, rt.NumVotes)
			return nil
		})
		return st, len(ratings.ids), err
	}); err != nil {
		return nil, err
	}

	fill := func(w *knowledge.CatalogueWriter) error {
		var films, people bitset
		cf := &knowledge.CatalogueFilm{}
		if err := read(imdb.KindBasics, func(r io.Reader, p *progress) (imdb.Stats, int, error) {
			kept := 0
			st, err := imdb.ReadBasics(r, func(_ int, b *imdb.Basics) error {
				if err := p.row(); err != nil {
					return err
				}
				if !keptTypes[b.Type] || b.IsAdult || b.PrimaryTitle == "" {
					return nil
				}
				avg, votes := ratings.get(b.ID)
				*cf = knowledge.CatalogueFilm{ID: int64(b.ID), Type: b.Type, Title: b.PrimaryTitle, OriginalTitle: b.OriginalTitle,
					Year: int(b.StartYear), RuntimeMinutes: int(b.RuntimeMinutes), Genres: append([]string(nil), b.Genres...),
					Rating: float64(avg), Votes: int(votes)}
				films.set(b.ID)
				kept++
				return w.Film(cf)
			})
			return st, kept, err
		}); err != nil {
			return err
		}
		if err := read(imdb.KindAkas, func(r io.Reader, p *progress) (imdb.Stats, int, error) {
			kept := 0
			var cur uint32
			seen := map[string]bool{}
			st, err := imdb.ReadAkas(r, func(_ int, a *imdb.Aka) error {
				if err := p.row(); err != nil {
					return err
				}
				if !films.has(a.TitleID) || a.Title == "" {
					return nil
				}
				if a.TitleID != cur {
					cur = a.TitleID
					clear(seen)
				}
				// Akas repeat a title per region; one copy is enough for
				// search.
				f := knowledge.Fold(a.Title)
				if seen[f] {
					return nil
				}
				seen[f] = true
				kept++
				return w.AltTitle(int64(a.TitleID), a.Title)
			})
			return st, kept, err
		}); err != nil {
			return err
		}
		if err := read(imdb.KindPrincipals, func(r io.Reader, p *progress) (imdb.Stats, int, error) {
			kept := 0
			st, err := imdb.ReadPrincipals(r, func(_ int, pr *imdb.Principal) error {
				if err := p.row(); err != nil {
					return err
				}
				if !films.has(pr.TitleID) {
					return nil
				}
				var kind, job, character string
				switch pr.Category {
				case "actor", "actress", "self":
					kind, character = "cast", strings.Join(pr.Characters, " / ")
				case "director", "writer":
					// title.crew lists every director and writer; taking
					// them from there alone avoids counting them twice.
					if files[imdb.KindCrew] != "" {
						return nil
					}
					kind, job = "crew", pr.Category
				default:
					kind, job = "crew", strings.ReplaceAll(pr.Category, "_", " ")
				}
				people.set(pr.NameID)
				kept++
				return w.Credit(int64(pr.TitleID), int64(pr.NameID), kind, job, character, int(pr.Ordering))
			})
			return st, kept, err
		}); err != nil {
			return err
		}
		if err := read(imdb.KindCrew, func(r io.Reader, p *progress) (imdb.Stats, int, error) {
			kept := 0
			st, err := imdb.ReadCrew(r, func(_ int, c *imdb.Crew) error {
				if err := p.row(); err != nil {
					return err
				}
				if !films.has(c.TitleID) {
					return nil
				}
				for _, job := range []struct {
					name string
					ids  []uint32
				}{{"director", c.Directors}, {"writer", c.Writers}} {
					for _, id := range job.ids {
						people.set(id)
						kept++
						if err := w.Credit(int64(c.TitleID), int64(id), "crew", job.name, "", 0); err != nil {
							return err
						}
					}
				}
				return nil
			})
			return st, kept, err
		}); err != nil {
			return err
		}
		return read(imdb.KindNames, func(r io.Reader, p *progress) (imdb.Stats, int, error) {
			kept := 0
			st, err := imdb.ReadNames(r, func(_ int, n *imdb.Name) error {
				if err := p.row(); err != nil {
					return err
				}
				if !people.has(n.ID) || n.PrimaryName == "" {
					return nil
				}
				kept++
				return w.Person(int64(n.ID), n.PrimaryName)
			})
			return st, kept, err
		})
	}
	var cw *knowledge.CatalogueWriter
	build, err := knowledge.BuildCatalogue(ctx, path, func(w *knowledge.CatalogueWriter) error {
		cw = w
		return fill(w)
	}, docs, search.Derive)
	if err != nil {
		return nil, err
	}
	rep.Films, rep.Titles, rep.People, rep.Credits = cw.Films, cw.Titles, cw.People, cw.Credits
	rep.Build = build
	rep.Took = time.Since(started)
	return rep, nil
}

// IsTerminal reports whether f is a terminal, where a progress bar makes
// sense.
func IsTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
