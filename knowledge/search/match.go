// Matching: how one query word and one name are scored.

package search

import (
	"math/bits"
	"strings"

	"moviebot/knowledge"
)

// stopwords weigh little when a query leaves them out or puts them in:
// "lord of the rings" and "lord rings" mean the same film.
var stopwords = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "in": true,
	"on": true, "to": true, "at": true, "for": true, "la": true, "le": true,
	"el": true, "der": true, "die": true, "das": true, "les": true,
}

func words(s string) []string { return strings.Fields(fold(s)) }

// fold is knowledge.Fold with a fast path for plain ASCII, which is most
// titles: building an index folds every name once, and Unicode
// normalisation would dominate the build time. The two agree on ASCII (see
// TestFoldASCII).
func fold(s string) string { return string(appendFold(nil, s)) }

// appendFold appends fold(s) to dst.
func appendFold(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return append(dst, knowledge.Fold(s)...)
		}
	}
	start := len(dst)
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\'' || c == '`':
			continue // "O'Brien" folds to "obrien"
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		default:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		dst = append(dst, c)
		space = false
	}
	if n := len(dst); n > start && dst[n-1] == ' ' {
		dst = dst[:n-1]
	}
	return dst
}

// editBudget is how many edits a query word of n letters may be from the
// word it matches: none below four letters (too many short words are one
// edit apart), one up to seven, two from eight.
func editBudget(n int) int {
	switch {
	case n < 4:
		return 0
	case n < 8:
		return 1
	default:
		return 2
	}
}

// wordScore scores query word q against candidate word t, from 0 (no match)
// to 1 (the same word). last marks the query's final word, which may still
// be being typed, so any prefix counts.
func wordScore(q, t string, last bool) float64 {
	if q == t {
		return 1
	}
	if strings.HasPrefix(t, q) {
		switch {
		case last:
			return 0.9
		case len(q) >= 3:
			return 0.8
		}
	}
	budget := editBudget(len(q))
	if budget > 0 && bits.OnesCount32(letters(q)^letters(t)) > 2*budget && !(last && len(q) >= 4 && len(t) > len(q)) {
		// Each edit adds or removes at most two of the letters a word
		// has, so words this different cannot be budget edits apart:
		// most candidate words are rejected here without osa.
		return 0
	}
	if budget == 0 {
		// A four-letter word with a letter dropped ("jas" for "jaws") is
		// the one typo a three-letter word may have: only four-letter
		// words can be it, few enough.
		if len(q) == 3 && len(t) == 4 && dropped(q, t) {
			return 0.85
		}
		return 0
	}
	if d := osa(q, t, budget); d <= budget {
		return 1 - 0.15*float64(d)
	}
	// A typo in a word still being typed: "leavng" for "leaving".
	if last && len(q) >= 4 && len(t) > len(q) {
		if d := osa(q, t[:len(q)], 1); d <= 1 {
			return 0.7
		}
	}
	return 0
}

// letters is the set of letters and digits in w (anything else counts as
// one more letter).
func letters(w string) uint32 {
	var m uint32
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case 'a' <= c && c <= 'z':
			m |= 1 << (c - 'a')
		case '0' <= c && c <= '9':
			m |= 1 << (26 + (c-'0')%5)
		default:
			m |= 1 << 31
		}
	}
	return m
}

// dropped reports whether q is t with one byte left out.
func dropped(q, t string) bool {
	if len(t) != len(q)+1 {
		return false
	}
	i := 0
	for i < len(q) && q[i] == t[i] {
		i++
	}
	return q[i:] == t[i+1:]
}

// osa is the optimal-string-alignment distance between a and b (edits:
// insert, delete, substitute, swap two neighbours), giving up early with
// limit+1 once the distance must exceed limit. It works on runes, in stack
// buffers for words of up to osaStack runes, because scoring calls it for
// many candidate words per keystroke.
func osa(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	var abuf, bbuf [osaStack]rune
	ra, rb := appendRunes(abuf[:0], a), appendRunes(bbuf[:0], b)
	return osaRunes(ra, rb, limit)
}

const osaStack = 48

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

func osaRunes(ra, rb []rune, limit int) int {
	n, m := len(ra), len(rb)
	var rows [3][osaStack + 1]int32
	// Three rows suffice for the transposition lookback.
	prev2, prev, cur := rows[0][:], rows[1][:], rows[2][:]
	if m+1 > len(cur) {
		prev2, prev, cur = make([]int32, m+1), make([]int32, m+1), make([]int32, m+1)
	}
	for j := 0; j <= m; j++ {
		prev[j] = int32(j)
	}
	lim := int32(limit)
	for i := 1; i <= n; i++ {
		cur[0] = int32(i)
		rowMin := cur[0]
		for j := 1; j <= m; j++ {
			cost := int32(1)
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > lim {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(prev[m])
}

// cover is how a name covers a query (see coverage).
type cover struct {
	share float64 // weighted share of the query matched, 0..1
	used  int     // words of the name used
	// fromStart: query word i matched word i of the name, for every i:
	// the query is the start of the name, typed in order.
	fromStart bool
}

// coverage scores how well the query words qs are found in the candidate
// words ts, each candidate word used at most once.
func coverage(qs, ts []string) cover {
	if len(qs) == 0 {
		return cover{}
	}
	used := make([]bool, len(ts))
	total, got := 0.0, 0.0
	c := cover{fromStart: true}
	for i, q := range qs {
		w := 1.0
		if stopwords[q] {
			w = 0.3
		}
		total += w
		best, at := 0.0, -1
		for j, t := range ts {
			if used[j] {
				continue
			}
			if s := wordScore(q, t, i == len(qs)-1); s > best {
				best, at = s, j
			}
		}
		if at != i {
			c.fromStart = false
		}
		if at >= 0 {
			used[at] = true
			got += w * best
			c.used++
		}
	}
	c.share = got / total
	return c
}

// nameScore is the score of a name of words ts for the query words qs,
// on Score's scale.
func nameScore(qs, ts []string) float64 {
	if strings.Join(qs, "") == strings.Join(ts, "") {
		// The whole name, perhaps spaced or punctuated differently
		// ("wall e" / "WALL·E"): an exact title beats any longer one
		// that contains it.
		return 1.2
	}
	c := coverage(qs, ts)
	return c.share - leftOutCost(c)*leftOut(ts, c.used)
}

// leftOutCost is what leaving out all of a name's words costs: nothing
// when the query is the start of the name, typed in order, because people
// stop typing once the film is offered ("fight" for Fight Club,
// "apocalyps" for Apocalypse Now): among the names that start so,
// popularity decides, and only the exact name (1.2) comes before them.
func leftOutCost(c cover) float64 {
	if c.fromStart {
		return 0
	}
	return 0.25
}

// leftOut is the weighted share of candidate words ts the query did not
// use, stopwords counting little.
func leftOut(ts []string, used int) float64 {
	if len(ts) == 0 {
		return 0
	}
	content := 0
	for _, t := range ts {
		if !stopwords[t] {
			content++
		}
	}
	missing := len(ts) - used
	if missing <= 0 || content == 0 {
		return 0
	}
	return float64(min(missing, content)) / float64(len(ts))
}
