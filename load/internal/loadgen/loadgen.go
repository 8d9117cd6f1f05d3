// Package loadgen writes the package that bench/load.sh and load's
// BenchmarkLoadCheck measure: a package.toml package of 200 module files
// (20 directories of 10), each with a few struct types, methods, generic
// and plain functions and closures, importing two modules of the
// directory before it, and a main.n that imports every module and ends
// in one type error, so that a build stops right after the whole
// program is loaded and checked (docs/bench-load.md).
package loadgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

const dirs, files = 20, 10

// Error is the first line of the diagnostic both compilers report for
// the package: the type error at the end of main.n.
const Error = "main.n:405:25: type inconsistency, expect=int(i64), actual=string"

// Write writes the package into dir (created if needed).
func Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "package.toml"), []byte("name = \"big\"\n"), 0o644); err != nil {
		return err
	}
	var main strings.Builder
	for d := 0; d < dirs; d++ {
		if err := os.MkdirAll(filepath.Join(dir, dirName(d)), 0o755); err != nil {
			return err
		}
		for f := 0; f < files; f++ {
			if err := os.WriteFile(filepath.Join(dir, dirName(d), fileName(f)+".n"), []byte(module(d, f)), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(&main, "import big.%s.%s as %s_%s\n", dirName(d), fileName(f), dirName(d), fileName(f))
		}
	}
	main.WriteString("\nfn main() {\n    int total = 0\n")
	for d := 0; d < dirs; d++ {
		for f := 0; f < files; f++ {
			fmt.Fprintf(&main, "    total += %s_%s.entry(%d)\n", dirName(d), fileName(f), d+f)
		}
	}
	main.WriteString("    println(total)\n    int checked = 'the end'\n}\n")
	return os.WriteFile(filepath.Join(dir, "main.n"), []byte(main.String()), 0o644)
}

func dirName(d int) string  { return fmt.Sprintf("part%02d", d) }
func fileName(f int) string { return fmt.Sprintf("mod%d", f) }

// module is the source of file f of directory d.
func module(d, f int) string {
	var b strings.Builder
	if d > 0 {
		for _, g := range []int{f, (f + 3) % files} {
			fmt.Fprintf(&b, "import big.%s.%s as dep%d\n", dirName(d-1), fileName(g), g)
		}
		b.WriteString("\n")
	}
	for i := 0; i < 4; i++ {
		fmt.Fprintf(&b, `pub type rec%[1]d = struct {
    int id
    string name
    [int] values
    float weight = 1.5
}

pub fn rec%[1]d.total(*self):int {
    int sum = self.id
    for v in self.values {
        sum += v
    }
    return sum
}

pub fn rec%[1]d.scaled(*self, float k):float {
    return self.weight * k + self.values.len() as float
}

`, i)
	}
	b.WriteString(`pub fn pick<T>(bool first, T a, T b):T {
    if first {
        return a
    }
    return b
}

fn fold([int] v, fn(int, int):int f, int init):int {
    var acc = init
    for x in v {
        acc = f(acc, x)
    }
    return acc
}

`)
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, `pub fn work%[1]d(int n):int {
    var r = rec%[2]d{id: n, name: 'w%[1]d', values: [n, n + 1, n * 2]}
    {string:int} seen = {}
    seen[r.name] = r.total()
    var add = fn(int a, int b):int {
        return a + b + %[1]d
    }
    int acc = fold(r.values, add, 0)
    if acc > 1000 {
        acc = acc %% 1000
    } else if acc < 0 {
        acc = -acc
    }
    for int i = 0; i < 3; i += 1 {
        acc += pick<int>(i %% 2 == 0, i, seen[r.name])
    }
    return acc + (r.scaled(2.0) as int)
}

`, i, i%4)
	}
	b.WriteString("pub fn entry(int n):int {\n    int s = 0\n")
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&b, "    s += work%d(n + %d)\n", i, i)
	}
	if d > 0 {
		fmt.Fprintf(&b, "    s += dep%d.work%d(n) + dep%d.work%d(n)\n", f, f, (f+3)%files, (f+5)%12)
	}
	b.WriteString("    return s\n}\n")
	return b.String()
}
