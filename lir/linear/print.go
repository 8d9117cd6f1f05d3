package linear

import (
	"github.com/naturekit/naturekit/ast"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/sema"
)

// builtin lowers a call of print, println, panic or assert.
func (fb *funcBuilder) builtin(e *ast.CallExpr, c *sema.Call) lir.Operand {
	switch c.Builtin {
	case sema.BuiltinPrint, sema.BuiltinPrintln:
		if e.Ellipsis.IsValid() {
			fb.unsupported(e, "spreading the arguments of print")
		}
		fb.print(e.Args, c.Builtin == sema.BuiltinPrintln)
		return lir.Operand{}
	case sema.BuiltinPanic, sema.BuiltinAssert:
		if len(e.Args) != 1 {
			break
		}
		arg := e.Args[0]
		// The reference reports the end of the last argument (builtins.md §3.2).
		pos := fb.pos(fb.m.refEnd(arg))
		if c.Builtin == sema.BuiltinAssert {
			fb.rtcall(lir.Void, "Assert", fb.value(arg), pos)
			return lir.Operand{}
		}
		fb.rtcall(lir.Void, "Panic", fb.valueAs(arg, sema.Typ[sema.String]), pos)
		fb.b.Unreachable()
		fb.dead = true
		return lir.Operand{}
	case sema.BuiltinErrorf:
		return fb.errorf(e, c) // errors.go
	}
	fb.unsupported(e, "built-in "+exprName(e.Fun))
	return lir.Operand{}
}

func exprName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "function"
}

// print lowers print and println. Each argument is printed according to
// its static type, so no box is made (spec/builtins.md §2): println
// separates arguments with one space and ends the line; both end the
// statement with PrintEnd, which flushes the runtime's buffer.
//
// Every argument is evaluated before anything is printed, as the
// reference does: a panic in the last argument leaves no partial line.
func (fb *funcBuilder) print(args []ast.Expr, ln bool) {
	vals := make([]lir.Operand, len(args))
	for i, a := range args {
		vals[i] = fb.expr(a)
		if _, ok := ast.Unparen(a).(*ast.Ident); ok {
			// A variable's own register: a later argument (a match
			// arm's block) could assign it.
			vals[i] = fb.hold(vals[i])
		}
	}
	for i, a := range args {
		if ln && i > 0 {
			fb.rtcall(lir.Void, "PrintByte", lir.Int(lir.I8, ' '))
		}
		fb.printValue(a, vals[i])
	}
	if ln {
		fb.rtcall(lir.Void, "PrintByte", lir.Int(lir.I8, '\n'))
	}
	fb.rtcall(lir.Void, "PrintEnd")
}

// hold copies a register value into a fresh register, so that later
// code assigning the original register (a variable) does not change it.
func (fb *funcBuilder) hold(x lir.Operand) lir.Operand {
	if x.Kind != lir.RegOperand {
		return x
	}
	r := fb.temp(x.Type)
	fb.b.Assign(r, x)
	return fb.f.Reg(r)
}

// printValue prints one argument, x, the value of a.
func (fb *funcBuilder) printValue(a ast.Expr, x lir.Operand) {
	t := fb.typeOf(a)
	switch {
	case isBoxed(t):
		fb.rtcall(lir.Void, "PrintAny", x)
	case sema.IsString(t):
		fb.rtcall(lir.Void, "PrintString", x)
	case sema.IsBool(t):
		fb.rtcall(lir.Void, "PrintBool", x)
	case sema.IsFloat(t):
		if x.Type == lir.F32 {
			x = fb.b.Convert(lir.OpFExt, lir.F64, x)
		}
		fb.rtcall(lir.Void, "PrintFloat", x)
	case isEnum(t):
		fb.rtcall(lir.Void, "PrintHex", fb.resize(x, lir.I64, false))
	case sema.IsUnsigned(t):
		fb.rtcall(lir.Void, "PrintUint", fb.resize(x, lir.I64, false))
	case sema.IsInteger(t):
		fb.rtcall(lir.Void, "PrintInt", fb.resize(x, lir.I64, true))
	case valueKind(t) == abi.KindNull:
		fb.rtcall(lir.Void, "PrintNull")
	case x.Type == lir.Ptr:
		fb.rtcall(lir.Void, "PrintPtr", x)
	case x.Kind == lir.IntOperand: // anyptr
		fb.rtcall(lir.Void, "PrintPtr", lir.Int(lir.Ptr, x.Imm))
	default:
		fb.rtcall(lir.Void, "PrintPtr", fb.b.Convert(lir.OpBitcast, lir.Ptr, x))
	}
}
