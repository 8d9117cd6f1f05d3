package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lex"
	"github.com/naturekit/naturekit/parse"
)

type fmtOptions struct {
	write, check, diff, list bool
}

func runFmt(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("fmt", flag.ContinueOnError)
	fl.SetOutput(stderr)
	var o fmtOptions
	fl.BoolVar(&o.write, "w", false, "write the result to the file instead of stdout")
	fl.BoolVar(&o.check, "check", false, "exit 1 if any file is not canonically formatted")
	fl.BoolVar(&o.diff, "diff", false, "print a diff and exit 1 if any file would change")
	fl.BoolVar(&o.list, "l", false, "list files whose formatting differs")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() == 0 {
		if o.write {
			fmt.Fprintln(stderr, "naturec fmt: cannot use -w with standard input")
			return 2
		}
		src, err := io.ReadAll(stdin)
		if err != nil {
			fmt.Fprintln(stderr, "naturec fmt:", err)
			return 2
		}
		return o.file("<stdin>", src, stdout, stderr)
	}
	status := 0
	for _, root := range fl.Args() {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || path != root && !strings.HasSuffix(path, ".n") {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			status = max(status, o.file(path, src, stdout, stderr))
			return nil
		})
		if err != nil {
			fmt.Fprintln(stderr, "naturec fmt:", err)
			status = 2
		}
	}
	return status
}

// file formats one file and returns its exit status: 0, 1 (it would
// change, with --check or --diff) or 2 (error).
func (o fmtOptions) file(path string, src []byte, stdout, stderr io.Writer) int {
	out, err := format(path, src)
	if err != nil {
		lex.Print(stderr, err)
		return 2
	}
	changed := !bytes.Equal(src, out)
	status := 0
	if changed && (o.check || o.diff) {
		status = 1
	}
	switch {
	case o.list && changed:
		fmt.Fprintln(stdout, path)
	case o.check && changed && !o.diff:
		fmt.Fprintf(stderr, "%s: not formatted\n", path)
	}
	if o.diff && changed {
		d, err := unifiedDiff(path, src, out)
		if err != nil {
			fmt.Fprintln(stderr, "naturec fmt:", err)
			return 2
		}
		io.WriteString(stdout, d)
	}
	if o.write && changed {
		if err := os.WriteFile(path, out, 0o644); err != nil {
			fmt.Fprintln(stderr, "naturec fmt:", err)
			return 2
		}
	}
	if !o.write && !o.list && !o.check && !o.diff {
		stdout.Write(out)
	}
	return status
}

// format returns the canonical layout of src, or the syntax errors.
func format(path string, src []byte) ([]byte, error) {
	fset := lex.NewFileSet()
	f, err := parse.ParseFile(fset, path, src)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := ast.Fprint(&b, fset, f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// unifiedDiff returns a unified diff, with three lines of context, from
// a file to its canonical layout ("" when they are equal).
func unifiedDiff(path string, src, formatted []byte) (string, error) {
	a, b := string(src), string(formatted)
	return udiff.ToUnified(path, path+" (formatted)", a, udiff.Lines(a, b), udiff.DefaultContextLines)
}
