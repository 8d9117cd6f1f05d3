// Lirc compiles a LIR module (the text format of package lir) into a
// static linux/amd64 executable with naturekit's back end alone:
//
//	lir.Parse        text -> *lir.Module
//	lower/amd64      cfg, ssa, lowering, register allocation, emission
//	asmobj.Convert  asm.Object -> the linker's ELF model
//	link.Link        the module and a tiny runtime -> static executable
//
// Usage:
//
//	lirc [-o OUT] [-O] [-S] FILE.lir
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
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/examples/internal/cli"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/lir"
	lower "github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/ssa"
)

// Options returns the back-end options lirc uses, with or without -O.
func Options(optimize bool) lower.Options {
	if !optimize {
		return lower.Options{}
	}
	return lower.Options{Passes: ssa.Passes(), Peephole: true}
}

// Build compiles m and links it with the runtime into an executable.
func Build(m *lir.Module, opts lower.Options) ([]byte, error) {
	if f := m.Func("main"); f == nil || len(f.Params) != 0 || f.Result != lir.I64 {
		return nil, fmt.Errorf("the module must define func @main() i64")
	}
	obj, err := lower.Compile(m, opts)
	if err != nil {
		return nil, err
	}
	prog, err := asmobj.Convert("module.o", obj)
	if err != nil {
		return nil, err
	}
	rtObj, err := asm.Assemble(amd64.Arch{}, "runtime.s", []byte(runtimeSource))
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
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: lirc [-o OUT] [-O] [-S] FILE.lir")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out, *optimize, *listing); err != nil {
		fmt.Fprintln(os.Stderr, "lirc:", err)
		os.Exit(1)
	}
}

func run(file, out string, optimize, listing bool) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	m, err := lir.Parse(file, string(src))
	if err != nil {
		return err
	}
	if listing {
		l, err := lower.Generate(m, Options(optimize))
		if err != nil {
			return err
		}
		_, err = os.Stdout.WriteString(l.String())
		return err
	}
	exe, err := Build(m, Options(optimize))
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
