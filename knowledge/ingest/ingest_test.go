package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"moviebot/knowledge"
	"moviebot/knowledge/search"
)

const fargoDir = "../testdata/fargo"

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// bundledKB builds a knowledge base of the bundled pages in a temp dir.
func bundledKB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kb.db")
	if _, err := EnsureBundled(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBundledKnowledgeBase(t *testing.T) {
	ctx := context.Background()
	path := bundledKB(t)
	st, err := knowledge.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	films, err := st.Films(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(films) != 1 {
		t.Fatalf("the five bundled pages made %d films, want 1 (they are all about one film)", len(films))
	}
	f := films[0]
	if len(f.Sources) != 5 {
		t.Errorf("film has %d sources, want all 5 pages", len(f.Sources))
	}
	kinds := map[knowledge.Kind]bool{}
	for _, d := range f.Documents {
		kinds[d.Kind] = true
	}
	if len(kinds) != 5 {
		t.Errorf("recognised kinds %v, want five different kinds", kinds)
	}
	// The search indexes are saved in the file and load back.
	for _, name := range []string{search.BlobTitles, search.BlobPeople, search.BlobQuotes} {
		r, err := st.OpenBlob(ctx, name)
		if err != nil || r == nil {
			t.Fatalf("blob %s: %v, %v", name, r, err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil || len(b) == 0 {
			t.Errorf("blob %s: %d bytes, %v", name, len(b), err)
		}
	}
	x, err := search.Load(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if x.Titles.Len() != 1 || x.People.Len() != stats["people"] || x.Quotes.Len() != len(f.Quotes) {
		t.Errorf("loaded indexes: %d titles, %d people, %d quotes", x.Titles.Len(), x.People.Len(), x.Quotes.Len())
	}
	if hits := x.Titles.Search("leavng las vegas", 1); len(hits) != 1 || hits[0].ID != f.ID {
		t.Errorf("the loaded title index does not find the film: %+v", hits)
	}
}

func TestFargoJoinsItsOwnFilm(t *testing.T) {
	ctx := context.Background()
	path := bundledKB(t)
	docs, err := ReadPaths([]string{fargoDir})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 5 {
		t.Fatalf("read %d Fargo pages, want 5 (FACTS.md is not a page)", len(docs))
	}
	rep, err := Ingest(ctx, path, docs)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Films != 2 || rep.Documents != 10 || !rep.Changed {
		t.Errorf("report %+v, want 2 films from 10 pages", rep)
	}
	for _, d := range rep.Docs {
		if d.Status != StatusNew {
			t.Errorf("%s: status %s, want new", d.Name, d.Status)
		}
	}
	st, err := knowledge.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	films, _ := st.Films(ctx)
	for _, f := range films {
		if len(f.Sources) != 5 {
			t.Errorf("%s has %d sources, want 5", f.Title, len(f.Sources))
		}
	}
}

func TestReingestChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := bundledKB(t)
	before := fileSum(t, path)
	bundled, err := BundledDocuments()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Ingest(ctx, path, bundled)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Changed {
		t.Error("re-ingesting the same pages rewrote the knowledge base")
	}
	for _, d := range rep.Docs {
		if d.Status != StatusUnchanged {
			t.Errorf("%s: status %s, want unchanged", d.Name, d.Status)
		}
	}
	if fileSum(t, path) != before {
		t.Error("the knowledge base file changed")
	}

	// The same content under another name is a duplicate, not a new page.
	dup := *bundled[0]
	dup.Name = "copy.txt"
	rep, err = Ingest(ctx, path, []*knowledge.Document{&dup})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Docs[0].Status != StatusDuplicate || rep.Docs[0].Same != bundled[0].Name || rep.Changed {
		t.Errorf("duplicate: %+v", rep.Docs[0])
	}
}

func TestBadInputsLeaveKnowledgeBaseUntouched(t *testing.T) {
	ctx := context.Background()
	path := bundledKB(t)
	before := fileSum(t, path)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	page, err := os.ReadFile(filepath.Join(fargoDir, "imdb_reviews.txt"))
	if err != nil {
		t.Fatal(err)
	}
	emptyDir := filepath.Join(dir, "nothing-here")
	if err := os.Mkdir(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	write("nothing-here/README.md", []byte("# notes, not a page"))
	cases := []struct {
		name, path, reason string
	}{
		{"empty", write("empty.txt", nil), "empty"},
		{"blank", write("blank.txt", []byte("  \n\n\t\n")), "empty"},
		{"binary", write("image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")), "binary"},
		{"latin1", write("latin1.txt", []byte("Leaving Las Vegas (1995)\nCaf\xe9 review\n")), "not UTF-8"},
		{"unknown kind", write("recipe.txt", []byte("Pancakes\n\nMix flour, eggs and milk. Fry.\n")), "not a page of any known kind"},
		{"truncated", write("cut.txt", page[:len(page)*6/10]), "truncated"},
		{"oversized", write("huge.txt", bytes.Repeat([]byte("a line of text\n"), MaxPageBytes/15+10)), "limit"},
		{"directory with no pages", emptyDir, "no pages"},
		{"missing", filepath.Join(dir, "missing.txt"), "no such file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			docs, err := ReadPaths([]string{c.path})
			if err == nil {
				_, err = Ingest(ctx, path, docs)
			}
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), c.path) || !strings.Contains(err.Error(), c.reason) {
				t.Errorf("error %q, want it to name %s and say %q", err, c.path, c.reason)
			}
			if knowledge.ErrorCode(err) != knowledge.EINVALID {
				t.Errorf("code %q, want invalid", knowledge.ErrorCode(err))
			}
			if fileSum(t, path) != before {
				t.Error("the knowledge base changed")
			}
		})
	}
}

func TestMixedBatchFailsWhole(t *testing.T) {
	path := bundledKB(t)
	before := fileSum(t, path)
	bad := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(bad, []byte("\x00\x01"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := ReadPaths([]string{fargoDir, bad})
	if err == nil {
		t.Fatal("a batch with one bad file was accepted")
	}
	if fileSum(t, path) != before {
		t.Error("the knowledge base changed")
	}
}

// A page that cannot be tied to a film (a Metacritic page, which never
// names its film, ingested alone) fails at merge time: nothing is written.
func TestUnplaceablePageLeavesNoFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	docs, err := ReadPaths([]string{filepath.Join(fargoDir, "metacritic.txt")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Ingest(ctx, path, docs); err == nil || !strings.Contains(err.Error(), "metacritic.txt") {
		t.Fatalf("err %v, want one naming metacritic.txt", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("a failed first ingest left a file behind")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*build*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// A reader that opened the knowledge base before a rebuild keeps reading
// the old, complete file; a new reader sees the new one.
func TestReaderNeverSeesHalfABuild(t *testing.T) {
	ctx := context.Background()
	path := bundledKB(t)
	old, err := knowledge.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	docs, err := ReadPaths([]string{fargoDir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Ingest(ctx, path, docs); err != nil {
		t.Fatal(err)
	}
	oldFilms, err := old.FilmRefs(ctx)
	if err != nil {
		t.Fatalf("old reader broke: %v", err)
	}
	if len(oldFilms) != 1 {
		t.Errorf("old reader sees %d films, want the 1 it opened", len(oldFilms))
	}
	fresh, err := knowledge.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	newFilms, _ := fresh.FilmRefs(ctx)
	if len(newFilms) != 2 {
		t.Errorf("new reader sees %d films, want 2", len(newFilms))
	}
}

func TestUpdatedPageReplacesOld(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	docs, err := ReadPaths([]string{fargoDir})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Ingest(ctx, path, docs); err != nil {
		t.Fatal(err)
	}
	var rt *knowledge.Document
	for _, d := range docs {
		if d.Page.Kind == knowledge.KindRottenTomatoes {
			rt = d
		}
	}
	if rt == nil {
		t.Fatal("no Rotten Tomatoes page among the Fargo pages")
	}
	changed, err := Load(rt.Name, []byte(strings.Replace(rt.Text, "Steve Buscemi", "Steven Buscemi", 1)))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Ingest(ctx, path, []*knowledge.Document{changed})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Docs[0].Status != StatusUpdated || rep.Documents != 5 {
		t.Errorf("report %+v, want the page updated in place (still 5 pages)", rep)
	}
}
