//go:build !naturekit || !amd64

package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
)

// Alloc is (*Runtime).Alloc on the process's runtime: compiled code's
// `new`, the runtime's most frequent entry (natively on amd64 written
// by hand: alloc_amd64.asm). On one processor, once initialised, the
// cache's call-free fast path (alloc.Cache.AllocOne) is inlined into
// it, so that it makes no call and saves no register unless that
// declines; then Runtime.alloc does the rest (docs/bench-alloc.md).
func Alloc(t *alloc.Type) unsafe.Pointer {
	if proc.ready && !proc.co.multi {
		if p := proc.cache.AllocOne(t); p != nil {
			return p
		}
	}
	return process().alloc(t, 1)
}

// setFastCache does nothing: only alloc_amd64.asm has a fast cache.
func setFastCache(*alloc.Cache) {}
