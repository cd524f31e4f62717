// Package ingest turns page files into a knowledge base: it reads and
// checks each file, recognises and parses it, merges it with the pages the
// knowledge base already holds, and publishes the rebuilt file atomically.
package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"moviebot/knowledge"
	"moviebot/knowledge/parse"
	"moviebot/knowledge/search"
)

// MaxPageBytes is the largest page file ingest accepts: 4 MiB. The bundled
// pages are 4–45 KB; a capture a hundred times larger is not a film page,
// and refusing it keeps a stray video or archive from being read whole.
const MaxPageBytes = 4 << 20

// Load checks and parses one page. name identifies it in errors and becomes
// the document's name; data is its content.
func Load(name string, data []byte) (*knowledge.Document, error) {
	doc, err := load(name, data)
	if err != nil {
		return nil, knowledge.Errorf(knowledge.EINVALID, "%s: %v", name, err)
	}
	return doc, nil
}

func load(name string, data []byte) (*knowledge.Document, error) {
	if len(data) > MaxPageBytes {
		return nil, fmt.Errorf("%d bytes is over the %d-byte limit for a page", len(data), MaxPageBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a UTF-8 byte-order mark says nothing
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("the file is empty")
	}
	if isBinary(data) {
		return nil, errors.New("a binary file, not a text capture of a web page")
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			off += size
		}
		return nil, fmt.Errorf("not UTF-8 text (invalid byte 0x%02x at offset %d); convert it to UTF-8 first", data[off], off)
	}
	sum := sha256.Sum256(data)
	text := string(data)
	page, err := parse.Page(text)
	if err != nil {
		return nil, err
	}
	return &knowledge.Document{Name: name, SHA256: hex.EncodeToString(sum[:]), Text: text, Page: page}, nil
}

// isBinary reports whether data looks like a binary file: it has a NUL byte,
// or more than one byte in a hundred is a control character that text does
// not use.
func isBinary(data []byte) bool {
	if bytes.IndexByte(data, 0) >= 0 {
		return true
	}
	n := min(len(data), 8192)
	ctl := 0
	for _, b := range data[:n] {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctl++
		}
	}
	return ctl*100 > n
}

// ReadFile reads and loads one page file, refusing an oversized file without
// reading it to the end.
func ReadFile(path string) (*knowledge.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, knowledge.Errorf(knowledge.EINVALID, "%s: %v", path, unwrapPathError(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxPageBytes+1))
	if err != nil {
		return nil, knowledge.Errorf(knowledge.EINVALID, "%s: %v", path, unwrapPathError(err))
	}
	doc, err := load(filepath.Base(path), data)
	if err != nil {
		return nil, knowledge.Errorf(knowledge.EINVALID, "%s: %v", path, err)
	}
	return doc, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadPaths loads the pages named by paths: files as given, and in each
// directory the *.txt files directly inside it (so a README beside the
// pages is left alone). Any bad page fails the whole read.
func ReadPaths(paths []string) ([]*knowledge.Document, error) {
	if len(paths) == 0 {
		return nil, knowledge.Errorf(knowledge.EINVALID, "no pages given: name page files or directories of *.txt pages")
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, knowledge.Errorf(knowledge.EINVALID, "%s: %v", p, unwrapPathError(err))
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, knowledge.Errorf(knowledge.EINVALID, "%s: %v", p, unwrapPathError(err))
		}
		found := 0
		for _, e := range entries {
			if e.Type().IsRegular() && strings.HasSuffix(strings.ToLower(e.Name()), ".txt") && !strings.HasPrefix(e.Name(), ".") {
				files = append(files, filepath.Join(p, e.Name()))
				found++
			}
		}
		if found == 0 {
			return nil, knowledge.Errorf(knowledge.EINVALID, "%s: no pages in this directory (ingest reads the *.txt files in it)", p)
		}
	}
	docs := make([]*knowledge.Document, 0, len(files))
	for _, f := range files {
		d, err := ReadFile(f)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// BundledDocuments loads the pages embedded in the program.
func BundledDocuments() ([]*knowledge.Document, error) {
	entries, err := fs.ReadDir(knowledge.Corpus, "corpus")
	if err != nil {
		return nil, fmt.Errorf("read bundled corpus: %w", err)
	}
	var docs []*knowledge.Document
	for _, e := range entries {
		data, err := fs.ReadFile(knowledge.Corpus, "corpus/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("read bundled page %s: %w", e.Name(), err)
		}
		d, err := Load(e.Name(), data)
		if err != nil {
			return nil, fmt.Errorf("bundled page: %w", err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Status says what an ingest did with a document.
type Status string

// The statuses of an ingested document.
const (
	StatusNew       Status = "new"
	StatusUpdated   Status = "updated"   // same name, new content: replaces the old page
	StatusUnchanged Status = "unchanged" // already in the knowledge base
	StatusDuplicate Status = "duplicate" // same content as another page under another name
)

// DocReport is what ingest took from one document.
type DocReport struct {
	Name   string
	Kind   knowledge.Kind
	Status Status
	Counts map[string]int
	// Same names the document whose content a duplicate repeats.
	Same string
}

// Report is the outcome of an ingest.
type Report struct {
	Docs []DocReport
	// Changed is false when every page was already there and the file was
	// left untouched.
	Changed bool
	// Totals of the resulting knowledge base.
	Films, Documents int
}

// Counts returns how many records of each type a page yielded.
func Counts(p *knowledge.Page) map[string]int {
	return map[string]int{
		"cast": len(p.Cast), "crew": len(p.Crew), "awards": len(p.Awards),
		"quotes": len(p.Quotes), "reviews": len(p.Reviews), "plot": len(p.Plot),
		"facts": len(p.Facts), "scores": len(p.Scores), "money": len(p.Money),
		"releases": len(p.Releases), "companies": len(p.Companies),
		"similar": len(p.Similar), "genres": len(p.Genres), "attributes": len(p.Attributes),
	}
}

// existing reads the documents already in the knowledge base at path, or
// none when there is no file yet. Their stored text is parsed again, so a
// rebuild applies the current parsers to every page.
func existing(ctx context.Context, path string) ([]*knowledge.Document, bool, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	stored, err := knowledge.StoredDocuments(ctx, path)
	if err != nil {
		return nil, true, err
	}
	docs := make([]*knowledge.Document, 0, len(stored))
	for _, s := range stored {
		d, err := Load(s.Name, []byte(s.Text))
		if err != nil {
			return nil, true, fmt.Errorf("a page stored in %s no longer parses: %w", path, err)
		}
		docs = append(docs, d)
	}
	return docs, true, nil
}

// Ingest adds docs to the knowledge base at path (creating it if missing)
// and republishes it. Pages already there with the same content change
// nothing; a page with the name of a stored one and new content replaces
// it. On any error the file at path is left exactly as it was.
func Ingest(ctx context.Context, path string, docs []*knowledge.Document) (*Report, error) {
	old, exists, err := existing(ctx, path)
	if err != nil {
		return nil, err
	}
	return rebuild(ctx, path, old, docs, !exists)
}

// rebuild merges incoming into old and publishes the result at path, unless
// nothing changed and force is false.
func rebuild(ctx context.Context, path string, old, incoming []*knowledge.Document, force bool) (*Report, error) {
	byName := map[string]int{}
	bySum := map[string]string{}
	all := append([]*knowledge.Document(nil), old...)
	for i, d := range all {
		byName[d.Name] = i
		bySum[d.SHA256] = d.Name
	}
	rep := &Report{}
	changed := force
	for _, d := range incoming {
		r := DocReport{Name: d.Name, Kind: d.Page.Kind, Counts: Counts(d.Page)}
		switch i, named := byName[d.Name]; {
		case named && all[i].SHA256 == d.SHA256:
			r.Status = StatusUnchanged
		case bySum[d.SHA256] != "":
			r.Status, r.Same = StatusDuplicate, bySum[d.SHA256]
		case named:
			delete(bySum, all[i].SHA256)
			all[i] = d
			bySum[d.SHA256] = d.Name
			r.Status, changed = StatusUpdated, true
		default:
			byName[d.Name] = len(all)
			bySum[d.SHA256] = d.Name
			all = append(all, d)
			r.Status, changed = StatusNew, true
		}
		rep.Docs = append(rep.Docs, r)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	rep.Documents = len(all)
	if !changed {
		films, err := knowledge.Merge(all)
		if err != nil {
			return nil, err
		}
		rep.Films = len(films)
		return rep, nil
	}
	stats, err := knowledge.Build(ctx, path, all, search.Derive)
	if err != nil {
		return nil, err
	}
	rep.Films, rep.Changed = stats.Films, true
	return rep, nil
}

// EnsureBundled makes path a current knowledge base of the bundled pages
// plus whatever other pages were ingested into it before. It always
// rebuilds, so the default knowledge base follows the program's parsers.
func EnsureBundled(ctx context.Context, path string) (*Report, error) {
	bundled, err := BundledDocuments()
	if err != nil {
		return nil, err
	}
	old, _, err := existing(ctx, path)
	if err != nil {
		return nil, err
	}
	return rebuild(ctx, path, old, bundled, true)
}
