package search

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// A built index is a handful of flat slices, so it is saved as they are
// (little-endian, each with its length) and loaded with no parsing or
// rebuilding: loading a million titles takes a fraction of the time
// building them does, which is what lets a server answer within a second of
// starting. The format carries a version; a file of another version is
// refused, and the caller rebuilds from its store.

const (
	magic         = "moviebot/search"
	formatVersion = 1
	kindIndex     = 1
	kindPhrases   = 2
)

// ErrFormat is returned when reading something that is not a saved index
// of this version, or is damaged.
var ErrFormat = errors.New("search: not a saved index of this version")

// WriteTo saves the index to w (io.WriterTo).
func (x *Index) WriteTo(w io.Writer) (int64, error) {
	e := newEncoder(w, kindIndex)
	e.core(x.c)
	putSlice(e, x.ids)
	putSlice(e, x.years)
	putSlice(e, x.pop)
	e.str(x.disp)
	putSlice(e, x.dispOff)
	putSlice(e, x.exact)
	b := uint64(0)
	if x.hasYears {
		b = 1
	}
	e.u64(b)
	return e.finish()
}

// ReadFrom replaces the index with one saved by WriteTo (io.ReaderFrom):
//
//	var x search.Index
//	_, err := x.ReadFrom(f)
func (x *Index) ReadFrom(r io.Reader) (int64, error) {
	d := newDecoder(r)
	d.header(kindIndex)
	var y Index
	y.c = d.core()
	y.ids = getSlice[int64](d)
	y.years = getSlice[uint16](d)
	y.pop = getSlice[uint32](d)
	y.disp = d.str()
	y.dispOff = getSlice[uint32](d)
	y.exact = getSlice[uint64](d)
	y.hasYears = d.u64() == 1
	if d.err == nil {
		n := y.c.docs()
		names := len(y.c.nameTok) - 1
		if y.c.docName == nil || len(y.ids) != n || len(y.years) != n || len(y.pop) != n ||
			len(y.dispOff) != names+1 || !offsets(y.dispOff, len(y.disp)) {
			d.err = ErrFormat
		}
		for i, k := range y.exact {
			if uint32(k) >= uint32(n) || i > 0 && k < y.exact[i-1] {
				d.err = ErrFormat
				break
			}
		}
	}
	if d.err != nil {
		return d.n, d.err
	}
	y.buildLookup()
	*x = y
	return d.n, nil
}

// WriteTo saves the phrase index to w (io.WriterTo).
func (p *Phrases) WriteTo(w io.Writer) (int64, error) {
	e := newEncoder(w, kindPhrases)
	e.core(p.c)
	putSlice(e, p.ids)
	putSlice(e, p.groups)
	return e.finish()
}

// ReadFrom replaces the phrase index with one saved by WriteTo
// (io.ReaderFrom).
func (p *Phrases) ReadFrom(r io.Reader) (int64, error) {
	d := newDecoder(r)
	d.header(kindPhrases)
	var q Phrases
	q.c = d.core()
	q.ids = getSlice[int64](d)
	q.groups = getSlice[int64](d)
	if d.err == nil {
		n := q.c.docs()
		if q.c.docName != nil || len(q.ids) != n || len(q.groups) != n {
			d.err = ErrFormat
		}
		for i := 1; d.err == nil && i < len(q.groups); i++ {
			if q.groups[i] < q.groups[i-1] {
				d.err = ErrFormat
			}
		}
	}
	if d.err != nil {
		return d.n, d.err
	}
	*p = q
	return d.n, nil
}

type encoder struct {
	w   *bufio.Writer
	n   int64
	err error
	buf []byte
}

func newEncoder(w io.Writer, kind uint64) *encoder {
	e := &encoder{w: bufio.NewWriterSize(w, 1<<16)}
	e.write([]byte(magic))
	e.u64(formatVersion)
	e.u64(kind)
	return e
}

func (e *encoder) write(b []byte) {
	if e.err != nil {
		return
	}
	n, err := e.w.Write(b)
	e.n += int64(n)
	e.err = err
}

func (e *encoder) u64(v uint64) { e.write(binary.LittleEndian.AppendUint64(e.buf[:0], v)) }

func (e *encoder) str(s string) {
	e.u64(uint64(len(s)))
	if e.err == nil {
		n, err := e.w.WriteString(s)
		e.n += int64(n)
		e.err = err
	}
}

func (e *encoder) core(c *core) {
	e.str(c.words)
	putSlice(e, c.wordOff)
	putSlice(e, c.stop)
	putSlice(e, c.postOff)
	putSlice(e, c.post)
	e.u64(uint64(c.delMask))
	putSlice(e, c.delOff)
	putSlice(e, c.delWords)
	putSlice(e, c.wideKey)
	putSlice(e, c.wideOff)
	putSlice(e, c.wide)
	e.u64(uint64(c.wideLen))
	putSlice(e, c.docName)
	putSlice(e, c.nameTok)
	putSlice(e, c.tok)
}

func (e *encoder) finish() (int64, error) {
	if e.err == nil {
		e.err = e.w.Flush()
	}
	return e.n, e.err
}

type word interface {
	uint16 | uint32 | uint64 | int64
}

// putSlice writes s's length and then its elements, a chunk at a time.
func putSlice[T word](e *encoder, s []T) {
	e.u64(uint64(len(s)))
	const chunk = 1 << 13
	for len(s) > 0 && e.err == nil {
		n := min(len(s), chunk)
		b := e.buf[:0]
		for _, v := range s[:n] {
			switch any(v).(type) {
			case uint16:
				b = binary.LittleEndian.AppendUint16(b, uint16(v))
			case uint32:
				b = binary.LittleEndian.AppendUint32(b, uint32(v))
			default:
				b = binary.LittleEndian.AppendUint64(b, uint64(v))
			}
		}
		e.buf = b
		e.write(b)
		s = s[n:]
	}
}

type decoder struct {
	r   *bufio.Reader
	n   int64
	err error
	buf []byte
}

func newDecoder(r io.Reader) *decoder { return &decoder{r: bufio.NewReaderSize(r, 1<<16)} }

func (d *decoder) read(n int) []byte {
	if d.err != nil {
		return nil
	}
	if cap(d.buf) < n {
		d.buf = make([]byte, n)
	}
	b := d.buf[:n]
	m, err := io.ReadFull(d.r, b)
	d.n += int64(m)
	if err != nil {
		d.err = fmt.Errorf("search: read index: %w", err)
		return nil
	}
	return b
}

func (d *decoder) u64() uint64 {
	b := d.read(8)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint64(b)
}

func (d *decoder) header(kind uint64) {
	if b := d.read(len(magic)); b != nil && string(b) != magic {
		d.err = ErrFormat
	}
	if v := d.u64(); d.err == nil && v != formatVersion {
		d.err = ErrFormat
	}
	if k := d.u64(); d.err == nil && k != kind {
		d.err = ErrFormat
	}
}

// maxLen bounds a length read from a file (elements of a slice, bytes of
// a string), so that a damaged one fails instead of asking for all the
// memory there is. It is far above what a hundred million words need.
const maxLen = 1 << 28

func (d *decoder) length() int {
	n := d.u64()
	if d.err == nil && n > maxLen {
		d.err = ErrFormat
	}
	if d.err != nil {
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.length()
	s := make([]byte, 0, n)
	for d.err == nil && len(s) < n {
		s = append(s, d.read(min(n-len(s), 1<<16))...)
	}
	return string(s)
}

// getSlice reads what putSlice wrote: nil for an empty slice.
func getSlice[T word](d *decoder) []T {
	n := d.length()
	if d.err != nil || n == 0 {
		return nil
	}
	var zero T
	size := binary.Size(zero)
	out := make([]T, 0, n)
	const chunk = 1 << 13
	for len(out) < n && d.err == nil {
		k := min(n-len(out), chunk)
		b := d.read(k * size)
		for i := 0; b != nil && i < k; i++ {
			switch size {
			case 2:
				out = append(out, T(binary.LittleEndian.Uint16(b[2*i:])))
			case 4:
				out = append(out, T(binary.LittleEndian.Uint32(b[4*i:])))
			default:
				out = append(out, T(binary.LittleEndian.Uint64(b[8*i:])))
			}
		}
	}
	return out
}

func (d *decoder) core() *core {
	c := &core{}
	c.words = d.str()
	c.wordOff = getSlice[uint32](d)
	c.stop = getSlice[uint64](d)
	c.postOff = getSlice[uint32](d)
	c.post = getSlice[uint32](d)
	c.delMask = uint32(d.u64())
	c.delOff = getSlice[uint32](d)
	c.delWords = getSlice[uint32](d)
	c.wideKey = getSlice[uint64](d)
	c.wideOff = getSlice[uint32](d)
	c.wide = getSlice[uint32](d)
	c.wideLen = int(d.u64())
	c.docName = getSlice[uint32](d)
	c.nameTok = getSlice[uint32](d)
	c.tok = getSlice[uint32](d)
	if d.err == nil && !c.valid() {
		d.err = ErrFormat
	}
	return c
}

// valid checks what searching relies on, so that a damaged file is
// refused when read rather than failing in a search: offsets rise within
// their data, and every stored word and document number exists.
func (c *core) valid() bool {
	v := len(c.wordOff) - 1
	if v < 0 || !offsets(c.wordOff, len(c.words)) || len(c.stop) != (v+63)/64 ||
		len(c.postOff) != v+1 || !offsets(c.postOff, len(c.post)) ||
		len(c.delOff) != int(c.delMask)+2 || !offsets(c.delOff, len(c.delWords)) ||
		len(c.wideOff) != len(c.wideKey)+1 || !offsets(c.wideOff, len(c.wide)) ||
		len(c.nameTok) == 0 || !offsets(c.nameTok, len(c.tok)) {
		return false
	}
	if c.docName != nil && !offsets(c.docName, len(c.nameTok)-1) {
		return false
	}
	if c.delMask&(c.delMask+1) != 0 {
		return false // not a power of two less one
	}
	docs := uint32(c.docs())
	below := func(s []uint32, n uint32) bool {
		for _, x := range s {
			if x >= n {
				return false
			}
		}
		return true
	}
	for _, k := range c.wideKey {
		if lo, hi := uint32(k>>32), uint32(k); lo >= hi || hi > uint32(v) {
			return false
		}
	}
	return below(c.post, docs) && below(c.wide, docs) && below(c.delWords, uint32(v)) && below(c.tok, uint32(v))
}

// offsets reports whether off starts at 0, never falls, and ends at n.
func offsets(off []uint32, n int) bool {
	if len(off) == 0 || off[0] != 0 || int(off[len(off)-1]) != n {
		return false
	}
	for i := 1; i < len(off); i++ {
		if off[i] < off[i-1] {
			return false
		}
	}
	return true
}
