// Package search finds films by title, people by name and quotes by their
// words, the way people type them: with typos, missing words, in any case,
// without accents or punctuation, and half remembered.
//
// # Matching
//
// Matching works on folded words (see knowledge.Fold). Each word of the
// query is paired with its best word in the candidate: the same word, a
// prefix of it (what someone is still typing, or "nic" for "nicolas"), or a
// word one or two edits away (substitution, insertion, deletion, or two
// neighbours swapped; a three-letter word may be a four-letter one with a
// letter dropped). A candidate's score is how much of the query it covers,
// less a little for the words of the candidate the query left out, unless
// the query is the start of the name, typed in order: then they are just
// the part of the title not typed yet ("fight" for "Fight Club"). A name
// that is the query exactly, however spaced or punctuated, scores 1.2; a
// year at the end of the query picks between namesakes; popularity adds a
// little, so a well-known film comes before an obscure namesake. Score and
// Contains apply this to one name or text; Index and Phrases to many.
//
// # Indexes
//
// Index and Phrases never look at every entry: the work of a search
// depends on the query and on fixed bounds, not on the size of the
// catalogue. An index keeps
//
//   - the vocabulary, sorted, so the words a prefix starts are one range;
//   - postings: for each word, the entries that have it, as uint32 numbers
//     in order of preference (entries are numbered most popular first, so
//     the first entries of any list are the best-known);
//   - deletion keys: hashes of every word and of each of its one-letter
//     deletions, so the words one edit from a query word are found by
//     looking up its own keys;
//   - for every prefix that starts many words, its first entries, merged
//     ahead of time, so one to three typed letters cost no more than a
//     word;
//   - each entry's names as word numbers, and display names in one string;
//   - for titles, a hash of each name's words run together, so an exact
//     title is found however obscure and however common its words.
//
// A search expands each query word into the words it may mean, walks their
// postings rarest word first, keeps at most a few thousand candidates (the
// ones with most query words, then the best-known), scores only those, and
// keeps the best few in a small heap. Buffers come from a sync.Pool. A
// phrase search whose words are all known first intersects their postings
// (leapfrogging with galloping seeks) for phrases that have the query
// whole and in order, which no other phrase can outscore.
// Everything is flat slices of integers and a few strings: a million films
// with their alternative titles take about 115 MB and build in about two
// seconds; WriteTo and ReadFrom save and load a built index, which is how a
// server answers within a second of starting.
package search
