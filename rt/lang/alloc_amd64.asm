# rt.lang.Alloc, compiled code's `new`, with its fast path by hand
# (docs/runtime.md, "The fast path"; docs/bench-alloc.md): what
# alloc_go.go's Alloc inlines on other builds (alloc.Cache.AllocOne),
# without the register copies, spills and jumps rt/gofront's code has.
# Anything else — no fast cache (before Init, several processors, GC
# torture: setFastCache), a mark phase (nk.gc.marking set: black
# allocation), an object of more than 1 KiB or aligned to more than 8,
# a type with pointers whose span is not typed by it, an empty
# allocation cache, a slot of more than 64 bytes to clear — jumps to
# rt.lang.allocGo (the cache's whole fast path and the slow path) with
# the argument untouched. Host tests check every "# Type./Span./Cache."
# offset below against rt/alloc's structs (TestAllocAsmOffsets).
# Calling convention: System V; only caller-saved registers are
# written.

	.intel_syntax noprefix

	.text

# Alloc(t *alloc.Type) unsafe.Pointer
	.globl rt.lang.Alloc
rt.lang.Alloc:
	mov rsi, qword ptr [rip+nk.alloc.cache]
	test rsi, rsi
	jz .Lalloc_go
	mov eax, dword ptr [rip+nk.gc.marking]
	test eax, eax
	jnz .Lalloc_go
	mov rax, qword ptr [rdi+0]           # Type.Size
	lea rdx, [rax-1]
	cmp rdx, 1024                        # 1 to smallTableMax bytes
	jae .Lalloc_go
	cmp qword ptr [rdi+8], 8             # Type.Align
	ja .Lalloc_go
	add rax, 7
	shr rax, 3
	lea rdx, [rip+rt.alloc.sizeToClass8]
	movzx edx, byte ptr [rdx+rax]
	add edx, edx                         # span class: class<<1 | noscan
	cmp qword ptr [rdi+16], 0            # Type.PtrBytes
	jne .Lalloc_scan
	or edx, 1
	mov rdx, qword ptr [rsi+rdx*8+8]     # Cache.spans
	test rdx, rdx
	jz .Lalloc_go
	jmp .Lalloc_span
.Lalloc_scan:
	mov rdx, qword ptr [rsi+rdx*8+8]     # Cache.spans
	test rdx, rdx
	jz .Lalloc_go
	cmp qword ptr [rdx+88], rdi          # Span.typ
	jne .Lalloc_go
.Lalloc_span:
	mov r8, qword ptr [rdx+96]           # Span.allocCache
	test r8, r8
	jz .Lalloc_go
	mov r9, qword ptr [rdx+56]           # Span.elemSize
	movzx r11d, byte ptr [rdx+42]        # Span.needZero
	test r11d, r11d
	jz .Lalloc_take
	cmp r9, 64
	ja .Lalloc_go
.Lalloc_take:
	bsf rcx, r8                          # the lowest free slot of the cache
	lea r10, [r8-1]
	and r10, r8
	mov qword ptr [rdx+96], r10          # Span.allocCache
	mov r10, qword ptr [rdx+104]         # Span.cacheWord
	mov rax, r10
	and eax, 15                          # % bitWords
	mov r8d, 1
	shl r8, cl
	or qword ptr [rdx+rax*8+112], r8     # Span.allocBits
	add qword ptr [rdx+72], 1            # Span.nalloc
	shl r10, 6
	add r10, rcx                         # the slot's index
	imul r10, r9
	add r10, qword ptr [rdx+24]          # Span.base
	add qword ptr [rsi+1096], 1          # Cache.allocs
	add qword ptr [rsi+1104], r9         # Cache.allocBytes
	mov rax, r10
	test r11d, r11d
	jnz .Lalloc_clear
	ret
.Lalloc_clear:
	xor ecx, ecx                         # zero the r9 bytes (8 to 64) at rax
.Lalloc_clear_word:
	mov qword ptr [rax+rcx], 0
	add rcx, 8
	cmp rcx, r9
	jb .Lalloc_clear_word
	ret
.Lalloc_go:
	jmp rt.lang.allocGo

# setFastCache(c *alloc.Cache): the cache Alloc's fast path uses, or nil.
	.globl rt.lang.setFastCache
rt.lang.setFastCache:
	mov qword ptr [rip+nk.alloc.cache], rdi
	ret

	.data
	.p2align 3
# nk.alloc.cache: the process's allocation cache while one processor
# runs and the fast path is allowed; 0 otherwise (alloc_fast.go).
nk.alloc.cache:
	.quad 0
