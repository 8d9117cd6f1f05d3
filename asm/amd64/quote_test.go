package amd64

import (
	"fmt"
	"sort"
	"testing"

	"github.com/naturekit/naturekit/asm"
	"github.com/naturekit/naturekit/asm/internal/asmtest"
)

// Symbol names with characters beyond letters, digits, '_', '.' and '$'
// (the generic instances of a Nature program: main.box<int>.get) are
// written in double quotes, as GNU as reads them: as labels, in .globl,
// as branch targets, in memory operands, after offset and in data.
const quotedSrc = `.intel_syntax noprefix
.text
.globl "main.box<int>.get"
"main.box<int>.get":
	mov rax, qword ptr [rdi+8]
	ret
".Lmain.f<vec<int>>.1": nop
	jmp ".Lmain.f<vec<int>>.1"
	call "main.box<int>.get"
	call "main.ext<map<string,int>>"
	lea rax, [rip+"main.str<(x)>"]
	lea rcx, [rip+"main.str<(x)>"+16]
	mov rdx, offset "main.box<int>.get"
	mov rsi, qword ptr "main.q\"uo\\te"[rip]
	ret
.data
"main.str<(x)>": .quad "main.box<int>.get", "main.box<int>.get"+8
.quad "main.ext<map<string,int>>"-8
`

func TestQuotedSymbols(t *testing.T) {
	obj, err := asm.Assemble(Arch{}, "in.s", []byte(quotedSrc))
	if err != nil {
		t.Fatal(err)
	}
	var ours []string
	for _, s := range obj.Symbols {
		ours = append(ours, s.Name)
	}
	sort.Strings(ours)
	want := []string{"main.box<int>.get", "main.ext<map<string,int>>", "main.q\"uo\\te", "main.str<(x)>"}
	for _, w := range want {
		i := sort.SearchStrings(ours, w)
		if i == len(ours) || ours[i] != w {
			t.Errorf("symbol %q missing from %q", w, ours)
		}
	}

	// The same bytes, relocations and symbols as GNU as.
	path, msgs, err := asmtest.RunGNU(t, "as", "binutils", []string{"--64"}, quotedSrc)
	if err != nil {
		t.Fatalf("GNU as: %v\n%s", err, msgs)
	}
	text, syms, relocs := asmtest.Text(t, path)
	if got := obj.Section(".text").Data; string(got) != string(text) {
		t.Errorf(".text differs:\n\tGNU as: % x\n\tours:   % x", text, got)
	}
	var gnuRel, ourRel []string
	for _, r := range relocs {
		gnuRel = append(gnuRel, fmt.Sprintf("%d %s", r.Offset, relocString(r.Type, r.Symbol, r.Addend)))
	}
	for _, r := range obj.Section(".text").Reloc {
		ourRel = append(ourRel, fmt.Sprintf("%d %s", r.Offset, relocString(r.Type, r.Symbol, r.Addend)))
	}
	if fmt.Sprint(gnuRel) != fmt.Sprint(ourRel) {
		t.Errorf("relocations differ:\n\tGNU as: %q\n\tours:   %q", gnuRel, ourRel)
	}
	for _, w := range want {
		found := false
		for _, s := range syms {
			found = found || s.Name == w
		}
		if !found {
			t.Errorf("GNU as has no symbol %q", w)
		}
	}
}

// TestQuotedSymbolText: the Go API takes any name without NUL or newline,
// and the text form quotes exactly the names that need it.
func TestQuotedSymbolText(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"main.f", "main.f"},
		{"main.box<int>.get", `"main.box<int>.get"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"1x", `"1x"`},
	} {
		if got := asm.QuoteSymbol(c.name); got != c.text {
			t.Errorf("QuoteSymbol(%q) = %s, want %s", c.name, got, c.text)
		}
		e, err := asm.ParseExpr(c.text + "+4")
		if err != nil || e.Sym != c.name || e.Add != 4 {
			t.Errorf("ParseExpr(%s+4) = %+v, %v", c.text, e, err)
		}
		if got := asm.SymOff(c.name, -2).String(); got != c.text+"-2" {
			t.Errorf("Expr.String = %s, want %s-2", got, c.text)
		}
	}
	for _, bad := range []string{"", "a\nb", "a\x00b"} {
		if asm.ValidSymbolName(bad) {
			t.Errorf("ValidSymbolName(%q) = true", bad)
		}
	}
	for _, src := range []string{
		"\"unterminated:\n",
		".globl \"a\nb\"\n",
		"call \"x\n",
	} {
		if _, err := asm.Assemble(Arch{}, "bad.s", []byte(".intel_syntax noprefix\n"+src)); err == nil {
			t.Errorf("%q: no error", src)
		}
	}
}
