package sema

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/naturekit/naturekit/internal/golden"
	"golang.org/x/tools/txtar"
)

// FuzzCheck parses and checks arbitrary input: sema must neither panic
// (an internal error is reported as a diagnostic, which fails the
// target) nor hang. Seeds: every .n source of the conformance suite and
// of the goldens.
func FuzzCheck(f *testing.F) {
	for _, dir := range []string{conformanceDir, "testdata"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.txtar"))
		for _, p := range paths {
			ar, err := txtar.ParseFile(p)
			if err != nil {
				f.Fatal(err)
			}
			for _, file := range ar.Files {
				if strings.HasSuffix(file.Name, ".n") {
					f.Add(file.Data)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 1<<16 {
			return
		}
		start := time.Now()
		_, err := parseAndCheck(src)
		if d := time.Since(start); d > 30*time.Second {
			t.Fatalf("check took %v", d)
		}
		if text := errorText(err); strings.Contains(text, "internal error") {
			t.Fatalf("internal error:\n%s", text)
		}
	})
}

// TestConcurrent checks two programs at once, many times (run under
// -race): Check keeps no shared mutable state.
func TestConcurrent(t *testing.T) {
	srcs := [][]byte{}
	for _, name := range []string{"t1_029_closure_counter.txtar", "t1_042_struct_methods.txtar"} {
		cases, err := golden.Conformance(conformanceDir, name)
		if err != nil || len(cases) != 1 {
			t.Fatalf("%s: %v", name, err)
		}
		srcs = append(srcs, cases[0].Files["main.n"])
	}
	var wg sync.WaitGroup
	for _, src := range srcs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 20 {
				info, err := parseAndCheck(src)
				if err != nil || info.MainFunc == nil {
					t.Errorf("check failed: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestPathological feeds deeply nested and very long inputs: each must
// be checked quickly and without an internal error.
func TestPathological(t *testing.T) {
	inputs := map[string]string{
		"long sum":      "fn main() {\n var x = 1" + strings.Repeat(" + x", 20000) + "\n}\n",
		"long concat":   "fn main() {\n var s = 'a'" + strings.Repeat(" + 'b'", 20000) + "\n}\n",
		"deep parens":   "fn main() {\n var x = " + strings.Repeat("(", 900) + "1" + strings.Repeat(")", 900) + "\n}\n",
		"deep unary":    "fn main() {\n var x = " + strings.Repeat("-", 900) + "1\n}\n",
		"deep vec":      "fn main() {\n var x = " + strings.Repeat("[", 900) + "1" + strings.Repeat("]", 900) + "\n}\n",
		"many closures": "fn main() {\n var x = 0\n" + strings.Repeat(" var f = fn() { x += 1 }\n f()\n", 2000) + "}\n",
		"self types":    "type a = b\ntype b = a\ntype c = struct { ref<c>? next\n [c] kids }\nfn main() {}\n",
	}
	for name, src := range inputs {
		start := time.Now()
		_, err := parseAndCheck([]byte(src))
		if text := errorText(err); strings.Contains(text, "internal error") {
			t.Errorf("%s: %s", name, text)
		}
		if d := time.Since(start); d > 30*time.Second {
			t.Errorf("%s took %v", name, d)
		}
	}
}
