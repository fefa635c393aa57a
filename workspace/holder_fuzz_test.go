package workspace

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/dutymap/dutymap/index"
	"github.com/dutymap/dutymap/samples"
)

// holderRequests are requests as clients send them, with the protocol of
// this version and another: the seeds of the holder fuzz targets.
func holderRequests(f *testing.F) [][]byte {
	var out [][]byte
	for _, r := range []request{
		{Protocol: protocol, Op: "ping"},
		{Protocol: protocol, Op: "search", Query: &index.Query{Text: "安全生产 会议", Lead: "镇应急站", Level: "town", Facets: true}},
		{Protocol: protocol, Op: "search", Query: &index.Query{Text: `"每月"`, DueBefore: "2024-06-30", Limit: 3, Offset: 1}},
		{Protocol: protocol, Op: "bodies", Query: &index.Query{Unit: "应急管理局"}},
		{Protocol: protocol, Op: "search"},
		{Protocol: protocol - 1, Op: "ping"},
		{Protocol: protocol, Op: "reindex"},
	} {
		b, err := json.Marshal(r)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, append(b, '\n'))
	}
	return out
}

// FuzzHolderRequest sends the holder of a corpus of one sample any bytes
// as a request: it must not panic, must answer a request it can read with
// one line of JSON and one only (or nothing to bytes that are no request),
// and must still answer a ping afterwards. Requests to add files are left
// out: they would add whatever the fuzzer names.
func FuzzHolderRequest(f *testing.F) {
	for _, b := range holderRequests(f) {
		f.Add(b)
	}
	f.Add([]byte(`{"protocol":2,"op":"search","query":{"text":"`))
	f.Add([]byte(`{"protocol":2,"op":"search","query":{"limit":-1,"offset":-5,"year":-2024}}`))
	w := openTest(f)
	data, err := fs.ReadFile(samples.FS(), "000_b8c2bae4e8864faf.txt")
	if err != nil {
		f.Fatal(err)
	}
	if _, err := w.Add(context.Background(), "town.txt", data); err != nil {
		f.Fatal(err)
	}
	serve(f, w)
	path, err := SocketPath(w.Dir())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, msg []byte) {
		var req request
		readable := json.NewDecoder(bytes.NewReader(msg)).Decode(&req) == nil
		if readable && req.Op == "add" {
			return
		}
		conn, err := net.Dial("unix", path)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.SetDeadline(time.Now().Add(30 * time.Second))
		conn.Write(msg)
		conn.(*net.UnixConn).CloseWrite()
		var lines [][]byte
		sc := bufio.NewScanner(conn)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			lines = append(lines, append([]byte(nil), sc.Bytes()...))
		}
		if err := sc.Err(); err != nil {
			t.Fatalf("reading the answer: %v", err)
		}
		if readable && len(msg) <= 1<<20 && len(lines) != 1 || len(lines) > 1 {
			t.Fatalf("%d lines answer %q", len(lines), msg)
		}
		for _, l := range lines {
			var a answer
			if err := json.Unmarshal(l, &a); err != nil || (a.Error == "" && a.Result == nil) {
				t.Fatalf("answer %q to %q: %v", l, msg, err)
			}
		}
		if _, err := dial(context.Background(), w.Dir()); err != nil {
			t.Fatalf("no answer to a ping after %q: %v", msg, err)
		}
	})
}

// FuzzHolderAnswer hands a client any bytes as the holder's answer to a
// search: it must not panic or hang, and must return a result or an
// error.
func FuzzHolderAnswer(f *testing.F) {
	res, _ := json.Marshal(index.Result{Total: 1, Hits: []index.Hit{{ID: "d-1/o-1", Doc: "d-1", Text: "每月召开一次会议"}}})
	for _, a := range []answer{
		{Result: res},
		{Error: "search \"x\": boom"},
		{Busy: true, Error: "corpus is busy"},
		{Progress: &AddResult{Name: "a.txt", Status: Added}},
		{Failed: &failedFile{Name: "b.txt", Error: "broken"}},
	} {
		b, _ := json.Marshal(a)
		f.Add(append(b, '\n'))
	}
	f.Add([]byte("{\"progress\":{}}\n{\"result\":{\"total\":2}}\n"))
	f.Add([]byte(`{"result":"not an object"}`))
	f.Add([]byte(`{"result":`))
	path := filepath.Join(f.TempDir(), "h.sock")
	l, err := net.Listen("unix", path)
	if err != nil {
		f.Fatal(err)
	}
	defer l.Close()
	answers := make(chan []byte)
	go func() {
		for msg := range answers {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			bufio.NewReader(conn).ReadBytes('\n') // the request
			conn.Write(msg)
			conn.Close()
		}
	}()
	defer close(answers)
	c := &client{path: path}
	f.Fuzz(func(t *testing.T, msg []byte) {
		answers <- msg
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		progress := 0
		var out index.Result
		// Any error is a fair answer to bytes that are no answer; a hang
		// or a panic is not.
		c.call(ctx, request{Op: "search", Query: &index.Query{Text: "会议"}}, &out, func(answer) { progress++ })
		if ctx.Err() != nil {
			t.Fatalf("the client hung on %q", msg)
		}
		if progress > bytes.Count(msg, []byte("{")) {
			t.Fatalf("%d progress lines from %q", progress, msg)
		}
	})
}
