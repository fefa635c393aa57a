package extract

import (
	"fmt"
	"strings"
	"testing"
)

func TestFindFrequencies(t *testing.T) {
	tests := []struct {
		text string
		want string // period/count/qualifier entries joined by " "
	}{
		{"坚持每月至少召开一次党政专题会议，分析安全形势", "month/1/at_least"},
		{"推动各级政府主要负责人每季度至少组织研究 1次安全生产和消防突出问题", "quarter/1/at_least"},
		{"高危行业领域企业每半年至少1次", "halfyear/1/at_least"},
		{"年内至少开展一次全镇范围内综合性应急演练", "year/1/at_least"},
		{"年内不少于4次召开政府常务会议", "year/4/at_least"},
		{"坚持对安全监控和人员定位系统运行情况一月一通报", "month/1/exactly"},
		{"全年不少于4次组织应急演练", "year/4/at_least"},
		{"矿山企业主要负责人每月带班下井不得少于5个班次", "month/5/at_least"},
		{"市公安消防支队每月抽查不少于20家", "month/20/at_least"},
		{"年内至少举办2期专题培训班", "year/2/at_least"},
		{"每年举办不少于2期应急指挥和救援技能培训班", "year/2/at_least"},
		{"每年春季、秋季开学前各开展一次校车安全专项检查", "year/2/exactly"},
		{"镇道路交通安全劝导站每日上下午各开展一次劝导", "day/2/exactly"},
		{"每季度对各乡镇开展一次督查", "quarter/1/exactly"},
		{"各乡镇每月各开展一次自查", "month/1/exactly"},
		{"年内完成20家企业标准化创建", ""},
		{"每年3月、9月", "year/2/exactly"},
		{"每年3月和9月各组织一次", "year/2/exactly"},
		{"每年3月至5月开展春季检查", "year/1/exactly"},
		{"各乡镇要在汛期每日8时、17时向县防指办公室报告雨水情", "day/2/exactly"},
		{"乡国土所要建立“月调度、半年一总结”工作机制", "month/1/exactly halfyear/1/exactly"},
		{"电梯维保单位每15日至少进行一次清洁、润滑、调整和检查", "month/2/at_least"},
		{"每10天巡查一次", "month/3/exactly"},
		{"每14天通报一次", "year/26/exactly"},
		{"今年全年要组织2轮检查", "year/2/exactly"},
		{"全年发生事故3起", ""},
		{"实行一季一通报、半年一总结", "quarter/1/exactly halfyear/1/exactly"},
		{"每半年一次召开会议", "halfyear/1/exactly"},
		{"坚持每日安全风险研判、每月安全形势分析", "day/1/exactly month/1/exactly"},
		{"按照“周调度、月小结、季通报、年总结”要求，及时调度", "week/1/exactly month/1/exactly quarter/1/exactly year/1/exactly"},
		{"各乡镇(街道)安委会每两月召开1次安委会", "year/6/exactly"},
		{"街道安委办每两周调度一次", "year/26/exactly"},
		{"社区网格员每旬巡查一次", "month/3/exactly"},
		{"每学期最后一节课5分钟安全提示", "halfyear/1/exactly"},
		{"党委(党工委)主要领导每半年、政府(管委会)主要领导和副职领导每季度至少分别主持召开1次党委常委会议", "halfyear/1/at_least quarter/1/at_least"},
		{"推动高危企业主要负责人每月至少带队全面检查 1次、每季度至少组织研究 1次安全生产工作、每半年至少组织 1次生产安全事故应急救援演练", "month/1/at_least quarter/1/at_least halfyear/1/at_least"},
		{"各级各部门年内至少组织召开1次专题学习会,研究出台贯彻举措;至少举办1次大研讨,围绕统筹发展和安全开展大讨论", "year/1/at_least year/1/at_least"},
		{"年内至少要召开1次专委会全会,每半年向市安委会报告1次工作情况", "year/1/at_least halfyear/1/exactly"},
		{"至少每半年至上报送1个涉及行刑衔接的执法案例", "halfyear/1/at_least"},
		{"每半年开展燃气经营许可监督检查不少于1次", "halfyear/1/at_least"},
		{"每年至少组织开展1次事故应急救援预案演练(高危行业领域企业每半年至少1次)", "year/1/at_least halfyear/1/at_least"},
		{"每季度召开季度防范重特大生产安全事故会议", "quarter/1/exactly"},
		{"实施开展安全生产季度考核，适时发布季度红黑榜", "quarter/1/exactly quarter/1/exactly"},
		{"科学编制年度监督检查计划，落实“日周月”执法检查要求", "day/1/exactly week/1/exactly month/1/exactly"},
		{"区应急管理局每三个月通报一次", "quarter/1/exactly"},
		{"市安委办每月编发两期工作简报", "month/2/exactly"},
		{"各乡镇每季度报送安全生产信息不少于3篇", "quarter/3/at_least"},
		{"每年编印第二期工作简报", "year/1/exactly"},
		{"每年推进二期工程建设，年内完成三期工程选址", "year/1/exactly"},
		{"每年依法提请县人民政府予以关闭", "year/1/exactly"},
		{"市安委会各专业委员会至少每季度召开一次会议", "quarter/1/at_least"},
		{"各乡镇按月报送隐患排查治理情况，按季度通报考核结果", "month/1/exactly quarter/1/exactly"},
		{"实行日报告、周调度、月通报制度", "day/1/exactly week/1/exactly month/1/exactly"},
		{"各社区每周不少于两次开展燃气安全巡查", "week/2/at_least"},
		{"每半月向区安委办报送一次整治进展", "month/2/exactly"},
		{"2024年内至少组织2次联合检查", "year/2/at_least"},
		{"严格落实隐患排查月报告制度", "month/1/exactly"},
		{"实行周调度，及时掌握工作进展", "week/1/exactly"},
		{"今年内至少开展2次联合检查", "year/2/at_least"},
		{"各有关部门每月在10日、25日前向县安委办报送工作进展", "month/2/exactly"},
		{"实行月检查月通报，对重大隐患挂牌督办", "month/1/exactly month/1/exactly"},
		{"双月调度一次专项行动进展", "year/6/exactly"},
		{"每双月召开一次联席会议", "year/6/exactly"},
		{"计划于5月、6月、7月各组织一次督查", "month/1/exactly"},
		{"各乡镇每年3月和9月各组织一次应急演练", "year/2/exactly"},
		{"县政府督查室每季度开展3次以上督查", "quarter/3/at_least"},
		{"年内开展2次以上联合执法", "year/2/at_least"},
		{"每月25日前报送工作进展", "month/1/exactly"},
		{"每年3月31日前报送上年度总结", "year/1/exactly"},
		{"于每季度末月25日前将任务进展报区安委办", "quarter/1/exactly"},
		{"原则上每季度召开一次", "quarter/1/exactly"},
		{"每年下达年度《安全生产目标管理考核标准》", "year/1/exactly"},
		// Not frequencies.
		{"燃气经营企业要建立隐患自查制度（自查内容包括每日巡检记录、每月检测记录）", ""},
		{"建立工作台账（含每周巡查情况）", ""},
		{"根据目前每日接到的报送情况来看", ""},
		{"定期深入一线检查指导，常态化开展反“三违”活动", ""},
		{"严格落实领导干部带班和24小时值班制度", ""},
		{"将履行安全生产工作职责情况列入年度考核述职内容", ""},
		{"深入开展为期一年的矿山安全集中排查整治专项行动", ""},
		{"企业主要负责人要至少组织开展1次全员安全警示教育活动", ""},
		{"对一年内受到两次以上行政处罚的企业从重处罚", ""},
		{"每个村和居委会要确定消防安全网格员", ""},
		{"第一季度通报考核结果", ""},
		{"必须在年内完成闭库治理并销号", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range findFrequencies(tt.text) {
			got = append(got, fmt.Sprintf("%s/%d/%s", f.Period, f.Count, f.Qualifier))
			if tt.text[f.Span.Start:f.Span.End] == "" {
				t.Errorf("%q: empty span for %+v", tt.text, f)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("findFrequencies(%q) = %q, want %q", tt.text, g, tt.want)
		}
	}
}
