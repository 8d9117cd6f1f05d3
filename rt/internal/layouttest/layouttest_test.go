package layouttest

import (
	"fmt"
	"reflect"
	"testing"
)

// recorder is a testing.TB that keeps the errors reported to it.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

type pair struct {
	A uint32
	B uint64
}

func TestCheck(t *testing.T) {
	for _, c := range []struct {
		size    uintptr
		offsets []uintptr
		want    []string
	}{
		{16, []uintptr{0, 8}, nil},
		{16, []uintptr{0}, nil},
		{12, []uintptr{0, 4}, []string{
			"layouttest.pair is 16 bytes, rt/abi says 12",
			"layouttest.pair.B is at 8, rt/abi says 4",
		}},
	} {
		r := &recorder{TB: t}
		Check(r, pair{}, c.size, c.offsets...)
		if fmt.Sprint(r.errs) != fmt.Sprint(c.want) {
			t.Errorf("Check(pair, %d, %v) reported %q, want %q", c.size, c.offsets, r.errs, c.want)
		}
	}
}

type outer struct {
	x     uint64
	inner pair
}

func TestCheckAsm(t *testing.T) {
	src := "\tmov rax, qword ptr [rdi+8]   # pair.B\n" +
		"\tmov eax, dword ptr [rdi+rcx*8+16]   # outer.inner.B\n" +
		"\tldr x1, [x0, #4]   // pair.B\n" +
		"\tmov rax, rdi   # pair.B\n" +
		"\tmov rax, [rdi]   # unknown.B\n"
	r := &recorder{TB: t}
	n := CheckAsm(r, "x.asm", src, map[string]reflect.Type{"pair": reflect.TypeFor[pair](), "outer": reflect.TypeFor[outer]()})
	want := []string{
		"x.asm:3: pair.B is at 8, the operand says 4",
		`x.asm:4: no memory operand in "mov rax, rdi"`,
	}
	if n != 3 || fmt.Sprint(r.errs) != fmt.Sprint(want) {
		t.Errorf("CheckAsm checked %d lines, reported %q; want 3, %q", n, r.errs, want)
	}
}
