package proof

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/internal/textout"
	"github.com/naturekit/naturekit/rt/sys"
)

// bufferBytes is the capacity of a Buffer.
const bufferBytes = 1 << 20

// Buffer collects output in memory the program maps itself.
type Buffer struct {
	textout.Buffer
}

// Init maps the buffer's memory.
func (b *Buffer) Init() {
	p, errno := sys.Mmap(bufferBytes)
	if errno != 0 {
		sys.Abort("proof: cannot map the output buffer")
	}
	b.P, b.Cap, b.N = p, bufferBytes, 0
}

// Release unmaps the buffer.
func (b *Buffer) Release() { sys.Munmap(b.P, bufferBytes) }

// Field appends label and then v in decimal: one field of an output line.
func (b *Buffer) Field(label string, v uint64) {
	b.Str(label)
	b.Uint(v)
}

// Line3 appends a line of three fields (see Field).
func (b *Buffer) Line3(l1 string, v1 uint64, l2 string, v2 uint64, l3 string, v3 uint64) {
	b.Field(l1, v1)
	b.Field(l2, v2)
	b.Field(l3, v3)
	b.Nl()
}

// Nl appends a newline.
func (b *Buffer) Nl() { b.Byte('\n') }

// Append appends the contents of c.
func (b *Buffer) Append(c *Buffer) {
	for i := uintptr(0); i < c.N; i++ {
		b.Byte(*(*byte)(unsafe.Add(c.P, i)))
	}
}
