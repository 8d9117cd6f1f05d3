package hostrt

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
)

// Limits bound a run, so that a generated program cannot hang its
// harness: the instructions executed and the call depth. A zero field
// takes the default, generous for test programs: 10^8 instructions and
// 200,000 nested calls.
type Limits struct {
	MaxSteps int64
	MaxDepth int
}

const (
	defaultMaxSteps = 100_000_000
	defaultMaxDepth = 200_000
)

// An UnsupportedError reports a call of an entry point this package does
// not implement (or of any other undefined function): the program needs
// the native runtime.
type UnsupportedError struct {
	Func string // the symbol, e.g. "rt.lang.CoSpawn"
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("%s is not supported by the interpreter's runtime", e.Func)
}

// Run executes main.main of m and returns what it printed and its exit
// status: the status of Exit or of a panic (1), 136 for an integer
// division by zero as SIGFPE gives natively. err reports what is not
// the program's own doing: an *UnsupportedError, an exhausted limit, a
// trap, or a fault of this runtime.
func Run(m *lir.Module, lim Limits) (out string, status int, err error) {
	r := New()
	mach, err := interp.New(m, r.Externs())
	if err != nil {
		return "", 0, err
	}
	mach.MaxSteps = cmp.Or(lim.MaxSteps, defaultMaxSteps)
	mach.MaxDepth = cmp.Or(lim.MaxDepth, defaultMaxDepth)
	defer func() {
		if x := recover(); x != nil {
			out, status, err = r.Output(), 0, fmt.Errorf("host runtime: %v", x)
		}
	}()
	_, err = mach.Call("main.main")
	var exit ExitError
	var undefined *interp.UndefinedError
	switch {
	case err == nil:
		return r.Output(), 0, nil
	case errors.As(err, &exit):
		return r.Output(), exit.Code, nil
	case errors.Is(err, interp.ErrTrap) && strings.Contains(err.Error(), "division"):
		return r.Output(), 136, nil
	case errors.As(err, &undefined):
		return r.Output(), 0, &UnsupportedError{Func: undefined.Name}
	}
	return r.Output(), 0, err
}
