// Package link is a static ELF64 linker for linux/amd64 and linux/arm64.
//
// It takes relocatable objects ([object.File], read with [object.Read] or
// built by hand, for example from an assembler's output) and static
// libraries ([archive.Archive]) and produces a static executable (or, with
// [Relocatable], one combined object) as bytes in memory. It imports
// nothing else from naturekit; the two sides meet only through standard ELF
// relocation types.
//
// # Inputs and symbol resolution
//
// Inputs are processed in order, like an ld command line. An object is
// always linked; an archive contributes the members that define a symbol
// that is still undefined (by a non-weak reference) when the archive is
// reached, and is rescanned until it contributes nothing more. Global
// symbols resolve as in ld: a strong definition beats a COMMON one, which
// beats a weak one; two strong definitions are an error; COMMON symbols are
// merged (largest size and alignment) and allocated in .bss; an undefined
// weak symbol is 0. A reference to a symbol nobody defines is an error that
// names the place:
//
//	undefined reference to 'foo' (from b.o:.text+0x1c)
//
// # Layout
//
// Input sections are merged by kind, in input order, into .init, .text,
// .fini (read+execute segment, which also maps the ELF and program
// headers), .rodata (read-only segment), and .tdata, .tbss, .preinit_array,
// .init_array, .fini_array (sorted by init priority), .data, .got, .bss
// (read+write segment). The TLS template gets a PT_TLS header; PT_GNU_STACK
// marks the stack non-executable. The DWARF sections (.debug_*) are kept,
// not loaded, after the segments (Config.StripDebug discards them); other
// non-allocated sections, notes and .eh_frame are discarded. The linker defines __executable_start,
// __ehdr_start, _etext, __data_start (the start of .data), _edata,
// __bss_start, _end, the
// __{preinit,init,fini}_array_{start,end} bounds and _GLOBAL_OFFSET_TABLE_
// when they are referenced. The output has a .symtab so nm and gdb see
// function names.
//
// # Relocations
//
// The relocations of gcc -O2 -fno-pie -static output and of musl's libc.a
// are supported; the full list and the unsupported ones are in
// docs/link.md. GOT-indirect references go through a linker-built GOT of
// constants unless (amd64) the instruction can be relaxed to a direct
// reference; initial-exec TLS accesses are relaxed to local-exec on amd64
// and go through constant GOT entries on arm64. A value that does not fit
// its field is an error:
//
//	relocation R_X86_64_PC32 out of range at foo.o:.text+0x10 against 'bar'
//
// A Link call keeps all its state to itself: any number may run
// concurrently, and inputs may be shared between them.
package link
