package corpus

import (
	"embed"
	"io/fs"
)

//go:embed samples/*.txt
var samples embed.FS

// Samples returns the sample corpus shipped with dutymap: the five seed
// documents it was started from, unchanged. Names are "samples/NAME.txt".
func Samples() fs.FS { return samples }
