package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
)

func runDump(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("dump", flag.ContinueOnError)
	fl.SetOutput(stderr)
	stage := fl.String("stage", "ast", "stage to print: tokens or ast")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() != 1 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	path := fl.Arg(0)
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(stderr, "naturec dump:", err)
		return 2
	}
	fset := lex.NewFileSet()
	switch *stage {
	case "tokens":
		err = lex.FprintTokens(stdout, fset.AddFile(path, src))
	case "ast":
		var f *ast.File
		f, err = parse.ParseFile(fset, path, src)
		ast.Dump(stdout, fset, f)
	default:
		fmt.Fprintf(stderr, "naturec dump: unknown stage %q (want tokens or ast)\n", *stage)
		return 2
	}
	if err != nil {
		lex.Print(stderr, err)
		return 1
	}
	return 0
}
