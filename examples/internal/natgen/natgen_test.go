package natgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/load"
	"github.com/naturekit/naturekit/sema"
)

// TestDeterministic: a seed gives the same program every time, and
// different seeds different programs.
func TestDeterministic(t *testing.T) {
	for _, cfg := range []Config{{}, {Oracle: true}, {Features: []string{"float"}, Funcs: 2}} {
		seen := map[string]int64{}
		for seed := int64(0); seed < 50; seed++ {
			a, b := Generate(seed, cfg), Generate(seed, cfg)
			if a.Text != b.Text {
				t.Fatalf("seed %d: two different programs", seed)
			}
			if s, dup := seen[a.Text]; dup {
				t.Errorf("seeds %d and %d give the same program", s, seed)
			}
			seen[a.Text] = seed
		}
	}
}

// TestValid checks 200 generated programs with naturekit's front end (load
// and sema, in process): every one must be accepted. The differential
// runs (examples/natfuzz) build and run them.
func TestValid(t *testing.T) {
	dir := t.TempDir()
	n := 100
	if testing.Short() {
		n = 20
	}
	for _, cfg := range []Config{{}, {Oracle: true}} {
		for seed := int64(0); seed < int64(n); seed++ {
			p := Generate(seed, cfg)
			path := filepath.Join(dir, "main.n")
			if err := os.WriteFile(path, []byte(p.Text), 0o644); err != nil {
				t.Fatal(err)
			}
			lp, err := load.Load(path, &load.Config{Dir: dir})
			if err == nil {
				_, err = lp.Check(&sema.Config{})
			}
			if err != nil {
				t.Fatalf("seed %d (oracle %v) does not check: %v", seed, cfg.Oracle, err)
			}
		}
	}
}

// TestCoverage: with every feature on, a few hundred programs use every
// construct group (each snippet counts under its group's first name).
func TestCoverage(t *testing.T) {
	total := map[string]int{}
	for seed := int64(0); seed < 300; seed++ {
		for k, c := range Generate(seed, Config{}).Counts {
			total[k] += c
		}
	}
	for _, k := range []string{"function", "call", "for", "for cond", "if", "break", "continue", "shift", "int /", "int %",
		"int conversion", "float /", "f32 conversion", "string concat", "string slice", "string method",
		"vec", "map", "set", "tuple", "struct", "method", "closure", "generic call", "generic struct", "interface",
		"union", "match is", "any", "nullable", "tagged union", "match value", "match string", "catch", "try catch",
		"defer", "coroutine", "channel", "future"} {
		if total[k] == 0 {
			t.Errorf("construct %q never generated in 300 programs", k)
		}
	}
}

// TestReduce: the reducer keeps only what the property needs, and keeps
// blocks balanced.
func TestReduce(t *testing.T) {
	src := `fn f(int a):int {
    int x = 1
    if a > 2 {
        x = 2
        BUG
    } else {
        x = 3
    }
    for int i = 0; i < 3; i += 1 {
        x += i
    }
    return x
}

fn main() {
    println(f(3))
}
`
	balanced := func(s string) bool {
		return strings.Count(s, "{") == strings.Count(s, "}")
	}
	calls := 0
	got := Reduce(src, func(s string) bool {
		calls++
		return balanced(s) && strings.Contains(s, "BUG") && strings.Contains(s, "fn main() {")
	})
	want := "BUG\nfn main() {\n}\n"
	var norm strings.Builder
	for _, l := range strings.Split(got, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			norm.WriteString(l + "\n")
		}
	}
	if norm.String() != want {
		t.Errorf("reduced to\n%s\nwant (modulo spacing)\n%s", got, want)
	}
	if calls == 0 {
		t.Error("predicate never called")
	}
}

// TestInterpOutcome checks which reports of naturec run --interp leave a
// program out of the comparison (what the interpreter lacks or its
// limits) and which are outcomes that differ from a native run.
func TestInterpOutcome(t *testing.T) {
	for _, c := range []struct {
		report string
		skip   bool
	}{
		{"rt.lang.ChanNew is not supported by the interpreter's runtime", true},
		{"@main.f: step limit 100000000 exceeded", true},
		{"@main.f: call depth limit 200000 exceeded", true},
		{"host runtime: rt.lang.StringConcat: the interpreter's memory is exhausted (it has no collector)", true},
		{"host runtime: rt.lang.VecIndex: trap: access of 8 bytes at 0x0", false},
		{"@main.f: trap: unreachable executed", false},
	} {
		if got := skipsInterp(c.report + "\n"); got != c.skip {
			t.Errorf("skipsInterp(%q) = %v, want %v", c.report, got, c.skip)
		}
	}
}
