package arm64

import (
	"debug/elf"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// gnuAs runs GNU as for arm64 on src.
func gnuAs(t testing.TB, src string) (obj, msgs string, err error) {
	t.Helper()
	return asmtest.RunGNU(t, "aarch64-linux-gnu-as", "binutils-aarch64-linux-gnu", nil, src)
}

// relocString formats a relocation for comparison.
func relocString(off uint64, typ uint32, sym string, addend int64) string {
	return fmt.Sprintf("%#x %v %s%+d", off, elf.R_AARCH64(typ), sym, addend)
}

// gasText assembles src with GNU as and returns the .text bytes and its
// relocations, or the line numbers (1-based) GNU as rejected.
func gasText(t testing.TB, src string) (text []byte, relocs []string, errLines map[int]string) {
	t.Helper()
	obj, msgs, err := gnuAs(t, src)
	if err != nil {
		errLines = map[int]string{}
		re := regexp.MustCompile(`(?m)^[^:]*in\.s:(\d+): Error: (.*)$`)
		for _, m := range re.FindAllStringSubmatch(msgs, -1) {
			n, _ := strconv.Atoi(m[1])
			errLines[n] = m[2]
		}
		if len(errLines) == 0 {
			t.Fatalf("GNU as failed without line errors: %v\n%s", err, msgs)
		}
		return nil, nil, errLines
	}
	text, _, rels := asmtest.Text(t, obj)
	for _, r := range rels {
		relocs = append(relocs, relocString(r.Offset, r.Type, r.Symbol, r.Addend))
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
	rejected := map[int]bool{}
	re := regexp.MustCompile(`(?m)^[^:]*in\.s:(\d+): (Error|Internal error)`)
	var run func(start, end int)
	run = func(start, end int) {
		if start >= end {
			return
		}
		_, msgs, _ := gnuAs(t, strings.Join(lines[start:end], "\n")+"\n")
		for _, m := range re.FindAllStringSubmatch(msgs, -1) {
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
		relocs = append(relocs, relocString(r.Offset, r.Type, r.Symbol, r.Addend))
	}
	return sec.Data, relocs, nil
}
