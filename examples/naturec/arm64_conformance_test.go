package main

import (
	"flag"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/internal/golden"
)

// TestConformanceARM64 is TestConformance for linux_arm64: naturec
// builds each case with --target linux_arm64 and the executable runs
// under qemu-aarch64-static (naturec's emulator), at both optimisation
// levels. Cases that fail on amd64 (xfailFile) are expected to fail here
// too; xfailARM64File lists, with a reason, those that fail only on
// arm64; those whose reason starts with "skip:" are not run (their
// outcome depends on timing, which emulation changes). By default a
// sample runs: every third case of the t1_ and t2_ tiers and
// arm64Sample's cases for the rest of the runtime (about a minute on a
// loaded machine);
// -arm64.conformance=t12 runs both tiers whole, =all the whole suite
// and naturekit's own programs.

const xfailARM64File = "testdata/conformance-xfail-arm64.txt"

var arm64Conformance = flag.String("arm64.conformance", "sample", "TestConformanceARM64's cases: sample (every third t1_/t2_ case and a few of the runtime's), t12 (the t1_ and t2_ tiers) or all")

// arm64Sample are the cases beyond t1_ and t2_ in the default sample:
// the runtime on arm64 beyond printing — coroutines on several
// processors (context switch, clone, futexes, atomics), the collector
// across coroutine stacks, faults from the signal handler (SIGTRAP
// from brk, nil pointers, stack overflows), panics and uncaught errors
// with backtraces.
var arm64Sample = map[string]bool{
	"t3_001_go_await": true, "t3_004_unbuffered_pingpong": true, "co_mutex_bank": true,
	"co_stack_overflow": true, "fault_div_narrow_types": true, "fault_rem_zero": true,
	"fault_nil_field_write": true, "fault_stack_overflow": true, "tR_004_uncaught_error": true,
	"tR_009_coroutine_uncaught": true, "t4_047_runtime_gc_stats": true,
}

func TestConformanceARM64(t *testing.T) {
	cTool(t, "qemu-aarch64-static", "qemu-user-static")
	bin := naturec(t)
	xfail := readXfailFile(t, xfailARM64File)
	for name, reason := range readXfail(t) {
		if _, ok := xfail[name]; !ok {
			xfail[name] = reason
		}
	}
	var cases []golden.Case
	n := 0
	for _, c := range loadConformance(t) {
		if reason := xfail[c.Name]; strings.HasPrefix(reason, "skip:") {
			t.Logf("%s not run on linux_arm64: %s", c.Name, reason)
			continue
		}
		tier12 := strings.HasPrefix(c.Name, "t1_") || strings.HasPrefix(c.Name, "t2_")
		switch *arm64Conformance {
		case "all":
		case "t12":
			if !tier12 {
				continue
			}
		case "sample":
			if arm64Sample[c.Name] {
				break
			}
			if !tier12 {
				continue
			}
			if n++; n%3 != 1 {
				continue
			}
		default:
			t.Fatalf("-arm64.conformance=%q: want sample, t12 or all", *arm64Conformance)
		}
		cases = append(cases, c)
	}
	failing := runSuite(t, bin, cases, xfail, xfailARM64File, []string{"--target", "linux_arm64"}, extraEnvs)
	t.Logf("conformance on linux_arm64: %d cases at %d optimisation levels, %d failing", len(cases), len(optLevels), len(failing))
}

// flagTarget returns the target naturec's flags name (--target or
// -target), linux_amd64 when they name none.
func flagTarget(flags []string) string {
	target := "linux_amd64"
	for i, f := range flags {
		name, value, hasValue := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if name != "target" || f == name {
			continue
		}
		switch {
		case hasValue:
			target = value
		case i+1 < len(flags):
			target = flags[i+1]
		}
	}
	return target
}
