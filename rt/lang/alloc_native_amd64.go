//go:build naturekit

package lang

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
)

// Alloc is (*Runtime).Alloc on the process's runtime: compiled code's
// `new`, the runtime's most frequent entry. Its fast path, what
// alloc_go.go's Alloc inlines on other builds (alloc.Cache.AllocOne),
// is written by hand (alloc_amd64.asm), which jumps to allocGo when it
// declines.
func Alloc(t *alloc.Type) unsafe.Pointer

// allocGo is the rest of Alloc: the cache's whole fast path and the
// slow path.
func allocGo(t *alloc.Type) unsafe.Pointer { return process().alloc(t, 1) }

// setFastCache sets the cache Alloc's fast path allocates from: the
// process's, while one processor runs and GC torture is off; nil turns
// the fast path off (alloc_amd64.asm).
func setFastCache(c *alloc.Cache)
