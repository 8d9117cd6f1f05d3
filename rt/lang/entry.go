package lang

import (
	"unsafe"
)

// The entry points: the functions compiled Nature code calls, listed in
// docs/runtime-abi.md with the same names and parameter order. Each is a
// thin wrapper over the process's Runtime; the pure ones (VecLen,
// StringCompare, MapContains, ...) are defined with their data types.

// proc is the process's runtime, and the only package-level mutable
// state of rt/lang. Compiled code calls entry points as plain functions
// with scalar arguments and no context pointer, so the one heap, cache
// and output buffer of an executable must live at a fixed address. A
// native build places it in .bss. Everything else in the package works
// on a *Runtime, so host tests use instances of their own and never touch
// proc.
var proc Runtime

// process returns the process's runtime, initialising it on first use,
// so entry points work even if program start has not called Init yet.
// Inlined into every entry point: a load and a branch, not a call.
//
//naturekit:inline
func process() *Runtime {
	if !proc.ready {
		proc.Init(processConfig())
	}
	return &proc
}

// Init initialises the process's runtime; program start calls it.
// Later calls do nothing.
func Init() { process() }

// Exit is (*Runtime).Exit on the process's runtime.
func Exit(code int64) { process().Exit(code) }

// GC is (*Runtime).Collect on the process's runtime: runtime.gc().
func GC() { process().Collect() }

// MallocBytes is (*Runtime).MallocBytes on the process's runtime:
// runtime.malloc_bytes().
func MallocBytes() int64 { return process().MallocBytes() }

// InHeap is (*Runtime).InHeap on the process's runtime:
// runtime.in_heap(p).
func InHeap(p unsafe.Pointer) bool { return process().InHeap(p) }

// AllocBytes is (*Runtime).AllocBytes on the process's runtime.
func AllocBytes(n int64) unsafe.Pointer { return process().AllocBytes(n) }

// WriteBarrier is (*Runtime).WriteBarrier on the process's runtime.
func WriteBarrier(slot *unsafe.Pointer, val unsafe.Pointer) {
	process().WriteBarrier(slot, val)
}

// PrintString is (*Runtime).PrintString on the process's runtime.
func PrintString(s *String) { printer().PrintString(s) }

// PrintInt is (*Runtime).PrintInt on the process's runtime.
func PrintInt(v int64) { printer().PrintInt(v) }

// PrintUint is (*Runtime).PrintUint on the process's runtime.
func PrintUint(v uint64) { printer().PrintUint(v) }

// PrintFloat is (*Runtime).PrintFloat on the process's runtime.
func PrintFloat(v float64) { printer().PrintFloat(v) }

// PrintBool is (*Runtime).PrintBool on the process's runtime.
func PrintBool(b bool) { printer().PrintBool(b) }

// PrintNull is (*Runtime).PrintNull on the process's runtime.
func PrintNull() { printer().PrintNull() }

// PrintPtr is (*Runtime).PrintPtr on the process's runtime.
func PrintPtr(p unsafe.Pointer) { printer().PrintPtr(p) }

// PrintHex is (*Runtime).PrintHex on the process's runtime.
func PrintHex(v uint64) { printer().PrintHex(v) }

// PrintByte is (*Runtime).PrintByte on the process's runtime.
func PrintByte(c uint8) { printer().PrintByte(c) }

// PrintAny is (*Runtime).PrintAny on the process's runtime.
func PrintAny(a *Any) { printer().PrintAny(a) }

// PrintEnd is (*Runtime).PrintEnd on the process's runtime.
func PrintEnd() {
	r := printer()
	r.PrintEnd()
	r.printUnlock()
}

// Panic is (*Runtime).Panic on the process's runtime.
func Panic(msg, pos *String) { process().Panic(msg, pos) }

// Assert is (*Runtime).Assert on the process's runtime.
func Assert(cond bool, pos *String) {
	if !cond {
		process().Assert(cond, pos)
	}
}

// PanicIndex is (*Runtime).PanicIndex on the process's runtime.
func PanicIndex(i, n int64, pos *String) { process().PanicIndex(i, n, pos) }

// StringConcat is (*Runtime).StringConcat on the process's runtime.
func StringConcat(a, b *String) *String { return process().StringConcat(a, b) }

// StringIndex is (*Runtime).StringIndex on the process's runtime.
func StringIndex(s *String, i int64, pos *String) uint8 {
	return process().StringIndex(s, i, pos)
}

// StringSlice is (*Runtime).StringSlice on the process's runtime.
func StringSlice(s *String, lo, hi int64, pos *String) *String {
	return process().StringSlice(s, lo, hi, pos)
}

// StringToBytes is (*Runtime).StringToBytes on the process's runtime.
func StringToBytes(s *String) *Vec { return process().StringToBytes(s) }

// StringFromBytes is (*Runtime).StringFromBytes on the process's runtime.
func StringFromBytes(v *Vec) *String { return process().StringFromBytes(v) }

// VecMake is (*Runtime).VecMake on the process's runtime.
func VecMake(elem, n, c int64) *Vec { return process().VecMake(elem, n, c) }

// VecNew is (*Runtime).VecNew on the process's runtime.
func VecNew(elem int64, value uint64, n int64, pos *String) *Vec {
	return process().VecNew(elem, value, n, pos)
}

// VecCapOf is (*Runtime).VecCapOf on the process's runtime.
func VecCapOf(elem, c int64, pos *String) *Vec { return process().VecCapOf(elem, c, pos) }

// VecOver returns a new header of model's element kind (model is not
// nil: a vec<T>.cap_of(1)) over the n elements at data, which it does
// not copy: unsafe.vec_new.
func VecOver(model *Vec, data unsafe.Pointer, n int64) *Vec {
	return process().newHeader(data, n, n, model.Elem)
}

// VecIndex is (*Runtime).VecIndex on the process's runtime.
func VecIndex(v *Vec, i int64, pos *String) unsafe.Pointer {
	return process().VecIndex(v, i, pos)
}

// VecPush is (*Runtime).VecPush on the process's runtime.
func VecPush(v *Vec, elem int64, x uint64) *Vec { return process().VecPush(v, elem, x) }

// VecAppend is (*Runtime).VecAppend on the process's runtime.
func VecAppend(v *Vec, elem int64, w *Vec) *Vec { return process().VecAppend(v, elem, w) }

// VecConcat is (*Runtime).VecConcat on the process's runtime.
func VecConcat(v *Vec, elem int64, w *Vec) *Vec { return process().VecConcat(v, elem, w) }

// VecSlice is (*Runtime).VecSlice on the process's runtime.
func VecSlice(v *Vec, elem, lo, hi int64, pos *String) *Vec {
	return process().VecSlice(v, elem, lo, hi, pos)
}

// VecCopy is (*Runtime).VecCopy on the process's runtime.
func VecCopy(dst, src *Vec) int64 { return process().VecCopy(dst, src) }

// MapNew is (*Runtime).MapNew on the process's runtime.
func MapNew(keyKind int64, valPtr bool) *Map { return process().MapNew(keyKind, valPtr) }

// MapSet is (*Runtime).MapSet on the process's runtime.
func MapSet(m *Map, k, v uint64) { process().MapSet(m, k, v) }

// MapGet is (*Runtime).MapGet on the process's runtime.
func MapGet(m *Map, k uint64, pos *String) uint64 {
	return process().MapGet(m, k, pos)
}

// MapDel is (*Runtime).MapDel on the process's runtime.
func MapDel(m *Map, k uint64) { process().MapDel(m, k) }

// SetNew is (*Runtime).SetNew on the process's runtime.
func SetNew(keyKind int64) *Map { return process().SetNew(keyKind) }

// SetAdd is (*Runtime).SetAdd on the process's runtime.
func SetAdd(s *Map, k uint64) { process().SetAdd(s, k) }

// SetDel is (*Runtime).SetDel on the process's runtime.
func SetDel(s *Map, k uint64) { process().SetDel(s, k) }

// AnyBox is (*Runtime).AnyBox on the process's runtime.
func AnyBox(t *Type, bits uint64) *Any { return process().AnyBox(t, bits) }

// IfaceBox is (*Runtime).IfaceBox on the process's runtime.
func IfaceBox(itab *Itab, bits uint64) *Iface { return process().IfaceBox(itab, bits) }

// IfaceConv is (*Runtime).IfaceConv on the process's runtime.
func IfaceConv(v *Iface, iface *Type) *Iface { return process().IfaceConv(v, iface) }

// Sprintf is (*Runtime).Sprintf on the process's runtime: errorf's
// message.
func Sprintf(format *String, args *Vec) *String { return process().Sprintf(format, args) }

// ErrIndexMsg is (*Runtime).ErrIndexMsg on the process's runtime.
func ErrIndexMsg(i, n int64) *String { return process().ErrIndexMsg(i, n) }

// ErrSliceMsg is (*Runtime).ErrSliceMsg on the process's runtime.
func ErrSliceMsg(lo, hi, n int64) *String { return process().ErrSliceMsg(lo, hi, n) }

// ErrKeyMsg is (*Runtime).ErrKeyMsg on the process's runtime.
func ErrKeyMsg(kind int64, key uint64) *String { return process().ErrKeyMsg(kind, key) }

// ErrUncaught is (*Runtime).ErrUncaught on the process's runtime.
func ErrUncaught(msg *String, trace *Vec) { process().ErrUncaught(msg, trace) }
