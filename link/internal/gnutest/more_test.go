package gnutest_test

import (
	"bytes"
	"debug/elf"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/internal/gnutest"
	"github.com/naturekit/naturekit/link/internal/linktest"
	"github.com/naturekit/naturekit/link/object"
)

// TestRelocs links hand-written assembly that uses the relocations gcc
// rarely emits for C (GOT forms relaxed and not, GOTPC32, GOTOFF64, 32S,
// ADR, literal loads, test branches, MOVW groups) and checks the exit code.
func TestRelocs(t *testing.T) {
	for _, tc := range []struct {
		tg       gnutest.Target
		wantCode int
	}{
		{gnutest.AMD64, 87},
		{gnutest.ARM64, 42},
	} {
		t.Run(tc.tg.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			src := linktest.ReadFile(t, "testdata/relocs/"+tc.tg.Name+".s")
			obj := tc.tg.Assemble(t, dir, "relocs", string(src))
			exe, err := linkFiles(t, link.Config{}, obj)
			if err != nil {
				t.Fatal(err)
			}
			checkExe(t, exe, tc.tg.Machine, "_start")
			if _, code := tc.tg.RunExe(t, dir, exe); code != tc.wantCode {
				t.Errorf("exit code %d, want %d", code, tc.wantCode)
			}
		})
	}
}

// TestOverflow checks the diagnostic for a relocation whose value does not
// fit its field.
func TestOverflow(t *testing.T) {
	text := &object.Section{Name: ".text", Type: elf.SHT_PROGBITS, Flags: elf.SHF_ALLOC | elf.SHF_EXECINSTR,
		Data: make([]byte, 32), Size: 32}
	far := &object.Symbol{Name: "bar", Shndx: elf.SHN_ABS, Value: 1 << 40, Bind: elf.STB_GLOBAL}
	start := &object.Symbol{Name: "_start", Section: text, Bind: elf.STB_GLOBAL, Type: elf.STT_FUNC}
	text.Relocs = []object.Reloc{
		{Offset: 0x10, Type: uint32(elf.R_X86_64_PC32), Symbol: far, Addend: -4},
		{Offset: 0x18, Type: uint32(elf.R_X86_64_32), Symbol: far},
	}
	f := &object.File{Name: "foo.o", Machine: elf.EM_X86_64, Sections: []*object.Section{text}, Symbols: []*object.Symbol{start, far}}
	_, err := link.Link(link.Config{}, link.Input{Object: f})
	want := "relocation R_X86_64_PC32 out of range at foo.o:.text+0x10 against 'bar'\n" +
		"relocation R_X86_64_32 out of range at foo.o:.text+0x18 against 'bar'"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v\nwant %s", err, want)
	}
}

// TestArchiveOrder checks that archive members are pulled on demand and
// that, as with ld, an archive only satisfies references made before it.
func TestArchiveOrder(t *testing.T) {
	dir := t.TempDir()
	objs := compileFree(t, gnutest.AMD64, dir)
	lib := filepath.Join(dir, "liblib.a")
	gnutest.Exec(t, gnutest.AMD64.Binutil(t, "ar"), "rcs", lib, objs[1])
	exe, err := linkFiles(t, link.Config{}, objs[0], lib)
	if err != nil {
		t.Fatal(err)
	}
	out, code := gnutest.AMD64.RunExe(t, dir, exe)
	checkFreeRun(t, "main.o liblib.a", out, code)
	if _, err := linkFiles(t, link.Config{}, lib, objs[0]); err == nil {
		t.Errorf("archive before its user: link succeeded, want undefined references")
	}
}

// TestParallel runs several links at once (run with -race) and checks
// that they all produce the same bytes.
func TestParallel(t *testing.T) {
	dir := t.TempDir()
	var inputs [2][]link.Input
	for i, files := range [][]string{compileFree(t, gnutest.AMD64, dir), muslInputs(t, dir)} {
		var err error
		if inputs[i], err = openFiles(t, files...); err != nil {
			t.Fatal(err)
		}
	}
	const n = 8
	var wg sync.WaitGroup
	results := make([][]byte, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() { results[i], errs[i] = link.Link(link.Config{}, inputs[i%2]...) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("link %d: %v", i, errs[i])
		}
		if !bytes.Equal(results[i], results[i%2]) {
			t.Errorf("link %d differs from link %d", i, i%2)
		}
	}
	if d := cmp.Diff(len(results[0]) > 0, true); d != "" {
		t.Error(d)
	}
}

// TestGenerated links a small instance of the benchmark's generated
// program and runs it.
func TestGenerated(t *testing.T) {
	dir := t.TempDir()
	files := generateLarge(t, dir, 5, 20)
	exe, err := linkFiles(t, link.Config{}, files...)
	if err != nil {
		t.Fatal(err)
	}
	checkExe(t, exe, elf.EM_X86_64, "_start")
	if _, code := gnutest.AMD64.RunExe(t, dir, exe); code != 0 {
		t.Errorf("exit code %d", code)
	}
}
