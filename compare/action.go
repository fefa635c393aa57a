package compare

// actionFamilies group the verbs that say what a duty does, by the kind of
// act: two clauses are the same duty only if they do the same kind of thing
// (召开会议 is not 开展检查, 建立机制 is not 监督检查), whatever their topic
// words share. A verb may sit in two families when it does both (督查 is
// an inspection and a supervision). The order is the bit of each family.
var actionFamilies = [][]string{
	{"召开", "举行", "召集", "例会", "会议", "会商", "研判", "调度"}, // meet, confer
	// oversee: find, fix and punish are one act in these plans (排查整治,
	// 查处…违法行为, 违法行为整治, 追责问责); 举报 is how the public finds
	// hazards and violations.
	{"检查", "督查", "巡查", "抽查", "暗访", "排查", "摸排", "普查", "体检", "精查", "检测", "调研", "指导", "督导", "巡护", "盯守",
		"整治", "治理", "防治", "整改", "清理", "清零", "销号", "查处", "打击", "处罚", "惩戒", "严查", "取缔", "关闭", "查办",
		"督办", "挂牌", "追责", "问责", "追究", "约谈", "曝光", "诫勉", "举报"},
	{"除险", "加固", "改造", "清障", "维修"},       // build works
	{"制定", "编制", "修订", "印发", "出台", "规划"}, // draft
	{"建", "建立", "建设", "健全", "组建", "创建", "设置", "设立", "配备", "配齐", "成立", "建成", "构建", "搬迁"}, // build, staff
	{"培训", "教育", "宣传", "普及", "警示", "实训"},                                                // train, inform
	{"演练", "比武", "竞赛", "练兵"},                                                            // exercise
	{"考核", "评估", "评价", "奖惩", "考评", "评定", "否决"},                                          // assess
	{"储备"}, // stock
	{"监测", "预警", "监控", "观测", "叫应"},             // watch, warn
	{"报告", "报送", "上报", "通报", "公开", "公布", "举报"}, // report
	{"值班", "值守", "带班"},                         // stand watch
	{"审批", "审查", "许可", "准入", "验收", "核准", "办理"}, // approve
}

// genericVerbs open a clause without saying what kind of act it is
// (加强X, 推进X, 落实X): a clause with only these does any kind of thing.
var genericVerbs = setOf(
	"加强", "强化", "推进", "推动", "深化", "开展", "落实", "实施", "做好", "完善", "严格", "执行", "坚持",
	"组织", "推广", "推行", "提升", "提高", "加大", "加快", "规范", "压实", "突出", "紧盯", "聚焦", "保障",
	"支持", "鼓励", "实现", "确保", "完成", "明确", "履行", "承担", "贯彻", "遵守", "运用", "应用", "发挥",
	"优化", "拓展", "扩大", "增加", "统筹", "抓好", "抓实", "严把", "管控", "管理", "监管", "引导", "推", "配合",
	"纳入", "作为", "采取", "聘请", "承办", "杜绝", "防范", "守牢",
)

// actionSet is a set of action families, one bit per family.
type actionSet uint32

// actionOf maps each verb to its families.
var actionOf = func() map[string]actionSet {
	m := map[string]actionSet{}
	for i, fam := range actionFamilies {
		for _, w := range fam {
			m[w] |= 1 << i
		}
	}
	return m
}()

// isVerb reports whether w opens or carries an action.
func isVerb(w string) bool { return actionOf[w] != 0 || genericVerbs[w] }

// sameAction reports whether two clauses may be the same duty by what they
// do: one of them names no kind of act, or they share a kind.
func sameAction(a, b actionSet) bool { return a == 0 || b == 0 || a&b != 0 }
