package suite

import "strings"

// IsCoroutineCase reports whether a conformance case exercises the
// scheduler or the collector across coroutines: the t3_ and tG_ tiers,
// the coroutine failures of tR_, and naturekit's own co_, chan_ and
// sel_ programs.
func IsCoroutineCase(name string) bool {
	for _, p := range []string{"t3_", "tG_", "tR_009_", "tR_016_", "tR_020_", "co_", "chan_", "sel_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// ExtraEnvs lists the environments the suite runs a case's
// executable in besides the default one (one processor per CPU), at
// the optimisation level named level. A coroutine case runs on one
// processor and on four (more than the CPUs of a small machine): its
// output must not depend on the number of processors (a tG_ case on
// one only). At the default level, a coroutine case also runs with
// the monitor saving every parked coroutine's stack at each of its
// looks (NATURE_SAVE_STACKS=1: rt/sched's stack.go; normally only with
// 512 stacks in use, parked over two of its walks), and every t3_ case under GC
// torture (a collection before every allocation: rt/lang's
// NATURE_GC_TORTURE) with the stacks saved as well, and once more with
// cycles that stop the world throughout (NATURE_GC=stw; by default the
// other processors run during each mark), which finds any coroutine
// stack, saved stack copy, saved register, value in flight or missing
// write barrier the collector misses; at the default
// level only, as the slowest take seconds (TestGCTorture in
// examples/naturec/torture_test.go runs a sample of the other cases, and the whole suite
// with -gc.torture.all).
func ExtraEnvs(name, level string) []string {
	if !IsCoroutineCase(name) {
		return nil
	}
	if strings.HasPrefix(name, "tG_") {
		// No tG_ case starts a coroutine, and the scheduler (with its
		// processors) starts with the first one: one processor is the
		// case the issue names, and enough.
		return []string{"NATURE_PROCS=1"}
	}
	envs := []string{"NATURE_PROCS=1", "NATURE_PROCS=4"}
	if levels := Levels(); level == levels[len(levels)-1].Name {
		// The monitor saving every parked stack at each look (rt/sched's
		// stack.go), and under torture too: collections scan the saved
		// copies.
		envs = append(envs, saveStacksEnv)
		if strings.HasPrefix(name, "t3_") {
			// Torture with the default, concurrent collector (the
			// other processors run during each mark) and with cycles
			// that stop the world throughout (NATURE_GC=stw).
			envs = append(envs, "NATURE_GC_TORTURE=1 "+saveStacksEnv, "NATURE_GC_TORTURE=1 NATURE_GC=stw")
		}
	}
	return envs
}

// saveStacksEnv has the monitor save every parked coroutine's stack at
// each of its looks.
const saveStacksEnv = "NATURE_SAVE_STACKS=1"

// ExtraEnvsARM64 is ExtraEnvs without the run with the stacks saved
// alone (the t3_ cases' run under torture saves them too): under qemu a
// run costs seconds, and the saving is the same Go code on both
// targets.
func ExtraEnvsARM64(name, level string) []string {
	var envs []string
	for _, e := range ExtraEnvs(name, level) {
		if e != saveStacksEnv {
			envs = append(envs, e)
		}
	}
	return envs
}
