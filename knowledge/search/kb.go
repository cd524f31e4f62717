package search

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"moviebot/knowledge"
)

// Names of the blobs the indexes are stored under in a knowledge base.
const (
	BlobTitles = "search/titles"
	BlobPeople = "search/people"
	BlobQuotes = "search/quotes"
)

// Indexes are the search indexes of one knowledge base.
type Indexes struct {
	Titles *Index
	People *Index
	Quotes *Phrases
}

// Source is what building the indexes reads: a knowledge base, or anything
// that lists films, people and quotes the same way.
type Source interface {
	FilmRefs(ctx context.Context) ([]knowledge.FilmRef, error)
	PersonRefs(ctx context.Context) ([]knowledge.PersonRef, error)
	QuoteRefs(ctx context.Context) ([]knowledge.QuoteRef, error)
}

// Build computes the indexes from a knowledge base's records.
func Build(ctx context.Context, s Source) (*Indexes, error) {
	films, err := s.FilmRefs(ctx)
	if err != nil {
		return nil, err
	}
	fe := make([]Entry, len(films))
	for i, f := range films {
		fe[i] = Entry{ID: f.ID, Names: append([]string{f.Title}, f.AltTitles...), Year: f.Year, Popularity: f.Popularity}
	}
	films = nil
	people, err := s.PersonRefs(ctx)
	if err != nil {
		return nil, err
	}
	pe := make([]Entry, len(people))
	for i, p := range people {
		pe[i] = Entry{ID: p.ID, Names: []string{p.Name}}
	}
	quotes, err := s.QuoteRefs(ctx)
	if err != nil {
		return nil, err
	}
	ph := make([]Phrase, len(quotes))
	for i, q := range quotes {
		ph[i] = Phrase{ID: q.ID, Group: q.FilmID, Text: q.Text}
	}
	return &Indexes{Titles: New(fe), People: New(pe), Quotes: NewPhrases(ph)}, nil
}

// Derive builds the indexes of a knowledge base being built and returns
// them saved, for knowledge.Build to store: a server then loads them
// instead of building them at start-up.
func Derive(ctx context.Context, s *knowledge.Store) (map[string][]byte, error) {
	x, err := Build(ctx, s)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, w := range map[string]io.WriterTo{BlobTitles: x.Titles, BlobPeople: x.People, BlobQuotes: x.Quotes} {
		var b bytes.Buffer
		if _, err := w.WriteTo(&b); err != nil {
			return nil, fmt.Errorf("save %s: %w", name, err)
		}
		out[name] = b.Bytes()
	}
	return out, nil
}

// Load reads a knowledge base's stored indexes. A knowledge base built
// without them (or with a format this program does not read) gets them
// built from its records instead: slower to start, same answers.
func Load(ctx context.Context, s *knowledge.Store) (*Indexes, error) {
	x := &Indexes{Titles: &Index{}, People: &Index{}, Quotes: &Phrases{}}
	ok := true
	for name, r := range map[string]io.ReaderFrom{BlobTitles: x.Titles, BlobPeople: x.People, BlobQuotes: x.Quotes} {
		blob, err := s.OpenBlob(ctx, name)
		if err != nil {
			return nil, err
		}
		if blob == nil {
			ok = false
			break
		}
		_, err = r.ReadFrom(blob)
		blob.Close()
		if err != nil {
			ok = false
			break
		}
	}
	if ok {
		return x, nil
	}
	built, err := Build(ctx, s)
	if err != nil {
		return nil, fmt.Errorf("build search indexes: %w", err)
	}
	return built, nil
}
