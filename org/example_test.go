package org_test

import (
	"fmt"

	"github.com/dutymap/dutymap/corpus"
	"github.com/dutymap/dutymap/org"
)

func ExampleResolver_Resolve() {
	r, err := org.Standard()
	if err != nil {
		fmt.Println(err)
		return
	}
	shuozhou := corpus.Place{Code: "1406", Name: "朔州市", Level: corpus.LevelCity}
	plan := &corpus.Document{Issuer: "朔州市人民政府", Level: corpus.LevelCity, Place: &shuozhou,
		Region: []corpus.Place{shuozhou, {Code: "14", Name: "山西省", Level: corpus.LevelProvince}}}
	for _, name := range []string{"市应急局", "应急管理局", "市安委办", "各县（市、区）应急管理局"} {
		b := r.Resolve(name, plan)
		fmt.Println(name, "→", b, b.Key())
	}
	// Output:
	// 市应急局 → 朔州市应急管理局 place:1406/应急管理局
	// 应急管理局 → 朔州市应急管理局 place:1406/应急管理局
	// 市安委办 → 朔州市安全生产委员会办公室 place:1406/安全生产委员会办公室
	// 各县（市、区）应急管理局 → 各县(市、区)应急管理局 under:1406/level:county/应急管理局
}

func ExampleResolver_Pattern() {
	r, err := org.Standard()
	if err != nil {
		fmt.Println(err)
		return
	}
	county := &corpus.Document{Issuer: "市安全生产委员会", Level: corpus.LevelCounty}
	b := r.Resolve("应急局", county) // a county-level city's plan, its name left out
	for _, q := range []string{"应急管理局", "市应急管理局", "县应急管理局", "朔州市应急管理局"} {
		fmt.Println(q, r.Pattern(q).Matches(b, ""))
	}
	fmt.Println(r.Pattern("市应急局").Terms(corpus.LevelCity))
	// Output:
	// 应急管理局 true
	// 市应急管理局 true
	// 县应急管理局 false
	// 朔州市应急管理局 false
	// [level:city/suffix:市/应急管理局]
}

func ExampleResolver_RoleOf() {
	r, err := org.Standard()
	if err != nil {
		fmt.Println(err)
		return
	}
	plan := &corpus.Document{Issuer: "市安全生产委员会", Level: corpus.LevelCity}
	o := &corpus.Obligation{Lead: []string{"市安委办"}, Support: []string{"市应急局", "市公安局"}}
	fmt.Println(r.RoleOf(r.Pattern("市应急管理局"), "", plan, o))
	fmt.Println(r.RoleOf(r.Pattern("安全生产委员会办公室"), "", plan, o))
	// Output:
	// support 市应急局
	// lead 市安委办
}
