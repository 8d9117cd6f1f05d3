package main

import (
	"strings"
)

// isCoroutineCase reports whether a conformance case exercises the
// scheduler or the collector across coroutines: the t3_ and tG_ tiers,
// the coroutine failures of tR_, and naturekit's own co_, chan_ and
// sel_ programs.
func isCoroutineCase(name string) bool {
	for _, p := range []string{"t3_", "tG_", "tR_009_", "tR_016_", "tR_020_", "co_", "chan_", "sel_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// extraEnvs lists the environments TestConformance runs a case's
// executable in besides the default one (one processor per CPU), at
// the optimisation level named level. A coroutine case runs on one
// processor and on four (more than the CPUs of a small machine): its
// output must not depend on the number of processors (a tG_ case on
// one only). Every t3_ case
// also runs under GC torture (a collection, with the world stopped,
// before every allocation: rt/lang's NATURE_GC_TORTURE), which finds
// any coroutine stack, saved register or value in flight the collector
// misses; at the default level only, as the slowest take seconds
// (TestGCTorture in torture_test.go runs a sample of the other cases,
// and the whole suite with -gc.torture.all).
func extraEnvs(name, level string) []string {
	if !isCoroutineCase(name) {
		return nil
	}
	if strings.HasPrefix(name, "tG_") {
		// No tG_ case starts a coroutine, and the scheduler (with its
		// processors) starts with the first one: one processor is the
		// case the issue names, and enough.
		return []string{"NATURE_PROCS=1"}
	}
	envs := []string{"NATURE_PROCS=1", "NATURE_PROCS=4"}
	if strings.HasPrefix(name, "t3_") && level == optLevels[len(optLevels)-1].name {
		envs = append(envs, "NATURE_GC_TORTURE=1")
	}
	return envs
}
