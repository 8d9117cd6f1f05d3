// Package gofront is naturekit's second front end: it compiles the
// runtime, written in a restricted subset of Go, to LIR, so that the
// runtime of native programs is built by naturekit's own back end.
//
// # Stages
//
//	embedded sources (package rt) or a checkout (os.DirFS)
//	  -> rt/gofront/internal/pkgload   files of the naturekit build (build tag
//	                           naturekit, linux/amd64 or arm64), go/parser,
//	                           go/types with the gc amd64 sizes
//	  -> golang.org/x/tools/go/ssa   SSA form (NaiveForm off: locals
//	                           whose address is not taken are registers)
//	  -> gofront               every function to LIR in linear form,
//	                           package variables to data globals
//	  -> cfg, ssa, lower/amd64 or lower/arm64 (rt/gofront/build drives these)
//
// Compile takes import paths and returns one lir.Module for them and the
// rt packages they import. It needs no Go toolchain: only the sources.
//
// # The subset
//
// Accepted: integers of every width, uintptr, bool, float32 and
// float64, unsafe.Pointer with unsafe.Add and conversions to and from
// uintptr and other pointers, pointers, structs, fixed arrays, package
// variables (initialised with constants, composite literals of
// constants, and addresses of package variables: they become data, as
// there is no initialisation code), constants, string constants, static
// function and method calls, multiple results, if/for/switch/goto, len,
// cap, min and max of integers, unsafe.Slice/String/SliceData/
// StringData, string indexing, slicing and comparison with == and !=,
// and slices over memory the runtime owns. Indexing and slicing are
// bounds-checked; a failed check calls sys.Abort("index out of range")
// or sys.Abort("slice bounds out of range"). Integer division by zero
// traps (SIGFPE) and a nil dereference faults (SIGSEGV): there is no
// Go runtime to turn them into panics. Shifts follow Go (a count at
// least the width gives 0, or the sign for a signed right shift).
//
// Rejected, each with an error "file:line: <what> is not allowed in the
// runtime (why)" (see testdata/reject): allocations that escape (new,
// &T{...}, slice literals or local variables whose address is stored in
// memory or returned; make with a variable length; an allocation whose
// address is only passed to calls or used locally is a stack slot),
// interfaces, closures and function values, maps, channels, go, defer,
// select, append, copy, clear, string concatenation and conversions,
// range over strings, generics, panic and recover, print and println,
// init functions, non-constant package variable initialisers, variadic
// functions, comparison of struct or array values, imports other than
// unsafe and rt packages. Compile reports every error it finds (up to
// MaxErrors), sorted by position.
//
// # Symbols
//
// A function's symbol is its package's import path without
// "github.com/naturekit/naturekit/", with "/" replaced by ".", then the
// name: rt.sys.Write, rt.lang.PrintInt; a method adds its receiver's
// type name, for pointer and value receivers alike: rt.alloc.Heap.Alloc.
// Package variables are named the same way (rt.alloc.classSize), string
// constants "<package>..str.N" (read-only). The directive
//
//	//naturekit:symbol NAME
//
// on a function's doc comment gives it the symbol NAME instead, which is
// how a Go program defines main.main (see rt/start).
//
// # Calling convention
//
// LIR functions take scalar parameters and return at most one scalar,
// and lower/amd64 passes them under the System V AMD64 ABI (lower/arm64
// under AAPCS64: x0-x7, d0-d7, the result in x0 or d0). A Go
// signature is flattened to that:
//
//   - Each parameter (the receiver first) becomes LIR parameters in
//     order: a scalar one (bool and the integers of 8, 16 and 32 bits as
//     i8, i16, i32; int, uint, uintptr and 64-bit integers as i64;
//     floats as f32/f64; pointers and unsafe.Pointer as ptr); a string
//     two (data ptr, i64 length); a slice three (ptr, i64 len, i64 cap);
//     a struct or array one ptr to a copy of the value, which the callee
//     must not modify (the caller may share it with other reads).
//   - No result: the LIR function returns void. Exactly one scalar
//     result: it is the LIR result, in rax or xmm0; a bool is an i8 that
//     is 0 or 1.
//   - Anything else (two or more results, or one string, slice, struct
//     or array): a hidden first parameter (rdi) points at a result block
//     the caller provides, laid out like a struct whose fields are the
//     results in order (gc amd64 alignment: (int, Errno) puts the
//     second result at offset 8); the callee stores the results there
//     and returns void.
//
// So an exported function whose parameters and result are all scalars
// is a plain System V function with its parameters in order, which is
// what the Nature compiler relies on when it writes
// "rtcall @rt.lang.Name(...)". The assembly stubs of rt/sys follow the
// same rules (sys.Write is rt.sys.Write(result *struct{n int; e
// Errno}, fd, p, n)).
//
// # Values
//
// Inside a function every SSA value gets registers once: one, two or
// three as above, or for a struct or array value a ptr to a private
// copy in a stack slot, made where the value is created (a load, a
// phi, a call result); because SSA values are never modified, reading
// or passing the value passes the pointer. Phis become registers (or
// slots) assigned on each incoming edge, through a block of their own
// when the predecessor branches. Local variables whose address is taken
// are zeroed stack slots. Compile keeps no state between calls.
//
// # Optimisations
//
// The back end optimises each function alone; gofront does what needs
// the Go program or the whole module:
//
//   - Inlining (inline.go, after translation, on the linear LIR): a call
//     of a function of the module is replaced by a renamed copy of its
//     body when the body is about as small as the call (at most 2
//     instructions more than its arguments), or calls nothing and has
//     at most 10 instructions, or the call is inside a loop and the body
//     has at most 20; three rounds, never a function into itself, never
//     one that calls GetSP, GetFP or SpillRegisters (they name their
//     caller's frame). Config.NoInline turns it off. Two directives on
//     a function's doc comment override the size rules: with
//     "//naturekit:inline" the function is inlined at every call (up to
//     200 instructions: the pieces of the allocator's fast path), with
//     "//naturekit:noinline" nowhere (rt/lang's Runtime.alloc, which
//     would otherwise be copied, with the fast path inlined into it,
//     into every allocating function).
//   - Results in registers after inlining (promote.go): a stack slot
//     only ever loaded and stored whole at fixed offsets — the result
//     block of an inlined call, a small local struct — becomes
//     registers. The inlined callee writes its results through the
//     register standing for its result pointer ("%p = copy ssN"); a
//     register only ever set to one slot's address and only used as
//     an address of loads and stores is replaced by the slot first.
//     Calls that are not inlined still return several results through
//     a result block: LIR calls have one result.
//   - Bounds-check elimination (bce.go): no check when the index is a
//     constant in range, an unsigned type too narrow to reach the
//     length, x&c or x%c with c at most the length, or guarded by a
//     dominating "i < K" (K a constant at most an array's length, or
//     len of the same slice). The same facts drop the range check of a
//     shift count (i%64, i&63, a guarded count).
//   - Unsigned division and remainder by a power of two become a shift
//     and a mask (ops.go); loads and stores through a field address use
//     the base and the field offset directly (instr.go, fold).
package gofront
