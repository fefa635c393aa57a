// Package corpus is dutymap's domain model: a Document with its normalised
// text and numbered outline, the Obligations found in it with their units,
// frequencies and deadlines, and the parsed pair (Parsed) handed from stage to stage.
//
// Every stage of dutymap speaks these types: ingest turns bytes into
// Documents, extract turns a Document into Obligations, index stores and
// searches them. corpus itself imports no other dutymap package.
//
// Offsets: a Span holds byte offsets into Document.Text, so that
// Text[Start:End] is always the text a user is shown. The JSON contract of
// `dutymap extract` speaks rune offsets; Document.RuneOffset converts.
package corpus
