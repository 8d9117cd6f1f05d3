package lang

import (
	"testing"
	"unsafe"

	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/alloc"
)

// TestEntryPoints calls every entry point, as compiled code does, in a
// child process: they work on the process's runtime and print to
// standard output.
func TestEntryPoints(t *testing.T) {
	const want = "hello 1 -2 3 2.500000 true null 0 0x10 0x5 x 7\n" +
		"foobar -1 0 1 98 oba 3 abc\n" +
		"5 8 3 2 9 | 2 5 9\n" +
		"3 2 true false 1 b 20 | true false\n" +
		"-0.125000 0x2a\n" +
		"panic: 'index out of range [7] with length 2' at case/main.n:1:2\n"
	expectExit(t, "all", want, 1, func(*Runtime) {
		Init()
		Init() // idempotent
		s := func(x string) *String { return mkstr(&proc, x) }
		sp := func(x string) uint64 { return bitsOf(unsafe.Pointer(s(x))) }
		pos := s("case/main.n:1:2")

		PrintString(s("hello"))
		PrintByte(' ')
		PrintInt(1)
		PrintByte(' ')
		PrintInt(-2)
		PrintByte(' ')
		PrintUint(3)
		PrintByte(' ')
		PrintFloat(2.5)
		PrintByte(' ')
		PrintBool(true)
		PrintByte(' ')
		PrintNull()
		PrintByte(' ')
		PrintPtr(nil)
		PrintByte(' ')
		PrintPtr(ptrOf(16))
		PrintByte(' ')
		PrintHex(5)
		PrintByte(' ')
		PrintAny(AnyBox(kt(abi.KindString), sp("x")))
		PrintByte(' ')
		PrintAny(AnyBox(kt(abi.KindInt), 7))
		PrintByte('\n')
		PrintEnd()

		foo := StringConcat(s("foo"), s("bar"))
		PrintString(foo)
		for _, c := range []int64{StringCompare(s("a"), s("b")), StringCompare(foo, foo), StringCompare(s("b"), s("a"))} {
			PrintByte(' ')
			PrintInt(c)
		}
		PrintByte(' ')
		PrintUint(uint64(StringIndex(foo, 3, pos)))
		PrintByte(' ')
		PrintString(StringSlice(foo, 2, 5, pos))
		PrintByte(' ')
		b := StringToBytes(s("abc"))
		PrintInt(StringLen(StringFromBytes(b)))
		PrintByte(' ')
		PrintString(StringFromBytes(b))
		PrintByte('\n')

		v := VecMake(8, 1, 1)
		*(*int64)(VecIndex(v, 0, pos)) = 5
		v = VecPush(v, 8, 8)
		v = VecAppend(v, 8, VecNew(8, 3, 1, pos))
		v = VecConcat(v, 8, VecCapOf(8, 4, pos))
		w := VecSlice(v, 8, 1, 3, pos)
		for i := int64(0); i < VecLen(v); i++ {
			PrintInt(*(*int64)(VecIndex(v, i, pos)))
			PrintByte(' ')
		}
		PrintInt(VecLen(w))
		PrintByte(' ')
		PrintInt(VecCap(v) + 6)
		PrintByte(' ')
		PrintByte('|')
		PrintByte(' ')
		PrintInt(VecCopy(w, v))
		PrintByte(' ')
		PrintInt(*(*int64)(VecIndex(v, 1, pos)))
		PrintByte(' ')
		PrintInt(*(*int64)(VecIndex(v, 2, pos)) + 1)
		PrintByte('\n')

		m := MapNew(abi.KindString, false)
		MapSet(m, sp("a"), 1)
		MapSet(m, sp("b"), 2)
		MapSet(m, sp("c"), 3)
		MapDel(m, sp("a"))
		MapSet(m, sp("b"), 20)
		PrintInt(MapLen(m) + 1)
		PrintByte(' ')
		PrintUint(MapGet(m, sp("b"), pos) / 10)
		PrintByte(' ')
		PrintBool(MapContains(m, sp("c")))
		PrintByte(' ')
		PrintBool(MapContains(m, sp("a")))
		PrintByte(' ')
		PrintInt(MapLen(m) - 1)
		PrintByte(' ')
		PrintString((*String)(ptrOf(MapKeyAt(m, 1))))
		PrintByte(' ')
		PrintUint(MapValueAt(m, 1))
		PrintByte(' ')
		PrintByte('|')
		PrintByte(' ')
		set := SetNew(abi.KindInt)
		SetAdd(set, 4)
		SetAdd(set, 5)
		SetDel(set, 5)
		PrintBool(SetContains(set, 4))
		PrintByte(' ')
		PrintBool(SetContains(set, 5))
		PrintByte('\n')

		// A compiler-made object: two words, the first a pointer.
		mask := [1]uint8{1}
		typ := &alloc.Type{Size: 16, Align: 8, PtrBytes: 8, GCBits: &mask[0], Kind: alloc.KindStruct}
		obj := (*[2]unsafe.Pointer)(Alloc(typ))
		WriteBarrier(&obj[0], unsafe.Pointer(AnyBox(kt(abi.KindFloat), 0xbfc0000000000000)))
		PrintAny((*Any)(obj[0]))
		PrintByte(' ')
		raw := (*[8]uint8)(AllocBytes(8))
		raw[0] = 42
		PrintHex(uint64(raw[0]))
		PrintByte('\n')
		PrintEnd()

		Assert(true, pos)
		VecIndex(w, 7, pos)
		PrintString(s("not reached"))
		Exit(0)
	})
	expectExit(t, "exit", "out", 7, func(*Runtime) {
		PrintString(mkstr(process(), "out")) // no PrintEnd: Exit flushes
		Exit(7)
	})
	expectExit(t, "panic", "panic: 'bad' at p\n", 1, func(*Runtime) {
		Panic(mkstr(process(), "bad"), mkstr(process(), "p"))
	})
	expectExit(t, "assert", "panic: 'assertion failed' at p\n", 1, func(*Runtime) {
		Assert(false, mkstr(process(), "p"))
	})
}
