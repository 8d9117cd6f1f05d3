// Package objconv turns the assembler's in-memory result (asm.Object)
// into the linker's ELF object model (object.File). The two modules do
// not import each other — each is reusable alone — so the conversion
// lives with code that uses both: rt/build, which native runtime builds
// need anyway; this package keeps the tools' import short.
package objconv

import (
	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/link/object"
	"github.com/naturekit/naturekit/rt/build"
)

// FromAsm converts an assembled object. name is the file name used in the
// linker's error messages.
func FromAsm(name string, o *asm.Object) (*object.File, error) {
	return build.FromAsm(name, o)
}
