package parse

import (
	"fmt"
	goparser "go/parser"
	"go/token"
	"strings"
	"testing"
	"time"

	"github.com/naturekit/naturekit/lex"
)

// natureUnit is one block of the generated benchmark file: declarations,
// statements and expressions of every kind. %[1]d makes names unique.
const natureUnit = `// unit %[1]d: a struct, a union, an enum, methods, generics and closures.
type point%[1]d = struct {
    int x
    int y = 1
    string label
}
type shape%[1]d = union {
    int circle
    (int, int) line
}
type color%[1]d = enum { RED, GREEN = 5, BLUE }

fn point%[1]d.dist(self):int {
    return self.x * self.x + self.y * self.y
}

#where T: numeric
fn scale%[1]d<T>(T a, T k):T {
    return a * k
}

fn work%[1]d(int n, [int] list, {string:int} m):int! {
    var total = 0
    for int i = 0; i < n; i += 1 {
        total += list[i %% list.len()] << 2 | 1
    }
    for k, v in m {
        if v > 10 && k != 'skip' {
            total -= v as int
        } else if v < 0 {
            throw errorf('negative %%d', v)
        } else {
            continue
        }
    }
    var p = point%[1]d{x: 1, y: 2, label: 'p'}
    var f = fn(int a):int { return a * 2 + p.x }
    var s = match total {
        0 -> 'zero'
        1 | 2 -> 'small'
        _ -> 'big'
    }
    var r = parse_int(s) catch e { -1 }
    var t = (total, s, [1, 2, 3][0..2], {1, 2})
    var q = total > 100 ? f(total) : scale%[1]d<int>(total, 3)
    return q + r + t[0] + ~total ^ 0xff
}

`

// goUnit is the Go counterpart of natureUnit, for go/parser.
const goUnit = `// unit %[1]d: a struct, an interface, constants, methods, generics and closures.
type point%[1]d struct {
	x     int
	y     int
	label string
}
type shape%[1]d interface {
	area() int
}

const (
	red%[1]d = iota
	green%[1]d
	blue%[1]d
)

func (self point%[1]d) dist() int {
	return self.x*self.x + self.y*self.y
}

func scale%[1]d[T int | float64](a T, k T) T {
	return a * k
}

func work%[1]d(n int, list []int, m map[string]int) (int, error) {
	var total = 0
	for i := 0; i < n; i += 1 {
		total += list[i%%len(list)]<<2 | 1
	}
	for k, v := range m {
		if v > 10 && k != "skip" {
			total -= int(v)
		} else if v < 0 {
			return 0, fmt.Errorf("negative %%d", v)
		} else {
			continue
		}
	}
	var p = point%[1]d{x: 1, y: 2, label: "p"}
	var f = func(a int) int { return a*2 + p.x }
	var s string
	switch total {
	case 0:
		s = "zero"
	case 1, 2:
		s = "small"
	default:
		s = "big"
	}
	r, err := parseInt(s)
	if err != nil {
		r = -1
	}
	var t = [3]any{total, s, []int{1, 2, 3}[0:2]}
	var q = total
	if total > 100 {
		q = f(total)
	} else {
		q = scale%[1]d[int](total, 3)
	}
	return q + r + t[0].(int) + ^total ^ 0xff, nil
}

`

// generate repeats unit until the text has at least lines lines.
func generate(header, unit string, lines int) []byte {
	var b strings.Builder
	b.WriteString(header)
	n := strings.Count(unit, "\n")
	for i := 0; i*n < lines; i++ {
		fmt.Fprintf(&b, unit, i)
	}
	return []byte(b.String())
}

const benchLines = 100_000

// BenchmarkParseNature measures lex+parse throughput on a generated
// 100k-line Nature file; BenchmarkParseGo measures go/parser on a Go file
// of similar shape and size (comments kept, no object resolution, since
// our parser resolves nothing). Compare their MB/s.
func BenchmarkParseNature(b *testing.B) {
	src := generate("", natureUnit, benchLines)
	if _, err := ParseFile(lex.NewFileSet(), "bench.n", src); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for range b.N {
		ParseFile(lex.NewFileSet(), "bench.n", src)
	}
}

func BenchmarkParseGo(b *testing.B) {
	src := generate("package bench\n\n", goUnit, benchLines)
	if _, err := goparser.ParseFile(token.NewFileSet(), "bench.go", src, goparser.ParseComments|goparser.SkipObjectResolution); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ResetTimer()
	for range b.N {
		goparser.ParseFile(token.NewFileSet(), "bench.go", src, goparser.ParseComments|goparser.SkipObjectResolution)
	}
}

func BenchmarkScanNature(b *testing.B) {
	src := generate("", natureUnit, benchLines)
	b.SetBytes(int64(len(src)))
	for range b.N {
		fset := lex.NewFileSet()
		lex.ScanFile(fset.AddFile("bench.n", src))
	}
}

// BenchmarkParseRatio alternates the two parsers in every iteration, so
// both see the same machine load, and reports their throughputs and the
// ratio nature/go (above 1: the Nature front end is faster per byte).
func BenchmarkParseRatio(b *testing.B) {
	nsrc := generate("", natureUnit, benchLines)
	gsrc := generate("package bench\n\n", goUnit, benchLines)
	var nt, gt time.Duration
	for range b.N {
		t0 := time.Now()
		ParseFile(lex.NewFileSet(), "bench.n", nsrc)
		t1 := time.Now()
		goparser.ParseFile(token.NewFileSet(), "bench.go", gsrc, goparser.ParseComments|goparser.SkipObjectResolution)
		nt += t1.Sub(t0)
		gt += time.Since(t1)
	}
	nmb := float64(len(nsrc)) * float64(b.N) / nt.Seconds() / 1e6
	gmb := float64(len(gsrc)) * float64(b.N) / gt.Seconds() / 1e6
	b.ReportMetric(nmb, "nature-MB/s")
	b.ReportMetric(gmb, "go-MB/s")
	b.ReportMetric(nmb/gmb, "ratio")
}
