// Package textutil has the small text helpers every page parser needs:
// splitting into lines and paragraphs, reading dates, money and runtimes the
// ways web pages write them, and normalising names for comparison.
package textutil

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Lines splits text into lines with trailing spaces, carriage returns and
// no-break spaces trimmed. Blank lines are kept as "".
func Lines(text string) []string {
	raw := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	out := make([]string, len(raw))
	for i, l := range raw {
		out[i] = strings.TrimRightFunc(strings.ReplaceAll(l, "\u00a0", " "), unicode.IsSpace)
	}
	return out
}

// Clean collapses runs of white space (including no-break spaces) into one
// space and trims the ends.
func Clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Paragraphs groups lines into paragraphs separated by blank lines, each
// paragraph's lines joined with single spaces.
func Paragraphs(lines []string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, Clean(strings.Join(cur, " ")))
			cur = nil
		}
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, strings.TrimSpace(l))
	}
	flush()
	return out
}

// Fold returns s lower-cased, with accents removed, typographic quotes and
// dashes made plain, and every run of characters that are neither letters
// nor digits turned into one space. It is the form names and titles are
// compared in: Fold("Amélie") == Fold("amelie").
func Fold(s string) string {
	if f, ok := foldASCII(s); ok {
		return f
	}
	var b strings.Builder
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // combining accent
		case r == '\'' || r == '’' || r == '‘' || r == '`':
			continue // "O'Brien" folds to "obrien", like "OBrien"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// foldASCII is Fold for the common case of plain ASCII text, without the
// Unicode decomposition; ok is false when s has other characters.
func foldASCII(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	space := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return "", false
		case c == '\'' || c == '`':
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
			space = false
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
			space = false
		default:
			if !space {
				b = append(b, ' ')
				space = true
			}
		}
	}
	if n := len(b); n > 0 && b[n-1] == ' ' {
		b = b[:n-1]
	}
	return string(b), true
}

var months = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

// Month returns the month number for an English month name or its
// abbreviation (with or without a trailing dot), or 0.
func Month(name string) int {
	return months[strings.TrimSuffix(strings.ToLower(name), ".")]
}

// ParseDate reads "15 May 2005", "May 15, 2005", "Feb 24, 1998",
// "October 27, 1995", "2005-05-15" and "Nov 15, 2012" and returns the ISO form
// (2005-05-15). "May 2005" gives "2005-05" and "1995" gives "1995". It
// returns "" when s is not a date.
func ParseDate(s string) string {
	f := strings.Fields(strings.NewReplacer(",", " ", "/", " ").Replace(Clean(s)))
	switch len(f) {
	case 1:
		if len(f[0]) == 10 && f[0][4] == '-' && f[0][7] == '-' {
			y, m, d := atoi(f[0][:4]), atoi(f[0][5:7]), atoi(f[0][8:])
			return iso(y, m, d)
		}
		if y := atoi(f[0]); y >= 1870 && y <= 2200 && len(f[0]) == 4 {
			return strconv.Itoa(y)
		}
	case 2:
		if m, y := Month(f[0]), atoi(f[1]); m > 0 && y >= 1870 {
			return iso(y, m, 0)
		}
	case 3:
		if m := Month(f[1]); m > 0 { // 15 May 2005
			return iso(atoi(f[2]), m, atoi(f[0]))
		}
		if m := Month(f[0]); m > 0 { // May 15 2005
			return iso(atoi(f[2]), m, atoi(f[1]))
		}
	}
	return ""
}

func iso(y, m, d int) string {
	if y < 1870 || y > 2200 || m < 1 || m > 12 || d < 0 || d > 31 {
		return ""
	}
	if d == 0 {
		return strconv.Itoa(y) + "-" + two(m)
	}
	return strconv.Itoa(y) + "-" + two(m) + "-" + two(d)
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// ParseMoney reads a dollar amount: "$49.8 million", "$3.6M", "$32.03M",
// "$2 million", "$500", "$1.2 billion", "$7,000,000", "US$60.6 million". It
// returns the amount in dollars and whether s held one.
func ParseMoney(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	i := strings.Index(s, "$")
	if i < 0 {
		return 0, false
	}
	rest := s[i+1:]
	j := 0
	for j < len(rest) && (rest[j] >= '0' && rest[j] <= '9' || rest[j] == '.' || rest[j] == ',') {
		j++
	}
	num := strings.TrimRight(strings.ReplaceAll(rest[:j], ",", ""), ".")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, false
	}
	unit := strings.ToLower(strings.TrimSpace(rest[j:]))
	switch {
	case strings.HasPrefix(unit, "billion"), strings.HasPrefix(unit, "bn"), unit == "b" || strings.HasPrefix(unit, "b "):
		v *= 1e9
	case strings.HasPrefix(unit, "million"), strings.HasPrefix(unit, "mil"), unit == "m" || strings.HasPrefix(unit, "m ") || strings.HasPrefix(unit, "m,") || strings.HasPrefix(unit, "m)"):
		v *= 1e6
	case strings.HasPrefix(unit, "thousand"), unit == "k" || strings.HasPrefix(unit, "k "):
		v *= 1e3
	}
	return v, true
}

// ParseRuntime reads "1h 51min", "1 hr 51 min", "111 minutes", "111 min" and
// "2h" and returns minutes, or 0.
func ParseRuntime(s string) int {
	s = strings.ToLower(s)
	total, num, seen := 0, -1, false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			num = atoi(s[i:j])
			i = j
		case c == 'h' && num >= 0:
			total += num * 60
			num, seen = -1, true
			for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
				i++
			}
		case c == 'm' && num >= 0:
			total += num
			num, seen = -1, true
			for i < len(s) && s[i] >= 'a' && s[i] <= 'z' {
				i++
			}
		default:
			i++
		}
	}
	if !seen || total <= 0 || total > 2000 {
		return 0
	}
	return total
}

// TitleYear splits "Leaving Las Vegas (1995)" into its title and year. It
// returns year 0 when s does not end with a parenthesised year.
func TitleYear(s string) (string, int) {
	s = Clean(s)
	if len(s) >= 6 && s[len(s)-1] == ')' {
		if open := strings.LastIndex(s, "("); open >= 0 {
			inner := s[open+1 : len(s)-1]
			if y := atoi(inner); len(inner) == 4 && y >= 1870 && y <= 2200 {
				return strings.TrimSpace(s[:open]), y
			}
		}
	}
	return s, 0
}

// endingWords are the words and phrases that, in a sentence about a film's
// story, almost always give away how it ends. The list is deliberately
// broad: hiding a harmless sentence costs little, showing an ending costs a
// lot.
var endingWords = []string{
	"dies", "died", "dying", "deathbed", "killed", "kills", "murdered", "murders",
	"is shot", "shoots him", "shoots her", "commits suicide", "takes his own life",
	"takes her own life", "the ending", "ending is", "ends with", "ends up",
	"in the end", "at the end", "final scene", "last scene", "finale", "twist ending",
	"plot twist", "the twist is", "final twist", "big twist",
	"turns out", "is arrested", "are arrested", "gets arrested", "arrests",
	"wood chipper", "woodchipper", "funeral", "survives", "reunite", "is revealed",
}

// RevealsEnding reports whether text contains a word or phrase that usually
// gives away a film's ending ("Ben dies", "the twist", "in the end"). Parsers
// use it to flag FAQ answers and trivia; anything it flags is shown only
// behind spoiler tags.
func RevealsEnding(text string) bool {
	f := " " + Fold(text) + " "
	for _, w := range endingWords {
		if strings.Contains(f, " "+Fold(w)+" ") {
			return true
		}
	}
	return false
}
