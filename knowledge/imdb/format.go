package imdb

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// The append functions write one row in IMDb's format, newline included.
// Zero values become `\N`, as the readers read `\N` into zero values, so
// that parse(format(row)) == row.

func appendID(dst []byte, prefix string, id uint32) []byte {
	dst = append(dst, prefix...)
	// IMDb pads IDs to seven digits: tt0000001, tt0113627, tt10872600.
	for d := uint32(1000000); d > 1 && id < d; d /= 10 {
		dst = append(dst, '0')
	}
	return strconv.AppendUint(dst, uint64(id), 10)
}

func appendText(dst []byte, s string) []byte {
	if s == "" {
		return append(dst, `\N`...)
	}
	return append(dst, s...)
}

func appendNum(dst []byte, n uint64) []byte {
	if n == 0 {
		return append(dst, `\N`...)
	}
	return strconv.AppendUint(dst, n, 10)
}

func appendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, '1')
	}
	return append(dst, '0')
}

func appendList(dst []byte, items []string) []byte {
	if len(items) == 0 {
		return append(dst, `\N`...)
	}
	for i, s := range items {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, s...)
	}
	return dst
}

func appendIDList(dst []byte, prefix string, ids []uint32) []byte {
	if len(ids) == 0 {
		return append(dst, `\N`...)
	}
	for i, id := range ids {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendID(dst, prefix, id)
	}
	return dst
}

// appendTenths writes a rating given in tenths as IMDb does: "7.5", "10.0".
func appendTenths(dst []byte, t int) []byte {
	dst = strconv.AppendInt(dst, int64(t/10), 10)
	return append(dst, '.', byte('0'+t%10))
}

// appendJSONStrings writes a JSON array of strings the way IMDb writes
// characters: ["A","B"], escaping only what JSON requires.
func appendJSONStrings(dst []byte, items []string) []byte {
	if len(items) == 0 {
		return append(dst, `\N`...)
	}
	dst = append(dst, '[')
	for i, s := range items {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '"')
		for j := 0; j < len(s); {
			c := s[j]
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, `\n`...)
			case c == '\r':
				dst = append(dst, `\r`...)
			case c == '\t':
				dst = append(dst, `\t`...)
			case c < 0x20:
				dst = append(dst, `\u00`...)
				dst = append(dst, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
			case c < utf8.RuneSelf:
				dst = append(dst, c)
			default:
				r, n := utf8.DecodeRuneInString(s[j:])
				if r == utf8.RuneError && n == 1 {
					dst = append(dst, `\ufffd`...)
				} else {
					dst = append(dst, s[j:j+n]...)
				}
				j += n
				continue
			}
			j++
		}
		dst = append(dst, '"')
	}
	return append(dst, ']')
}

func appendBasics(dst []byte, b *Basics) []byte {
	dst = appendID(dst, "tt", b.ID)
	dst = append(dst, '\t')
	dst = appendText(dst, b.Type)
	dst = append(dst, '\t')
	dst = appendText(dst, b.PrimaryTitle)
	dst = append(dst, '\t')
	dst = appendText(dst, b.OriginalTitle)
	dst = append(dst, '\t')
	dst = appendBool(dst, b.IsAdult)
	dst = append(dst, '\t')
	dst = appendNum(dst, uint64(b.StartYear))
	dst = append(dst, '\t')
	dst = appendNum(dst, uint64(b.EndYear))
	dst = append(dst, '\t')
	dst = appendNum(dst, uint64(b.RuntimeMinutes))
	dst = append(dst, '\t')
	dst = appendList(dst, b.Genres)
	return append(dst, '\n')
}

func appendAka(dst []byte, a *Aka) []byte {
	dst = appendID(dst, "tt", a.TitleID)
	dst = append(dst, '\t')
	dst = strconv.AppendUint(dst, uint64(a.Ordering), 10)
	dst = append(dst, '\t')
	dst = appendText(dst, a.Title)
	dst = append(dst, '\t')
	dst = appendText(dst, a.Region)
	dst = append(dst, '\t')
	dst = appendText(dst, a.Language)
	dst = append(dst, '\t')
	dst = appendText(dst, a.Types)
	dst = append(dst, '\t')
	dst = appendText(dst, a.Attributes)
	dst = append(dst, '\t')
	dst = appendBool(dst, a.IsOriginalTitle)
	return append(dst, '\n')
}

func appendPrincipal(dst []byte, p *Principal) []byte {
	dst = appendID(dst, "tt", p.TitleID)
	dst = append(dst, '\t')
	dst = strconv.AppendUint(dst, uint64(p.Ordering), 10)
	dst = append(dst, '\t')
	dst = appendID(dst, "nm", p.NameID)
	dst = append(dst, '\t')
	dst = appendText(dst, p.Category)
	dst = append(dst, '\t')
	dst = appendText(dst, p.Job)
	dst = append(dst, '\t')
	dst = appendJSONStrings(dst, p.Characters)
	return append(dst, '\n')
}

func appendName(dst []byte, n *Name) []byte {
	dst = appendID(dst, "nm", n.ID)
	dst = append(dst, '\t')
	dst = appendText(dst, n.PrimaryName)
	dst = append(dst, '\t')
	dst = appendNum(dst, uint64(n.BirthYear))
	dst = append(dst, '\t')
	dst = appendNum(dst, uint64(n.DeathYear))
	dst = append(dst, '\t')
	dst = appendList(dst, n.Professions)
	dst = append(dst, '\t')
	dst = appendIDList(dst, "tt", n.KnownFor)
	return append(dst, '\n')
}

func appendRating(dst []byte, r *Rating) []byte {
	dst = appendID(dst, "tt", r.TitleID)
	dst = append(dst, '\t')
	dst = appendTenths(dst, int(math.Round(float64(r.Average)*10)))
	dst = append(dst, '\t')
	dst = strconv.AppendUint(dst, uint64(r.NumVotes), 10)
	return append(dst, '\n')
}

func appendCrew(dst []byte, c *Crew) []byte {
	dst = appendID(dst, "tt", c.TitleID)
	dst = append(dst, '\t')
	dst = appendIDList(dst, "nm", c.Directors)
	dst = append(dst, '\t')
	dst = appendIDList(dst, "nm", c.Writers)
	return append(dst, '\n')
}

func appendHeader(dst []byte, k Kind) []byte {
	for i, c := range kindColumns[k] {
		if i > 0 {
			dst = append(dst, '\t')
		}
		dst = append(dst, c...)
	}
	return append(dst, '\n')
}
