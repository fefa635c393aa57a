package ingest_test

import (
	"strings"
	"testing"

	"github.com/dutymap/dutymap/corpus"
)

// TestConstructions reads short documents written for this test, one per
// construction the metadata rules stand for (a second document beside the
// dev-set page each was found on), and checks the fields the construction
// decides. A reference is written "title|number".
func TestConstructions(t *testing.T) {
	tests := []struct {
		construction string
		text         string
		title        string
		issuer       string
		number       string
		level        corpus.Level
		date         string
		refs         []string
	}{
		{
			construction: "titles nested in a cited title: the documents it implements or issues",
			text: "浦江县安全生产委员会关于做好2024年安全生产工作的通知\n各乡镇人民政府、街道办事处：\n" +
				"根据《浙江省人民政府办公厅关于贯彻落实〈国务院安委会关于进一步加强安全生产工作的意见〉的实施意见》（浙政办发〔2023〕12号）和《浙江省〈中华人民共和国消防法〉实施办法》要求，现将有关事项通知如下。\n" +
				"一、压实责任。各乡镇每季度召开一次安全生产例会。\n浦江县安全生产委员会\n2024年1月15日\n",
			title: "浦江县安全生产委员会关于做好2024年安全生产工作的通知", issuer: "浦江县安全生产委员会", level: corpus.LevelCounty, date: "2024-01-15",
			refs: []string{"浙江省人民政府办公厅关于贯彻落实〈国务院安委会关于进一步加强安全生产工作的意见〉的实施意见|浙政办发〔2023〕12号",
				"国务院安委会关于进一步加强安全生产工作的意见|", "浙江省〈中华人民共和国消防法〉实施办法|", "中华人民共和国消防法|"},
		},
		{
			construction: "a citation that lost its 《》: whose plan it is before the year, a 关于-title keeping its issuer",
			text: "积石山县应急管理局关于开展汛前安全检查的通知\n各乡镇人民政府：\n" +
				"按照县政府办公室2024年全县安全生产工作要点（积政办发〔2024〕4号）和州应急管理局关于做好汛期安全防范工作的通知（临州应急发〔2024〕9号）要求，决定开展汛前安全检查。\n" +
				"一、检查范围。各乡镇辖区内危化品企业。\n积石山县应急管理局\n2024年4月2日\n",
			title: "积石山县应急管理局关于开展汛前安全检查的通知", issuer: "积石山县应急管理局", level: corpus.LevelCounty, date: "2024-04-02",
			refs: []string{"2024年全县安全生产工作要点|积政办发〔2024〕4号", "州应急管理局关于做好汛期安全防范工作的通知|临州应急发〔2024〕9号"},
		},
		{
			construction: "a notice forwarding a document: the title names it, the text gives its number",
			text: "岳池县人民政府办公室关于转发《广安市森林草原防灭火工作方案》的通知\n各乡镇人民政府，县级各部门：\n" +
				"现将《广安市森林草原防灭火工作方案》（广安府办〔2024〕6号）转发给你们，请结合实际认真贯彻执行。\n" +
				"岳池县人民政府办公室\n2024年2月28日\n",
			title: "岳池县人民政府办公室关于转发《广安市森林草原防灭火工作方案》的通知", issuer: "岳池县人民政府办公室", level: corpus.LevelCounty, date: "2024-02-28",
			refs: []string{"广安市森林草原防灭火工作方案|广安府办〔2024〕6号"},
		},
		{
			construction: "a back-reference to the document just named is no reference",
			text:         "关于做好2024年防汛工作的补充通知\n各村（社区）：\n按照《通知》要求，现就防汛工作补充通知如下。\n一、各村要每日巡查一次山塘水库。\n",
			title:        "关于做好2024年防汛工作的补充通知", level: corpus.LevelTown,
		},
		{
			construction: "a masthead names the issuer of a notice without signature",
			text: "寻甸县人民政府办公室文件\n寻政办发〔2024〕15号\n关于加强校园安全管理工作的通知\n各乡（镇、街道），县直各部门：\n" +
				"为切实加强校园安全管理，现将有关事项通知如下。\n一、落实安全责任。各学校每月开展一次安全隐患排查。\n",
			title: "关于加强校园安全管理工作的通知", issuer: "寻甸县人民政府办公室", number: "寻政办发〔2024〕15号", level: corpus.LevelCounty,
		},
		{
			construction: "an opening decision names its subject as the issuer",
			text: "关于开展燃气安全隐患排查整治的通知\n各社区、辖区各单位：\n" +
				"为防范燃气安全事故，经研究，街道安全生产委员会决定在辖区开展燃气安全隐患排查整治，现将有关事项通知如下。\n" +
				"一、排查范围。辖区餐饮场所和燃气用户。\n",
			title: "关于开展燃气安全隐患排查整治的通知", issuer: "街道安全生产委员会", level: corpus.LevelTown,
		},
		{
			construction: "a site's category label before the title and a posting date glued after it",
			text: "通知公告：临澧县应急管理局关于开展安全生产月活动的通知2024-05-28\n各乡镇人民政府：\n" +
				"为营造浓厚的安全生产氛围，现就开展2024年安全生产月活动通知如下。\n一、各乡镇要在6月10日前组织一次应急演练。\n",
			title: "临澧县应急管理局关于开展安全生产月活动的通知", issuer: "临澧县应急管理局", level: corpus.LevelCounty,
		},
		{
			construction: "a signature date whose 年月日 were lost",
			text: "新兴乡人民政府关于加强冬季防火工作的通知\n各村民委员会：\n为做好冬季防火工作，现将有关事项通知如下。\n" +
				"一、各村每周组织一次防火巡查。\n新兴乡人民政府\n20231128\n",
			title: "新兴乡人民政府关于加强冬季防火工作的通知", issuer: "新兴乡人民政府", level: corpus.LevelTown, date: "2023-11-28",
		},
		{
			construction: "a date line alone signs a regulation",
			text: "柘荣县安全生产约谈办法\n第一条 为督促落实安全生产责任，根据《福建省安全生产条例》，制定本办法。\n" +
				"第二条 本办法适用于本县行政区域内的安全生产约谈。\n第三条 本办法自印发之日起施行。\n2023年9月6日\n",
			title: "柘荣县安全生产约谈办法", level: corpus.LevelCounty, date: "2023-09-06",
			refs: []string{"福建省安全生产条例|"},
		},
		{
			construction: "the place in a title without issuer",
			text:         "临高县2024年道路交通安全整治工作方案\n为深入推进道路交通安全整治，结合实际，制定本方案。\n一、整治目标。全年道路交通事故起数同比下降。\n",
			title:        "临高县2024年道路交通安全整治工作方案", issuer: "临高县", level: corpus.LevelCounty,
		},
		{
			construction: "a county-level city named by its own towns and brigades, without issuer",
			text: "关于开展全市烟花爆竹安全检查的通知\n为做好节日期间烟花爆竹安全管理，全市开展专项检查。\n" +
				"一、各镇（街道）要每周开展一次巡查，市消防救援大队要加强夜查。\n二、各镇（街道）要于1月20日前报送检查情况。\n",
			title: "关于开展全市烟花爆竹安全检查的通知", level: corpus.LevelCounty,
		},
		{
			construction: "a body's mention after a function word is the text's own",
			text: "关于做好民族团结进步示范区安全生产工作的通知\n各有关单位：\n" +
				"由州应急管理局牵头，会同州住房和城乡建设局开展联合检查。\n一、各单位要每月报送一次隐患整改情况。\n",
			title: "关于做好民族团结进步示范区安全生产工作的通知", level: corpus.LevelCity,
		},
		{
			construction: "whom a document addresses is a level below it",
			text: "关于做好2024年防汛抗旱工作的通知\n各市、县（区）人民政府：\n为做好防汛抗旱工作，现将有关事项通知如下。\n" +
				"一、压实责任。汛期实行24小时值班。\n",
			title: "关于做好2024年防汛抗旱工作的通知", level: corpus.LevelProvince,
		},
		{
			construction: "a development zone is county-level",
			text: "松原经济技术开发区管理委员会关于加强企业安全生产管理的通知\n各街道办事处，区直各部门：\n" +
				"为加强企业安全生产管理，现将有关事项通知如下。\n一、企业要每月开展一次自查。\n",
			title: "松原经济技术开发区管理委员会关于加强企业安全生产管理的通知", issuer: "松原经济技术开发区管理委员会", level: corpus.LevelCounty,
		},
		{
			construction: "a development zone that addresses counties is city-level",
			text: "长白山保护开发区管理委员会关于加强景区安全管理的通知\n各县（市、区），池北区、池西区、池南区管委会：\n" +
				"为加强景区安全管理，现将有关事项通知如下。\n一、各景区要每日开展一次安全巡查。\n",
			title: "长白山保护开发区管理委员会关于加强景区安全管理的通知", issuer: "长白山保护开发区管理委员会", level: corpus.LevelCity,
		},
		{
			construction: "the site's publishing department hints at the level when the text names none",
			text: "来源：汝城县应急管理局\n关于做好高温天气安全防范工作的通知\n各有关单位：\n" +
				"入夏以来持续高温，现将有关事项通知如下。\n一、各单位要合理安排作业时间。\n",
			title: "关于做好高温天气安全防范工作的通知", level: corpus.LevelCounty,
		},
	}
	for _, tt := range tests {
		t.Run(tt.construction, func(t *testing.T) {
			docs := mustParse(t, "construction.txt", []byte(tt.text))
			if len(docs) != 1 {
				t.Fatalf("%d documents, want 1", len(docs))
			}
			d := docs[0]
			checkDoc(t, d)
			var refs []string
			for _, r := range d.References {
				refs = append(refs, r.Title+"|"+r.Number)
			}
			if d.Title != tt.title || d.Issuer != tt.issuer || d.DocNumber != tt.number || d.Level != tt.level || d.Date != tt.date ||
				strings.Join(refs, "\n") != strings.Join(tt.refs, "\n") {
				t.Errorf("title %q issuer %q number %q level %q date %q refs %q\nwant  %q        %q        %q       %q      %q      %q",
					d.Title, d.Issuer, d.DocNumber, d.Level, d.Date, refs, tt.title, tt.issuer, tt.number, tt.level, tt.date, tt.refs)
			}
		})
	}
}
