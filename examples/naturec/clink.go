package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	arm64asm "github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/lir"
	"github.com/naturekit/naturekit/rt/abi"
	"github.com/naturekit/naturekit/rt/gofront/build"
)

// A program that binds C symbols (#linkid to anything but the runtime)
// is linked with musl's libc.a, libgcc.a when the system has it, and the
// archives its packages list under [links]. It then starts through
// musl's __libc_start_main, so that the C library is initialised (TLS
// and errno, the environment, stdio, constructors) before the program
// runs: the entry is cstartGlue's nk.cstart, which calls
// __libc_start_main with nk.cmain as C's main; nk.cmain puts the stack
// pointer back where the kernel left it (argv - 8) and jumps to the
// runtime's _start, which runs the program as usual. A program that
// binds nothing stays libc-free.

// cstartGlue is the start of C-linked programs (see above).
const cstartGlue = `
	.intel_syntax noprefix
	.text
	.globl nk.cstart
nk.cstart:
	xor ebp, ebp
	mov rsi, qword ptr [rsp]        # argc
	lea rdx, [rsp+8]                # argv
	lea rdi, [rip+nk.cmain]         # main
	xor ecx, ecx                    # init, fini, ldso: unused by musl
	xor r8d, r8d
	xor r9d, r9d
	and rsp, -16
	call __libc_start_main
	hlt
nk.cmain:                           # main(argc, argv, envp)
	# The runtime's processor threads are clones musl does not know
	# of, so it would think itself single-threaded and take no locks
	# (in malloc, among others): __libc.need_locks (offset 3 in musl
	# 1.2's struct __libc, as its __lock reads it) turns them on, as
	# pthread_create does.
	mov byte ptr [rip+__libc+3], 1
	lea rsp, [rsi-8]                # the kernel's stack: argc, then argv
	jmp _start

	# Called by _start when main.main returns (a weak reference there):
	# C's buffered output is flushed, as C's exit would.
	.globl nk.cexit
nk.cexit:
	xor edi, edi
	jmp fflush

	# The process arguments for std libc (std_args, get_envs), under
	# names #linkid can spell.
	.globl nk_argc
	.globl nk_argv
	.globl nk_envp
nk_argc:
	jmp rt.sys.Argc
nk_argv:
	jmp rt.sys.Argv
nk_envp:
	jmp rt.sys.Envp
`

// cSymbols returns the C symbols m calls, sorted.
func cSymbols(m *lir.Module) []string {
	var out []string
	for _, s := range m.Externs {
		if !strings.HasPrefix(s, "rt.") {
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// cTarget is what linking C needs for one target: the start and ffi
// glue, where Debian's musl-dev (and musl's own install) put libc.a,
// the package that provides it, and where gcc's libgcc.a is.
type cTarget struct {
	name      string // linux_amd64 or linux_arm64
	arch      asm.Arch
	glue      string
	libc      []string
	libcPkg   string
	libgccDir string
}

// cTargetFor returns the C linking of target (linux_amd64 or
// linux_arm64).
func cTargetFor(target string) cTarget {
	if target == "linux_arm64" {
		return cTarget{
			name:      target,
			arch:      arm64asm.Arch{},
			glue:      cstartGlueARM64 + ffiGlueARM64(),
			libc:      []string{"/usr/lib/aarch64-linux-musl/libc.a"},
			libcPkg:   "musl-dev:arm64 (dpkg --add-architecture arm64; apt-get update; apt-get install musl-dev:arm64)",
			libgccDir: "/usr/lib/gcc-cross/aarch64-linux-gnu",
		}
	}
	return cTarget{
		name: "linux_amd64",
		arch: amd64.Arch{},
		glue: cstartGlue + ffiGlue(),
		libc: []string{
			"/usr/lib/x86_64-linux-musl/libc.a",
			"/usr/lib/musl/lib/libc.a",
			"/usr/local/musl/lib/libc.a",
		},
		libcPkg:   "musl-dev (apt-get install musl-dev)",
		libgccDir: "/usr/lib/gcc/x86_64-linux-gnu",
	}
}

// ffiGlue is nk.ffi.call(fn, frame), the trampoline of C calls that
// pass or return structs by value (lir/linear's ffi.go): it loads the
// argument registers from the frame (rt/abi's FFIOff* layout), copies
// the frame's stack words to the bottom of its own stack frame, calls
// fn, and stores rax, rdx, xmm0 and xmm1 back into the frame.
func ffiGlue() string {
	var b strings.Builder
	fmt.Fprintf(&b, `
	.globl nk.ffi.call
nk.ffi.call:
	push rbp
	mov rbp, rsp
	push rbx
	push r12
	mov r12, rsi                    # the frame
	mov r11, rdi                    # the function
	mov rcx, qword ptr [r12+%d]     # stack words
	lea rax, [rcx*8]
	sub rsp, rax
	and rsp, -16
	xor eax, eax
.Lffi.copy:
	cmp rax, rcx
	jae .Lffi.regs
	mov rdx, qword ptr [r12+rax*8+%d]
	mov qword ptr [rsp+rax*8], rdx
	inc rax
	jmp .Lffi.copy
.Lffi.regs:
`, abi.FFIOffNStack, abi.FFIOffStack)
	for i := 0; i < abi.FFINumSSERegs; i++ {
		fmt.Fprintf(&b, "\tmovsd xmm%d, qword ptr [r12+%d]\n", i, abi.FFIOffSSERegs+8*i)
	}
	for i, r := range []string{"rdi", "rsi", "rdx", "rcx", "r8", "r9"} {
		fmt.Fprintf(&b, "\tmov %s, qword ptr [r12+%d]\n", r, abi.FFIOffIntRegs+8*i)
	}
	fmt.Fprintf(&b, `	mov eax, %d                       # vector registers, for a variadic callee
	call r11
	mov qword ptr [r12+%d], rax
	mov qword ptr [r12+%d], rdx
	movsd qword ptr [r12+%d], xmm0
	movsd qword ptr [r12+%d], xmm1
	lea rsp, [rbp-16]
	pop r12
	pop rbx
	pop rbp
	ret
`, abi.FFINumSSERegs, abi.FFIOffRAX, abi.FFIOffRDX, abi.FFIOffXMM0, abi.FFIOffXMM1)
	return b.String()
}

// cInputs returns the linker inputs a program binding C needs after its
// own objects for target: the start glue, the [links] archives, libc.a
// and libgcc.a. syms are the C symbols the program binds (for messages).
func cInputs(target string, syms, links []string) ([]link.Input, error) {
	return cTargetFor(target).inputs(syms, links)
}

// inputs is cInputs for ct.
func (ct cTarget) inputs(syms, links []string) ([]link.Input, error) {
	glue, err := asm.Assemble(ct.arch, "cstart.s", []byte(ct.glue))
	if err != nil {
		return nil, fmt.Errorf("C start glue: %w", err)
	}
	build.TypeFunctions(glue)
	gobj, err := asmobj.Convert("cstart.o", glue)
	if err != nil {
		return nil, err
	}
	inputs := []link.Input{{Object: gobj}}
	for _, p := range links {
		in, err := openInput(p)
		if err != nil {
			return nil, fmt.Errorf("[links]: %w", err)
		}
		inputs = append(inputs, in)
	}
	libc := ""
	if p := os.Getenv("NATUREKIT_LIBC"); p != "" {
		libc = p
	} else {
		for _, p := range ct.libc {
			if _, err := os.Stat(p); err == nil {
				libc = p
				break
			}
		}
	}
	if libc == "" {
		return nil, fmt.Errorf("the program calls C (%s) and needs musl's libc.a for %s, which is not installed: install the Debian package %s, or set NATUREKIT_LIBC to a libc.a", strings.Join(syms, ", "), ct.name, ct.libcPkg)
	}
	in, err := openInput(libc)
	if err != nil {
		return nil, err
	}
	inputs = append(inputs, in)
	if gcc, _ := filepath.Glob(ct.libgccDir + "/*/libgcc.a"); len(gcc) > 0 {
		sort.Strings(gcc)
		if in, err := openInput(gcc[len(gcc)-1]); err == nil {
			inputs = append(inputs, in)
		}
	}
	return inputs, nil
}

// openInput reads an object file or archive for the linker.
func openInput(path string) (link.Input, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return link.Input{}, err
	}
	return link.Open(filepath.Base(path), data)
}
