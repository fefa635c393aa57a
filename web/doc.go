// Package web takes a Core — the application core over an opened corpus —
// and hands out the workbench: an http.Handler whose pages, in Chinese, let
// analysts search obligations with filters and facets, read a document with
// each obligation marked in its text, see what changed between two versions
// and how a lower-level plan carries its upper levels' duties, add a file,
// list the duties of a unit and the bodies of the corpus, and export what
// they see as 任务分解表 (xlsx, csv) or JSON.
//
// Pages are rendered on the server with html/template, so every value is
// escaped by construction; the style sheet and the one small script are
// embedded, nothing is loaded from the network, and every page reads with
// JavaScript off. The URL of a page holds all it shows, so a search can be
// shared by its link.
//
// The package decides nothing about documents: it asks the Core (see
// FromWorkspace for the adapter over package workspace), turns the form
// into a query and the answer into a page.
package web
