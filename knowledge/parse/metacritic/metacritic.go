// Package metacritic reads a captured Metacritic film page: the critic and
// user verdicts with their counts, the score distributions, the numbered
// critic reviews and the dated user reviews.
//
// The capture never names the film, so Page.Title stays empty unless the
// page has an explicit title line; ingestion finds the film from the titles
// the reviews mention.
package metacritic

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/textutil"
)

var (
	// verdictRe is "Universal acclaim - based on 23 Critics" or "Generally
	// favorable reviews- based on 49 Ratings".
	verdictRe = regexp.MustCompile(`^([A-Za-z][A-Za-z ,']{2,60}?)\s*-\s*based on ([\d,]{1,12}) (Critics?|Ratings?|Reviews?)$`)
	// itemRe is a numbered list item: "  1. text".
	itemRe = regexp.MustCompile(`^\s*(\d{1,4})\.(?:\s+(.*))?$`)
	// distributionRe is one line of a score distribution.
	distributionRe = regexp.MustCompile(`^(Positive|Mixed|Negative):\s*([\d,]{1,12}) out of ([\d,]{1,12})$`)
	// scoreLineRe is a bare score: "100", "90", or a user's "7.5".
	scoreLineRe = regexp.MustCompile(`^(\d{1,3})(\.\d)?$`)
	// reviewedByRe names a critic review's author.
	reviewedByRe = regexp.MustCompile(`^Reviewed by:\s*(.*)$`)
	// citationRe is the trailing "[27 October 1995, p. C3]" of a quote.
	citationRe = regexp.MustCompile(`\s*\[([^\[\]]{1,80})\]$`)
	// userDateRe is a user review's date line: "Nov 15, 2012".
	userDateRe = regexp.MustCompile(`^[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}$`)
	// titleLineRe is an explicit title line such a capture may start with.
	titleLineRe = regexp.MustCompile(`^(.+?) (?:Reviews )?- Metacritic$`)
)

// fullReview is the link chrome closing a shortened user review.
const fullReview = "Full Review »"

// Detect scores how strongly text looks like a Metacritic page. It looks for
// line-shaped markers only: other pages quote Metacritic in prose ("based on
// 23 critics, indicating universal acclaim"), never as a line of its own.
func Detect(text string) int {
	score := 0
	reviewedBy, full := 0, 0
	for _, l := range textutil.Lines(text) {
		t := textutil.Clean(l)
		switch {
		case verdictRe.MatchString(t):
			score += 35
		case t == "Critic score distribution:":
			score += 25
		case t == "User score distribution:":
			score += 15
		case t == "User Score", t == "Metascore":
			score += 10
		case strings.HasSuffix(t, fullReview):
			full++
		default:
			if m := itemRe.FindStringSubmatch(t); m != nil && strings.HasPrefix(m[2], "Reviewed by:") {
				reviewedBy++
			}
		}
	}
	score += 5*min(reviewedBy, 4) + 5*min(full, 2)
	return min(score, 100)
}

// block is the part of the page a line belongs to.
type block int

const (
	criticBlock block = iota
	userBlock
)

// item is one numbered list item with its continuation lines.
type item struct {
	block block
	lines []string // the text after the number, then each indented line
}

// Parse extracts the verdicts, distributions and reviews.
//
// A complete page has the critic block (its verdict or distribution), then
// the "User Score" block, and its last numbered item has text. Shortened
// user reviews end in "Full Review »"; when the earlier user reviews have
// that link and the last one does not, the capture stopped inside it.
func Parse(text string) (*knowledge.Page, error) {
	lines := textutil.Lines(text)
	page := &knowledge.Page{Kind: knowledge.KindMetacritic}
	readTitle(page, lines)

	cur := criticBlock
	sawCritic, sawUser := false, false
	var items []item
	open, openIndent := -1, 0 // the item continuation lines belong to
	scores := map[block]int{} // index in page.Scores of each block's score
	pendingScore := map[block]string{}

	for _, raw := range lines {
		t := textutil.Clean(raw)
		if t == "" {
			continue
		}
		ind := indent(raw)
		// A line indented deeper than the open item continues it, even if
		// it happens to start with "2012." or the like.
		if open >= 0 && ind > openIndent+1 {
			items[open].lines = append(items[open].lines, t)
			continue
		}
		if m := itemRe.FindStringSubmatch(raw); m != nil {
			body := textutil.Clean(m[2])
			if d := distributionRe.FindStringSubmatch(body); d != nil {
				page.Attributes = append(page.Attributes, knowledge.Attribute{
					Field: "metacritic_" + blockName(cur) + "_" + strings.ToLower(d[1]),
					Value: digits(d[2]) + "/" + digits(d[3]),
				})
				if cur == criticBlock {
					sawCritic = true
				}
				open = -1
				continue
			}
			items = append(items, item{block: cur})
			open, openIndent = len(items)-1, ind
			if body != "" {
				items[open].lines = append(items[open].lines, body)
			}
			continue
		}
		open = -1
		switch {
		case t == "User Score" || t == "User score distribution:":
			cur, sawUser = userBlock, true
		case t == "Critic score distribution:" || t == "Metascore" || t == "Critic Reviews":
			cur, sawCritic = criticBlock, true
		case t == "User Reviews":
			cur = userBlock
		case verdictRe.MatchString(t):
			m := verdictRe.FindStringSubmatch(t)
			// Critics and ratings say whose verdict it is; "reviews" is
			// whoever's block it stands in.
			b := cur
			switch {
			case strings.HasPrefix(m[3], "Critic"):
				b = criticBlock
			case strings.HasPrefix(m[3], "Rating"):
				b = userBlock
			}
			kind, countKind := knowledge.ReviewCritic, "critics"
			if b == userBlock {
				kind, countKind = knowledge.ReviewUser, "ratings"
			}
			if strings.HasPrefix(m[3], "Review") {
				countKind = "reviews"
			}
			cur = b
			if b == criticBlock {
				sawCritic = true
			} else {
				sawUser = true
			}
			verdict := strings.TrimSpace(m[1])
			page.Scores = append(page.Scores, knowledge.Score{
				Site: "Metacritic", Kind: kind, Text: verdict, Verdict: verdict,
				Count: atoi(digits(m[2])), CountKind: countKind,
			})
			scores[b] = len(page.Scores)
			if s, ok := pendingScore[b]; ok {
				setScore(&page.Scores[len(page.Scores)-1], s, b)
			}
		case scoreLineRe.MatchString(t):
			// A bare number outside any list item is the block's own score,
			// printed just before or after its verdict.
			if i, ok := scores[cur]; ok && page.Scores[i-1].Max == 0 {
				setScore(&page.Scores[i-1], t, cur)
			} else {
				pendingScore[cur] = t
			}
		}
	}

	if !sawCritic && len(items) == 0 && len(page.Scores) == 0 {
		return nil, errors.New("no metacritic verdict or reviews found")
	}
	if err := checkComplete(items, sawCritic, sawUser); err != nil {
		return nil, err
	}
	for _, it := range items {
		var r knowledge.Review
		var ok bool
		if it.block == criticBlock {
			r, ok = criticReview(it.lines)
		} else {
			r, ok = userReview(it.lines)
		}
		if ok {
			page.Reviews = append(page.Reviews, r)
		}
	}
	if len(page.Reviews) == 0 && len(page.Scores) == 0 {
		return nil, errors.New("no metacritic verdict or reviews found")
	}
	return page, nil
}

// checkComplete applies the completeness rule documented on Parse.
func checkComplete(items []item, sawCritic, sawUser bool) error {
	if !sawCritic {
		return errors.New("no critic block found")
	}
	if !sawUser {
		return fmt.Errorf("%w: the page stops before the user score block", knowledge.ErrTruncated)
	}
	if len(items) == 0 {
		return nil
	}
	last := items[len(items)-1]
	if len(textLines(last.lines, last.block)) == 0 {
		return fmt.Errorf("%w: the last review has no text", knowledge.ErrTruncated)
	}
	if last.block != userBlock {
		return nil
	}
	linked := false
	for _, it := range items[:len(items)-1] {
		if it.block == userBlock && len(it.lines) > 0 && strings.HasSuffix(it.lines[len(it.lines)-1], fullReview) {
			linked = true
		}
	}
	if linked && !strings.HasSuffix(last.lines[len(last.lines)-1], fullReview) {
		return fmt.Errorf("%w: the last user review has no %q link", knowledge.ErrTruncated, fullReview)
	}
	return nil
}

// textLines drops an item's leading score, author and date lines, leaving
// the review text.
func textLines(lines []string, b block) []string {
	for len(lines) > 0 {
		l := lines[0]
		if scoreLineRe.MatchString(l) || reviewedByRe.MatchString(l) || b == userBlock && userDateRe.MatchString(l) {
			lines = lines[1:]
			continue
		}
		break
	}
	return lines
}

// criticReview reads an item of the critic block: an optional score line,
// an optional "Reviewed by:" line, in either order, then the quote with its
// optional trailing citation.
func criticReview(lines []string) (knowledge.Review, bool) {
	r := knowledge.Review{Site: "Metacritic", Kind: knowledge.ReviewCritic}
	for len(lines) > 0 {
		l := lines[0]
		if m := scoreLineRe.FindStringSubmatch(l); m != nil && r.Score == "" {
			if v := atoi(m[1]); m[2] == "" && v <= 100 {
				r.Score, r.ScoreValue, r.ScoreMax = l, float64(v), 100
			}
		} else if m := reviewedByRe.FindStringSubmatch(l); m != nil && r.Author == "" {
			r.Author = textutil.Clean(m[1])
		} else {
			break
		}
		lines = lines[1:]
	}
	text := textutil.Clean(strings.Join(lines, " "))
	if m := citationRe.FindStringSubmatchIndex(text); m != nil {
		cite := text[m[2]:m[3]]
		if d := citationDate(cite); d != "" || strings.Contains(cite, "p.") {
			r.Date = d
			text = strings.TrimSpace(text[:m[0]])
		}
	}
	if text == "" {
		return r, false
	}
	r.Text = text
	return r, true
}

// citationDate finds the date at the start of a print citation: "27 October
// 1995, p. C3", "10 November 1995, Friday, p.C" or "Oct 27, 1995, p. 1".
func citationDate(cite string) string {
	parts := strings.Split(cite, ",")
	for n := 1; n <= min(len(parts), 2); n++ {
		if d := textutil.ParseDate(strings.Join(parts[:n], ",")); d != "" && len(d) == 10 {
			return d
		}
	}
	return ""
}

// userReview reads an item of the user block: the date line, an optional
// user score line, then the text with its "Full Review »" link removed.
func userReview(lines []string) (knowledge.Review, bool) {
	r := knowledge.Review{Site: "Metacritic", Kind: knowledge.ReviewUser}
	for len(lines) > 0 {
		l := lines[0]
		switch {
		case userDateRe.MatchString(l) && r.Date == "":
			r.Date = textutil.ParseDate(l)
		case scoreLineRe.MatchString(l) && r.Score == "":
			if v, err := strconv.ParseFloat(l, 64); err == nil && v <= 10 {
				r.Score, r.ScoreValue, r.ScoreMax = l, v, 10
			}
		default:
			text := textutil.Clean(strings.TrimSuffix(strings.Join(lines, " "), fullReview))
			if text == "" {
				return r, false
			}
			r.Text = text
			return r, true
		}
		lines = lines[1:]
	}
	return r, false
}

// setScore fills a verdict's numeric score: a Metascore out of 100, a user
// score out of 10.
func setScore(s *knowledge.Score, text string, b block) {
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return
	}
	switch {
	case b == userBlock && v <= 10:
		s.Value, s.Max = v, 10
	case v <= 100 && !strings.Contains(text, "."):
		s.Value, s.Max = v, 100
	}
}

// readTitle takes an explicit title line, if the capture starts with one.
func readTitle(page *knowledge.Page, lines []string) {
	for _, l := range lines {
		t := textutil.Clean(l)
		if t == "" {
			continue
		}
		if m := titleLineRe.FindStringSubmatch(t); m != nil {
			t = m[1]
		} else if _, y := textutil.TitleYear(t); y == 0 {
			return
		}
		page.Title, page.Year = textutil.TitleYear(t)
		return
	}
}

// indent counts the leading blanks of a line; list items sit at two,
// their continuation lines at four.
func indent(s string) int {
	n := 0
	for n < len(s) && (s[n] == ' ' || s[n] == '\t') {
		n++
	}
	return n
}

func blockName(b block) string {
	if b == userBlock {
		return "user"
	}
	return "critic"
}

// digits drops the thousands separators of a count.
func digits(s string) string { return strings.ReplaceAll(s, ",", "") }

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
