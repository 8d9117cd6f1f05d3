package randprog

import (
	"flag"
	"iter"
)

// Seeds are the random programs a differential test runs, chosen on its
// command line: how many (a flag such as -programs) and the seed of the
// first (-seed), so that a failing seed, or more programs, are one flag
// away.
type Seeds struct {
	n     *int
	first *uint64
}

// SeedFlags registers a test's flags on the command line: name, the
// number of programs (default n, what describes them), and -seed, the
// first seed (default 1). A test package calls it once, for a
// package-level variable:
//
//	var seeds = randprog.SeedFlags("programs", 5000, "random programs TestDifferential runs")
func SeedFlags(name string, n int, what string) Seeds {
	return Seeds{
		n:     flag.Int(name, n, "number of "+what),
		first: flag.Uint64("seed", 1, "seed of the first random program"),
	}
}

// All returns the seeds to run, one after the other from the first: the
// flag's number divided by div, and at most short of them when isShort
// (the caller's testing.Short(); short 0 means no limit).
func (s Seeds) All(div int, isShort bool, short int) iter.Seq[uint64] {
	n := *s.n / div
	if isShort && short > 0 {
		n = min(n, short)
	}
	return func(yield func(uint64) bool) {
		for i := range n {
			if !yield(*s.first + uint64(i)) {
				return
			}
		}
	}
}
