package nativetest

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/naturekit/naturekit/rt/gofront/build"
	"github.com/naturekit/naturekit/rt/gofront/internal/nativerun"
	"github.com/naturekit/naturekit/rt/internal/proof"
)

var (
	nativeBench = flag.Bool("nativebench", false, "compare the allocator and collector built natively with the host build")
	benchOut    = flag.String("benchout", "", "with -nativebench, also write the native benchmark executables (bench, bench-noinline) to this directory")
)

// parseBench reads Bench's output.
func parseBench(t *testing.T, out []byte) (allocPs, markNs float64) {
	t.Helper()
	if _, err := fmt.Sscanf(string(out), "alloc %g\nmark %g\n", &allocPs, &markNs); err != nil {
		t.Fatalf("bench output %q: %v", out, err)
	}
	return allocPs, markNs
}

// TestBenchNative (go test -run TestBenchNative -nativebench
// ./rt/gofront/internal/nativetest) runs Bench on the host and natively, three times
// each, keeps the best and prints the ratios recorded in
// docs/runtime.md.
func TestBenchNative(t *testing.T) {
	if !*nativeBench {
		t.Skip("use -nativebench")
	}
	exe := buildBench(t, false)
	if *benchOut != "" {
		for name, path := range map[string]string{"bench": exe, "bench-noinline": buildBench(t, true)} {
			data, err := os.ReadFile(path)
			if err == nil {
				err = os.WriteFile(filepath.Join(*benchOut, name), data, 0o755)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	var hostA, hostM, natA, natM float64
	for i := 0; i < 3; i++ {
		var out proof.Buffer
		out.Init()
		proof.Bench(&out)
		a, m := parseBench(t, out.Bytes())
		out.Release()
		got, err := exec.Command(exe).Output()
		if err != nil {
			t.Fatal(err)
		}
		na, nm := parseBench(t, got)
		if i == 0 || a < hostA {
			hostA = a
		}
		if i == 0 || m < hostM {
			hostM = m
		}
		if i == 0 || na < natA {
			natA = na
		}
		if i == 0 || nm < natM {
			natM = nm
		}
	}
	t.Logf("allocation (32 B objects): host %.1f ns/object (%.1f M/s), native %.1f ns/object (%.1f M/s); native/host time %.2f",
		hostA/1000, 1e6/hostA, natA/1000, 1e6/natA, natA/hostA)
	t.Logf("mark (binary tree, depth 15): host %.0f µs/MB, native %.0f µs/MB; native/host time %.2f",
		hostM/1000, natM/1000, natM/hostM)
}

// buildBench builds an executable whose main.main is benchMain, with
// or without gofront's inlining.
func buildBench(t *testing.T, noInline bool) string {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("../../..")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if strings.HasSuffix(p, ".go") || strings.HasSuffix(p, ".asm") {
			data, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			if p == "internal/proof/proof.go" {
				// The benchmark's entry point replaces the proof's.
				data = []byte(strings.Replace(string(data), "//naturekit:symbol main.main", "//", 1))
			}
			if p == "internal/proof/bench.go" {
				data = []byte(strings.Replace(string(data), "// benchMain is the entry point of the benchmark executable.",
					"//naturekit:symbol main.main", 1))
			}
			m[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return nativerun.Build(t, build.Config{FS: m, Options: build.Options(), NoInline: noInline,
		Packages: []string{proofPath, nativerun.StartPath}}, "bench")
}
