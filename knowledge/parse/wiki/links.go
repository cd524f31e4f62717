package wiki

import (
	"strings"

	"moviebot/knowledge/parse/textutil"
)

// The mirror prints every linked term on a line of its own, followed on the
// same line by a preview of the linked article cut off with " ...":
//
//	Mike Figgis Michael Figgis (born 28 February 1948) is an English film ...
//
// Nothing marks where the link text ends and the preview begins. The
// preview, though, is the first sentence of an article, and an article
// starts by naming its subject: the link text again ("Las Vegas Las Vegas
// is"), maybe after "The" or inside quotes, or a fuller form of it that
// starts with the same word ("Nicolas Cage Nicolas Kim Coppola") or ends
// with the same surname ("Ed Lauter Edward Matthew Lauter Jr."). splitLink
// tries every split point and scores how well the preview echoes the link
// text; a few structural clues (a lower-case link text followed by a
// capitalised sentence opener, a preview that starts with a word of the
// link text itself) break the rest of the ties.

// isLinkLine reports whether a page line is a link followed by a preview.
func isLinkLine(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasSuffix(t, " ...") && len(strings.Fields(t)) >= 2
}

// maxLinkWords bounds how long a link text can be; the longest seen are
// award names ("Golden Globe Award for Best Actor - Motion Picture Drama").
const maxLinkWords = 14

// previewWords is how many preview words are compared with the link text.
const previewWords = 16

// splitLink splits a link line into the link text and the preview snippet.
func splitLink(line string) (link, snippet string) {
	body := strings.TrimSpace(line)
	body = strings.TrimSpace(strings.TrimSuffix(body, "..."))
	toks := strings.Fields(body)
	if len(toks) <= 1 {
		return body, ""
	}
	bestK, bestScore := 0, 0
	for k := 1; k < len(toks) && k <= maxLinkWords; k++ {
		s, ok := splitScore(toks[:k], toks[k:])
		if !ok {
			continue
		}
		if bestK == 0 || s > bestScore {
			bestK, bestScore = k, s
		}
	}
	if bestK == 0 {
		bestK = 1
	}
	return strings.Join(toks[:bestK], " "), strings.Join(toks[bestK:], " ")
}

// foldWords folds tokens for comparison: wiki italics marks (two
// apostrophes) are word breaks, as in a preview that runs "Sands" into
// "Births"; hyphens split words ("French-Stewart").
func foldWords(toks []string) []string {
	return strings.Fields(textutil.Fold(strings.ReplaceAll(strings.Join(toks, " "), "''", " ")))
}

var linkStop = map[string]bool{
	"the": true, "a": true, "an": true, "of": true, "and": true, "for": true,
	"in": true, "on": true, "at": true, "to": true, "or": true, "by": true,
	"with": true, "is": true, "was": true,
}

// linkVerbs are verbs that a link text does not contain.
var linkVerbs = map[string]bool{
	"is": true, "was": true, "are": true, "were": true, "has": true,
	"have": true, "had": true, "been": true,
}

// repeatsPair reports whether a pair of words occurs twice in words.
func repeatsPair(words []string) bool {
	seen := map[string]bool{}
	for i := 0; i+1 < len(words); i++ {
		k := words[i] + " " + words[i+1]
		if seen[k] {
			return true
		}
		seen[k] = true
	}
	return false
}

// skippable words may precede an article's subject in its first sentence.
var skippable = map[string]bool{"the": true, "sir": true, "dame": true}

// openers are words that typically start an article's first sentence when
// it does not start with its subject ("In film and television, drama is").
var openers = map[string]bool{
	"In": true, "This": true, "The": true, "A": true, "An": true, "It": true,
	"These": true, "There": true, "As": true, "Some": true, "For": true,
}

// validLink rejects link texts no link can have: an unbalanced bracket, a
// semicolon, quotes or italics marks, a trailing comma.
func validLink(toks []string) bool {
	depth := 0
	for i, t := range toks {
		if strings.ContainsAny(t, ";\"“”[]{}") || strings.Contains(t, "''") {
			return false
		}
		depth += strings.Count(t, "(") - strings.Count(t, ")")
		if depth < 0 {
			return false
		}
		if i == len(toks)-1 && strings.ContainsAny(t[len(t)-1:], ",:(") {
			return false
		}
	}
	return depth == 0
}

// splitScore scores the hypothesis that link is the link text and rest the
// preview. ok is false when link cannot be a link text at all.
func splitScore(link, rest []string) (score int, ok bool) {
	if !validLink(link) {
		return 0, false
	}
	fl := foldWords(link)
	if len(fl) == 0 {
		return -50, true
	}
	if len(rest) > previewWords {
		rest = rest[:previewWords]
	}
	fs := foldWords(rest)
	if len(fs) > previewWords+4 {
		fs = fs[:previewWords+4]
	}
	if len(fs) == 0 {
		return 0, true
	}
	fs0 := fs
	for n := 0; n < 2 && len(fs0) > 1 && skippable[fs0[0]] && fs0[0] != fl[0]; n++ {
		fs0 = fs0[1:]
	}
	last := fl[len(fl)-1]
	switch {
	case echoes(fs0, fl) || echoes(fs, fl):
		// The preview restates the link text: "Las Vegas Las Vegas (;".
		score += 100 + 5*len(fl)
	default:
		if len(fl) >= 2 {
			// The link text inside a fuller name: "Milton French-Stewart".
			// After "the" it is rather the start of the preview, which
			// then began a word or two earlier ("Best | Film The
			// Independent Spirit Award for Best Feature").
			if p := indexSeq(fs, fl); p >= 1 && p <= 4 {
				if fs[p-1] == "the" || (p+len(fl) < len(fs) && fs[p+len(fl)] == fs[0]) {
					// Or the word after the echo is the preview's first
					// word: the link text is one word short ("List of
					// films set in Las | Vegas This is a list of films set
					// in Las Vegas").
					score -= 30
				} else {
					score += 70 - 5*p + 5*len(fl)
				}
			}
		}
		if fs0[0] == fl[0] && !linkStop[fl[0]] {
			// Same first word, then the full name: "Nicolas Kim Coppola".
			score += 50 + 5*(commonPrefix(fs0, fl)-1)
			if len(fl) >= 2 && !linkStop[last] && indexSeq(fs, []string{last}) >= 0 {
				score += 10
			}
		} else {
			// Same surname: "Mike Figgis Michael Figgis".
			if m, p := longestSuffix(fl, fs, 7); m > 0 {
				score += 30 - 3*p + 10*(m-1)
			}
			if len(fl) >= 2 && related(fs0[0], fl[0]) {
				score += 10 // "Ed" and "Edward"
			}
		}
	}
	// A preview starting with a later word of the link text means the link
	// text was cut short ("Mike Figgis Michael | Figgis (born").
	if fs0[0] != fl[0] && !linkStop[fs0[0]] && contains(fl[1:], fs0[0]) {
		score -= 30
	}
	// A preview whose first word comes back a few words later usually
	// starts inside the link text ("Roger | Deakins Sir Roger ... Deakins").
	if fs[0] != fl[0] && !linkStop[fs[0]] && !skippable[fs[0]] {
		end := min(len(fs), 9)
		if contains(fs[1:end], fs[0]) {
			score -= 15
		}
	}
	if linkStop[last] || skippable[last] {
		score -= 20
	}
	// Link texts are names, not clauses, and do not repeat themselves.
	for _, t := range link {
		if linkVerbs[t] {
			score -= 40
			break
		}
	}
	if repeatsPair(fl) {
		score -= 40
	}
	// A capitalised "The" mid-line almost always opens the preview.
	if rest[0] == "The" {
		score += 15
	}
	for _, t := range link[:len(link)-1] {
		if strings.HasSuffix(t, ",") {
			score -= 25
		}
	}
	// "drama film | In film and television, drama is ...".
	if startsLower(link[len(link)-1]) && startsUpper(rest[0]) {
		score += 15
		if openers[rest[0]] {
			score += 10
		}
	}
	return score, true
}

// echoes reports whether fs starts with the words of fl; the last word may
// be a prefix ("Academy Award" echoed by "Academy Awards").
func echoes(fs, fl []string) bool {
	if len(fs) < len(fl) {
		return false
	}
	for i, w := range fl {
		if fs[i] == w {
			continue
		}
		if i == len(fl)-1 && len(w) >= 3 && strings.HasPrefix(fs[i], w) {
			continue
		}
		return false
	}
	return true
}

// indexSeq returns where seq first occurs in words, or -1.
func indexSeq(words, seq []string) int {
	if len(seq) == 0 {
		return -1
	}
	for i := 0; i+len(seq) <= len(words); i++ {
		match := true
		for j := range seq {
			if words[i+j] != seq[j] {
				match = false
				break
			}
		}
		if match {
			return i
		}
	}
	return -1
}

// longestSuffix finds the longest proper suffix of fl (the whole of fl when
// it is one word) occurring in the first window words of fs, returning its
// length and position.
func longestSuffix(fl, fs []string, window int) (m, pos int) {
	if len(fs) > window {
		fs = fs[:window]
	}
	start := 1
	if len(fl) == 1 {
		start = 0
	}
	for s := start; s < len(fl); s++ {
		suf := fl[s:]
		if linkStop[suf[0]] {
			continue
		}
		if p := indexSeq(fs, suf); p >= 0 {
			return len(suf), p
		}
	}
	return 0, 0
}

func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// related reports whether one word is a short form of the other.
func related(a, b string) bool {
	if a == b || len(a) < 2 || len(b) < 2 {
		return false
	}
	return strings.HasPrefix(a, b) || strings.HasPrefix(b, a)
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}

// joiner re-joins prose fragments and link texts into running text. It
// tracks open quotes and italics marks so that a publication name linked
// inside italics is joined to its marks without spaces, and a quoted song
// title to its quotes:
//
//	from ''  +  Variety  +  '' wrote   →   from ''Variety'' wrote
type joiner struct {
	b       strings.Builder
	quotes  int // plain double quotes seen
	italics int // '' marks seen
}

func (j *joiner) add(frag string) {
	frag = textutil.Clean(frag)
	if frag == "" {
		return
	}
	if j.b.Len() > 0 && j.needSpace(frag) {
		j.b.WriteByte(' ')
	}
	j.b.WriteString(frag)
	j.quotes += strings.Count(frag, `"`)
	j.italics += strings.Count(frag, "''")
}

func (j *joiner) needSpace(frag string) bool {
	prev := j.b.String()
	switch {
	case strings.HasSuffix(prev, "''"):
		if j.italics%2 == 1 {
			return false // opening italics
		}
	case strings.HasSuffix(prev, `"`):
		if j.quotes%2 == 1 {
			return false // opening quote
		}
	case strings.HasSuffix(prev, "(") || strings.HasSuffix(prev, "“") || strings.HasSuffix(prev, "‘"):
		return false
	}
	switch {
	case strings.HasPrefix(frag, "''"):
		return j.italics%2 == 0
	case strings.HasPrefix(frag, `"`):
		return j.quotes%2 == 0
	case strings.HasPrefix(frag, "'s") || strings.HasPrefix(frag, "’s"):
		return false
	case strings.ContainsAny(frag[:1], ",.;:)!?%]") || strings.HasPrefix(frag, "”") || strings.HasPrefix(frag, "’"):
		return false
	}
	return true
}

func (j *joiner) String() string { return j.b.String() }

// joinBlock turns the lines of one paragraph into running text, replacing
// each link line by its link text. Wiki italics marks are kept: later steps
// use them to find publication names; plain strips them.
func joinBlock(lines []string) string {
	var j joiner
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "..." {
			continue
		}
		if isLinkLine(t) {
			t, _ = splitLink(t)
		}
		j.add(t)
	}
	return j.String()
}

// plain removes wiki italics and bold marks and collapses white space.
func plain(s string) string {
	if !strings.Contains(s, "''") {
		return textutil.Clean(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' && i+1 < len(s) && s[i+1] == '\'' {
			for i+1 < len(s) && s[i+1] == '\'' {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return textutil.Clean(b.String())
}
