package search

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/sahilm/fuzzy"
)

// Benchmarks run on a synthetic catalogue of -search.size films (a
// million by default) with as many people and quotes; build it with
//
//	go test -run '^$' -bench . -benchtime 3000x ./knowledge/search/
//
// (BenchmarkFuzzyFindBaseline scans everything per query: give it
// -benchtime 20x on its own). Plain go test only runs TestRankingQuality
// on 50,000 films.
var size = flag.Int("search.size", 1_000_000, "films (and people, and quotes) in the benchmark catalogues")

var bench struct {
	once    sync.Once
	cat     *catalogue
	titles  *Index
	build   time.Duration
	pOnce   sync.Once
	phrases *phraseCatalogue
	quotes  *Phrases
}

// benchTitles builds the benchmark catalogue and its index once per run.
func benchTitles(b *testing.B) (*catalogue, *Index) {
	b.Helper()
	bench.once.Do(func() {
		bench.cat = newCatalogue(*size)
		start := time.Now()
		bench.titles = New(bench.cat.entries)
		bench.build = time.Since(start)
	})
	return bench.cat, bench.titles
}

func benchQuotes(b *testing.B) (*phraseCatalogue, *Phrases) {
	b.Helper()
	bench.pOnce.Do(func() {
		bench.phrases = newPhraseCatalogue(*size)
		bench.quotes = NewPhrases(bench.phrases.phrases)
	})
	return bench.phrases, bench.quotes
}

// latencies records one duration per search and reports percentiles.
type latencies []time.Duration

func (l latencies) report(b *testing.B, prefix string) {
	if len(l) == 0 {
		return
	}
	s := slices.Clone(l)
	slices.Sort(s)
	ms := func(d time.Duration) float64 { return float64(d) / 1e6 }
	var sum time.Duration
	for _, d := range s {
		sum += d
	}
	b.ReportMetric(ms(s[len(s)/2]), prefix+"p50-ms")
	b.ReportMetric(ms(s[len(s)*99/100]), prefix+"p99-ms")
	b.ReportMetric(ms(s[len(s)-1]), prefix+"max-ms")
	b.ReportMetric(ms(sum)/float64(len(s)), prefix+"mean-ms")
}

// BenchmarkTitleSearch times searches over the mixed queries (typos,
// prefixes of one to three letters, long titles, years), one query per
// iteration: -benchtime 3000x runs each once.
func BenchmarkTitleSearch(b *testing.B) {
	cat, x := benchTitles(b)
	qs := cat.mixedQueries(3000)
	lat := make(latencies, 0, 4096)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		t := time.Now()
		x.Search(q, 25)
		lat = append(lat, time.Since(t))
	}
	lat.report(b, "")
	b.ReportMetric(float64(x.Len()), "films")
}

// BenchmarkFuzzyFindBaseline is what the index replaces: sahilm/fuzzy
// scanning every title and alternative title, on the same queries. It
// then runs the index on the queries it ran and reports how many times
// faster the index was.
func BenchmarkFuzzyFindBaseline(b *testing.B) {
	cat, x := benchTitles(b)
	var all []string
	for _, e := range cat.entries {
		all = append(all, e.Names...)
	}
	qs := cat.mixedQueries(3000)
	// A scan takes long: take queries from all through the mix.
	pick := func(i int) string { return qs[i*97%len(qs)] }
	var scan latencies
	i := 0
	for b.Loop() {
		q := pick(i)
		i++
		t := time.Now()
		fuzzy.Find(q, all)
		scan = append(scan, time.Since(t))
	}
	b.StopTimer()
	var idx latencies
	for j := range i {
		t := time.Now()
		x.Search(pick(j), 25)
		idx = append(idx, time.Since(t))
	}
	scan.report(b, "fuzzy-")
	idx.report(b, "index-")
	sum := func(l latencies) (s time.Duration) {
		for _, d := range l {
			s += d
		}
		return s
	}
	b.ReportMetric(float64(sum(scan))/float64(sum(idx)), "speedup-x")
}

// BenchmarkRankingQuality reports, on the full-size catalogue, how often
// the intended film comes first and within the first five (one pass over
// the planted queries; the iterations then time them one by one).
func BenchmarkRankingQuality(b *testing.B) {
	cat, x := benchTitles(b)
	qs := cat.queries()
	top1, top5, missed := rank(x, qs)
	for _, m := range missed {
		b.Log("not first:", m)
	}
	i := 0
	for b.Loop() {
		x.Search(qs[i%len(qs)].query, 5)
		i++
	}
	b.ReportMetric(100*float64(top1)/float64(len(qs)), "top1-%")
	b.ReportMetric(100*float64(top5)/float64(len(qs)), "top5-%")
	b.ReportMetric(float64(len(qs)), "queries")
}

// BenchmarkQuoteSearch times phrase searches over -search.size quotes and
// reports how often a planted quote comes first, and how often, for a
// fragment of a synthetic quote, the best hit scores at least as well as
// that quote (found it, or one containing the fragment as well).
func BenchmarkQuoteSearch(b *testing.B) {
	pc, p := benchQuotes(b)
	qs := pc.queries(3000)
	lat := make(latencies, 0, 4096)
	b.ReportAllocs()
	i, found, planted, asGood, fragments := 0, 0, 0, 0, 0
	for b.Loop() {
		q := qs[i%len(qs)]
		i++
		t := time.Now()
		hits := p.Search(q.query, 5, 0)
		lat = append(lat, time.Since(t))
		switch {
		case q.want != 0:
			planted++
			if len(hits) > 0 && hits[0].ID == q.want {
				found++
			} else if i <= len(qs) {
				b.Logf("not first: %v: %+v", q, hits)
			}
		case q.src != 0:
			fragments++
			if len(hits) > 0 && hits[0].Score >= Contains(q.query, pc.phrases[q.src-1].Text)-1e-9 {
				asGood++
			}
		}
	}
	lat.report(b, "")
	if planted > 0 {
		b.ReportMetric(100*float64(found)/float64(planted), "planted-top1-%")
	}
	if fragments > 0 {
		b.ReportMetric(100*float64(asGood)/float64(fragments), "fragment-best-%")
	}
}

// BenchmarkFullScanAgreement compares, query by query, the best score the
// index finds with the best score of every film scored (the package's
// search before it had an index): how often the bounded candidates lose
// nothing. Each iteration is one full scan: run it with -benchtime 100x.
func BenchmarkFullScanAgreement(b *testing.B) {
	cat, x := benchTitles(b)
	ref := newReference(cat.entries)
	qs := cat.mixedQueries(3000)
	same, n := 0, 0
	for b.Loop() {
		q := qs[n*97%len(qs)]
		n++
		want, ok := ref.search(q)
		got := x.Search(q, 1)
		switch {
		case !ok && (len(got) == 0 || got[0].Score < Sure):
			same++
		case ok && len(got) > 0 && math.Abs(got[0].Score-want.Score) < 1e-9:
			same++
		default:
			b.Logf("%q: index %+v, full scan %+v", q, got, want)
		}
	}
	b.ReportMetric(100*float64(same)/float64(n), "agree-%")
}

// BenchmarkBuild builds the film, people and quote indexes and reports
// the time and the heap each holds once built (measured after a garbage
// collection, with the input still alive so it is not counted).
func BenchmarkBuild(b *testing.B) {
	cat := newCatalogue(*size)
	ppl := people(*size)
	pc := newPhraseCatalogue(*size)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	for b.Loop() {
		h0 := heap()
		t := time.Now()
		x := New(cat.entries)
		titles := time.Since(t)
		h1 := heap()
		t = time.Now()
		y := New(ppl)
		persons := time.Since(t)
		h2 := heap()
		t = time.Now()
		z := NewPhrases(pc.phrases)
		quotes := time.Since(t)
		h3 := heap()
		b.ReportMetric(titles.Seconds(), "titles-build-s")
		b.ReportMetric(float64(h1-h0)/1e6, "titles-MB")
		b.ReportMetric(persons.Seconds(), "people-build-s")
		b.ReportMetric(float64(h2-h1)/1e6, "people-MB")
		b.ReportMetric(quotes.Seconds(), "quotes-build-s")
		b.ReportMetric(float64(h3-h2)/1e6, "quotes-MB")
		runtime.KeepAlive(x)
		runtime.KeepAlive(y)
		runtime.KeepAlive(z)
	}
	names := 0
	for _, e := range cat.entries {
		names += len(e.Names)
	}
	b.ReportMetric(float64(names)/float64(len(cat.entries)), "names/film")
}

// BenchmarkServe measures a serving process: it saves the film and people
// indexes, starts this test binary afresh to load them and answer one
// search (TestServeHelper), and reports the time from process start to
// that answer and the process's resident memory, then the same with the
// quote index loaded as well.
func BenchmarkServe(b *testing.B) {
	_, x := benchTitles(b)
	dir := b.TempDir()
	write := func(name string, wt func(*os.File) error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			b.Fatal(err)
		}
		if err := wt(f); err != nil {
			b.Fatal(err)
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
	}
	write("titles", func(f *os.File) error { _, err := x.WriteTo(f); return err })
	write("people", func(f *os.File) error { _, err := New(people(*size)).WriteTo(f); return err })
	_, q := benchQuotes(b)
	write("quotes", func(f *os.File) error { _, err := q.WriteTo(f); return err })
	run := func(with string) map[string]float64 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestServeHelper$")
		cmd.Env = append(os.Environ(), "SEARCH_SERVE_DIR="+dir, "SEARCH_SERVE_WITH="+with)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("serve helper: %v\n%s", err, out)
		}
		got := map[string]float64{}
		sc := bufio.NewScanner(strings.NewReader(string(out)))
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), "="); ok {
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					got[k] = f
				}
			}
		}
		return got
	}
	for b.Loop() {
		m := run("titles,people")
		b.ReportMetric(m["answer-ms"], "start-to-answer-ms")
		b.ReportMetric(m["rss-MB"], "rss-MB")
		b.ReportMetric(m["hwm-MB"], "peak-rss-MB")
		m = run("titles,people,quotes")
		b.ReportMetric(m["rss-MB"], "with-quotes-rss-MB")
	}
}

// processStart is as close to the start of the process as a test binary
// gets.
var processStart = time.Now()

// TestServeHelper is the serving process of BenchmarkServe; it does
// nothing in a normal test run.
func TestServeHelper(t *testing.T) {
	dir := os.Getenv("SEARCH_SERVE_DIR")
	if dir == "" {
		t.Skip("run by BenchmarkServe")
	}
	var x, y Index
	var q Phrases
	read := func(name string, rf func(*os.File) error) {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := rf(f); err != nil {
			t.Fatal(err)
		}
	}
	with := os.Getenv("SEARCH_SERVE_WITH")
	read("titles", func(f *os.File) error { _, err := x.ReadFrom(f); return err })
	read("people", func(f *os.File) error { _, err := y.ReadFrom(f); return err })
	if strings.Contains(with, "quotes") {
		read("quotes", func(f *os.File) error { _, err := q.ReadFrom(f); return err })
	}
	hits := x.Search("leavng las vegas", 5)
	answer := time.Since(processStart)
	if len(hits) == 0 {
		t.Fatal("no answer")
	}
	y.Search("nic cage", 5)
	if strings.Contains(with, "quotes") {
		q.Search("ask me to stop", 5, 0)
	}
	runtime.GC()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	kb := func(key string) float64 {
		for l := range strings.SplitSeq(string(status), "\n") {
			if v, ok := strings.CutPrefix(l, key+":"); ok {
				f, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
				return f
			}
		}
		return 0
	}
	fmt.Printf("answer-ms=%.1f\nrss-MB=%.1f\nhwm-MB=%.1f\n", float64(answer)/1e6, kb("VmRSS")/1024, kb("VmHWM")/1024)
}

// rank runs the planted queries and counts the intended film first and
// within the first five, returning the queries that missed the first
// place.
func rank(x *Index, qs []plantedQuery) (top1, top5 int, missed []string) {
	for _, q := range qs {
		hits := x.Search(q.query, 5)
		for i, h := range hits {
			if h.ID == q.want {
				if i == 0 {
					top1++
				}
				top5++
				break
			}
		}
		if len(hits) == 0 || hits[0].ID != q.want {
			var got []string
			for _, h := range hits {
				got = append(got, fmt.Sprintf("%s (%d) %.3f", h.Name, h.Year, h.Score))
			}
			missed = append(missed, fmt.Sprintf("%v wants %d, got %v", q, q.want, got))
		}
	}
	return top1, top5, missed
}

// This file builds the deterministic synthetic catalogue the benchmarks and
// the ranking test run on: titles made from word lists (many shared words,
// remakes with other years, a heavy tail of popularity, accents and
// punctuation, alternative titles), with real films planted in it, and the
// queries people type for those films.

// commonWords are words titles share, most frequent first. Many words of
// the planted titles are among them, so those titles have competition.
var commonWords = strings.Fields(`
love night man day life last dark world time death girl house story dead
home blood city black king war little lost red white woman heart moon
light star american big old secret boy great brother kill lady christmas
family dream devil blue hell fire summer wild black angel love midnight
road ghost gold island sea street heaven shadow game golden first green
father mother son daughter sister friends child children wedding return
rise fall end beginning legend curse revenge hunter killer monster witch
vampire zombie dragon tiger hidden knight lord ring rings shadow silence
lambs window rear driver taxi space odyssey future back lost ark raiders
good bad ugly west once upon beautiful seven samurai boat blows thieves
bicycle princess neighbor fellowship professional labyrinth godfather
apocalypse extra terrestrial judgment day list stone away leaving vegas
las fear loathing psycho away spirited chamber secrets prisoner goblet
philosopher sorcerer destiny fabulous wonder wonderful journey escape
river mountain valley forest desert ocean storm rain snow winter spring
autumn sun sky earth planet galaxy star stars wars empire rebel force
kingdom castle tower bridge train station hotel school college party
dance song music rock blues jazz symphony night nights days years hours
minutes seconds morning evening dawn dusk twilight eclipse shadows echo
mirror glass paper iron steel silver diamond crystal glass bones skin
eyes hands face voice soul spirit mind memory memories dreams nightmare
terror horror fear panic scream silence whisper secret secrets lies truth
justice law order crime murder mystery case files detective agent spy
mission target code zero one two three ten hundred thousand million
dollar money gold diamonds heist bank job boss gang mob family brothers
sisters cousins uncle aunt grandpa kids baby babies teen teenage high
lost found missing stolen broken hidden forgotten forbidden sacred holy
unholy evil good better best worst last final ultimate eternal forever
never always tomorrow yesterday today now then new old young ancient
modern wild crazy mad happy sad lonely strange dangerous deadly lethal
fast furious quick slow silent loud sweet bitter cold hot warm frozen
burning fallen rising running flying falling dying living walking talking
singing dancing fighting hunting killing loving waiting dreaming
man men woman women boy boys girl girls lady ladies gentleman gentlemen
queen prince princess emperor captain doctor professor general soldier
sailor pilot cowboy outlaw sheriff ranger pirate pirates ninja warrior
warriors hero heroes villain saint sinner stranger strangers lovers
enemy enemies friend partner partners neighbor neighbours
paris london rome tokyo berlin moscow texas chicago brooklyn manhattan
hollywood vegas mexico china india africa america europe atlantis
highway avenue boulevard alley park garden beach coast harbor port
`)

// foreignWords make foreign titles and alternative titles, some with
// accents.
var foreignWords = strings.Fields(`
la le les el los las der die das il lo un une ein eine de del des du von
amour nuit jour vie mort fille maison rouge noir blanc cœur lune étoile
rêve été hiver fleur château éternité mémoire liberté vérité destin
fabuleux belle bête ciel mer soleil vent terre feu enfant enfants
amor noche día vida muerte chica casa rojo negro corazón luna estrella
sueño verano invierno ciudad camino cielo mar sol viento tierra fuego
niño niños señor señora mañana corazón canción mujer hombre
liebe nacht tag leben tod mädchen haus schwarz weiß herz mond stern
traum sommer winter stadt straße himmel meer sonne wind erde feuer
kinder schön über größe könig
amore notte giorno vita morte ragazza casa rosso nero cuore luna stella
sogno estate inverno città strada cielo mare sole vento terra fuoco
bambini dolce bella città perché
ai yoru hi inochi shi shoujo ie aka kuro shiro kokoro tsuki hoshi yume
natsu fuyu machi michi sora umi taiyou kaze tsuchi hi kodomo
`)

// syllables make pseudo-words: the long tail of names and places real
// titles are full of.
var syllables = strings.Fields(`ka ri mo ta shi na ve lo ru bel dor mar
tin gra vos lin ek an ol ur ja zu pe qui sa fen hal kor mel ni os tra
dus lek bar cas del fio gar hin jor kel lum mir nor pal ros sel tor val
wen yar zor bri cle dra fro gli ple sta tri`)

// pseudo returns the k-th pseudo-word.
func pseudo(k int) string {
	var b strings.Builder
	n := len(syllables)
	b.WriteString(syllables[k%n])
	k /= n
	b.WriteString(syllables[k%n])
	k /= n
	for k > 0 {
		b.WriteString(syllables[k%n])
		k /= n
	}
	return b.String()
}

type plantedFilm struct {
	title string
	year  int
	votes int
	akas  []string
}

// planted are real films (titles, years and alternative titles as they
// are; votes approximately as on IMDb) hidden in the synthetic catalogue.
var planted = []plantedFilm{
	{"Amélie", 2001, 800000, []string{"Le Fabuleux Destin d'Amélie Poulain"}},
	{"Spirited Away", 2001, 800000, []string{"Sen to Chihiro no Kamikakushi"}},
	{"Harry Potter and the Sorcerer's Stone", 2001, 900000, []string{"Harry Potter and the Philosopher's Stone"}},
	{"Harry Potter and the Chamber of Secrets", 2002, 700000, nil},
	{"Harry Potter and the Prisoner of Azkaban", 2004, 700000, nil},
	{"Schindler's List", 1993, 1400000, nil},
	{"WALL·E", 2008, 1100000, nil},
	{"Psycho", 1960, 700000, nil},
	{"Psycho", 1998, 45000, nil},
	{"Psycho II", 1983, 40000, nil},
	{"Leaving Las Vegas", 1995, 139000, nil},
	{"Fear and Loathing in Las Vegas", 1998, 300000, nil},
	{"Fargo", 1996, 720000, nil},
	{"The Godfather", 1972, 2000000, nil},
	{"The Godfather Part II", 1974, 1350000, nil},
	{"Se7en", 1995, 1800000, []string{"Seven"}},
	{"Pulp Fiction", 1994, 2200000, nil},
	{"The Shawshank Redemption", 1994, 2900000, nil},
	{"Fight Club", 1999, 2300000, nil},
	{"The Matrix", 1999, 2100000, nil},
	{"Forrest Gump", 1994, 2300000, nil},
	{"Inception", 2010, 2600000, nil},
	{"The Dark Knight", 2008, 2900000, nil},
	{"Star Wars", 1977, 1400000, []string{"Star Wars: Episode IV - A New Hope"}},
	{"Pan's Labyrinth", 2006, 700000, []string{"El laberinto del fauno"}},
	{"Crouching Tiger, Hidden Dragon", 2000, 280000, []string{"Wo hu cang long"}},
	{"Life Is Beautiful", 1997, 750000, []string{"La vita è bella"}},
	{"City of God", 2002, 800000, []string{"Cidade de Deus"}},
	{"Oldboy", 2003, 620000, []string{"Oldeuboi"}},
	{"Das Boot", 1981, 260000, []string{"The Boat"}},
	{"The Seventh Seal", 1957, 200000, []string{"Det sjunde inseglet"}},
	{"Seven Samurai", 1954, 370000, []string{"Shichinin no samurai"}},
	{"Bicycle Thieves", 1948, 175000, []string{"Ladri di biciclette"}},
	{"Princess Mononoke", 1997, 450000, []string{"Mononoke-hime"}},
	{"My Neighbor Totoro", 1988, 370000, []string{"Tonari no Totoro"}},
	{"Léon: The Professional", 1994, 1250000, []string{"Léon"}},
	{"The Lord of the Rings: The Fellowship of the Ring", 2001, 2000000, nil},
	{"The Lord of the Rings: The Return of the King", 2003, 1950000, nil},
	{"Back to the Future", 1985, 1300000, nil},
	{"Back to the Future Part II", 1989, 560000, nil},
	{"Alien", 1979, 940000, nil},
	{"Aliens", 1986, 740000, nil},
	{"Terminator 2: Judgment Day", 1991, 1200000, nil},
	{"The Silence of the Lambs", 1991, 1550000, nil},
	{"Goodfellas", 1990, 1250000, nil},
	{"Casablanca", 1942, 600000, nil},
	{"Citizen Kane", 1941, 460000, nil},
	{"Vertigo", 1958, 430000, nil},
	{"Rear Window", 1954, 520000, nil},
	{"2001: A Space Odyssey", 1968, 720000, nil},
	{"Apocalypse Now", 1979, 700000, nil},
	{"Taxi Driver", 1976, 920000, nil},
	{"Jaws", 1975, 650000, nil},
	{"E.T. the Extra-Terrestrial", 1982, 430000, nil},
	{"Raiders of the Lost Ark", 1981, 1000000, []string{"Indiana Jones and the Raiders of the Lost Ark"}},
	{"The Good, the Bad and the Ugly", 1966, 800000, []string{"Il buono, il brutto, il cattivo"}},
	{"Once Upon a Time in the West", 1968, 350000, []string{"C'era una volta il West"}},
	{"La Dolce Vita", 1960, 80000, nil},
	{"Breathless", 1960, 85000, []string{"À bout de souffle"}},
	{"The 400 Blows", 1959, 125000, []string{"Les Quatre Cents Coups"}},
	{"Metropolis", 1927, 190000, nil},
	{"Nosferatu", 1922, 110000, []string{"Nosferatu, eine Symphonie des Grauens"}},
	{"Amores Perros", 2000, 250000, []string{"Love's a Bitch"}},
	{"Y Tu Mamá También", 2001, 130000, []string{"And Your Mother Too"}},
	{"The Intouchables", 2011, 900000, []string{"Intouchables"}},
	{"Run Lola Run", 1998, 210000, []string{"Lola rennt"}},
	{"The Lives of Others", 2006, 410000, []string{"Das Leben der Anderen"}},
	{"King Kong", 1933, 90000, nil},
	{"King Kong", 2005, 450000, nil},
	{"Scarface", 1983, 900000, nil},
	{"Scarface", 1932, 30000, nil},
	{"Ocean's Eleven", 2001, 600000, []string{"Ocean's 11"}},
}

// obscureNamesakes are planted titles that the synthetic catalogue also
// uses for obscure films of other years.
var obscureNamesakes = []string{"Fargo", "Alien", "Vertigo", "Psycho", "Jaws",
	"Metropolis", "Breathless", "Casablanca", "Inception", "Seven", "The Boat",
	"Oldboy", "Leaving Las Vegas", "Star Wars", "Nosferatu", "City of God"}

// catalogue is a synthetic film catalogue.
type catalogue struct {
	entries []Entry
	// plantedIDs are the IDs of planted[i].
	plantedIDs []int64
}

type generator struct {
	r     *rand.Rand
	prev  []string // titles so far, for remakes and sequels
	years []int
}

// zipf picks an index below n, small ones far more often.
func (g *generator) zipf(n int, skew float64) int {
	return min(n-1, int(float64(n)*math.Pow(g.r.Float64(), skew)))
}

func (g *generator) common() string { return g.cap(commonWords[g.zipf(len(commonWords), 2.2)]) }
func (g *generator) foreign() string {
	return g.cap(foreignWords[g.zipf(len(foreignWords), 1.6)])
}
func (g *generator) name() string { return g.cap(pseudo(g.zipf(300000, 1.8))) }

// word is a title word: mostly common, sometimes a name or a foreign word.
func (g *generator) word() string {
	switch x := g.r.IntN(100); {
	case x < 72:
		return g.common()
	case x < 92:
		return g.name()
	default:
		return g.foreign()
	}
}

func (g *generator) cap(w string) string {
	r := []rune(w)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

var romans = []string{"II", "III", "IV", "2", "3", "Part II", "Part III", "Returns", "Reloaded"}

// title makes one synthetic title.
func (g *generator) title() string {
	w := g.word
	switch x := g.r.IntN(100); {
	case x < 12:
		return w()
	case x < 22:
		return "The " + w()
	case x < 37:
		return w() + " " + w()
	case x < 45:
		return "The " + w() + " " + w()
	case x < 53:
		return w() + " of the " + w()
	case x < 57:
		return w() + " and " + w()
	case x < 61:
		return "A " + w() + " in " + w()
	case x < 66:
		return w() + "'s " + w()
	case x < 70:
		return w() + ": The " + w() + " of " + w()
	case x < 75:
		return g.name() + " " + g.name()
	case x < 80:
		return w() + " " + w() + " " + w() + " " + w()
	case x < 83:
		return "The " + w() + " of the " + w() + " " + w() + " and the " + w()
	case x < 87 && len(g.prev) > 0:
		return g.prev[g.r.IntN(len(g.prev))] + " " + romans[g.r.IntN(len(romans))]
	case x < 93:
		return []string{"Le", "La", "El", "Der", "Die", "Il"}[g.r.IntN(6)] + " " + g.foreign() + " " + g.foreign()
	case x < 95:
		return w() + "-" + w()
	case x < 97:
		return w() + " " + strconv.Itoa(1+g.r.IntN(99))
	default:
		return w() + "·" + w()
	}
}

// votes draws a heavy-tailed popularity: a median of about thirty votes,
// some hundreds of films above 100,000, a few dozen above a million.
func (g *generator) votes() int {
	u := 1 - g.r.Float64()
	return min(max(int(20*math.Pow(u, -1.15))-15, 0), 2500000)
}

func (g *generator) year() int {
	return 2025 - g.zipf(105, 1.7)
}

// aka makes an alternative title for t.
func (g *generator) aka(t string) string {
	switch g.r.IntN(4) {
	case 0: // a translation
		var out []string
		for range strings.Fields(t) {
			out = append(out, g.foreign())
		}
		return strings.Join(out, " ")
	case 1:
		return t + ": " + g.word() + " " + g.word()
	case 2:
		return g.name() + " " + g.word()
	default:
		return strings.ToUpper(t[:1]) + t[1:] + " (" + g.foreign() + ")"
	}
}

// newCatalogue builds a catalogue of n films (planted ones included),
// always the same for the same n.
func newCatalogue(n int) *catalogue {
	g := &generator{r: rand.New(rand.NewPCG(uint64(n), 42))}
	c := &catalogue{}
	id := int64(1)
	add := func(title string, year, votes int, akas []string) int64 {
		c.entries = append(c.entries, Entry{ID: id, Names: append([]string{title}, akas...), Year: year, Popularity: votes})
		id++
		return id - 1
	}
	for _, p := range planted {
		c.plantedIDs = append(c.plantedIDs, add(p.title, p.year, p.votes, p.akas))
	}
	for _, t := range obscureNamesakes {
		for k := range 2 {
			add(t, 1930+g.r.IntN(90)+k, 10+g.r.IntN(3000), nil)
		}
	}
	for len(c.entries) < n {
		var t string
		if len(g.prev) > 100 && g.r.IntN(100) < 4 {
			t = g.prev[g.r.IntN(len(g.prev))] // a remake
		} else {
			t = g.title()
		}
		if len(g.prev) < 50000 {
			g.prev = append(g.prev, t)
		} else {
			g.prev[g.r.IntN(len(g.prev))] = t
		}
		var akas []string
		switch x := g.r.IntN(100); {
		case x < 35:
			akas = []string{g.aka(t)}
		case x < 45:
			akas = []string{g.aka(t), g.aka(t)}
		}
		add(t, g.year(), g.votes(), akas)
	}
	return c
}

// people makes n synthetic person names.
func people(n int) []Entry {
	g := &generator{r: rand.New(rand.NewPCG(uint64(n), 7))}
	out := make([]Entry, n)
	for i := range out {
		first := g.cap(pseudo(g.zipf(3000, 1.5)))
		last := g.cap(pseudo(3000 + g.zipf(200000, 1.3)))
		name := first + " " + last
		if g.r.IntN(10) == 0 {
			name = first + " " + string(rune('A'+g.r.IntN(26))) + ". " + last
		}
		out[i] = Entry{ID: int64(i + 1), Names: []string{name}}
	}
	return out
}

// plantedQuery is a query meant to find one planted film or quote.
type plantedQuery struct {
	kind, query string
	want        int64
	src         int64 // a fragment's quote: found, or one as good
}

// queries returns what people type for the planted films: the title as
// written, lower case, with a typo, two letters swapped, a letter dropped
// or doubled, a word missing, a prefix, an alternative title; with the
// year for a namesake of a better-known film. Queries that mean another
// film as much are left out (see ambiguous).
func (c *catalogue) queries() []plantedQuery {
	names := c.foldedNames()
	var out []plantedQuery
	for i, p := range planted {
		want := c.plantedIDs[i]
		year := ""
		// A film with a better-known namesake is asked for with its
		// year, as people do.
		for _, n := range names.startingWith(fold(p.title)) {
			if e := c.entries[n.i]; n.f == fold(p.title) && e.ID != want && e.Popularity >= p.votes {
				year = " " + strconv.Itoa(p.year)
			}
		}
		add := func(kind, q string) {
			if q != "" {
				out = append(out, plantedQuery{kind, q + year, want, 0})
			}
		}
		add("exact", p.title)
		add("lower", strings.ToLower(p.title))
		ws := strings.Fields(fold(p.title))
		add("typo", edit(ws, func(w []byte, m int) []byte {
			w[m] = "bcdefghijklmnopqrstuvwxyza"[w[m]-'a']
			return w
		}))
		add("swap", edit(ws, func(w []byte, m int) []byte {
			if w[m-1] == w[m] {
				return nil
			}
			w[m-1], w[m] = w[m], w[m-1]
			return w
		}))
		add("dropped", edit(ws, func(w []byte, m int) []byte { return append(w[:m], w[m+1:]...) }))
		add("doubled", edit(ws, func(w []byte, m int) []byte { return append(w[:m+1], w[m:]...) }))
		if len(ws) >= 3 {
			// Leave out the longest word but the first.
			at := 1
			for k := 2; k < len(ws); k++ {
				if len(ws[k]) > len(ws[at]) {
					at = k
				}
			}
			add("missing", strings.Join(append(append([]string{}, ws[:at]...), ws[at+1:]...), " "))
		}
		add("prefix", prefix(fold(p.title)))
		for _, a := range p.akas {
			add("aka", strings.ToLower(a))
		}
	}
	kept := out[:0]
	for _, q := range out {
		if !names.ambiguous(c, q) {
			kept = append(kept, q)
		}
	}
	return kept
}

// foldedNames are the folded names of a catalogue, sorted, and its words,
// to tell ambiguous queries.
type foldedNames struct {
	names []foldedName
	words []string
}

type foldedName struct {
	f string
	i int // entry
}

func (c *catalogue) foldedNames() *foldedNames {
	fn := &foldedNames{}
	seen := map[string]bool{}
	for i, e := range c.entries {
		for _, n := range e.Names {
			f := fold(n)
			fn.names = append(fn.names, foldedName{f, i})
			for _, w := range strings.Fields(f) {
				if !seen[w] {
					seen[w] = true
					fn.words = append(fn.words, w)
				}
			}
		}
	}
	slices.SortFunc(fn.names, func(a, b foldedName) int { return strings.Compare(a.f, b.f) })
	slices.Sort(fn.words)
	return fn
}

// startingWith returns the names that start with p.
func (fn *foldedNames) startingWith(p string) []foldedName {
	lo, _ := slices.BinarySearchFunc(fn.names, p, func(a foldedName, p string) int { return strings.Compare(a.f, p) })
	hi := lo
	for hi < len(fn.names) && strings.HasPrefix(fn.names[hi].f, p) {
		hi++
	}
	return fn.names[lo:hi]
}

// ambiguous reports whether q means another film at least as much as the
// one it was made for:
//   - another entry is named exactly that (of that year, if the query
//     gives one), unless the film is too and is better known;
//   - a prefix is also the start of a better-known film's name ("alie":
//     Alien before Aliens);
//   - a typo in the last word made it the start of other words ("jas",
//     from "jaws", is also what typing "Jasmine" looks like).
func (fn *foldedNames) ambiguous(c *catalogue, q plantedQuery) bool {
	text, y := splitYear(q.query)
	f := fold(text)
	target := &c.entries[q.want-1] // IDs are numbered from 1 in order
	targetNamed := false
	for _, n := range target.Names {
		targetNamed = targetNamed || fold(n) == f
	}
	for _, n := range fn.startingWith(f) {
		e := &c.entries[n.i]
		if e.ID == q.want || y != 0 && e.Year != y {
			continue
		}
		switch {
		case n.f == f && (!targetNamed || e.Popularity >= target.Popularity):
			return true
		case q.kind == "prefix" && e.Popularity >= target.Popularity:
			return true
		}
	}
	switch q.kind {
	case "typo", "swap", "dropped", "doubled":
		ws := strings.Fields(f)
		last := ws[len(ws)-1]
		orig := strings.Fields(fold(target.Names[0]))
		if len(orig) == len(ws) && orig[len(orig)-1] != last {
			i, _ := slices.BinarySearch(fn.words, last)
			for ; i < len(fn.words) && strings.HasPrefix(fn.words[i], last); i++ {
				if fn.words[i] != last {
					return true
				}
			}
		}
	}
	return false
}

// edit applies f to the middle of the longest word of ws of at least four
// letters, all ASCII, and returns the words joined, or "" when there is no
// such word or f declines.
func edit(ws []string, f func(w []byte, m int) []byte) string {
	at := -1
	for i, w := range ws {
		ascii := true
		for _, r := range w {
			if r < 'a' || r > 'z' {
				ascii = false
			}
		}
		if ascii && len(w) >= 4 && (at < 0 || len(w) > len(ws[at])) {
			at = i
		}
	}
	if at < 0 {
		return ""
	}
	w := f([]byte(ws[at]), len(ws[at])/2)
	if w == nil {
		return ""
	}
	out := append([]string{}, ws...)
	out[at] = string(w)
	return strings.Join(out, " ")
}

// prefix is what someone has typed of a title when autocomplete should
// already show it: about 60% of it, and at least four letters.
func prefix(f string) string {
	n := max(4, (len(f)*6+9)/10)
	if n >= len(f) {
		return ""
	}
	return strings.TrimSpace(f[:n])
}

// mixedQueries is the timing mix: the planted queries, popular and random
// synthetic titles (as typed, with typos, with years), long titles, and
// one to three letters typed into an empty box.
func (c *catalogue) mixedQueries(n int) []string {
	g := &generator{r: rand.New(rand.NewPCG(uint64(n), 99))}
	var out []string
	for _, q := range c.queries() {
		out = append(out, q.query)
	}
	pick := func() *Entry {
		// People look for well-known films more often.
		for {
			e := &c.entries[g.r.IntN(len(c.entries))]
			if e.Popularity > 1000 || g.r.IntN(4) == 0 {
				return e
			}
		}
	}
	for len(out) < n {
		e := pick()
		t := fold(e.Names[0])
		ws := strings.Fields(t)
		switch g.r.IntN(8) {
		case 0, 1:
			out = append(out, strings.ToLower(e.Names[0]))
		case 2:
			if q := edit(ws, func(w []byte, m int) []byte { return append(w[:m], w[m+1:]...) }); q != "" {
				out = append(out, q)
			}
		case 3:
			k := 1 + g.r.IntN(3)
			if r, ok := runePrefix(ws[g.r.IntN(len(ws))], k); ok {
				out = append(out, r)
			}
		case 4:
			if len(ws) >= 5 {
				out = append(out, t)
			}
		case 5:
			out = append(out, t+" "+strconv.Itoa(e.Year))
		case 6:
			if q := prefix(t); q != "" {
				out = append(out, q)
			}
		default:
			if len(e.Names) > 1 {
				out = append(out, strings.ToLower(e.Names[1]))
			}
		}
	}
	return out[:n]
}

// phrase data: quotes from a word list, and real quotes planted in them.

var quoteWords = strings.Fields(`
you i the to a it me is that and of what in this we my your know don't
not have be do are he for it's no on just was can with all get but so
here there they go come right now she him her want think well like out
up about see one if im going got tell let time never never good back
look who why how man when then make take need say said ever love little
because from been sure thing things life could would should must call
make nothing something everything anything people ask stop hell god
world day night home kill dead die live find give keep leave help wait
talk work money gonna wanna think believe remember forget feel mean try
again always maybe still only really very way down off over into yeah
okay sorry please thank thanks friend father mother son kid kids baby
boy girl woman women men old new big long last first next real true
`)

var plantedQuotes = []string{
	"You mustn't ask me to stop. You must never ask me to stop.",
	"I'm gonna make him an offer he can't refuse.",
	"Here's looking at you, kid.",
	"May the Force be with you.",
	"You talkin' to me?",
	"Frankly, my dear, I don't give a damn.",
	"I'll be back.",
	"Houston, we have a problem.",
	"Life is like a box of chocolates. You never know what you're gonna get.",
	"The first rule of Fight Club is: you do not talk about Fight Club.",
	"Why so serious?",
	"I see dead people.",
	"Keep your friends close, but your enemies closer.",
	"You can't handle the truth!",
	"Nobody puts Baby in a corner.",
	"A boy's best friend is his mother.",
	"What's in the box?",
	"Get busy living, or get busy dying.",
	"Toto, I've a feeling we're not in Kansas anymore.",
	"There's no place like home.",
}

type phraseCatalogue struct {
	phrases []Phrase
	planted []int64 // IDs of plantedQuotes
}

func newPhraseCatalogue(n int) *phraseCatalogue {
	g := &generator{r: rand.New(rand.NewPCG(uint64(n), 5))}
	pc := &phraseCatalogue{}
	for i, q := range plantedQuotes {
		pc.phrases = append(pc.phrases, Phrase{ID: int64(i + 1), Group: int64(i + 1), Text: q})
		pc.planted = append(pc.planted, int64(i+1))
	}
	for len(pc.phrases) < n {
		k := 4 + g.zipf(24, 1.4)
		var b strings.Builder
		for j := range k {
			if j > 0 {
				b.WriteByte(' ')
			}
			if g.r.IntN(30) == 0 {
				b.WriteString(pseudo(g.zipf(5000, 1.5)))
			} else {
				b.WriteString(quoteWords[g.zipf(len(quoteWords), 2.0)])
			}
		}
		b.WriteByte('.')
		pc.phrases = append(pc.phrases, Phrase{
			ID: int64(len(pc.phrases) + 1), Group: int64(1 + g.r.IntN(max(n/5, 1))), Text: b.String(),
		})
	}
	return pc
}

// queries are half-remembered quotes: the planted ones whole, in part,
// with a typo; and fragments of synthetic ones.
func (pc *phraseCatalogue) queries(n int) []plantedQuery {
	g := &generator{r: rand.New(rand.NewPCG(uint64(n), 6))}
	var out []plantedQuery
	for i, q := range plantedQuotes {
		ws := strings.Fields(fold(q))
		want := pc.planted[i]
		out = append(out, plantedQuery{"whole", q, want, 0})
		if len(ws) >= 4 {
			out = append(out, plantedQuery{"part", strings.Join(ws[1:len(ws)-1], " "), want, 0})
		}
		if t := edit(ws, func(w []byte, m int) []byte { return append(w[:m], w[m+1:]...) }); t != "" {
			out = append(out, plantedQuery{"typo", t, want, 0})
		}
	}
	for len(out) < n {
		p := pc.phrases[g.r.IntN(len(pc.phrases))]
		ws := strings.Fields(fold(p.Text))
		k := min(len(ws), 3+g.r.IntN(4))
		at := g.r.IntN(len(ws) - k + 1)
		out = append(out, plantedQuery{"fragment", strings.Join(ws[at:at+k], " "), 0, p.ID})
	}
	return out
}

func (q plantedQuery) String() string { return fmt.Sprintf("%s %q", q.kind, q.query) }
