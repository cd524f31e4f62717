package search

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// core is the part of an index that titles, names and phrases share: the
// documents (an entry's names, or one phrase) as folded word IDs, and the
// structures that find documents by word without looking at the others.
//
// Everything is a flat slice of integers or one string, so an index over a
// million titles is a few dozen allocations the garbage collector never
// scans, and it can be written and read back as it is (see WriteTo).
//
// Documents are numbered in the order they are to be preferred when many
// match equally (most popular film first), so every postings list, being
// sorted by document number, lists the most popular documents first and a
// walk over it can stop as soon as it has enough.
type core struct {
	// The vocabulary: every folded word once, sorted, so that the words
	// starting with a prefix are one range of word IDs.
	words   string
	wordOff []uint32 // word w is words[wordOff[w]:wordOff[w+1]]
	stop    []uint64 // bit w set: word w is a stopword

	// Postings: the documents containing word w, ascending, are
	// post[postOff[w]:postOff[w+1]]. Because word IDs are sorted, the
	// documents of a word range [lo, hi) are post[postOff[lo]:postOff[hi]]
	// (a concatenation of lists), and its size is known in O(1).
	postOff []uint32
	post    []uint32

	// Deletion neighbourhood for typos: the hash of every word of at least
	// minDelWord letters and of each of its one-letter deletions, bucketed
	// by hash & delMask. Words one edit apart share a key, so a query word's
	// keys find them without comparing it with the whole vocabulary.
	delMask  uint32
	delOff   []uint32
	delWords []uint32

	// Wide prefixes: for a prefix that starts more than widePrefix words,
	// merging all their postings per keystroke would cost too much, so the
	// first wideLen documents of the merged list are kept ready. wideKey
	// holds lo<<32|hi of the word range, sorted.
	wideKey []uint64
	wideOff []uint32
	wide    []uint32
	wideLen int // documents kept per wide prefix

	// Documents: document d has names docName[d]..docName[d+1] (nil when
	// every document has exactly one name, as phrases do); name n has the
	// word IDs tok[nameTok[n]:nameTok[n+1]].
	docName []uint32
	nameTok []uint32
	tok     []uint32
}

const (
	// minDelWord is the shortest word given deletion keys: a query word
	// needs four letters for one typo (editBudget), so it can be one
	// letter longer than a three-letter word.
	minDelWord = 3
	// maxDelWord is the longest: longer words are almost never typed
	// whole, and would cost many keys each.
	maxDelWord = 24
	// widePrefix is the number of words from which a prefix gets a
	// ready-made candidate list; below it, merging the words' postings
	// per keystroke is cheap.
	widePrefix = 128
	// delBucket is the number of deletion keys per bucket, on average.
	delBucket = 8
)

func (c *core) word(w uint32) string { return c.words[c.wordOff[w]:c.wordOff[w+1]] }

func (c *core) vocab() int { return len(c.wordOff) - 1 }

func (c *core) docs() int {
	if c.docName != nil {
		return len(c.docName) - 1
	}
	return len(c.nameTok) - 1
}

// names returns the range of names of document d.
func (c *core) names(d uint32) (uint32, uint32) {
	if c.docName == nil {
		return d, d + 1
	}
	return c.docName[d], c.docName[d+1]
}

func (c *core) tokens(n uint32) []uint32 { return c.tok[c.nameTok[n]:c.nameTok[n+1]] }

func (c *core) isStop(w uint32) bool { return c.stop[w>>6]&(1<<(w&63)) != 0 }

// prefixRange returns the word IDs [lo, hi) of the words starting with p.
func (c *core) prefixRange(p string) (uint32, uint32) {
	return c.prefixRangeIn(p, 0, uint32(c.vocab()))
}

// lookup returns the ID of word w.
func (c *core) lookup(w string) (uint32, bool) {
	l, h := uint32(0), uint32(c.vocab())
	for l < h {
		m := l + (h-l)/2
		if c.word(m) < w {
			l = m + 1
		} else {
			h = m
		}
	}
	return l, int(l) < c.vocab() && c.word(l) == w
}

// df is the size of the postings of the word range [lo, hi): an upper bound
// on the documents it matches.
func (c *core) df(lo, hi uint32) int { return int(c.postOff[hi] - c.postOff[lo]) }

// wideList returns the ready-made first documents of the word range [lo,
// hi), if it has them.
func (c *core) wideList(lo, hi uint32) ([]uint32, bool) {
	k := uint64(lo)<<32 | uint64(hi)
	i, ok := slices.BinarySearch(c.wideKey, k)
	if !ok {
		return nil, false
	}
	return c.wide[c.wideOff[i]:c.wideOff[i+1]], true
}

// fnv32 hashes b (FNV-1a).
func fnv32(b []byte) uint32 {
	h := uint32(2166136261)
	for _, x := range b {
		h ^= uint32(x)
		h *= 16777619
	}
	return h
}

// deletions calls f with the hash of w and of each distinct string made by
// deleting one rune of w, using buf as scratch.
func deletions(w string, buf []byte, f func(uint32)) []byte {
	f(fnv32(append(buf[:0], w...)))
	var prev rune = -1
	for i, r := range w {
		if r == prev {
			prev = r
			continue // deleting either of two equal neighbours gives one string
		}
		prev = r
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 1
		}
		buf = append(append(buf[:0], w[:i]...), w[i+size:]...)
		f(fnv32(buf))
	}
	return buf
}

// builder collects documents, in preference order, into a core.
type builder struct {
	ids     map[string]uint32 // word → provisional ID
	words   []string          // provisional ID → word
	docName []uint32
	nameTok []uint32
	tok     []uint32
	many    bool // documents may have several names
}

// newBuilder makes a builder for docs documents of names names in all,
// words of them (estimates: they size the arenas).
func newBuilder(docs, names, words int, many bool) *builder {
	b := &builder{ids: make(map[string]uint32), many: many}
	b.nameTok = make([]uint32, 1, names+1)
	b.tok = make([]uint32, 0, words)
	if many {
		b.docName = make([]uint32, 1, docs+1)
	}
	return b
}

// addName adds a name, already folded, to the current document, unless it
// has no words or is the same words as a name the document already has
// (akas that differ only in case or punctuation), and reports whether it
// did. always keeps it anyway, for the display name, which must stay the
// first.
func (b *builder) addName(folded []byte, always bool) bool {
	start := len(b.tok)
	for len(folded) > 0 {
		i := 0
		for i < len(folded) && folded[i] != ' ' {
			i++
		}
		if w := folded[:i]; len(w) > 0 {
			id, ok := b.ids[string(w)]
			if !ok {
				id = uint32(len(b.words))
				s := string(w)
				b.ids[s] = id
				b.words = append(b.words, s)
			}
			b.tok = append(b.tok, id)
		}
		folded = folded[min(i+1, len(folded)):]
	}
	if !always && b.many {
		if start == len(b.tok) || b.dup(start) {
			b.tok = b.tok[:start]
			return false
		}
	}
	b.nameTok = append(b.nameTok, uint32(len(b.tok)))
	return true
}

// dup reports whether the name being added (tok[start:]) repeats a name of
// the current document.
func (b *builder) dup(start int) bool {
	name := b.tok[start:]
	first := b.docName[len(b.docName)-1]
	for n := int(first); n < len(b.nameTok)-1; n++ {
		if slices.Equal(b.tok[b.nameTok[n]:b.nameTok[n+1]], name) {
			return true
		}
	}
	return false
}

// endDoc closes the current document.
func (b *builder) endDoc() {
	if b.many {
		b.docName = append(b.docName, uint32(len(b.nameTok)-1))
	}
}

// fit returns s without spare capacity: the arenas were sized from
// estimates, and an index lives as long as the process.
func fit[T any](s []T) []T {
	if cap(s)-len(s) > len(s)/64 {
		return slices.Clone(s)
	}
	return s
}

// build turns what was collected into a core. wideLen is how many
// documents a wide prefix keeps ready.
func (b *builder) build(wideLen int) *core {
	c := &core{docName: fit(b.docName), nameTok: fit(b.nameTok), tok: fit(b.tok)}
	b.ids = nil // let the map go before the big allocations

	// Sort the vocabulary and renumber the words in that order.
	order := make([]uint32, len(b.words))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return strings.Compare(b.words[x], b.words[y]) })
	rename := make([]uint32, len(order))
	size := 0
	for i, o := range order {
		rename[o] = uint32(i)
		size += len(b.words[o])
	}
	var arena strings.Builder
	arena.Grow(size)
	c.wordOff = make([]uint32, len(order)+1)
	c.stop = make([]uint64, (len(order)+63)/64)
	for i, o := range order {
		w := b.words[o]
		arena.WriteString(w)
		c.wordOff[i+1] = uint32(arena.Len())
		if stopwords[w] {
			c.stop[i>>6] |= 1 << (i & 63)
		}
	}
	c.words = arena.String()
	b.words = nil
	for i, t := range c.tok {
		c.tok[i] = rename[t]
	}
	order, rename = nil, nil

	c.buildPostings()
	c.buildDeletions()
	c.buildWide(wideLen)
	return c
}

// buildPostings fills postOff and post in two passes (count, then place):
// documents are visited in order, so every list comes out sorted.
func (c *core) buildPostings() {
	v := c.vocab()
	last := make([]uint32, v) // last document (+1) counted for each word
	count := make([]uint32, v+1)
	docs := c.docs()
	each := func(f func(d, w uint32)) {
		for d := range uint32(docs) {
			lo, hi := c.names(d)
			for n := lo; n < hi; n++ {
				for _, w := range c.tokens(n) {
					if last[w] != d+1 {
						last[w] = d + 1
						f(d, w)
					}
				}
			}
		}
	}
	each(func(_, w uint32) { count[w+1]++ })
	for i := 1; i <= v; i++ {
		count[i] += count[i-1]
	}
	c.postOff = count
	c.post = make([]uint32, count[v])
	at := make([]uint32, v)
	copy(at, count[:v])
	clear(last)
	each(func(d, w uint32) {
		c.post[at[w]] = d
		at[w]++
	})
}

// buildDeletions fills the deletion-key buckets, in two passes as well.
func (c *core) buildDeletions() {
	v := c.vocab()
	keys := 0
	for w := range uint32(v) {
		if n := utf8.RuneCountInString(c.word(w)); n >= minDelWord && n <= maxDelWord {
			keys += n + 1
		}
	}
	// About delBucket keys a bucket: a query word looks up a few dozen
	// keys, so checking a few more words each costs microseconds, and the
	// offsets stay small.
	buckets := 1
	for buckets*delBucket < keys {
		buckets <<= 1
	}
	c.delMask = uint32(buckets - 1)
	c.delOff = make([]uint32, buckets+1)
	var buf []byte
	each := func(f func(h, w uint32)) {
		for w := range uint32(v) {
			s := c.word(w)
			if n := utf8.RuneCountInString(s); n >= minDelWord && n <= maxDelWord {
				buf = deletions(s, buf, func(h uint32) { f(h, w) })
			}
		}
	}
	each(func(h, _ uint32) { c.delOff[h&c.delMask+1]++ })
	for i := 1; i <= buckets; i++ {
		c.delOff[i] += c.delOff[i-1]
	}
	c.delWords = make([]uint32, c.delOff[buckets])
	at := make([]uint32, buckets)
	copy(at, c.delOff[:buckets])
	each(func(h, w uint32) {
		b := h & c.delMask
		c.delWords[at[b]] = w
		at[b]++
	})
}

// buildWide finds every prefix (of any length) that starts more than
// widePrefix words and keeps the first n documents of its merged
// postings. At each length the wide prefixes are disjoint ranges of the
// vocabulary, so there are at most vocabulary/widePrefix of them per
// length.
func (c *core) buildWide(n int) {
	v := uint32(c.vocab())
	seen := map[uint64]bool{}
	var keys []uint64
	for depth := 1; ; depth++ {
		found := false
		for lo := uint32(0); lo < v; {
			p, ok := runePrefix(c.word(lo), depth)
			if !ok {
				lo++
				continue
			}
			hi := lo + 1
			for hi < v && strings.HasPrefix(c.word(hi), p) {
				hi++
			}
			if hi-lo > widePrefix {
				found = true
				if k := uint64(lo)<<32 | uint64(hi); !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
			lo = hi
		}
		if !found {
			break
		}
	}
	slices.Sort(keys)
	c.wideLen = n
	c.wideKey = keys
	c.wideOff = make([]uint32, len(keys)+1)
	var m merger
	for i, k := range keys {
		lo, hi := uint32(k>>32), uint32(k)
		m.reset(0, ^uint32(0))
		for w := lo; w < hi; w++ {
			m.add(c.post[c.postOff[w]:c.postOff[w+1]])
		}
		m.init()
		for j := 0; j < n; j++ {
			d, ok := m.next()
			if !ok {
				break
			}
			c.wide = append(c.wide, d)
		}
		c.wideOff[i+1] = uint32(len(c.wide))
	}
	c.wide = fit(c.wide)
}

// runePrefix returns the first n runes of s, if s has that many.
func runePrefix(s string, n int) (string, bool) {
	for i := range s {
		if n == 0 {
			return s[:i], true
		}
		n--
	}
	return s, n == 0
}

// merger walks the union of sorted document lists in order, each document
// once, restricted to a window [from, to) of document numbers.
type merger struct {
	lists    [][]uint32 // the lists, each advanced past what was returned
	heap     []int32    // indexes into lists, by their first document
	from, to uint32
	last     uint32
	started  bool
}

func (m *merger) reset(from, to uint32) {
	clear(m.lists)
	m.lists, m.heap = m.lists[:0], m.heap[:0]
	m.from, m.to, m.started = from, to, false
}

// add adds a list, skipping to the window.
func (m *merger) add(l []uint32) {
	if m.from > 0 {
		l = l[sort.Search(len(l), func(i int) bool { return l[i] >= m.from }):]
	}
	if len(l) > 0 && l[0] < m.to {
		m.lists = append(m.lists, l)
	}
}

func (m *merger) init() {
	for i := range m.lists {
		m.heap = append(m.heap, int32(i))
	}
	for i := len(m.heap)/2 - 1; i >= 0; i-- {
		m.down(i)
	}
}

func (m *merger) less(a, b int32) bool { return m.lists[a][0] < m.lists[b][0] }

func (m *merger) down(i int) {
	h := m.heap
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		if r := l + 1; r < len(h) && m.less(h[r], h[l]) {
			l = r
		}
		if !m.less(h[l], h[i]) {
			return
		}
		h[i], h[l] = h[l], h[i]
		i = l
	}
}

// next returns the next document of the union.
func (m *merger) next() (uint32, bool) {
	for len(m.heap) > 0 {
		top := m.heap[0]
		l := m.lists[top]
		d := l[0]
		if d >= m.to {
			return 0, false
		}
		if len(l) > 1 {
			m.lists[top] = l[1:]
			m.down(0)
		} else {
			last := len(m.heap) - 1
			m.heap[0] = m.heap[last]
			m.heap = m.heap[:last]
			m.down(0)
		}
		if m.started && d == m.last {
			continue
		}
		m.started, m.last = true, d
		return d, true
	}
	return 0, false
}

// intersect calls f, in document order, with each document of [from, to)
// that has every word of ws, until f returns false or after budget seeks.
// It leapfrogs: each list in turn jumps (galloping) to the largest
// document seen so far, so long stretches of a common word's list that
// the other words never reach cost one jump.
func (c *core) intersect(ws []uint32, from, to uint32, budget int, f func(d uint32) bool) {
	if len(ws) == 0 || len(ws) > maxGroups {
		return
	}
	var lists [maxGroups][]uint32
	for i, w := range ws {
		lists[i] = c.post[c.postOff[w]:c.postOff[w+1]]
	}
	ls := lists[:len(ws)]
	slices.SortFunc(ls, func(a, b []uint32) int { return len(a) - len(b) })
	target, agree := from, 0
	for seeks := 0; seeks < budget; seeks++ {
		i := seeks % len(ls)
		l := ls[i]
		j := gallop(l, target)
		ls[i] = l[j:]
		if j == len(l) || l[j] >= to {
			return
		}
		if l[j] > target {
			target, agree = l[j], 0
		}
		if agree++; agree == len(ls) {
			if !f(target) {
				return
			}
			target, agree = target+1, 0
		}
	}
}

// gallop returns the index of the first element of l not below x, looking
// at 1, 2, 4, ... elements before a binary search: cheap when it is near.
func gallop(l []uint32, x uint32) int {
	if len(l) == 0 || l[0] >= x {
		return 0
	}
	lo, step := 0, 1 // l[lo] < x
	for lo+step < len(l) && l[lo+step] < x {
		lo += step
		step <<= 1
	}
	hi := min(lo+step, len(l))
	return lo + 1 + sort.Search(hi-lo-1, func(i int) bool { return l[lo+1+i] >= x })
}
