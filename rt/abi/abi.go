// Package abi is the contract between compiled Nature code and the
// runtime: the numbers both sides must agree on, defined once.
//
// The compiler (lir/linear) emits code and data that use these offsets,
// sizes and kind numbers; the runtime (rt/lang, rt/alloc) names the
// same constants for its Go structs, whose layouts its tests check
// against them with unsafe.Offsetof. The package imports nothing, so
// the compiler can depend on it without pulling in the runtime, and the
// runtime compiler (rt/gofront) compiles it like any runtime package.
// docs/runtime-abi.md describes what each constant means.
package abi

// Value kinds of an any (or union) box, of map and set keys, and of the
// runtime's value formatting (rt/lang's Any.Kind).
const (
	KindBool   = 1 // 0 or 1
	KindInt    = 2 // signed integer, sign-extended to 64 bits
	KindUint   = 3 // unsigned integer, zero-extended
	KindFloat  = 4 // f64 bits (f32 is widened first)
	KindString = 5 // *String
	KindNull   = 6 // no value
	KindPtr    = 7 // any other value: printed as C %p
	KindHex    = 8 // simple enum: printed as 0x + lowercase hex, also for 0
)

// VecElemPtr is added to a vec's element size (Vec.Elem) when the
// elements are pointers the collector must trace.
const VecElemPtr = 256

// Byte offsets and sizes of the runtime's value headers (rt/lang's
// String, Vec, Any, Map and closure objects).
const (
	StringOffData = 0
	StringOffLen  = 8
	StringSize    = 16

	VecOffData = 0
	VecOffLen  = 8
	VecOffCap  = 16
	VecOffElem = 24
	VecSize    = 32

	// A box (any, unions, nullables: Any) and an interface value
	// (Iface) are both two words: what identifies the value's type —
	// its type descriptor in a box, its method table in an interface
	// value, whose first word is the descriptor — then the value's bits.
	AnyOffType  = 0
	AnyOffValue = 8
	AnySize     = 16

	IfaceOffItab  = 0
	IfaceOffValue = 8
	IfaceSize     = 16

	MapSize = 56

	// ClosureOffFn is where a closure object keeps its code address;
	// captured values follow, laid out by the compiler.
	ClosureOffFn = 0
)

// Byte offsets of a type descriptor's fields (rt/alloc's Type) and its
// size. Compiled code emits descriptors in this layout into its data.
const (
	TypeOffSize     = 0
	TypeOffAlign    = 8
	TypeOffPtrBytes = 16
	TypeOffHash     = 24
	TypeOffGCBits   = 32
	TypeOffKind     = 40
	TypeSize        = 48
)

// Type kinds of a descriptor's Kind field, numbered as Go's
// reflect.Kind so that the Nature compiler and the runtime's own Go
// compiler share them.
const (
	TypeKindInvalid       = 0
	TypeKindBool          = 1
	TypeKindInt           = 2
	TypeKindInt8          = 3
	TypeKindInt16         = 4
	TypeKindInt32         = 5
	TypeKindInt64         = 6
	TypeKindUint          = 7
	TypeKindUint8         = 8
	TypeKindUint16        = 9
	TypeKindUint32        = 10
	TypeKindUint64        = 11
	TypeKindUintptr       = 12
	TypeKindFloat32       = 13
	TypeKindFloat64       = 14
	TypeKindArray         = 17
	TypeKindChan          = 18
	TypeKindFunc          = 19
	TypeKindInterface     = 20
	TypeKindMap           = 21
	TypeKindPointer       = 22
	TypeKindSlice         = 23
	TypeKindString        = 24
	TypeKindStruct        = 25
	TypeKindUnsafePointer = 26
)

// A Nature type descriptor is rt/alloc's Type (TypeSize bytes, so the
// allocator can use it as it is) followed by what the language needs at
// run time: is/as, printing, interface dispatch and reflection. The
// compiler emits one per type the program uses at run time, deduplicated
// module-wide, so two descriptors are the same type exactly when their
// addresses are equal (Hash is the same identity as a number).
const (
	TypeOffNKind    = 48  // i64: the Nature kind (NKind*), reflect's numbering
	TypeOffValue    = 56  // i64: the value Kind* of a value of the type: how a box of it prints and is traced
	TypeOffName     = 64  // *String: the type as the reference spells it (int, [u8], main.point, ref<main.point>)
	TypeOffElem     = 72  // *Type: element of vec, set, array, chan, ptr and ref; value of map; result of fn; T of T?
	TypeOffKey      = 80  // *Type: key of map
	TypeOffLen      = 88  // i64: length of an array
	TypeOffItems    = 96  // *[NItems]TypeItem: fields, tuple elements, union terms, fn parameters, interface methods
	TypeOffNItems   = 104 // i64
	TypeOffItabs    = 112 // *[NItabs]*Itab: the method tables of the type, one per interface of the program it implements
	TypeOffNItabs   = 120 // i64
	TypeOffRefSize  = 128 // i64: the reference's storage size of a value (@sizeof, reflect's type_t.size)
	TypeOffRefAlign = 136 // i64: the reference's alignment, which reflect lays struct fields out with
	TypeDescSize    = 144

	// TypeItem: one field, element, term, parameter or method.
	TypeItemOffName   = 0  // *String: field or method name; nil otherwise
	TypeItemOffType   = 8  // *Type: its type (a method's fn type)
	TypeItemOffOffset = 16 // i64: byte offset of a field or tuple element in the object
	TypeItemSize      = 24

	// Itab: the method table of one concrete type for one interface,
	// built by the compiler. Fn holds the code addresses in the order of
	// the interface's methods (sema's AllMethods: declared ones, then
	// those of the extended interfaces, depth first); each takes the
	// interface value's Value word as its first argument.
	ItabOffType  = 0  // *Type: the concrete (dynamic) type
	ItabOffIface = 8  // *Type: the interface
	ItabOffFn    = 16 // [n] code addresses

	// The type table: the symbol the compiler defines when a program
	// reflects on types (@reflect_hash), {n i64, n descriptor pointers in
	// increasing Hash order}, which rt/lang's TypeByHash searches.
	TypeTableSymbol = "nk.rtypes"

	// The collector's marking flag: a 32-bit word of .data (rt/lang's
	// marking.asm), non-zero from a cycle's first pause to its
	// second, while pointer stores must go through WriteBarrier. Compiled
	// code may test it and store directly when it is 0
	// (docs/runtime-abi.md, "The write barrier").
	GCMarkingSymbol = "nk.gc.marking"

	// The barriered store's slow path (rt/lang's barrier_<arch>.asm):
	// compiled code calls it while GCMarkingSymbol is set, with the slot
	// and the value on the stack; it calls WriteBarrier and preserves
	// every register (docs/runtime-abi.md, "The write barrier").
	GCBarrierSlowSymbol = "nk.gc.barrier.slow"
)

// Nature kinds of a type descriptor's NKind, numbered as the reference's
// reflect package numbers them (spec/stdlib.md).
const (
	NKindNull        = 1
	NKindBool        = 2
	NKindI8          = 3
	NKindU8          = 4
	NKindI16         = 5
	NKindU16         = 6
	NKindI32         = 7
	NKindU32         = 8
	NKindI64         = 9
	NKindU64         = 10
	NKindF32         = 11
	NKindF64         = 12
	NKindString      = 13
	NKindVec         = 14
	NKindArr         = 15
	NKindMap         = 16
	NKindSet         = 17
	NKindTup         = 18
	NKindStruct      = 19
	NKindFn          = 20
	NKindChan        = 21
	NKindCoroutine   = 22
	NKindRef         = 23
	NKindPtr         = 24
	NKindAnyptr      = 25
	NKindAny         = 26
	NKindUnion       = 27
	NKindInterface   = 28
	NKindTaggedUnion = 29
	NKindEnum        = 30
)

// The position table (docs/runtime-abi.md, "The position table"): what
// the back end (lower/amd64, Options.PCTable) emits under the symbol
// nk.pctab and the runtime reads (rt/lang's pctab.go) to map a code
// address to its function and source position. Offsets are in bytes
// from the start of each record; Lo and Hi of a line are offsets from
// the function's entry.
const (
	PCTabOffNFuncs  = 0 // u64
	PCTabOffFuncs   = 8 // ptr to NFuncs funcs, in address order
	PCTabOffNFiles  = 16
	PCTabOffFiles   = 24 // ptr to NFiles files
	PCTabHeaderSize = 32

	PCTabFuncOffEntry   = 0  // ptr: the function's first byte
	PCTabFuncOffSize    = 8  // u32: its code size
	PCTabFuncOffNLines  = 12 // u32
	PCTabFuncOffName    = 16 // ptr to the name backtraces print (nil: generated code)
	PCTabFuncOffNameLen = 24 // u64
	PCTabFuncOffLines   = 32 // ptr to NLines lines, in address order
	PCTabFuncSize       = 40

	PCTabLineOffLo   = 0  // u32: first byte of the instruction's code
	PCTabLineOffHi   = 4  // u32: the byte after it (a call's return address)
	PCTabLineOffLine = 8  // u32
	PCTabLineOffFile = 12 // u32: index into the files
	PCTabLineOffCol  = 16 // u16
	PCTabLineOffKind = 18 // u16: PCTabCall, PCTabDivide or PCTabMemory
	PCTabLineSize    = 20

	PCTabCall   = 1 // a call: Hi is its return address
	PCTabDivide = 2 // integer division or remainder
	PCTabMemory = 3 // a load or store through a pointer

	PCTabFileOffName = 0 // ptr to the path runtime messages print
	PCTabFileOffLen  = 8 // u64
	PCTabFileSize    = 16
)

// Errors (docs/runtime-abi.md, "Errors"): an errable function takes the
// address of an error slot as a hidden last parameter. The slot is two
// words in a caller's frame that compiled code alone reads and writes:
// the error being raised (an interface value of throwable, nil while
// there is none) and its trace, a vec of 8-byte addresses of read-only
// frame records the runtime prints when the error escapes main.
const (
	ErrSlotOffErr   = 0
	ErrSlotOffTrace = 8
	ErrSlotSize     = 16

	ErrFrameOffName = 0 // ptr to a String: the function, as backtraces print it
	ErrFrameOffPos  = 8 // ptr to a String: path:line:col
	ErrFrameSize    = 16

	// ErrTraceElem is the Vec.Elem of a trace: the frame records are
	// read-only data, never traced.
	ErrTraceElem = 8
)

// Coroutines (docs/runtime-abi.md, "Coroutines"): the arms of a select
// statement, as compiled code lays them out for rt.lang.Select — one
// record per arm in source order: the channel, the kind, and the value
// to send (SelSend) or, once a receive arm ran, the value received.
const (
	SelCaseOffChan = 0
	SelCaseOffKind = 8
	SelCaseOffVal  = 16
	SelCaseSize    = 24

	SelSend = 1
	SelRecv = 2

	// CoSame is @async's placement flag co.SAME: the new coroutine runs
	// on its spawner's processor.
	CoSame = 1 << 2
)
