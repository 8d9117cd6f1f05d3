package main

import (
	"flag"
	"io"
	"strings"

	"github.com/naturekit/naturekit/load"
)

// skipFlag collects the names of --skip (repeatable).
type skipFlag []string

func (s *skipFlag) String() string { return strings.Join(*s, ",") }

func (s *skipFlag) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// runTest is naturec test [--skip NAME]... [-O0] [-passes=P,...] PATH:
// it builds the test blocks of PATH's entry module into a program
// (load.Program.TestProgram) and runs it, as `nature test` does; its
// exit status is the program's (0 even when tests fail, 1 after a
// panic) or 1 for compile errors.
func runTest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("test", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var skip skipFlag
	fl.Var(&skip, "skip", "skip the test `NAME` (repeatable)")
	options := compileFlags(fl)
	pos, path, status := programArgs(fl, args, stderr)
	if status != 0 {
		return status
	}
	opts := options()
	opts.prepare = func(p *load.Program) error { return p.TestProgram(skip) }
	exe, err := buildExecutable(path, opts)
	if err != nil {
		return reportCompileError(stderr, err)
	}
	return runExecutable("test", opts.target, defaultOutput(pos[0]), exe, nil, stdin, stdout, stderr)
}
