package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dutymap/dutymap/ingest"
)

// uploadPage is the data of the upload form.
type uploadPage struct {
	MaxMiB string
	Accept string
	Error  string
}

// accepted are the kinds of file the form offers to pick; the core reads
// the file's content to know its format, and refuses what it cannot read
// with the error the CLI gives.
const accepted = ".txt,.md,.markdown,.html,.htm,.xhtml,.shtml,.docx"

func (s *Server) uploadPageData(msg string) uploadPage {
	return uploadPage{MaxMiB: fmt.Sprintf("%.0f", float64(s.core.MaxUpload())/(1<<20)), Accept: accepted, Error: msg}
}

func (s *Server) uploadForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "upload", "上传文件", "upload", s.uploadPageData(""))
}

// multipartSlack is what a form's own parts and headers may add to the
// file's bytes.
const multipartSlack = 64 << 10

// upload takes the file of the form, adds it to the corpus and opens the
// page of its (first) document, which then shows its diff against the
// previous version and its comparison with its upper levels. A file over
// the core's limit is refused with 413 before more than the limit is read;
// one the core cannot read gets the CLI's error on the form again.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	limit := s.core.MaxUpload()
	r.Body = http.MaxBytesReader(w, r.Body, limit+multipartSlack)
	name, data, err := readUpload(r, limit)
	if err != nil {
		s.uploadFailed(w, r, err)
		return
	}
	added, err := s.core.Add(r.Context(), name, data)
	if err != nil {
		s.uploadFailed(w, r, addError(err))
		return
	}
	if len(added.Docs) == 0 {
		s.uploadFailed(w, r, badInput(http.StatusBadRequest, "%s：文件中没有可读的文件内容", name))
		return
	}
	target := "/doc/" + url.PathEscape(added.Docs[0]) + "?added=" + url.QueryEscape(strings.Join(added.Docs, ","))
	if !added.New {
		target += "&known=1"
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// uploadFailed shows the form again with the error, under the error's
// status: 413 for a file too large, 415 for one of a kind that cannot be
// read, 400 for the rest of the user's errors. Other errors get the error
// page.
func (s *Server) uploadFailed(w http.ResponseWriter, r *http.Request, err error) {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		err = badInput(http.StatusRequestEntityTooLarge, "文件过大：最大 %s MiB", s.uploadPageData("").MaxMiB)
	}
	var ie *inputError
	if !errors.As(err, &ie) {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, ie.status, "upload", "上传文件", "upload", s.uploadPageData(ie.Error()))
}

// addError classifies an error of Core.Add. Adding a file fails for what
// is in the file, which the user is shown as the CLI says it (415 for a
// kind of file that cannot be read, 413 for one too large, else 400), or
// for the machine — a disk error, a request given up — which is not the
// user's to fix.
func addError(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	var ie *inputError
	switch {
	case errors.As(err, &ie), errors.As(err, &pe), errors.As(err, &le), errors.As(err, &se),
		errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return err
	case errors.Is(err, ingest.ErrUnsupported):
		return &inputError{status: http.StatusUnsupportedMediaType, err: err}
	case errors.Is(err, ingest.ErrTooLarge):
		return &inputError{status: http.StatusRequestEntityTooLarge, err: err}
	}
	return &inputError{status: http.StatusBadRequest, err: err}
}

// readUpload reads the form's one file part, "file", refusing it once it
// passes limit bytes. The name is the base of the name the browser gives.
func readUpload(r *http.Request, limit int64) (string, []byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, badInput(http.StatusBadRequest, "请用表单上传文件（multipart/form-data）")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, badInput(http.StatusBadRequest, "没有选择文件")
		}
		if err != nil {
			return "", nil, uploadReadError(err)
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		name, err := uploadName(part)
		if err != nil {
			return "", nil, err
		}
		data, err := io.ReadAll(io.LimitReader(part, limit+1))
		if err != nil {
			return "", nil, uploadReadError(err)
		}
		if int64(len(data)) > limit {
			return "", nil, badInput(http.StatusRequestEntityTooLarge, "%s：文件过大，最大 %.0f MiB", name, float64(limit)/(1<<20))
		}
		return name, data, nil
	}
}

func uploadReadError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return err
	}
	return badInput(http.StatusBadRequest, "上传中断：%v", err)
}

// uploadName returns the file name of a part: its base name, which must
// be non-empty printable text.
func uploadName(part *multipart.Part) (string, error) {
	name := strings.ReplaceAll(part.FileName(), `\`, "/")
	name = path.Base(strings.TrimSpace(name))
	if name == "." || name == "/" || name == "" {
		return "", badInput(http.StatusBadRequest, "没有选择文件")
	}
	if !utf8.ValidString(name) || strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 || len(name) > 255 {
		return "", badInput(http.StatusBadRequest, "文件名 %q 无效", name)
	}
	return name, nil
}
