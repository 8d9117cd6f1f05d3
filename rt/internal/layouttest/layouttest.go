// Package layouttest checks the layout constants of rt/abi, which
// compiled code and the runtime share, against the Go structs the
// runtime declares. It is for host tests only.
package layouttest

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Check reports an error when the struct v is not size bytes long, or
// when its first len(offsets) fields, in declaration order, are not at
// offsets. Fields after those are not checked.
func Check(t testing.TB, v any, size uintptr, offsets ...uintptr) {
	t.Helper()
	typ := reflect.TypeOf(v)
	if typ.Kind() != reflect.Struct {
		t.Fatalf("layouttest.Check of %v: not a struct", typ)
	}
	if typ.Size() != size {
		t.Errorf("%v is %d bytes, rt/abi says %d", typ, typ.Size(), size)
	}
	if len(offsets) > typ.NumField() {
		t.Fatalf("%v has %d fields, %d offsets given", typ, typ.NumField(), len(offsets))
	}
	for i, off := range offsets {
		if f := typ.Field(i); f.Offset != off {
			t.Errorf("%v.%s is at %d, rt/abi says %d", typ, f.Name, f.Offset, off)
		}
	}
}

// CheckAsm checks the field offsets a hand-written assembly file
// (src, its text) uses: every line whose comment names a field as
// "# Type.field" or "# Type.field.subfield" (after "#" or "//"), Type
// a key of types, must have a memory operand "[...]" whose constant
// terms add up to that field's offset in Type (fields may be
// unexported; a path goes through nested structs). It reports how
// many lines it checked, so that a test can insist on some.
func CheckAsm(t testing.TB, name, src string, types map[string]reflect.Type) int {
	t.Helper()
	n := 0
	for i, line := range strings.Split(src, "\n") {
		code, comment, ok := cutComment(line)
		if !ok {
			continue
		}
		path := strings.Fields(comment)
		if len(path) == 0 {
			continue
		}
		parts := strings.Split(strings.TrimRight(path[0], ":,;"), ".")
		typ, known := types[parts[0]]
		if !known || len(parts) < 2 {
			continue
		}
		want, err := fieldOffset(typ, parts[1:])
		if err != nil {
			t.Errorf("%s:%d: %v", name, i+1, err)
			continue
		}
		got, err := displacement(code)
		if err != nil {
			t.Errorf("%s:%d: %v", name, i+1, err)
			continue
		}
		if got != want {
			t.Errorf("%s:%d: %s is at %d, the operand says %d", name, i+1, strings.Join(parts, "."), want, got)
		}
		n++
	}
	return n
}

// cutComment splits an assembly line at its comment: "//" (arm64's,
// where "#" starts an immediate), else "#" (amd64's).
func cutComment(line string) (code, comment string, ok bool) {
	if i := strings.Index(line, "//"); i >= 0 {
		return line[:i], line[i+2:], true
	}
	if i := strings.Index(line, "#"); i >= 0 {
		return line[:i], line[i+1:], true
	}
	return line, "", false
}

// fieldOffset is the offset of the field path in typ.
func fieldOffset(typ reflect.Type, path []string) (uintptr, error) {
	off := uintptr(0)
	for _, name := range path {
		if typ.Kind() != reflect.Struct {
			return 0, fmt.Errorf("%v is not a struct", typ)
		}
		f, ok := typ.FieldByName(name)
		if !ok {
			return 0, fmt.Errorf("%v has no field %s", typ, name)
		}
		off += f.Offset
		typ = f.Type
	}
	return off, nil
}

// displacement adds up the constant terms of the memory operand of an
// instruction: "[rsi+rdx*8+8]" is 8, "[x0, #96]" 96.
func displacement(code string) (uintptr, error) {
	lo, hi := strings.Index(code, "["), strings.LastIndex(code, "]")
	if lo < 0 || hi < lo {
		return 0, fmt.Errorf("no memory operand in %q", strings.TrimSpace(code))
	}
	sum := int64(0)
	for _, term := range strings.FieldsFunc(code[lo+1:hi], func(r rune) bool { return r == '+' || r == ',' || r == ' ' }) {
		term = strings.TrimPrefix(term, "#")
		if v, err := strconv.ParseInt(term, 0, 64); err == nil {
			sum += v
		}
	}
	return uintptr(sum), nil
}

// CheckAsmFile is CheckAsm on the file at path, a test's package
// directory's, and reports an error when it checks fewer than min
// operands (an annotation lost in an edit).
func CheckAsmFile(t testing.TB, path string, min int, types map[string]reflect.Type) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := CheckAsm(t, path, string(src), types); n < min {
		t.Errorf("%s: %d operands checked, want at least %d", path, n, min)
	}
}
