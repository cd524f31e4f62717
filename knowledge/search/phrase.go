package search

import (
	"slices"
	"sort"
)

// Phrase is one text to find by its words: a quote, with the group it
// belongs to (its film), so a search can stay within one group.
type Phrase struct {
	ID    int64
	Group int64
	Text  string
}

// PhraseHit is a phrase search result. It carries no text: the caller has
// the phrases already, and an index of a million quotes need not hold a
// second copy of them.
type PhraseHit struct {
	ID    int64
	Group int64
	// Score is Contains(query, text): the weighted share of the query's
	// words found in the phrase, typos allowed, plus 0.2 when the query
	// appears in it whole and in order.
	Score float64
}

// Phrases finds phrases by some of their words, typos allowed, the way
// Contains scores one. It is built like Index (see the package
// documentation) and is safe for concurrent use once built.
//
// Phrases are kept in group order, so one group's phrases are one range
// of document numbers: a search within a group looks at that range only.
type Phrases struct {
	c      *core
	ids    []int64
	groups []int64
}

// phraseLimits bound one phrase search. Phrases are long, so each
// candidate costs more to score than a title.
var phraseLimits = limits{cands: 1000, budget: 15000}

// NewPhrases builds a phrase index.
func NewPhrases(phrases []Phrase) *Phrases {
	order := make([]int32, len(phrases))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		switch ga, gb := phrases[a].Group, phrases[b].Group; {
		case ga < gb:
			return -1
		case ga > gb:
			return 1
		}
		return int(a - b)
	})
	p := &Phrases{ids: make([]int64, len(phrases)), groups: make([]int64, len(phrases))}
	chars := 0
	for _, q := range phrases {
		chars += len(q.Text)
	}
	b := newBuilder(len(phrases), len(phrases), chars/4, false)
	var buf []byte
	for d, i := range order {
		p.ids[d], p.groups[d] = phrases[i].ID, phrases[i].Group
		buf = appendFold(buf[:0], phrases[i].Text)
		b.addName(buf, true)
	}
	p.c = b.build(phraseLimits.cands)
	return p
}

// Len is the number of phrases.
func (p *Phrases) Len() int { return len(p.ids) }

// Search returns up to limit phrases containing the words of query, best
// first, within group unless group is 0. Every phrase with any word of the
// query scores above 0, so callers compare Score with their own threshold.
func (p *Phrases) Search(query string, limit int, group int64) []PhraseHit {
	qs := words(query)
	if len(qs) == 0 || limit <= 0 || len(p.ids) == 0 {
		return nil
	}
	from, to := uint32(0), uint32(len(p.ids))
	if group != 0 {
		from = uint32(sort.Search(len(p.groups), func(i int) bool { return p.groups[i] >= group }))
		to = uint32(sort.Search(len(p.groups), func(i int) bool { return p.groups[i] > group }))
		if from == to {
			return nil
		}
	}
	sc := getScratch(phraseLimits.budget)
	defer putScratch(sc)
	sc.setQuery(qs)
	c := p.c
	c.plan(sc)
	// The whole query in order earns a bonus, which needs every query
	// word to be a word of the index.
	exact := sc.exact[:0]
	for _, q := range sc.qs {
		w, ok := c.lookup(q)
		if !ok {
			exact = exact[:0]
			break
		}
		exact = append(exact, w)
	}
	sc.exact = exact

	var cands []cand
	switch {
	case int(to-from) <= phraseLimits.cands:
		// A small group: score every phrase of it.
		for d := from; d < to; d++ {
			sc.cands = append(sc.cands, cand{d: d})
		}
		cands = sc.cands
	case len(exact) > 0 && p.whole(sc, exact, from, to, limit):
		// limit phrases have the query whole and in order, the best
		// score there is; they are the first such, as a full scan
		// would rank them.
		for _, d := range sc.first {
			sc.cands = append(sc.cands, cand{d: d})
		}
		cands = sc.cands
	default:
		cands = c.candidates(sc, phraseLimits, walkSpec{
			from: from, to: to, enough: 4*limit + 20, inOrder: true, first: sc.first,
		})
	}
	var top []scored
	for _, cd := range cands {
		ts := c.tokens(cd.d)
		s := c.coverage(sc, ts).share
		if s <= 0 {
			continue
		}
		if len(exact) > 0 && containsRun(ts, exact) {
			s += 0.2
		}
		top = keepPhrase(top, scored{d: cd.d, s: s}, limit)
	}
	slices.SortFunc(top, func(a, b scored) int {
		if phraseBefore(a, b) {
			return -1
		}
		return 1
	})
	hits := make([]PhraseHit, len(top))
	for i, t := range top {
		hits[i] = PhraseHit{ID: p.ids[t.d], Group: p.groups[t.d], Score: t.s}
	}
	return hits
}

// whole puts in sc.first the first phrases of [from, to) that have every
// word of the query in order (exact), up to limit, found by intersecting
// the words' postings; it reports whether it found limit of them. When it
// did not, sc.first also holds phrases having every word, in another
// order, as candidates for the walk.
func (p *Phrases) whole(sc *scratch, exact []uint32, from, to uint32, limit int) bool {
	c := p.c
	uniq := append(sc.dels[:0], exact...)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	sc.dels = uniq
	inOrder, others := sc.first[:0], sc.subsFirst[:0]
	c.intersect(uniq, from, to, wholeSeeks, func(d uint32) bool {
		if containsRun(c.tokens(d), exact) {
			inOrder = append(inOrder, d)
		} else if len(others) < phraseLimits.cands/2 {
			others = append(others, d)
		}
		return len(inOrder) < limit
	})
	sc.subsFirst = others
	found := len(inOrder) >= limit
	if !found {
		inOrder = append(inOrder, others...)
	}
	sc.first = inOrder
	return found
}

// wholeSeeks bounds the intersection of a phrase query's words.
const wholeSeeks = 200000

// containsRun reports whether the words qs appear in ts next to each other
// and in order: the query is part of the phrase, as typed.
func containsRun(ts, qs []uint32) bool {
	for i := 0; i+len(qs) <= len(ts); i++ {
		if slices.Equal(ts[i:i+len(qs)], qs) {
			return true
		}
	}
	return false
}

func phraseBefore(a, b scored) bool { return a.s > b.s || a.s == b.s && a.d < b.d }

// keepPhrase adds t to top, a heap of at most limit with the last in order
// on top.
func keepPhrase(top []scored, t scored, limit int) []scored {
	if len(top) < limit {
		top = append(top, t)
		for i := len(top) - 1; i > 0; {
			p := (i - 1) / 2
			if !phraseBefore(top[p], top[i]) {
				break
			}
			top[i], top[p] = top[p], top[i]
			i = p
		}
		return top
	}
	if !phraseBefore(t, top[0]) {
		return top
	}
	top[0] = t
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(top) {
			break
		}
		if r := l + 1; r < len(top) && phraseBefore(top[l], top[r]) {
			l = r
		}
		if !phraseBefore(top[i], top[l]) {
			break
		}
		top[i], top[l] = top[l], top[i]
		i = l
	}
	return top
}
