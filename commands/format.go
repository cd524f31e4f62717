package commands

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"moviebot/knowledge/parse/textutil"
)

// Discord's limits, counted in characters (see shared/DISCORD.md).
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxEmbedFields      = 25
	maxFieldName        = 256
	maxFieldValue       = 1024
	maxFooter           = 2048
	maxAuthorName       = 256
	maxEmbedTotal       = 6000
	maxChoices          = 25
	maxChoiceName       = 100
	maxChoiceValue      = 100
	maxCustomID         = 100
	maxButtonLabel      = 80
	maxOptionLength     = 100 // the max_length we declare on string options
)

// runes counts characters the way Discord's limits do.
func runes(s string) int { return utf8.RuneCountInString(s) }

// esc makes text from a page or a user safe to put in a message: Markdown
// characters are escaped so they show as themselves (a "||" cannot open or
// close a spoiler, a "*" cannot start bold), a "#" or "-" cannot start a
// heading or list, and "@" gets a zero-width space after it so "@everyone"
// reads as text even where mentions would be parsed. Replies also set
// allowed_mentions to nothing, so this is the second of two guards.
func esc(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := true
	for _, r := range s {
		switch r {
		case '\\', '*', '_', '~', '`', '|', '>', '<', '[', ']':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '#', '-':
			if lineStart {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		case '@':
			b.WriteString("@\u200b")
		case '\u0000':
			// never useful, sometimes harmful
		default:
			b.WriteRune(r)
		}
		lineStart = r == '\n' || (lineStart && (r == ' ' || r == '\t'))
	}
	return b.String()
}

// clip shortens plain text to at most n characters, cutting at a sentence
// end or else a word boundary in the last fifth, and marks the cut with an
// ellipsis. It works on unescaped text, so it never splits an escape.
func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if runes(s) <= n {
		return s
	}
	if n <= 1 {
		return ""
	}
	r := []rune(s)[:n-1]
	cut := len(r)
	floor := len(r) * 4 / 5
	for i := len(r) - 1; i >= floor; i-- {
		if (r[i] == '.' || r[i] == '!' || r[i] == '?') && i+1 < len(r) && r[i+1] == ' ' {
			cut = i + 1
			break
		}
	}
	if cut == len(r) {
		for i := len(r) - 1; i >= floor; i-- {
			if unicode.IsSpace(r[i]) {
				cut = i
				break
			}
		}
	}
	return strings.TrimRightFunc(string(r[:cut]), unicode.IsSpace) + "…"
}

// escClip clips raw text so that its escaped form fits in n characters,
// and returns the escaped form.
func escClip(s string, n int) string {
	out := esc(clip(s, n))
	for m := n; runes(out) > n && m > 1; {
		m -= max(1, (runes(out)-n+1)/2)
		out = esc(clip(s, m))
	}
	return out
}

// spoiler hides text behind Discord's spoiler bars. The text is escaped
// first, so nothing inside can close the bars early.
func spoiler(s string, n int) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	return "||" + escClip(s, n-4) + "||"
}

// safeText escapes free text (a review, a trivia item) for display and hides
// each sentence that gives away an ending behind spoiler bars. A whole text
// known to be a spoiler goes behind bars entirely. The result fits in n
// characters.
func safeText(s string, isSpoiler bool, n int) string {
	if isSpoiler {
		return spoiler(s, n)
	}
	if !textutil.RevealsEnding(s) {
		return escClip(s, n)
	}
	var b strings.Builder
	for _, sent := range sentences(s) {
		var piece string
		if textutil.RevealsEnding(sent) {
			piece = "||" + esc(sent) + "||"
		} else {
			piece = esc(sent)
		}
		sep := ""
		if b.Len() > 0 {
			sep = " "
		}
		if runes(b.String())+runes(sep)+runes(piece)+1 > n {
			b.WriteString(sep + "…")
			break
		}
		b.WriteString(sep + piece)
	}
	return b.String()
}

// sentences splits text into sentences at ". ", "! " and "? " (and keeps
// paragraph breaks with the sentence before them).
func sentences(s string) []string {
	var out []string
	start := 0
	r := []rune(s)
	for i := 0; i < len(r); i++ {
		if (r[i] == '.' || r[i] == '!' || r[i] == '?' || r[i] == '\n') && (i+1 == len(r) || r[i+1] == ' ' || r[i+1] == '\n') {
			if t := strings.TrimSpace(string(r[start : i+1])); t != "" {
				out = append(out, t)
			}
			start = i + 1
		}
	}
	if t := strings.TrimSpace(string(r[start:])); t != "" {
		out = append(out, t)
	}
	return out
}

// quoteText wraps a line in typographic quotes, escaped.
func quoteText(s string, n int) string {
	return "“" + escClip(strings.Trim(s, "\"“” "), n-2) + "”"
}

// filmLabel is "Title (Year)", escaped.
func filmLabel(title string, year int) string {
	return esc(plainFilmLabel(title, year))
}

// plainFilmLabel is "Title (Year)" unescaped, for choice names and button
// labels, which Discord shows as plain text.
func plainFilmLabel(title string, year int) string {
	if year > 0 {
		return title + " (" + itoa(year) + ")"
	}
	return title
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// plainClip clips text for places Discord shows as plain text (choice names,
// button labels, embed author names), where escaping would show
// backslashes. An "@" still gets its zero-width space, as in esc.
func plainClip(s string, n int) string {
	s = strings.ReplaceAll(s, "@", "@\u200b")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return clip(s, n)
}
