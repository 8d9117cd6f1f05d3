// Package lir defines naturekit's low-level intermediate representation:
// the code a front end produces and the middle and back ends transform,
// down to register allocation. The same data types and the same text
// format serve every stage:
//
//	linear  the front end's output: one instruction sequence with labels
//	        and jumps, registers assigned many times (package cfg turns
//	        it into blocks)
//	cfg     basic blocks, each ending in one terminator
//	ssa     each register assigned once, phis at joins (package ssa)
//
// After register allocation a function is in cfg form again, with
// physical registers ($N) and spill slots in place of virtual registers.
//
// The package also has a Builder for front ends, Verify, a parser and a
// printer that round-trip exactly, the dominator tree (Dominators), and
// the arithmetic of every operation (EvalBinary, EvalCompare, ..., and
// Fold on constants), which the interpreter in lir/interp runs programs
// with and optimisers fold constants with. lir/interp is the interpreter
// that defines what LIR programs mean; lir/randprog generates random
// valid functions for testing compilers against it.
//
// # Data
//
// A Module holds Externs (symbols defined elsewhere), Globals
// (initialised data, read-only or not, which may hold symbol addresses)
// and Funcs. A Func keeps its parts in tables indexed by dense integer
// IDs, not in a graph of pointers:
//
//	Func.Values  []ValueInfo  indexed by Value    virtual registers %N and their types
//	Func.Instrs  []Instr      indexed by InstrID  every instruction ever created
//	Func.Blocks  []Block      indexed by BlockID  label, instruction IDs, Preds, Succs
//	Func.Slots   []Slot       indexed by SlotID   stack slots ssN (size, alignment)
//	Func.Syms    []string     indexed by SymID    names of referenced symbols @name
//
// In linear form Func.Linear lists the instruction IDs in order, and a
// Label instruction places a block; in block form each Block lists its
// instructions and Blocks[0] is the entry. Deleting an instruction means
// dropping its ID from its block; the table entry stays behind.
//
// Instr is an interface; each opcode family has one concrete payload type
// (Binary, Unary, Compare, Convert, Load, Store, Addr, Call, Phi,
// Safepoint, Label, Jump, Branch, Return, Unreachable), so a type switch
// gives typed fields. Dest and Operands give uniform access to registers
// for passes that do not care about the opcode; both return pointers so
// operands can be rewritten in place.
//
// An Operand is a small value: a virtual register (%3), a physical
// register ($3, numbered by the target), an integer or float constant, the
// address of a symbol (@name) or of a stack slot (ss0). Every operand
// carries its Type.
//
// # Types
//
// i8, i16, i32, i64, f32, f64 and ptr (64 bits, usable in integer
// arithmetic). Integers have no signedness; operations do (sdiv/udiv,
// slt/ult, sext/zext). Booleans are integers that are 0 or 1; compares
// produce them, usually as i8, and br takes any integer.
//
// # Text format
//
// The format is line-oriented: one declaration, label or instruction per
// line. '#' and '//' start comments. Grammar (EBNF; NL is a newline;
// literal tokens are quoted):
//
//	module    = { extern | global | func | NL } .
//	extern    = "extern" SYM NL .
//	global    = ( "data" | "rodata" ) SYM "align" INT "{" NL { item NL } "}" NL .
//	item      = ("i8" | "i16" | "i32" | "i64") INT | ("f32" | "f64") FLOAT
//	          | "ptr" SYM [ ("+" | "-") INT ] | "bytes" STRING | "zero" INT .
//	func      = "func" SYM "(" [ param { "," param } ] ")" result form
//	            [ "pos" STRING ] "{" NL { slot NL } { label | instr NL } "}" NL .
//	param     = REG ":" type .
//	result    = type | "void" .
//	form      = "linear" | "cfg" | "ssa" .
//	slot      = SLOT "=" "slot" INT "align" INT .
//	label     = IDENT ":" NL .
//	instr     = [ dest "=" ] OPCODE [ "." type ] [ operands ] .
//	dest      = ( REG | PHYS ) ":" type .
//	operand   = REG | PHYS | INT | FLOAT | SYM | SLOT .
//	type      = "i8" | "i16" | "i32" | "i64" | "f32" | "f64" | "ptr" .
//
//	REG   = "%" digits     virtual register; the number is the Value
//	PHYS  = "$" digits     physical register of the target
//	SYM   = "@" name       name: letters, digits, '_' and '.'
//	      | "@" STRING     any other name, quoted: @"main.box<int>.get"
//	SLOT  = "ss" digits    stack slot; declared in order ss0, ss1, ...
//	INT   = [ "-" ] digits
//	FLOAT = decimal with '.' or exponent, "inf", "-inf", "nan"
//	STRING is a Go double-quoted string.
//
// The instructions, with the operand syntax of each:
//
//	%d:T = add|sub|mul|sdiv|udiv|srem|urem|and|or|xor|shl|lshr|ashr|rotr x, y
//	%d:T = fadd|fsub|fmul|fdiv x, y
//	%d:T = copy|neg|not|fneg x
//	%d:T = eq|ne|slt|sle|sgt|sge|ult|ule|ugt|uge.S x, y   S: type of x and y
//	%d:T = feq|fne|flt|fle|fgt|fge.S x, y
//	%d:T = sext|zext|trunc|fext|ftrunc|sitof|uitof|ftosi|ftoui|bitcast.S x
//	%d:T = load [addr] | [addr+off] | [addr-off]      loads T.Size() bytes
//	store.S x, [addr+off]                             stores S.Size() bytes
//	storewb.ptr x, [addr+off]                         store through the write barrier
//	%d:ptr = addr base, index, scale, off            base + index*scale + off
//	[%d:T =] call @f(T1 a1, T2 a2, ...)              direct call
//	[%d:T =] callind %p(T1 a1, ...)                  indirect call
//	[%d:T =] rtcall @rt_entry(T1 a1, ...)            runtime call
//	%d:T = phi [pred1: x1], [pred2: x2], ...          ssa form, block tops
//	safepoint
//	jmp L
//	br cond, Lthen, Lelse
//	ret [x]
//	unreachable
//
// Constants take their type from the context: the destination type for
// arithmetic, copies and phis, the suffix for compares, conversions and
// stores, the function's result type for ret, i64 for an addr index and
// a branch condition, and the written type for call arguments. Physical
// registers used as operands take their type the same way. Pointer
// arithmetic is add or sub with a ptr destination and integer operands.
//
// A register's type is written where it is defined ("%3:i64 = ...",
// parameters included); a register may be defined several times in
// linear and cfg form, always with the same type. Uses may come before
// definitions in the text (a phi reading a value from a loop's back edge).
// Block labels are any identifier but "ssN"; a block without a name
// prints as bN.
//
// The linear form of a loop, as a front end emits it:
//
//	func @sum(%0:i64) i64 linear pos "sum.n:1:1" {
//		%1:i64 = copy 0                # s = 0
//		%2:i64 = copy 0                # i = 0
//	loop:
//		%3:i8 = slt.i64 %2, %0
//		br %3, body, done
//	body:
//		%1:i64 = add %1, %2
//		%2:i64 = add %2, 1
//		safepoint
//		jmp loop
//	done:
//		ret %1
//	}
//
// and the same function after cfg.Build and ssa.Build:
//
//	func @sum(%0:i64) i64 ssa pos "sum.n:1:1" {
//	entry:
//		%1:i64 = copy 0
//		%2:i64 = copy 0
//		jmp loop
//	loop:
//		%4:i64 = phi [entry: %1], [body: %6]
//		%5:i64 = phi [entry: %2], [body: %7]
//		%3:i8 = slt.i64 %5, %0
//		br %3, body, done
//	body:
//		%6:i64 = add %4, %5
//		%7:i64 = add %5, 1
//		safepoint
//		jmp loop
//	done:
//		ret %4
//	}
//
// After register allocation registers are physical and values may live
// in spill slots:
//
//	func @sq(%0:i64) i64 cfg {
//		ss0 = slot 8 align 8
//	entry:
//		$0:i64 = copy %0
//		$1:i64 = mul $0, $0
//		store.i64 $1, [ss0]
//		...
//
// Printing a parsed module gives the canonical text, and parsing the
// canonical text gives it back unchanged: Parse(m.String()).String() ==
// m.String(). Parse reports the first error as file:line:col: message and
// never panics.
//
// # Building code
//
// A front end creates a function in linear form and appends to it with a
// Builder:
//
//	f := lir.NewFunc("sum", lir.I64, lir.I64) // func @sum(%0:i64) i64
//	b := lir.NewBuilder(f)
//	s, i := f.NewValue(lir.I64), f.NewValue(lir.I64) // two variables
//	b.Assign(s, lir.Int(lir.I64, 0))
//	b.Assign(i, lir.Int(lir.I64, 0))
//	loop, body, done := b.NewLabel("loop"), b.NewLabel("body"), b.NewLabel("done")
//	b.Label(loop)
//	b.Branch(b.Compare(lir.OpSLt, f.Reg(i), b.Param(0)), body, done)
//	b.Label(body)
//	b.BinaryTo(s, lir.OpAdd, f.Reg(s), f.Reg(i))
//	b.BinaryTo(i, lir.OpAdd, f.Reg(i), lir.Int(lir.I64, 1))
//	b.Safepoint()
//	b.Jump(loop)
//	b.Label(done)
//	b.Return(f.Reg(s))
//
// then hands it to cfg.Build and ssa.Build. Verify checks a function
// in any form and is meant to run after every pass in tests.
//
// # Semantics
//
// Package lir/interp executes modules and is the reference for what each
// instruction does (wrapping integer arithmetic, traps on division by
// zero, shift and rotate counts modulo the width — rotr x, k is
// lshr x, k | shl x, w-k in a type of w bits —, little-endian memory). Calls use
// the platform C ABI in the native back ends: arguments and results are
// typed so that lowering can assign registers without further
// information.
package lir
