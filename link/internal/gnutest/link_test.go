package gnutest_test

import (
	"debug/elf"
	"path/filepath"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/internal/gnutest"
	"github.com/naturekit/naturekit/link/internal/linktest"
)

const freestandingOut = "hello from lib\nrodata string\n47 2016 12 2 42\n"

// compileFree compiles the freestanding program (testdata/free: main.c
// and lib.c, which print freestandingOut and exit with status 7) for tg
// into dir.
func compileFree(t testing.TB, tg gnutest.Target, dir string) []string {
	t.Helper()
	return tg.Compile(t, gnutest.FreestandingFlags, dir, "testdata/free/main.c", "testdata/free/lib.c")
}

// eachTargetFree runs test as a parallel subtest for each target, with
// the freestanding program compiled into dir.
func eachTargetFree(t *testing.T, test func(t *testing.T, tg gnutest.Target, dir string, objs []string)) {
	for _, tg := range gnutest.Both {
		t.Run(tg.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			test(t, tg, dir, compileFree(t, tg, dir))
		})
	}
}

// checkFreeRun checks the output and exit status of a run of the
// freestanding program, linked as what says.
func checkFreeRun(t *testing.T, what, out string, code int) {
	t.Helper()
	if out != freestandingOut || code != 7 {
		t.Errorf("%s: exit %d, stdout:\n%s\nwant exit 7, stdout:\n%s", what, code, out, freestandingOut)
	}
}

// TestFreestanding links two C objects that call each other, share data
// (.data, .bss, .rodata, function pointers in .data, .tdata, .tbss) and
// make raw system calls, and runs the result.
func TestFreestanding(t *testing.T) {
	eachTargetFree(t, func(t *testing.T, tg gnutest.Target, dir string, objs []string) {
		exe, err := linkFiles(t, link.Config{}, objs...)
		if err != nil {
			t.Fatal(err)
		}
		f := checkExe(t, exe, tg.Machine, "_start")
		for _, name := range []string{"add", "lens", "counter", "zeroes", "greeting", "sub", "tls_init"} {
			symbol(t, f, name)
		}
		checkSections(t, f)
		out, code := tg.RunExe(t, dir, exe)
		checkFreeRun(t, "our link", out, code)
	})
}

// checkSections checks that every allocated section lies inside a
// segment with matching permissions.
func checkSections(t *testing.T, f *elf.File) {
	t.Helper()
	for _, s := range f.Sections {
		if s.Flags&elf.SHF_ALLOC == 0 || s.Size == 0 || s.Flags&elf.SHF_TLS != 0 && s.Type == elf.SHT_NOBITS {
			continue
		}
		in := false
		for _, p := range f.Progs {
			if p.Type != elf.PT_LOAD || s.Addr < p.Vaddr || s.Addr+s.Size > p.Vaddr+p.Memsz {
				continue
			}
			in = true
			if (s.Flags&elf.SHF_EXECINSTR != 0) != (p.Flags&elf.PF_X != 0) ||
				(s.Flags&elf.SHF_WRITE != 0) != (p.Flags&elf.PF_W != 0) {
				t.Errorf("section %s (%v) in segment with flags %v", s.Name, s.Flags, p.Flags)
			}
			if s.Type != elf.SHT_NOBITS && s.Offset-p.Off != s.Addr-p.Vaddr {
				t.Errorf("section %s: offset and address disagree", s.Name)
			}
		}
		if !in {
			t.Errorf("section %s at %#x is in no segment", s.Name, s.Addr)
		}
	}
}

const muslDir = "/usr/lib/x86_64-linux-musl"

const muslOut = `hello musl 42 3.142
1 2 3 5 6 7 8 9
twice(7)=14
square(7)=49
fopen: failed errno=2 No such file or directory
ctor=42 tls=6 0.001
`

// muslInputs compiles the musl test program and returns the link line.
func muslInputs(t testing.TB, dir string) []string {
	return muslInputsFor(t, gnutest.Musl, muslDir, dir)
}

// muslInputsFor is muslInputs for target tg, with musl's files in lib.
func muslInputsFor(t testing.TB, tg gnutest.Target, lib, dir string) []string {
	t.Helper()
	objs := tg.Compile(t, []string{"-c", "-O2", "-fno-pie"}, dir, "testdata/musl/prog.c")
	m := func(f string) string { return filepath.Join(lib, f) }
	return []string{m("crt1.o"), m("crti.o"), objs[0], m("libc.a"), m("crtn.o")}
}

// TestMusl links a C program that uses printf (with %f), malloc, qsort,
// errno, a constructor, function pointers in data and a thread-local
// variable against musl's crt1.o, crti.o, libc.a and crtn.o.
func TestMusl(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	testMusl(t, gnutest.Musl, dir, muslInputs(t, dir))
}

// TestMuslARM64 is TestMusl for arm64 (musl-dev:arm64, libgcc.a of the
// cross gcc for the IEEE quad long double of musl's printf), run under
// qemu: the relocations of aarch64 objects, TLS (local-exec) included.
func TestMuslARM64(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	inputs := muslInputsFor(t, gnutest.MuslARM64, "/usr/lib/aarch64-linux-musl", dir)
	libgcc, _ := filepath.Glob("/usr/lib/gcc-cross/aarch64-linux-gnu/*/libgcc.a")
	if len(libgcc) == 0 {
		t.Fatal("no libgcc.a of aarch64-linux-gnu-gcc (package gcc-aarch64-linux-gnu)")
	}
	inputs = append(inputs[:len(inputs)-1], libgcc[len(libgcc)-1], inputs[len(inputs)-1])
	testMusl(t, gnutest.MuslARM64, dir, inputs)
}

// testMusl links the musl test program's inputs for tg and runs it.
func testMusl(t *testing.T, tg gnutest.Target, dir string, inputs []string) {
	exe, err := linkFiles(t, link.Config{}, inputs...)
	if err != nil {
		t.Fatal(err)
	}
	f := checkExe(t, exe, tg.Machine, "_start")
	checkSections(t, f)
	for _, name := range []string{"main", "printf", "malloc", "__libc_start_main"} {
		symbol(t, f, name)
	}
	out, code := tg.RunExe(t, dir, append([]byte(nil), exe...))
	if out != muslOut || code != 3 {
		t.Errorf("got exit %d, stdout:\n%s\nwant exit 3, stdout:\n%s", code, out, muslOut)
	}
}

// TestRelocatable combines objects with Kind Relocatable and links the
// result with GNU ld and with this linker.
func TestRelocatable(t *testing.T) {
	eachTargetFree(t, func(t *testing.T, tg gnutest.Target, dir string, objs []string) {
		obj, err := linkFiles(t, link.Config{Kind: link.Relocatable}, objs...)
		if err != nil {
			t.Fatal(err)
		}
		combined := filepath.Join(dir, "combined.o")
		linktest.WriteFile(t, combined, obj, 0o644)
		exe, err := linkFiles(t, link.Config{}, combined)
		if err != nil {
			t.Fatal(err)
		}
		out, code := tg.RunExe(t, dir, exe)
		checkFreeRun(t, "our link of the -r output", out, code)
		gnuExe := filepath.Join(dir, "gnu.out")
		tg.LinkGNU(t, gnuExe, combined)
		out, code = tg.Run(t, gnuExe)
		checkFreeRun(t, "GNU ld link of the -r output", out, code)
	})
}

// TestErrors checks the diagnostics for broken links.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	objs := compileFree(t, gnutest.AMD64, dir)
	tests := []struct {
		name  string
		cfg   link.Config
		files []string
		want  []string
	}{
		{"undefined", link.Config{}, objs[:1], []string{"undefined reference to 'lens' (from main.c.o:.text+0x", "undefined reference to 'greeting'"}},
		{"duplicate", link.Config{}, []string{objs[0], objs[1], objs[1]}, []string{"multiple definition of '"}},
		{"entry", link.Config{Entry: "nosuch"}, objs, []string{"undefined entry symbol 'nosuch'"}},
		{"machine", link.Config{Machine: elf.EM_AARCH64}, objs, []string{"does not match"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exe, err := linkFiles(t, tt.cfg, tt.files...)
			if err == nil {
				t.Fatalf("link succeeded (%d bytes)", len(exe))
			}
			for _, w := range tt.want {
				if !strings.Contains(strings.ReplaceAll(err.Error(), "amd64-", ""), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}
