package arm64

import (
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/oracle"
)

// gasText assembles src with GNU as and returns the .text bytes and its
// relocations, or the line numbers (1-based) GNU as rejected.
func gasText(t testing.TB, src string) (text []byte, relocs []string, errLines map[int]string) {
	t.Helper()
	as := oracle.Tool(t, "aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.s")
	out := filepath.Join(dir, "out.o")
	if err := os.WriteFile(in, []byte(src), 0o666); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(as, "-o", out, in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		errLines = map[int]string{}
		re := regexp.MustCompile(`(?m)^[^:]*in\.s:(\d+): Error: (.*)$`)
		for _, m := range re.FindAllStringSubmatch(stderr.String(), -1) {
			n, _ := strconv.Atoi(m[1])
			errLines[n] = m[2]
		}
		if len(errLines) == 0 {
			t.Fatalf("GNU as failed without line errors: %v\n%s", err, stderr.String())
		}
		return nil, nil, errLines
	}
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sec := f.Section(".text")
	text, err = sec.Data()
	if err != nil {
		t.Fatal(err)
	}
	syms, _ := f.Symbols()
	if rs := f.Section(".rela.text"); rs != nil {
		data, _ := rs.Data()
		for i := 0; i+24 <= len(data); i += 24 {
			off := f.ByteOrder.Uint64(data[i:])
			info := f.ByteOrder.Uint64(data[i+8:])
			add := int64(f.ByteOrder.Uint64(data[i+16:]))
			name := ""
			if si := int(info >> 32); si > 0 && si-1 < len(syms) {
				name = syms[si-1].Name
				if elf.ST_TYPE(syms[si-1].Info) == elf.STT_SECTION {
					name = f.Sections[syms[si-1].Section].Name
				}
			}
			relocs = append(relocs, fmt.Sprintf("%#x %v %s%+d", off, elf.R_AARCH64(uint32(info)), name, add))
		}
	}
	return text, relocs, nil
}

// gasRejects returns which of lines GNU as rejects, each line assembled
// as part of a file of all of them. GNU as aborts on an internal error
// (which it has for some invalid operands) and then loses the errors it
// found before, so the lines before and after such a line are
// reassembled separately.
func gasRejects(t testing.TB, lines []string) map[int]bool {
	t.Helper()
	as := oracle.Tool(t, "aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu")
	dir := t.TempDir()
	rejected := map[int]bool{}
	re := regexp.MustCompile(`(?m)^[^:]*in\.s:(\d+): (Error|Internal error)`)
	var run func(start, end int)
	run = func(start, end int) {
		if start >= end {
			return
		}
		in := filepath.Join(dir, "in.s")
		if err := os.WriteFile(in, []byte(strings.Join(lines[start:end], "\n")+"\n"), 0o666); err != nil {
			t.Fatal(err)
		}
		out, _ := exec.Command(as, "-o", filepath.Join(dir, "out.o"), in).CombinedOutput()
		for _, m := range re.FindAllStringSubmatch(string(out), -1) {
			n, _ := strconv.Atoi(m[1])
			rejected[start+n-1] = true
			if m[2] == "Internal error" {
				run(start, start+n-1)
				run(start+n, end)
				return
			}
		}
	}
	run(0, len(lines))
	return rejected
}

// ourText assembles src with asm.Assemble and returns the same as gasText.
func ourText(t testing.TB, src string) (text []byte, relocs []string, errLines map[int]string) {
	t.Helper()
	obj, err := asm.Assemble(Arch{}, "in.s", []byte(src))
	if err != nil {
		errLines = map[int]string{}
		re := regexp.MustCompile(`^in\.s:(\d+): (.*)$`)
		for _, l := range strings.Split(err.Error(), "\n") {
			if m := re.FindStringSubmatch(l); m != nil {
				n, _ := strconv.Atoi(m[1])
				errLines[n] = m[2]
			}
		}
		if len(errLines) == 0 {
			t.Fatalf("asm.Assemble failed without line errors: %v", err)
		}
		return nil, nil, errLines
	}
	sec := obj.Section(".text")
	if sec == nil {
		return nil, nil, nil
	}
	for _, r := range sec.Reloc {
		relocs = append(relocs, fmt.Sprintf("%#x %v %s%+d", r.Offset, elf.R_AARCH64(r.Type), r.Symbol, r.Addend))
	}
	return sec.Data, relocs, nil
}
