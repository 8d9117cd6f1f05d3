package link_test

import (
	"bytes"
	"debug/elf"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/naturekit/naturekit/link"
	"github.com/naturekit/naturekit/link/internal/oracle"
	"github.com/naturekit/naturekit/link/object"
)

// TestRelocs links hand-written assembly that uses the relocations gcc
// rarely emits for C (GOT forms relaxed and not, GOTPC32, GOTOFF64, 32S,
// ADR, literal loads, test branches, MOVW groups) and checks the exit code.
func TestRelocs(t *testing.T) {
	for _, tc := range []struct {
		tg       target
		as, pkg  string
		src      string
		wantCode int
	}{
		{amd64, "as", "binutils", "testdata/relocs/amd64.s", 87},
		{arm64, "aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu", "testdata/relocs/arm64.s", 42},
	} {
		t.Run(tc.tg.name, func(t *testing.T) {
			t.Parallel()
			as := oracle.Tool(t, tc.as, tc.pkg)
			dir := t.TempDir()
			obj := filepath.Join(dir, "relocs.o")
			if out, err := exec.Command(as, "-o", obj, tc.src).CombinedOutput(); err != nil {
				t.Fatalf("%s: %v\n%s", as, err, out)
			}
			exe, err := linkFiles(t, link.Config{}, obj)
			if err != nil {
				t.Fatal(err)
			}
			checkExe(t, exe, tc.tg.machine, "_start")
			if _, code := run(t, tc.tg, dir, exe); code != tc.wantCode {
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
	ar := oracle.Tool(t, "ar", "binutils")
	dir := t.TempDir()
	objs := compile(t, amd64, freestandingFlags, dir, "testdata/free/main.c", "testdata/free/lib.c")
	lib := filepath.Join(dir, "liblib.a")
	if out, err := exec.Command(ar, "rcs", lib, objs[1]).CombinedOutput(); err != nil {
		t.Fatalf("ar: %v\n%s", err, out)
	}
	exe, err := linkFiles(t, link.Config{}, objs[0], lib)
	if err != nil {
		t.Fatal(err)
	}
	if out, code := run(t, amd64, dir, exe); out != freestandingOut || code != 7 {
		t.Errorf("exit %d stdout %q", code, out)
	}
	if _, err := linkFiles(t, link.Config{}, lib, objs[0]); err == nil {
		t.Errorf("archive before its user: link succeeded, want undefined references")
	}
}

// TestParallel runs several links at once (run with -race) and checks
// that they all produce the same bytes.
func TestParallel(t *testing.T) {
	dir := t.TempDir()
	free := compile(t, amd64, freestandingFlags, dir, "testdata/free/main.c", "testdata/free/lib.c")
	musl := muslInputs(t, dir)
	var inputs [2][]link.Input
	for i, files := range [][]string{free, musl} {
		for _, p := range files {
			data := readFile(t, p)
			in, err := link.Open(filepath.Base(p), data)
			if err != nil {
				t.Fatal(err)
			}
			inputs[i] = append(inputs[i], in)
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
	if _, code := run(t, amd64, dir, exe); code != 0 {
		t.Errorf("exit code %d", code)
	}
}
