// Package wiki reads Wikipedia film articles captured as plain text from a
// mirror site (TheInfoList). The mirror prints each linked term on a line of
// its own followed by a preview of the linked article; the parser removes
// the previews, re-joins the prose, and reads the film's facts from the lead
// and the usual article sections (Plot, Cast, Production, Release,
// Reception, Accolades, Home media, Soundtrack) and the category line.
package wiki

import (
	"errors"
	"fmt"
	"strings"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/textutil"
)

// Section kinds, from a heading's wording.
const (
	secLead       = "lead"
	secPlot       = "plot"
	secCast       = "cast"
	secProduction = "production"
	secRelease    = "release"
	secReception  = "reception"
	secAccolades  = "accolades"
	secHomeMedia  = "home media"
	secSoundtrack = "soundtrack"
	secTrivia     = "trivia"
	secClosing    = "closing"
)

// section is one headed part of the article, its paragraphs re-joined
// (wiki italics marks kept).
type section struct {
	heading string
	kind    string
	paras   []string
}

// article is a page split into its parts.
type article struct {
	title    string
	lead     []string
	sections []section
	// closing is the text of the closing sections (See also, References,
	// External links), where the category line sits.
	closing string
	// complete is true when the page reaches the closing sections.
	complete bool
	chrome   bool
}

// chromeLines are the mirror's header lines above every article.
var chromeLines = map[string]bool{"HOME": true, "TheInfoList": true, "OR:": true}

// Detect scores how strongly text looks like a mirrored Wikipedia article:
// the mirror's header, link lines ending in a " ..." preview, wiki italics
// and the closing "{{Authority control" template. Plain section headings
// ("See also", "Plot") count only once a mirror marker is present, since
// other kinds of page use them too.
func Detect(text string) int {
	lines := textutil.Lines(text)
	score, strong := 0, false
	for i, l := range lines {
		if i >= 12 {
			break
		}
		switch textutil.Clean(l) {
		case "TheInfoList":
			score += 45
			strong = true
		case "OR:", "HOME":
			score += 10
		}
	}
	previews, headings := 0, 0
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if len(t) >= 60 && strings.HasSuffix(t, " ...") {
			previews++
		}
		if isHeadingAt(lines, i) {
			switch sectionKind(t) {
			case secPlot, secCast, secReception, secProduction, secRelease, secClosing:
				headings++
			}
		}
	}
	italics := strings.Count(text, "''") >= 4
	if previews >= 3 && (italics || headings >= 2) {
		score += 25
		strong = true
	}
	if strings.Contains(text, "{{Authority control") || strings.Contains(text, "{{reflist") {
		score += 10
		strong = true
	}
	if !strong {
		return 0
	}
	if italics {
		score += 5
	}
	score += 2 * min(headings, 5)
	return min(score, 100)
}

// Parse extracts the film's facts from a mirrored Wikipedia article.
//
// A complete article reaches its closing sections: a "See also",
// "References", "Notes", "Further reading" or "External links" heading, or
// the "{{Authority control" / "{{reflist" templates of the category line.
// Every Wikipedia film article has at least a References section, so a page
// without any of them was cut off; Parse then fails with an error wrapping
// knowledge.ErrTruncated.
func Parse(text string) (*knowledge.Page, error) {
	a := split(text)
	if a.title == "" {
		return nil, errors.New("empty page")
	}
	if len(a.lead) == 0 {
		if a.chrome && len(a.sections) == 0 {
			return nil, fmt.Errorf("%w: the article stops before its lead", knowledge.ErrTruncated)
		}
		return nil, errors.New("no lead paragraph: not a wikipedia article")
	}
	if !a.complete {
		return nil, fmt.Errorf("%w: no references, external links or category line at the end", knowledge.ErrTruncated)
	}
	p := &knowledge.Page{Kind: knowledge.KindWikipedia}
	parseIdentity(a, p)
	if p.Title == "" {
		return nil, errors.New("no article title on the first line")
	}
	parseCast(a, p)
	parseCrew(a, p)
	parsePremise(a, p)
	parsePlot(a, p)
	parseReleases(a, p)
	parseCompanies(a, p)
	parseMoney(a, p)
	parseScores(a, p)
	parseReviews(a, p)
	parseAwards(a, p)
	parseFacts(a, p)
	return p, nil
}

// split cuts the page into title, lead and sections.
func split(text string) *article {
	lines := textutil.Lines(text)
	a := &article{}
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) {
		return a
	}
	a.title = textutil.Clean(lines[i])
	i++
	// Skip the mirror's header.
	for i < len(lines) {
		t := textutil.Clean(lines[i])
		if t != "" && !chromeLines[t] {
			break
		}
		if chromeLines[t] {
			a.chrome = true
		}
		i++
	}
	cur := -1 // index into a.sections; -1 is the lead
	closing := false
	var closingText strings.Builder
	for i < len(lines) {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		if isHeadingAt(lines, i) {
			h := textutil.Clean(lines[i])
			kind := sectionKind(h)
			if kind == secClosing {
				closing = true
				a.complete = true
			}
			if closing {
				kind = secClosing
			}
			a.sections = append(a.sections, section{heading: h, kind: kind})
			cur = len(a.sections) - 1
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.TrimSpace(lines[j]) != "" {
			j++
		}
		block := lines[i:j]
		i = j
		if closing {
			for _, l := range block {
				closingText.WriteString(l)
				closingText.WriteByte('\n')
			}
			continue
		}
		para := joinBlock(block)
		if para == "" {
			continue
		}
		if cur < 0 {
			a.lead = append(a.lead, para)
		} else {
			a.sections[cur].paras = append(a.sections[cur].paras, para)
		}
	}
	a.closing = closingText.String()
	if strings.Contains(text, "{{Authority control") || strings.Contains(text, "{{reflist") {
		a.complete = true
	}
	return a
}

// isHeadingAt reports whether lines[i] is a section heading: a short,
// capitalised line standing alone between blank lines, without the
// punctuation that ends prose.
func isHeadingAt(lines []string, i int) bool {
	if i <= 0 || i >= len(lines) {
		return false
	}
	if strings.TrimSpace(lines[i-1]) != "" {
		return false
	}
	if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
		return false
	}
	return looksLikeHeading(textutil.Clean(lines[i]))
}

func looksLikeHeading(t string) bool {
	if t == "" || len(t) > 60 || !startsUpper(t) || chromeLines[t] {
		return false
	}
	if strings.ContainsAny(t[len(t)-1:], ".,:;!?") || strings.ContainsAny(t, "*\"“”{}") || strings.Contains(t, "''") {
		return false
	}
	f := strings.Fields(t)
	if len(f) > 7 {
		return false
	}
	for _, w := range f {
		if len(w) > 25 {
			return false
		}
	}
	return true
}

// sectionKind classifies a heading by its wording.
func sectionKind(h string) string {
	f := " " + textutil.Fold(h) + " "
	has := func(ws ...string) bool {
		for _, w := range ws {
			if strings.Contains(f, " "+w+" ") {
				return true
			}
		}
		return false
	}
	switch {
	case has("see also", "references", "notes", "external links", "further reading",
		"bibliography", "sources", "citations", "footnotes"):
		return secClosing
	case has("plot", "synopsis", "story", "premise", "summary", "storyline"):
		return secPlot
	case has("cast"):
		return secCast
	case has("home media", "home video", "dvd", "blu ray", "video release"):
		return secHomeMedia
	case has("soundtrack", "music", "score"):
		return secSoundtrack
	case has("accolades", "awards", "honors", "honours", "nominations"):
		return secAccolades
	case has("reception", "critical", "response", "reviews", "critics"):
		return secReception
	case has("release", "distribution", "marketing", "box office", "premiere", "theatrical"):
		return secRelease
	case has("production", "development", "casting", "filming", "pre production",
		"post production", "principal photography", "writing", "design", "effects",
		"background", "locations", "cinematography", "conception", "editing"):
		return secProduction
	}
	return secTrivia
}

// sectionsOf returns the paragraphs of every section of the given kinds.
func (a *article) sectionsOf(kinds ...string) []section {
	var out []section
	for _, s := range a.sections {
		for _, k := range kinds {
			if s.kind == k {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// leadSentences returns the lead's sentences in order, italics kept.
func (a *article) leadSentences() []string {
	var out []string
	for _, p := range a.lead {
		out = append(out, sentences(p)...)
	}
	return out
}

// parsePlot keeps the Plot section whole: on Wikipedia it tells the story
// to the end, so it is always a spoiler. Paragraphs are kept apart by a
// blank line.
func parsePlot(a *article, p *knowledge.Page) {
	for _, s := range a.sectionsOf(secPlot) {
		var paras []string
		for _, para := range s.paras {
			if t := plain(para); t != "" {
				paras = append(paras, t)
			}
		}
		if len(paras) == 0 {
			continue
		}
		p.Plot = append(p.Plot, knowledge.PlotSection{
			Heading: s.heading,
			Text:    strings.Join(paras, "\n\n"),
			Spoiler: true,
		})
	}
}

// factKinds maps section kinds to the Fact kinds their paragraphs become.
var factKinds = map[string]string{
	secProduction: "production",
	secRelease:    "release",
	secHomeMedia:  "home media",
	secSoundtrack: "soundtrack",
	secReception:  "reception",
	secTrivia:     "trivia",
}

// parseFacts keeps each paragraph of the history sections as a fact. A
// paragraph, not a sentence, is the unit: sentences lean on their
// neighbours ("He said ...").
func parseFacts(a *article, p *knowledge.Page) {
	for _, s := range a.sections {
		kind, ok := factKinds[s.kind]
		if !ok {
			continue
		}
		for _, para := range s.paras {
			t := plain(para)
			if t == "" {
				continue
			}
			p.Facts = append(p.Facts, knowledge.Fact{Kind: kind, Text: t, Spoiler: textutil.RevealsEnding(t)})
		}
	}
}
