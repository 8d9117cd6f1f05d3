// Command naturec is the naturekit driver for the Nature language.
//
// Usage:
//
//	naturec build [-o OUT] [--target linux_amd64|linux_arm64] [-O0] [-passes=P,...] [--no-cache] [-s] PATH
//	naturec run [-O0] [-passes=P,...] [--no-cache] [-s] PATH [ARGS...]
//	naturec run --interp PATH
//	naturec test [--skip NAME]... [-O0] [-passes=P,...] [--no-cache] [-s] PATH
//	naturec fmt [-w] [--check] [--diff] [-l] [PATH...]
//	naturec dump --stage=STAGE [--func NAME] [-O0] [-passes=P,...] PATH
//	naturec explore [--func NAME] [-O0] [-passes=P,...] PATH -o OUT.html
//	naturec explore [--func NAME] [-O0] [-passes=P,...] --serve [HOST]:PORT [--public] PATH
//
// PATH is a .n file or a directory holding main.n.
//
// build compiles the program into a static executable: OUT, or the
// program's name in the working directory. The runtime is compiled from
// its embedded Go sources by naturekit itself and cached by content hash
// in the user cache directory (--no-cache rebuilds it). Compile errors
// are printed as file:line:col: message with the source line and a
// caret; a failed build never leaves an output file behind. The
// executable carries DWARF debugging information (a line table mapping
// addresses to Nature source lines, a subprogram per function, call
// frame information), so gdb, addr2line, perf and valgrind see Nature
// functions and lines; -s leaves it out.
//
// Optimisation is on by default, as with go build: every SSA pass
// (inline, selfinline, sccp, copyprop, bce, simplify, thread, strength,
// gvn, copyprop, bce, rotate, loadelim, fconst, licm, pollelim, dce,
// sink, layout; inline and selfinline, module passes, run before the
// others wherever they are listed) and the peephole pass.
// -O0 turns both off; -passes=a,b,c runs the named SSA passes in that
// order instead (with or without -O0; -passes= runs none). -O is
// accepted and does nothing (-O=false is -O0).
//
// The output is written as go build and gcc write theirs: a new file or
// a regular one is replaced atomically (a temporary file renamed over
// it), a symbolic link is written through (the link stays), and a
// character device such as /dev/null or a FIFO is opened and written,
// never replaced. An output that is a directory, given with -o or as
// the default name, is an error.
//
// run builds into a temporary file and runs it with ARGS; its exit
// status is the program's. run --interp builds nothing: it runs the
// front end's LIR (what dump --stage=lir prints) in the LIR interpreter,
// lir/interp, with the runtime's entry points implemented on the host
// (lir/linear/hostrt) — a reference for the back end, for teaching and
// for natfuzz. A program that needs what the host runtime lacks
// (coroutines, channels, C calls, much of the standard library's
// support) stops with a message saying which entry point, status 1;
// panics print on stdout.
//
// test builds the test blocks of PATH's entry module (test NAME { ... },
// spec/semantics.md §13) into a program and runs it, as nature test
// does: each test prints "Test [i/n] NAME ... " and then OK, or FAILED
// and the message of the error it threw; then "All n tests passed." or
// "P passed; S skipped; F failed.". fn main is not run (nor checked).
// --skip NAME leaves a test out. The status is 0 even when tests fail,
// 1 after a panic or for compile errors.
//
// fmt prints Nature source in its canonical layout, like `nature fmt`:
// to stdout by default (standard input when no PATH is given), directories
// are walked for .n files, -w rewrites files in place, -l lists the files
// whose layout differs, --check exits 1 (listing them on stderr) and
// --diff prints a unified diff and exits 1 when any file would change. A
// file with a syntax error is reported and left untouched (exit 2): fmt
// never rewrites what it cannot parse.
//
// dump prints the text form of one stage of the pipeline, for teaching
// and debugging: tokens, ast (structural dump), types (the dump annotated
// with types), lir (the front end's linear LIR), cfg, ssa (after the SSA
// passes), lower (machine-legal LIR), regalloc (physical registers) and
// asm (Intel syntax); --func limits the LIR stages to one function. The
// back-end stages are printed from inside lower/amd64's own sequence
// (its Options.Observe hook), with the build's optimisation flags and
// lir.Verify after every stage.
//
// explore writes one self-contained HTML page (-o, "-" for stdout)
// showing each function of the entry module (--func: one) through every
// stage: source, tokens, AST, typed AST, LIR, the CFG drawn with its
// dominator tree, SSA before and after every pass with the new lines
// marked, lowered LIR, the register allocator's live intervals, the
// assembly and the machine bytes; clicking a line highlights what the
// same source line became in every stage. --serve serves the page
// instead, rebuilt when a source file changes (an address without a
// host listens on the loopback interface; another host needs --public).
// The page is built by package examples/explore (docs/explore.md).
//
// Exit status: 0 success, 1 compile errors, 2 usage errors.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
	naturec build [-o OUT] [--target linux_amd64|linux_arm64] [-O0] [-passes=P,...] [--no-cache] [-s] PATH
	naturec run [-O0] [-passes=P,...] [--no-cache] [-s] PATH [ARGS...]
	naturec run --interp PATH
	naturec test [--skip NAME]... [-O0] [-passes=P,...] [--no-cache] [-s] PATH
	naturec fmt [-w] [--check] [--diff] [-l] [PATH...]
	naturec dump --stage=tokens|ast|types|lir|cfg|ssa|lower|regalloc|asm [--func NAME] [-O0] [-passes=P,...] PATH
	naturec explore [--func NAME] [-O0] [-passes=P,...] PATH -o OUT.html
	naturec explore [--func NAME] [-O0] [-passes=P,...] --serve [HOST]:PORT [--public] PATH
`

func main() {
	setGCPolicy()
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "run":
		return runRun(args[1:], stdin, stdout, stderr)
	case "fmt":
		return runFmt(args[1:], stdin, stdout, stderr)
	case "dump":
		return runDump(args[1:], stdout, stderr)
	case "explore":
		return runExplore(args[1:], stdout, stderr)
	case "test":
		return runTest(args[1:], stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "naturec: unknown command %q\n%s", args[0], usage)
	return 2
}
