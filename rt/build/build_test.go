package build

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/naturekit/naturekit/lir"
	lower "github.com/naturekit/naturekit/lower/amd64"
)

// TestRuntime compiles the whole embedded runtime, as a driver does.
func TestRuntime(t *testing.T) {
	obj, err := Runtime(LinuxAMD64)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"_start", "rt.sys.Write", "rt.alloc.Cache.Alloc", "rt.lang.Init", "rt.lang.Exit", "rt.gc.Heap.Collect"} {
		s := obj.Symbol(name)
		if s == nil || s.Section == nil || s.Bind != elf.STB_GLOBAL {
			t.Errorf("runtime object does not define %s", name)
		}
	}
	if _, err := Runtime("linux_arm64"); err == nil {
		t.Error("Runtime(linux_arm64) succeeded")
	}
	if Key(LinuxAMD64) != Key(LinuxAMD64) || Key(LinuxAMD64) == Key("other") {
		t.Error("Key is not a function of the target")
	}
}

// TestHello links the runtime with a LIR program that calls rt/lang's
// scalar entry points through rtcall, as the Nature compiler does, and
// runs it: _start, rt.lang.Init, main.main, rt.lang.Exit(0).
func TestHello(t *testing.T) {
	rtObj, err := Runtime(LinuxAMD64)
	if err != nil {
		t.Fatal(err)
	}
	m, err := lir.Parse("hello.lir", `
func @main.main() void linear {
	rtcall @rt.lang.PrintInt(i64 -42)
	rtcall @rt.lang.PrintByte(i8 10)
	rtcall @rt.lang.PrintUint(i64 -1)
	rtcall @rt.lang.PrintByte(i8 10)
	rtcall @rt.lang.PrintBool(i8 1)
	rtcall @rt.lang.PrintByte(i8 10)
	ret
}
`)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := lower.Compile(m, Options())
	if err != nil {
		t.Fatal(err)
	}
	prog, err := FromAsm("hello.o", obj)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := Executable(rtObj, prog)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "hello")
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path).Output()
	if err != nil {
		t.Fatalf("%v (output %q)", err, out)
	}
	if want := "-42\n18446744073709551615\ntrue\n"; string(out) != want {
		t.Errorf("output %q, want %q", out, want)
	}
}
