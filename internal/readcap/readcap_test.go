//go:build unix

package readcap

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	os.WriteFile(small, []byte("一、每月至少召开一次会议。"), 0o644)
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, make([]byte, 2049), 0o644)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path string
		want       string // content, or the error's text
		err        error
	}{
		{"regular", small, "一、每月至少召开一次会议。", nil},
		{"over the limit", big, "file is larger than 2 KiB", nil},
		{"a folder", dir, "not a regular file (a folder)", ErrNotRegular},
		{"a named pipe", fifo, "not a regular file (a named pipe)", ErrNotRegular},
		{"a device", "/dev/zero", "not a regular file (a device)", ErrNotRegular},
		{"missing", filepath.Join(dir, "none"), "no such file", fs.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			done := make(chan struct{})
			var b []byte
			var err error
			go func() { b, err = ReadFile(tt.path, 2048); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("ReadFile blocked")
			}
			if err == nil {
				if string(b) != tt.want {
					t.Errorf("got %q, want %q", b, tt.want)
				}
				return
			}
			if !strings.Contains(err.Error(), tt.want) || (tt.err != nil && !errors.Is(err, tt.err)) {
				t.Errorf("error %v, want %q (%v)", err, tt.want, tt.err)
			}
			var tl *TooLargeError
			if tt.name == "over the limit" && (!errors.As(err, &tl) || tl.Limit != 2048) {
				t.Errorf("error %v is not a TooLargeError", err)
			}
		})
	}
}
