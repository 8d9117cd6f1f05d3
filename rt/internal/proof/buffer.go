package proof

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// bufferBytes is the capacity of a Buffer.
const bufferBytes = 1 << 20

// Buffer collects output in memory the program maps itself.
type Buffer struct {
	p unsafe.Pointer
	n uintptr
}

// Init maps the buffer's memory.
func (b *Buffer) Init() {
	p, errno := sys.Mmap(bufferBytes)
	if errno != 0 {
		sys.Abort("proof: cannot map the output buffer")
	}
	b.p, b.n = p, 0
}

// Release unmaps the buffer.
func (b *Buffer) Release() { sys.Munmap(b.p, bufferBytes) }

// Bytes returns the buffer's contents.
func (b *Buffer) Bytes() []byte { return unsafe.Slice((*byte)(b.p), b.n) }

func (b *Buffer) byte1(c byte) {
	if b.n == bufferBytes {
		sys.Abort("proof: output buffer full")
	}
	*(*byte)(unsafe.Add(b.p, b.n)) = c
	b.n++
}

// Str appends s.
func (b *Buffer) Str(s string) {
	for i := 0; i < len(s); i++ {
		b.byte1(s[i])
	}
}

// Nl appends a newline.
func (b *Buffer) Nl() { b.byte1('\n') }

// Uint appends v in decimal.
func (b *Buffer) Uint(v uint64) {
	var digits [20]byte
	i := len(digits)
	for {
		i--
		digits[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			break
		}
	}
	for ; i < len(digits); i++ {
		b.byte1(digits[i])
	}
}

// Int appends v in decimal.
func (b *Buffer) Int(v int64) {
	if v < 0 {
		b.byte1('-')
		b.Uint(uint64(-v))
		return
	}
	b.Uint(uint64(v))
}

// Append appends the contents of c.
func (b *Buffer) Append(c *Buffer) {
	for i := uintptr(0); i < c.n; i++ {
		b.byte1(*(*byte)(unsafe.Add(c.p, i)))
	}
}

// Flush writes the buffer to standard output and empties it.
func (b *Buffer) Flush() {
	for off := uintptr(0); off < b.n; {
		w, errno := sys.Write(1, unsafe.Add(b.p, off), b.n-off)
		if errno != 0 || w <= 0 {
			sys.Abort("proof: write failed")
		}
		off += uintptr(w)
	}
	b.n = 0
}
