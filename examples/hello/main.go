// Hello builds a "hello, world" executable for linux/amd64 and one for
// linux/arm64 with nothing but naturekit's assembler and linker: no GNU
// as, no ld, no libc. It shows the two modules working together:
//
//	asm.Assemble    text -> asm.Object (code, symbols, relocations)
//	asmobj.Convert asm.Object -> object.File (the linker's ELF model)
//	link.Link       object.File -> static ELF executable
//
// Usage:
//
//	hello [-o DIR] [-msg TEXT] [-exit N]
//
// writes DIR/hello-amd64 and DIR/hello-arm64, which print TEXT and a
// newline and exit with status N. Run the arm64 one under
// qemu-aarch64-static on other machines.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asm/arm64"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/examples/internal/cli"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/object"
)

// The programs write msg to stdout with the write system call, then exit.
// The message lives in .rodata; its address comes through relocations the
// linker resolves.
const amd64Source = `.intel_syntax noprefix
	.text
	.globl _start
_start:
	mov eax, 1                  # write(1, msg, len)
	mov edi, 1
	lea rsi, [rip + msg]
	mov edx, %d
	syscall
	mov eax, 60                 # exit(code)
	mov edi, %d
	syscall
	.section .rodata
msg:	.byte %s
`

const arm64Source = `	.text
	.globl _start
_start:
	mov x0, #1                  // write(1, msg, len)
	adrp x1, msg
	add x1, x1, :lo12:msg
	mov x2, #%d
	mov x8, #64
	svc #0
	mov x0, #%d                 // exit(code)
	mov x8, #93
	svc #0
	.section .rodata
msg:	.byte %s
`

// Build assembles and links the hello program for arch ("amd64" or
// "arm64") and returns the executable.
func Build(arch, msg string, code int) ([]byte, error) {
	f, err := Object(arch, msg, code)
	if err != nil {
		return nil, err
	}
	return link.Link(link.Config{}, link.Input{Object: f})
}

// Object assembles the hello program for arch into an ELF object model,
// ready to link or to write as a .o file.
func Object(arch, msg string, code int) (*object.File, error) {
	if code < 0 || code > 255 {
		return nil, fmt.Errorf("exit status %d out of range 0..255", code)
	}
	// The message as a list of byte values: any bytes, no quoting rules.
	var bytes []string
	for _, c := range []byte(msg + "\n") {
		bytes = append(bytes, strconv.Itoa(int(c)))
	}
	quoted := strings.Join(bytes, ", ")
	var a asm.Arch
	var src string
	switch arch {
	case "amd64":
		a, src = amd64.Arch{}, fmt.Sprintf(amd64Source, len(msg)+1, code, quoted)
	case "arm64":
		a, src = arm64.Arch{}, fmt.Sprintf(arm64Source, len(msg)+1, code, quoted)
	default:
		return nil, fmt.Errorf("unknown architecture %q", arch)
	}
	obj, err := asm.Assemble(a, "hello-"+arch+".s", []byte(src))
	if err != nil {
		return nil, err
	}
	return asmobj.Convert("hello-"+arch+".o", obj)
}

func main() {
	dir := flag.String("o", ".", "output directory")
	msg := flag.String("msg", "hello, world", "message to print")
	code := flag.Int("exit", 0, "exit status of the programs")
	flag.Parse()
	for _, arch := range []string{"amd64", "arm64"} {
		exe, err := Build(arch, *msg, *code)
		if err == nil {
			err = cli.WriteOutput(filepath.Join(*dir, "hello-"+arch), exe, 0o755)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "hello:", err)
			os.Exit(1)
		}
	}
}
