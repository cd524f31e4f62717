package wiki

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"moviebot/knowledge/parse/textutil"
)

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// trimPunct strips the punctuation that clings to a word in prose.
func trimPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return strings.ContainsRune(`.,;:!?"“”()[]'’`, r)
	})
}

// word is a token with its clinging punctuation, italics marks and a
// possessive removed: "Fargo," → "Fargo", "McDormand's" → "McDormand".
func word(tok string) string {
	t := strings.ReplaceAll(tok, "''", "")
	t = trimPunct(t)
	for _, s := range []string{"'s", "’s"} {
		if strings.HasSuffix(t, s) && len(t) > len(s) {
			t = t[:len(t)-len(s)]
		}
	}
	return trimPunct(t)
}

// hasFold reports whether the folded text contains the folded phrase as
// whole words.
func hasFold(text, phrase string) bool {
	return strings.Contains(" "+textutil.Fold(text)+" ", " "+textutil.Fold(phrase)+" ")
}

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "jr": true, "sr": true,
	"st": true, "mt": true, "vs": true, "no": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "bros": true, "prof": true, "gen": true,
	"gov": true, "sen": true, "rep": true, "capt": true, "lt": true,
	"col": true, "sgt": true, "rev": true, "fr": true, "approx": true,
	"etc": true, "e.g": true, "i.e": true, "jan": true, "feb": true,
	"mar": true, "apr": true, "aug": true, "sept": true, "sep": true,
	"oct": true, "nov": true, "dec": true, "vol": true, "pp": true, "p": true,
}

// sentences splits a paragraph into sentences. It does not split inside a
// double-quoted passage (so a quoted review stays whole) unless the
// paragraph's quotes are unbalanced, nor after initials and common
// abbreviations ("R. Lee Ermey", "Mr. Jones", "U.S.").
func sentences(p string) []string {
	trackQuotes := strings.Count(p, `"`)%2 == 0 && strings.Count(p, "“") == strings.Count(p, "”")
	var out []string
	inPlain, inCurly := false, 0
	start := 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '"':
			inPlain = !inPlain
			continue
		case strings.HasPrefix(p[i:], "“"):
			inCurly++
			i += len("“") - 1
			continue
		case strings.HasPrefix(p[i:], "”"):
			if inCurly > 0 {
				inCurly--
			}
			i += len("”") - 1
			continue
		case c != '.' && c != '!' && c != '?':
			continue
		}
		// Terminal punctuation: take the closers that follow it.
		j := i + 1
		plainState, curly := inPlain, inCurly
		for j < len(p) {
			switch {
			case p[j] == '"':
				plainState = !plainState
				j++
				continue
			case strings.HasPrefix(p[j:], "”"):
				if curly > 0 {
					curly--
				}
				j += len("”")
				continue
			case strings.HasPrefix(p[j:], "’"):
				j += len("’")
				continue
			case p[j] == ')' || p[j] == '\'':
				j++
				continue
			}
			break
		}
		if trackQuotes && (plainState || curly > 0) {
			continue
		}
		if j < len(p) && p[j] != ' ' {
			continue
		}
		k := j
		for k < len(p) && p[k] == ' ' {
			k++
		}
		if k < len(p) {
			r, _ := utf8.DecodeRuneInString(p[k:])
			if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"“'(`, r) {
				continue
			}
		}
		if c == '.' && noSentenceEnd(p[start:i]) {
			continue
		}
		if s := strings.TrimSpace(p[start:j]); s != "" {
			out = append(out, s)
		}
		start = j
		inPlain, inCurly = plainState, curly
		i = j - 1
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// noSentenceEnd reports whether a dot after text belongs to an initial or
// an abbreviation.
func noSentenceEnd(text string) bool {
	w := text
	if i := strings.LastIndexAny(w, " (\"“"); i >= 0 {
		w = w[i+1:]
	}
	w = strings.TrimLeft(w, "'")
	if w == "" {
		return false
	}
	if n := utf8.RuneCountInString(w); n == 1 {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	if strings.Contains(w, ".") {
		return true // "U.S", "L.A"
	}
	return abbreviations[strings.ToLower(w)]
}

// nameParticles are lower-case words that can sit inside a person's name.
var nameParticles = map[string]bool{
	"de": true, "da": true, "van": true, "von": true, "der": true, "den": true,
	"di": true, "del": true, "la": true, "le": true, "du": true, "bin": true,
	"al": true, "dos": true, "das": true, "ten": true,
}

// notNames are capitalised words that start a clause rather than a name.
var notNames = map[string]bool{
	"The": true, "A": true, "An": true, "In": true, "On": true, "At": true,
	"After": true, "While": true, "It": true, "His": true, "Her": true,
	"Their": true, "This": true, "That": true, "Its": true, "He": true,
	"She": true, "They": true, "When": true, "As": true, "But": true,
	"And": true, "Later": true, "Also": true, "Both": true,
}

// readNames reads a list of person names from the start of s: "Joel and
// Ethan Coen", "Mike Figgis, and based on ..." (stops at the lower-case
// word), "John O'Brien." A lone given name joined by "and" to a full name
// takes its surname ("Joel" → "Joel Coen").
func readNames(s string) []string {
	toks := strings.Fields(headBytes(s, 400))
	var names []string
	var cur []string
	var joinedByAnd []bool
	pendingAnd := false
	flush := func() {
		if len(cur) > 0 {
			names = append(names, strings.Join(cur, " "))
			joinedByAnd = append(joinedByAnd, pendingAnd)
			cur = nil
			pendingAnd = false
		}
	}
	for i, t := range toks {
		if i > 40 {
			break
		}
		bare := strings.TrimRight(t, ",.;:)")
		bare = strings.ReplaceAll(bare, "''", "")
		stopAfter := bare != t && !strings.HasSuffix(t, ",") && !isInitial(t) && !isSuffix(t)
		comma := strings.HasSuffix(t, ",")
		switch {
		case bare == "and" || bare == "&":
			flush()
			pendingAnd = true
			continue
		case bare == "":
			stopAfter = true
		case nameParticles[bare] && len(cur) > 0:
			cur = append(cur, bare)
		case startsUpper(bare) && !(len(cur) == 0 && notNames[bare]):
			if isSuffix(t) || isInitial(t) {
				cur = append(cur, strings.TrimRight(t, ",;:)"))
			} else {
				cur = append(cur, strings.TrimSuffix(strings.TrimSuffix(bare, "'s"), "’s"))
			}
			if isInitial(t) {
				continue
			}
		default:
			// A lower-case word ends the list; a dangling "and" is dropped.
			flush()
			stopAfter = true
		}
		if stopAfter {
			break
		}
		if comma {
			flush()
			if i+1 < len(toks) && !startsUpper(toks[i+1]) && toks[i+1] != "and" {
				break
			}
			if i+2 < len(toks) && toks[i+1] == "and" && !startsUpper(toks[i+2]) {
				break
			}
		}
	}
	flush()
	// "Joel and Ethan Coen": lend the surname.
	for i := 0; i+1 < len(names); i++ {
		if !strings.Contains(names[i], " ") && joinedByAnd[i+1] {
			if f := strings.Fields(names[i+1]); len(f) >= 2 {
				names[i] += " " + f[len(f)-1]
			}
		}
	}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n != "" && len(strings.Fields(n)) <= 6 {
			out = append(out, n)
		}
	}
	return out
}

// isInitial reports whether a token is an initial such as "H." or "A.".
func isInitial(t string) bool {
	t = strings.TrimSuffix(t, ",")
	r, size := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) && t[size:] == "."
}

func isSuffix(t string) bool {
	switch strings.TrimRight(t, ",;:)") {
	case "Jr.", "Sr.", "Jr", "Sr", "II", "III", "IV":
		return true
	}
	return false
}

// asciiLower lower-cases ASCII letters only, so that byte offsets in the
// result are offsets in s (strings.ToLower may change lengths).
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// headBytes returns about the first n bytes of s, cut at a space so that
// no character is split; the readers here never need more, and bounding
// them keeps parsing linear.
func headBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > 0 {
		return s[:i]
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// tailBytes returns about the last n bytes of s, cut at a space.
func tailBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if i := strings.IndexByte(s[len(s)-n:], ' '); i >= 0 {
		return s[len(s)-n+i+1:]
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
