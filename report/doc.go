// Package report takes a corpus.Document with its obligations, and what
// changed against other documents, and hands out the files an office sends
// on: the 任务分解表 (task breakdown table: 序号, 工作任务, 牵头单位, 配合单位,
// 频次, 完成时限, 出处) as .xlsx or .csv, and a report folder per processed
// document holding report.json, a self-contained report.html and report.xlsx.
//
// A Table is built row by row from obligations (of one document, or of search
// hits from many); a Report is plain data that the caller fills, including the
// sections on changes against the previous version and on the comparison with
// upper-level documents, so that this package knows nothing of how documents
// are compared. A report folder is written beside its place and swapped in
// whole, so a reader never sees half a report. The inspector's coverage
// matrix (a compare.CoverageReport: one upper document's duties against the
// lower documents under it) is rendered as .xlsx or JSON by
// WriteCoverageXLSX and WriteCoverageJSON, as go/printer renders go/ast.
package report
