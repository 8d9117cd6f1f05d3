package arm64

import (
	"debug/elf"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"github.com/naturekit/naturekit/asm"
)

var update = flag.Bool("update", false, "rewrite testdata/*.txtar golden output")

// The golden files testdata/*.txtar have an "input" section with one
// instruction per line (blank lines and lines starting with "//" are
// skipped) and an "output" section with one line per instruction:
//
//	CANONICAL // WORD [RELOC SYMBOL+ADDEND]
//	INPUT // error: MESSAGE
//
// CANONICAL is Inst.String() of the parsed line, WORD the 32-bit
// instruction word in hex (the bytes in the file are its little-endian
// encoding), and RELOC the relocation GNU as would emit when every symbol
// is undefined. Each instruction is encoded alone at offset 0 with
// asm.EncodeInst.

// goldenLines returns the instruction lines of a golden input section.
func goldenLines(data []byte) []string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "//") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// splitMnemonic splits an instruction line like the core does.
func splitMnemonic(line string) (string, string) {
	line = strings.TrimSpace(line)
	i := strings.IndexAny(line, " \t")
	if i < 0 {
		return strings.ToLower(line), ""
	}
	return strings.ToLower(line[:i]), strings.TrimSpace(line[i+1:])
}

// encodeLine parses and encodes one line alone.
func encodeLine(line string) (*Inst, uint32, []asm.Reloc, error) {
	mn, ops := splitMnemonic(line)
	in, err := Parse(mn, ops)
	if err != nil {
		return nil, 0, nil, err
	}
	code, rel, err := asm.EncodeInst(Arch{}, in, 0)
	if err != nil {
		return in, 0, nil, err
	}
	if len(code) != 4 {
		return in, 0, nil, fmt.Errorf("encoded %d bytes", len(code))
	}
	return in, binary.LittleEndian.Uint32(code), rel, nil
}

func goldenOutput(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		in, w, rel, err := encodeLine(l)
		if err != nil {
			fmt.Fprintf(&b, "%s // error: %v\n", l, err)
			continue
		}
		fmt.Fprintf(&b, "%s // %08x", in, w)
		for _, r := range rel {
			fmt.Fprintf(&b, " %s %s", relocName(r.Type), asm.SymOff(r.Symbol, r.Addend))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func goldenFiles(t testing.TB) []string {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	return files
}

func section(a *txtar.Archive, name string) []byte {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func TestGolden(t *testing.T) {
	for _, file := range goldenFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenOutput(goldenLines(section(a, "input")))
			if *update {
				a.Files = []txtar.File{{Name: "input", Data: section(a, "input")}, {Name: "output", Data: []byte(got)}}
				if err := os.WriteFile(file, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(section(a, "output")), got); diff != "" {
				t.Errorf("output mismatch (-want +got), rerun with -update:\n%s", diff)
			}
		})
	}
}

// TestRoundTrip checks that every golden instruction prints to text that
// parses back to an equal instruction with the same encoding.
func TestRoundTrip(t *testing.T) {
	for _, file := range goldenFiles(t) {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range goldenLines(section(a, "input")) {
			in, w, _, err := encodeLine(l)
			if in == nil {
				continue
			}
			text := in.String()
			in2, w2, _, err2 := encodeLine(text)
			if in2 == nil {
				t.Errorf("%s: %q does not parse: %v", l, text, err2)
				continue
			}
			if diff := cmp.Diff(in.Op, in2.Op) + cmp.Diff(in.Args(), in2.Args()); diff != "" {
				t.Errorf("%s: round trip through %q differs (-want +got):\n%s", l, text, diff)
			}
			if (err == nil) != (err2 == nil) || w != w2 {
				t.Errorf("%s: encodes to %08x (%v), reprinted %q to %08x (%v)", l, w, err, text, w2, err2)
			}
		}
	}
}

// relocName names an R_AARCH64 type, including the TLS LE load/store
// types debug/elf does not know.
func relocName(t uint32) string {
	switch t {
	case 553:
		return "R_AARCH64_TLSLE_LDST8_TPREL_LO12_NC"
	case 555:
		return "R_AARCH64_TLSLE_LDST16_TPREL_LO12_NC"
	case 557:
		return "R_AARCH64_TLSLE_LDST32_TPREL_LO12_NC"
	case 559:
		return "R_AARCH64_TLSLE_LDST64_TPREL_LO12_NC"
	}
	return elf.R_AARCH64(t).String()
}
