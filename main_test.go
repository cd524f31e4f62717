package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"moviebot/knowledge"
)

// runCLI runs the program's entry point with its own environment and
// returns what it printed.
func runCLI(t *testing.T, stdin string, vars map[string]string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut, getenv: func(k string) string { return vars[k] }}
	err := run(context.Background(), args, e)
	return out.String(), errOut.String(), err
}

// bothFilms are the page directories of the bundled film and of Fargo.
var bothFilms = []string{"knowledge/corpus", "knowledge/testdata/fargo"}

func TestIngestExportRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kb.db")
	out, _, err := runCLI(t, "", nil, append([]string{"ingest", "--db", db}, bothFilms...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"imdb-reviews", "rotten-tomatoes", "film-summary", "wikipedia", "metacritic", "total: 10 pages", "2 films from 10 pages"} {
		if !strings.Contains(out, want) {
			t.Errorf("ingest output lacks %q:\n%s", want, out)
		}
	}
	// Re-ingesting changes nothing.
	out, _, err = runCLI(t, "", nil, "ingest", "--db", db, "knowledge/corpus")
	if err != nil || !strings.Contains(out, "nothing changed") {
		t.Errorf("re-ingest: err %v, output:\n%s", err, out)
	}

	out, _, err = runCLI(t, "", nil, "export", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format string            `json:"format"`
		Films  []*knowledge.Film `json:"films"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if doc.Format != knowledge.Format || len(doc.Films) != 2 {
		t.Fatalf("export: format %q, %d films", doc.Format, len(doc.Films))
	}
	st, err := knowledge.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stored, err := st.Films(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stored, doc.Films) {
		t.Error("the exported JSON does not decode to the films in the knowledge base")
	}
	// The contract's field names are there.
	var raw struct {
		Films []map[string]any `json:"films"`
	}
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	film := raw.Films[0]
	for _, key := range []string{"title", "year", "runtime_minutes", "rating", "genres", "directors", "writers", "cast", "awards", "quotes", "reviews", "plot", "sources"} {
		if _, ok := film[key]; !ok {
			t.Errorf("exported film lacks %q", key)
		}
	}
	cast := film["cast"].([]any)[0].(map[string]any)
	for _, key := range []string{"actor", "character", "sources"} {
		if _, ok := cast[key]; !ok {
			t.Errorf("exported cast member lacks %q", key)
		}
	}
}

func TestIngestErrorsExitWithoutTouchingKB(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kb.db")
	if _, _, err := runCLI(t, "", nil, "ingest", "--db", db, "knowledge/corpus"); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(db)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("\xff\xfe not utf-8"), 0o644)
	_, _, err := runCLI(t, "", nil, "ingest", "--db", db, bad)
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "unchanged") {
		t.Errorf("err %v", err)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("the knowledge base changed")
	}
	if _, _, err := runCLI(t, "", nil, "ingest", "--db", db); err == nil {
		t.Error("ingest with no pages succeeded")
	}
	if _, _, err := runCLI(t, "", nil, "export", "--db", filepath.Join(dir, "missing.db")); err == nil || !strings.Contains(err.Error(), "no knowledge base at") {
		t.Errorf("export of a missing file: %v", err)
	}
}

func TestAsk(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kb.db")
	if _, _, err := runCLI(t, "", nil, append([]string{"ingest", "--db", db}, bothFilms...)...); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"/cast film:leaving las vegas character:yuri"}, []string{"Julian Sands"}},
		{[]string{"/cast", "film:fargo", "character:marge"}, []string{"Frances McDormand"}},
		{[]string{"--autocomplete", "/cast film:leav"}, []string{"Leaving Las Vegas (1995)"}},
		{[]string{"/quote search:prickly pear film:leaving las vegas"}, []string{"prickly pear"}},
		{[]string{"/movie fargo"}, []string{"Joel Coen", "98 min"}},
		// A question that only names a film gets its overview.
		{[]string{"/ask question:fargo"}, []string{"Joel Coen", "98 min"}},
	}
	for _, c := range cases {
		out, _, err := runCLI(t, "", nil, append([]string{"ask", "--db", db}, c.args...)...)
		if err != nil {
			t.Errorf("ask %v: %v", c.args, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("ask %v: output lacks %q:\n%s", c.args, w, out)
			}
		}
	}
	out, _, err := runCLI(t, "", nil, "ask", "--db", db, "--json", "/movie film:fargo")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"allowed_mentions": {`) || !strings.Contains(out, `"parse": []`) {
		t.Errorf("--json output lacks allowed_mentions parse []:\n%s", out)
	}
	if _, _, err := runCLI(t, "", nil, "ask", "--db", db, "/nosuchcommand"); err == nil {
		t.Error("an unknown command was accepted")
	}
}

func TestConsole(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kb.db")
	if _, _, err := runCLI(t, "", nil, append([]string{"ingest", "--db", db}, bothFilms...)...); err != nil {
		t.Fatal(err)
	}
	input := strings.Join([]string{
		"/cast film:leaving las vegas",
		"1", // press "Next ▶" (the disabled "Previous" is not numbered)
		"/ask question:who directed it",
		"? /movie film:farg",
		"/nonsense",
		"quit",
	}, "\n")
	out, _, err := runCLI(t, input, map[string]string{"MOVIEBOT_DB": db}, "console")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Page 1 of", "Page 2 of", "directed by Mike Figgis", "Fargo (1996)", "unknown command /nonsense"} {
		if !strings.Contains(out, want) {
			t.Errorf("console output lacks %q:\n%s", want, out)
		}
	}
}

func TestDefaultRunsConsoleWithoutCredentials(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("HOME", t.TempDir())
	out, _, err := runCLI(t, "/movie film:leaving las vegas\nquit\n", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "moviebot console") || !strings.Contains(out, "Mike Figgis") {
		t.Errorf("go run . without credentials did not answer from the bundled knowledge base:\n%s", out)
	}
}

func TestServeConfigErrors(t *testing.T) {
	_, _, err := runCLI(t, "", nil, "serve")
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("serve without a token: %v", err)
	}
	_, _, err = runCLI(t, "", map[string]string{"MOVIEBOT_HTTP": "127.0.0.1:0", "DISCORD_PUBLIC_KEY": "xyz"}, "serve")
	if err == nil || !strings.Contains(err.Error(), "DISCORD_PUBLIC_KEY") {
		t.Errorf("serve with a bad key: %v", err)
	}
}
