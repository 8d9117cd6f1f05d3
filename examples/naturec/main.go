// Command naturec is the naturekit driver for the Nature language.
//
// Usage:
//
//	naturec fmt [-w] [--check] [--diff] [-l] [PATH...]
//	naturec dump --stage=tokens|ast FILE
//
// fmt prints Nature source in its canonical layout, like `nature fmt`:
// to stdout by default (standard input when no PATH is given), directories
// are walked for .n files, -w rewrites files in place, -l lists the files
// whose layout differs, --check exits 1 (listing them on stderr) and
// --diff prints a unified diff and exits 1 when any file would change. A
// file with a syntax error is reported and left untouched (exit 2): fmt
// never rewrites what it cannot parse.
//
// dump prints one stage of the front end for teaching and debugging: the
// tokens ("line:col KIND text" per token, comments included) or the syntax
// tree (a structural dump with positions).
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
	naturec fmt [-w] [--check] [--diff] [-l] [PATH...]
	naturec dump --stage=tokens|ast FILE
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command and returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "fmt":
		return runFmt(args[1:], stdin, stdout, stderr)
	case "dump":
		return runDump(args[1:], stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "naturec: unknown command %q\n%s", args[0], usage)
	return 2
}
