package index

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dutymap/dutymap/corpus"
)

// QueryError is a filter of a Query whose value can match nothing: a level,
// period, modality or sector outside the vocabulary, a place the gazetteer
// does not know, a date that is no date, a negative limit. Field names the
// filter as the command line and the workbench spell it (level, period,
// modality, due-before, year, limit, offset, sector, region, issuer).
type QueryError struct {
	Field  string
	Value  string
	Reason string // what is wrong, naming the values that would do
}

func (e *QueryError) Error() string { return fmt.Sprintf("%s %q: %s", e.Field, e.Value, e.Reason) }

// The values the index's own filters take: what Check accepts.
var (
	levels     = []corpus.Level{corpus.LevelTown, corpus.LevelCounty, corpus.LevelCity, corpus.LevelProvince, corpus.LevelNational}
	periods    = []corpus.Period{corpus.PeriodDay, corpus.PeriodWeek, corpus.PeriodMonth, corpus.PeriodQuarter, corpus.PeriodHalfYear, corpus.PeriodYear}
	modalities = []corpus.Modality{corpus.Must, corpus.MustNot, corpus.Should, corpus.May}
)

// Check reports every filter of q that could never match, each as a
// *QueryError (joined with errors.Join): Level, Period and Modality outside
// their vocabularies, DueBefore that is no ISO date, a Year outside 1900–
// 2100, a negative Limit or Offset. It leaves to its caller what the index
// cannot know: whether a sector, a place or an issuer exists
// (workspace.CheckQuery).
func (q Query) Check() error {
	var errs []error
	bad := func(field, value, format string, args ...any) {
		errs = append(errs, &QueryError{Field: field, Value: value, Reason: fmt.Sprintf(format, args...)})
	}
	oneOf := func(field, v string, choices []string) {
		if v != "" && !slices.Contains(choices, v) {
			bad(field, v, "want one of %s", strings.Join(choices, ", "))
		}
	}
	oneOf("level", q.Level, names(levels))
	oneOf("period", q.Period, names(periods))
	oneOf("modality", q.Modality, names(modalities))
	if q.DueBefore != "" {
		if _, err := time.Parse("2006-01-02", q.DueBefore); err != nil {
			bad("due-before", q.DueBefore, "want a date like 2024-06-30")
		}
	}
	if q.Year != 0 && (q.Year < 1900 || q.Year > 2100) {
		bad("year", strconv.Itoa(q.Year), "want a plan year like 2024")
	}
	if q.Limit < 0 {
		bad("limit", strconv.Itoa(q.Limit), "want 1 or more")
	}
	if q.Offset < 0 {
		bad("offset", strconv.Itoa(q.Offset), "want 0 or more")
	}
	return errors.Join(errs...)
}

func names[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}
