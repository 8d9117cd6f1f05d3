package main

import (
	"bytes"
	"debug/elf"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func nkas(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestObject(t *testing.T) {
	sources := map[string]string{
		"amd64": ".intel_syntax noprefix\n.globl f\nf: lea rax, [rip + data]\n call g\n ret\n.data\ndata: .quad f\n",
		"arm64": ".globl f\nf: adrp x0, data\n add x0, x0, :lo12:data\n bl g\n ret\n.data\ndata: .quad f\n",
	}
	machines := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}
	for arch, src := range sources {
		t.Run(arch, func(t *testing.T) {
			dir := t.TempDir()
			in, out := filepath.Join(dir, "x.s"), filepath.Join(dir, "x.o")
			if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			if code, _, stderr := nkas(t, "-arch", arch, "-o", out, in); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			f, err := elf.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if f.Type != elf.ET_REL || f.Machine != machines[arch] {
				t.Errorf("type %v machine %v", f.Type, f.Machine)
			}
			syms, err := f.Symbols()
			if err != nil {
				t.Fatal(err)
			}
			names := map[string]elf.SymBind{}
			for _, s := range syms {
				names[s.Name] = elf.ST_BIND(s.Info)
			}
			if names["f"] != elf.STB_GLOBAL || names["g"] != elf.STB_GLOBAL {
				t.Errorf("symbols %v: want global f (defined) and g (undefined)", names)
			}
			for _, name := range []string{".rela.text", ".rela.data"} {
				if f.Section(name) == nil {
					t.Errorf("no %s section", name)
				}
			}
		})
	}
}

func TestDump(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "x.s")
	os.WriteFile(in, []byte("nop\nret\n"), 0o644)
	code, stdout, _ := nkas(t, "-arch", "amd64", "-dump", in)
	if code != 0 || !strings.Contains(stdout, "0000  90 c3") {
		t.Errorf("exit %d, dump:\n%s", code, stdout)
	}
}

// TestErrors checks that every bad line is reported as file:line:, the
// exit status is 1, and no output file is written.
func TestErrors(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "bad.s"), filepath.Join(dir, "bad.o")
	src := "nop\nfrobnicate rax\nmov rax\n.quad undefined_a - undefined_b\n"
	if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := nkas(t, "-arch", "amd64", "-o", out, in)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, line := range []string{in + ":2: ", in + ":3: ", in + ":4: "} {
		if !strings.Contains(stderr, line) {
			t.Errorf("stderr lacks %q:\n%s", line, stderr)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output file exists after an error")
	}
	if code, _, _ := nkas(t, "-arch", "sparc", in); code != 2 {
		t.Errorf("unknown arch: exit %d, want 2", code)
	}
}
