package amd64

import (
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/regalloc"
)

// defaultAllocator returns the allocator Compile uses when
// Options.Allocate is nil: package regalloc's.
func defaultAllocator() Allocator {
	return func(f *lir.Func, t *regalloc.Target) error {
		_, err := regalloc.Allocate(f, t)
		return err
	}
}
