package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/dutymap/dutymap/corpus"
)

// Task tables (序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限): each row is one
// obligation whose text is the whole row line, so that every cell is
// searchable and traceable; its cells give the units by the role of their
// column's header (a 责任单位 column beside a 牵头单位 column supports),
// the deadline or frequency from the time column, and the heading from
// the task column.

// colRole is the role of a task table's column, read from its header.
type colRole int

const (
	colOther colRole = iota
	colIndex
	colPerson
	colTime
	colLead
	colSupport
	colResponsible
	colTask
)

// headerRoles are tried in order on a header cell with its spaces removed:
// the first whose words it holds gives the column's role.
var headerRoles = []struct {
	role  colRole
	words []string
}{
	{colIndex, []string{"序号", "编号"}},
	{colPerson, []string{"责任人", "联系人", "领导", "负责人", "分管"}},
	{colTime, []string{"时限", "时间", "期限", "日期", "进度", "节点"}},
	{colLead, []string{"牵头"}},
	{colSupport, []string{"配合", "协同", "协办", "参与", "协助"}},
	{colResponsible, []string{"单位", "部门", "科室", "处室", "股室", "站所", "主体"}},
	{colTask, []string{"任务", "内容", "措施", "事项", "项目", "科目", "要求", "重点", "工作", "目标"}},
}

// roleOf returns the role of a header cell's text.
func roleOf(h string) colRole {
	h = strings.Join(strings.Fields(h), "")
	for _, r := range headerRoles {
		for _, w := range r.words {
			if strings.Contains(h, w) {
				return r.role
			}
		}
	}
	return colOther
}

// taskTable is a table of the document whose header gives its columns
// roles of a task table.
type taskTable struct {
	span   corpus.Span
	header int // rows of the header
	rows   []corpus.Row
	roles  []colRole
}

// taskTables returns the task tables of v's document: tables with a column
// of units, or with a task column and a time column. A table without
// header rows has its first row read as the header when that row names
// such columns.
func taskTables(v *view) []taskTable {
	var out []taskTable
	for _, t := range v.doc.Tables {
		if !validSpan(v.doc, t.Span) || len(t.Rows) == 0 {
			continue
		}
		header := min(max(t.Header, 0), len(t.Rows))
		if header == 0 {
			header = 1
		}
		roles := columnRoles(v, t.Rows[:header])
		if !isTaskTable(roles) {
			continue
		}
		out = append(out, taskTable{span: t.Span, header: header, rows: t.Rows, roles: roles})
	}
	return out
}

// columnRoles reads the role of each column from the header rows: a
// column takes the first role other than colOther its header cells give.
func columnRoles(v *view, header []corpus.Row) []colRole {
	var roles []colRole
	for _, r := range header {
		for i, c := range r.Cells {
			for len(roles) <= i {
				roles = append(roles, colOther)
			}
			if !validSpan(v.doc, c) || roles[i] != colOther {
				continue
			}
			roles[i] = roleOf(v.m[c.Start:c.End])
		}
	}
	return roles
}

// isTaskTable reports whether columns of roles make a task table.
func isTaskTable(roles []colRole) bool {
	task, time := false, false
	for _, r := range roles {
		switch r {
		case colLead, colSupport, colResponsible:
			return true
		case colTask:
			task = true
		case colTime:
			time = true
		}
	}
	return task && time
}

// table appends the obligations of the rows of task table t. A row that
// is one merged cell without a verb is a group heading for the rows
// under it; a merged row with one is an obligation read as a sentence.
func (b *builder) table(t taskTable, scopes []scope) {
	v := b.v
	var path []string
	heading := ""
	for _, s := range scopes {
		if !s.passage && s.block != nil && s.block.Span.Start <= t.span.Start && t.span.Start < s.block.Span.End {
			path, heading = s.path, s.heading
		}
	}
	hasLead := false
	for _, r := range t.roles {
		hasLead = hasLead || r == colLead
	}
	for _, r := range t.rows[t.header:] {
		if !validSpan(v.doc, r.Span) || r.Span.Len() == 0 {
			continue
		}
		cells := distinctCells(v, r.Cells)
		if len(cells) == 0 {
			continue
		}
		if len(cells) == 1 && len(t.roles) > 1 {
			text := v.m[cells[0].Start:cells[0].End]
			scan := modalWords.scan(text) // and the action words: chunkLists
			if cue, _ := b.e.modalIn(text, scan); cue == nil && !b.e.hasAction(text, scan) {
				heading = v.text[cells[0].Start:cells[0].End] // 一、安全责任: a group of rows
				continue
			}
		}
		o := newObligation(v, r.Span, path, heading)
		b.row(&o, t, r, cells, hasLead)
		b.out = append(b.out, o)
		b.attributed = append(b.attributed, false)
	}
}

// distinctCells returns the valid, non-empty cells of a row, a merged cell
// once.
func distinctCells(v *view, cells []corpus.Span) []corpus.Span {
	var out []corpus.Span
	seen := map[corpus.Span]bool{}
	for _, c := range cells {
		if seen[c] || !validSpan(v.doc, c) || strings.TrimSpace(v.m[c.Start:c.End]) == "" {
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	return out
}

// row fills o from the cells of row r by their columns' roles.
func (b *builder) row(o *corpus.Obligation, t taskTable, r corpus.Row, cells []corpus.Span, hasLead bool) {
	v := b.v
	// roleAt gives a cell the first role of the columns it covers; one
	// cell across the row is read as a task.
	roleAt := func(c corpus.Span) colRole {
		if len(cells) == 1 {
			return colTask
		}
		role := colOther
		for i, x := range r.Cells {
			if x == c && i < len(t.roles) && role == colOther {
				role = t.roles[i]
			}
		}
		return role
	}
	var task []corpus.Span
	for _, c := range cells {
		cell := strings.TrimSpace(v.m[c.Start:c.End])
		switch role := roleAt(c); role {
		case colLead, colSupport, colResponsible:
			u := cellUnits(cell)
			switch {
			case role == colLead:
				o.Lead = append(o.Lead, u.all()...)
			case role == colSupport:
				o.Support = append(o.Support, u.all()...)
			case len(u.lead) > 0:
				o.Lead = append(o.Lead, u.lead...)
				o.Support = append(o.Support, append(u.support, u.responsible...)...)
			case hasLead:
				o.Support = append(o.Support, u.all()...)
			default:
				o.Responsible = append(o.Responsible, u.all()...)
			}
		case colIndex, colPerson:
		case colTask:
			task = append(task, c)
			fallthrough
		default:
			for _, sent := range sentences(v.m, c, matchBrackets(v.m, c), nil) {
				f := v.sentenceFacts(sent)
				o.Frequencies = append(o.Frequencies, f.freqs...)
				o.Deadlines = append(o.Deadlines, f.dls...)
			}
		}
	}
	if len(task) > 0 {
		if text := strings.TrimSpace(v.text[task[0].Start:task[0].End]); utf8.RuneCountInString(text) <= 40 && len(cells) > 1 {
			o.Heading = text
		}
		cell := v.m[task[0].Start:task[0].End]
		cue, modality := b.e.modal(cell)
		o.Modality = modality
		if cue != nil {
			cue.Span = shift(cue.Span, task[0].Start)
			cue.Word = v.text[cue.Span.Start:cue.Span.End]
			o.Modal = cue
		}
	} else {
		o.Modality = corpus.Must
	}
	text := v.m[r.Span.Start:r.Span.End]
	o.Sectors = sectorsOf(text)
	o.Targets = shiftTargets(findTargets(text), r.Span.Start)
	for i := range o.Targets {
		o.Targets[i].Raw = v.text[o.Targets[i].Span.Start:o.Targets[i].Span.End]
	}
}

// all returns every unit of u, lead first.
func (u units) all() []string {
	return append(append(append([]string(nil), u.lead...), u.support...), u.responsible...)
}

// cellUnits reads the units of a table cell: an attribution (A牵头，B配合;
// 牵头单位：A；配合单位：B; A（牵头）、B) or a plain list of bodies.
func cellUnits(cell string) units {
	if u, ok := parseAttribution(cell); ok {
		return u
	}
	var u units
	for _, n := range splitNames(cell) {
		if isUnitName(n) || !isActor(n) && utf8.RuneCountInString(n) <= 8 && !hasActionText(n) {
			u.responsible = append(u.responsible, n)
		}
	}
	return u
}
