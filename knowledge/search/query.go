package search

import (
	"math"
	"math/bits"
	"slices"
	"sync"
)

// Bounds on the work of one search, whatever the size of the catalogue.
const (
	// maxQueryWords is how many words of a query are matched; a pasted
	// paragraph is cut there.
	maxQueryWords = 32
	// maxGroups is how many query words take part in finding candidates
	// (the rest still count in scoring).
	maxGroups = 16
	// maxRanges caps the word ranges one query word expands to (itself,
	// its completions, its typos).
	maxRanges = 64
	// maxLists caps the postings lists merged for one query word.
	maxLists = 512
)

// limits are the per-index bounds on candidate generation.
type limits struct {
	cands  int // candidates scored per search
	budget int // documents visited while choosing them
}

// rng is a range [lo, hi) of word IDs.
type rng struct{ lo, hi uint32 }

// group is what one query word can match: word ranges (the word itself, the
// words it starts, words a typo away), with the weight the word has in the
// score.
type group struct {
	ranges []rng
	weight int32 // contentWeight, or stopWeight for stopwords
	df     int   // upper bound on the documents it matches
}

// Weights of query words when choosing candidates, in tenths, as in
// coverage: a stopword counts 0.3 of a word.
const (
	contentWeight = 10
	stopWeight    = 3
	yearWeight    = 5 // a matching year ranks a candidate up, less than a word
	// inOrderWeight ranks up a phrase having the query in order: Contains
	// adds 0.2 for it, as much as two words.
	inOrderWeight = 20
)

// seg is a range of word IDs and the groups (bits) it matches.
type seg struct {
	lo, hi uint32
	mask   uint32
}

// cand is a candidate document and how many query words (weighted) it has.
type cand struct {
	d uint32
	m int32
}

// worse orders candidates: fewer query words, then later (less popular).
func worse(a, b cand) bool { return a.m < b.m || a.m == b.m && a.d > b.d }

// memoRow caches the scores of one word against every query word, as
// codes into scoreValues.
type memoRow struct {
	gen, w uint32
	s      [maxQueryWords]uint8
}

// memoSize is the number of words whose scores are cached: candidates
// share most of their words, so most lookups hit.
const memoSize = 1 << 13

// scoreValues are the values wordScore returns; rows store their index.
var scoreValues = [...]float64{0, 1, 0.9, 0.8, 0.85, 1 - 0.15*1, 1 - 0.15*2, 0.7}

// noCode marks a score not in scoreValues (there is none; it would be
// computed each time).
const noCode = 255

func scoreCode(v float64) uint8 {
	for i, x := range scoreValues {
		if x == v {
			return uint8(i)
		}
	}
	return noCode
}

// scratch holds the buffers of one search. Searches take one from a pool,
// so a keystroke allocates nothing that grows with the catalogue.
type scratch struct {
	gen    uint32
	qs     []string
	qw     []float64
	ranges []rng
	groups []group
	order  []int
	segs   []seg
	events []event
	merge  merger
	seen   []uint64 // open addressing: gen<<32 | document
	cands  []cand
	memo   []memoRow
	codes  []uint8 // a name's rows: codes[j*len(qs)+i] for word j, query word i
	// complete[i]: the ranges of query word i hold every word it can
	// match (see plan), so a word outside them scores 0 without
	// wordScore.
	complete [maxQueryWords]bool
	used     []bool
	buf      []byte
	dels     []uint32
	exact    []uint32
	subs     []subsequenceName
	first    []uint32
	// subsFirst holds phrases with every query word but not in order.
	subsFirst []uint32
	sink      uint32
}

type event struct {
	at    uint32
	group int32
	delta int32
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{memo: make([]memoRow, memoSize)}
}}

// getScratch returns a scratch for an index whose walks visit at most
// budget documents.
func getScratch(budget int) *scratch {
	sc := scratchPool.Get().(*scratch)
	size := 1
	for size < 2*budget {
		size <<= 1
	}
	if len(sc.seen) < size {
		// The new table's zero stamps are stale to any generation from
		// 1 on; the generation itself keeps counting, since resetting it
		// would make the word-score memo's old stamps look current.
		sc.seen = make([]uint64, size)
	}
	sc.fresh()
	sc.ranges, sc.groups, sc.segs, sc.events = sc.ranges[:0], sc.groups[:0], sc.segs[:0], sc.events[:0]
	sc.cands, sc.order = sc.cands[:0], sc.order[:0]
	return sc
}

func putScratch(sc *scratch) {
	clear(sc.qs) // do not keep the query strings alive
	sc.qs = sc.qs[:0]
	sc.merge.reset(0, 0)
	scratchPool.Put(sc)
}

// fresh forgets the documents seen and the word scores cached, by moving to
// the next generation stamp rather than clearing the tables.
func (sc *scratch) fresh() {
	sc.gen++
	if sc.gen == 0 { // wrapped: stale stamps could look current
		clear(sc.seen)
		clear(sc.memo)
		sc.gen = 1
	}
}

// markSeen records document d and reports whether it was already seen in
// this search.
func (sc *scratch) markSeen(d uint32) bool {
	mask := uint32(len(sc.seen) - 1)
	for h := (d * 2654435761) & mask; ; h = (h + 1) & mask {
		s := sc.seen[h]
		if uint32(s>>32) != sc.gen {
			sc.seen[h] = uint64(sc.gen)<<32 | uint64(d)
			return false
		}
		if uint32(s) == d {
			return true
		}
	}
}

// setQuery folds the query words into sc.qs with their coverage weights.
func (sc *scratch) setQuery(qs []string) {
	if len(qs) > maxQueryWords {
		qs = qs[:maxQueryWords]
	}
	sc.qs = append(sc.qs[:0], qs...)
	sc.qw = sc.qw[:0]
	sc.complete = [maxQueryWords]bool{}
	for _, q := range sc.qs {
		w := 1.0
		if stopwords[q] {
			w = 0.3
		}
		sc.qw = append(sc.qw, w)
	}
}

// plan expands each query word into the word ranges it can match.
func (c *core) plan(sc *scratch) {
	qs := sc.qs
	for i, q := range qs[:min(len(qs), maxGroups)] {
		last := i == len(qs)-1
		start := len(sc.ranges)
		add := func(lo, hi uint32) {
			if lo < hi && len(sc.ranges)-start < maxRanges {
				sc.ranges = append(sc.ranges, rng{lo, hi})
			}
		}
		lo, hi := c.prefixRange(q)
		exact := lo < hi && c.word(lo) == q
		switch {
		case last || len(q) >= 3:
			add(lo, hi) // the word and the words it starts (wordScore)
		case exact:
			add(lo, lo+1)
		}
		if b := editBudget(len(q)); b > 0 {
			c.typos(sc, q, b, func(w uint32) {
				if w < lo || w >= hi {
					add(w, w+1)
				}
			})
		} else if len(q) == 3 {
			// Four-letter words with a letter dropped (wordScore):
			// one of their deletion keys is q itself.
			b := fnv32(append(sc.buf[:0], q...)) & c.delMask
			for _, w := range c.delWords[c.delOff[b]:c.delOff[b+1]] {
				if dropped(q, c.word(w)) && (w < lo || w >= hi) {
					add(w, w+1)
				}
			}
		}
		if last && len(q) >= 4 {
			c.prefixTypos(q, add)
		}
		if !exact {
			c.splits(q, last, add)
		}
		if i+1 < len(qs) {
			// "wall e" for a title written "Walle".
			if w, ok := c.lookup(q + qs[i+1]); ok {
				add(w, w+1)
			}
		}
		// The ranges hold every word q can match when they were not cut
		// short, the word is ASCII (prefix typos try ASCII letters), one
		// edit is all it may have (deletion keys find every word one
		// edit away, not every word two away), and it is not a last word
		// that may be a typo'd prefix.
		sc.complete[i] = len(sc.ranges)-start < maxRanges && editBudget(len(q)) <= 1 &&
			ascii(q) && !(last && len(q) >= 4)
		g := group{ranges: sc.ranges[start:len(sc.ranges):len(sc.ranges)], weight: contentWeight}
		if stopwords[q] {
			g.weight = stopWeight
		}
		for _, r := range g.ranges {
			g.df += c.df(r.lo, r.hi)
		}
		sc.groups = append(sc.groups, g)
	}
	c.segments(sc)
}

// typos calls f with each word within budget edits of q that shares a
// deletion key with it: every word one edit away, and of words two edits
// away those that two deletions from q, or one from each, make equal.
func (c *core) typos(sc *scratch, q string, budget int, f func(uint32)) {
	if len(q) > 4*maxDelWord {
		return
	}
	sc.dels = sc.dels[:0]
	check := func(h uint32) {
		b := h & c.delMask
		for _, w := range c.delWords[c.delOff[b]:c.delOff[b+1]] {
			if slices.Contains(sc.dels, w) {
				continue
			}
			sc.dels = append(sc.dels, w)
			if osa(q, c.word(w), budget) <= budget {
				f(w)
			}
		}
	}
	sc.buf = deletions(q, sc.buf, check)
	if budget < 2 {
		return
	}
	// Two deletions from the query: positions as byte offsets of runes.
	var at [4*maxDelWord + 1]int
	n := 0
	for i := range q {
		at[n] = i
		n++
	}
	at[n] = len(q)
	if n > maxDelWord+2 {
		return
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			b := append(sc.buf[:0], q[:at[i]]...)
			b = append(b, q[at[i+1]:at[j]]...)
			b = append(b, q[at[j+1]:]...)
			check(fnv32(b))
			sc.buf = b
		}
	}
}

// prefixTypos adds the words that start with q changed by one letter or one
// swap of neighbours: a typo in a word still being typed ("laeving"). Only
// ASCII letters and digits are tried; the prefix before the change must
// start some word, which prunes most positions.
func (c *core) prefixTypos(q string, add func(lo, hi uint32)) {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	var buf [64]byte
	if len(q) > len(buf) {
		return
	}
	lo, hi := uint32(0), uint32(c.vocab())
	for i := 0; i < len(q); i++ {
		if i > 0 {
			lo, hi = c.prefixRangeIn(q[:i], lo, hi)
			if lo == hi {
				return
			}
		}
		if q[i] >= 0x80 {
			continue
		}
		v := append(buf[:0], q...)
		try := func() {
			l, h := c.prefixRangeIn(string(v), lo, hi)
			if l < h && c.word(l) == string(v) {
				l++ // only longer words: v itself is a typo of q, found already
			}
			add(l, h)
		}
		for j := 0; j < len(alphabet); j++ {
			if alphabet[j] != q[i] {
				v[i] = alphabet[j]
				try()
			}
		}
		v[i] = q[i]
		if i+1 < len(q) && q[i+1] < 0x80 && q[i+1] != q[i] {
			v[i], v[i+1] = q[i+1], q[i]
			try()
		}
	}
}

// prefixRangeIn is prefixRange searching only within [lo, hi). It is
// written out, not with sort.Search, so that p stays on the caller's stack.
func (c *core) prefixRangeIn(p string, lo, hi uint32) (uint32, uint32) {
	l, h := lo, hi
	for l < h {
		m := l + (h-l)/2
		if c.word(m) < p {
			l = m + 1
		} else {
			h = m
		}
	}
	start := l
	h = hi
	for l < h {
		m := l + (h-l)/2
		if hasPrefix(c.word(m), p) {
			l = m + 1
		} else {
			h = m
		}
	}
	return start, l
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// splits adds, for a query word that is two words run together ("walle",
// "spiderman"), the rarer of the two, so that the title whose words join
// to the query (scored 1.2) is a candidate. The second part may be a word
// being typed when it has two letters or more.
func (c *core) splits(q string, last bool, add func(lo, hi uint32)) {
	for i := 1; i < len(q); i++ {
		a, ok := c.lookup(q[:i])
		if !ok {
			continue
		}
		blo, bhi := c.prefixRange(q[i:])
		switch {
		case blo == bhi:
			continue
		case c.word(blo) == q[i:] && !(last && len(q)-i >= 2):
			bhi = blo + 1
		case !last || len(q)-i < 2:
			continue
		}
		if c.df(a, a+1) <= c.df(blo, bhi) {
			add(a, a+1)
		} else {
			add(blo, bhi)
		}
	}
}

// segments flattens the ranges of all groups into disjoint ranges, each
// with the set of groups it matches, so that a candidate's word is placed
// with one binary search.
func (c *core) segments(sc *scratch) {
	for g, gr := range sc.groups {
		for _, r := range gr.ranges {
			sc.events = append(sc.events, event{r.lo, int32(g), 1}, event{r.hi, int32(g), -1})
		}
	}
	slices.SortFunc(sc.events, func(a, b event) int {
		if a.at != b.at {
			if a.at < b.at {
				return -1
			}
			return 1
		}
		return int(a.delta - b.delta) // ends before starts
	})
	var count [maxGroups]int32
	var mask uint32
	for i := 0; i < len(sc.events); {
		at := sc.events[i].at
		for ; i < len(sc.events) && sc.events[i].at == at; i++ {
			e := sc.events[i]
			count[e.group] += e.delta
			if count[e.group] > 0 {
				mask |= 1 << e.group
			} else {
				mask &^= 1 << e.group
			}
		}
		if mask != 0 && i < len(sc.events) {
			sc.segs = append(sc.segs, seg{at, sc.events[i].at, mask})
		}
	}
}

// wordMask returns the groups word w matches.
func (sc *scratch) wordMask(w uint32) uint32 {
	s := sc.segs
	// The first segment ending after w, by binary search (written out:
	// this runs for every word of every document a walk visits).
	lo, hi := 0, len(s)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s[m].hi <= w {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(s) && s[lo].lo <= w {
		return s[lo].mask
	}
	return 0
}

// docWeight is the weighted number of query words document d has, in its
// best name, and inOrderWeight more if asked and the name has the query in
// order.
func (c *core) docWeight(sc *scratch, d uint32, inOrder bool) int32 {
	lo, hi := c.names(d)
	best := int32(0)
	for n := lo; n < hi; n++ {
		var mask uint32
		for _, w := range c.tokens(n) {
			mask |= sc.wordMask(w)
		}
		m := int32(0)
		for mask != 0 {
			g := bits.TrailingZeros32(mask)
			mask &= mask - 1
			m += sc.groups[g].weight
		}
		if inOrder && len(sc.exact) > 0 && containsRun(c.tokens(n), sc.exact) {
			m += inOrderWeight
		}
		best = max(best, m)
	}
	return best
}

// walkBatch is how many documents a walk reads ahead.
const walkBatch = 16

// walkSpec says what a candidate walk may use besides the query.
type walkSpec struct {
	from, to uint32   // window of documents
	years    []uint16 // the documents' years, when the query gives one
	year     int
	minCov   float64 // stop when no unseen document can cover this much
	// enough is how many candidates with as many query words as any
	// unseen document can have are enough to stop: several times the
	// results wanted.
	enough int
	// inOrder ranks up documents having the query's words in order
	// (sc.exact), which Contains scores higher.
	inOrder bool
	// first are documents to keep whatever the walk finds (the entries
	// named exactly as the query).
	first []uint32
}

// candidates chooses at most lim.cands documents worth scoring, by walking
// the postings of the query's words, rarest word first. Documents are kept
// by how many query words (weighted) they have, then by preference order;
// the walk stops when no unseen document could displace a kept one, when
// none could reach spec.minCov, or after lim.budget documents.
//
// A document without the rarest word can still be found through the
// others, so a typo or an extra word in the query does not lose it; an
// obscure document having every word of a common query ("love story") is
// found because documents with more of the words are kept first.
func (c *core) candidates(sc *scratch, lim limits, spec walkSpec) []cand {
	// total is the most any document can have: the words that match
	// something, the year, the phrase in order.
	total := int32(0)
	content := false
	for _, g := range sc.groups {
		if g.df > 0 {
			total += g.weight
		}
		if g.weight == contentWeight && g.df > 0 {
			content = true
		}
	}
	if spec.inOrder {
		total += inOrderWeight
	}
	for _, d := range spec.first {
		if !sc.markSeen(d) {
			sc.push(cand{d, math.MaxInt32}, lim.cands)
		}
	}
	for i, g := range sc.groups {
		// Stopwords alone find little worth having when the query has
		// other words ("the godfather"); they still count in m.
		if g.df > 0 && (g.weight == contentWeight || !content) {
			sc.order = append(sc.order, i)
		}
	}
	slices.SortStableFunc(sc.order, func(a, b int) int { return sc.groups[a].df - sc.groups[b].df })
	withYear := spec.year > 0 && spec.years != nil
	if withYear {
		total += yearWeight
	}
	// With one word and no year every document weighs the same: the walk
	// is just the first documents of that word.
	simple := len(sc.groups) == 1 && !withYear && !spec.inOrder
	dedupe := !simple || len(spec.first) > 0
	covTotal := 0.0
	for _, w := range sc.qw {
		covTotal += w
	}
	walked, steps := int32(0), 0
	full := func() bool { return len(sc.cands) >= lim.cands }
outer:
	for _, gi := range sc.order {
		g := sc.groups[gi]
		bound := total - walked
		if full() && sc.cands[0].m >= bound {
			break
		}
		if spec.enough > 0 && walked > 0 {
			n := 0
			for _, x := range sc.cands {
				if x.m >= bound {
					n++
				}
			}
			if n >= spec.enough {
				break
			}
		}
		if spec.minCov > 0 && len(sc.qs) <= maxGroups {
			// No unseen document can cover more than the words not yet
			// walked.
			cov := float64(bound) / 10 / covTotal
			if withYear {
				cov -= float64(yearWeight) / 10 / covTotal
			}
			if cov < spec.minCov {
				break
			}
		}
		complete := c.startWalk(sc, g, spec.from, spec.to)
		for {
			// Take a batch of unseen documents and read where their
			// words are for all of them before using any: the reads
			// miss the cache, and this way they overlap.
			var batch [walkBatch]uint32
			n, done, spent := 0, false, false
			for n < walkBatch {
				if steps >= lim.budget {
					spent = true
					break
				}
				d, ok := sc.merge.next()
				if !ok {
					done = true
					break
				}
				steps++
				if !dedupe || !sc.markSeen(d) {
					batch[n] = d
					n++
				}
			}
			if !simple {
				var first [walkBatch]uint32
				for i, d := range batch[:n] {
					lo, _ := c.names(d)
					first[i] = c.nameTok[lo]
				}
				for i := range batch[:n] {
					if int(first[i]) < len(c.tok) {
						sc.sink ^= c.tok[first[i]] // kept, so the read is too
					}
				}
			}
			for _, d := range batch[:n] {
				m := g.weight
				if !simple {
					m = c.docWeight(sc, d, spec.inOrder)
					if withYear && int(spec.years[d]) == spec.year {
						m += yearWeight
					}
				}
				sc.push(cand{d, m}, lim.cands)
				if full() && sc.cands[0].m >= bound {
					break outer
				}
			}
			if spent {
				break outer
			}
			if done {
				break
			}
		}
		if complete {
			walked += g.weight
		}
	}
	return sc.cands
}

// startWalk sets sc.merge to the documents of group g, and reports whether
// that is all of them (not cut to a wide prefix's ready list or maxLists).
func (c *core) startWalk(sc *scratch, g group, from, to uint32) bool {
	m := &sc.merge
	m.reset(from, to)
	complete := true
	lists := 0
	for i, r := range g.ranges {
		if r.hi-r.lo == 1 && contained(g.ranges, i) {
			continue
		}
		if l, ok := c.wideList(r.lo, r.hi); ok {
			m.add(l)
			lists++
			if len(l) >= c.wideLen {
				complete = false // cut to its first documents
			}
			continue
		}
		for w := r.lo; w < r.hi; w++ {
			if lists >= maxLists {
				complete = false
				break
			}
			m.add(c.post[c.postOff[w]:c.postOff[w+1]])
			lists++
		}
	}
	m.init()
	return complete
}

// contained reports whether the one-word range rs[i] lies in another range
// of rs.
func contained(rs []rng, i int) bool {
	for j, r := range rs {
		if j != i && r.lo <= rs[i].lo && rs[i].hi <= r.hi && r.hi-r.lo > 1 {
			return true
		}
	}
	return false
}

// push adds x to the kept candidates, a heap with the worst on top, of at
// most n.
func (sc *scratch) push(x cand, n int) {
	h := sc.cands
	if len(h) < n {
		h = append(h, x)
		for i := len(h) - 1; i > 0; {
			p := (i - 1) / 2
			if !worse(h[i], h[p]) {
				break
			}
			h[i], h[p] = h[p], h[i]
			i = p
		}
		sc.cands = h
		return
	}
	if !worse(h[0], x) {
		return
	}
	h[0] = x
	for i := 0; ; {
		l := 2*i + 1
		if l >= len(h) {
			break
		}
		if r := l + 1; r < len(h) && worse(h[r], h[l]) {
			l = r
		}
		if !worse(h[l], h[i]) {
			break
		}
		h[i], h[l] = h[l], h[i]
		i = l
	}
}

// row fills dst with the score codes of word w against each query word,
// from the memo or computed.
func (c *core) row(sc *scratch, w uint32, dst []uint8) {
	r := &sc.memo[(w*2654435761)>>19&(memoSize-1)]
	if r.gen == sc.gen && r.w == w {
		copy(dst, r.s[:len(dst)])
		return
	}
	mask := sc.wordMask(w)
	word := c.word(w)
	for i, q := range sc.qs {
		if sc.complete[i] && mask&(1<<i) == 0 {
			dst[i] = 0
			continue
		}
		dst[i] = scoreCode(wordScore(q, word, i == len(sc.qs)-1))
	}
	r.gen, r.w = sc.gen, w
	copy(r.s[:], dst)
}

// score returns the score of word w (row code k) for query word i.
func (c *core) score(sc *scratch, i int, w uint32, k uint8) float64 {
	if k == noCode {
		return wordScore(sc.qs[i], c.word(w), i == len(sc.qs)-1)
	}
	return scoreValues[k]
}

// coverage is coverage over word IDs.
func (c *core) coverage(sc *scratch, ts []uint32) cover {
	nq := len(sc.qs)
	if need := len(ts) * nq; cap(sc.codes) < need {
		sc.codes = make([]uint8, need)
	}
	codes := sc.codes[:len(ts)*nq]
	for j, t := range ts {
		c.row(sc, t, codes[j*nq:(j+1)*nq])
	}
	var small uint64 // the used words of a name of up to 64 words
	big := len(ts) > 64
	if big {
		if cap(sc.used) < len(ts) {
			sc.used = make([]bool, len(ts))
		}
		sc.used = sc.used[:len(ts)]
		clear(sc.used)
	}
	total, got := 0.0, 0.0
	cv := cover{fromStart: true}
	for i := range nq {
		w := sc.qw[i]
		total += w
		best, at := 0.0, -1
		for j := range ts {
			if big && sc.used[j] || !big && small&(1<<j) != 0 {
				continue
			}
			k := codes[j*nq+i]
			if k == 0 {
				continue
			}
			if s := c.score(sc, i, ts[j], k); s > best {
				best, at = s, j
			}
		}
		if at != i {
			cv.fromStart = false
		}
		if at >= 0 {
			if big {
				sc.used[at] = true
			} else {
				small |= 1 << at
			}
			got += w * best
			cv.used++
		}
	}
	cv.share = got / total
	return cv
}

// leftOut is leftOut over word IDs.
func (c *core) leftOut(ts []uint32, used int) float64 {
	if len(ts) == 0 {
		return 0
	}
	content := 0
	for _, t := range ts {
		if !c.isStop(t) {
			content++
		}
	}
	missing := len(ts) - used
	if missing <= 0 || content == 0 {
		return 0
	}
	return float64(min(missing, content)) / float64(len(ts))
}

// joinedIs reports whether the words ts, run together, are qj.
func (c *core) joinedIs(ts []uint32, qj string) bool {
	for _, t := range ts {
		w := c.word(t)
		if !hasPrefix(qj, w) {
			return false
		}
		qj = qj[len(w):]
	}
	return qj == ""
}
