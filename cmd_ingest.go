package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"moviebot/knowledge/ingest"
)

// runIngest implements `moviebot ingest [--db PATH] FILE|DIR...`.
func runIngest(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("ingest", e)
	db := dbFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: moviebot ingest [--db PATH] FILE|DIR...\n\nReads film pages (files, or the *.txt files in directories), recognises each\npage's kind from its content, and merges them into the knowledge base.\nNothing is written unless every page is good. Pages over %d bytes are refused.\n\n", ingest.MaxPageBytes)
		fs.PrintDefaults()
	}
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return &usageError{"ingest needs at least one page file or directory"}
	}
	docs, err := ingest.ReadPaths(paths)
	if err != nil {
		return fmt.Errorf("%w (nothing was ingested: the knowledge base is unchanged)", err)
	}
	path := explicitDB(*db, e)
	if path == "" {
		path = defaultDBPath()
		if _, err := ingest.EnsureBundled(ctx, path); err != nil {
			return fmt.Errorf("build the default knowledge base at %s: %w", path, err)
		}
	}
	rep, err := ingest.Ingest(ctx, path, docs)
	if err != nil {
		return fmt.Errorf("ingest into %s: %w (the knowledge base is unchanged)", path, err)
	}
	total := map[string]int{}
	for _, d := range rep.Docs {
		line := fmt.Sprintf("%-28s %-16s %-9s", d.Name, d.Kind, d.Status)
		if d.Status == ingest.StatusDuplicate {
			line += " same content as " + d.Same
		} else {
			line += " " + formatCounts(d.Counts)
			for k, v := range d.Counts {
				total[k] += v
			}
		}
		fmt.Fprintln(e.stdout, strings.TrimRight(line, " "))
	}
	fmt.Fprintf(e.stdout, "total: %d pages: %s\n", len(rep.Docs), formatCounts(total))
	if rep.Changed {
		fmt.Fprintf(e.stdout, "wrote %s: %d films from %d pages\n", path, rep.Films, rep.Documents)
	} else {
		fmt.Fprintf(e.stdout, "%s already holds these pages: nothing changed (%d films from %d pages)\n", path, rep.Films, rep.Documents)
	}
	return nil
}

// formatCounts prints non-zero counts in a fixed order: "cast=36 reviews=9".
func formatCounts(c map[string]int) string {
	keys := make([]string, 0, len(c))
	for k, v := range c {
		if v > 0 {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, c[k])
	}
	if len(parts) == 0 {
		return "no records"
	}
	return strings.Join(parts, " ")
}
