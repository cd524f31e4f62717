package imdb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// MaxLine is the longest line a reader accepts, newline included. A longer
// line is skipped as a malformed row; IMDb's longest lines are a few KiB.
const MaxLine = 1 << 20

// Open opens a dataset file, gzipped or plain: gzip is recognised from the
// file's first bytes, not its name. Reading yields the plain text.
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := decompress(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &file{Reader: r, f: f}, nil
}

type file struct {
	io.Reader
	f *os.File
}

func (f *file) Close() error { return f.f.Close() }

// decompress returns r's plain text, gunzipping it when it starts with the
// gzip magic bytes.
func decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return zr, nil
	}
	return br, nil
}

// ReadBasics streams the rows of title.basics from r, plain or gzipped, to
// fn with their line numbers. The *Basics, including its Genres slice, is
// reused for the next row: keep copies, not the pointer (the strings are safe
// to keep). An error from fn stops reading and is returned wrapped. See the
// package documentation for how malformed rows are handled.
func ReadBasics(r io.Reader, fn func(line int, b *Basics) error) (Stats, error) {
	return read(r, KindBasics, MaxLine, parseBasics, basicsKey, fn)
}

// ReadAkas streams the rows of title.akas from r to fn, as ReadBasics does.
func ReadAkas(r io.Reader, fn func(line int, a *Aka) error) (Stats, error) {
	return read(r, KindAkas, MaxLine, parseAka, akaKey, fn)
}

// ReadPrincipals streams the rows of title.principals from r to fn, as
// ReadBasics does; the Characters slice is reused too.
func ReadPrincipals(r io.Reader, fn func(line int, p *Principal) error) (Stats, error) {
	return read(r, KindPrincipals, MaxLine, parsePrincipal, principalKey, fn)
}

// ReadNames streams the rows of name.basics from r to fn, as ReadBasics
// does; the Professions and KnownFor slices are reused too.
func ReadNames(r io.Reader, fn func(line int, n *Name) error) (Stats, error) {
	return read(r, KindNames, MaxLine, parseName, nameKey, fn)
}

// ReadRatings streams the rows of title.ratings from r to fn, as ReadBasics
// does.
func ReadRatings(r io.Reader, fn func(line int, rt *Rating) error) (Stats, error) {
	return read(r, KindRatings, MaxLine, parseRating, ratingKey, fn)
}

// ReadCrew streams the rows of title.crew from r to fn, as ReadBasics does;
// the Directors and Writers slices are reused too.
func ReadCrew(r io.Reader, fn func(line int, c *Crew) error) (Stats, error) {
	return read(r, KindCrew, MaxLine, parseCrew, crewKey, fn)
}

// Keys for spotting duplicates: what identifies a row in its file.
func basicsKey(b *Basics) uint64       { return uint64(b.ID) }
func akaKey(a *Aka) uint64             { return uint64(a.TitleID)<<16 | uint64(a.Ordering) }
func principalKey(p *Principal) uint64 { return uint64(p.TitleID)<<16 | uint64(p.Ordering) }
func nameKey(n *Name) uint64           { return uint64(n.ID) }
func ratingKey(r *Rating) uint64       { return uint64(r.TitleID) }
func crewKey(c *Crew) uint64           { return uint64(c.TitleID) }

// Thresholds for malformed rows; see the package documentation.
const (
	minRowsForShare = 1000 // below this, a file is small
	maxMalformedPct = 1    // share allowed in a file that is not small
	abandonPct      = 10   // share that abandons a file while reading
)

// tooMany reports whether the malformed rows pass the threshold: at the end
// of the file (final) more than 1% of a file of 1000 rows or more, or more
// than half of a smaller one; while reading, more than 10% of at least 1000
// rows, so that a broken file fails early without a cluster of bad rows
// near the start failing a file that is clean overall.
func (st *Stats) tooMany(final bool) bool {
	total := st.Rows + st.Malformed + st.Duplicates
	switch {
	case !final:
		return total >= minRowsForShare && st.Malformed*100 > total*abandonPct
	case total >= minRowsForShare:
		return st.Malformed*100 > total*maxMalformedPct
	default:
		return st.Malformed*2 > total
	}
}

func (st *Stats) skip(line int, reason string) {
	if len(st.Examples) < MaxExamples {
		st.Examples = append(st.Examples, RowError{Line: line, Reason: reason})
	}
}

func (st *Stats) tooManyErr(kind Kind) error {
	total := st.Rows + st.Malformed + st.Duplicates
	return fmt.Errorf("%s: %w: %d of %d rows, first on line %d (%s)",
		kind, ErrTooManyMalformed, st.Malformed, total, st.Examples[0].Line, st.Examples[0].Reason)
}

// read streams the rows of a kind of file; lines of maxLine bytes or more
// (newline included) are malformed. Tests pass a small maxLine to fuzz fast.
func read[T any](r io.Reader, kind Kind, maxLine int, parse func(*parser, [][]byte, *T) error, key func(*T) uint64, fn func(int, *T) error) (Stats, error) {
	var st Stats
	src, err := decompress(r)
	if err != nil {
		return st, fmt.Errorf("%s: %w", kind, err)
	}
	br := bufio.NewReaderSize(src, maxLine)
	if err := readHeader(br, kind, maxLine); err != nil {
		return st, err
	}
	var (
		p        = newParser()
		row      T
		line     = 1
		prevKey  uint64
		prevLine int
	)
	for {
		b, err := br.ReadSlice('\n')
		if len(b) == 0 && errors.Is(err, io.EOF) {
			break
		}
		line++
		if errors.Is(err, bufio.ErrBufferFull) {
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = br.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return st, fmt.Errorf("%s: read line %d: %w", kind, line, err)
			}
			st.Malformed++
			st.skip(line, fmt.Sprintf("line longer than %d bytes", maxLine))
			if st.tooMany(false) {
				return st, st.tooManyErr(kind)
			}
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return st, fmt.Errorf("%s: read line %d: %w", kind, line, err)
		}
		b = bytes.TrimSuffix(b, []byte{'\n'})
		b = bytes.TrimSuffix(b, []byte{'\r'}) // tolerate CRLF line ends
		if perr := parseLine(p, kind, b, parse, &row); perr != nil {
			st.Malformed++
			st.skip(line, perr.Error())
			if st.tooMany(false) {
				return st, st.tooManyErr(kind)
			}
			continue
		}
		k := key(&row)
		if prevLine > 0 && k == prevKey {
			st.Duplicates++
			st.skip(line, fmt.Sprintf("duplicate of line %d", prevLine))
			continue
		}
		prevKey, prevLine = k, line
		st.Rows++
		if err := fn(line, &row); err != nil {
			return st, fmt.Errorf("%s line %d: %w", kind, line, err)
		}
	}
	if st.tooMany(true) {
		return st, st.tooManyErr(kind)
	}
	return st, nil
}

// readHeader checks the first line against kind's columns. A UTF-8 byte
// order mark and a CRLF ending are tolerated.
func readHeader(br *bufio.Reader, kind Kind, maxLine int) error {
	want := strings.Join(kindColumns[kind], "\t")
	b, err := br.ReadSlice('\n')
	switch {
	case errors.Is(err, bufio.ErrBufferFull):
		return fmt.Errorf("%s: %w: first line longer than %d bytes, want columns %s",
			kind, ErrHeader, maxLine, strings.Join(kindColumns[kind], ", "))
	case err != nil && !errors.Is(err, io.EOF):
		return fmt.Errorf("%s: read header: %w", kind, err)
	case len(b) == 0:
		return fmt.Errorf("%s: %w: empty file, want columns %s", kind, ErrHeader, strings.Join(kindColumns[kind], ", "))
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	b = bytes.TrimRight(b, "\r\n")
	if string(b) != want {
		return fmt.Errorf("%s: %w: got %s, want columns %s", kind, ErrHeader, quoteN(b, 200), strings.Join(kindColumns[kind], ", "))
	}
	return nil
}
