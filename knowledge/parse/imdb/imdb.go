// Package imdb reads a captured IMDb user-reviews page: the film's title and
// year, the site's count of user reviews, and every review with its title,
// author, date, rating, spoiler warning and helpful votes.
package imdb

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
	// helpfulRe is the line that closes every review block.
	helpfulRe = regexp.MustCompile(`^([\d,]{1,12}) out of ([\d,]{1,12}) found this helpful\b`)
	// authorDateRe is the author and date line. The lazy prefix leaves the
	// whole run of digits before the month in the second group, so that
	// splitAuthorDay sees every digit the author and the day share.
	authorDateRe = regexp.MustCompile(`^(.*?)(\d+) ([A-Za-z]{3,9}\.?) (\d{4})$`)
	// siteRatingRe is the reviewer's star rating that IMDb prints on its own
	// line above the review title.
	siteRatingRe = regexp.MustCompile(`^(\d{1,2}(?:\.\d)?)\s*/\s*10$`)
	// reviewCountRe is the header's count of user reviews ("297 Reviews").
	reviewCountRe = regexp.MustCompile(`^([\d,]{1,12}) (?:User )?Reviews?$`)
)

// maxAuthorLine bounds the author line: a longer line is prose that happens
// to end in a date, not a user name.
const maxAuthorLine = 120

// Detect scores how strongly text looks like an IMDb user-reviews page. The
// "found this helpful" vote line is unique to IMDb reviews; the header chrome
// adds a little so that a page cut before its first vote line still scores.
func Detect(text string) int {
	score, helpful := 0, 0
	for _, l := range textutil.Lines(text) {
		t := strings.TrimSpace(l)
		switch {
		case helpfulRe.MatchString(t):
			helpful++
		case t == "User Reviews", t == "Review this title":
			score += 10
		case strings.HasPrefix(t, "Sort by:"), strings.HasPrefix(t, "Filter by Rating:"):
			score += 5
		case strings.Contains(t, "Was this review helpful?"):
			score += 5
		}
	}
	if helpful > 0 {
		score += 50 + 5*min(helpful, 8)
	}
	return min(score, 100)
}

// Parse extracts the page's title, year, review count and user reviews.
//
// A complete page has a "found this helpful" line closing every review:
// IMDb prints one under each review, votes or not. Text after the last such
// line is either the page footer ("An error has occured", "See also", the
// "Awards | FAQ | ..." links, "Recently Viewed") or, when the capture
// stopped part-way, the beginning of a review that never got its vote line;
// the latter is reported as truncated.
func Parse(text string) (*knowledge.Page, error) {
	lines := textutil.Lines(text)
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	var closes []int // index of each "found this helpful" line
	for i, l := range lines {
		if helpfulRe.MatchString(l) {
			closes = append(closes, i)
		}
	}
	if len(closes) == 0 {
		if looksLikeReviewsPage(lines) {
			return nil, fmt.Errorf("%w: no review has a \"found this helpful\" line", knowledge.ErrTruncated)
		}
		return nil, errors.New("no user reviews found")
	}

	page := &knowledge.Page{Kind: knowledge.KindIMDbReviews}
	start := 0
	headerEnd := -1
	for n, end := range closes {
		b := readBlock(lines, start, end, n == 0)
		if n == 0 {
			headerEnd = b.titleAt
		}
		if r, ok := b.review(lines); ok {
			r.Helpful, r.HelpfulOf = helpfulVotes(lines[end])
			page.Reviews = append(page.Reviews, r)
		}
		start = end + 1
	}

	// Whatever follows the last vote line must be the footer.
	footer := -1
	for i := start; i < len(lines); i++ {
		if isFooter(lines[i]) {
			footer = i
			break
		}
	}
	if footer < 0 {
		// With no footer to prove the page whole, the last vote line must
		// itself be whole: "... found this helpful. Was this review
		// helpful? Sign in to vote." cut after "Was" is a truncated page.
		if last := lines[closes[len(closes)-1]]; !strings.HasSuffix(last, ".") && !strings.HasSuffix(last, "?") {
			return nil, fmt.Errorf("%w: the last vote line is cut off", knowledge.ErrTruncated)
		}
		for i := start; i < len(lines); i++ {
			if lines[i] != "" {
				return nil, fmt.Errorf("%w: the last review has no \"found this helpful\" line", knowledge.ErrTruncated)
			}
		}
	} else if b := readBlock(lines, start, footer, false); b.authorAt >= 0 {
		// The footer proves the page complete, so a review before it that
		// simply lacks a vote line is still a review.
		if r, ok := b.review(lines); ok {
			page.Reviews = append(page.Reviews, r)
		}
	}
	if len(page.Reviews) == 0 {
		return nil, errors.New("no user reviews found")
	}

	readHeader(page, lines[:max(headerEnd, 0)])
	return page, nil
}

// block locates the parts of one review between two vote lines.
type block struct {
	ratingAt, titleAt, authorAt, bodyFrom, end int
	author, date                               string
	spoiler                                    bool
}

// readBlock finds the title and author lines of the review in
// lines[start:end]. The author line is the second non-empty line, or the
// third when a rating line comes first; on the first block the page header
// comes before the review, so the first author line anywhere is taken.
func readBlock(lines []string, start, end int, first bool) block {
	b := block{ratingAt: -1, titleAt: -1, authorAt: -1, bodyFrom: end, end: end}
	var nonEmpty []int
	for i := start; i < end; i++ {
		if lines[i] != "" {
			nonEmpty = append(nonEmpty, i)
		}
	}
	if len(nonEmpty) == 0 {
		return b
	}
	limit := min(len(nonEmpty), 3)
	if first {
		limit = len(nonEmpty)
	}
	for k := 1; k < limit; k++ {
		i := nonEmpty[k]
		author, date, ok := authorDate(lines[i])
		if !ok {
			continue
		}
		// A rating line between the header and the title is the review's,
		// but in a later block only a rating line may precede the title.
		if !first && k == 2 && !siteRatingRe.MatchString(lines[nonEmpty[0]]) {
			continue
		}
		b.authorAt, b.author, b.date = i, author, date
		b.titleAt = nonEmpty[k-1]
		if k >= 2 && siteRatingRe.MatchString(lines[nonEmpty[k-2]]) {
			b.ratingAt = nonEmpty[k-2]
		}
		b.bodyFrom = i + 1
		for j := i + 1; j < end; j++ {
			if lines[j] == "" {
				continue
			}
			if isSpoilerWarning(lines[j]) {
				b.spoiler = true
				b.bodyFrom = j + 1
			}
			break
		}
		return b
	}
	// No author line: keep what can still be read, a title and a body.
	k := 0
	if first {
		for k < len(nonEmpty) && isHeaderChrome(lines[nonEmpty[k]]) {
			k++
		}
	}
	if len(nonEmpty)-k >= 2 {
		b.titleAt = nonEmpty[k]
		b.bodyFrom = nonEmpty[k] + 1
	}
	return b
}

// review builds the Review of a located block; ok is false when the block
// has no body text.
func (b block) review(lines []string) (knowledge.Review, bool) {
	if b.titleAt < 0 {
		return knowledge.Review{}, false
	}
	paras := textutil.Paragraphs(lines[b.bodyFrom:b.end])
	body := strings.Join(paras, "\n\n")
	if body == "" {
		return knowledge.Review{}, false
	}
	r := knowledge.Review{
		Site:    "IMDb",
		Kind:    knowledge.ReviewUser,
		Author:  b.author,
		Date:    b.date,
		Title:   textutil.Clean(lines[b.titleAt]),
		Text:    body,
		Spoiler: b.spoiler,
	}
	if b.ratingAt >= 0 {
		m := siteRatingRe.FindStringSubmatch(lines[b.ratingAt])
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v <= 10 {
			r.Score, r.ScoreValue, r.ScoreMax = textutil.Clean(lines[b.ratingAt]), v, 10
		}
	}
	if r.Score == "" {
		if rt, ok := findRating(body); ok {
			r.Score, r.ScoreValue, r.ScoreMax = rt.text, rt.value, rt.max
		}
	}
	return r, true
}

// authorDate splits a line like "flipgirl3815 May 2005" into its author and
// ISO date.
//
// IMDb prints the user name and the date with no separator, so when a name
// ends in digits the split is ambiguous ("k_2819 November 2014" could be
// k_28 on the 19th or k_281 on the 9th). The rule: take a two-digit day
// (10-31) when a non-empty name remains, else a one-digit day (1-9). A line
// that is only a date has no author. The rule misreads a name ending in 1
// or 2 on days 1-9, or in 3 on the 1st ("user3" on the 1st reads as "user"
// on the 31st); the page holds nothing that could tell the two apart.
func authorDate(line string) (author, date string, ok bool) {
	if len(line) > maxAuthorLine {
		return "", "", false
	}
	m := authorDateRe.FindStringSubmatch(line)
	if m == nil || textutil.Month(m[3]) == 0 {
		return "", "", false
	}
	prefix, digits := m[1], m[2]
	day := 0
	switch {
	case strings.TrimSpace(prefix) == "" && len(digits) <= 2:
		day = atoi(digits)
		digits = ""
	case len(digits) >= 2 && atoi(digits[len(digits)-2:]) >= 10 && atoi(digits[len(digits)-2:]) <= 31 &&
		strings.TrimSpace(prefix+digits[:len(digits)-2]) != "":
		day = atoi(digits[len(digits)-2:])
		digits = digits[:len(digits)-2]
	default:
		day = atoi(digits[len(digits)-1:])
		digits = digits[:len(digits)-1]
	}
	if day < 1 || day > 31 {
		return "", "", false
	}
	date = textutil.ParseDate(strconv.Itoa(day) + " " + m[3] + " " + m[4])
	if date == "" {
		return "", "", false
	}
	return textutil.Clean(prefix + digits), date, true
}

// helpfulVotes reads "231 out of 268 found this helpful".
func helpfulVotes(line string) (int, int) {
	m := helpfulRe.FindStringSubmatch(line)
	if m == nil {
		return 0, 0
	}
	n, of := atoi(strings.ReplaceAll(m[1], ",", "")), atoi(strings.ReplaceAll(m[2], ",", ""))
	if n < 0 || of < 0 {
		return 0, 0
	}
	return n, of
}

// readHeader takes the title, year and review count from the lines above
// the first review.
func readHeader(page *knowledge.Page, header []string) {
	for _, l := range header {
		if l == "" {
			continue
		}
		if m := reviewCountRe.FindStringSubmatch(l); m != nil {
			page.Attributes = append(page.Attributes, knowledge.Attribute{
				Field: "imdb_user_reviews",
				Value: strings.ReplaceAll(m[1], ",", ""),
			})
			continue
		}
		if page.Title != "" || isHeaderChrome(l) {
			continue
		}
		t := l
		for _, suffix := range []string{" - User reviews - IMDb", " - IMDb", " Poster"} {
			t = strings.TrimSuffix(t, suffix)
		}
		if title, year := textutil.TitleYear(t); year > 0 && title != "" {
			page.Title, page.Year = title, year
		} else if t != l && title != "" {
			page.Title = title // a poster caption names the film even without a year
		}
	}
}

// isHeaderChrome reports the navigation lines above the first review.
func isHeaderChrome(l string) bool {
	switch {
	case l == "User Reviews", l == "Review this title", l == "Hide Spoilers",
		strings.HasPrefix(l, "Sort by:"), strings.HasPrefix(l, "Filter by Rating:"),
		reviewCountRe.MatchString(l):
		return true
	}
	return false
}

// isFooter reports the first line of the page footer below the last review.
func isFooter(l string) bool {
	low := strings.ToLower(l)
	switch {
	case strings.HasPrefix(low, "an error has occured"), strings.HasPrefix(low, "an error has occurred"),
		low == "see also", low == "recently viewed", low == "load more", low == "back to top",
		low == "get the imdb app", strings.HasPrefix(low, "conditions of use"),
		strings.Contains(low, "imdb.com, inc"):
		return true
	}
	// The "Awards | FAQ | User Ratings | ..." link bar.
	return len(l) < 200 && strings.Count(l, " | ") >= 2
}

// isSpoilerWarning reports IMDb's spoiler flag under the author line.
func isSpoilerWarning(l string) bool {
	low := strings.ToLower(strings.TrimSpace(l))
	return low == "warning: spoilers" || low == "warning: spoiler" || low == "spoilers"
}

// looksLikeReviewsPage reports whether a page without any vote line still
// has the header or an author line of a reviews page, i.e. it was cut off
// before its first review ended.
func looksLikeReviewsPage(lines []string) bool {
	chrome := 0
	for i, l := range lines {
		if i > 0 && lines[i-1] != "" && l != "" {
			if author, _, ok := authorDate(l); ok && author != "" && !strings.Contains(author, " ") {
				return true
			}
		}
		if l == "User Reviews" || l == "Review this title" || strings.HasPrefix(l, "Sort by:") ||
			strings.HasPrefix(l, "Filter by Rating:") || strings.Contains(l, "Was this review helpful?") {
			chrome++
		}
	}
	return chrome >= 2
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
