package imdb

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"
)

// parser holds what parsing one file reuses from row to row: the field
// slices and a table of interned strings, so that the few distinct values of
// columns like titleType, genres, region or category are allocated once.
type parser struct {
	fields [9][]byte
	intern map[string]string
}

// maxInterned bounds the intern table, so that a column with unexpectedly
// many distinct values (job is free text) cannot grow it without limit.
const maxInterned = 8192

func newParser() *parser { return &parser{intern: make(map[string]string, 256)} }

// str interns b. Looking up map[string(b)] does not allocate.
func (p *parser) str(b []byte) string {
	if s, ok := p.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(p.intern) < maxInterned && len(b) <= 64 {
		p.intern[s] = s
	}
	return s
}

// parseLine checks and splits one line (without its newline) into the
// columns of kind, then hands them to parse.
func parseLine[T any](p *parser, kind Kind, line []byte, parse func(*parser, [][]byte, *T) error, row *T) error {
	if !utf8.Valid(line) {
		return errors.New("invalid UTF-8")
	}
	want := len(kindColumns[kind])
	f := p.fields[:want]
	n := 0
	for {
		i := bytes.IndexByte(line, '\t')
		if n == want-1 || i < 0 {
			if i >= 0 {
				n += 1 + bytes.Count(line[i+1:], tab)
			}
			if n != want-1 {
				return fmt.Errorf("%d columns, want %d", n+1, want)
			}
			f[n] = line
			break
		}
		f[n] = line[:i]
		line = line[i+1:]
		n++
	}
	return parse(p, f, row)
}

var tab = []byte{'\t'}

func isNull(b []byte) bool { return len(b) == 2 && b[0] == '\\' && b[1] == 'N' }

// quote shortens a bad value for an error message.
func quote(b []byte) string { return quoteN(b, 40) }

func quoteN(b []byte, n int) string {
	if len(b) > n {
		return fmt.Sprintf("%q…", b[:n])
	}
	return fmt.Sprintf("%q", b)
}

// parseUint parses decimal digits without allocating; it fails on anything
// else, on an empty value and above max.
func parseUint(b []byte, max uint64) (uint64, bool) {
	if len(b) == 0 || len(b) > 20 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if n > (max-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

func parseID(col string, b []byte, p0, p1 byte) (uint32, error) {
	if len(b) > 2 && b[0] == p0 && b[1] == p1 {
		if n, ok := parseUint(b[2:], math.MaxUint32); ok {
			return uint32(n), nil
		}
	}
	return 0, fmt.Errorf("%s: want %c%c and a number: %s", col, p0, p1, quote(b))
}

func parseIDList(col string, b []byte, p0, p1 byte, dst []uint32) ([]uint32, error) {
	dst = dst[:0]
	if isNull(b) {
		return dst, nil
	}
	for {
		i := bytes.IndexByte(b, ',')
		item := b
		if i >= 0 {
			item = b[:i]
		}
		id, err := parseID(col, item, p0, p1)
		if err != nil {
			return dst, err
		}
		dst = append(dst, id)
		if i < 0 {
			return dst, nil
		}
		b = b[i+1:]
	}
}

// parseStrList splits a comma-separated column, skipping empty items.
func (p *parser) parseStrList(b []byte, dst []string) []string {
	dst = dst[:0]
	if isNull(b) {
		return dst
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, ',')
		item := b
		if i >= 0 {
			item, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(item) > 0 {
			dst = append(dst, p.str(item))
		}
	}
	return dst
}

func parseNum(col string, b []byte, max uint64) (uint64, error) {
	if isNull(b) {
		return 0, nil
	}
	n, ok := parseUint(b, max)
	if !ok {
		return 0, fmt.Errorf("%s: bad number %s", col, quote(b))
	}
	return n, nil
}

func parseBool(col string, b []byte) (bool, error) {
	if len(b) == 1 && (b[0] == '0' || b[0] == '1') {
		return b[0] == '1', nil
	}
	if isNull(b) {
		return false, nil
	}
	return false, fmt.Errorf("%s: want 0 or 1: %s", col, quote(b))
}

func (p *parser) text(b []byte) string {
	if isNull(b) {
		return ""
	}
	return string(b)
}

func (p *parser) label(b []byte) string {
	if isNull(b) {
		return ""
	}
	return p.str(b)
}

func parseBasics(p *parser, f [][]byte, b *Basics) error {
	id, err := parseID("tconst", f[0], 't', 't')
	if err != nil {
		return err
	}
	adult, err := parseBool("isAdult", f[4])
	if err != nil {
		return err
	}
	start, err := parseNum("startYear", f[5], math.MaxUint16)
	if err != nil {
		return err
	}
	end, err := parseNum("endYear", f[6], math.MaxUint16)
	if err != nil {
		return err
	}
	runtime, err := parseNum("runtimeMinutes", f[7], math.MaxUint32)
	if err != nil {
		return err
	}
	b.ID = id
	b.Type = p.label(f[1])
	b.PrimaryTitle = p.text(f[2])
	if bytes.Equal(f[3], f[2]) {
		b.OriginalTitle = b.PrimaryTitle // the usual case: one allocation, not two
	} else {
		b.OriginalTitle = p.text(f[3])
	}
	b.IsAdult = adult
	b.StartYear, b.EndYear = uint16(start), uint16(end)
	b.RuntimeMinutes = uint32(runtime)
	b.Genres = p.parseStrList(f[8], b.Genres)
	return nil
}

func parseAka(p *parser, f [][]byte, a *Aka) error {
	id, err := parseID("titleId", f[0], 't', 't')
	if err != nil {
		return err
	}
	ord, ok := parseUint(f[1], math.MaxUint16)
	if !ok {
		return fmt.Errorf("ordering: bad number %s", quote(f[1]))
	}
	orig, err := parseBool("isOriginalTitle", f[7])
	if err != nil {
		return err
	}
	a.TitleID, a.Ordering = id, uint16(ord)
	a.Title = p.text(f[2])
	a.Region = p.label(f[3])
	a.Language = p.label(f[4])
	a.Types = p.label(f[5])
	a.Attributes = p.label(f[6])
	a.IsOriginalTitle = orig
	return nil
}

func parsePrincipal(p *parser, f [][]byte, pr *Principal) error {
	id, err := parseID("tconst", f[0], 't', 't')
	if err != nil {
		return err
	}
	ord, ok := parseUint(f[1], math.MaxUint16)
	if !ok {
		return fmt.Errorf("ordering: bad number %s", quote(f[1]))
	}
	nm, err := parseID("nconst", f[2], 'n', 'm')
	if err != nil {
		return err
	}
	chars, err := parseJSONStrings(f[5], pr.Characters)
	if err != nil {
		return err
	}
	pr.TitleID, pr.Ordering, pr.NameID = id, uint16(ord), nm
	pr.Category = p.label(f[3])
	pr.Job = p.label(f[4])
	pr.Characters = chars
	return nil
}

func parseName(p *parser, f [][]byte, n *Name) error {
	id, err := parseID("nconst", f[0], 'n', 'm')
	if err != nil {
		return err
	}
	birth, err := parseNum("birthYear", f[2], math.MaxUint16)
	if err != nil {
		return err
	}
	death, err := parseNum("deathYear", f[3], math.MaxUint16)
	if err != nil {
		return err
	}
	known, err := parseIDList("knownForTitles", f[5], 't', 't', n.KnownFor)
	if err != nil {
		return err
	}
	n.ID = id
	n.PrimaryName = p.text(f[1])
	n.BirthYear, n.DeathYear = uint16(birth), uint16(death)
	n.Professions = p.parseStrList(f[4], n.Professions)
	n.KnownFor = known
	return nil
}

func parseRating(p *parser, f [][]byte, r *Rating) error {
	id, err := parseID("tconst", f[0], 't', 't')
	if err != nil {
		return err
	}
	tenths, ok := parseTenths(f[1])
	if !ok {
		return fmt.Errorf("averageRating: want 0.0 to 10.0: %s", quote(f[1]))
	}
	votes, ok := parseUint(f[2], math.MaxUint32)
	if !ok {
		return fmt.Errorf("numVotes: bad number %s", quote(f[2]))
	}
	r.TitleID = id
	r.Average = float32(tenths) / 10
	r.NumVotes = uint32(votes)
	return nil
}

// parseTenths parses a rating as IMDb writes it, "7.5" or "10.0" (or "8"),
// into tenths; more decimals are refused, so that a row round-trips.
func parseTenths(b []byte) (int, bool) {
	whole, frac := b, []byte(nil)
	if i := bytes.IndexByte(b, '.'); i >= 0 {
		whole, frac = b[:i], b[i+1:]
		if len(frac) != 1 {
			return 0, false
		}
	}
	if len(whole) > 2 {
		return 0, false
	}
	w, ok := parseUint(whole, 99)
	if !ok {
		return 0, false
	}
	t := int(w) * 10
	if frac != nil {
		d, ok := parseUint(frac, 9)
		if !ok {
			return 0, false
		}
		t += int(d)
	}
	if t > 100 {
		return 0, false
	}
	return t, true
}

func parseCrew(p *parser, f [][]byte, c *Crew) error {
	id, err := parseID("tconst", f[0], 't', 't')
	if err != nil {
		return err
	}
	dirs, err := parseIDList("directors", f[1], 'n', 'm', c.Directors)
	if err != nil {
		return err
	}
	c.Directors = dirs
	writers, err := parseIDList("writers", f[2], 'n', 'm', c.Writers)
	if err != nil {
		return err
	}
	c.TitleID = id
	c.Writers = writers
	return nil
}

// parseJSONStrings decodes the characters column, a JSON array of strings
// such as ["Ben Sanderson","Narrator"]. The common case, strings without
// escapes, is scanned by hand; anything with a backslash goes to
// encoding/json so that escapes are decoded exactly as JSON defines them.
func parseJSONStrings(b []byte, dst []string) ([]string, error) {
	dst = dst[:0]
	if isNull(b) {
		return dst, nil
	}
	bad := func() error { return fmt.Errorf("characters: want a JSON array of strings: %s", quote(b)) }
	if len(b) < 2 || b[0] != '[' {
		return dst, bad()
	}
	i := skipSpace(b, 1)
	if i < len(b) && b[i] == ']' {
		if skipSpace(b, i+1) != len(b) {
			return dst, bad()
		}
		return dst, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return dst, bad()
		}
		j := i + 1
		for j < len(b) && b[j] != '"' && b[j] != '\\' && b[j] >= 0x20 {
			j++
		}
		if j >= len(b) || b[j] != '"' {
			if j < len(b) && b[j] == '\\' {
				return slowJSONStrings(b, dst, bad)
			}
			return dst, bad()
		}
		dst = append(dst, string(b[i+1:j]))
		i = skipSpace(b, j+1)
		if i >= len(b) {
			return dst, bad()
		}
		switch b[i] {
		case ',':
			i = skipSpace(b, i+1)
		case ']':
			if skipSpace(b, i+1) != len(b) {
				return dst, bad()
			}
			return dst, nil
		default:
			return dst, bad()
		}
	}
}

func slowJSONStrings(b []byte, dst []string, bad func() error) ([]string, error) {
	var v []string
	if err := json.Unmarshal(b, &v); err != nil {
		return dst[:0], bad()
	}
	return append(dst[:0], v...), nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}
