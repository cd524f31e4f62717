package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"moviebot/knowledge"
	"moviebot/knowledge/imdb"
)

// dataset is a small hand-written IMDb dataset: two films (one of them
// Leaving Las Vegas, also known from the bundled pages), a TV film, a series
// and an episode that must be skipped, an adult film, nulls, a malformed row
// and a duplicate.
var dataset = map[string]string{
	"title.basics": "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n" +
		"tt0113627\tmovie\tLeaving Las Vegas\tLeaving Las Vegas\t0\t1995\t\\N\t111\tDrama,Romance\n" +
		"tt0211915\tmovie\tAmélie\tLe fabuleux destin d'Amélie Poulain\t0\t2001\t\\N\t122\tComedy,Romance\n" +
		"tt0211915\tmovie\tAmélie\tLe fabuleux destin d'Amélie Poulain\t0\t2001\t\\N\t122\tComedy,Romance\n" +
		"tt0300001\ttvMovie\tA Quiet Storm\t\\N\t0\t2003\t\\N\t\\N\t\\N\n" +
		"tt0300002\ttvSeries\tSome Series\tSome Series\t0\t2004\t2006\t45\tDrama\n" +
		"tt0300003\ttvEpisode\tPilot\tPilot\t0\t2004\t\\N\t44\tDrama\n" +
		"tt0300004\tmovie\tAdult Film\tAdult Film\t1\t1999\t\\N\t80\tAdult\n" +
		"tt0300005\tmovie\tbroken row with too few columns\n",
	"title.akas": "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n" +
		"tt0211915\t1\tAmélie\tUS\t\\N\timdbDisplay\t\\N\t0\n" +
		"tt0211915\t2\tDie fabelhafte Welt der Amélie\tDE\t\\N\timdbDisplay\t\\N\t0\n" +
		"tt0211915\t3\tAmelie\tGB\t\\N\t\\N\t\\N\t0\n" +
		"tt0300002\t1\tSome Series Abroad\tFR\t\\N\t\\N\t\\N\t0\n",
	"title.principals": "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n" +
		"tt0113627\t1\tnm0000115\tactor\t\\N\t[\"Ben Sanderson\"]\n" +
		"tt0113627\t2\tnm0000223\tactress\t\\N\t[\"Sera\"]\n" +
		"tt0113627\t3\tnm0001214\tdirector\t\\N\t\\N\n" +
		"tt0211915\t1\tnm0851582\tactress\t\\N\t[\"Amélie Poulain\"]\n" +
		"tt0211915\t2\tnm0000466\tdirector\t\\N\t\\N\n" +
		"tt0211915\t3\tnm0000466\tcomposer\t\\N\t\\N\n" +
		"tt0300002\t1\tnm9999999\tactor\t\\N\t[\"Nobody\"]\n",
	"name.basics": "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n" +
		"nm0000115\tNicolas Cage\t1964\t\\N\tactor,producer\ttt0113627\n" +
		"nm0000223\tElisabeth Shue\t1963\t\\N\tactress\ttt0113627\n" +
		"nm0001214\tMike Figgis\t1948\t\\N\tdirector,writer\ttt0113627\n" +
		"nm0851582\tAudrey Tautou\t1976\t\\N\tactress\ttt0211915\n" +
		"nm0000466\tJean-Pierre Jeunet\t1953\t\\N\tdirector\ttt0211915\n" +
		"nm9999999\tNobody Special\t\\N\t\\N\t\\N\t\\N\n",
	"title.ratings": "tconst\taverageRating\tnumVotes\n" +
		"tt0113627\t7.5\t130000\n" +
		"tt0211915\t8.3\t800000\n",
	"title.crew": "tconst\tdirectors\twriters\n" +
		"tt0113627\tnm0001214\tnm0001214\n" +
		"tt0211915\tnm0000466\t\\N\n",
}

func writeDataset(t *testing.T, gz bool, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		path := filepath.Join(dir, name+".tsv")
		data := []byte(body)
		if gz {
			path += ".gz"
			var b bytes.Buffer
			w := gzip.NewWriter(&b)
			w.Write(data)
			w.Close()
			data = b.Bytes()
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestImportIMDb(t *testing.T) {
	for _, gz := range []bool{false, true} {
		name := "plain"
		if gz {
			name = "gzipped"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			path := bundledKB(t)
			dir := writeDataset(t, gz, dataset)
			rep, err := ImportIMDb(ctx, path, dir, nil)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Films != 3 {
				t.Errorf("imported %d films, want 3 (two films and a TV film; no series, episode or adult film)", rep.Films)
			}
			var basics FileReport
			for _, f := range rep.Files {
				if f.Kind == imdb.KindBasics {
					basics = f
				}
			}
			if basics.Stats.Malformed != 1 || basics.Stats.Duplicates != 1 || len(basics.Stats.Examples) == 0 || basics.Stats.Examples[0].Line == 0 {
				t.Errorf("basics stats %+v, want one malformed and one duplicate row reported with line numbers", basics.Stats)
			}
			if rep.Build.PageFilms != 1 || rep.Build.Linked != 1 || rep.Build.Films != 3 {
				t.Errorf("build %+v: want the page film merged into its catalogue film, 3 films in all", rep.Build)
			}

			st, err := knowledge.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			refs, err := st.FilmRefs(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var llv, amelie *knowledge.FilmRef
			for i := range refs {
				switch refs[i].Title {
				case "Leaving Las Vegas":
					if llv != nil {
						t.Error("Leaving Las Vegas is listed twice: the page film and the catalogue film did not merge")
					}
					llv = &refs[i]
				case "Amélie":
					amelie = &refs[i]
				}
			}
			if llv == nil || amelie == nil {
				t.Fatalf("films %+v", refs)
			}
			if amelie.Popularity != 800000 {
				t.Errorf("Amélie popularity %d, want its vote count", amelie.Popularity)
			}
			alts := strings.Join(amelie.AltTitles, "|")
			if !strings.Contains(alts, "Le fabuleux destin d'Amélie Poulain") || !strings.Contains(alts, "Die fabelhafte Welt der Amélie") || strings.Count(alts, "Amelie") > 0 {
				t.Errorf("Amélie alternative titles %q: want the original and the German title, and no copy that folds to the primary", alts)
			}

			f, err := st.Film(ctx, llv.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Sources) != 6 {
				t.Errorf("Leaving Las Vegas sources %v: want the five pages and the dataset", f.Sources)
			}
			if f.Cast[0].Actor != "Nicolas Cage" || len(f.Cast[0].Sources) < 2 {
				t.Errorf("first credit %+v: want Nicolas Cage from pages and dataset", f.Cast[0])
			}
			am, err := st.Film(ctx, amelie.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(am.Directors) != 1 || am.Directors[0] != "Jean-Pierre Jeunet" || am.Cast[0].Character != "Amélie Poulain" {
				t.Errorf("Amélie: directors %v, cast %+v", am.Directors, am.Cast)
			}
			if am.Cast[0].Sources[0] != "imdb:tt0211915" {
				t.Errorf("catalogue credit sources %v", am.Cast[0].Sources)
			}

			// A person in both is one person, with credits from both.
			people, _ := st.PersonRefs(ctx)
			cages := 0
			for _, p := range people {
				if p.Name == "Nicolas Cage" {
					cages++
				}
			}
			if cages != 1 {
				t.Errorf("%d people called Nicolas Cage, want 1", cages)
			}

			// Pages ingested after the import keep the catalogue.
			docs, err := ReadPaths([]string{fargoDir})
			if err != nil {
				t.Fatal(err)
			}
			rep2, err := Ingest(ctx, path, docs)
			if err != nil {
				t.Fatal(err)
			}
			if rep2.Films != 4 {
				t.Errorf("after ingesting Fargo pages: %d films, want 4 (3 catalogue films, one of them merged, and Fargo)", rep2.Films)
			}
		})
	}
}

func TestImportFailuresLeaveKnowledgeBase(t *testing.T) {
	ctx := context.Background()
	cases := map[string]map[string]string{
		"bad header": {"title.basics": "id\ttype\n1\tmovie\n"},
		"no basics":  {"title.ratings": dataset["title.ratings"]},
		"mostly malformed": {"title.basics": dataset["title.basics"][:strings.Index(dataset["title.basics"], "\n")+1] +
			strings.Repeat("tt1\tmovie\tbroken\n", 50)},
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			path := bundledKB(t)
			before := fileSum(t, path)
			_, err := ImportIMDb(ctx, path, writeDataset(t, false, files), nil)
			if err == nil {
				t.Fatal("no error")
			}
			if knowledge.ErrorCode(err) != knowledge.EINVALID {
				t.Errorf("error %v has code %q, want invalid", err, knowledge.ErrorCode(err))
			}
			if fileSum(t, path) != before {
				t.Error("the knowledge base changed")
			}
		})
	}
}

func TestImportCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	path := bundledKB(t)
	before := fileSum(t, path)
	if _, err := ImportIMDb(ctx, path, writeDataset(t, false, dataset), nil); err == nil {
		t.Fatal("a cancelled import succeeded")
	}
	if fileSum(t, path) != before {
		t.Error("the knowledge base changed")
	}
}
