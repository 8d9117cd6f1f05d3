// Command nkld is a static ELF linker for linux/amd64 and linux/arm64,
// a thin command-line front end to the naturekit link module.
//
// Usage:
//
//	nkld [-o OUT] [-e ENTRY] [-static] [-r] FILE.o|FILE.a ...
//
// Inputs are processed in command-line order, as by ld: an archive
// supplies the members that define symbols undefined at that point. The
// output is always a static executable (-static is accepted for
// compatibility); -r makes a relocatable object instead, like ld -r. On error nkld prints the problems to standard error,
// exits with status 1 and leaves no output file behind.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/naturekit/naturekit/examples/internal/cli"
	"github.com/naturekit/naturekit/link"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "nkld:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("nkld", flag.ContinueOnError)
	out := fs.String("o", "a.out", "output file")
	entry := fs.String("e", "_start", "entry symbol")
	fs.Bool("static", true, "link statically (always on)")
	rel := fs.Bool("r", false, "produce a relocatable object instead of an executable")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: nkld [-o OUT] [-e ENTRY] [-static] [-r] FILE.o|FILE.a ...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		return fmt.Errorf("no input files")
	}
	var inputs []link.Input
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		in, err := link.Open(name, data)
		if err != nil {
			return err
		}
		inputs = append(inputs, in)
	}
	cfg := link.Config{Entry: *entry}
	if *rel {
		cfg.Kind = link.Relocatable
	}
	exe, err := link.Link(cfg, inputs...)
	if err != nil {
		return err
	}
	perm := os.FileMode(0o755)
	if *rel {
		perm = 0o644
	}
	return cli.WriteOutput(*out, exe, perm)
}
