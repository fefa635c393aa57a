// Package segment cuts Chinese text into words with gse and dutymap's own
// dictionary: a frequency-ranked subset of gse's general Chinese dictionary
// plus the bodies and policy terms of safety-work documents, both embedded,
// so a Segmenter loads in a fraction of a second and never touches the
// network or the file system.
//
// Build one Segmenter per process and share it; it is safe for concurrent use.
package segment
