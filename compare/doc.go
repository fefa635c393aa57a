// Package compare takes documents with their obligations (corpus.Parsed)
// and hands out what changed between two versions of a document (Diff) and
// how a lower-level document carries the duties of upper-level ones
// (Levels), with terminal, JSON and HTML renderings of both.
//
// Both rest on Align, which pairs the obligations of two documents by the
// similarity of their words: TF-IDF vectors over the gse words of each
// obligation, with the boilerplate every plan repeats (进一步, 加强, 落实 …)
// weighted down and quoted slogans (“五到位”) weighted up, plus the headings
// and positions as minor signals. Candidate pairs come from an inverted
// index, so the cost follows the words two obligations share rather than
// the product of their numbers. Pairs are taken best first, one to one; a
// comparison across levels then lets leftovers share a partner, since a town
// plan folds several city duties into one sentence or spreads one over two.
//
// Diff reports duties added, removed, moved to another section (renumbering
// alone is not a move), reworded (with a rune-level diff, DiffText),
// tightened or loosened in frequency, deadline, units or modality. Levels
// classes each upper duty as carried, strengthened, weakened or missing and
// each lower duty traced to none as local, with coverage tallies per
// section; it refuses (Check) to compare a document with itself or with one
// not above it. FindUppers picks a document's upper-level documents from a
// collection by citation, level, place and plan year.
package compare
