package main

import (
	"fmt"
	"io"

	"github.com/naturekit/naturekit/lir/linear/hostrt"
)

// interpretProgram runs the program at path in the LIR interpreter
// (`naturec run --interp`): its linear LIR, as the front end makes it
// before any optimisation, with the runtime's entry points implemented
// on the host by lir/linear/hostrt. It prints what the program printed
// (panics included, on stdout: the interpreter has one output) and
// returns the program's exit status; a program that needs what the
// host runtime lacks (coroutines, channels, C calls, much of the
// standard library) is reported as such, with status 1.
func interpretProgram(path string, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "naturec run: --interp takes no program arguments")
		return 2
	}
	p, err := frontEndFor(path, "linux_amd64", nil)
	if err != nil {
		return reportCompileError(stderr, err)
	}
	out, status, err := hostrt.Run(p.mod, hostrt.Limits{})
	io.WriteString(stdout, out)
	if err != nil {
		fmt.Fprintf(stderr, "naturec run --interp: %v\n", err)
		return 1
	}
	return status
}
