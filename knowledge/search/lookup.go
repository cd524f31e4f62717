package search

import (
	"slices"
	"sort"
)

// buildLookup sorts the entry IDs for Lookup: 12 bytes an entry.
func (x *Index) buildLookup() {
	order := make([]uint32, len(x.ids))
	for i := range order {
		order[i] = uint32(i)
	}
	sort.Slice(order, func(a, b int) bool { return x.ids[order[a]] < x.ids[order[b]] })
	x.byID = make([]int64, len(order))
	for i, d := range order {
		x.byID[i] = x.ids[d]
	}
	x.byIDDoc = order
}

// Lookup returns the entry with the given ID as a Hit (with score 0), so a
// caller holding only IDs (a quote's film, a button's film) can show a name
// without keeping its own copy of every entry.
func (x *Index) Lookup(id int64) (Hit, bool) {
	i, ok := slices.BinarySearch(x.byID, id)
	if !ok {
		return Hit{}, false
	}
	return x.hit(x.byIDDoc[i], 0, 0), true
}
