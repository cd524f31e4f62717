package search

import (
	"math"
	"sort"
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
}

type entry struct {
	Entry
	words  [][]string // folded words of each name
	joined []string   // each name folded with the spaces removed
	pop    float64
}

// Index finds entries by name. It is safe for concurrent use once built.
type Index struct {
	entries []entry
	// years is true when entries carry years, so a year in a query
	// ("psycho 1998") picks between namesakes.
	years bool
	// source lists every name once, for the subsequence fallback.
	source fuzzySource
	// top holds the best-known entries, most popular first, for an empty
	// query.
	top []int
}

// topN is how many best-known entries Top can return: Discord shows at most
// 25 autocomplete choices.
const topN = 25

type fuzzySource []struct {
	name string
	at   int
}

func (s fuzzySource) String(i int) string { return s[i].name }
func (s fuzzySource) Len() int            { return len(s) }

// New builds an index over entries.
func New(entries []Entry) *Index {
	x := &Index{entries: make([]entry, len(entries))}
	for i, e := range entries {
		ie := entry{Entry: e, pop: math.Log10(1+float64(max(e.Popularity, 0))) / 7}
		for _, n := range e.Names {
			w := words(n)
			if len(w) == 0 {
				continue
			}
			ie.words = append(ie.words, w)
			ie.joined = append(ie.joined, strings.Join(w, ""))
			x.source = append(x.source, struct {
				name string
				at   int
			}{strings.Join(w, " "), i})
		}
		if e.Year > 0 {
			x.years = true
		}
		x.entries[i] = ie
	}
	x.top = topByPopularity(x.entries, topN)
	return x
}

// topByPopularity returns the indexes of the n most popular entries, most
// popular first, in one pass.
func topByPopularity(es []entry, n int) []int {
	var top []int
	for i := range es {
		at := len(top)
		for at > 0 && es[top[at-1]].Popularity < es[i].Popularity {
			at--
		}
		if at >= n {
			continue
		}
		top = append(top, 0)
		copy(top[at+1:], top[at:])
		top[at] = i
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

// Top returns up to n of the best-known entries, most popular first.
func (x *Index) Top(n int) []Hit {
	var out []Hit
	for _, i := range x.top {
		if len(out) == n {
			break
		}
		e := &x.entries[i]
		out = append(out, Hit{ID: e.ID, Name: e.Names[0], Year: e.Year})
	}
	return out
}

// Len is the number of entries.
func (x *Index) Len() int { return len(x.entries) }

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

// score scores one entry for the query words qs (joined: qj).
func (e *entry) score(qs []string, qj string) (float64, int) {
	best, which := 0.0, 0
	for i, ts := range e.words {
		var s float64
		switch {
		case e.joined[i] == qj:
			// The whole name, perhaps spaced or punctuated differently
			// ("wall e" / "WALL·E"): an exact title beats any longer
			// one that contains it.
			s = 1.2
		default:
			cov, used := coverage(qs, ts)
			s = cov - 0.25*leftOut(ts, used)
		}
		if s > best {
			best, which = s, i
		}
	}
	return best, which
}

// Search returns up to limit entries matching query, best first. Scores
// below Maybe are left out.
func (x *Index) Search(query string, limit int) []Hit {
	q, year := query, 0
	if x.years {
		q, year = splitYear(query)
	}
	qs := words(q)
	if len(qs) == 0 || limit <= 0 {
		return nil
	}
	qj := strings.Join(qs, "")
	var hits []Hit
	for i := range x.entries {
		e := &x.entries[i]
		s, which := e.score(qs, qj)
		if s <= 0 {
			continue
		}
		if year != 0 {
			if e.Year == year {
				s += 0.2
			} else {
				s -= 0.3
			}
		}
		s += 0.04 * e.pop
		if s < Maybe {
			continue
		}
		h := Hit{ID: e.ID, Name: e.Names[0], Year: e.Year, Score: s}
		if which > 0 {
			h.Matched = e.Names[which]
		}
		hits = append(hits, h)
	}
	if len(hits) == 0 {
		hits = x.subsequence(strings.Join(qs, " "), limit)
	}
	sortHits(hits)
	if len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
}

// subsequence is the last resort for a query no word of which matched:
// sahilm/fuzzy finds names that contain the query's letters in order
// ("lvng lv vgs"), and the best few are offered as suggestions only (their
// score stays below Sure).
func (x *Index) subsequence(q string, limit int) []Hit {
	if len(q) < 3 {
		return nil
	}
	seen := map[int]bool{}
	var hits []Hit
	for _, m := range fuzzy.FindFrom(q, x.source) {
		at := x.source[m.Index].at
		if seen[at] {
			continue
		}
		seen[at] = true
		e := &x.entries[at]
		// Spread fuzzy's unbounded score into [Maybe, Sure).
		s := Maybe + (Sure-Maybe)*0.5*float64(len(q))/float64(len(m.Str)+1)
		hits = append(hits, Hit{ID: e.ID, Name: e.Names[0], Year: e.Year, Score: s})
		if len(hits) >= limit {
			break
		}
	}
	return hits
}

func sortHits(h []Hit) {
	sort.SliceStable(h, func(i, j int) bool {
		if h[i].Score != h[j].Score {
			return h[i].Score > h[j].Score
		}
		if h[i].Name != h[j].Name {
			return h[i].Name < h[j].Name
		}
		return h[i].Year < h[j].Year
	})
}

// Score scores how well query matches one name, on the same scale as
// Index.Search: for matching within a small list (the characters of one
// film) without building an index.
func Score(query, name string) float64 {
	qs, ts := words(query), words(name)
	if len(qs) == 0 || len(ts) == 0 {
		return 0
	}
	if strings.Join(qs, "") == strings.Join(ts, "") {
		return 1.2
	}
	cov, used := coverage(qs, ts)
	return cov - 0.25*leftOut(ts, used)
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
	cov, _ := coverage(qs, ts)
	if strings.Contains(" "+strings.Join(ts, " ")+" ", " "+strings.Join(qs, " ")+" ") {
		cov += 0.2
	}
	return cov
}
