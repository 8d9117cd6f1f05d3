package randprog

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/lir/interp"
)

// Inputs are the argument pairs Behaviour runs a function with: zeros,
// small values, and large and negative ones.
var Inputs = [][2]uint64{{0, 0}, {7, 3}, {1 << 40, ^uint64(4)}, {^uint64(0), 9}}

// FloatArg is the f64 argument Behaviour passes with the pair in to a
// function with Config.FloatParam.
func FloatArg(in [2]uint64) float64 { return float64(int64(in[0])%1000) + 0.5 }

// Externs implements, for lir/interp, the externs generated code calls:
// the observe extern (named by c) writes its argument and a comma to
// log; @ext(x, y) returns x*31 + y>>3 + 1 and @fext(x) returns
// mod(3x+1, 1000).
func Externs(c Config, log *strings.Builder) map[string]interp.Extern {
	return map[string]interp.Extern{
		c.ObserveName(): func(_ *interp.Machine, args []uint64) (uint64, error) {
			fmt.Fprintf(log, "%d,", args[0])
			return 0, nil
		},
		"ext": func(_ *interp.Machine, args []uint64) (uint64, error) {
			return args[0]*31 + args[1]>>3 + 1, nil
		},
		"fext": func(_ *interp.Machine, args []uint64) (uint64, error) {
			x := math.Float64frombits(args[0])
			return math.Float64bits(math.Mod(x*3+1, 1000)), nil
		},
	}
}

// Behaviour runs f, a function of module m generated with c or a
// transformed copy of it (in any form), in the interpreter on every
// input, with at most maxSteps instructions each, and summarises what it
// did: the values observed, then the result, " trap;" or " error;". Two
// versions of a function behave alike if their summaries are equal. The
// summary leaves out error messages, which name registers that
// transformations renumber.
func Behaviour(m *lir.Module, f *lir.Func, c Config, maxSteps int64) string {
	mod := &lir.Module{Externs: m.Externs, Globals: m.Globals, Funcs: []*lir.Func{f}}
	for _, g := range m.Funcs {
		if g.Name != f.Name {
			mod.Funcs = append(mod.Funcs, g)
		}
	}
	var sb strings.Builder
	for _, in := range Inputs {
		mc, err := interp.New(mod, Externs(c, &sb))
		if err != nil {
			return err.Error()
		}
		mc.MaxSteps = maxSteps
		args := []uint64{in[0], in[1]}
		if len(f.Params) > 2 {
			args = append(args, math.Float64bits(FloatArg(in)))
		}
		r, err := mc.Call(f.Name, args...)
		switch {
		case errors.Is(err, interp.ErrTrap):
			sb.WriteString(" trap;")
		case err != nil:
			sb.WriteString(" error;")
		default:
			fmt.Fprintf(&sb, " = %d;", r)
		}
	}
	return sb.String()
}
