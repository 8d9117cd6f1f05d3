// Package linear lowers a checked Nature program (package ast plus the
// facts of package sema) to one LIR module in linear form, the input of
// the middle end:
//
//	*ast.File + *sema.Info ─linear.Build─> *lir.Module (linear) ─cfg─> ...
//
// Every Nature function f of module main becomes @main.f (methods
// @main.T.m, closures @main.f.lambda.N, and one function per generic
// function and list of type arguments, @"main.f<int>", generic.go); the
// program entry is
// func @main.main() void, which runs the global initialisers in sema's
// InitOrder and then the body of Nature's main. The runtime entry points
// the code calls (rtcall @rt.lang.Name) are declared as externs.
//
// # Values
//
// Every Nature value lives in one LIR register, as docs/runtime-abi.md
// lays down: bool and integers in i8..i64 (signedness is in the
// operations), floats in f32/f64, and everything else as a ptr — strings
// and vecs point at immutable headers (nil is empty), maps and sets at
// runtime objects, structs and tuples at heap objects with their members
// in C layout, fn values at closure objects, any and unions at Any boxes
// (nil is null). A ref<T> or ptr<T> of a struct is the pointer to the
// struct's object itself, so *self methods change the caller's struct.
//
// Structs and tuples have value semantics: an rvalue read from a
// variable, field or element is copied (copy.go) when it is stored
// somewhere new — declaration, assignment, argument, return, element of
// a literal — so no two places share an object.
//
// Variables live in registers; a variable captured by a closure and
// assigned after its declaration, or a scalar whose address is taken,
// lives in a heap cell shared by the function and its closures
// (closure.go). Which variables those are, and what each closure
// captures, is what sema records (sema.Var.Captured, Assigned,
// AddrTaken, sema.Func.Captures): this package does not analyse the tree
// a second time.
//
// Heap objects the compiler allocates (structs, tuples, closures, cells)
// are described by read-only type descriptors in rt/alloc.Type layout
// with their pointer masks, and every pointer store into a heap object is
// preceded by a call of rt.lang.WriteBarrier. String constants are
// read-only String headers followed by their bytes.
//
// # Errors
//
// Build reports constructs it cannot lower yet as
// "file:line:col: linear: <construct> is not supported yet" in a
// lex.ErrorList and never panics. It keeps no state between calls, so
// programs may be lowered concurrently. docs/linear.md lists what is
// supported.
package linear
