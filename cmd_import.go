package main

import (
	"context"
	"fmt"
	"os"

	"moviebot/knowledge/imdb"
	"moviebot/knowledge/ingest"
)

func init() {
	extraCommands["import-imdb"] = runImportIMDb
	extraCommands["gen-imdb"] = runGenIMDb
}

// runImportIMDb implements `moviebot import-imdb [--db PATH] DIR`.
func runImportIMDb(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("import-imdb", e)
	db := dbFlag(fs)
	quiet := fs.Bool("quiet", false, "no progress bar")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, `usage: moviebot import-imdb [--db PATH] DIR

Imports IMDb's dataset files (title.basics, title.akas, title.principals,
name.basics, title.ratings, title.crew; .tsv.gz or .tsv) from DIR: films and TV
films with their titles, cast, directors, writers and ratings. Pages already in
the knowledge base stay and merge with the films they describe. The import
replaces the catalogue as a whole and is atomic: if it fails or is
interrupted, the old knowledge base keeps serving.`)
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{"import-imdb needs one directory of dataset files"}
	}
	path := explicitDB(*db, e)
	if path == "" {
		path = defaultDBPath()
		if _, err := ingest.EnsureBundled(ctx, path); err != nil {
			return fmt.Errorf("build the default knowledge base at %s: %w", path, err)
		}
	}
	var bar *os.File
	if f, ok := e.stderr.(*os.File); ok && !*quiet && ingest.IsTerminal(f) {
		bar = f
	}
	var out = e.stderr
	if bar == nil {
		out = nil
	}
	rep, err := ingest.ImportIMDb(ctx, path, rest[0], out)
	if err != nil {
		return fmt.Errorf("import into %s: %w (the knowledge base is unchanged)", path, err)
	}
	for _, f := range rep.Files {
		if f.Path == "" {
			fmt.Fprintf(e.stdout, "%-17s not found, skipped\n", f.Kind)
			continue
		}
		fmt.Fprintf(e.stdout, "%-17s %9d rows, %9d kept, %d malformed, %d duplicates\n", f.Kind, f.Stats.Rows, f.Kept, f.Stats.Malformed, f.Stats.Duplicates)
		for _, ex := range f.Stats.Examples {
			fmt.Fprintf(e.stdout, "  %s line %d: %s\n", f.Kind, ex.Line, ex.Reason)
		}
	}
	fmt.Fprintf(e.stdout, "wrote %s: %d films, %d titles, %d people, %d credits from the dataset; %d page films (%d also in the dataset); %d films in all; took %s\n",
		path, rep.Films, rep.Titles, rep.People, rep.Credits, rep.Build.PageFilms, rep.Build.Linked, rep.Build.Films, rep.Took.Round(1e7))
	return nil
}

// runGenIMDb implements `moviebot gen-imdb [--titles N] [--seed S] [--plain] DIR`:
// synthetic dataset files in IMDb's exact format, for benchmarks and trials.
func runGenIMDb(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("gen-imdb", e)
	titles := fs.Int("titles", 100000, "number of titles (of all types) to generate")
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same files")
	plain := fs.Bool("plain", false, "write plain .tsv instead of .tsv.gz")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return &usageError{"gen-imdb needs one output directory"}
	}
	if err := os.MkdirAll(rest[0], 0o755); err != nil {
		return err
	}
	st, err := imdb.Generate(rest[0], imdb.GenOptions{Titles: *titles, Seed: *seed, Gzip: !*plain, Planted: imdb.DefaultPlanted()})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "wrote %d titles, %d akas, %d principals, %d names, %d ratings, %d crew rows (%d bytes) to %s\n",
		st.Titles, st.Akas, st.Principals, st.Names, st.Ratings, st.Crew, st.Bytes, rest[0])
	return nil
}
