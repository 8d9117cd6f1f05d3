package main

import (
	"flag"
	"strings"
	"testing"
)

var coTorture = flag.Bool("co.torture", false, "also run the coroutine cases with a collection before every allocation (NATURE_GC_TORTURE=1; minutes)")

// isCoroutineCase reports whether a conformance case exercises the
// scheduler: the t3_ tier, the coroutine failures of tR_, and
// naturekit's own co_, chan_ and sel_ programs.
func isCoroutineCase(name string) bool {
	for _, p := range []string{"t3_", "tR_009_", "tR_016_", "tR_020_", "co_", "chan_", "sel_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// TestCoroutineProcs runs the coroutine cases on one processor and on
// four (TestConformance runs them with the default, one per CPU): the
// output must not depend on the number of processors, nor on whether
// they outnumber the CPUs. With -co.torture, once more with four
// processors under GC torture, which stops the world before every
// allocation.
func TestCoroutineProcs(t *testing.T) {
	bin, err := naturecBinary()
	if err != nil {
		t.Fatal(err)
	}
	xfail := readXfail(t)
	var cases []int
	all := loadConformance(t)
	for i, c := range all {
		if isCoroutineCase(c.Name) && strings.Contains(c.Name, *conformanceFilter) && xfail[c.Name] == "" {
			cases = append(cases, i)
		}
	}
	if len(cases) == 0 {
		t.Skip("no coroutine cases selected")
	}
	envs := [][2]string{{"NATURE_PROCS", "1"}, {"NATURE_PROCS", "4"}}
	if *coTorture {
		envs = append(envs, [2]string{"NATURE_GC_TORTURE", "1"})
	}
	for _, env := range envs {
		t.Run(env[0]+"="+env[1], func(t *testing.T) {
			t.Setenv(env[0], env[1])
			if env[0] == "NATURE_GC_TORTURE" {
				t.Setenv("NATURE_PROCS", "4")
			}
			for _, i := range cases {
				c := all[i]
				t.Run(c.Name, func(t *testing.T) {
					t.Parallel()
					torture := env[0] == "NATURE_GC_TORTURE"
					if torture && c.Name == "co_yield_round_robin" {
						// A collection per allocation makes its steps
						// long enough to be preempted: the strict
						// interleaving holds only for short steps.
						t.Skip("timing-dependent")
					}
					whys := make([]string, len(optLevels))
					for j, level := range optLevels {
						whys[j] = runConformanceCase(t, bin, c, level.flags)
					}
					why := checkLevels(whys)
					if torture && strings.Contains(why, "timed out") {
						t.Skipf("too many allocations for torture mode: %s", firstLine(why))
					}
					if why != "" {
						t.Error(why)
					}
				})
			}
		})
	}
}
