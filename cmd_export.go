package main

import (
	"context"
	"encoding/json"
	"fmt"

	"moviebot/knowledge"
)

// exportDoc is the shape `moviebot export` prints; README.md documents it.
type exportDoc struct {
	Format        string            `json:"format"`
	SchemaVersion int               `json:"schema_version"`
	Films         []*knowledge.Film `json:"films"`
}

// runExport implements `moviebot export [--db PATH]`.
func runExport(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("export", e)
	db := dbFlag(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: moviebot export [--db PATH]\n\nPrints every film in the knowledge base as JSON, each record with its sources.")
		fs.PrintDefaults()
	}
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return &usageError{fmt.Sprintf("export takes no arguments, got %q", rest[0])}
	}
	st, err := openStore(ctx, *db, e)
	if err != nil {
		return err
	}
	defer st.Close()
	films, err := st.Films(ctx)
	if err != nil {
		return err
	}
	if films == nil {
		films = []*knowledge.Film{}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(exportDoc{Format: knowledge.Format, SchemaVersion: knowledge.SchemaVersion, Films: films})
}
