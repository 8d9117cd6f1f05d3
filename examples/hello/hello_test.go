package main

import (
	"bytes"
	"debug/elf"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/naturekit/naturekit/asm/oracle"
)

// run runs an executable (arm64 under qemu) and checks that it prints
// want and exits with status 42.
func run(t *testing.T, arch, path, want string) {
	t.Helper()
	cmd := exec.Command(path)
	if arch == "arm64" {
		cmd = exec.Command(oracle.Tool(t, "qemu-aarch64-static", "qemu-user-static"), path)
	}
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 42 {
		t.Fatalf("run: %v, want exit status 42", err)
	}
	if got := stdout.String(); got != want {
		t.Errorf("stdout = %q, want %q", got, want)
	}
}

// TestGNULinksOurObjects writes the objects our assembler makes as .o
// files, links them with GNU ld, and runs the result: the objects are
// real ELF that other tools understand.
func TestGNULinksOurObjects(t *testing.T) {
	linkers := map[string][2]string{
		"amd64": {"ld", "binutils"},
		"arm64": {"aarch64-linux-gnu-ld", "binutils-aarch64-linux-gnu"},
	}
	for _, arch := range []string{"amd64", "arm64"} {
		t.Run(arch, func(t *testing.T) {
			ld := oracle.Tool(t, linkers[arch][0], linkers[arch][1])
			f, err := Object(arch, "linked by GNU ld", 42)
			if err != nil {
				t.Fatal(err)
			}
			data, err := f.Marshal()
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			obj, exe := filepath.Join(dir, "hello.o"), filepath.Join(dir, "hello")
			if err := os.WriteFile(obj, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(ld, "-static", "-o", exe, obj).CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", ld, err, out)
			}
			run(t, arch, exe, "linked by GNU ld\n")
		})
	}
}

// TestHello builds both executables, checks their ELF structure with
// debug/elf, runs them (arm64 under qemu) and checks output and status.
func TestHello(t *testing.T) {
	for _, arch := range []string{"amd64", "arm64"} {
		t.Run(arch, func(t *testing.T) {
			exe, err := Build(arch, "hello from "+arch, 42)
			if err != nil {
				t.Fatal(err)
			}
			checkELF(t, exe, arch)
			path := filepath.Join(t.TempDir(), "hello")
			if err := os.WriteFile(path, exe, 0o755); err != nil {
				t.Fatal(err)
			}
			run(t, arch, path, "hello from "+arch+"\n")
		})
	}
}

func checkELF(t *testing.T, exe []byte, arch string) {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(exe))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}[arch]
	if f.Type != elf.ET_EXEC || f.Machine != want {
		t.Fatalf("type %v machine %v, want ET_EXEC %v", f.Type, f.Machine, want)
	}
	syms, err := f.Symbols()
	if err != nil {
		t.Fatal(err)
	}
	var start uint64
	for _, s := range syms {
		if s.Name == "_start" {
			start = s.Value
		}
	}
	if start == 0 || f.Entry != start {
		t.Errorf("entry %#x, _start %#x", f.Entry, start)
	}
	var text bool
	for _, p := range f.Progs {
		if p.Type == elf.PT_LOAD && p.Flags&elf.PF_X != 0 {
			text = f.Entry >= p.Vaddr && f.Entry < p.Vaddr+p.Memsz
			if p.Flags&elf.PF_W != 0 {
				t.Errorf("executable segment is writable")
			}
		}
	}
	if !text {
		t.Errorf("entry %#x not in an executable PT_LOAD segment", f.Entry)
	}
}
