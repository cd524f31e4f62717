package search

import (
	"bytes"
	"errors"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"moviebot/knowledge"
)

// The ranking test and the reference comparison share one 50,000-film
// catalogue.
var small struct {
	once sync.Once
	cat  *catalogue
	x    *Index
}

func smallIndex(t testing.TB) (*catalogue, *Index) {
	t.Helper()
	small.once.Do(func() {
		small.cat = newCatalogue(50_000)
		small.x = New(small.cat.entries)
	})
	return small.cat, small.x
}

// TestRankingQuality: the intended film first for at least 95% of the
// planted queries and within the first five for all of them.
func TestRankingQuality(t *testing.T) {
	cat, x := smallIndex(t)
	qs := cat.queries()
	top1, top5, missed := rank(x, qs)
	for _, m := range missed {
		t.Log("not first:", m)
	}
	t.Logf("%d queries: top-1 %.1f%%, top-5 %.1f%%", len(qs), 100*float64(top1)/float64(len(qs)), 100*float64(top5)/float64(len(qs)))
	if len(qs) < 400 {
		t.Errorf("only %d planted queries", len(qs))
	}
	if float64(top1) < 0.95*float64(len(qs)) {
		t.Errorf("top-1 %d of %d, want at least 95%%", top1, len(qs))
	}
	if top5 != len(qs) {
		t.Errorf("top-5 %d of %d, want all", top5, len(qs))
	}
}

// reference is the search the index replaces: every entry scored, as the
// package did before it had an index (with each name's words split once,
// to keep the test quick).
type reference struct {
	entries []Entry
	words   [][][]string
}

func newReference(entries []Entry) *reference {
	r := &reference{entries: entries, words: make([][][]string, len(entries))}
	for i, e := range entries {
		for _, n := range e.Names {
			r.words[i] = append(r.words[i], words(n))
		}
	}
	return r
}

func (r *reference) search(query string) (Hit, bool) {
	q, year := splitYear(query)
	qs := words(q)
	if len(qs) == 0 {
		return Hit{}, false
	}
	if len(qs) > maxQueryWords {
		qs = qs[:maxQueryWords]
	}
	var top Hit
	found := false
	for i, e := range r.entries {
		best, which := 0.0, 0
		for k, ts := range r.words[i] {
			if len(ts) == 0 {
				continue
			}
			s := nameScore(qs, ts)
			if s > best {
				best, which = s, k
			}
		}
		if best <= 0 {
			continue
		}
		if year != 0 {
			if e.Year == year {
				best += 0.2
			} else {
				best -= 0.3
			}
		}
		best += popScore(uint32(e.Popularity))
		if best < Maybe || found && best <= top.Score {
			continue
		}
		top, found = Hit{ID: e.ID, Name: e.Names[0], Year: e.Year, Score: best}, true
		if which > 0 {
			top.Matched = e.Names[which]
		}
	}
	return top, found
}

// TestSearchMatchesFullScan: on the mixed queries, the best score the
// index finds is the best score of any entry, found by scoring them all.
// Candidate generation may only lose what a full scan would rank low.
func TestSearchMatchesFullScan(t *testing.T) {
	cat := newCatalogue(20_000)
	x := New(cat.entries)
	ref := newReference(cat.entries)
	qs := cat.mixedQueries(400)
	if testing.Short() {
		qs = qs[:100]
	}
	same := 0
	for _, q := range qs {
		want, ok := ref.search(q)
		got := x.Search(q, 1)
		switch {
		case !ok && len(got) > 0 && got[0].Score >= Sure:
			t.Errorf("%q: index found %+v, full scan nothing", q, got[0])
		case !ok:
			same++
		case len(got) == 0:
			t.Logf("%q: index found nothing, full scan %+v", q, want)
		case math.Abs(got[0].Score-want.Score) < 1e-9:
			same++
		case got[0].Score > want.Score:
			t.Errorf("%q: index scored %+v above the full scan's best %+v", q, got[0], want)
		default:
			t.Logf("%q: index best %+v, full scan %+v", q, got[0], want)
		}
	}
	t.Logf("%d of %d queries: same best score as a full scan", same, len(qs))
	if float64(same) < 0.98*float64(len(qs)) {
		t.Errorf("only %d of %d queries agree with a full scan", same, len(qs))
	}
}

// TestExactTitleFound: the exact title of the least-known films, with
// their year, finds them first, however common their words.
func TestExactTitleFound(t *testing.T) {
	cat, x := smallIndex(t)
	checked := 0
	for i := len(cat.entries) - 1; i >= 0 && checked < 300; i -= 97 {
		e := cat.entries[i]
		if e.Popularity > 50 || e.Year == 0 {
			continue
		}
		checked++
		q := e.Names[0] + " " + strconv.Itoa(e.Year)
		hits := x.Search(q, 5)
		if len(hits) == 0 || hits[0].Score < 1.2 || fold(hits[0].Name) != fold(e.Names[0]) || hits[0].Year != e.Year {
			t.Errorf("Search(%q) = %+v, want %d first", q, hits, e.ID)
		}
	}
	if checked < 100 {
		t.Fatalf("only %d obscure films checked", checked)
	}
}

// TestSearchAllocations: a search allocates for its query and its results,
// not for the catalogue.
func TestSearchAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool drops items under the race detector")
	}
	_, x := smallIndex(t)
	queries := []string{"l", "le", "lea", "leavng las vegas", "the godfather 1972", "harry potter and the philosophers stone", "zzqx"}
	for _, q := range queries {
		x.Search(q, 25) // warm the pool
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		const n = 20
		for range n {
			x.Search(q, 25)
		}
		runtime.ReadMemStats(&after)
		if per := (after.TotalAlloc - before.TotalAlloc) / n; per > 32<<10 {
			t.Errorf("Search(%q) allocates %d bytes", q, per)
		}
	}
}

func TestSearchHits(t *testing.T) {
	x := films()
	cases := []struct {
		query string
		want  Hit
	}{
		{"sen to chihiro", Hit{ID: 8, Name: "Spirited Away", Year: 2001, Matched: "Sen to Chihiro no Kamikakushi"}},
		{"spirited away", Hit{ID: 8, Name: "Spirited Away", Year: 2001}},
		{"le fabuleux destin", Hit{ID: 5, Name: "Amélie", Year: 2001, Matched: "Le Fabuleux Destin d'Amélie Poulain"}},
	}
	for _, c := range cases {
		hits := x.Search(c.query, 1)
		if len(hits) == 0 {
			t.Errorf("Search(%q) found nothing", c.query)
			continue
		}
		got := hits[0]
		got.Score, got.Popularity = 0, 0
		if got != c.want {
			t.Errorf("Search(%q) = %+v, want %+v", c.query, got, c.want)
		}
	}
}

func TestSearchEdges(t *testing.T) {
	empty := New(nil)
	if hits := empty.Search("psycho", 5); hits != nil || empty.Len() != 0 || len(empty.Top(5)) != 0 {
		t.Errorf("empty index: %v", hits)
	}
	x := New([]Entry{
		{ID: 1, Names: nil, Popularity: 5},
		{ID: 2, Names: []string{"!!!", "Alt Title"}},
		{ID: 3, Names: []string{"Same", "SAME", "same!"}},
	})
	if got := x.Search("alt title", 5); len(got) != 1 || got[0].ID != 2 || got[0].Name != "!!!" || got[0].Matched != "Alt Title" {
		t.Errorf("display name without words: %+v", got)
	}
	if got := x.Search("same", 5); len(got) != 1 || got[0].Matched != "" {
		t.Errorf("duplicate names: %+v", got)
	}
	if top := x.Top(10); len(top) != 3 || top[0].ID != 1 || top[0].Name != "" {
		t.Errorf("Top = %+v", top)
	}
	if got := films().Search("psycho", 0); got != nil {
		t.Errorf("limit 0: %+v", got)
	}
	// A pasted paragraph is cut to maxQueryWords words.
	if got := films().Search(strings.Repeat("leaving las vegas ", 100), 3); len(got) != 0 {
		t.Errorf("a query of 300 words matched: %+v", got)
	}
}

func TestTop(t *testing.T) {
	top := films().Top(3)
	var got []int64
	for _, h := range top {
		got = append(got, h.ID)
	}
	if want := []int64{7, 6, 5}; !equal(got, want) {
		t.Errorf("Top(3) = %v, want %v", got, want)
	}
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSubsequenceFallback(t *testing.T) {
	hits := films().Search("lvng ls vgs", 5)
	if len(hits) == 0 || hits[0].ID != 1 {
		t.Fatalf("Search(lvng ls vgs) = %+v, want Leaving Las Vegas", hits)
	}
	if hits[0].Score >= Sure || hits[0].Score < Maybe {
		t.Errorf("fallback score %v, want in [Maybe, Sure)", hits[0].Score)
	}
}

func quotes() []Phrase {
	return []Phrase{
		{ID: 1, Group: 10, Text: "You mustn't ask me to stop. You must never ask me to stop."},
		{ID: 2, Group: 10, Text: "I'm not going to stop drinking."},
		{ID: 3, Group: 20, Text: "Ask not what your country can do for you."},
		{ID: 4, Group: 20, Text: "A prickly pear, in the desert."},
		{ID: 5, Group: 30, Text: "You must never ask me to stop."},
	}
}

func TestPhrasesSearch(t *testing.T) {
	ps := quotes()
	p := NewPhrases(ps)
	cases := []struct {
		query string
		group int64
		want  []int64
	}{
		{"you must never ask me to stop", 0, []int64{1, 5}}, // both whole: in order
		{"must nevr ask me stop", 0, []int64{1, 5}},
		{"must nevr ask me stop", 10, []int64{1}},
		{"prickly pear", 0, []int64{4}},
		{"prickly pear", 10, nil},
		{"prickly pear", 99, nil},
		{"", 0, nil},
	}
	for _, c := range cases {
		var got []int64
		for _, h := range p.Search(c.query, 2, c.group) {
			got = append(got, h.ID)
			// The score is Contains' score.
			for _, q := range ps {
				if q.ID == h.ID && math.Abs(Contains(c.query, q.Text)-h.Score) > 1e-9 {
					t.Errorf("%q: phrase %d scored %v, Contains %v", c.query, h.ID, h.Score, Contains(c.query, q.Text))
				}
			}
		}
		if len(got) > len(c.want) {
			got = got[:len(c.want)]
		}
		if !equal(got, c.want) {
			t.Errorf("Search(%q, group %d) = %v, want %v first", c.query, c.group, got, c.want)
		}
	}
	if p.Len() != len(ps) {
		t.Errorf("Len = %d", p.Len())
	}
}

// TestPhrasesLarge: planted quotes come first among many synthetic ones,
// with a group too large to score whole.
func TestPhrasesLarge(t *testing.T) {
	pc := newPhraseCatalogue(30_000)
	for i := range pc.phrases {
		if i%3 == 0 {
			pc.phrases[i].Group = 7 // a group larger than phraseLimits.cands
		}
	}
	p := NewPhrases(pc.phrases)
	found := 0
	qs := pc.queries(0)
	for _, q := range qs {
		if hits := p.Search(q.query, 5, 0); len(hits) > 0 && hits[0].ID == q.want {
			found++
		} else {
			t.Logf("%v: %+v", q, hits)
		}
	}
	if found < len(qs)*9/10 {
		t.Errorf("planted quotes first for %d of %d queries", found, len(qs))
	}
	for _, h := range p.Search("you know what", 20, 7) {
		if h.Group != 7 {
			t.Errorf("hit outside the group: %+v", h)
		}
	}
}

func TestSaveLoad(t *testing.T) {
	cat := newCatalogue(3000)
	x := New(cat.entries)
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	var y Index
	if n, err := y.ReadFrom(bytes.NewReader(buf.Bytes())); err != nil || n != int64(buf.Len()) {
		t.Fatalf("ReadFrom = %d, %v", n, err)
	}
	for _, q := range cat.mixedQueries(200) {
		a, b := x.Search(q, 5), y.Search(q, 5)
		if len(a) != len(b) {
			t.Fatalf("%q: %+v, loaded %+v", q, a, b)
		}
		for i := range a {
			if a[i] != b[i] {
				t.Fatalf("%q: %+v, loaded %+v", q, a, b)
			}
		}
	}
	var z Phrases
	if _, err := z.ReadFrom(bytes.NewReader(buf.Bytes())); !errors.Is(err, ErrFormat) {
		t.Errorf("phrases from a title index: %v", err)
	}

	p := NewPhrases(quotes())
	buf.Reset()
	if _, err := p.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := z.ReadFrom(&buf); err != nil {
		t.Fatal(err)
	}
	if got := z.Search("prickly pear", 1, 0); len(got) != 1 || got[0].ID != 4 {
		t.Errorf("loaded phrases: %+v", got)
	}
}

func TestLoadDamaged(t *testing.T) {
	var buf bytes.Buffer
	if _, err := films().WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	for _, n := range []int{0, 5, len(magic) + 8, len(good) / 2, len(good) - 1} {
		var x Index
		if _, err := x.ReadFrom(bytes.NewReader(good[:n])); err == nil {
			t.Errorf("a file cut at %d read without error", n)
		}
	}
	// Flip bytes one at a time: loading must fail or give an index that
	// searches without panicking.
	for i := 0; i < len(good); i += 7 {
		bad := bytes.Clone(good)
		bad[i] ^= 0x5a
		var x Index
		if _, err := x.ReadFrom(bytes.NewReader(bad)); err == nil {
			x.Search("leavng las vegas", 5)
			x.Search("l", 5)
			x.Top(3)
		}
	}
}

func FuzzReadFrom(f *testing.F) {
	var buf bytes.Buffer
	if _, err := films().WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		var x Index
		if _, err := x.ReadFrom(bytes.NewReader(b)); err == nil {
			x.Search("psycho 1998", 5)
			x.Search("wal", 5)
		}
	})
}

func FuzzSearch(f *testing.F) {
	x := films()
	p := NewPhrases(quotes())
	for _, s := range []string{"leavng las vegsa", "psycho (1960)", "l", "Amélie", "wall·e", "schindlers", "lvng lv", "ask me to stop"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, h := range x.Search(q, 5) {
			if h.Score < Maybe {
				t.Errorf("Search(%q) returned %+v below Maybe", q, h)
			}
		}
		p.Search(q, 5, 0)
		p.Search(q, 5, 10)
	})
}

// TestFoldASCII: the ASCII fast path folds as knowledge.Fold does.
func TestFoldASCII(t *testing.T) {
	var all []byte
	for c := 1; c < 0x80; c++ {
		all = append(all, byte(c))
	}
	cases := []string{string(all), "  Schindler's List ", "WALL-E", "Se7en", "E.T. the Extra-Terrestrial", "O'Brien`s", "", " ", "a  b", "--x--"}
	for _, c := range cases {
		if got, want := fold(c), knowledge.Fold(c); got != want {
			t.Errorf("fold(%q) = %q, want %q", c, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	f.Add("Schindler's List")
	f.Add("Amélie")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fold(s), knowledge.Fold(s); got != want {
			t.Errorf("fold(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestIntersect(t *testing.T) {
	pc := newPhraseCatalogue(5000)
	p := NewPhrases(pc.phrases)
	c := p.c
	for _, q := range []string{"you", "you know", "i love you", "know what you me", "kill ever", "zzz"} {
		var ws []uint32
		for _, w := range words(q) {
			if id, ok := c.lookup(w); ok {
				ws = append(ws, id)
			}
		}
		for _, win := range [][2]uint32{{0, uint32(p.Len())}, {1000, 1500}} {
			var got, want []uint32
			c.intersect(ws, win[0], win[1], 1<<30, func(d uint32) bool { got = append(got, d); return true })
			for d := win[0]; d < win[1] && len(ws) > 0; d++ {
				all := true
				for _, w := range ws {
					all = all && slices.Contains(c.tokens(d), w)
				}
				if all {
					want = append(want, d)
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("intersect(%q, %v): %d documents, want %d", q, win, len(got), len(want))
			}
		}
	}
	for _, c := range []struct {
		l    []uint32
		x    uint32
		want int
	}{{nil, 3, 0}, {[]uint32{5}, 3, 0}, {[]uint32{1, 2, 3, 9, 12, 40}, 10, 4}, {[]uint32{1, 2, 3}, 4, 3}, {[]uint32{1, 2, 3}, 3, 2}} {
		if got := gallop(c.l, c.x); got != c.want {
			t.Errorf("gallop(%v, %d) = %d, want %d", c.l, c.x, got, c.want)
		}
	}
}

func TestOSALong(t *testing.T) {
	a := strings.Repeat("ab", 40)
	b := a[:len(a)-1] + "x"
	if got := osa(a, b, 2); got != 1 {
		t.Errorf("osa on long words = %d, want 1", got)
	}
	if got := osa("amélie", "amelie", 2); got != 1 {
		t.Errorf("osa(amélie, amelie) = %d, want 1", got)
	}
}

// TestConcurrentSearch runs searches from several goroutines (for -race).
func TestConcurrentSearch(t *testing.T) {
	x := films()
	p := NewPhrases(quotes())
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				q := []string{"leavng las vegas", "psycho 1998", "l", "amelie"}[(i+j)%4]
				if hits := x.Search(q, 3); len(hits) == 0 {
					t.Errorf("Search(%q) found nothing", q)
				}
				p.Search("ask me to stop", 3, 0)
			}
		}()
	}
	wg.Wait()
}

func TestLookup(t *testing.T) {
	x := New([]Entry{
		{ID: 40, Names: []string{"Fargo"}, Year: 1996, Popularity: 720000},
		{ID: 7, Names: []string{"Psycho"}, Year: 1960, Popularity: 700000},
		{ID: 9000000000, Names: []string{"Big Id"}, Year: 2001},
	})
	for _, want := range []Hit{{ID: 40, Name: "Fargo", Year: 1996, Popularity: 720000}, {ID: 7, Name: "Psycho", Year: 1960, Popularity: 700000}, {ID: 9000000000, Name: "Big Id", Year: 2001}} {
		if got, ok := x.Lookup(want.ID); !ok || got != want {
			t.Errorf("Lookup(%d) = %+v, %v; want %+v", want.ID, got, ok, want)
		}
	}
	if _, ok := x.Lookup(8); ok {
		t.Error("Lookup found an id that is not there")
	}
	var b bytes.Buffer
	if _, err := x.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	var y Index
	if _, err := y.ReadFrom(&b); err != nil {
		t.Fatal(err)
	}
	if got, ok := y.Lookup(40); !ok || got.Name != "Fargo" {
		t.Errorf("Lookup after a save and load: %+v %v", got, ok)
	}
}

// A scratch buffer reused by searches of different indexes, growing on the
// way, must not carry one search's cached word scores into another.
func TestScratchReuseAcrossIndexes(t *testing.T) {
	titles := New([]Entry{{ID: 1, Names: []string{"Never Stop"}}, {ID: 2, Names: []string{"Ask Me Anything"}}})
	ps := quotes()
	p := NewPhrases(ps)
	for i := 0; i < 50; i++ {
		titles.Search("never ask", 3)
		for _, h := range p.Search("you must never ask me to stop", 2, 0) {
			for _, q := range ps {
				if q.ID == h.ID && math.Abs(Contains("you must never ask me to stop", q.Text)-h.Score) > 1e-9 {
					t.Fatalf("round %d: phrase %d scored %v, Contains %v", i, h.ID, h.Score, Contains("you must never ask me to stop", q.Text))
				}
			}
		}
	}
}
