package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/lir"
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
	lea rsp, [rsi-8]                # the kernel's stack: argc, then argv
	jmp _start
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

// libcPaths returns where Debian's musl-dev (and musl's own install)
// put libc.a.
func libcPaths() []string {
	return []string{
		"/usr/lib/x86_64-linux-musl/libc.a",
		"/usr/lib/musl/lib/libc.a",
		"/usr/local/musl/lib/libc.a",
	}
}

// ffiGlue is filled in with the by-value struct trampoline.
const ffiGlue = ""

// cInputs returns the linker inputs a program binding C needs after its
// own objects: the start glue, the [links] archives, libc.a and
// libgcc.a. syms are the C symbols the program binds (for messages).
func cInputs(syms, links []string) ([]link.Input, error) {
	glue, err := asm.Assemble(amd64.Arch{}, "cstart.s", []byte(cstartGlue+ffiGlue))
	if err != nil {
		return nil, fmt.Errorf("C start glue: %w", err)
	}
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
		for _, p := range libcPaths() {
			if _, err := os.Stat(p); err == nil {
				libc = p
				break
			}
		}
	}
	if libc == "" {
		return nil, fmt.Errorf("the program calls C (%s) and needs musl's libc.a, which is not installed: install the Debian package musl-dev (apt-get install musl-dev), or set NATUREKIT_LIBC to a libc.a", strings.Join(syms, ", "))
	}
	in, err := openInput(libc)
	if err != nil {
		return nil, err
	}
	inputs = append(inputs, in)
	if gcc, _ := filepath.Glob("/usr/lib/gcc/x86_64-linux-gnu/*/libgcc.a"); len(gcc) > 0 {
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
