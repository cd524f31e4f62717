package knowledge

import (
	"regexp"
	"strings"

	"moviebot/knowledge/parse/textutil"
)

// Fold is the comparison form of names, titles and quotes: lower case,
// accents and punctuation gone (see textutil.Fold).
func Fold(s string) string { return textutil.Fold(s) }

// personKey is the form two spellings of one person's name share: folded,
// with single-letter middle initials dropped, so "Michael A. Goorjian" and
// "Michael Goorjian", or "William H. Macy" and "William Macy", meet.
func personKey(name string) string {
	f := strings.Fields(Fold(name))
	if len(f) <= 2 {
		return strings.Join(f, " ")
	}
	out := f[:1]
	for _, w := range f[1 : len(f)-1] {
		if len(w) > 1 {
			out = append(out, w)
		}
	}
	return strings.Join(append(out, f[len(f)-1]), " ")
}

var creditedAs = regexp.MustCompile(`^(.*?)\s*\(\s*(?:as|credited as)\s+([^)]+)\)\s*$`)

// splitCreditedAs turns "Michael Goorjian (as Michael A. Goorjian)" into the
// name and the credit form.
func splitCreditedAs(name string) (string, string) {
	if m := creditedAs.FindStringSubmatch(name); m != nil {
		return strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	}
	return name, ""
}

// samePerson reports whether two credits on the same film name one person.
// Exact agreement of personKey is enough. Otherwise the surnames must agree
// and the first names must be one spelling apart: one a prefix of the other
// ("Al" / "Albert"), or a similarity of at least 0.8 ("Elisabeth" /
// "Elizabeth" is 0.89). The threshold admits one changed letter in a name of
// five or more letters and rejects different people who share a surname
// (Joel / Ethan Coen score 0). It is applied only within one film, where two
// people with one surname and near-identical first names are vanishingly
// rare.
func samePerson(a, b string) bool {
	ka, kb := personKey(a), personKey(b)
	if ka == "" || kb == "" {
		return false
	}
	if ka == kb {
		return true
	}
	fa, fb := strings.Fields(ka), strings.Fields(kb)
	if len(fa) < 2 || len(fb) < 2 || fa[len(fa)-1] != fb[len(fb)-1] {
		return false
	}
	x, y := fa[0], fb[0]
	if len(x) >= 2 && len(y) >= 2 && (strings.HasPrefix(x, y) || strings.HasPrefix(y, x)) {
		return true
	}
	return similarity(x, y) >= 0.8
}

// similarity is 1 minus the Levenshtein distance over the longer length.
func similarity(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 && len(rb) == 0 {
		return 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	n := max(len(ra), len(rb))
	return 1 - float64(prev[len(rb)])/float64(n)
}

var (
	roleNumber = regexp.MustCompile(`\b(?:no|number|nr)\s+(\d+)\b`)
	roleSpaces = regexp.MustCompile(`\s+`)
)

// roleKey is the comparison form of a character name: "Business Man No. 2",
// "Business Man #2" and "Businessman #2" all become "businessman2".
func roleKey(role string) string {
	f := Fold(strings.TrimSuffix(strings.TrimSpace(role), "..."))
	f = roleNumber.ReplaceAllString(f, "$1")
	return roleSpaces.ReplaceAllString(f, "")
}

// truncated reports whether a page cut the text off with an ellipsis.
func truncated(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "...") || strings.HasSuffix(s, "…")
}

// sameRole reports whether two spellings of a character name are one role:
// equal keys, or one a cut-off form of the other ("Bartender in Biker B..."
// and "Bartender #3 in Biker Bar": with the numbers set aside, the first is a
// prefix of the second), or one contained in the other ("Bartender" and
// "L.A. Bartender").
func sameRole(a, b string) bool {
	ka, kb := roleKey(a), roleKey(b)
	if ka == kb {
		return true
	}
	if ka == "" || kb == "" {
		return false
	}
	na, nb := stripDigits(ka), stripDigits(kb)
	if truncated(a) && strings.HasPrefix(nb, na) || truncated(b) && strings.HasPrefix(na, nb) {
		return true
	}
	if truncated(a) && strings.HasPrefix(kb, ka) || truncated(b) && strings.HasPrefix(ka, kb) {
		return true
	}
	return len(na) >= 4 && len(nb) >= 4 && (strings.Contains(na, nb) || strings.Contains(nb, na)) && sameDigits(ka, kb)
}

func stripDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return -1
		}
		return r
	}, s)
}

// sameDigits reports whether the numbers in two role keys agree where both
// have one, so "Mobster 1" never merges with "Mobster 3".
func sameDigits(a, b string) bool {
	da := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, a)
	db := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, b)
	return da == "" || db == "" || da == db
}

// wordSet is the set of folded words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(Fold(s)) {
		m[w] = true
	}
	return m
}

// dice is the Sørensen–Dice coefficient of the folded word sets of a and b:
// twice the shared words over the total. Word order and small rewordings
// ("'cause" / "because") barely move it.
func dice(a, b string) float64 {
	wa, wb := wordSet(a), wordSet(b)
	if len(wa)+len(wb) == 0 {
		return 0
	}
	shared := 0
	for w := range wa {
		if wb[w] {
			shared++
		}
	}
	return 2 * float64(shared) / float64(len(wa)+len(wb))
}
