package gc

import (
	"unsafe"

	"github.com/naturekit/naturekit/rt/sys"
)

// workChunk is one link of the grey stack; it fills exactly
// workChunkBytes.
type workChunk struct {
	next *workChunk
	n    uintptr
	objs [workChunkObjs]uintptr
}

const (
	workChunkBytes = 4096
	workChunkObjs  = workChunkBytes/8 - 2
	workBlockBytes = 64 << 10 // mmap granule for chunks
)

// workBlock heads each mmap'd block, so Destroy can unmap them.
type workBlock struct {
	next *workBlock
}

// worklist is a stack of object addresses made of chunks. Empty chunks go
// to a free list and are reused; blocks are unmapped only by release.
type worklist struct {
	top    *workChunk
	free   *workChunk
	blocks *workBlock
	n      uintptr // entries on the stack
	max    uintptr // high-water mark of n
}

// push adds obj to the stack. Inlined into shade, which runs once per
// object marked.
//
//naturekit:inline
func (w *worklist) push(obj uintptr) {
	c := w.top
	if c == nil || c.n == workChunkObjs {
		c = w.getChunk()
		c.next = w.top
		w.top = c
	}
	c.objs[c.n] = obj
	c.n++
	w.n++
	if w.n > w.max {
		w.max = w.n
	}
}

// pop returns the most recently pushed address, or 0 when empty.
//
//naturekit:inline
func (w *worklist) pop() uintptr {
	c := w.top
	if c == nil {
		return 0
	}
	if c.n == 0 {
		w.top = c.next
		c.next = w.free
		w.free = c
		if c = w.top; c == nil {
			return 0
		}
	}
	c.n--
	w.n--
	return c.objs[c.n]
}

func (w *worklist) empty() bool { return w.n == 0 }

func (w *worklist) getChunk() *workChunk {
	if w.free == nil {
		mem, errno := sys.Mmap(workBlockBytes)
		if errno != 0 {
			sys.Abort("gc: out of memory for the worklist")
		}
		b := (*workBlock)(mem)
		b.next = w.blocks
		w.blocks = b
		// The first chunk slot holds the block header; the rest are chunks.
		for off := uintptr(workChunkBytes); off < workBlockBytes; off += workChunkBytes {
			c := (*workChunk)(unsafe.Add(mem, off))
			c.next = w.free
			w.free = c
		}
	}
	c := w.free
	w.free = c.next
	c.next, c.n = nil, 0
	return c
}

func (w *worklist) release() {
	for b := w.blocks; b != nil; {
		next := b.next
		sys.Munmap(unsafe.Pointer(b), workBlockBytes)
		b = next
	}
	w.top, w.free, w.blocks, w.n = nil, nil, nil, 0
}
