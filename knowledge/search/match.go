// Package search finds films by title, people by name and quotes by their
// words, the way people type them: with typos, missing words, in any case,
// without accents or punctuation, and half remembered.
//
// Matching works on folded words (see knowledge.Fold). Each word of the
// query is paired with its best word in the candidate: the same word, a
// prefix of it (what someone is still typing, or "nic" for "nicolas"), or a
// word one or two edits away (substitution, insertion, deletion, or two
// neighbours swapped). A candidate's score is how much of the query it
// covers, less a little for the words of the candidate the query left out.
package search

import (
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

func words(s string) []string { return strings.Fields(knowledge.Fold(s)) }

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
	if budget == 0 {
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

// osa is the optimal-string-alignment distance between a and b (edits:
// insert, delete, substitute, swap two neighbours), giving up early with
// limit+1 once the distance must exceed limit.
func osa(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	// Three rows suffice for the transposition lookback.
	prev2 := make([]int, m+1)
	prev := make([]int, m+1)
	cur := make([]int, m+1)
	for j := 0; j <= m; j++ {
		prev[j] = j
	}
	for i := 1; i <= n; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= m; j++ {
			cost := 1
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
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[m]
}

// coverage scores how well the query words qs are found in the candidate
// words ts, each candidate word used at most once. It returns the weighted
// share of the query matched (0..1) and how many candidate words were used.
func coverage(qs, ts []string) (float64, int) {
	if len(qs) == 0 {
		return 0, 0
	}
	used := make([]bool, len(ts))
	total, got, n := 0.0, 0.0, 0
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
		if at >= 0 {
			used[at] = true
			got += w * best
			n++
		}
	}
	return got / total, n
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
