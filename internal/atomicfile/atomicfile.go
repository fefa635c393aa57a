package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/dutymap/dutymap/internal/fsname"
)

// tempPrefix returns the pattern of the temporary file for a file named
// base: hidden, and short enough that the random digits os.CreateTemp puts
// for the * (up to 10) still fit the file system's limit on a name, however
// long base is.
func tempPrefix(base string) string {
	return "." + fsname.Fit(base, fsname.Max-len(".")-len(".tmp-")-10) + ".tmp-*"
}

// RemoveTemps removes from dir the temporary files WriteFile leaves there
// when the process dies mid-write, and returns how many it removed. Call it
// only where no other process is writing: a writer's temporary file looks
// the same as an orphan.
func RemoveTemps(dir string) (int, error) {
	temps, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if err != nil {
		return 0, fmt.Errorf("clean %s: %w", dir, err)
	}
	n := 0
	for _, p := range temps {
		fi, err := os.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return n, fmt.Errorf("clean %s: %w", dir, err)
		}
		n++
	}
	return n, nil
}

// createTemp creates a new file in dir named by pattern, its * replaced by
// random digits, as os.CreateTemp does — but with mode 0644 less the
// umask, as os.WriteFile gives, rather than 0600: what dutymap writes is
// read by others as the user's other files are.
func createTemp(dir, pattern string) (*os.File, error) {
	prefix, suffix, _ := strings.Cut(pattern, "*")
	for range 10000 {
		name := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, pattern), Err: fs.ErrExist}
}

// WriteFile writes the file name with what write produces. On error nothing
// is left behind and an existing file is untouched. The file gets mode 0644
// less the umask, as with os.WriteFile.
func WriteFile(name string, write func(io.Writer) error) error {
	dir := filepath.Dir(name)
	tmp, err := createTemp(dir, tempPrefix(filepath.Base(name)))
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	ok = true
	return SyncDir(dir)
}

// WriteBytes writes data to the file name as WriteFile does.
func WriteBytes(name string, data []byte) error {
	return WriteFile(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// SyncDir makes the renames done in dir durable. File systems that cannot
// sync a folder (some network shares, Windows) are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOTSUP) && !errors.Is(err, os.ErrPermission) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
