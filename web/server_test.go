package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

const (
	townPlan   = "000_b8c2bae4e8864faf.txt" // 水峪贯镇, cites the county plan
	countyPlan = "jiaocheng_county_2024.txt"
	fireV1     = "fire_plan_v1.txt"
	fireV2     = "fire_plan_v2.txt"
)

// TestRoutes asks every route for a page, good and bad, and checks the
// status and what the page must show.
func TestRoutes(t *testing.T) {
	srv := shared(t)
	town, county, v1, v2 := docID(t, townPlan), docID(t, countyPlan), docID(t, fireV1), docID(t, fireV2)
	tests := []struct {
		name   string
		target string
		status int
		want   []string
	}{
		{"home lists every obligation", "/", 200, []string{"语料库共有", "发文层级", "牵头单位"}},
		{"search marks the words", "/?q=" + url.QueryEscape("党政专题会议"), 200, []string{"<mark>党政</mark>", "<mark>专题</mark>", "共找到"}},
		{"search by unit and role", "/?unit=" + url.QueryEscape("县住建局") + "&role=lead", 200, []string{"燃气安全检查", "责任单位：县住建局（牵头）"}},
		{"search by period", "/?period=month&q=" + url.QueryEscape("检查"), 200, []string{"消防安全<mark>检查</mark>", "频次：每月"}},
		{"search by due date", "/?due=2024-04-30&level=county", 200, []string{"4月底前完成整治"}},
		{"search with nothing found", "/?q=" + url.QueryEscape("火星基地"), 200, []string{"没有找到符合条件的责任事项"}},
		{"bad level", "/?level=galaxy", 400, []string{"层级", "galaxy"}},
		{"bad year", "/?year=abc", 400, []string{"年度"}},
		{"bad due date", "/?due=2024-13-45", 400, []string{"截止日期"}},
		{"bad page", "/?page=0", 400, []string{"页码"}},
		{"page too deep", "/?page=100000", 400, []string{"页码"}},
		{"bad role", "/?unit=x&role=boss", 400, []string{"职责"}},
		{"bad region", "/?region=abc", 400, []string{"行政区划代码"}},
		{"bad sector", "/?sector=" + url.QueryEscape("火星"), 400, []string{"行业领域"}},
		{"query too long", "/?q=" + strings.Repeat("安", maxQueryRunes+1), 400, []string{"检索词过长"}},
		{"documents", "/docs", 200, []string{"交城县人民政府关于做好2024年安全生产工作的通知", "另有 1 份已被新版本替代"}},
		{"documents with old versions", "/docs?all=1", 200, []string{"已替代"}},
		{"document", "/doc/" + town, 200, []string{"水峪贯镇人民政府", "水政发〔2024〕1号", "山西省 › 吕梁市 › 交城县 › 水峪贯镇", `href="/doc/` + county + `"`, `class="ob"`, `id="o-1"`}},
		{"document with versions", "/doc/" + v2, 200, []string{"上一版本", `href="/doc/` + v1 + `"`, "版本比对"}},
		{"old version", "/doc/" + v1, 200, []string{"本文件已被新版本替代"}},
		{"county lists its lower documents", "/doc/" + county, 200, []string{"下级文件", "水峪贯镇人民政府关于做好2024年安全生产工作的方案"}},
		{"unknown document", "/doc/d-000000000000-1", 404, []string{"未找到"}},
		{"not an ID", "/doc/" + url.PathEscape("../../etc/passwd"), 404, nil},
		{"export xlsx", "/doc/" + v2 + "/export/xlsx", 200, nil},
		{"export csv", "/doc/" + v2 + "/export/csv", 200, []string{"序号,工作任务,牵头单位", "县消防救援大队"}},
		{"export json", "/doc/" + v2 + "/export/json", 200, []string{`"type": "document"`, `"type": "obligation"`}},
		{"export pdf", "/doc/" + v2 + "/export/pdf", 404, nil},
		{"export unknown", "/doc/d-000000000000-1/export/csv", 404, nil},
		{"search export csv", "/search.csv?q=" + url.QueryEscape("燃气"), 200, []string{"工作任务", "燃气"}},
		{"search export xlsx", "/search.xlsx?q=" + url.QueryEscape("燃气"), 200, nil},
		{"search export bad", "/search.csv?year=x", 400, nil},
		{"diff", "/doc/" + v2 + "/diff", 200, []string{"版本比对", "频次提高", "时限提前", "新增", "删除", "责任单位变化", "约束力增强", "<del>", "<ins>"}},
		{"diff one kind", "/doc/" + v2 + "/diff?kind=added", 200, []string{"九小场所"}},
		{"diff bad kind", "/doc/" + v2 + "/diff?kind=exploded", 400, nil},
		{"diff without previous", "/doc/" + v1 + "/diff", 404, []string{"没有上一版本"}},
		{"diff of two", "/diff?old=" + v1 + "&new=" + v2, 200, []string{"频次提高"}},
		{"diff missing one", "/diff?old=" + v1, 400, nil},
		{"diff unknown", "/diff?old=" + v1 + "&new=d-000000000000-1", 404, nil},
		{"compare", "/doc/" + town + "/compare", 200, []string{"上级对照", "交城县人民政府关于做好2024年安全生产工作的通知", "覆盖率", "分章节覆盖情况", "已落实"}},
		{"compare one verdict", "/doc/" + town + "/compare?verdict=missing", 200, []string{"缺失"}},
		{"compare bad verdict", "/doc/" + town + "/compare?verdict=great", 400, nil},
		{"compare without uppers", "/doc/" + county + "/compare", 400, []string{"上级文件"}},
		{"coverage matrix", "/doc/" + county + "/coverage", 200, []string{"覆盖矩阵", "水峪贯镇人民政府", "覆盖率（应落实部分）", `class="cv v-`}},
		{"coverage without lowers", "/doc/" + town + "/coverage", 400, []string{"下级文件"}},
		{"coverage export xlsx", "/doc/" + county + "/coverage/xlsx", 200, nil},
		{"coverage export json", "/doc/" + county + "/coverage/json", 200, []string{`"rows"`}},
		{"coverage export pdf", "/doc/" + county + "/coverage/pdf", 404, nil},
		{"coverage unknown", "/doc/d-000000000000-1/coverage", 404, nil},
		{"county links its matrix", "/doc/" + county, 200, []string{"/doc/" + county + "/coverage"}},
		{"upload form", "/upload", 200, []string{`enctype="multipart/form-data"`, "MiB"}},
		{"units", "/units", 200, []string{"县应急管理局", "牵头"}},
		{"units bad year", "/units?year=1", 400, nil},
		{"duties form", "/duties", 200, []string{"请输入责任单位名称"}},
		{"duties of a unit", "/duties?unit=" + url.QueryEscape("县住建局"), 200, []string{"的职责清单", "燃气安全检查", "每月"}},
		{"duties lead", "/duties?unit=" + url.QueryEscape("县消防救援大队") + "&role=lead&year=2024", 200, []string{"九小场所"}},
		{"duties bad role", "/duties?unit=x&role=boss", 400, nil},
		{"duties export ics", "/duties/export/ics?unit=" + url.QueryEscape("县消防救援大队"), 200, []string{"BEGIN:VCALENDAR"}},
		{"duties export csv", "/duties/export/csv?unit=" + url.QueryEscape("县消防救援大队"), 200, []string{"九小场所"}},
		{"duties export no unit", "/duties/export/csv", 400, nil},
		{"style sheet", "/static/style.css", 200, []string{".hit"}},
		{"no such static file", "/static/none.js", 404, nil},
		{"no such page", "/nowhere", 404, []string{"没有这个页面"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, body := get(t, srv, tt.target)
			if code != tt.status {
				t.Fatalf("GET %s: status %d, want %d\n%s", tt.target, code, tt.status, excerpt(body))
			}
			mustContain(t, tt.target, body, tt.want...)
		})
	}
}

// TestHostCheck refuses requests naming a host other than this machine,
// which a page elsewhere could send through DNS rebinding.
func TestHostCheck(t *testing.T) {
	srv := shared(t)
	for host, want := range map[string]int{
		"127.0.0.1:8080": 200, "localhost:8080": 200, "[::1]:8080": 200, "localhost": 200,
		"evil.example:8080": 403, "10.0.0.5": 403,
	} {
		req := httptest.NewRequest(http.MethodGet, "/upload", nil)
		req.Host = host
		if code, body, _ := do(t, srv, req); code != want {
			t.Errorf("Host %s: status %d, want %d\n%s", host, code, want, excerpt(body))
		}
	}
}

// TestSecurityHeaders checks the policy that keeps any script but the
// workbench's own from running.
func TestSecurityHeaders(t *testing.T) {
	srv := shared(t)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Host = "localhost"
	_, _, h := do(t, srv, req)
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("X-Content-Type-Options = %q", h.Get("X-Content-Type-Options"))
	}
}
