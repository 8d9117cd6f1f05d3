// Lirc compiles a LIR module (the text format of package lir) into a
// static linux/amd64 or linux/arm64 executable with naturekit's back
// end alone:
//
//	lir.Parse        text -> *lir.Module
//	lower/amd64      cfg, ssa, lowering, register allocation, emission
//	(lower/arm64)    the same for arm64 (-target arm64)
//	asmobj.Convert  asm.Object -> the linker's ELF model
//	link.Link        the module and a tiny runtime -> static executable
//
// Usage:
//
//	lirc [-o OUT] [-O] [-S] [-target amd64|arm64] FILE.lir
//
// The module must define @main, taking no arguments and returning the
// i64 exit status. It may declare the externs print_i64, print_f64,
// print_char and exit, which the runtime provides (see runtimeSource).
// -O runs the SSA optimisations and the peephole pass; -S prints the
// assembly instead of writing an executable. OUT defaults to FILE
// without its extension.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/examples/internal/cli"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/lir"
	back "github.com/naturekit/naturekit/lower"
	lower "github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/lower/arm64"
	"github.com/naturekit/naturekit/ssa"
)

// Options returns the back-end options lirc uses, with or without -O.
func Options(optimize bool) lower.Options {
	if !optimize {
		return lower.Options{}
	}
	return lower.Options{Passes: ssa.Passes(), Peephole: true}
}

// Build compiles m and links it with the runtime into an amd64
// executable.
func Build(m *lir.Module, opts lower.Options) ([]byte, error) { return BuildFor("amd64", m, opts) }

// machine returns the back end and the runtime source of target
// ("amd64" or "arm64").
func machine(target string) (*back.Machine, string, error) {
	switch target {
	case "amd64":
		return lower.Machine(), runtimeSource, nil
	case "arm64":
		return arm64.Machine(), runtimeARM64, nil
	}
	return nil, "", fmt.Errorf("unknown target %q (amd64, arm64)", target)
}

// BuildFor compiles m for target ("amd64" or "arm64") and links it
// with the runtime into an executable.
func BuildFor(target string, m *lir.Module, opts lower.Options) ([]byte, error) {
	return buildWith(target, m, opts, "")
}

// buildWith is BuildFor, with stubs, more assembly source for target,
// appended to the runtime's.
func buildWith(target string, m *lir.Module, opts lower.Options, stubs string) ([]byte, error) {
	if f := m.Func("main"); f == nil || len(f.Params) != 0 || f.Result != lir.I64 {
		return nil, fmt.Errorf("the module must define func @main() i64")
	}
	mc, rtSource, err := machine(target)
	if err != nil {
		return nil, err
	}
	obj, err := back.Compile(m, mc, opts)
	if err != nil {
		return nil, err
	}
	prog, err := asmobj.Convert("module.o", obj)
	if err != nil {
		return nil, err
	}
	rtObj, err := asm.Assemble(mc.Arch, "runtime.s", []byte(rtSource+"\n"+stubs))
	if err != nil {
		return nil, err
	}
	rt, err := asmobj.Convert("runtime.o", rtObj)
	if err != nil {
		return nil, err
	}
	return link.Link(link.Config{}, link.Input{Object: rt}, link.Input{Object: prog})
}

func main() {
	out := flag.String("o", "", "output file (default: the input without its extension)")
	optimize := flag.Bool("O", false, "optimise: SSA passes and the peephole pass")
	listing := flag.Bool("S", false, "print the assembly instead of linking")
	target := flag.String("target", "amd64", "the target: amd64 or arm64 (linux)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: lirc [-o OUT] [-O] [-S] [-target amd64|arm64] FILE.lir")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *target, *optimize, *listing); err != nil {
		fmt.Fprintln(os.Stderr, "lirc:", err)
		os.Exit(1)
	}
}

func run(file, out, target string, optimize, listing bool) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	m, err := lir.Parse(file, string(src))
	if err != nil {
		return err
	}
	if listing {
		mc, _, err := machine(target)
		if err != nil {
			return err
		}
		l, err := back.Generate(m, mc, Options(optimize))
		if err != nil {
			return err
		}
		_, err = os.Stdout.WriteString(l.String())
		return err
	}
	exe, err := BuildFor(target, m, Options(optimize))
	if err != nil {
		return err
	}
	if out == "" {
		out = strings.TrimSuffix(file, ".lir")
		if out == file {
			out = file + ".out"
		}
	}
	return cli.WriteOutput(out, exe, 0o755)
}
