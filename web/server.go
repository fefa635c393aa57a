package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// ErrInput marks an error caused by what the user asked for or sent: a
// query value out of range, a file that cannot be read. The pages show its
// message and answer 400 (or the status a *StatusError carries).
var ErrInput = errors.New("bad input")

// inputError is an error of the user's input, shown as it is.
type inputError struct {
	status int
	err    error
}

func (e *inputError) Error() string        { return e.err.Error() }
func (e *inputError) Unwrap() error        { return e.err }
func (e *inputError) Is(target error) bool { return target == ErrInput }

// badInput returns an ErrInput with the given message and HTTP status.
func badInput(status int, format string, args ...any) error {
	return &inputError{status: status, err: fmt.Errorf(format, args...)}
}

// InputError marks err as caused by the user's input: the pages show its
// message with status 400. Adapters of a Core use it for the errors of
// their operations that the user can fix.
func InputError(err error) error {
	if err == nil {
		return nil
	}
	return &inputError{status: http.StatusBadRequest, err: err}
}

// Options tune a Server.
type Options struct {
	// Loopback says that the server listens on a loopback address only.
	// Requests naming another host are then refused, so that a web page
	// elsewhere cannot reach the corpus through a name that resolves to
	// 127.0.0.1 (DNS rebinding).
	Loopback bool
	// Logger receives the errors the pages answer 500 with; nil discards
	// them.
	Logger *slog.Logger
	// Name is shown in the page header; "" for the default.
	Name string
}

// Server is the workbench: an http.Handler over a Core.
type Server struct {
	core    Core
	opts    Options
	pages   map[string]*template.Template
	handler http.Handler
	static  map[string]staticFile
	version string // digest of the static files, to make their URLs change with them

	facetCache facetCache
}

type staticFile struct {
	data  []byte
	ctype string
}

// New returns the workbench over core. It fails only if its embedded
// templates do not parse, which tests rule out.
func New(core Core, opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Name == "" {
		opts.Name = "安全生产责任清单工作台"
	}
	s := &Server{core: core, opts: opts, static: map[string]staticFile{}}
	if err := s.loadStatic(); err != nil {
		return nil, err
	}
	if err := s.parse(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.search)
	mux.HandleFunc("GET /search.xlsx", s.searchExport)
	mux.HandleFunc("GET /search.csv", s.searchExport)
	mux.HandleFunc("GET /docs", s.documents)
	mux.HandleFunc("GET /doc/{id}", s.document)
	mux.HandleFunc("GET /doc/{id}/export/{format}", s.documentExport)
	mux.HandleFunc("GET /doc/{id}/diff", s.diffPrevious)
	mux.HandleFunc("GET /diff", s.diff)
	mux.HandleFunc("GET /doc/{id}/compare", s.compare)
	mux.HandleFunc("GET /doc/{id}/coverage", s.coverage)
	mux.HandleFunc("GET /doc/{id}/coverage/{format}", s.coverageExport)
	mux.HandleFunc("GET /upload", s.uploadForm)
	mux.HandleFunc("POST /upload", s.upload)
	mux.HandleFunc("GET /units", s.units)
	mux.HandleFunc("GET /duties", s.duties)
	mux.HandleFunc("GET /duties/export/{format}", s.dutiesExport)
	mux.HandleFunc("GET /static/{file}", s.serveStatic)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, badInput(http.StatusNotFound, "没有这个页面：%s", r.URL.Path))
	})
	// Forms post to the same origin only: a page elsewhere cannot make a
	// browser add files to the corpus.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, badInput(http.StatusForbidden, "拒绝来自其他网站的提交"))
	}))
	s.handler = cop.Handler(mux)
	return s, nil
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	if s.opts.Loopback && !loopbackHost(r.Host) {
		s.fail(w, r, badInput(http.StatusForbidden, "本服务只接受本机访问（Host: %s）", r.Host))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), requestTimeout)
	defer cancel()
	s.handler.ServeHTTP(w, r.WithContext(ctx))
}

// loopbackHost reports whether a Host header names this machine, with or
// without a port.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return Loopback(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
}

// Loopback reports whether host names this machine only: localhost or a
// loopback address. The empty host, every interface, does not.
func Loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func (s *Server) loadStatic() error {
	sum := sha256.New()
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		ctype := "application/octet-stream"
		switch {
		case strings.HasSuffix(p, ".css"):
			ctype = "text/css; charset=utf-8"
		case strings.HasSuffix(p, ".js"):
			ctype = "text/javascript; charset=utf-8"
		case strings.HasSuffix(p, ".svg"):
			ctype = "image/svg+xml"
		}
		s.static[strings.TrimPrefix(p, "static/")] = staticFile{data, ctype}
		sum.Write(data)
		return nil
	})
	s.version = hex.EncodeToString(sum.Sum(nil)[:6])
	return err
}

func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	f, ok := s.static[r.PathValue("file")]
	if !ok {
		s.fail(w, r, badInput(http.StatusNotFound, "没有这个文件：%s", r.URL.Path))
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	// The URLs carry the files' digest (?v=), so a browser may keep them.
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.Write(f.data)
}

// pageNames are the templates of the pages; each is parsed with the
// layout.
var pageNames = []string{"search", "documents", "document", "diff", "compare", "coverage", "upload", "units", "duties", "error"}

func (s *Server) parse() error {
	s.pages = map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(s.funcs()).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return fmt.Errorf("web: template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	return nil
}

// page is what every page template gets: its own data and the frame's.
type page struct {
	Title   string // the page's own title; the browser tab shows it first
	Nav     string // which entry of the navigation is current
	Name    string // the workbench's name
	Version string // of the static files
	Data    any
}

// render writes the page name with data. The page is rendered whole before
// anything is sent, so that a failure is a clean 500, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title, nav string, data any) {
	var buf bytes.Buffer
	err := s.pages[name].ExecuteTemplate(&buf, "layout", page{Title: title, Nav: nav, Name: s.opts.Name, Version: s.version, Data: data})
	if err != nil {
		s.opts.Logger.Error("render page", "page", name, "url", r.URL.String(), "err", err)
		http.Error(w, "页面生成失败", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// errorPage is the data of the error page.
type errorPage struct {
	Status  int
	Heading string
	Message string
}

// fail answers a request with the error page: 404 for what is not in the
// corpus, the input error's status and message for what the user can fix,
// 503 for a request given up, 500 (logged, message kept from the page) for
// the rest.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	ep := errorPage{Status: http.StatusInternalServerError, Heading: "服务出错", Message: "处理请求时出错，详情见服务日志。"}
	var ie *inputError
	switch {
	case errors.As(err, &ie):
		ep.Status, ep.Message = ie.status, ie.Error()
		ep.Heading = "请求有误"
		switch ie.status {
		case http.StatusNotFound:
			ep.Heading = "未找到"
		case http.StatusRequestEntityTooLarge:
			ep.Heading = "文件过大"
		case http.StatusForbidden:
			ep.Heading = "拒绝访问"
		case http.StatusUnsupportedMediaType:
			ep.Heading = "文件类型不支持"
		}
	case errors.Is(err, fs.ErrNotExist):
		ep.Status, ep.Heading, ep.Message = http.StatusNotFound, "未找到", "语料库中没有这份文件。"
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		ep.Status, ep.Heading, ep.Message = http.StatusServiceUnavailable, "请求已中止", "请求未能在时限内完成，请稍后重试。"
	default:
		s.opts.Logger.Error("request failed", "method", r.Method, "url", r.URL.String(), "err", err)
	}
	s.render(w, r, ep.Status, "error", ep.Heading, "", ep)
}

// requestTimeout bounds the work of one page: a comparison against many
// upper-level documents is the slowest.
const requestTimeout = 2 * time.Minute

// funcs are the helpers the templates call. None returns markup: what they
// hand back is escaped like any other value.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"levelName":    levelName,
		"modalityName": modalityName,
		"roleName":     roleName,
		"kindName":     kindName,
		"docName":      docName,
		"join":         strings.Join,
		"clip":         clip,
		"obURL":        obligationURL,
		"pct":          func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		// pctStep rounds a share to the nearest 5 %, for the width classes
		// of the bars (the style policy allows no inline style).
		"pctStep": func(f float64) int { return int(min(max(f, 0), 1)*20+0.5) * 5 },
		"factsOf": obligationFacts,
	}
}
