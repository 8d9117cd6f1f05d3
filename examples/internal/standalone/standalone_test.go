package standalone

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

const modPrefix = "github.com/naturekit/naturekit/"

// repoRoot is the checkout's root, from this package's directory.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// runModule writes a module named "user" that requires the given
// naturekit modules (by folder, e.g. "asm") through replace lines only,
// with main.go as its program, and returns what `go run .` prints. The
// go command runs outside the workspace and offline: everything must
// come from the replaced folders and the module cache.
func runModule(t *testing.T, mods []string, main string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a module with the go command")
	}
	dir := t.TempDir()
	var gomod strings.Builder
	gomod.WriteString("module user\n\ngo 1.26\n\nrequire (\n")
	for _, m := range mods {
		gomod.WriteString("\t" + modPrefix + m + " v0.0.0\n")
	}
	gomod.WriteString(")\n\nreplace (\n")
	for _, m := range mods {
		gomod.WriteString("\t" + modPrefix + m + " => " + filepath.Join(repoRoot(t), m) + "\n")
	}
	gomod.WriteString(")\n")
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", gomod.String())
	write("main.go", main)
	env := append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	for _, args := range [][]string{{"mod", "tidy"}, {"list", "-m", "all"}} {
		cmd := exec.Command(goTool(), args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	cmd := exec.Command(goTool(), "run", ".")
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run: %v\n%s", err, out)
	}
	return string(out)
}

// TestAssemblerAndLinkerAlone assembles a program with asm/amd64, turns
// it into a linkable object with asmobj, links it and runs it, in a
// module that requires asm, asmobj and link only.
func TestAssemblerAndLinkerAlone(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("runs a linux/amd64 executable")
	}
	got := runModule(t, []string{"asm", "asmobj", "link"}, `package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/amd64"
	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/link"
)

const src = ".intel_syntax noprefix\n.text\n.globl _start\n_start:\n" +
	"mov eax, 1\nmov edi, 1\nlea rsi, [rip + msg]\nmov edx, 3\nsyscall\n" +
	"mov eax, 60\nmov edi, 7\nsyscall\n.section .rodata\nmsg: .ascii \"hi\\n\"\n"

func main() {
	obj, err := asm.Assemble(amd64.Arch{}, "hi.s", []byte(src))
	if err != nil {
		panic(err)
	}
	f, err := asmobj.Convert("hi.o", obj)
	if err != nil {
		panic(err)
	}
	exe, err := link.Link(link.Config{}, link.Input{Object: f})
	if err != nil {
		panic(err)
	}
	dir, err := os.MkdirTemp("", "standalone")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "hi")
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		panic(err)
	}
	out, err := exec.Command(path).Output()
	fmt.Printf("%q %v\n", out, err)
}
`)
	if want := "\"hi\\n\" exit status 7\n"; got != want {
		t.Errorf("program printed %q, want %q", got, want)
	}
}

// TestRuntimeAlone runs the allocator and collector on the host in a
// module that requires the runtime library (rt) only.
func TestRuntimeAlone(t *testing.T) {
	got := runModule(t, []string{"rt"}, `package main

import (
	"fmt"
	"unsafe"

	"github.com/naturekit/naturekit/rt/alloc"
	"github.com/naturekit/naturekit/rt/gc"
	"github.com/naturekit/naturekit/rt/sys"
)

var bits = [1]uint8{1}
var cell = &alloc.Type{Size: 16, Align: 8, PtrBytes: 8, GCBits: &bits[0], Kind: alloc.KindStruct}

func main() {
	mem, errno := sys.Mmap(8)
	if errno != 0 {
		panic("mmap")
	}
	root := (*unsafe.Pointer)(mem)
	var h gc.Heap
	if h.Init(gc.Config{GOGC: -1, Arenas: 1}) != 0 {
		panic("heap")
	}
	var c alloc.Cache
	h.Mem.InitCache(&c)
	h.AddRoots(mem, unsafe.Add(mem, 8))
	for i := 0; i < 100; i++ {
		p := h.Alloc(&c, cell, 1)
		if i%2 == 0 {
			h.WriteBarrier((*unsafe.Pointer)(p), *root)
			*root = p
		}
	}
	h.Collect()
	fmt.Println("marked", h.Stats().MarkedObjects, "freed", h.Stats().FreedObjects)
}
`)
	if want := "marked 50 freed 50\n"; got != want {
		t.Errorf("program printed %q, want %q", got, want)
	}
}
