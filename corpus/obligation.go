package corpus

// Period is the calendar unit of a Frequency.
type Period string

// The periods a frequency can have. Intervals that are not one of them are
// expressed as counts of a larger one (每两月 → 6 a year).
const (
	PeriodDay      Period = "day"
	PeriodWeek     Period = "week"
	PeriodMonth    Period = "month"
	PeriodQuarter  Period = "quarter"
	PeriodHalfYear Period = "halfyear"
	PeriodYear     Period = "year"
)

// PerYear reports how many times a period recurs in a year; 0 if unknown.
func (p Period) PerYear() float64 {
	switch p {
	case PeriodDay:
		return 365
	case PeriodWeek:
		return 52
	case PeriodMonth:
		return 12
	case PeriodQuarter:
		return 4
	case PeriodHalfYear:
		return 2
	case PeriodYear:
		return 1
	}
	return 0
}

// Qualifier says whether a frequency's count is a floor, exact, or a ceiling.
type Qualifier string

// Qualifiers of a frequency: 至少/不少于 → at_least; a plain count → exactly.
const (
	AtLeast Qualifier = "at_least"
	Exactly Qualifier = "exactly"
	AtMost  Qualifier = "at_most"
)

// Frequency is a recurrence: Count times per Period (每季度至少1次).
type Frequency struct {
	Raw       string    `json:"raw"`
	Period    Period    `json:"period"`
	Count     int       `json:"count"`
	Qualifier Qualifier `json:"qualifier"`
	Span      Span      `json:"span"`
}

// PerYear reports how many times a year the frequency asks for.
func (f Frequency) PerYear() float64 { return float64(f.Count) * f.Period.PerYear() }

// DeadlineKind says how a Deadline's date binds.
type DeadlineKind string

// Kinds of deadline: done by the date, done within a range ending on it,
// or done on it.
const (
	By    DeadlineKind = "by"
	Range DeadlineKind = "range"
	On    DeadlineKind = "on"
)

// Deadline is the last allowed day for a duty (4月底前 → 2024-04-30).
// Date is an ISO date, or "--MM-DD" when the year is anonymised (xx年).
type Deadline struct {
	Raw   string       `json:"raw"`
	Date  string       `json:"date"`
	Kind  DeadlineKind `json:"kind"`
	Month int          `json:"month,omitempty"`
	Day   int          `json:"day,omitempty"`
	Span  Span         `json:"span"`
}

// Modality is how strongly an obligation binds.
type Modality string

// Modalities, strongest first: 必须/要 → must, 严禁/不得 → must_not,
// 应/鼓励 → should, 可 → may.
const (
	Must    Modality = "must"
	MustNot Modality = "must_not"
	Should  Modality = "should"
	May     Modality = "may"
)

// Strength orders modalities for comparison: must and must_not 3, should 2, may 1.
func (m Modality) Strength() int {
	switch m {
	case Must, MustNot:
		return 3
	case Should:
		return 2
	case May:
		return 1
	}
	return 0
}

// Target is a numeric target in an obligation (30人, 0.5‰, 36个).
type Target struct {
	Raw   string  `json:"raw"`
	Value float64 `json:"value"`
	Unit  string  `json:"unit"`
	Span  Span    `json:"span"`
}

// Obligation is one duty: a sentence or clause of a document that binds
// someone, with the units responsible for it and when and how often it is due.
type Obligation struct {
	ID      string   `json:"id"`  // Doc + "/o-" + ordinal in reading order
	Doc     string   `json:"doc"` // the Document's ID
	Path    []string `json:"path"`
	Heading string   `json:"heading"`
	Text    string   `json:"text"`
	Span    Span     `json:"span"` // byte offsets of Text in the Document's Text

	Lead        []string `json:"lead"`
	Support     []string `json:"support"`
	Responsible []string `json:"responsible"`
	Actors      []string `json:"actors"`

	Frequencies []Frequency `json:"frequencies"`
	Deadlines   []Deadline  `json:"deadlines"`
	Modality    Modality    `json:"modality"`
	// Modal is the cue word that sets Modality (要, 必须, 不得 …); nil when
	// the obligation has none and Modality is the default.
	Modal *Cue `json:"modal,omitempty"`
	// Attribution is the span of the attribution bracket or line that
	// names the obligation's units (（牵头单位：…）); nil when there is none.
	// Reports strip it from the task text by this span.
	Attribution *Span    `json:"attribution,omitempty"`
	Sectors     []string `json:"sectors"`
	Targets     []Target `json:"targets"`
}

// Cue is a word of the text that an extract rule read a fact from, such as
// the modal verb of an obligation. Rank orders modal cues from weakest:
// 1 may (可), 2 should (应), 3 must (要), 4 must, emphatic (必须, 务必),
// and must_not (严禁, 不得) 4.
type Cue struct {
	Word string `json:"cue"`
	Span Span   `json:"span"`
	Rank int    `json:"rank"`
}

// Units returns every unit named by the obligation, lead first, each once.
func (o *Obligation) Units() []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range [][]string{o.Lead, o.Support, o.Responsible} {
		for _, u := range l {
			if !seen[u] {
				seen[u] = true
				out = append(out, u)
			}
		}
	}
	return out
}
