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
// outcome depends on timing, which emulation changes). The sample is
// every third case of the t1_ and t2_ tiers and arm64Sample's cases for
// the rest of the runtime. By default the whole suite and naturekit's
// own programs run at the default optimisation level, and the sample
// at -O0 too (both levels for everything would double the time:
// docs/backend-arm64.md "Tests"); -arm64.conformance=all runs every
// case at both levels, as TestConformance does, =sample the sample
// alone (about a minute on a loaded machine), =t12 both tiers whole.

const xfailARM64File = "testdata/conformance-xfail-arm64.txt"

var arm64Conformance = flag.String("arm64.conformance", "default", "TestConformanceARM64's cases: default (every case at the default level, the sample at -O0 too), all (every case at both levels), sample (every third t1_/t2_ case and a few of the runtime's) or t12 (the t1_ and t2_ tiers)")

// arm64Sample are the cases beyond t1_ and t2_ in the default sample:
// the runtime on arm64 beyond printing — coroutines on several
// processors (context switch, clone, futexes, atomics), the collector
// across coroutine stacks, faults from the signal handler (SIGTRAP
// from brk, nil pointers, stack overflows), panics and uncaught errors
// with backtraces; C calls (musl's start, its locks on several
// processors, errno).
var arm64Sample = map[string]bool{
	"t3_001_go_await": true, "t3_004_unbuffered_pingpong": true, "co_mutex_bank": true,
	"co_stack_overflow": true, "fault_div_narrow_types": true, "fault_rem_zero": true,
	"fault_nil_field_write": true, "fault_stack_overflow": true, "tR_004_uncaught_error": true,
	"tR_009_coroutine_uncaught": true, "t4_047_runtime_gc_stats": true,
	"co_libc_malloc_threads": true, "t4_041_libc_math_functions": true, "t4_044_libc_errno": true,
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
	sample := map[string]bool{}
	n := 0
	for _, c := range loadConformance(t) {
		if reason := xfail[c.Name]; strings.HasPrefix(reason, "skip:") {
			t.Logf("%s not run on linux_arm64: %s", c.Name, reason)
			continue
		}
		tier12 := strings.HasPrefix(c.Name, "t1_") || strings.HasPrefix(c.Name, "t2_")
		if arm64Sample[c.Name] {
			sample[c.Name] = true
		} else if tier12 {
			n++
			sample[c.Name] = n%3 == 1
		}
		switch *arm64Conformance {
		case "default", "all":
		case "t12":
			if !tier12 {
				continue
			}
		case "sample":
			if !sample[c.Name] {
				continue
			}
		default:
			t.Fatalf("-arm64.conformance=%q: want default, all, sample or t12", *arm64Conformance)
		}
		cases = append(cases, c)
	}
	var defaultOnly func(string) bool
	if *arm64Conformance == "default" {
		defaultOnly = func(name string) bool { return !sample[name] }
	}
	failing := runSuite(t, bin, cases, xfail, xfailARM64File, []string{"--target", "linux_arm64"}, extraEnvs, defaultOnly)
	t.Logf("conformance on linux_arm64 (-arm64.conformance=%s): %d cases, %d failing", *arm64Conformance, len(cases), len(failing))
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
