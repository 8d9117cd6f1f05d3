package build

import (
	"debug/elf"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asmobj"
	"github.com/naturekit/naturekit/lir"
	lower "github.com/naturekit/naturekit/lower/amd64"
	"github.com/naturekit/naturekit/rt"
)

// TestRuntime compiles the whole embedded runtime, as a driver does.
// For linux_arm64 the object must be an AArch64 one: its assembly
// stubs are the *_arm64.asm files.
func TestRuntime(t *testing.T) {
	for target, machine := range map[string]elf.Machine{LinuxAMD64: elf.EM_X86_64, LinuxARM64: elf.EM_AARCH64} {
		obj, err := Runtime(target)
		if err != nil {
			t.Fatal(err)
		}
		if obj.Machine != machine {
			t.Errorf("%s: runtime object for machine %v, want %v", target, obj.Machine, machine)
		}
		for _, name := range []string{"_start", "rt.sys.Write", "rt.alloc.Cache.Alloc", "rt.lang.Init", "rt.lang.Exit", "rt.gc.Heap.Collect", "rt.sched.swtch", "nk.safepoint.slow"} {
			s := obj.Symbol(name)
			if s == nil || s.Section == nil || s.Bind != elf.STB_GLOBAL {
				t.Errorf("%s: runtime object does not define %s", target, name)
			}
		}
	}
	for _, bad := range []string{"linux_riscv64", ""} {
		if _, err := Runtime(bad); err == nil {
			t.Errorf("Runtime(%q) succeeded", bad)
		}
	}
	if Key(LinuxAMD64) != Key(LinuxAMD64) || Key(LinuxAMD64) == Key(LinuxARM64) {
		t.Error("Key is not a function of the target")
	}
}

// runLIR links the runtime with a LIR program defining main.main,
// compiled as the Nature compiler's output is, and returns what it
// prints: _start, rt.lang.Init, main.main, rt.lang.Exit(0).
func runLIR(t *testing.T, src string) string {
	t.Helper()
	rtObj, err := Runtime(LinuxAMD64)
	if err != nil {
		t.Fatal(err)
	}
	m, err := lir.Parse("main.lir", src)
	if err != nil {
		t.Fatal(err)
	}
	obj, err := lower.Compile(m, Options())
	if err != nil {
		t.Fatal(err)
	}
	prog, err := asmobj.Convert("main.o", obj)
	if err != nil {
		t.Fatal(err)
	}
	exe, err := Executable(rtObj, prog)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "main")
	if err := os.WriteFile(path, exe, 0o755); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(path).Output()
	if err != nil {
		t.Fatalf("%v (output %q)", err, out)
	}
	return string(out)
}

// TestHello calls rt/lang's scalar entry points through rtcall, as the
// Nature compiler does, after a forced collection (runtime.gc()).
func TestHello(t *testing.T) {
	out := runLIR(t, `
func @main.main() void linear {
	rtcall @rt.lang.GC()
	rtcall @rt.lang.PrintInt(i64 -42)
	rtcall @rt.lang.PrintByte(i8 10)
	rtcall @rt.lang.PrintUint(i64 -1)
	rtcall @rt.lang.PrintByte(i8 10)
	rtcall @rt.lang.PrintBool(i8 1)
	rtcall @rt.lang.PrintByte(i8 10)
	ret
}
`)
	if want := "-42\n18446744073709551615\ntrue\n"; out != want {
		t.Errorf("output %q, want %q", out, want)
	}
}

// TestPrintNative prints every primitive kind through the native
// runtime and compares with the formatting spec/builtins.md §2 gives,
// computed on the host: C's %f for floats (Go's %f rounds the exact
// binary value the same way), decimal integers of every width, bools,
// null, %p pointers, strings; x86's default NaN (0.0/0.0, computed at
// run time) prints -nan.
func TestPrintNative(t *testing.T) {
	var src strings.Builder
	var calls, want []string // each call and the line it must print
	src.WriteString("rodata @hi.bytes align 1 {\n\tbytes \"h\\u00e9llo\\tworld\"\n}\n")
	src.WriteString("rodata @hi align 8 {\n\tptr @hi.bytes\n\ti64 12\n}\n")
	src.WriteString("func @main.main() void linear {\n")
	line := func(call, text string) {
		fmt.Fprintf(&src, "\trtcall @rt.lang.%s\n\trtcall @rt.lang.PrintByte(i8 10)\n", call)
		calls, want = append(calls, call), append(want, text)
	}
	floats := []float64{0, 1, -1, 3, 0.1 + 0.2, 2.5, 1e20, 2.5e-7, 0.0000005, 0.0000015, 0.0078125,
		123456.5, 1.0000005, 9.9999995, math.MaxFloat64, math.SmallestNonzeroFloat64, -1e-300,
		math.Pi, -math.E, 1 << 53, 1<<63 - 1, 5e-324, 2.2250738585072014e-308, 1e15 + 0.3}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100 {
		floats = append(floats, math.Float64frombits(r.Uint64()))
	}
	for _, f := range floats {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		line(fmt.Sprintf("PrintFloat(f64 %s)", strconv.FormatFloat(f, 'g', -1, 64)), fmt.Sprintf("%f", f))
	}
	line("PrintFloat(f64 inf)", "inf")
	line("PrintFloat(f64 -inf)", "-inf")
	src.WriteString("\t%0:f64 = copy 0.0\n\t%1:f64 = fdiv %0, %0\n")
	line("PrintFloat(f64 %1)", "-nan")
	for _, v := range []int64{0, 1, -1, 127, -128, 32767, -32768, math.MaxInt32, math.MinInt32, math.MaxInt64, math.MinInt64} {
		line(fmt.Sprintf("PrintInt(i64 %d)", v), strconv.FormatInt(v, 10))
		line(fmt.Sprintf("PrintUint(i64 %d)", v), strconv.FormatUint(uint64(v), 10))
	}
	line("PrintBool(i8 0)", "false")
	line("PrintBool(i8 1)", "true")
	line("PrintNull()", "null")
	line("PrintPtr(ptr 0)", "0")
	line("PrintPtr(ptr 4096)", "0x1000")
	line("PrintString(ptr @hi)", "h\u00e9llo\tworld")
	line("PrintString(ptr 0)", "")
	src.WriteString("\tret\n}\n")
	out := runLIR(t, src.String())
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != len(want) {
		t.Fatalf("native printing: %d lines, want %d:\n%s", len(got), len(want), out)
	}
	for i, call := range calls {
		if got[i] != want[i] {
			t.Errorf("%s printed %q, want %q", call, got[i], want[i])
		}
	}
}

// TestInlineCodeSize measures what gofront's inlining costs in code:
// the runtime's .text with and without it (recorded in
// docs/runtime.md); more than 20% more fails.
func TestInlineCodeSize(t *testing.T) {
	text := func(noInline bool) int {
		obj, err := Compile(Config{FS: rt.Sources, Packages: runtimePackages(), Options: Options(), NoInline: noInline})
		if err != nil {
			t.Fatal(err)
		}
		s := obj.Section(".text")
		if s == nil {
			t.Fatal("runtime object has no .text")
		}
		return int(s.Size)
	}
	with, without := text(false), text(true)
	t.Logf("runtime .text: %d bytes inlined, %d without inlining (%+.1f%%)", with, without, 100*float64(with-without)/float64(without))
	if with > without*12/10 {
		t.Errorf("inlining grows the runtime's code by more than 20%%: %d -> %d bytes", without, with)
	}
}

// TestForArch checks which stubs each target assembles: its own
// *_ARCH.asm files and those without an architecture suffix.
func TestForArch(t *testing.T) {
	for _, c := range []struct {
		name, arch string
		want       bool
	}{
		{"lang/safepoint_amd64.asm", "amd64", true},
		{"lang/safepoint_amd64.asm", "arm64", false},
		{"lang/safepoint_arm64.asm", "arm64", true},
		{"lang/safepoint_arm64.asm", "amd64", false},
		{"lang/safepoint.asm", "amd64", true},
		{"lang/safepoint.asm", "arm64", true},
		{"lang/x_amd64_data.asm", "arm64", true},
	} {
		if got := forArch(c.name, c.arch); got != c.want {
			t.Errorf("forArch(%q, %q) = %v, want %v", c.name, c.arch, got, c.want)
		}
	}
}
