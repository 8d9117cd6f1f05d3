// Nkas is naturekit's assembler as a command, used like GNU as:
//
//	nkas [-arch amd64|arm64] [-o OUT.o] [-dump] IN.s
//
// It assembles IN.s ("-" or no argument: standard input) into an ELF64
// relocatable object, OUT.o (default a.out). amd64 source is in the Intel
// syntax GNU as accepts after ".intel_syntax noprefix"; arm64 source is in
// GNU syntax. -dump prints a listing of the assembled sections, relocations
// and symbols instead of writing an object.
//
// Errors are printed as "file:line: message", one per line; the exit
// status is then 1 and no output file is written.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/examples/internal/cli"
)

func main() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		// nkas is a short-lived batch process whose heap is the
		// statements of one file, all live until it exits: collecting
		// as it grows marks the same objects again and again, which
		// cost as much as assembling (see bench/asm-icount.sh). So the
		// collector runs only when the heap nears a limit, 1 GiB, a few
		// million lines of source.
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(1 << 30)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("nkas", flag.ContinueOnError)
	fs.SetOutput(stderr)
	archName := fs.String("arch", defaultArch(), "target architecture: amd64 or arm64")
	out := fs.String("o", "a.out", "output object file")
	dump := fs.Bool("dump", false, "print the assembled object instead of writing it")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: nkas [-arch amd64|arm64] [-o OUT.o] [-dump] [IN.s]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return 2
	}
	arch, err := lookupArch(*archName)
	if err != nil {
		fmt.Fprintln(stderr, "nkas:", err)
		return 2
	}
	name, src, err := readInput(fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintln(stderr, "nkas:", err)
		return 1
	}
	obj, err := asm.Assemble(arch, name, src)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if *dump {
		obj.Dump(stdout)
		return 0
	}
	if err := writeObject(*out, obj); err != nil {
		fmt.Fprintln(stderr, "nkas:", err)
		return 1
	}
	return 0
}

func defaultArch() string {
	if runtime.GOARCH == "arm64" {
		return "arm64"
	}
	return "amd64"
}

func lookupArch(name string) (asm.Arch, error) {
	switch name {
	case "amd64", "x86_64", "x86-64":
		return amd64.Arch{}, nil
	case "arm64", "aarch64":
		return arm64.Arch{}, nil
	}
	return nil, fmt.Errorf("unknown architecture %q (want amd64 or arm64)", name)
}

func readInput(path string, stdin io.Reader) (string, []byte, error) {
	if path == "" || path == "-" {
		src, err := io.ReadAll(stdin)
		return "<stdin>", src, err
	}
	src, err := os.ReadFile(path)
	return path, src, err
}

func writeObject(path string, obj *asm.Object) error {
	f, err := asmobj.Convert(path, obj)
	if err != nil {
		return err
	}
	data, err := f.Marshal()
	if err != nil {
		return err
	}
	return cli.WriteOutput(path, data, 0o644)
}
