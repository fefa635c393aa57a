// Package samples holds the sample corpus shipped inside dutymap: the five
// seed documents it was started from (../shared/seeds), unchanged. extract
// and inspect read them when given no file; `dutymap add --samples` adds
// them to a corpus on purpose; a search with no corpus of the user's own
// runs on a corpus of its own built from them.
package samples

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var files embed.FS

// FS returns the sample documents, named NAME.txt at its root.
func FS() fs.FS { return files }
