// Package textout appends text to memory a program owns. It is the
// output of the runtime's restricted-Go test programs (rt/internal/proof,
// rt/internal/systest and rt/gofront's testprog), which run both as host
// Go and natively and have neither fmt nor a garbage-collected heap.
package textout

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// A Buffer appends to Cap bytes at P; N bytes are in use.
type Buffer struct {
	P   unsafe.Pointer
	Cap uintptr
	N   uintptr
}

// Bytes returns the buffer's contents.
func (b *Buffer) Bytes() []byte { return unsafe.Slice((*byte)(b.P), b.N) }

// Byte appends c; a full buffer aborts the program.
func (b *Buffer) Byte(c byte) {
	if b.N == b.Cap {
		sys.Abort("textout: buffer full")
	}
	*(*byte)(unsafe.Add(b.P, b.N)) = c
	b.N++
}

// Str appends s.
func (b *Buffer) Str(s string) {
	for i := 0; i < len(s); i++ {
		b.Byte(s[i])
	}
}

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
		b.Byte(digits[i])
	}
}

// Int appends v in decimal.
func (b *Buffer) Int(v int64) {
	if v < 0 {
		b.Byte('-')
		b.Uint(uint64(-v))
		return
	}
	b.Uint(uint64(v))
}

// Flush writes the contents to standard output and empties the buffer.
func (b *Buffer) Flush() {
	for off := uintptr(0); off < b.N; {
		w, errno := sys.Write(1, unsafe.Add(b.P, off), b.N-off)
		if errno != 0 || w <= 0 {
			sys.Abort("textout: write failed")
		}
		off += uintptr(w)
	}
	b.N = 0
}
