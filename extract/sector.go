package extract

import "strings"

// sectorTable is the fixed vocabulary of sectors, in output order: each
// entry is the sector's name and the words that name it in a text.
var sectorTable = []struct {
	name  string
	words []string
}{
	{"煤矿", []string{"煤矿", "煤与瓦斯", "洗储煤", "洗选煤"}},
	{"非煤矿山", []string{"非煤矿山", "尾矿库", "露天矿山", "金属非金属矿山"}},
	{"危险化学品", []string{"危险化学品", "危化品", "化工园区", "化工企业", "重大危险源"}},
	{"烟花爆竹", []string{"烟花爆竹"}},
	{"民用爆炸物品", []string{"民用爆炸物品", "民爆"}},
	{"道路交通", []string{"道路交通", "道路运输", "客运车辆", "货运车辆", "两客一危", "农村公路", "校车"}},
	{"水上交通", []string{"水上交通", "渡船", "渡口", "船舶", "内河"}},
	{"铁路", []string{"铁路"}},
	{"交通运输", []string{"交通运输"}},
	{"建筑施工", []string{"建筑施工", "施工现场", "建设工程", "房屋市政工程", "建筑工地", "深基坑", "高支模"}},
	{"自建房", []string{"自建房"}},
	{"燃气", []string{"燃气", "液化石油气", "瓶装气"}},
	{"消防", []string{"消防", "火灾"}},
	{"特种设备", []string{"特种设备", "电梯", "气瓶", "压力容器", "起重机械", "客运索道"}},
	{"工贸", []string{"工贸", "冶金", "粉尘涉爆", "有限空间", "铝加工", "钢铁"}},
	{"森林草原防火", []string{"森林草原", "森林防火", "护林防火", "森林火灾", "草原火灾"}},
	{"防汛抗旱", []string{"防汛", "抗旱", "水旱灾害", "山洪"}},
	{"地质灾害", []string{"地质灾害"}},
	{"地震", []string{"地震"}},
	{"气象灾害", []string{"气象灾害", "极端天气", "强降水", "防雷"}},
	{"旅游", []string{"旅游", "景区"}},
	{"校园", []string{"校园", "学校", "防溺水"}},
	{"人员密集场所", []string{"人员密集场所", "商业综合体", "公共娱乐场所"}},
	{"渔业船舶", []string{"渔业船舶", "渔船"}},
	{"油气管道", []string{"油气长输管道", "油气管道"}},
	{"电力", []string{"电力", "水电站", "火电", "储能电站"}},
	{"农业机械", []string{"农机", "农用车"}},
	{"危险废物", []string{"危险废物"}},
}

// Sectors returns dutymap's fixed vocabulary of sectors, in the order
// obligations list them.
func Sectors() []string {
	out := make([]string, len(sectorTable))
	for i, s := range sectorTable {
		out[i] = s.name
	}
	return out
}

// sectorsOf returns the sectors text names, in vocabulary order; never nil.
// 非煤矿山 does not also count as 煤矿.
func sectorsOf(text string) []string {
	return sectorsIn(text, sectorWords.scan(text))
}

// sectorsIn is sectorsOf with the scan of text by sectorWords' automaton
// made already.
func sectorsIn(text string, scan []hit) []string {
	var found [64]bool
	hit := false
	for _, h := range scan {
		if !sectorWords.own(h) {
			continue
		}
		si := sectorOfWord[h.PatternID-sectorWords.lo]
		if !found[si] && !(sectorWords.word(h) == "煤矿" && strings.HasSuffix(text[:h.Start], "非")) {
			found[si], hit = true, true
		}
	}
	out := []string{}
	if !hit {
		return out
	}
	for si := range sectorTable {
		if found[si] {
			out = append(out, sectorTable[si].name)
		}
	}
	return out
}

// sectorWords are the words of sectorTable as a wordList sharing
// chunkLists' automaton, and sectorOfWord the index in sectorTable of each;
// built once, never changed.
var (
	sectorWords  = chunkLists[2]
	sectorOfWord = func() []int {
		var sectors []int
		for si, s := range sectorTable {
			for range s.words {
				sectors = append(sectors, si)
			}
		}
		return sectors
	}()
)

// sectorTableWords are the words of sectorTable in order.
func sectorTableWords() []string {
	var words []string
	for _, s := range sectorTable {
		words = append(words, s.words...)
	}
	return words
}
