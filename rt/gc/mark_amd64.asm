# markLocal(h *Heap, limit uintptr) uintptr: the mark loop's usual case
# by hand, step for step what mark_go.go's markLocal (every other
# build's) does: while the mark is not shared (no other processor marks
# or allocates), pop up to limit grey objects from the worklist's top
# chunk into a ring of 32 (ringObjs), prefetching each, and scan the
# oldest, its pointer bits in one bitmap word, every pointer into an
# allocated white object shaded as shadeLocal does it — FindObject (the
# page map, the index by multiplication, the allocation bit), the mark
# bit, the counters, the worklist's push. Popping stops at an object
# whose bits straddle two bitmap words (left on the worklist for
# MarkSome) and when the top chunk is empty; it returns how many it
# popped, all scanned. The slow push (no chunk, or a full one) calls
# rt.gc.pushSlow. Host tests check every "# Heap./Span./workChunk."
# offset below against the structs (TestMarkAsmOffsets). Calling
# convention: System V.

	.intel_syntax noprefix

	.text

	.globl rt.gc.markLocal
rt.gc.markLocal:
	push rbp
	mov rbp, rsp
	push rbx
	push r12
	push r13
	push r14
	sub rsp, 256                         # the ring: 32 objects popped, not scanned yet
	mov rbx, rsi                         # limit
	xor r12d, r12d                       # objects popped
	xor r13d, r13d                       # the ring's oldest, mod 32
	xor r14d, r14d                       # and how many it holds
.Lmark_fill:
	cmp r14, 32
	jae .Lmark_scan
	cmp r12, rbx
	jae .Lmark_scan
	mov r8, qword ptr [rdi+9672]         # Heap.work.top
	test r8, r8
	jz .Lmark_scan
	mov rdx, qword ptr [r8+8]            # workChunk.n
	test rdx, rdx
	jz .Lmark_scan
	sub rdx, 1
	mov rsi, qword ptr [r8+rdx*8+16]     # workChunk.objs: the next object
	mov rax, rsi
	sub rax, qword ptr [rdi+8]           # Heap.Mem.base
	mov rcx, rax
	shr rax, 13                          # PageShift: its page
	mov r9, qword ptr [rdi+56]           # Heap.Mem.pageMap
	mov r9, qword ptr [r9+rax*8]         # its span
	mov r9, qword ptr [r9+56]            # Span.elemSize
	shr r9, 3                            # its words
	shr rcx, 3
	and ecx, 63                          # the bit of its first word
	add rcx, r9
	cmp rcx, 64
	ja .Lmark_scan                       # bits in two words: MarkSome's
	mov qword ptr [r8+8], rdx            # workChunk.n
	sub qword ptr [rdi+9696], 1          # Heap.work.n
	add r12, 1
	prefetcht0 byte ptr [rsi]            # scanned after the 31 before it
	lea rax, [r13+r14]
	and eax, 31
	mov qword ptr [rsp+rax*8], rsi
	add r14, 1
	jmp .Lmark_fill
.Lmark_scan:
	test r14, r14
	jz .Lmark_done
	mov rsi, qword ptr [rsp+r13*8]       # the oldest object of the ring
	add r13, 1
	and r13d, 31
	sub r14, 1
	mov rax, rsi
	sub rax, qword ptr [rdi+8]           # Heap.Mem.base
	mov rcx, rax
	shr rax, 13                          # PageShift
	mov r9, qword ptr [rdi+56]           # Heap.Mem.pageMap
	mov r9, qword ptr [r9+rax*8]
	mov r9, qword ptr [r9+56]            # Span.elemSize
	shr r9, 3                            # its words
	shr rcx, 3
	mov rax, rcx
	shr rax, 6                           # its bitmap word
	and ecx, 63                          # and bit
	mov r10, qword ptr [rdi+64]          # Heap.Mem.bitmap
	mov r10, qword ptr [r10+rax*8]
	shr r10, cl                          # r10: the bits of the object's words
	cmp r9, 64
	jae .Lmark_next
	mov ecx, r9d
	mov r11, -1
	shl r11, cl
	not r11
	and r10, r11
	jmp .Lmark_next
.Lmark_word:
	bsf rcx, r10
	lea r11, [r10-1]
	and r10, r11
	mov rax, qword ptr [rsi+rcx*8]       # a pointer word's value
	mov rdx, qword ptr [rdi+8]           # Heap.Mem.base
	cmp rax, rdx
	jb .Lmark_next
	cmp rax, qword ptr [rdi+24]          # Heap.Mem.brk
	jae .Lmark_next
	mov r8, rax
	sub r8, rdx
	shr r8, 13                           # PageShift
	mov r9, qword ptr [rdi+56]           # Heap.Mem.pageMap
	mov r8, qword ptr [r9+r8*8]          # the span
	test r8, r8
	jz .Lmark_next
	cmp byte ptr [r8+40], 0              # Span.state: spanFree
	je .Lmark_next
	sub rax, qword ptr [r8+24]           # Span.base
	imul rax, qword ptr [r8+80]          # Span.divMul
	shr rax, 32                          # the object's index
	cmp rax, qword ptr [r8+64]           # Span.nelems
	jae .Lmark_next
	mov rcx, rax
	shr rcx, 6
	mov rdx, qword ptr [r8+rcx*8+112]    # Span.allocBits
	bt rdx, rax
	jnc .Lmark_next
	mov rdx, qword ptr [r8+rcx*8+240]    # Span.markBits
	bt rdx, rax
	jc .Lmark_next
	bts rdx, rax
	mov qword ptr [r8+rcx*8+240], rdx    # Span.markBits
	mov rdx, qword ptr [r8+56]           # Span.elemSize
	add qword ptr [rdi+13896], 1         # Heap.stats.MarkedObjects
	add qword ptr [rdi+13904], rdx       # Heap.stats.MarkedBytes
	test byte ptr [r8+41], 1             # Span.spanClass: noscan
	jnz .Lmark_next
	imul rax, rdx
	add rax, qword ptr [r8+24]           # Span.base: the object's address
	mov r8, qword ptr [rdi+9672]         # Heap.work.top
	test r8, r8
	jz .Lmark_push_slow
	mov rdx, qword ptr [r8+8]            # workChunk.n
	cmp rdx, 510                         # workChunkObjs
	jae .Lmark_push_slow
	mov qword ptr [r8+rdx*8+16], rax     # workChunk.objs
	add rdx, 1
	mov qword ptr [r8+8], rdx            # workChunk.n
	mov rdx, qword ptr [rdi+9696]        # Heap.work.n
	add rdx, 1
	mov qword ptr [rdi+9696], rdx        # Heap.work.n
	cmp rdx, qword ptr [rdi+9704]        # Heap.work.max
	jbe .Lmark_next
	mov qword ptr [rdi+9704], rdx        # Heap.work.max
.Lmark_next:
	test r10, r10
	jnz .Lmark_word
	jmp .Lmark_fill
.Lmark_done:
	mov rax, r12
	add rsp, 256
	pop r14
	pop r13
	pop r12
	pop rbx
	pop rbp
	ret
.Lmark_push_slow:
	push rdi
	push rsi
	push r10
	sub rsp, 8
	mov rsi, rax
	call rt.gc.pushSlow
	add rsp, 8
	pop r10
	pop rsi
	pop rdi
	jmp .Lmark_next
