package gofront

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/naturekit/naturekit/lir"
)

// call translates a static function or method call, or a builtin. The
// result has the registers of type res (a tuple for several results).
func (x *fnc) call(c *ssa.CallCommon, res types.Type, pos token.Pos) []lir.Operand {
	if c.IsInvoke() {
		x.errorf(pos, "interfaces are not allowed in the runtime (method call on %s)", x.typ(c.Value.Type()))
		return x.dummy(res)
	}
	if b, ok := c.Value.(*ssa.Builtin); ok {
		return x.builtin(b, c.Args, res, pos)
	}
	callee := c.StaticCallee()
	switch {
	case callee == nil:
		x.errorf(pos, "calls through function values are not allowed in the runtime (closures)")
		return x.dummy(res)
	case callee.Parent() != nil:
		x.errorf(pos, "closures are not allowed in the runtime (function literal)")
		return x.dummy(res)
	case isGeneric(callee):
		x.errorf(pos, "calls of generic functions are not allowed in the runtime (generics)")
		return x.dummy(res)
	case callee.Synthetic != "":
		x.errorf(pos, "%s is not allowed in the runtime (method value or wrapper)", callee.Synthetic)
		return x.dummy(res)
	}
	for _, a := range c.Args {
		if bad := forbidden(a.Type()); bad != "" {
			x.errorf(pos, "argument of type %s is not allowed in the runtime (%s)", x.typ(a.Type()), bad)
			return x.dummy(res)
		}
	}
	sym := funcSymbol(callee)
	if callee.Blocks == nil {
		x.c.externs[sym] = true
	}
	sig := lowerSignature(callee.Signature)
	var args []lir.Operand
	var block lir.Operand
	results := callee.Signature.Results()
	if sig.sret {
		_, size, align := x.c.layout.tupleOffsets(results)
		block = x.b.Slot(max(size, 1), max(align, 1))
		args = append(args, block)
	}
	for _, a := range c.Args {
		args = append(args, x.value(a)...)
	}
	r := x.b.Call(lir.OpCall, sig.result, x.b.Symbol(sym), args...)
	switch {
	case sig.sret:
		offs, _, _ := x.c.layout.tupleOffsets(results)
		var out []lir.Operand
		for i := 0; i < results.Len(); i++ {
			t := results.At(i).Type()
			if sh, _ := shapeOf(t); sh == shapeMem {
				// The block is this call's own: the value can stay there.
				out = append(out, x.offset(block, offs[i]))
				continue
			}
			out = append(out, x.load(t, block, offs[i])...)
		}
		return out
	case sig.result != lir.Void:
		return []lir.Operand{r}
	}
	return nil
}

// builtin translates the builtins the runtime may use: len, cap, min,
// max and unsafe's Add, Slice, SliceData, String and StringData.
func (x *fnc) builtin(b *ssa.Builtin, args []ssa.Value, res types.Type, pos token.Pos) []lir.Operand {
	switch b.Name() {
	case "len", "cap":
		_, length, _ := x.seqInfo(args[0])
		if b.Name() == "cap" {
			if _, ok := args[0].Type().Underlying().(*types.Slice); ok {
				return []lir.Operand{x.value(args[0])[2]}
			}
		}
		return []lir.Operand{length}
	case "Add":
		p := x.scalar(args[0])
		n := x.toI64(x.scalar(args[1]), args[1].Type())
		return []lir.Operand{x.b.Binary(lir.OpAdd, p, n)}
	case "Slice":
		n := x.toI64(x.scalar(args[1]), args[1].Type())
		return []lir.Operand{x.scalar(args[0]), n, n}
	case "String":
		return []lir.Operand{x.scalar(args[0]), x.toI64(x.scalar(args[1]), args[1].Type())}
	case "SliceData", "StringData":
		return []lir.Operand{x.value(args[0])[0]}
	case "min", "max":
		if !isScalar(res) {
			break
		}
		if isFloat(res) {
			x.errorf(pos, "%s of floats is not allowed in the runtime (NaN and signed zero rules)", b.Name())
			return x.dummy(res)
		}
		op := compareOp(token.LSS, res)
		r := x.scalar(args[0])
		for _, a := range args[1:] {
			v := x.scalar(a)
			if b.Name() == "min" {
				r = x.sel(x.b.Compare(op, v, r), v, r)
			} else {
				r = x.sel(x.b.Compare(op, r, v), v, r)
			}
		}
		return []lir.Operand{r}
	}
	if why, ok := refusedBuiltins[b.Name()]; ok {
		x.errorf(pos, "%s is not allowed in the runtime (%s)", b.Name(), why)
	} else {
		x.errorf(pos, "builtin %s is not allowed in the runtime (unsupported)", b.Name())
	}
	return x.dummy(res)
}

// refusedBuiltins says why the runtime may not call each of these
// builtins.
var refusedBuiltins = map[string]string{
	"append":  "it allocates",
	"copy":    "use sys.Memmove",
	"clear":   "use sys.Memclr",
	"print":   "use sys.Write",
	"println": "use sys.Write",
	"recover": "no panics",
	"close":   "channels",
	"delete":  "maps",
	"complex": "complex numbers",
	"real":    "complex numbers",
	"imag":    "complex numbers",
}
