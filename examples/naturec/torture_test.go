package main

import (
	"flag"
	"runtime"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/examples/naturec/internal/suite"
)

var gcTortureAll = flag.Bool("gc.torture.all", false, "run the whole conformance suite under GC torture (NATURE_GC_TORTURE=1: a collection before every allocation), at every optimisation level (tens of minutes)")

// tortureSampleEvery picks the CI sample: every tortureSampleEvery-th
// case that runs (not a build error, not expected to fail), leaving out
// the cases too slow under torture and the t3_ tier, which
// TestConformance already runs under torture (extraEnvs).
const tortureSampleEvery = 8

// tooSlowForTorture reports whether a case allocates too much to finish
// in the run timeout under torture (the long run of docs/reliability.md
// skipped them): the GC stress tier and the churn and many-coroutine
// programs.
func tooSlowForTorture(name string) bool {
	for _, s := range []string{"tG_", "_gc_churn", "co_many_", "many_coroutines", "co_yield_round_robin"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

const tortureEnv = "NATURE_GC_TORTURE=1"

// TestGCTorture runs conformance cases with the runtime collecting
// before every allocation (rt/lang's NATURE_GC_TORTURE), which finds
// any root the compiler or the runtime fails to report: the program's
// output must not change. Each case's executable runs once as usual and
// once under torture (runConformanceCase's envs, with checkRun's longer
// timeout for torture). A sample at the default optimisation level in
// CI; the whole suite at every level with -gc.torture.all
// (docs/reliability.md has the last long run). A case that allocates so
// much that it does not finish in time under torture is skipped with
// the reason, not failed.
func TestGCTorture(t *testing.T) {
	bin := naturec(t)
	xfail := readXfail(t)
	levels := optLevels[len(optLevels)-1:]
	if *gcTortureAll {
		levels = optLevels
	}
	var cases []int
	all := loadConformance(t)
	n := 0
	for i, c := range all {
		if _, bad := c.Expect["build-error"]; bad || xfail[c.Name] != "" || !strings.Contains(c.Name, suite.Filter()) {
			continue
		}
		sampled := n%tortureSampleEvery == 0 && !tooSlowForTorture(c.Name) && !strings.HasPrefix(c.Name, "t3_")
		if *gcTortureAll || sampled {
			cases = append(cases, i)
		}
		n++
	}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, i := range cases {
		c := all[i]
		t.Run(c.Name, func(t *testing.T) {
			t.Parallel()
			if c.Name == "co_yield_round_robin" {
				t.Skip("timing-dependent: a collection per allocation makes its steps long enough to be preempted")
			}
			whys := make([]string, len(levels))
			for j, level := range levels {
				sem <- struct{}{}
				whys[j] = runConformanceCase(t, bin, c, level.flags, tortureEnv)
				<-sem
			}
			why := whys[0]
			if len(levels) == len(optLevels) {
				why = checkLevels(whys)
			}
			if strings.Contains(why, "timed out") {
				t.Skipf("too many allocations for torture mode: %s", firstLine(why))
			}
			if why != "" {
				t.Error(why)
			}
		})
	}
}
