package explore

import (
	"strconv"
	"strings"
)

// Intervals are regalloc's live intervals of one function
// (regalloc.Result.Intervals, parsed), for drawing as bars.
type Intervals struct {
	Blocks []Span     // the position range of each block, Name set
	Values []Interval // one per virtual register, in value order
	Fixed  []Interval // the fixed intervals of physical registers
	Max    int        // the largest position
	Text   string     // the dump itself
}

// An Interval is one register's life: parts, each with its ranges and
// its location.
type Interval struct {
	Name  string // "%3:i64", or "$0" for a fixed interval
	Parts []Part
}

// A Part is what one location holds: a register ("$1") or the spill slot
// ("ss0", Spilled).
type Part struct {
	Loc     string
	Spilled bool `json:",omitempty"`
	Ranges  []Span
	Uses    []int `json:",omitempty"`
}

// A Span is a half-open range of positions.
type Span struct {
	Name     string `json:",omitempty"`
	From, To int
}

// parseIntervals reads regalloc's interval dump:
//
//	entry [0,6)
//	%3:i64 [4,12) [16,20) uses 4 10 18 -> $1
//	  @15 [16,20) uses 18 -> ss0
//	$0 fixed [6,9)
func parseIntervals(text string) *Intervals {
	iv := &Intervals{Text: text}
	for _, ln := range textLines(text) {
		fields := strings.Fields(ln)
		if len(fields) == 0 {
			continue
		}
		part := Part{}
		ranges, rest := spans(fields[1:])
		if i := indexOf(rest, "->"); i >= 0 && i+1 < len(rest) {
			part.Loc = rest[i+1]
			part.Spilled = strings.HasPrefix(part.Loc, "ss")
			rest = rest[:i]
		}
		if len(rest) > 0 && rest[0] == "uses" {
			for _, u := range rest[1:] {
				if n, err := strconv.Atoi(u); err == nil {
					part.Uses = append(part.Uses, n)
				}
			}
		}
		part.Ranges = ranges
		for _, r := range ranges {
			iv.Max = max(iv.Max, r.To)
		}
		switch {
		case strings.HasPrefix(ln, "  @"):
			if n := len(iv.Values); n > 0 {
				iv.Values[n-1].Parts = append(iv.Values[n-1].Parts, part)
			}
		case strings.HasPrefix(fields[0], "%"):
			iv.Values = append(iv.Values, Interval{Name: fields[0], Parts: []Part{part}})
		case strings.HasPrefix(fields[0], "$") && len(fields) > 1 && fields[1] == "fixed":
			ranges, _ := spans(fields[2:])
			for _, r := range ranges {
				iv.Max = max(iv.Max, r.To)
			}
			iv.Fixed = append(iv.Fixed, Interval{Name: fields[0], Parts: []Part{{Loc: fields[0], Ranges: ranges}}})
		default:
			if len(ranges) == 1 {
				iv.Blocks = append(iv.Blocks, Span{Name: fields[0], From: ranges[0].From, To: ranges[0].To})
			}
		}
	}
	return iv
}

// spans reads the leading "[a,b)" fields.
func spans(fields []string) ([]Span, []string) {
	var out []Span
	for len(fields) > 0 && strings.HasPrefix(fields[0], "[") && strings.HasSuffix(fields[0], ")") {
		a, b, ok := strings.Cut(fields[0][1:len(fields[0])-1], ",")
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil {
			break
		}
		out = append(out, Span{From: x, To: y})
		fields = fields[1:]
	}
	return out, fields
}

func indexOf(s []string, x string) int {
	for i, v := range s {
		if v == x {
			return i
		}
	}
	return -1
}
