// Package parse recognises which kind of film page a document is, from its
// content alone, and hands it to that kind's parser.
package parse

import (
	"fmt"
	"strings"

	"moviebot/knowledge"
	"moviebot/knowledge/parse/imdb"
	"moviebot/knowledge/parse/metacritic"
	"moviebot/knowledge/parse/rt"
	"moviebot/knowledge/parse/summary"
	"moviebot/knowledge/parse/wiki"
)

// A kindParser pairs a kind's detector with its parser.
type kindParser struct {
	kind   knowledge.Kind
	detect func(string) int
	parse  func(string) (*knowledge.Page, error)
}

var parsers = []kindParser{
	{knowledge.KindIMDbReviews, imdb.Detect, imdb.Parse},
	{knowledge.KindRottenTomatoes, rt.Detect, rt.Parse},
	{knowledge.KindSummary, summary.Detect, summary.Parse},
	{knowledge.KindWikipedia, wiki.Detect, wiki.Parse},
	{knowledge.KindMetacritic, metacritic.Detect, metacritic.Parse},
}

// minScore is the detector score below which a page is not taken to be of a
// kind at all: one stray marker ("Rotten Tomatoes" quoted in a review) must
// not be enough.
const minScore = 20

// Detect returns the kind of page text is. It fails when no detector is sure
// enough, naming the kinds it knows.
func Detect(text string) (knowledge.Kind, error) {
	best, bestScore := knowledge.Kind(""), 0
	for _, p := range parsers {
		if s := p.detect(text); s > bestScore {
			best, bestScore = p.kind, s
		}
	}
	if bestScore < minScore {
		names := make([]string, len(parsers))
		for i, p := range parsers {
			names[i] = string(p.kind)
		}
		return "", fmt.Errorf("not a page of any known kind (%s)", strings.Join(names, ", "))
	}
	return best, nil
}

// Page detects the kind of text and parses it.
func Page(text string) (*knowledge.Page, error) {
	kind, err := Detect(text)
	if err != nil {
		return nil, err
	}
	for _, p := range parsers {
		if p.kind == kind {
			page, err := p.parse(text)
			if err != nil {
				return nil, fmt.Errorf("%s page: %w", kind, err)
			}
			page.Kind = kind
			return page, nil
		}
	}
	return nil, fmt.Errorf("no parser for kind %s", kind)
}
