package linear

// The runtime ABI as this package compiles against it
// (docs/runtime-abi.md). rt/lang's layout.go and rt/alloc's type.go are
// the source of truth; these are the compiler's copies, which ABI
// exposes so that a test that sees both sides (examples/naturec's
// TestABIAgreement) can check that they agree.

// Kinds of values the runtime distinguishes in Any boxes, map keys and
// printing (docs/runtime-abi.md, "Entry points").
const (
	kindBool   = 1
	kindInt    = 2
	kindUint   = 3
	kindFloat  = 4
	kindString = 5
	kindNull   = 6
	kindPtr    = 7
)

// vecElemPtr is added to a vec's element size when the elements are
// pointers the collector traces (rt/lang.VecElemPtr).
const vecElemPtr = 256

// Layout offsets shared with rt/lang (layout.go there).
const (
	stringOffData = 0
	stringOffLen  = 8
	vecOffData    = 0
	closureOffFn  = 0
)

// The layout of rt/alloc.Type: offsets TypeOff* of rt/alloc/type.go.
const (
	typeSize = 48

	typeKindStruct  = 25 // reflect.Struct
	typeKindFunc    = 19 // reflect.Func
	typeKindPointer = 22 // reflect.Pointer: cells
)

// ABI returns the runtime layout facts the generated code depends on,
// named as rt/lang and rt/alloc name them (lang.StringOffLen,
// alloc.TypeSize, ...).
func ABI() map[string]int64 {
	return map[string]int64{
		"lang.KindBool":      kindBool,
		"lang.KindInt":       kindInt,
		"lang.KindUint":      kindUint,
		"lang.KindFloat":     kindFloat,
		"lang.KindString":    kindString,
		"lang.KindNull":      kindNull,
		"lang.KindPtr":       kindPtr,
		"lang.VecElemPtr":    vecElemPtr,
		"lang.StringOffData": stringOffData,
		"lang.StringOffLen":  stringOffLen,
		"lang.VecOffData":    vecOffData,
		"lang.ClosureOffFn":  closureOffFn,
		"alloc.TypeSize":     typeSize,
		"alloc.KindStruct":   typeKindStruct,
		"alloc.KindFunc":     typeKindFunc,
		"alloc.KindPointer":  typeKindPointer,
	}
}
