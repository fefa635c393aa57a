package extract

// actionWords are the verbs of a clause that binds someone to act (加强,
// 开展, 落实 …); a clause with one is an obligation of an item even without
// a modal word (a work plan's bare imperative).
var actionWords = []string{
	"确保", "推动", "推进", "加强", "落实", "开展", "组织", "建立", "健全", "完善",
	"强化", "深化", "实施", "严格", "督促", "指导", "制定", "持续", "坚持", "提升", "提高", "做好", "抓好", "抓实", "压实", "负责",
	"牵头", "配合", "整治", "排查", "召开", "研究", "部署", "检查", "成立", "推广", "执行", "探索", "保障", "防范", "打击",
	"查处", "治理", "完成", "实现", "纳入", "聘请", "举办", "宣传", "培训", "发挥", "构建", "巩固", "规范", "创建", "加大", "加快",
	"推行", "设置", "配备", "配齐", "建设", "编制", "修订", "印发", "报送", "上报", "报告", "通报", "约谈", "问责", "追究", "处罚",
	"督办", "追责", "督查", "考核", "管控", "聚焦", "紧盯", "严查", "严把", "严防", "引导", "注重", "总结", "梳理", "提请", "移送", "关闭",
	"清理", "普及", "改造", "加固", "更新", "消除", "遏制", "减少", "防止", "落地", "突出", "统筹", "协调", "压紧", "扛起",
	"贯彻", "学习", "坚守", "树立", "守牢",
	"扩大", "增加", "改善", "解决", "提供", "明确", "确定", "实行", "储备", "维护", "保持", "形成", "营造", "细化",
	"分解", "公布", "发布", "备案", "登记", "签订", "整改", "复查", "核查", "摸排", "掌握", "跟踪", "监测", "处置",
	"演练", "评估", "调度", "研判", "值守", "巡查", "督导", "组建", "设立", "安装", "更换", "拆除", "取缔", "淘汰",
}

// actionList is actionWords as a wordList, sharing chunkLists' automaton;
// built once and never changed.
var actionList = chunkLists[1]

// chunkLists are the word lists read in every chunk of a scope — the modal
// words, the action words and the sector words — found by one automaton,
// so that a chunk is scanned once for all three.
var chunkLists = sharedLists(modalScaleWords(), actionWords, sectorTableWords())

// hasAction reports whether text holds one of actionWords as a gse word;
// scan is the scan of text by actionList's automaton.
func (e *Extractor) hasAction(text string, scan []hit) bool {
	found := false
	e.eachIn(text, actionList, scan, func(int, int, string) bool {
		found = true
		return false
	})
	return found
}

// hasActionText reports whether s holds one of actionWords, as characters:
// for the short names and phrases of an attribution, where a verb is a
// verb (各地推进落实).
func hasActionText(s string) bool {
	return actionList.in(s)
}

// startsWithAction reports whether s opens with one of actionWords.
func startsWithAction(s string) bool {
	return actionList.at(s, 0) != ""
}
