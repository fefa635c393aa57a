package report

import (
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/dutymap/dutymap/corpus"
)

// levelNames are the Chinese names of the administrative levels.
func levelName(l corpus.Level) string {
	switch l {
	case corpus.LevelTown:
		return "乡镇"
	case corpus.LevelCounty:
		return "县级"
	case corpus.LevelCity:
		return "市级"
	case corpus.LevelProvince:
		return "省级"
	case corpus.LevelNational:
		return "国家"
	}
	return "未知"
}

// kindCount is one line of a section's summary.
type kindCount struct {
	Kind, Label string
	N           int
}

// summary counts a section's items by kind, in the order kinds first appear.
func summary(s Section) []kindCount {
	idx := map[string]int{}
	var out []kindCount
	for _, it := range s.Items {
		i, ok := idx[it.Kind]
		if !ok {
			i = len(out)
			idx[it.Kind] = i
			out = append(out, kindCount{Kind: it.Kind, Label: KindLabel(it.Kind)})
		}
		out[i].N++
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].N > out[b].N })
	return out
}

// labelledSection is a Section with the headings of its two text columns.
type labelledSection struct {
	Section
	OldLabel, NewLabel string
}

func newHTMLTemplate() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"level":   levelName,
		"label":   KindLabel,
		"summary": summary,
		"join":    func(s []string) string { return strings.Join(s, "、") },
		"labelled": func(s Section, old, new string) labelledSection {
			return labelledSection{Section: s, OldLabel: old, NewLabel: new}
		},
	}).Parse(htmlSource))
}

// WriteHTML writes the report as one self-contained HTML page: styles
// inline, no scripts, no links to anything outside it.
func (r *Report) WriteHTML(w io.Writer) error {
	if err := newHTMLTemplate().Execute(w, r); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

const htmlSource = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="generator" content="dutymap">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{with .Document}}{{.Title}}{{end}} — 任务分解报告</title>
<style>
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#222;line-height:1.5}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:2px solid #4472c4;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #bbb;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#ddebf7;position:sticky;top:0}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dl.meta dt{color:#666}dl.meta dd{margin:0}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5em 1em}
.k-added,.k-local,.k-deadline_added{color:#1a7f37}.k-removed,.k-missing,.k-weakened,.k-frequency_loosened,.k-deadline_later,.k-deadline_removed,.k-modality_looser{color:#c62828}
.k-frequency_tightened,.k-deadline_earlier,.k-modality_stricter,.k-strengthened{color:#1565c0}.k-moved,.k-reworded,.k-units_changed,.k-modality_changed{color:#8a5a00}
td.no{text-align:right;color:#666}.muted{color:#888}
</style>
</head>
<body>
{{with .Document}}<h1>{{.Title}}</h1>
<dl class="meta">
<dt>来源文件</dt><dd>{{$.Source}}</dd>
<dt>文档编号</dt><dd>{{.ID}}</dd>
{{if .Issuer}}<dt>发文单位</dt><dd>{{.Issuer}}</dd>{{end}}
{{if .DocNumber}}<dt>文号</dt><dd>{{.DocNumber}}</dd>{{end}}
<dt>层级</dt><dd>{{level .Level}}</dd>
{{if .Date}}<dt>成文日期</dt><dd>{{.Date}}</dd>{{end}}
{{if .PlanYear}}<dt>计划年度</dt><dd>{{.PlanYear}}</dd>{{end}}
{{if .Addressees}}<dt>主送</dt><dd>{{join .Addressees}}</dd>{{end}}
{{if .CC}}<dt>抄送</dt><dd>{{join .CC}}</dd>{{end}}
{{range .References}}<dt>依据</dt><dd>《{{.Title}}》{{if .Number}}（{{.Number}}）{{end}}</dd>{{end}}
<dt>生成时间</dt><dd>{{$.Generated.Format "2006-01-02 15:04:05 MST"}}</dd>
</dl>{{end}}
{{if .Duplicate}}<p class="note">此文件与语料库中已有文件内容完全相同（重复），未重复入库。</p>{{end}}
{{range .Notes}}<p class="note">{{.}}</p>{{end}}

<h2>任务分解表（{{len .Table.Rows}} 项）</h2>
{{if .Table.Rows}}<table>
<thead><tr><th>序号</th><th>工作任务</th><th>牵头单位</th><th>配合单位</th><th>频次</th><th>完成时限</th><th>出处</th></tr></thead>
<tbody>
{{range .Table.Rows}}<tr><td class="no">{{.No}}</td><td>{{.Task}}</td><td>{{join .Lead}}</td><td>{{join .Support}}</td><td>{{.Frequency}}</td><td>{{.Deadline}}</td><td>{{.Source}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p class="muted">未识别出工作任务。</p>{{end}}

<h2>与上一版本相比的变化</h2>
{{with .Changes}}{{template "section" labelled . "上一版本" "本版本"}}{{else}}<p class="muted">语料库中没有此文件的上一版本。</p>{{end}}

<h2>与上级文件的对照</h2>
{{range .Upper}}<h3>{{level .Against.Level}}：{{.Against.Title}}</h3>
{{template "section" labelled . "上级文件条款" "本文件对应条款"}}
{{else}}<p class="muted">语料库中没有可对照的上级文件。</p>{{end}}
</body>
</html>
{{define "section"}}<p>对照：《{{.Against.Title}}》{{if .Against.Date}}（{{.Against.Date}}）{{end}}<span class="muted"> {{.Against.ID}}{{with .Reason}} · {{.}}{{end}}</span></p>
{{if .Items}}<p>{{range $i, $c := summary .Section}}{{if $i}}，{{end}}<span class="k-{{$c.Kind}}">{{$c.Label}} {{$c.N}} 项</span>{{end}}</p>
<table>
<thead><tr><th>类别</th><th>{{.OldLabel}}</th><th>{{.NewLabel}}</th><th>说明</th></tr></thead>
<tbody>
{{range .Items}}<tr><td class="k-{{.Kind}}">{{label .Kind}}</td><td>{{.Old}}</td><td>{{.New}}</td><td>{{.Detail}}</td></tr>
{{end}}</tbody>
</table>{{else}}<p class="muted">没有差异。</p>{{end}}{{end}}`
