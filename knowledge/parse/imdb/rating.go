package imdb

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// rating is a score a reviewer wrote inside the review body.
type rating struct {
	text       string
	value, max float64
	end        int // byte offset just after the rating in the body
}

var (
	// "***** out of *****", "*** 1/2 out of ****", "**** / 5".
	starsOutOfRe = regexp.MustCompile(`(\*{1,5})(\s*(?:1/2|½))?\s*(?:(?i:out of)|/)\s*(\*{1,5}|[45]\b|10\b)`)
	// "**** (out of 4)".
	starsParenRe = regexp.MustCompile(`(\*{1,5})(\s*(?:1/2|½))?\s*\(\s*(?i:out of)\s*(\d{1,2})\s*\)`)
	// "9.5 out of 10", "8/10", "Rating: 1/10"; the context is checked in
	// numberRating because RE2 has no look-around.
	numOutOfRe = regexp.MustCompile(`(\d{1,3}(?:\.\d{1,2})?)\s*(/|(?i:out of))\s*(\d{1,3})`)
	// "my 10 star rating", "7 stars out of 10", "gave it 8 stars".
	starWordRe = regexp.MustCompile(`(?i)(\d{1,2}(?:\.\d)?)[ -]?stars?\b(\s+out of\s+(\d{1,2})\b|\s+rating\b)?`)
	// "LEAVING LAS VEGAS (1995) ****": a critic-style star grade after the
	// film's name and year, with no scale written.
	bareStarsRe = regexp.MustCompile(`\(\d{4}\)\s*(\*{1,5})(\s*(?:1/2|½))?(?:\s|$)`)
)

// scaleOK lists the scales reviewers rate on; other "N/M" pairs are
// fractions, dates or "24/7".
func scaleOK(m float64) bool { return m == 4 || m == 5 || m == 10 || m == 100 }

// findRating returns the most plausible rating written in a review body:
// the last explicit one ("N out of M", "N/M", stars out of stars, "N star
// rating"), because reviewers close with their verdict; failing those, a
// bare star grade after "(YEAR)".
func findRating(body string) (rating, bool) {
	var best rating
	found := false
	consider := func(r rating, ok bool) {
		if ok && r.value >= 0 && r.value <= r.max && scaleOK(r.max) && (!found || r.end > best.end) {
			best, found = r, true
		}
	}
	// Cheap literal checks first: the regexps have no literal prefix, so
	// running them on every body would cost more than the rest of Parse.
	lower := strings.ToLower(body)
	stars := strings.Contains(body, "*")
	if stars {
		for _, m := range starsOutOfRe.FindAllStringSubmatchIndex(body, -1) {
			v := float64(m[3]-m[2]) + half(body, m[4], m[5])
			scale := body[m[6]:m[7]]
			mx := float64(len(scale))
			if scale[0] != '*' {
				mx = float64(atoi(scale))
			}
			consider(rating{text: body[m[0]:m[1]], value: v, max: mx, end: m[1]}, true)
		}
		for _, m := range starsParenRe.FindAllStringSubmatchIndex(body, -1) {
			v := float64(m[3]-m[2]) + half(body, m[4], m[5])
			consider(rating{text: body[m[0]:m[1]], value: v, max: float64(atoi(body[m[6]:m[7]])), end: m[1]}, true)
		}
	}
	if strings.Contains(lower, "out of") || strings.Contains(body, "/") {
		for _, m := range numOutOfRe.FindAllStringSubmatchIndex(body, -1) {
			consider(numberRating(body, m))
		}
	}
	if strings.Contains(lower, "star") {
		for _, m := range starWordRe.FindAllStringSubmatchIndex(body, -1) {
			consider(starWordRating(body, m))
		}
	}
	if found || !stars {
		return best, found
	}
	for _, m := range bareStarsRe.FindAllStringSubmatchIndex(body, -1) {
		v := float64(m[3]-m[2]) + half(body, m[4], m[5])
		mx := 4.0 // the four-star critics' scale, unless the grade exceeds it
		if v > 4 {
			mx = 5
		}
		end := m[5]
		if end < 0 {
			end = m[3]
		}
		consider(rating{text: strings.TrimSpace(body[m[2]:end]), value: v, max: mx, end: end}, true)
	}
	return best, found
}

// numberRating checks the context of an "N out of M" or "N/M" match: no
// digit, slash or dot glued to either end (dates, versions), and for "out
// of" no word after it but a scale word, so "9 out of 10 people" and the
// vote line stay prose.
func numberRating(body string, m []int) (rating, bool) {
	if m[0] > 0 {
		c := body[m[0]-1]
		if c >= '0' && c <= '9' || c == '/' || c == '.' || c == ',' {
			return rating{}, false
		}
	}
	if m[1] < len(body) {
		c := body[m[1]]
		if c >= '0' && c <= '9' || c == '/' || c == ',' && m[1]+1 < len(body) && body[m[1]+1] >= '0' && body[m[1]+1] <= '9' {
			return rating{}, false
		}
		if c == '.' && m[1]+1 < len(body) && body[m[1]+1] >= '0' && body[m[1]+1] <= '9' {
			return rating{}, false
		}
	}
	word := nextWord(body[m[1]:])
	if body[m[4]:m[5]] == "/" {
		if word == "of" {
			return rating{}, false // "3/4 of the film"
		}
	} else if word != "" && word != "stars" && word != "star" && word != "points" {
		return rating{}, false
	}
	v, err := strconv.ParseFloat(body[m[2]:m[3]], 64)
	if err != nil {
		return rating{}, false
	}
	return rating{text: body[m[0]:m[1]], value: v, max: float64(atoi(body[m[6]:m[7]])), end: m[1]}, true
}

// starWordRating accepts "N stars" only when it is plainly a rating: "N star
// rating", "N stars out of M", or after give/gave/rate. IMDb's own scale is
// ten stars, so that is the scale when none is written.
func starWordRating(body string, m []int) (rating, bool) {
	v, err := strconv.ParseFloat(body[m[2]:m[3]], 64)
	if err != nil {
		return rating{}, false
	}
	if m[0] > 0 && body[m[0]-1] >= '0' && body[m[0]-1] <= '9' {
		return rating{}, false
	}
	// "8 out of 10 stars": the scale's own star word, not a second rating.
	if b := strings.ToLower(strings.TrimRightFunc(body[max(0, m[0]-16):m[0]], unicode.IsSpace)); strings.HasSuffix(b, "out of") || strings.HasSuffix(b, "/") {
		return rating{}, false
	}
	mx := 10.0
	switch {
	case m[6] >= 0:
		mx = float64(atoi(body[m[6]:m[7]]))
	case m[4] >= 0: // "star rating"
	default:
		before := strings.ToLower(body[max(0, m[0]-24):m[0]])
		if !strings.Contains(before, "give") && !strings.Contains(before, "gave") &&
			!strings.Contains(before, "giving") && !strings.Contains(before, "rate") {
			return rating{}, false
		}
	}
	return rating{text: body[m[0]:m[1]], value: v, max: mx, end: m[1]}, true
}

// half is 0.5 when the optional "1/2" or "½" group matched.
func half(body string, from, to int) float64 {
	if from >= 0 && to > from && strings.TrimSpace(body[from:to]) != "" {
		return 0.5
	}
	return 0
}

// nextWord returns the lower-cased letters that start s after spaces, or ""
// when s continues with punctuation or ends.
func nextWord(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	end := 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsLetter(r) {
			break
		}
		end += size
		if end > 32 {
			break
		}
	}
	return strings.ToLower(s[:end])
}
