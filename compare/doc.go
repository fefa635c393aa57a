// Package compare takes documents with their obligations (corpus.Parsed)
// and hands out what changed between two versions of a document (Diff),
// how a lower-level document carries the duties of upper-level ones
// (Levels), and the inspector's matrix of one upper document against the
// lower documents under it (Coverage), with terminal, JSON and HTML
// renderings; FindUppers and FindLowers choose the documents to compare.
//
// Both rest on an alignment of weighted words: TF-IDF vectors over the gse
// words of each obligation, with the boilerplate every plan repeats
// (进一步, 加强, 落实 …) weighted down and quoted slogans (“五到位”) weighted
// up. Candidates come from each item's heaviest terms held by at most a few
// dozen items, never from the common ones, so the cost grows with the
// documents, not with their product. Pairs are taken best first, one to
// one; across levels, leftovers may then share a partner on the strength
// of their words, since a town plan folds several city duties into one
// sentence or spreads one over two.
//
// Across levels the unit is the duty, not the sentence: an obligation is
// cut into the clauses that act with words of their own (a sentence that
// binds several clauses is several duties; a premise 对…的, a clause of
// result 年底前完成…, a label 地震灾害： or an attribution bracket is not
// one), each with its own frequencies, deadlines and modal cue. A duty's
// heading and label count as its context; two duties are one only if they
// do the same kind of act (召开会议 is not 开展检查), share words of their
// own, and, under a heading that names a sector (煤矿, 燃气), belong to it.
// Verdicts — carried, strengthened, weakened, missing — rest on the fields
// of the matched duties only, each with its labelled reasons (频次, 时限,
// 约束力, 责任单位) and the lower words matched; a duty addressed to the
// upper level itself (市级, 市应急局, a named county or firm) is not
// expected below, and coverage is reported over all duties and over those
// expected below.
//
// Diff reports duties added, removed, moved (to another section, or among
// the duties of their own), reworded (with a rune-level diff, DiffText),
// tightened or loosened in frequency, deadline, units or modality (要 → 必须
// is stricter); renumbering is no change, and sections reordered within
// their parent are reported as such. Levels refuses (Check) to compare a
// document with itself or with one not above it. FindUppers keeps to the
// lower document's own chain of places and plan years, and returns an
// *UnplacedError, with only the documents it cites, for a document whose
// place or level is unknown.
package compare
