package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
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

// WriteFile writes the file name with what write produces. On error nothing
// is left behind and an existing file is untouched. The file gets mode 0644.
func WriteFile(name string, write func(io.Writer) error) error {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, tempPrefix(filepath.Base(name)))
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
	if err := tmp.Chmod(0o644); err != nil {
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
