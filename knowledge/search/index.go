package search

import (
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sahilm/fuzzy"
)

// Entry is one thing to find by name: a film (with its original and
// alternative titles and its year) or a person.
type Entry struct {
	ID         int64
	Names      []string // the first is the display name
	Year       int
	Popularity int
}

// Hit is a search result.
type Hit struct {
	ID    int64
	Name  string // display name
	Year  int
	Score float64
	// Matched is the name that matched, when it is not the display name
	// (an alternative title).
	Matched string
	// Popularity is the entry's popularity (a vote count).
	Popularity int
}

// Index finds entries by name. It is safe for concurrent use once built.
//
// Entries are kept most popular first, so that entry number, postings
// order and "most popular" are the same thing. A search expands each query
// word into the words it may mean (the word, the words it starts, words a
// typo away), walks their postings rarest word first to choose at most a
// few thousand candidates, scores only those, and keeps the best few in a
// small heap: its work depends on the query and fixed bounds, not on the
// number of entries (see the package documentation).
type Index struct {
	c     *core
	ids   []int64
	years []uint16
	pop   []uint32 // popularity (votes), for ranking namesakes
	// Display names, one per name of core (the first of each entry is
	// its display name): disp[dispOff[n]:dispOff[n+1]].
	disp    string
	dispOff []uint32
	// exact finds the entries with a name that is the query exactly,
	// however spaced or punctuated (the score 1.2), however obscure:
	// hash<<32 | document for every name, sorted, where hash is fnv32 of
	// the name's words run together.
	exact []uint64
	// years is true when entries carry years, so a year in a query
	// ("psycho 1998") picks between namesakes.
	hasYears bool
	// byID and byIDDoc find an entry by its ID: the IDs sorted, and the
	// document number of each.
	byID    []int64
	byIDDoc []uint32
}

// maxExact caps the entries of one exact name taken as candidates: the
// most popular of them.
const maxExact = 256

// titleLimits bound one title search: a few thousand candidates cover
// every plausible reading of a query, and scoring them takes about a
// millisecond.
var titleLimits = limits{cands: 400, budget: 5000}

// topN is how many best-known entries Top can return: Discord shows at most
// 25 autocomplete choices.
const topN = 25

// New builds an index over entries. Building a million films with their
// alternative titles takes a couple of seconds; WriteTo and ReadFrom save
// and load a built index faster than that.
func New(entries []Entry) *Index {
	// Most popular first, and in the given order among equals (people,
	// who have no popularity): one key per entry, popularity above
	// position, sorts fast.
	keys := make([]uint64, len(entries))
	names, chars := 0, 0
	for i := range entries {
		e := &entries[i]
		keys[i] = uint64(math.MaxUint32-uint32(min(max(e.Popularity, 0), math.MaxUint32)))<<32 | uint64(i)
		names += max(len(e.Names), 1)
		for _, n := range e.Names {
			chars += len(n)
		}
	}
	slices.Sort(keys)
	x := &Index{
		ids:   make([]int64, len(entries)),
		years: make([]uint16, len(entries)),
		pop:   make([]uint32, len(entries)),
	}
	b := newBuilder(len(entries), names, chars/5, true)
	disp := make([]byte, 0, chars)
	x.dispOff = make([]uint32, 1, names+1)
	var buf []byte
	for d, k := range keys {
		e := &entries[uint32(k)]
		x.ids[d] = e.ID
		if e.Year > 0 && e.Year <= math.MaxUint16 {
			x.years[d] = uint16(e.Year)
			x.hasYears = true
		}
		x.pop[d] = uint32(min(max(e.Popularity, 0), math.MaxUint32))
		ns := e.Names
		if len(ns) == 0 {
			ns = []string{""}
		}
		for k, n := range ns {
			buf = appendFold(buf[:0], n)
			if b.addName(buf, k == 0) {
				disp = append(disp, n...)
				x.dispOff = append(x.dispOff, uint32(len(disp)))
			}
		}
		b.endDoc()
	}
	x.disp = string(disp)
	disp = nil
	x.dispOff = fit(x.dispOff)
	x.c = b.build(titleLimits.cands)
	x.buildExact()
	x.buildLookup()
	return x
}

func (x *Index) buildExact() {
	c := x.c
	x.exact = make([]uint64, 0, len(c.nameTok)-1)
	var buf []byte
	for d := range uint32(len(x.ids)) {
		lo, hi := c.names(d)
		for n := lo; n < hi; n++ {
			buf = buf[:0]
			for _, w := range c.tokens(n) {
				buf = append(buf, c.word(w)...)
			}
			if len(buf) > 0 {
				x.exact = append(x.exact, uint64(fnv32(buf))<<32|uint64(d))
			}
		}
	}
	slices.Sort(x.exact)
	x.exact = fit(slices.Compact(x.exact))
}

// named appends to dst the entries with a name whose words run together
// are qj (or share its hash: scoring checks).
func (x *Index) named(dst []uint32, qj string) []uint32 {
	h := uint64(fnv32([]byte(qj)))
	i, _ := slices.BinarySearch(x.exact, h<<32)
	for ; i < len(x.exact) && x.exact[i]>>32 == h && len(dst) < maxExact; i++ {
		dst = append(dst, uint32(x.exact[i]))
	}
	return dst
}

var (
	_ io.WriterTo   = (*Index)(nil)
	_ io.ReaderFrom = (*Index)(nil)
	_ io.WriterTo   = (*Phrases)(nil)
	_ io.ReaderFrom = (*Phrases)(nil)
)

func (x *Index) name(n uint32) string { return x.disp[x.dispOff[n]:x.dispOff[n+1]] }

// Top returns up to n (at most 25) of the best-known entries, most popular
// first: the choices for an empty autocomplete box.
func (x *Index) Top(n int) []Hit {
	var out []Hit
	for d := range uint32(min(n, topN, len(x.ids))) {
		out = append(out, x.hit(d, 0, 0))
	}
	return out
}

// hit makes the Hit for document d matched by its name number which.
func (x *Index) hit(d uint32, which uint32, score float64) Hit {
	first, _ := x.c.names(d)
	h := Hit{ID: x.ids[d], Name: x.name(first), Year: int(x.years[d]), Score: score, Popularity: int(x.pop[d])}
	if which > 0 {
		h.Matched = x.name(first + which)
	}
	return h
}

// Len is the number of entries.
func (x *Index) Len() int { return len(x.ids) }

// Thresholds a caller can compare Hit.Score with.
const (
	// Sure is the score from which a hit can be taken as what the user
	// meant: every word of the query found, allowing typos, in a name that
	// has few words the query left out.
	Sure = 0.75
	// Maybe is the score from which a hit is worth suggesting.
	Maybe = 0.35
)

// splitYear takes a year off the end of a query ("psycho 1998", "psycho
// (1998)"), unless the year is all the query has ("1917" is a title).
func splitYear(q string) (string, int) {
	f := words(q)
	if len(f) < 2 {
		return q, 0
	}
	last := f[len(f)-1]
	y, err := strconv.Atoi(last)
	if err != nil || len(last) != 4 || y < 1870 || y > 2100 {
		return q, 0
	}
	return strings.Join(f[:len(f)-1], " "), y
}

// popScore is the share of the score popularity brings: log10 of the
// votes, so a film a thousand times better known gains 0.017, enough to
// come before its obscure namesake and never enough to beat a better match.
func popScore(votes uint32) float64 { return 0.04 * math.Log10(1+float64(votes)) / 7 }

// score scores document d for the query in sc (joined: qj), returning the
// score and which of its names matched best.
func (x *Index) score(sc *scratch, d uint32, qj string) (float64, uint32) {
	c := x.c
	best, which := 0.0, uint32(0)
	lo, hi := c.names(d)
	for n := lo; n < hi; n++ {
		ts := c.tokens(n)
		if len(ts) == 0 {
			continue
		}
		var s float64
		if c.joinedIs(ts, qj) {
			s = 1.2 // as nameScore
		} else {
			cv := c.coverage(sc, ts)
			s = cv.share - leftOutCost(cv)*c.leftOut(ts, cv.used)
		}
		if s > best {
			best, which = s, n-lo
		}
	}
	return best, which
}

// scored is a scored document, for the final ranking.
type scored struct {
	d     uint32
	which uint32
	s     float64
}

// Search returns up to limit entries matching query, best first. Scores
// below Maybe are left out.
func (x *Index) Search(query string, limit int) []Hit {
	q, year := query, 0
	if x.hasYears {
		q, year = splitYear(query)
	}
	qs := words(q)
	if len(qs) == 0 || limit <= 0 || len(x.ids) == 0 {
		return nil
	}
	sc := getScratch(titleLimits.budget)
	defer putScratch(sc)
	sc.setQuery(qs)
	qj := strings.Join(sc.qs, "")
	x.c.plan(sc)
	sc.first = x.named(sc.first[:0], qj)
	minCov := Maybe - 0.06 // popularity adds less than 0.06
	if year != 0 {
		minCov -= 0.2
	}
	cands := x.c.candidates(sc, titleLimits, walkSpec{
		to: uint32(len(x.ids)), years: x.years, year: year,
		minCov: minCov,
		enough: 4*limit + 20,
		first:  sc.first,
	})
	top := make([]scored, 0, min(limit, len(cands)))
	for _, cd := range cands {
		s, which := x.score(sc, cd.d, qj)
		if s <= 0 {
			continue
		}
		if year != 0 {
			if int(x.years[cd.d]) == year {
				s += 0.2
			} else {
				s -= 0.3
			}
		}
		s += popScore(x.pop[cd.d])
		if s < Maybe {
			continue
		}
		top = x.keep(top, scored{cd.d, which, s}, limit)
	}
	if len(top) == 0 {
		return x.subsequence(sc, limit)
	}
	slices.SortFunc(top, func(a, b scored) int {
		if x.before(a, b) {
			return -1
		}
		return 1
	})
	hits := make([]Hit, len(top))
	for i, t := range top {
		hits[i] = x.hit(t.d, t.which, t.s)
	}
	return hits
}

// before is the order of results: score, then name, then year, then
// popularity.
func (x *Index) before(a, b scored) bool {
	if a.s != b.s {
		return a.s > b.s
	}
	an, bn := x.displayOf(a.d), x.displayOf(b.d)
	if an != bn {
		return an < bn
	}
	if x.years[a.d] != x.years[b.d] {
		return x.years[a.d] < x.years[b.d]
	}
	return a.d < b.d
}

func (x *Index) displayOf(d uint32) string {
	first, _ := x.c.names(d)
	return x.name(first)
}

// keep adds t to top, a heap of at most limit with the last in order on
// top.
func (x *Index) keep(top []scored, t scored, limit int) []scored {
	after := func(i, j int) bool { return x.before(top[j], top[i]) }
	if len(top) < limit {
		top = append(top, t)
		for i := len(top) - 1; i > 0; {
			p := (i - 1) / 2
			if !after(i, p) {
				break
			}
			top[i], top[p] = top[p], top[i]
			i = p
		}
		return top
	}
	if !x.before(t, top[0]) {
		return top
	}
	top[0] = t
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(top) {
			break
		}
		if r := l + 1; r < len(top) && after(r, l) {
			l = r
		}
		if !after(l, i) {
			break
		}
		top[i], top[l] = top[l], top[i]
		i = l
	}
	return top
}

// subsequence is the last resort for a query no word of which matched:
// sahilm/fuzzy finds names that contain the query's letters in order
// ("lvng lv vgs"), and the best few are offered as suggestions only (their
// score stays below Sure). It looks only at the most popular entries with
// a word starting like the query, so it stays bounded too.
func (x *Index) subsequence(sc *scratch, limit int) []Hit {
	q := strings.Join(sc.qs, " ")
	if len(q) < 3 {
		return nil
	}
	c := x.c
	first, _ := runePrefix(sc.qs[0], 1)
	lo, hi := c.prefixRange(first)
	sc.groups = append(sc.groups[:0], group{ranges: []rng{{lo, hi}}})
	c.startWalk(sc, sc.groups[0], 0, uint32(len(x.ids)))
	src := subsequenceSource{names: sc.buf[:0], at: sc.subs[:0]}
	for range subsequenceCands {
		d, ok := sc.merge.next()
		if !ok {
			break
		}
		nlo, nhi := c.names(d)
		for n := nlo; n < nhi; n++ {
			ts := c.tokens(n)
			if len(ts) == 0 {
				continue
			}
			start := len(src.names)
			for i, t := range ts {
				if i > 0 {
					src.names = append(src.names, ' ')
				}
				src.names = append(src.names, c.word(t)...)
			}
			src.at = append(src.at, subsequenceName{uint32(start), uint32(len(src.names)), d})
		}
	}
	sc.buf, sc.subs = src.names, src.at
	src.text = string(src.names)
	var hits []Hit
	sc.fresh()
	for _, m := range fuzzy.FindFrom(q, &src) {
		d := src.at[m.Index].d
		if sc.markSeen(d) {
			continue
		}
		// Spread fuzzy's unbounded score into [Maybe, Sure).
		s := Maybe + (Sure-Maybe)*0.5*float64(len(q))/float64(len(m.Str)+1)
		hits = append(hits, x.hit(d, 0, s))
		if len(hits) >= limit {
			break
		}
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		switch {
		case a.Score != b.Score:
			if a.Score > b.Score {
				return -1
			}
			return 1
		case a.Name != b.Name:
			return strings.Compare(a.Name, b.Name)
		}
		return a.Year - b.Year
	})
	return hits
}

// subsequenceCands is how many of the most popular entries the fallback
// lets sahilm/fuzzy look at: it is a last resort for suggestions, so the
// best-known films are the ones worth suggesting.
const subsequenceCands = 500

// subsequenceSource is a fuzzy.Source over the folded names of the
// candidates, all in one string.
type subsequenceSource struct {
	names []byte
	text  string
	at    []subsequenceName
}

type subsequenceName struct {
	start, end uint32
	d          uint32
}

func (s *subsequenceSource) String(i int) string { return s.text[s.at[i].start:s.at[i].end] }
func (s *subsequenceSource) Len() int            { return len(s.at) }

// Score scores how well query matches one name, on the same scale as
// Index.Search: for matching within a small list (the characters of one
// film) without building an index.
func Score(query, name string) float64 {
	qs, ts := words(query), words(name)
	if len(qs) == 0 || len(ts) == 0 {
		return 0
	}
	return nameScore(qs, ts)
}

// Contains scores how well the words of query appear in a longer text, such
// as a half-remembered line in a quote: the share of the query found
// (typos allowed), plus a bonus when the query appears whole. Words of the
// text the query left out cost nothing.
func Contains(query, text string) float64 {
	qs, ts := words(query), words(text)
	if len(qs) == 0 || len(ts) == 0 {
		return 0
	}
	cov := coverage(qs, ts).share
	if strings.Contains(" "+strings.Join(ts, " ")+" ", " "+strings.Join(qs, " ")+" ") {
		cov += 0.2
	}
	return cov
}
