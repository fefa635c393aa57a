package extract

import (
	"time"

	"github.com/6tail/lunar-go/calendar"
)

// Festivals a deadline may be set by (春节前, 国庆节前, 至农历年末), read with a
// maintained lunar calendar (github.com/6tail/lunar-go) so that the lunar
// ones fall on the right solar day of each year.

// festivalDay returns the solar day of festival name in the year y of a
// document: 元旦, 五一 and 国庆 of y; the lunar festivals of lunar year y —
// its end (除夕, 农历年末) and the Spring Festival and Lantern Festival that
// follow it, since a notice of year y that sets a limit by 春节 means the
// coming one; 清明 by its solar term. ok is false for a name it does not
// know or a year out of the calendar's range.
func festivalDay(name string, y int) (time.Time, bool) {
	if y < 1901 || y > 2099 {
		return time.Time{}, false
	}
	solar := func(s *calendar.Solar) time.Time {
		return time.Date(s.GetYear(), time.Month(s.GetMonth()), s.GetDay(), 0, 0, 0, 0, time.UTC)
	}
	switch name {
	case "元旦":
		return time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC), true
	case "五一", "劳动节":
		return time.Date(y, 5, 1, 0, 0, 0, 0, time.UTC), true
	case "国庆", "国庆节":
		return time.Date(y, 10, 1, 0, 0, 0, 0, time.UTC), true
	case "春节", "农历新年":
		return solar(calendar.NewLunarFromYmd(y+1, 1, 1).GetSolar()), true
	case "除夕", "农历年末", "农历年底":
		return solar(calendar.NewLunarFromYmd(y+1, 1, 1).Next(-1).GetSolar()), true
	case "元宵", "元宵节":
		return solar(calendar.NewLunarFromYmd(y+1, 1, 15).GetSolar()), true
	case "端午", "端午节":
		return solar(calendar.NewLunarFromYmd(y, 5, 5).GetSolar()), true
	case "中秋", "中秋节":
		return solar(calendar.NewLunarFromYmd(y, 8, 15).GetSolar()), true
	case "清明", "清明节":
		if jq, ok := calendar.NewLunarFromYmd(y, 3, 1).GetJieQiTable()["清明"]; ok && jq != nil {
			return solar(jq), true
		}
	}
	return time.Time{}, false
}

// isLunarEnd reports whether a festival name is itself a last day (除夕,
// 农历年末): 至农历年末 ends on it, where 春节前 ends the day before.
func isLunarEnd(name string) bool {
	return name == "除夕" || name == "农历年末" || name == "农历年底"
}
