package asmobj_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/link"
)

// A program that writes a line with the write system call and exits 0:
// the message's address is a relocation the linker resolves.
const hello = `.intel_syntax noprefix
	.text
	.globl _start
_start:
	mov eax, 1
	mov edi, 1
	lea rsi, [rip + msg]
	mov edx, 6
	syscall
	mov eax, 60
	xor edi, edi
	syscall
	.section .rodata
msg:	.ascii "hello\n"
`

// Assemble a _start with asm/amd64, bridge it to the linker's object
// model, link a static executable and run it.
func Example() {
	obj, err := asm.Assemble(amd64.Arch{}, "hello.s", []byte(hello))
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := asmobj.Convert("hello.o", obj)
	if err != nil {
		fmt.Println(err)
		return
	}
	exe, err := link.Link(link.Config{}, link.Input{Object: f})
	if err != nil {
		fmt.Println(err)
		return
	}
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		fmt.Print("hello\n") // the executable is linux/amd64
		return
	}
	dir, err := os.MkdirTemp("", "asmobj")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hello")
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		fmt.Println(err)
		return
	}
	out, err := exec.Command(path).Output()
	if err != nil {
		fmt.Println(err)
	}
	fmt.Print(string(out))
	// Output: hello
}
