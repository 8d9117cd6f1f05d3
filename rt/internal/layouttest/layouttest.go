// Package layouttest checks the layout constants of rt/abi, which
// compiled code and the runtime share, against the Go structs the
// runtime declares. It is for host tests only.
package layouttest

import (
	"reflect"
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
