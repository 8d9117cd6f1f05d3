package amd64

import (
	"bytes"
	"debug/elf"
	"encoding/hex"
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

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// splitInst splits an instruction line into mnemonic and operands, as the
// core's text parser does.
func splitInst(line string) (string, string) {
	line = strings.TrimSpace(line)
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		return strings.ToLower(line[:i]), strings.TrimSpace(line[i+1:])
	}
	return strings.ToLower(line), ""
}

// goldenLine parses, prints and encodes one instruction line and returns
// the golden output: "canonical // hex [relocs]" or "error: message".
func goldenLine(line string) string {
	mn, ops := splitInst(line)
	in, err := ParseInst(mn, ops)
	if err != nil {
		return "error: " + err.Error()
	}
	code, relocs, err := asm.EncodeInst(Arch{}, in, 0)
	if err != nil {
		return in.String() + " // error: " + err.Error()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s // %x", in, code)
	for _, r := range relocs {
		fmt.Fprintf(&b, " %v@%d:%s%+d", elf.R_X86_64(r.Type), r.Offset, r.Symbol, r.Addend)
	}
	return b.String()
}

func goldenFiles(t *testing.T) []string { return goldenFilesTB(t) }

func goldenFilesTB(tb testing.TB) []string {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		tb.Fatalf("no golden files: %v", err)
	}
	return files
}

func txtarParse(file string) (*txtar.Archive, error) { return txtar.ParseFile(file) }

// inputLines returns the non-blank, non-comment lines of a txtar section.
func inputLines(data []byte) []string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func section(a *txtar.Archive, name string) []byte {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

// TestGolden checks every testdata/*.txtar: the "input" section's
// instructions, parsed, printed and encoded, must give the "output"
// section. Run with -update to regenerate the outputs.
func TestGolden(t *testing.T) {
	for _, file := range goldenFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			a, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			for _, l := range inputLines(section(a, "input")) {
				out.WriteString(goldenLine(l))
				out.WriteByte('\n')
			}
			if *update {
				a.Files = []txtar.File{{Name: "input", Data: section(a, "input")}, {Name: "output", Data: out.Bytes()}}
				if err := os.WriteFile(file, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(section(a, "output")), out.String()); diff != "" {
				t.Errorf("output mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// goldenEncodings returns every successfully encoded golden output line
// as (instruction text, code).
func goldenEncodings(t *testing.T) (texts []string, codes [][]byte) {
	for _, file := range goldenFiles(t) {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range inputLines(section(a, "output")) {
			text, rest, ok := strings.Cut(l, " // ")
			if !ok || strings.HasPrefix(rest, "error") {
				continue
			}
			h, _, _ := strings.Cut(rest, " ")
			code, err := hex.DecodeString(h)
			if err != nil {
				t.Fatalf("%s: bad golden line %q", file, l)
			}
			texts, codes = append(texts, text), append(codes, code)
		}
	}
	return texts, codes
}

// TestRoundTrip checks that printing then parsing gives back an equal
// instruction, for every golden input.
func TestRoundTrip(t *testing.T) {
	for _, file := range goldenFiles(t) {
		a, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range inputLines(section(a, "input")) {
			in, err := ParseInst(splitInst(l))
			if err != nil {
				continue
			}
			s := in.String()
			back, err := ParseInst(splitInst(s))
			if err != nil {
				t.Errorf("%q printed as %q, which does not parse: %v", l, s, err)
				continue
			}
			if *back != *in {
				t.Errorf("%q -> %q -> different instruction:\n%+v\n%+v", l, s, in, back)
			}
		}
	}
}

// TestAssembleErrors assembles every line of testdata/errors.txtar as a
// source file of its own: asm.Assemble must fail and name the line (the
// core adds the position; Arch.ParseInst leaves the encoding check to
// Encode, so this also checks that deferred errors are reported).
func TestAssembleErrors(t *testing.T) {
	a, err := txtar.ParseFile("testdata/errors.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range inputLines(section(a, "input")) {
		_, err := asm.Assemble(Arch{}, "in.s", []byte(".intel_syntax noprefix\n.text\n"+l+"\n"))
		if err == nil {
			t.Errorf("%q assembles without error", l)
			continue
		}
		if !strings.HasPrefix(err.Error(), "in.s:3: ") {
			t.Errorf("%q: error %q does not name line 3", l, err)
		}
	}
}
